// The same parallel gradients under ThreadSanitizer, with LLVM's Archer tool
// making OpenMP's synchronization visible to it: the tape is thread-local,
// so no data race may be reported.  (Not in the ASan build: one sanitizer
// at a time.)
// UNSUPPORTED: sanitize
// RUN: %cgrad %S/parallel.c -o %t.c
// RUN: %cc -fsanitize=thread -fopenmp %t.c %S/../../runtime/tape.c %S/../../runtime/error.c -o %t -lm
// RUN: env OMP_NUM_THREADS=4 OMP_TOOL_LIBRARIES=%llvmlib/libarcher.so TSAN_OPTIONS="halt_on_error=1 ignore_noninstrumented_modules=1" %t 2>&1 | FileCheck %s
// CHECK-NOT: ThreadSanitizer
// CHECK: ALL OK
