// @file arguments: GNU quoting, nesting, cgradcc's own options inside; and a
// command line too long for the kernel reaches the compiler as a response file.
// RUN: rm -rf %t && mkdir -p "%t/with space" && cd %t && cp %s rsp.c
// RUN: echo "'-DFROM_INNER=1' \"-DOFFSET=1.0\"" > inner.rsp
// RUN: echo "-c rsp.c -o 'with space/r.o' @%t/inner.rsp" > outer.rsp
// RUN: cgradcc @outer.rsp
// RUN: llvm-nm "with space/r.o" | FileCheck %s
// CHECK: T rsp_jvp
// RUN: echo "--show -c rsp.c @%t/inner.rsp" > show.rsp
// RUN: cgradcc @show.rsp | FileCheck --check-prefix=SHOW %s
// SHOW: cgrad -DFROM_INNER=1 -DOFFSET=1.0
// An @file that does not exist is the compiler's to complain about.
// RUN: not cgradcc @nothere.rsp -c rsp.c @inner.rsp 2>&1 | FileCheck --check-prefix=MISSING %s
// MISSING: nothere.rsp
// About 150 KiB of flags: the compiler gets them through a response file.
// RUN: python3 -c "print(' '.join('-DUNUSED_MACRO_NUMBER_%%d=%%d' %% (i, i) for i in range(5000)))" > big.rsp
// RUN: cgradcc -c rsp.c -o big.o @inner.rsp @big.rsp
// RUN: llvm-nm big.o | FileCheck %s
#if !defined(FROM_INNER)
#error "the inner response file was not read"
#endif
double rsp(double x) { return x + OFFSET; }
#pragma cgrad differentiate rsp mode(tangent)
