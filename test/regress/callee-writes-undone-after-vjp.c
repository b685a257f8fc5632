// cgrad fuzzer (test/fuzz), seed 23, reduced by hand.
// FIXED BUG, kept as a regression test (contract: _vjp must leave memory as FUNC would): when FUNC calls a
// function of the file that writes through a pointer parameter, the
// callee's reverse half (h_rev_x) restores the memory it overwrote, and
// nothing re-applies the write at the end of f_vjp: after f_vjp, x holds
// its entry value 1 instead of f's result 2.  The derivatives are right;
// the primal output is lost (f_jvp leaves x = 2 correctly).
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: ALL OK
#include <math.h>
#include "check.h"

static double h(double *x) {
    x[0] = 2 * x[0];
    return x[0];
}

double f(double *x, double a) { return a + h(x); }
#pragma cgrad differentiate f

double f_vjp(double *x, double *x_b, double a, double *a_b, double ret_b);
double f_jvp(double *x, double *x_d, double a, double a_d, double *ret_d);

int main(void) {
    double x[1] = {1}, xb[1] = {1}, ab = 0, xd[1] = {1}, rd = 0;
    f_vjp(x, xb, 0.5, &ab, 1.0);
    check_near("f_vjp leaves x as f does", x[0], 2.0, 0);
    check_near("f_vjp: x_b", xb[0], 4.0, 1e-15);
    x[0] = 1;
    f_jvp(x, xd, 0.5, 1.0, &rd);
    check_near("f_jvp leaves x as f does", x[0], 2.0, 0);
    return check_done();
}
