// Found by a blind test corpus: parameters written as arrays (`x[]`, `x[4]`,
// `x[static 4]`) are pointers in C (C11 6.7.6.3p7), but cgrad took them
// for arrays: the default wrt skipped them (f_jvp returned 0 and f_vjp had
// no x_b), wrt(x) called their type 'int', and `void f(x[3], y[3])` had "no
// output".
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

double sumsq(const double x[], int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * x[i];
    return s;
}
#pragma cgrad differentiate sumsq

double ends(const double x[static 4]) { return x[0] * x[3]; }
#pragma cgrad differentiate ends wrt(x)

void squares(const double x[3], double y[3]) {
    for (int i = 0; i < 3; i++) y[i] = x[i] * x[i];
}
#pragma cgrad differentiate squares mode(adjoint)

// CODE: double sumsq_jvp(const double *x, const double *x_d, int n, double *ret_d);
// CODE: double ends_vjp(const double *x, double *x_b, double ret_b);
// CODE: void squares_vjp(const double *x, double *x_b, double *y, double *y_b);

double sumsq_jvp(const double *x, const double *x_d, int n, double *ret_d);
double sumsq_vjp(const double *x, double *x_b, int n, double ret_b);
double ends_vjp(const double *x, double *x_b, double ret_b);
void squares_vjp(const double *x, double *x_b, double *y, double *y_b);

int main(void) {
    double x[4] = {0.5, -1.5, 2.0, 3.0}, v[4] = {1, 2, 3, 4}, g[4] = {0}, d;
    sumsq_jvp(x, v, 4, &d);
    check_near("sumsq: jvp = 2 <x, v>", d, 2 * (0.5 - 3.0 + 6.0 + 12.0), 1e-15);
    sumsq_vjp(x, g, 4, 1.0);
    check_true("sumsq: vjp = 2 x", g[0] == 1.0 && g[1] == -3.0 && g[2] == 4.0 && g[3] == 6.0);
    double e[4] = {0};
    ends_vjp(x, e, 1.0);
    check_true("ends: vjp = (x3, 0, 0, x0)", e[0] == 3.0 && e[1] == 0 && e[2] == 0 && e[3] == 0.5);
    double y[3], yb[3] = {1, 1, 1}, xb[3] = {0};
    squares_vjp(x, xb, y, yb);
    check_true("squares: vjp = 2 x", xb[0] == 1.0 && xb[1] == -3.0 && xb[2] == 4.0 && y[2] == 4.0);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
