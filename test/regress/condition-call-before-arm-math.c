// Found by the fuzzer (seed 24110): in `c(y) ? sin(y[1]) : x[0]`, the
// adjoint normal form hoisted the arm's math call above the condition's
// call, so sin read y[1] before c changed it: `_vjp` computed another
// function (its primal results differed from FUNC's) and a wrong gradient.
// The condition is now normalized before the branches.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

static double bump(double *y) {
    y[1] += 1.0;
    return y[0];
}

double f(const double *x, double *y) {
    y[0] *= bump(y) > -1 ? tan(0.5 * sin(y[1])) : x[0];
    return y[0];
}
#pragma cgrad differentiate f check(x = 1, y = 2)

double f_check(const double *x, double *y, double tol);
double f_vjp(const double *x, double *x_b, double *y, double *y_b, double ret_b);

int main(void) {
    double x[1] = {0.4}, y[2] = {0.5, 0.25}, yv[2] = {0.5, 0.25}, xb[1] = {0}, yb[2] = {0};
    double want = f(x, y), got = f_vjp(x, xb, yv, yb, 1.0);
    check_near("f_vjp returns what f returns", got, want, 0);
    check_near("and leaves y as f does", yv[1], y[1], 0);
    y[0] = 0.5, y[1] = 0.25;
    check_true("jvp and vjp against differences", f_check(x, y, 1e-6) < 1e-7);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
