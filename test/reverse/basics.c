// Adjoint mode on straight-line code, counted loops, data-dependent loops
// with break, pointer walking and in-place updates: every _vjp against
// central differences and against _jvp with the dot-product test
// <J v, w> = <v, J^T w>, plus the contract's memory rules.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include <string.h>
#include "check.h"

double parabola(double x) { return x * x - 1.5 * x; }
#pragma cgrad differentiate parabola

double bumpy(const double *x) { return sin(x[0]) * cos(x[1]) + sin(0.5 * x[0]) * cos(0.5 * x[1]); }
#pragma cgrad differentiate bumpy

double dot(const double *x, const double *y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * y[i];
    return s;
}
#pragma cgrad differentiate dot

// A dot product needs no tape: the reverse loop reads x and y, which
// nothing overwrites.
// CHECK-LABEL: double dot_vjp(const double *x, double *x_b, const double *y, double *y_b, int n, double ret_b) {
// CHECK-NOT:     cg_push
// CHECK:         for (i = n - 1; i >= 0; i--) {
// CHECK-NEXT:        x_b[i] += s_b * y[i];
// CHECK-NEXT:        y_b[i] += s_b * x[i];
// CHECK-NEXT:    }

void axpy(double a, const double *x, double *y, int n) {
    for (int i = 0; i < n; i++) y[i] += a * x[i];
}
#pragma cgrad differentiate axpy

// y may overlap x: each overwritten y[i] is saved once, restored in reverse.
// CHECK-LABEL: void axpy_vjp(
// CHECK:         cg_save_f64(_tp, &y[i]);
// CHECK:         cg_restore_f64(_tp);
// CHECK:         cg_tape_replay(_tp, _m0, _m1);

double walk(const double *p, int n) {
    double s = 0;
    while (n-- > 0) s += exp(*p++) / 2;
    return s;
}
#pragma cgrad differentiate walk

double iterate(double x) {
    int k = 0;
    while (fabs(x) > 1e-3 && k < 100) {
        x = x * 0.5 + sin(x) * 0.1;
        k++;
        if (x < -5) break;
    }
    return x;
}
#pragma cgrad differentiate iterate

double parabola_vjp(double x, double *x_b, double ret_b);
double bumpy_vjp(const double *x, double *x_b, double ret_b);
double dot_vjp(const double *x, double *x_b, const double *y, double *y_b, int n, double ret_b);
double dot_jvp(const double *x, const double *x_d, const double *y, const double *y_d, int n, double *ret_d);
void axpy_vjp(double a, double *a_b, const double *x, double *x_b, double *y, double *y_b, int n);
void axpy_jvp(double a, double a_d, const double *x, const double *x_d, double *y, double *y_d, int n);
double walk_vjp(const double *p, double *p_b, int n, double ret_b);
double iterate_vjp(double x, double *x_b, double ret_b);

static double walk5(const double *p) { return walk(p, 5); }

int main(void) {
    double g = 0;
    double y = parabola_vjp(0.5, &g, 1.0);
    check_near("parabola value", y, -0.5, 1e-15);
    check_near("parabola gradient", g, -0.5, 1e-15);
    parabola_vjp(0.5, &g, 2.0);
    check_near("parabola accumulates into x_b", g, -0.5 + 2 * -0.5, 1e-15);

    double x[2] = {1.3, -0.4}, gx[2] = {0, 0};
    bumpy_vjp(x, gx, 1.0);
    double e0[2] = {1, 0}, e1[2] = {0, 1};
    check_near("bumpy d/dx0", gx[0], fd_dir(bumpy, x, e0, 2, 1e-6), 1e-8);
    check_near("bumpy d/dx1", gx[1], fd_dir(bumpy, x, e1, 2, 1e-6), 1e-8);

    /* dot-product test on dot: <J v, w> = <v, J^T w> for v = (xd, yd), w = 0.7 */
    enum { N = 7 };
    double a[N], b[N], ad[N], bd[N], ab[N] = {0}, bb[N] = {0};
    unsigned seed = 3;
    for (int i = 0; i < N; i++) {
        a[i] = check_uniform(&seed, -1, 1);
        b[i] = check_uniform(&seed, -1, 1);
        ad[i] = check_uniform(&seed, -1, 1);
        bd[i] = check_uniform(&seed, -1, 1);
    }
    double jv;
    dot_jvp(a, ad, b, bd, N, &jv);
    dot_vjp(a, ab, b, bb, N, 0.7);
    double vjtw = 0;
    for (int i = 0; i < N; i++) vjtw += ad[i] * ab[i] + bd[i] * bb[i];
    check_near("dot: <Jv,w> = <v,J^T w>", jv * 0.7, vjtw, 1e-12);

    /* axpy: y is in-place; its adjoint at entry equals its adjoint at exit */
    double ax[N], ay[N], ay0[N], axd[N], ayd[N], axb[N], ayb[N], ayb_seed[N], ab_s = 0;
    for (int i = 0; i < N; i++) {
        ax[i] = check_uniform(&seed, -1, 1);
        ay0[i] = ay[i] = check_uniform(&seed, -1, 1);
        axd[i] = check_uniform(&seed, -1, 1);
        ayd[i] = check_uniform(&seed, -1, 1);
        axb[i] = 0;
        ayb_seed[i] = ayb[i] = check_uniform(&seed, -1, 1);
    }
    double yd_in[N];
    memcpy(yd_in, ayd, sizeof yd_in);
    axpy_jvp(1.7, 0.3, ax, axd, ay, ayd, N);   /* ayd: J (a_d, x_d, y_d) */
    memcpy(ay, ay0, sizeof ay);
    axpy_vjp(1.7, &ab_s, ax, axb, ay, ayb, N);
    double lhs = 0, rhs = 0.3 * ab_s;
    for (int i = 0; i < N; i++) {
        lhs += ayd[i] * ayb_seed[i];
        rhs += axd[i] * axb[i] + yd_in[i] * ayb[i];
    }
    check_near("axpy: dot-product test", lhs, rhs, 1e-12);
    int primal_ok = 1;
    for (int i = 0; i < N; i++) primal_ok &= ay[i] == ay0[i] + 1.7 * ax[i];
    check_true("axpy: y holds the primal result after _vjp", primal_ok);

    /* aliasing: axpy(a, y, y) computes y = (1 + a) y */
    double z[N], zb[N], ab2 = 0;
    for (int i = 0; i < N; i++) z[i] = i + 1.0, zb[i] = 1.0;
    axpy_vjp(2.0, &ab2, z, zb, z, zb, N);
    int alias_ok = 1;
    for (int i = 0; i < N; i++) alias_ok &= fabs(zb[i] - 3.0) < 1e-15 && z[i] == 3.0 * (i + 1);
    check_true("axpy: overlapping x and y", alias_ok);
    check_near("axpy: overlapping a_b", ab2, 28.0, 1e-15);   /* sum of entry y = 1+...+7 */

    double p[5] = {0.1, -0.2, 0.3, 0.5, -1.0}, pb[5] = {0};
    walk_vjp(p, pb, 5, 1.0);
    int walk_ok = 1;
    for (int i = 0; i < 5; i++) {
        double v[5] = {0};
        v[i] = 1;
        walk_ok &= fabs(pb[i] - fd_dir(walk5, p, v, 5, 1e-6)) < 1e-8;
    }
    check_true("walk: gradient through *p++", walk_ok);

    double xb = 0;
    iterate_vjp(2.0, &xb, 1.0);
    double h = 1e-6, fd = 0;
    { double xp = 2.0 + h, xm = 2.0 - h; fd = (iterate(xp) - iterate(xm)) / (2 * h); }
    check_near("iterate: while with break", xb, fd, 1e-6);
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
