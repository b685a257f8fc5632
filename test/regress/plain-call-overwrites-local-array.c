// Fuzzer seed 12003392, reduced by hand: a call whose arguments carry no
// derivative runs as it is and records nothing, and here it overwrites a
// local array that the reverse sweep reads afterwards (for the partials of
// the statement before it).  The reverse sweep read the new values, and
// FUNC_vjp was wrong (dot-product test off by 0.5%).  Such an array is now
// saved whole around the call and restored at its place in reverse.
// RUN: %cgrad %s -o %t.c
// RUN: %filecheck --check-prefix=GEN %s < %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <string.h>
#include "check.h"

static void fill(double *h, int n) {
    for (int i = 0; i < n; i++) h[i] = 0.5 + i;
}

// GEN-LABEL: double f_vjp(
// GEN: cg_push_f64(_tp, _t{{.*}});
// GEN: fill(h, 2);
double f(const double *x) {
    double h[2] = {0.3, 0.7};
    double s = x[0] * x[0] * h[0] + x[1] * h[1];
    fill(h, 2);
    return s + x[0] * h[1];
}
#pragma cgrad differentiate f

double f_jvp(const double *x, const double *x_d, double *ret_d);
double f_vjp(const double *x, double *x_b, double ret_b);

static double fx(const double *x) { return f(x); }

int main(void) {
    const double x[2] = {0.4, -0.9}, v[2] = {0.7, -0.2};
    double xb[2] = {0}, rd;
    check_true("f_jvp returns f", f_jvp(x, v, &rd) == f(x));
    check_near("jvp against central differences", rd, fd_dir(fx, x, v, 2, 1e-6), 1e-7);
    check_true("f_vjp returns f", f_vjp(x, xb, 1.0) == f(x));
    check_near("dot-product test", xb[0] * v[0] + xb[1] * v[1], rd, 1e-12);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
