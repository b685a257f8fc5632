// Fuzzer seed 400491, reduced: a callee reads an array (h reads y[2]) whose
// element the caller then overwrites with the callee's result.  The caller
// did not know that the callee's reverse half reads that memory, so it did
// not save y[2] before the store, and h's reverse saw the new value.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

static double h(const double *x) { return x[0] / (1.5 + x[2] * x[2]); }

void f(double *y) { y[1] = -h(y); y[2] = -h(y); }
#pragma cgrad differentiate f

void f_jvp(double *y, double *y_d);
void f_vjp(double *y, double *y_b);

int main(void) {
    const double y0[3] = {0.3, 0.4, 0.5}, v[3] = {0.7, -0.1, 0.2}, w[3] = {0.1, 0.9, -0.4};
    double y[3], yd[3], yb[3];
    for (int i = 0; i < 3; i++) y[i] = y0[i], yd[i] = v[i];
    f_jvp(y, yd);
    double lhs = 0, rhs = 0;
    for (int i = 0; i < 3; i++) lhs += yd[i] * w[i], y[i] = y0[i], yb[i] = w[i];
    f_vjp(y, yb);
    for (int i = 0; i < 3; i++) rhs += yb[i] * v[i];
    check_near("dot-product test", lhs, rhs, 1e-14);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
