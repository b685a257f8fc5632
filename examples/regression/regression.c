/*
 * Regression trained with Adam: least squares and regularized logistic
 * regression on generated data
 *
 *   least squares:  L(w, b) = 1/(2n) sum_i (x_i . w + b - y_i)^2
 *   logistic:       L(w, b) = 1/n sum_i log(1 + exp(-y_i (x_i . w + b))) + lambda/2 ||w||^2,
 *                   labels y_i in {-1, +1}
 *
 * Both losses are plain C loops; cgrad writes their gradients (the _vjp
 * functions) from the pragmas.  The parameters are one array p = (w, b).
 * Adam (cg_adam_step_f64 from libcgrad) takes the steps, with a learning
 * rate that decays geometrically so that the last steps are tiny and the
 * iterate settles instead of hovering around the minimum.
 *
 * Checks: least squares against the closed-form solution of the normal
 * equations [X 1]^T [X 1] p = [X 1]^T y (Cholesky); logistic regression by
 * its gradient norm, which for a lambda-strongly convex loss bounds the
 * distance to the unique minimizer by |grad| / lambda, and by its accuracy
 * on a held-out test set.
 */
#include <cgrad.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

enum { D = 4, P = D + 1, N_TRAIN = 400, N_TEST = 400, STEPS = 4000 };

double least_squares(const double *p, const double *X, const double *y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
        double r = p[D] - y[i];
        for (int j = 0; j < D; j++) r += X[i * D + j] * p[j];
        s += r * r;
    }
    return s / (2.0 * n);
}
#pragma cgrad differentiate least_squares mode(adjoint) wrt(p)

double logistic(const double *p, const double *X, const double *y, int n, double lambda) {
    double s = 0;
    for (int i = 0; i < n; i++) {
        double z = p[D];
        for (int j = 0; j < D; j++) z += X[i * D + j] * p[j];
        double m = y[i] * z;
        /* log(1 + e^-m), written so that it never overflows */
        s += m > 0 ? log1p(exp(-m)) : -m + log1p(exp(m));
    }
    double reg = 0;
    for (int j = 0; j < D; j++) reg += p[j] * p[j];
    return s / n + 0.5 * lambda * reg;
}
#pragma cgrad differentiate logistic mode(adjoint) wrt(p)

/* Written by cgrad: return the loss and add d loss / dp * ret_b to p_b. */
double least_squares_vjp(const double *p, double *p_b, const double *X, const double *y, int n, double ret_b);
double logistic_vjp(const double *p, double *p_b, const double *X, const double *y, int n, double lambda,
                    double ret_b);

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

/* Solves the symmetric positive definite S p = r by Cholesky (S is overwritten). */
static void cholesky_solve(double S[P][P], double *r, double *p) {
    for (int j = 0; j < P; j++) {
        for (int k = 0; k < j; k++) S[j][j] -= S[j][k] * S[j][k];
        S[j][j] = sqrt(S[j][j]);
        for (int i = j + 1; i < P; i++) {
            for (int k = 0; k < j; k++) S[i][j] -= S[i][k] * S[j][k];
            S[i][j] /= S[j][j];
        }
    }
    for (int i = 0; i < P; i++) {   /* L z = r */
        for (int k = 0; k < i; k++) r[i] -= S[i][k] * r[k];
        r[i] /= S[i][i];
    }
    for (int i = P - 1; i >= 0; i--) {   /* L^T p = z */
        for (int k = i + 1; k < P; k++) r[i] -= S[k][i] * p[k];
        p[i] = r[i] / S[i][i];
    }
}

typedef double (*loss_vjp_fn)(const double *p, double *p_b, const double *X, const double *y, int n, double lambda,
                              double ret_b);
static double ls_vjp(const double *p, double *p_b, const double *X, const double *y, int n, double lambda,
                     double ret_b) {
    (void)lambda;
    return least_squares_vjp(p, p_b, X, y, n, ret_b);
}

/* Adam with lr decaying from lr0 to lr0 * 1e-4 over STEPS steps; returns |grad| at the end. */
static double train(loss_vjp_fn vjp, double *p, const double *X, const double *y, double lambda, double lr0,
                    const char *name) {
    cg_adam_state st;
    cg_adam_config cfg = cg_adam_defaults();
    cg_adam_state_init(&st, P);
    double decay = pow(1e-4, 1.0 / STEPS), gnorm = 0;
    cfg.lr = lr0;
    for (int t = 0; t <= STEPS; t++) {
        double g[P] = {0};
        double L = vjp(p, g, X, y, N_TRAIN, lambda, 1.0);
        gnorm = 0;
        for (int j = 0; j < P; j++) gnorm += g[j] * g[j];
        gnorm = sqrt(gnorm);
        if (t % 1000 == 0) printf("  %-13s step %4d  loss = %.10f  |grad| = %.3e  lr = %.1e\n", name, t, L, gnorm, cfg.lr);
        if (t == STEPS) break;
        cg_adam_step_f64(&st, &cfg, p, g);
        cfg.lr *= decay;
    }
    cg_adam_state_free(&st);
    return gnorm;
}

static double accuracy(const double *p, const double *X, const double *y, int n) {
    int right = 0;
    for (int i = 0; i < n; i++) {
        double z = p[D];
        for (int j = 0; j < D; j++) z += X[i * D + j] * p[j];
        right += (z > 0) == (y[i] > 0);
    }
    return (double)right / n;
}

int main(void) {
    static double X[N_TRAIN * D], Xt[N_TEST * D], y[N_TRAIN], yt[N_TEST];
    const double w_true[D] = {1.5, -2.0, 0.5, 0.0}, b_true = 0.7;
    int bad = 0;

    /* ---- least squares: y = X w + b + noise ---- */
    for (int i = 0; i < N_TRAIN; i++) {
        y[i] = b_true + 0.3 * normal();
        for (int j = 0; j < D; j++) {
            X[i * D + j] = normal();
            y[i] += X[i * D + j] * w_true[j];
        }
    }
    double p[P] = {0}, exact[P], S[P][P] = {{0}}, r[P] = {0};
    printf("least squares on %d points, %d features, Adam from zero\n", N_TRAIN, D);
    double g_ls = train(ls_vjp, p, X, y, 0.0, 0.1, "least squares");
    for (int i = 0; i < N_TRAIN; i++) {
        double row[P];
        for (int j = 0; j < D; j++) row[j] = X[i * D + j];
        row[D] = 1;
        for (int a = 0; a < P; a++) {
            r[a] += row[a] * y[i];
            for (int c = 0; c < P; c++) S[a][c] += row[a] * row[c];
        }
    }
    cholesky_solve(S, r, exact);
    double err = 0;
    static const char *names[P] = {"w0", "w1", "w2", "w3", "b"};
    printf("\n%4s %14s %14s %8s\n", "", "Adam", "closed form", "true");
    for (int j = 0; j < P; j++) {
        printf("%4s %14.9f %14.9f %8.3f\n", names[j], p[j], exact[j], j < D ? w_true[j] : b_true);
        err = fmax(err, fabs(p[j] - exact[j]));
    }
    printf("least squares: max |p_adam - p_closed| = %.3e, final |grad| = %.3e\n\n", err, g_ls);
    bad |= err > 1e-6;

    /* ---- logistic regression: P(y = +1 | x) = sigmoid(x . w + b) ---- */
    for (int i = 0; i < N_TRAIN + N_TEST; i++) {
        double *xi = i < N_TRAIN ? &X[i * D] : &Xt[(i - N_TRAIN) * D], z = b_true;
        for (int j = 0; j < D; j++) {
            xi[j] = normal();
            z += 2.0 * xi[j] * w_true[j];
        }
        double label = uniform() < 1 / (1 + exp(-z)) ? 1.0 : -1.0;
        if (i < N_TRAIN) y[i] = label; else yt[i - N_TRAIN] = label;
    }
    const double lambda = 0.01;
    double q[P] = {0};
    printf("logistic regression (lambda = %g) on %d points, Adam from zero\n", lambda, N_TRAIN);
    double g_lr = train(logistic_vjp, q, X, y, lambda, 0.1, "logistic");
    double acc_train = accuracy(q, X, y, N_TRAIN), acc_test = accuracy(q, Xt, yt, N_TEST);
    printf("\nlogistic: w = (%.4f, %.4f, %.4f, %.4f), b = %.4f\n", q[0], q[1], q[2], q[3], q[4]);
    printf("logistic: final |grad| = %.3e, so |w - w*| <= |grad| / lambda = %.3e\n", g_lr, g_lr / lambda);
    printf("logistic: train accuracy %.1f%%, test accuracy %.1f%% (bar: 85%%)\n", 100 * acc_train, 100 * acc_test);
    bad |= g_lr / lambda > 1e-6 || acc_test < 0.85;

    printf("\n%s: least squares matches the closed form to 1e-6; logistic regression %s\n", bad ? "FAILED" : "ok",
           bad ? "missed its bars" : "is within 1e-6 of its optimum and above 85% test accuracy");
    return bad;
}
