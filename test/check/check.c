// The `check` clause writes FUNC_check(<FUNC's parameters>, tol): at the
// given point it compares J v from FUNC_jvp with central differences and
// runs the dot-product test against FUNC_vjp, returns the worst relative
// error and reports it on stderr above tol.  A right derivative gives a
// small error; a deliberately wrong custom derivative a large one.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt
// RUN: %t 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=ERR < %t.err
#include <math.h>
#include <stdio.h>
#include "check.h"

double f(const double *x, double *y, int n, double a) {
    double s = 0;
    for (int i = 0; i < n; i++) {
        y[i] = a * sin(x[i]) * x[i];
        s += y[i] * y[i];
    }
    return s;
}
#pragma cgrad differentiate f check(x = n, y = n)

/* softplus with a wrong derivative: sigmoid(2v) instead of sigmoid(v) */
static double softplus(double v) { return log1p(exp(v)); }
static double softplus_jvp(double v, double v_d, double *ret_d) {
    *ret_d = v_d / (1 + exp(-2 * v));
    return softplus(v);
}
static double softplus_vjp(double v, double *v_b, double ret_b) {
    *v_b += ret_b / (1 + exp(-2 * v));
    return softplus(v);
}
#pragma cgrad derivative softplus tangent(softplus_jvp) adjoint(softplus_vjp)

double g(const double *w, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += softplus(w[i]) * (i + 1);
    return s;
}
#pragma cgrad differentiate g check(w = n)

float h(float x, float y) { return x * expf(y) + y * y; }
#pragma cgrad differentiate h check

double f_check(const double *x, double *y, int n, double a, double tol);
double g_check(const double *w, int n, double tol);
double h_check(float x, float y, double tol);

int main(void) {
    double x[4] = {0.1, 0.5, -0.3, 0.9}, y[4] = {0}, w[3] = {0.2, -0.4, 1.1};
    double x0[4] = {0.1, 0.5, -0.3, 0.9};
    double ef = f_check(x, y, 4, 0.7, 1e-6);
    check_true("a right derivative: error below 1e-8", ef < 1e-8);
    int same = 1;
    for (int i = 0; i < 4; i++) same &= x[i] == x0[i];
    check_true("the checker leaves the inputs alone", same);
    double eg = g_check(w, 3, 1e-6);
    check_true("a wrong custom derivative: error above 0.01", eg > 0.01);
    double eh = h_check(0.3f, 0.2f, 1e-2);
    check_true("float: error below 1e-2", eh < 1e-2);
    // ERR: g_check: J v vs central differences: relative error {{[0-9.e-]+}}; dot-product test: relative error {{[0-9.e-]+}}
    // ERR-NOT: f_check
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
