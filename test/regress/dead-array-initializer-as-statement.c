// cgrad fuzzer (test/fuzz), seed 1012, reduced by the runner then by hand.
// FIXED BUG, kept as a regression test (generated code does not compile): an inactive local array whose
// brace initializer calls a function is dropped from f_jvp/f_vjp, but its
// initializer list is kept as an expression statement:
//     {sin(b), b};        error: expected ';' after expression
// (kept, presumably, because a call might have side effects).  Either keep
// the declaration or emit the calls alone ((void)sin(b);).
// RUN: %cgrad %s -o %t.c
// RUN: %cc -Wno-unused-variable -c %t.c -o %t.o
#include <math.h>
double f(double s, double b) {
    double h[2] = {sin(b), b};
    return s;
}
#pragma cgrad differentiate f wrt(s)
