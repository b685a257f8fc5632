// Fuzzer seeds 800664 and 800874, reduced by hand: a callee's local array,
// overwritten in a loop and walked by a pointer, was recorded by address and
// by raw pointer in the callee's forward half, and those addresses dangled
// in its reverse half, which has its own frame (ASan: stack-use-after-
// return).  Local arrays now record values and pointers into them offsets.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

static double h(const double *x, double c) {
    double a[4];
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < 4; i++) a[i] = (k ? a[i] : 1.0) * sin(x[i] + c);   /* overwritten, read nonlinearly */
    double s = 0;
    const double *p = a;
    int n = 4;
    while (n-- > 0) s += *p++ * c;
    return s;
}

double f(const double *x, double c) { return h(x, c) + h(x, 2 * c); }
#pragma cgrad differentiate f

double f_vjp(const double *x, double *x_b, double c, double *c_b, double ret_b);

static double fx(const double *x) { return f(x, 0.3); }

int main(void) {
    double x[4] = {0.1, 0.5, -0.2, 0.7}, xb[4] = {0}, cb = 0;
    f_vjp(x, xb, 0.3, &cb, 1.0);
    double worst = 0;
    for (int i = 0; i < 4; i++) {
        double v[4] = {0};
        v[i] = 1;
        worst = fmax(worst, fabs(xb[i] - fd_dir(fx, x, v, 4, 1e-6)));
    }
    check_true("gradient through a callee's local array", worst < 1e-8);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
