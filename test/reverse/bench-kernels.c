// The benchmark kernels' derivatives are right: for each kernel, the
// directional derivative <grad f, v> from _vjp matches central differences
// of f along a random v, and the Hessian-vector product from _hvp matches
// central differences of _vjp gradients along v.  (A fast wrong derivative
// would be worthless.)  The hand-written attention backward that the
// benchmark compares against gives the same gradient.
// RUN: %cgrad %S/../bench/adjoint/kernels.c -o %t.kernels.c
// RUN: %cc -I%S/../bench/adjoint %t.kernels.c %S/../bench/adjoint/by_hand.c %s -o %t %rt && %t | FileCheck %s
#include <string.h>
#include "check.h"
#include "kernels.h"
static unsigned seed = 99;

static void fill(double *a, int n, double s) {
    for (int i = 0; i < n; i++) a[i] = check_uniform(&seed, -s, s);
}

/* Parameters live in one buffer p[0..n); v is the direction. */
typedef double (*Loss)(const double *p);
typedef void (*Grad)(const double *p, double *g);
typedef void (*Hvp)(const double *p, const double *v, double *hv);

/* H v against (grad(p + h v) - grad(p - h v)) / 2h, in the max norm. */
static void hessian(const char *name, Grad grad, Hvp hvp, int n, double h, double tol) {
    static double p[40000], v[40000], hv[40000], gp[40000], gm[40000], pp[40000], pm[40000];
    fill(p, n, 0.5);
    fill(v, n, 1.0);
    memset(hv, 0, sizeof(double) * n);
    memset(gp, 0, sizeof(double) * n);
    memset(gm, 0, sizeof(double) * n);
    hvp(p, v, hv);
    for (int i = 0; i < n; i++) pp[i] = p[i] + h * v[i], pm[i] = p[i] - h * v[i];
    grad(pp, gp);
    grad(pm, gm);
    double worst = 0, scale = 1;
    for (int i = 0; i < n; i++) {
        double want = (gp[i] - gm[i]) / (2 * h);
        if (fabs(hv[i] - want) > worst) worst = fabs(hv[i] - want);
        if (fabs(want) > scale) scale = fabs(want);
    }
    check_true(name, worst <= tol * scale);
}

static void directional(const char *name, Loss f, Grad grad, int n, double h, double tol) {
    static double p[40000], v[40000], g[40000], pp[40000], pm[40000];
    fill(p, n, 0.5);
    fill(v, n, 1.0);
    memset(g, 0, sizeof(double) * n);
    grad(p, g);
    double dot = 0;
    for (int i = 0; i < n; i++) dot += g[i] * v[i], pp[i] = p[i] + h * v[i], pm[i] = p[i] - h * v[i];
    check_near(name, dot, (f(pp) - f(pm)) / (2 * h), tol);
}

static double X[B * D], GX[GN * GD], LX[LT * LI], tgt[NR * ND], at[AT * AD];
static int y[B];

static double mlp(const double *p) { return mlp_loss(p, p + D * H, p + D * H + H, p + D * H + H + H * C, X, y); }
static void mlp_g(const double *p, double *g) {
    mlp_loss_vjp(p, g, p + D * H, g + D * H, p + D * H + H, g + D * H + H, p + D * H + H + H * C, g + D * H + H + H * C, X, y, 1.0);
}
static double gmm(const double *p) { return gmm_nll(p, p + GK, p + GK + GK * GD, GX); }
static void gmm_g(const double *p, double *g) { gmm_nll_vjp(p, g, p + GK, g + GK, p + GK + GK * GD, g + GK + GK * GD, GX, 1.0); }
static double lstm(const double *p) { return lstm_loss(p, p + 4 * LH * LI, p + 4 * LH * LI + 4 * LH * LH, LX); }
static void lstm_g(const double *p, double *g) {
    int a = 4 * LH * LI, b = a + 4 * LH * LH;
    lstm_loss_vjp(p, g, p + a, g + a, p + b, g + b, LX, 1.0);
}
static double ln(const double *p) { return layernorm_loss(p, p + NR * ND, p + NR * ND + ND, tgt); }
static void ln_g(const double *p, double *g) { layernorm_loss_vjp(p, g, p + NR * ND, g + NR * ND, p + NR * ND + ND, g + NR * ND + ND, tgt, 1.0); }
static double att(const double *p) { return attention_loss(p, p + AT * AD, p + AT * AD + AD * AD, p + AT * AD + 2 * AD * AD, at); }
static void att_g(const double *p, double *g) {
    int a = AT * AD, b = a + AD * AD, c = b + AD * AD;
    attention_loss_vjp(p, g, p + a, g + a, p + b, g + b, p + c, g + c, at, 1.0);
}

/* The hand-written backward against the generated one, in the max norm. */
static void by_hand(int n, double tol) {
    static double p[40000], g[40000], gh[40000];
    int a = AT * AD, b = a + AD * AD, c = b + AD * AD;
    fill(p, n, 0.5);
    memset(g, 0, sizeof(double) * n);
    memset(gh, 0, sizeof(double) * n);
    double r = attention_loss_vjp(p, g, p + a, g + a, p + b, g + b, p + c, g + c, at, 0.7);
    double rh = attention_loss_by_hand(p, gh, p + a, gh + a, p + b, gh + b, p + c, gh + c, at, 0.7);
    double err = 0, big = 0;
    for (int i = 0; i < n; i++) {
        if (fabs(g[i] - gh[i]) > err) err = fabs(g[i] - gh[i]);
        if (fabs(g[i]) > big) big = fabs(g[i]);
    }
    check_true("attention by hand: same value", fabs(r - rh) <= 1e-12 * fabs(r));
    check_true("attention by hand: same gradient", err <= tol * big);
}

static void mlp_h(const double *p, const double *v, double *h) {
    int a = D * H, b = a + H, c = b + H * C;
    mlp_loss_hvp(p, v, h, p + a, v + a, h + a, p + b, v + b, h + b, p + c, v + c, h + c, X, y);
}
static void gmm_h(const double *p, const double *v, double *h) {
    int a = GK, b = GK + GK * GD;
    gmm_nll_hvp(p, v, h, p + a, v + a, h + a, p + b, v + b, h + b, GX);
}
static void lstm_h(const double *p, const double *v, double *h) {
    int a = 4 * LH * LI, b = a + 4 * LH * LH;
    lstm_loss_hvp(p, v, h, p + a, v + a, h + a, p + b, v + b, h + b, LX);
}
static void ln_h(const double *p, const double *v, double *h) {
    int a = NR * ND, b = a + ND;
    layernorm_loss_hvp(p, v, h, p + a, v + a, h + a, p + b, v + b, h + b, tgt);
}
static void att_h(const double *p, const double *v, double *h) {
    int a = AT * AD, b = a + AD * AD, c = b + AD * AD;
    attention_loss_hvp(p, v, h, p + a, v + a, h + a, p + b, v + b, h + b, p + c, v + c, h + c, at);
}

int main(void) {
    fill(X, B * D, 1.0), fill(GX, GN * GD, 1.5), fill(LX, LT * LI, 1.0), fill(tgt, NR * ND, 1.0), fill(at, AT * AD, 1.0);
    for (int i = 0; i < B; i++) y[i] = i % C;
    directional("two-layer net", mlp, mlp_g, D * H + H + H * C + C, 1e-6, 1e-7);
    directional("Gaussian mixture", gmm, gmm_g, GK + 2 * GK * GD, 1e-6, 1e-6);
    directional("LSTM", lstm, lstm_g, 4 * LH * LI + 4 * LH * LH + 4 * LH, 1e-6, 1e-7);
    directional("layer normalization", ln, ln_g, NR * ND + 2 * ND, 1e-6, 1e-6);
    directional("attention", att, att_g, AT * AD + 3 * AD * AD, 1e-6, 1e-7);
    by_hand(AT * AD + 3 * AD * AD, 1e-12);
    hessian("two-layer net H v", mlp_g, mlp_h, D * H + H + H * C + C, 1e-5, 1e-6);
    hessian("Gaussian mixture H v", gmm_g, gmm_h, GK + 2 * GK * GD, 1e-5, 1e-6);
    hessian("LSTM H v", lstm_g, lstm_h, 4 * LH * LI + 4 * LH * LH + 4 * LH, 1e-5, 1e-6);
    hessian("layer normalization H v", ln_g, ln_h, NR * ND + 2 * ND, 1e-5, 1e-6);
    hessian("attention H v", att_g, att_h, AT * AD + 3 * AD * AD, 1e-5, 1e-6);
    // CHECK: ok two-layer net
    // CHECK: ok Gaussian mixture
    // CHECK: ok LSTM
    // CHECK: ok layer normalization
    // CHECK: ok attention
    // CHECK: ok attention by hand: same value
    // CHECK: ok attention by hand: same gradient
    // CHECK: ok two-layer net H v
    // CHECK: ok Gaussian mixture H v
    // CHECK: ok LSTM H v
    // CHECK: ok layer normalization H v
    // CHECK: ok attention H v
    // CHECK: ALL OK
    return check_done();
}
