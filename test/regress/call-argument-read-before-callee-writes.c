// Fuzzer seed 600600, reduced by hand: a by-value argument read from memory
// that the callee then overwrites (h(y[3], y)) was evaluated again, after
// the callee had run, for the call of the callee's reverse half.  Arguments
// read from memory now go into temporaries before the call.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

static double h(double b, double *y) {
    for (int i = 0; i < 4; i++) y[i] = 2.0;
    y[0] = b * b;
    return b;
}

void f(double *y) { h(y[3], y); }   /* y = (y3^2, 2, 2, 2) */
#pragma cgrad differentiate f

void f_vjp(double *y, double *y_b);

int main(void) {
    double y[4] = {0.1, 0.2, 0.3, 0.7}, yb[4] = {1, 0, 0, 0};
    f_vjp(y, yb);
    check_near("d y0 / d y3 at entry", yb[3], 2 * 0.7, 1e-15);
    check_true("the overwritten entries' adjoints end at zero", yb[0] == 0 && yb[1] == 0 && yb[2] == 0);
    check_true("y as f leaves it", y[0] == 0.7 * 0.7 && y[3] == 2.0);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
