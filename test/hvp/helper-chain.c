// Found by a blind test corpus: FUNC_hvp through helpers that call helpers
// (x^4 as h1(x) * x with h1 = h2(t) * t), a recursive helper, and a GRU-like
// step calling a sigmoid helper gave wrong products (22.5 for 27) and wrote
// into dead stack frames: the tangent of a helper hands its callee the
// address of a local tangent, which the reverse half of the split pair
// never saw.  Those locals are now arrays in the derivative code.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

static double h2(double t) { return t * t; }
static double h1(double t) { return h2(t) * t; }
double quartic(double x) { return h1(x) * x; }
#pragma cgrad differentiate quartic mode(hvp)

static double power(double t, int k) { return k == 0 ? 1.0 : t * power(t, k - 1); }
double cube(double x) { return power(x, 3); }
#pragma cgrad differentiate cube mode(hvp)

enum { N = 3, T = 4 };
static double sigm(double a) { return 1 / (1 + exp(-a)); }
static double gate(const double *w, double h, double x) { return sigm(w[0] * h + w[1] * x); }
double gru(const double *w, const double *xs) {
    double h = 0.1;
    for (int t = 0; t < T; t++) {
        double z = gate(w, h, xs[t]);
        h = (1 - z) * h + z * tanh(w[2] * xs[t] + h);
    }
    return h * h;
}
#pragma cgrad differentiate gru mode(adjoint, hvp) wrt(w)

double quartic_hvp(double x, double x_v, double *x_hv);
double cube_hvp(double x, double x_v, double *x_hv);
double gru_vjp(const double *w, double *w_b, const double *xs, double ret_b);
double gru_hvp(const double *w, const double *w_v, double *w_hv, const double *xs);

static const double xs[T] = {0.5, -1.0, 0.25, 2.0};
static double u[N] = {0.3, -0.7, 1.1};
static double grad_dot_u(const double *w) {
    double g[N] = {0};
    gru_vjp(w, g, xs, 1.0);
    return g[0] * u[0] + g[1] * u[1] + g[2] * u[2];
}

int main(void) {
    double x = 1.5, hv = 0;
    quartic_hvp(x, 1.0, &hv);
    check_near("x^4 through two helpers: 12 x^2", hv, 12 * x * x, 1e-14);
    hv = 0;
    cube_hvp(x, 1.0, &hv);
    check_near("x^3 through a recursive helper: 6 x", hv, 6 * x, 1e-14);

    double w[N] = {0.4, -0.8, 0.6}, v[N] = {1.0, 0.5, -0.25}, hw[N] = {0}, hu[N] = {0};
    gru_hvp(w, v, hw, xs);
    double uhv = u[0] * hw[0] + u[1] * hw[1] + u[2] * hw[2];
    check_near("gru: <u, H v> against differences of the gradient", uhv, fd_dir(grad_dot_u, w, v, N, 1e-6), 1e-7);
    gru_hvp(w, u, hu, xs);
    check_near("gru: <u, H v> = <v, H u>", uhv, v[0] * hu[0] + v[1] * hu[1] + v[2] * hu[2], 1e-12);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
