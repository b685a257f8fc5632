// Queries pass through untouched: their output is the real compiler's.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: env -u CGRAD_CC cgradcc --version | FileCheck --check-prefix=VERSION %s
// VERSION: clang version 19
// RUN: env -u CGRAD_CC cgradcc -dumpmachine > mine && clang-19 -dumpmachine > real && diff mine real
// RUN: env -u CGRAD_CC cgradcc -print-prog-name=ld > mine && clang-19 -print-prog-name=ld > real && diff mine real
// RUN: env -u CGRAD_CC cgradcc -print-search-dirs > mine && clang-19 -print-search-dirs > real && diff mine real
// RUN: env -u CGRAD_CC cgradcc --show -print-libgcc-file-name | FileCheck --check-prefix=SHOW %s
// SHOW: {{^[^ ]*}}clang-19 -print-libgcc-file-name{{$}}
// SHOW-NOT: {{.}}
//
// -v and -### pass through: the compiler's commands are printed (cgradcc's
// translator line too, for -v); -### runs nothing, so nothing is written.
// RUN: cgradcc -v -c %s -o v.o 2>&1 | FileCheck --check-prefix=V %s
// V: {{^}} {{[^ ]*}}cgrad {{.*}}query.c -o
// V: cc1
// RUN: env -u CGRAD_CC cgradcc '-###' -c %s -o hash.o 2>&1 | FileCheck --check-prefix=HASH %s
// RUN: env -u CGRAD_CC cgradcc '-###' %s -o hash 2>&1 | FileCheck --check-prefix=HASH %s
// HASH: "-cc1"
// HASH-SAME: /0/query.c"
// RUN: not ls hash.o hash
double query(double x) { return -x; }
#pragma cgrad differentiate query mode(tangent)
