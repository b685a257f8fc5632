// cgrad fuzzer (test/fuzz), seed 100262, reduced by the runner then by hand.
// FIXED BUG, kept as a regression test (translator crash): a math call on an active value passed directly as
// an argument of a call to a function of the file, next to a ?: argument,
// aborts the translator:
//   cgrad: internal compiler error at compiler/ad/tangent.c:95: active call
//   to 'cos' left inside an expression        (exit status 3, no output)
// RUN: %cgrad %s -o %t.c
// RUN: %cc -Wno-error -c %t.c -o %t.o
#include <math.h>
static void h(double q0, double q1, double *x) { x[0] = q0 * q1; }

void f(double *x) {
    h(cos(x[0]), (x[1] > 0.5 ? x[1] : 0.25), x + 2);
}
#pragma cgrad differentiate f
