/*
 * Newton-conjugate-gradient against gradient descent, with Hessian-vector
 * products from cgrad
 *
 *   Rosenbrock, n = 10:  f(x) = sum_{i<n-1} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2,
 *                        from x_i = i / (n + 1), minimizer x* = (1, ..., 1)
 *   logistic regression: L(w, b) = 1/m sum_k log(1 + exp(-y_k (x_k . w + b))) + lambda/2 ||w||^2
 *                        on generated, correlated features, labels y_k in {-1, +1}
 *
 * Both functions are plain C loops.  One pragma per function writes its
 * gradient (f_vjp, reverse mode) and its Hessian-vector product (f_hvp,
 * reverse over forward): H v costs a small constant times f, and the
 * Hessian is never formed, not even here.
 *
 * Newton-CG (Nocedal & Wright, Algorithm 7.1): at x, solve H d = -g
 * approximately by conjugate gradients, where each CG step needs one H v
 * from f_hvp, and stop CG once |H d + g| <= min(0.5, sqrt|g|) |g| (so the
 * outer iteration converges superlinearly, then quadratically) or when CG
 * meets a direction of non-positive curvature (far from the minimum, where H
 * need not be positive definite: then d is the last descent direction CG
 * had, or -g).  A backtracking (Armijo) line search from t = 1 takes the
 * step.
 *
 * The same problems, from the same start, by gradient descent (the same
 * backtracking line search along -g, its first trial step twice the last
 * accepted one) and by gradient descent with momentum (heavy ball, a fixed
 * learning rate), all until |grad| < 1e-8.  The table at the end counts
 * outer iterations, function evaluations (f alone, in line searches),
 * gradient evaluations (f_vjp: one per iteration, plus the line search's
 * gradient tests near the minimum) and Hessian-vector products (f_hvp).
 * Before each problem, f_hvp is checked against central differences of
 * f_vjp.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { N_ROSEN = 10, D = 8, P = D + 1, M = 500, MAX_DIM = 16 };

double rosenbrock(const double *x, int n) {
    double s = 0;
    for (int i = 0; i < n - 1; i++) {
        double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
        s += 100 * a * a + b * b;
    }
    return s;
}
#pragma cgrad differentiate rosenbrock mode(adjoint, hvp) wrt(x)

double logistic(const double *p, const double *X, const double *y, int m, double lambda) {
    double s = 0;
    for (int k = 0; k < m; k++) {
        double z = p[D];
        for (int j = 0; j < D; j++) z += X[k * D + j] * p[j];
        double t = y[k] * z;
        /* log(1 + e^-t), written so that it never overflows */
        s += t > 0 ? log1p(exp(-t)) : -t + log1p(exp(t));
    }
    double reg = 0;
    for (int j = 0; j < D; j++) reg += p[j] * p[j];
    return s / m + 0.5 * lambda * reg;
}
#pragma cgrad differentiate logistic mode(adjoint, hvp) wrt(p)

/* Written by cgrad.  _vjp: returns f and adds df/dx * ret_b to x_b.
 * _hvp: returns f and adds H(x) v to x_hv. */
double rosenbrock_vjp(const double *x, double *x_b, int n, double ret_b);
double rosenbrock_hvp(const double *x, const double *x_v, double *x_hv, int n);
double logistic_vjp(const double *p, double *p_b, const double *X, const double *y, int m, double lambda,
                    double ret_b);
double logistic_hvp(const double *p, const double *p_v, double *p_hv, const double *X, const double *y, int m,
                    double lambda);

/* ---- a problem: f, its gradient and H v behind one interface, with counters ---- */

typedef struct Problem {
    const char *name;
    int n;
    double (*f)(const struct Problem *, const double *x);
    double (*grad)(const struct Problem *, const double *x, double *g);            /* g = grad f(x) */
    void (*hvp)(const struct Problem *, const double *x, const double *v, double *hv); /* hv = H(x) v */
    const double *X, *y;
    double lambda;
} Problem;

typedef struct Counts {
    long iters, fevals, gevals, hvps;
} Counts;
static Counts counts;

static double rosen_f(const Problem *pb, const double *x) {
    counts.fevals++;
    return rosenbrock(x, pb->n);
}
static double rosen_grad(const Problem *pb, const double *x, double *g) {
    counts.gevals++;
    memset(g, 0, sizeof *g * pb->n);
    return rosenbrock_vjp(x, g, pb->n, 1.0);
}
static void rosen_hvp(const Problem *pb, const double *x, const double *v, double *hv) {
    counts.hvps++;
    memset(hv, 0, sizeof *hv * pb->n);
    rosenbrock_hvp(x, v, hv, pb->n);
}
static double logit_f(const Problem *pb, const double *p) {
    counts.fevals++;
    return logistic(p, pb->X, pb->y, M, pb->lambda);
}
static double logit_grad(const Problem *pb, const double *p, double *g) {
    counts.gevals++;
    memset(g, 0, sizeof *g * P);
    return logistic_vjp(p, g, pb->X, pb->y, M, pb->lambda, 1.0);
}
static void logit_hvp(const Problem *pb, const double *p, const double *v, double *hv) {
    counts.hvps++;
    memset(hv, 0, sizeof *hv * P);
    logistic_hvp(p, v, hv, pb->X, pb->y, M, pb->lambda);
}

static double dot(const double *a, const double *b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

static const double TOL = 1e-8, ARMIJO = 1e-4;

/* Backtracking along d from x (f(x) = f0, g = grad f(x), slope = g . d < 0),
 * from step t: halves t until f(x + t d) <= f0 + ARMIJO t slope (Armijo).
 * Near a minimum whose value is far from zero, the decrease ARMIJO t slope
 * falls below f's rounding error and the test can no longer tell (for
 * |grad| ~ 1e-8 and f ~ 0.5 it is 1e-20 against 1e-16): there, when f did
 * not rise by more than its rounding error, the step is judged by the
 * gradient instead, grad f(x + t d) . d <= (1 - 2 ARMIJO) slope, which is
 * the same test for a quadratic and is computed to full accuracy (Hager and
 * Zhang's approximate Armijo condition).  Leaves the new point in x and
 * returns the accepted t. */
static double backtrack(const Problem *pb, double *x, const double *d, double f0, double slope, double t) {
    double trial[MAX_DIM], gt[MAX_DIM];
    for (int tries = 0; tries < 60; tries++, t *= 0.5) {
        for (int i = 0; i < pb->n; i++) trial[i] = x[i] + t * d[i];
        double f = pb->f(pb, trial);
        if (f <= f0 + ARMIJO * t * slope) break;
        if (f <= f0 + 1e-14 * fabs(f0)) {
            pb->grad(pb, trial, gt);
            if (dot(gt, d, pb->n) <= (1 - 2 * ARMIJO) * slope) break;
        }
    }
    memcpy(x, trial, sizeof *x * pb->n);
    return t;
}

/* Truncated CG on H d = -g: returns the number of CG steps (= H v products). */
static int truncated_cg(const Problem *pb, const double *x, const double *g, double gnorm, double *d,
                        int *negative_curvature) {
    int n = pb->n;
    double r[MAX_DIM], s[MAX_DIM], Hs[MAX_DIM];
    double eta = fmin(0.5, sqrt(gnorm)), rr = gnorm * gnorm;
    *negative_curvature = 0;
    for (int i = 0; i < n; i++) d[i] = 0, r[i] = -g[i], s[i] = -g[i];   /* r = -g - H d */
    for (int j = 0; j < 2 * n + 10; j++) {
        pb->hvp(pb, x, s, Hs);
        double sHs = dot(s, Hs, n);
        if (sHs <= 0) {   /* H is not positive definite along s */
            *negative_curvature = 1;
            if (j == 0) memcpy(d, s, sizeof *d * n);   /* d = -g */
            return j + 1;
        }
        double alpha = rr / sHs;
        for (int i = 0; i < n; i++) d[i] += alpha * s[i], r[i] -= alpha * Hs[i];
        double rr_new = dot(r, r, n);
        if (sqrt(rr_new) <= eta * gnorm) return j + 1;
        for (int i = 0; i < n; i++) s[i] = r[i] + rr_new / rr * s[i];
        rr = rr_new;
    }
    return 2 * n + 10;
}

typedef struct Result {
    Counts c;
    double f, gnorm, x[MAX_DIM];
} Result;

static Result finish(const Problem *pb, const double *x, double f, double gnorm) {
    Result r = {counts, f, gnorm, {0}};
    memcpy(r.x, x, sizeof *x * pb->n);
    return r;
}

static Result newton_cg(const Problem *pb, const double *x0) {
    int n = pb->n;
    double x[MAX_DIM], g[MAX_DIM], d[MAX_DIM];
    memcpy(x, x0, sizeof *x * n);
    memset(&counts, 0, sizeof counts);
    printf("  Newton-CG\n");
    for (;; counts.iters++) {
        double f = pb->grad(pb, x, g), gnorm = sqrt(dot(g, g, n));
        if (gnorm < TOL || counts.iters == 200) {
            printf("  %-10s iter %3ld  f = %.12e  |grad| = %.2e  (converged)\n", "Newton-CG", counts.iters, f, gnorm);
            return finish(pb, x, f, gnorm);
        }
        int neg, cg = truncated_cg(pb, x, g, gnorm, d, &neg);
        double t = backtrack(pb, x, d, f, dot(g, d, n), 1.0);
        printf("  %-10s iter %3ld  f = %.12e  |grad| = %.2e  CG steps %2d%s  step %.4g\n", "Newton-CG", counts.iters, f,
               gnorm, cg, neg ? " (neg. curvature)" : "", t);
    }
}

/* Progress lines at iterations 0, 1, 2, 4, 8, ... and the last. */
static int logged(long t) { return (t & (t - 1)) == 0; }

static Result gradient_descent(const Problem *pb, const double *x0, long max_iters) {
    int n = pb->n;
    double x[MAX_DIM], g[MAX_DIM], t = 1.0;
    memcpy(x, x0, sizeof *x * n);
    memset(&counts, 0, sizeof counts);
    printf("  gradient descent (backtracking line search)\n");
    for (;; counts.iters++) {
        double f = pb->grad(pb, x, g), gnorm = sqrt(dot(g, g, n));
        int done = gnorm < TOL || counts.iters == max_iters;
        if (logged(counts.iters) || done)
            printf("  %-10s iter %7ld  f = %.12e  |grad| = %.2e  step %.3g%s\n", "GD", counts.iters, f, gnorm, t,
                   done ? "  (converged)" : "");
        if (done) return finish(pb, x, f, gnorm);
        double d[MAX_DIM];
        for (int i = 0; i < n; i++) d[i] = -g[i];
        t = backtrack(pb, x, d, f, -gnorm * gnorm, 2 * t);
    }
}

static Result momentum(const Problem *pb, const double *x0, double lr, double beta, long max_iters) {
    int n = pb->n;
    double x[MAX_DIM], g[MAX_DIM], v[MAX_DIM] = {0};
    memcpy(x, x0, sizeof *x * n);
    memset(&counts, 0, sizeof counts);
    printf("  gradient descent with momentum (lr = %g, beta = %g)\n", lr, beta);
    for (;; counts.iters++) {
        double f = pb->grad(pb, x, g), gnorm = sqrt(dot(g, g, n));
        int done = gnorm < TOL || counts.iters == max_iters || !isfinite(f);
        if (logged(counts.iters) || done)
            printf("  %-10s iter %7ld  f = %.12e  |grad| = %.2e%s\n", "momentum", counts.iters, f, gnorm,
                   done ? "  (converged)" : "");
        if (done) return finish(pb, x, f, gnorm);
        for (int i = 0; i < n; i++) v[i] = beta * v[i] - lr * g[i], x[i] += v[i];
    }
}

/* H v from f_hvp against central differences of f_vjp gradients. */
static double check_hvp(const Problem *pb, const double *x) {
    int n = pb->n;
    double v[MAX_DIM] = {0}, hv[MAX_DIM], xp[MAX_DIM], xm[MAX_DIM], gp[MAX_DIM], gm[MAX_DIM], h = 1e-5, err = 0, scale = 0;
    for (int i = 0; i < n; i++) v[i] = sin(1.0 + 3.0 * i);
    pb->hvp(pb, x, v, hv);
    for (int i = 0; i < n; i++) xp[i] = x[i] + h * v[i], xm[i] = x[i] - h * v[i];
    pb->grad(pb, xp, gp);
    pb->grad(pb, xm, gm);
    for (int i = 0; i < n; i++) {
        err = fmax(err, fabs(hv[i] - (gp[i] - gm[i]) / (2 * h)));
        scale = fmax(scale, fabs(hv[i]));
    }
    return err / scale;
}

static void table_row(const char *method, const Result *r) {
    printf("  %-30s %9ld %9ld %9ld %9ld   %.2e\n", method, r->c.iters, r->c.fevals, r->c.gevals, r->c.hvps, r->gnorm);
}

static int compare(const Problem *pb, const Result *nc, const Result *gd, const Result *mo) {
    printf("\n%s: iterations and evaluations to |grad| < %g from the same start\n", pb->name, TOL);
    printf("  %-30s %9s %9s %9s %9s   %s\n", "method", "iters", "f evals", "grad", "H v", "final |grad|");
    table_row("Newton-CG (f_vjp + f_hvp)", nc);
    table_row("gradient descent (f_vjp)", gd);
    table_row("momentum (f_vjp)", mo);
    double ratio = (double)gd->c.iters / nc->c.iters, ratio_m = (double)mo->c.iters / nc->c.iters;
    printf("%s: gradient descent needs %.1fx the iterations of Newton-CG, momentum %.1fx\n", pb->name, ratio, ratio_m);
    int bad = nc->gnorm >= TOL || gd->gnorm >= TOL || mo->gnorm >= TOL || ratio < 20;
    return bad;
}

/* A small deterministic generator (xorshift64*), uniform and normal. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static double uniform(void) {
    rng_state ^= rng_state >> 12, rng_state ^= rng_state << 25, rng_state ^= rng_state >> 27;
    return ((rng_state * 0x2545F4914F6CDD1Du) >> 11) * 0x1.0p-53;
}
static double normal(void) {
    double u = uniform(), v = uniform();
    return sqrt(-2 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

int main(void) {
    int bad = 0;

    /* ---- (a) Rosenbrock in 10 dimensions from x_i = i / (n + 1), the usual start (CUTEst's GENROSE) ---- */
    Problem rosen = {"rosenbrock", N_ROSEN, rosen_f, rosen_grad, rosen_hvp, NULL, NULL, 0};
    double x0[N_ROSEN];
    for (int i = 0; i < N_ROSEN; i++) x0[i] = (i + 1.0) / (N_ROSEN + 1);
    printf("(a) Rosenbrock, n = %d, from x_i = i / (n + 1)\n", N_ROSEN);
    printf("  H v from rosenbrock_hvp against central differences of rosenbrock_vjp: relative error %.1e\n",
           check_hvp(&rosen, x0));
    Result rnc = newton_cg(&rosen, x0);
    Result rgd = gradient_descent(&rosen, x0, 2000000);
    Result rmo = momentum(&rosen, x0, 4e-4, 0.95, 2000000);
    bad |= compare(&rosen, &rnc, &rgd, &rmo);
    double err = 0, err_gd = 0, err_mo = 0;
    printf("rosenbrock: Newton-CG x =");
    for (int i = 0; i < N_ROSEN; i++) {
        printf(" %.10f", rnc.x[i]);
        err = fmax(err, fabs(rnc.x[i] - 1));
        err_gd = fmax(err_gd, fabs(rgd.x[i] - 1));
        err_mo = fmax(err_mo, fabs(rmo.x[i] - 1));
    }
    printf("\nrosenbrock: max |x_i - 1|: Newton-CG %.1e, gradient descent %.1e, momentum %.1e\n", err, err_gd, err_mo);
    bad |= err > 1e-8;

    /* ---- (b) logistic regression on correlated features ---- */
    static double X[M * D], y[M];
    const double w_true[D] = {1.5, -2.0, 0.5, 0.0, 1.0, -0.5, 0.25, 0.0}, b_true = 0.7;
    for (int k = 0; k < M; k++) {
        double common = normal(), z = b_true;
        for (int j = 0; j < D; j++) {
            /* feature j: a shared factor plus its own noise, scaled by 2^(j/2 - 1): the Hessian is ill-conditioned */
            X[k * D + j] = (0.8 * common + 0.6 * normal()) * pow(2.0, 0.5 * j - 1);
            z += X[k * D + j] * w_true[j] / pow(2.0, 0.5 * j - 1);
        }
        y[k] = uniform() < 1 / (1 + exp(-z)) ? 1.0 : -1.0;
    }
    Problem logit = {"logistic", P, logit_f, logit_grad, logit_hvp, X, y, 0.01};
    double p0[P] = {0};
    printf("\n(b) regularized logistic regression (lambda = %g), %d points, %d features + bias, from zero\n",
           logit.lambda, M, D);
    double pt[P];
    for (int j = 0; j < P; j++) pt[j] = 0.1 * (j + 1);
    printf("  H v from logistic_hvp against central differences of logistic_vjp: relative error %.1e\n",
           check_hvp(&logit, pt));
    Result lnc = newton_cg(&logit, p0);
    Result lgd = gradient_descent(&logit, p0, 2000000);
    Result lmo = momentum(&logit, p0, 0.05, 0.9, 2000000);
    bad |= compare(&logit, &lnc, &lgd, &lmo);
    double diff = 0, diff_m = 0;
    printf("logistic: Newton-CG (w, b) =");
    for (int j = 0; j < P; j++) {
        printf(" %.6f", lnc.x[j]);
        diff = fmax(diff, fabs(lnc.x[j] - lgd.x[j]));
        diff_m = fmax(diff_m, fabs(lnc.x[j] - lmo.x[j]));
    }
    printf("\nlogistic: max |p_newton - p_gd| = %.1e, max |p_newton - p_momentum| = %.1e\n", diff, diff_m);
    bad |= diff > 1e-6 || diff_m > 1e-6;

    printf("\n%s: Newton-CG reaches |grad| < %g and the minimizer (Rosenbrock: all ones to 1e-8; logistic: gradient "
           "descent's to 1e-6) in at least 20x fewer iterations than gradient descent\n",
           bad ? "FAILED" : "ok", TOL);
    return bad;
}
