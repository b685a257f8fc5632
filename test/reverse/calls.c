// Adjoint mode through calls to other functions of the file: each callee
// gets a recording forward half (NAME_fwd) and a reverse half (NAME_rev);
// scalars, pointers, results used nonlinearly, callees that modify their
// by-value parameters, local arrays read by the reverse sweep, recursion.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

static double dot(const double *x, const double *y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * y[i];
    return s;
}

double norm(const double *x, int n) { return sqrt(dot(x, x, n)); }
#pragma cgrad differentiate norm

// CHECK-LABEL: double norm_vjp(const double *x, double *x_b, int n, double ret_b) {
// CHECK:         _t = dot_fwd_x_y(x, x_b, x, x_b, n);
// CHECK:         dot_rev_x_y(x, x_b, x, x_b, n, _g);

static double shrink(double v, int k) {
    while (k-- > 0) v = v * 0.5 + sin(v);   /* modifies its by-value parameter */
    return v;
}

static double poly(double v, int depth) { return depth == 0 ? v : v * poly(v + 0.1, depth - 1); }

void layer(const double *w, const double *x, double *y, int n, int m) {
    for (int i = 0; i < m; i++) {
        double h[4] = {0};
        for (int j = 0; j < n; j++) h[j % 4] += w[i * n + j] * x[j];
        y[i] = tanh(h[0] + h[1]) + shrink(h[2] - h[3], 3) + poly(h[0], 3);
    }
}
#pragma cgrad differentiate layer

double norm_vjp(const double *x, double *x_b, int n, double ret_b);
void layer_vjp(const double *w, double *w_b, const double *x, double *x_b, double *y, double *y_b, int n, int m);
void layer_jvp(const double *w, const double *w_d, const double *x, const double *x_d, double *y, double *y_d, int n, int m);

enum { N = 6, M = 3 };

int main(void) {
    double x[N], xb[N] = {0};
    unsigned seed = 11;
    for (int i = 0; i < N; i++) x[i] = check_uniform(&seed, -1, 1);
    double nrm = norm_vjp(x, xb, N, 1.0);
    int ok = 1;
    for (int i = 0; i < N; i++) ok &= fabs(xb[i] - x[i] / nrm) < 1e-14;
    check_true("norm: gradient is x / |x|", ok);

    /* layer: dot-product test between _jvp and _vjp, and primal results */
    double w[M * N], wd[M * N], wb[M * N] = {0}, xd[N], xb2[N] = {0}, y[M], yd[M], yb[M], y2[M], yb0[M];
    for (int i = 0; i < M * N; i++) w[i] = check_uniform(&seed, -1, 1), wd[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < N; i++) xd[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < M; i++) yb0[i] = yb[i] = check_uniform(&seed, -1, 1), yd[i] = 0;
    layer_jvp(w, wd, x, xd, y, yd, N, M);
    layer_vjp(w, wb, x, xb2, y2, yb, N, M);
    double lhs = 0, rhs = 0;
    for (int i = 0; i < M; i++) lhs += yd[i] * yb0[i];
    for (int i = 0; i < M * N; i++) rhs += wd[i] * wb[i];
    for (int i = 0; i < N; i++) rhs += xd[i] * xb2[i];
    check_near("layer: <J v, w> = <v, J^T w>", lhs, rhs, 1e-10);
    int same = 1, zeroed = 1;
    for (int i = 0; i < M; i++) same &= y[i] == y2[i], zeroed &= yb[i] == 0.0;
    check_true("layer: _vjp leaves y as the function does", same);
    check_true("layer: the overwritten output's adjoint ends at zero", zeroed);

    /* one gradient entry against central differences */
    double h = 1e-6, wp[M * N], wm[M * N], yp[M], ym[M];
    for (int i = 0; i < M * N; i++) wp[i] = wm[i] = w[i];
    wp[4] += h, wm[4] -= h;
    layer(wp, x, yp, N, M);
    layer(wm, x, ym, N, M);
    double fd = 0;
    for (int i = 0; i < M; i++) fd += yb0[i] * (yp[i] - ym[i]) / (2 * h);
    check_near("layer: d/dw[4] vs central differences", wb[4], fd, 1e-7);
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
