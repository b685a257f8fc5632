// setjmp/longjmp in a differentiated function is an error at the call: a
// non-local jump would skip the reverse sweep.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | FileCheck %s
// RUN: not test -e %t.c
#include <setjmp.h>

jmp_buf jb;

double f(double x) {
    // CHECK: setjmp.c:[[@LINE+1]]:9: error: cannot differentiate through '{{_?}}setjmp': non-local jumps have no reverse; restructure with return values
    if (setjmp(jb)) return 0;
    return x * x;
}
// CHECK: setjmp.c:[[@LINE+1]]:1: note: while differentiating 'f', requested here
#pragma cgrad differentiate f
