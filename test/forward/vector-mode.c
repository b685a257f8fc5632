// mode(vector) width(K): K tangent directions in one sweep (FUNC_jvp_vec),
// lanes stored element-major (element i's direction k at p_d[i * K + k]),
// against K separate FUNC_jvp calls: a Jacobian's columns in one call.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

enum { N = 5, K = 4 };

static double soft(double v) { return log1p(exp(v)); }

/* y_i = soft(a x_i) * x_{(i+1) % n} + walk of x; returns sum y */
double layer(const double *x, double *y, double a, int n) {
    double s = 0;
    const double *p = x;
    for (int i = 0; i < n; i++) {
        double h[2] = {a * x[i], *p++};
        y[i] = soft(h[0]) * x[(i + 1) % n] + h[1];
        s += y[i] * y[i];
    }
    return s;
}
#pragma cgrad differentiate layer mode(tangent, vector) width(4)

// CODE: double layer_jvp_vec(const double *x, const double *x_d, double *y, double *y_d, double a, const double *a_d, int n, double *ret_d);
// The lane loops ask to be unrolled by K/2: fully once the vectorizer has
// made each step two lanes wide.
// CODE: #pragma GCC unroll 2
// CODE-NEXT: for (int _k = 0; _k < 4; _k++) {

double layer_jvp(const double *x, const double *x_d, double *y, double *y_d, double a, double a_d, int n, double *ret_d);
double layer_jvp_vec(const double *x, const double *x_d, double *y, double *y_d, double a, const double *a_d, int n, double *ret_d);

int main(void) {
    unsigned seed = 9;
    double x[N], xd[N * K], yd[N * K], ad[K], rd[K], y[N];
    for (int i = 0; i < N; i++) x[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < N * K; i++) xd[i] = check_uniform(&seed, -1, 1), yd[i] = check_uniform(&seed, -1, 1);
    for (int k = 0; k < K; k++) ad[k] = check_uniform(&seed, -1, 1);
    double yd_in[N * K];
    for (int i = 0; i < N * K; i++) yd_in[i] = yd[i];
    double f = layer_jvp_vec(x, xd, y, yd, 0.7, ad, N, rd);
    double worst = 0;
    for (int k = 0; k < K; k++) {
        double x1[N], y1[N], y1d[N], r1;
        for (int i = 0; i < N; i++) x1[i] = xd[i * K + k], y1d[i] = yd_in[i * K + k];
        double f1 = layer_jvp(x, x1, y1, y1d, 0.7, ad[k], N, &r1);
        worst = fmax(worst, fabs(f1 - f) + fabs(r1 - rd[k]));
        for (int i = 0; i < N; i++) worst = fmax(worst, fabs(y1d[i] - yd[i * K + k]));
    }
    check_true("K lanes equal K scalar tangents", worst < 1e-14);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
