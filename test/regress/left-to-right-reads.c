// Fuzzer seed 700793, reduced by hand: in y[0] / (1.5 + g(y)), where g
// writes y[0], the read of y[0] was moved after the call.  C leaves the
// order unspecified; cgrad keeps the left-to-right order the compilers use,
// in both modes, so the generated functions compute what f computes.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

static double g(double *y) {
    y[0] = 3.0 * y[1];
    return y[0];
}

double f(double *y) { return y[0] / (1.5 + g(y)); }
#pragma cgrad differentiate f

double f_jvp(double *y, double *y_d, double *ret_d);
double f_vjp(double *y, double *y_b, double ret_b);

int main(void) {
    double y[2] = {0.7, 0.2}, yd[2] = {1, 0}, yb[2] = {0, 0}, rd;
    double want = 0.7 / (1.5 + 0.6);
    double r1 = f_jvp(y, yd, &rd);
    y[0] = 0.7, y[1] = 0.2;
    double r2 = f_vjp(y, yb, 1.0);
    check_near("f_jvp value", r1, want, 1e-15);
    check_near("f_vjp value", r2, want, 1e-15);
    check_near("d f / d y0 (tangent)", rd, 1 / 2.1, 1e-15);
    check_near("d f / d y0 (adjoint)", yb[0], 1 / 2.1, 1e-15);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
