// A loop condition that changes a differentiated value, or calls a function
// that does, runs its effects with their derivatives on every test, in both
// modes (while (c) B becomes for (;;) { c's effects; if (!c) break; B }).
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

int steps;

double g(double x) {
    double s = 0;
    int i = 0;
    while ((s += x) < 10) i++;   /* s = k x for the first k with k x >= 10 */
    steps = i;
    return s * s;
}
#pragma cgrad differentiate g

double g_jvp(double x, double x_d, double *ret_d);
double g_vjp(double x, double *x_b, double ret_b);

int main(void) {
    double d, b = 0;
    g_jvp(3.0, 1.0, &d);   /* s = 12 = 4 x: d(16 x^2)/dx = 96 */
    g_vjp(3.0, &b, 1.0);
    check_near("g_jvp", d, 96.0, 1e-15);
    check_near("g_vjp", b, 96.0, 1e-15);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
