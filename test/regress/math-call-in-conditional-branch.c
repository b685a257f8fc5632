// Fuzzer seed 700865, reduced by hand: in `c(x) ? b : sinh(tanh(x[1]))`
// with a call in the condition, the math calls of the branches stayed
// inside the expression and the adjoint dropped their derivative.  Every
// call now gets a statement of its own (and the adjoint refuses to drop one).
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

static double h(const double *x) { return x[0] - 1; }

double f(const double *x, double b) { return h(x) <= 0.0 ? b : sinh(tanh(x[1])); }
#pragma cgrad differentiate f

double f_vjp(const double *x, double *x_b, double b, double *b_b, double ret_b);

int main(void) {
    double x[2] = {2.0, 0.4}, xb[2] = {0, 0}, bb = 0;
    f_vjp(x, xb, 0.5, &bb, 1.0);
    double t = tanh(0.4);
    check_near("through sinh(tanh(x1))", xb[1], cosh(t) * (1 - t * t), 1e-15);
    check_true("nothing through the untaken branch", bb == 0 && xb[0] == 0);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
