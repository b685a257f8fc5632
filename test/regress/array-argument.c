// Fuzzer seed 300458, reduced: a local array passed whole (decayed to a
// pointer) to a function of the file was treated as carrying no derivative,
// next to slices of the same array (h + 1) that were: the tangent and the
// adjoint lost the path through the whole-array argument.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

static double h3(const double *x0, const double *y1, const double *z2) {
    double r9 = z2[3];
    return r9 + y1[3] * r9 + x0[0];
}

double f(double b0) {
    double h[5];
    for (int i = 0; i < 5; i++) h[i] = b0 * (i + 1);
    return h3(h + 3, h + 1, h);   /* 4 b0 + (5 b0)(4 b0) + 4 b0 = 8 b0 + 20 b0^2 */
}
#pragma cgrad differentiate f

double f_jvp(double b0, double b0_d, double *ret_d);
double f_vjp(double b0, double *b0_b, double ret_b);

int main(void) {
    double d, b = 0;
    f_jvp(0.7, 1.0, &d);
    f_vjp(0.7, &b, 1.0);
    check_near("f_jvp", d, 8 + 40 * 0.7, 1e-14);
    check_near("f_vjp", b, 8 + 40 * 0.7, 1e-14);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
