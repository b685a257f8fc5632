// cgrad fuzzer (test/fuzz), seed 25, reduced by hand.
// FIXED BUG, kept as a regression test (WRONG DERIVATIVE, silent): a by-value parameter left out of wrt(...)
// is treated as inactive for the whole function, even after it is assigned
// a value that depends on the active inputs (c0 += 0.1 * r1).  Both _jvp
// and _vjp drop the path through c0: they give d/dx = 1, the true value is
// 1 + 0.9 * 0.1 = 1.09.  Being outside wrt only means c0's tangent at entry
// is zero; activity must follow the assignment.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: ALL OK
#include <math.h>
#include "check.h"

double f(double c0, const double *x) {
    double r1 = x[0] - c0;
    c0 += 0.1 * r1;
    return r1 + 0.9 * c0;
}
#pragma cgrad differentiate f wrt(x) out(return)

double f_vjp(double c0, const double *x, double *x_b, double ret_b);
double f_jvp(double c0, const double *x, const double *x_d, double *ret_d);

int main(void) {
    double x[1] = {0.3}, xb[1] = {0}, xd[1] = {1}, jv = 0;
    f_vjp(0.5, x, xb, 1.0);
    f_jvp(0.5, x, xd, &jv);
    check_near("f_vjp: d/dx", xb[0], 1.09, 1e-14);
    check_near("f_jvp: d/dx", jv, 1.09, 1e-14);
    return check_done();
}
