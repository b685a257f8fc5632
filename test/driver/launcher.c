// Compiler-launcher mode (`cgradcc <compiler> args`, as CMake's
// C_COMPILER_LAUNCHER runs it), and cgradcc never running itself.
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s launched.c
// RUN: cgradcc clang-19 --show -c launched.c | FileCheck --check-prefix=CLANG %s
// CLANG: cgrad {{.*}} launched.c -o
// CLANG-NEXT: {{^}}clang-19 -iquote . -c
// RUN: cgradcc clang-19 -O1 -c launched.c -o launched.o
// RUN: llvm-nm launched.o | FileCheck --check-prefix=SYMS %s
// SYMS: T launched_jvp
//
// cgradcc named as its own compiler is skipped (CC=cgradcc plus the launcher).
// RUN: cgradcc cgradcc clang-19 --show -c launched.c | FileCheck --check-prefix=CLANG %s
// RUN: env -u CGRAD_CC cgradcc cgradcc --show -c launched.c | FileCheck --check-prefix=DEFAULT %s
// DEFAULT: {{^}}{{[^ ]*}}clang{{[^ ]*}} -iquote . -c
// RUN: env CGRAD_CC=cgradcc cgradcc --show -c launched.c 2>&1 | FileCheck --check-prefix=SELF %s
// SELF: cgradcc: warning: CGRAD_CC names cgradcc itself; using {{.*}}clang
// SELF: {{^}}{{[^ ]*}}clang{{[^ ]*}} -iquote . -c
//
// A cgradcc started by cgradcc (it was the "real compiler" after all) only
// passes its arguments to the compiler: no second translation, no runtime.
// RUN: env CGRADCC_ACTIVE=1 cgradcc --show -c launched.c -o x.o | FileCheck --check-prefix=NESTED %s
// NESTED: {{^}}{{[^ ]*}}clang{{[^ ]*}} -c launched.c -o x.o{{$}}
// NESTED-NOT: {{.}}
double launched(double x) { return x / 4.0; }
#pragma cgrad differentiate launched mode(tangent)
