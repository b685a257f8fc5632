// Side effects inside ?:, && and || run exactly when C runs them: the
// translator turns them into if statements, in both modes.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

static int calls;
static double counted(double v) { calls++; return v * v; }
#pragma cgrad derivative counted tangent(counted_jvp) adjoint(counted_vjp)
static double counted_jvp(double v, double v_d, double *ret_d) { *ret_d = 2 * v * v_d; return counted(v); }
static double counted_vjp(double v, double *v_b, double ret_b) { *v_b += 2 * v * ret_b; return counted(v); }

double pick(double x, double y) { return x > 0 ? (y = x) : y; }
#pragma cgrad differentiate pick

double guarded(double x, double y) {
    double r = 0;
    if (x > 0 && counted(y) > 1) r = x * y;
    return r + (x < -5 ? counted(x) : sin(y));
}
#pragma cgrad differentiate guarded

double pick_jvp(double x, double x_d, double y, double y_d, double *ret_d);
double pick_vjp(double x, double *x_b, double y, double *y_b, double ret_b);
double guarded_jvp(double x, double x_d, double y, double y_d, double *ret_d);
double guarded_vjp(double x, double *x_b, double y, double *y_b, double ret_b);

int main(void) {
    double d, xb = 0, yb = 0;
    pick_jvp(2.0, 1.0, 5.0, 10.0, &d);
    check_near("pick takes x when x > 0", d, 1.0, 0);
    pick_jvp(-2.0, 1.0, 5.0, 10.0, &d);
    check_near("pick takes y otherwise", d, 10.0, 0);
    pick_vjp(-2.0, &xb, 5.0, &yb, 1.0);
    check_true("pick adjoint goes to y", xb == 0.0 && yb == 1.0);

    calls = 0;
    guarded_jvp(-1.0, 1.0, 3.0, 0.0, &d);
    check_true("&& skips its right side when the left is false", calls == 0);
    xb = yb = 0;
    double v = guarded_vjp(2.0, &xb, 3.0, &yb, 1.0);
    check_near("guarded value", v, 6.0 + sin(3.0), 1e-15);
    check_near("guarded d/dx", xb, 3.0, 1e-15);
    check_near("guarded d/dy", yb, 2.0 + cos(3.0), 1e-15);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
