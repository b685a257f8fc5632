// do B while (c) where c calls a function of the file: c's effects run
// with their derivatives after every pass (fuzzer seed 700589).
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

static double h(double v) { return sin(v); }

double f(double x) {
    int n = 0;
    double s = 0;
    do {
        n++;
        s += x * n;
    } while (n < 6 && h(x * s) >= -0.3);
    return s;
}
#pragma cgrad differentiate f

double f_jvp(double x, double x_d, double *ret_d);
double f_vjp(double x, double *x_b, double ret_b);

int main(void) {
    double d, b = 0, h = 1e-6, x = 0.4;
    f_jvp(x, 1.0, &d);
    f_vjp(x, &b, 1.0);
    double fd = (f(x + h) - f(x - h)) / (2 * h);
    check_near("f_jvp vs central differences", d, fd, 1e-8);
    check_near("f_vjp vs central differences", b, fd, 1e-8);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
