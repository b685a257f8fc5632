// Hessian-vector products (mode(hvp)), by reverse over forward: against
// closed forms (a quadratic, the seeds' bumpy surface), against central
// differences of _vjp gradients (logistic regression), and symmetry
// <H u, v> = <u, H v>.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

enum { N = 6, M = 40 };

double quadratic(const double *x, const double *A, int n) {
    double s = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) s += x[i] * A[i * n + j] * x[j];
    return s;
}
#pragma cgrad differentiate quadratic mode(hvp) wrt(x)

// CODE: double quadratic_hvp(const double *x, const double *x_v, double *x_hv, const double *A, int n);

double bumpy(const double *x) { return sin(x[0]) * cos(x[1]) + sin(0.5 * x[0]) * cos(0.5 * x[1]); }
#pragma cgrad differentiate bumpy mode(hvp)

double logistic(const double *w, const double *X, const double *y, int m, int n, double lambda) {
    double loss = 0;
    for (int k = 0; k < m; k++) {
        double z = 0;
        for (int i = 0; i < n; i++) z += X[k * n + i] * w[i];
        loss += log1p(exp(-y[k] * z));
    }
    double r = 0;
    for (int i = 0; i < n; i++) r += w[i] * w[i];
    return loss / m + 0.5 * lambda * r;
}
#pragma cgrad differentiate logistic mode(adjoint, hvp) wrt(w)

double quadratic_hvp(const double *x, const double *x_v, double *x_hv, const double *A, int n);
double bumpy_hvp(const double *x, const double *x_v, double *x_hv);
double logistic_vjp(const double *w, double *w_b, const double *X, const double *y, int m, int n, double lambda, double ret_b);
double logistic_hvp(const double *w, const double *w_v, double *w_hv, const double *X, const double *y, int m, int n, double lambda);

int main(void) {
    unsigned seed = 17;
    double A[N * N], x[N], v[N], u[N], hv[N] = {0}, hu[N] = {0};
    for (int i = 0; i < N * N; i++) A[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < N; i++) x[i] = check_uniform(&seed, -1, 1), v[i] = check_uniform(&seed, -1, 1), u[i] = check_uniform(&seed, -1, 1);
    double f = quadratic_hvp(x, v, hv, A, N);
    check_near("quadratic value", f, quadratic(x, A, N), 1e-14);
    double worst = 0;
    for (int i = 0; i < N; i++) {
        double want = 0;
        for (int j = 0; j < N; j++) want += (A[i * N + j] + A[j * N + i]) * v[j];   /* H = A + A^T */
        if (fabs(hv[i] - want) > worst) worst = fabs(hv[i] - want);
    }
    check_true("quadratic: H v = (A + A^T) v", worst < 1e-13);
    quadratic_hvp(x, u, hu, A, N);
    double uhv = 0, vhu = 0;
    for (int i = 0; i < N; i++) uhv += u[i] * hv[i], vhu += v[i] * hu[i];
    check_near("quadratic: <u, H v> = <v, H u>", uhv, vhu, 1e-12);

    double p[2] = {1.3, 4.1}, d[2] = {0.6, -0.8}, bh[2] = {0, 0};
    bumpy_hvp(p, d, bh);
    double a = p[0], b = p[1];
    double hxx = -sin(a) * cos(b) - 0.25 * sin(0.5 * a) * cos(0.5 * b);
    double hxy = -cos(a) * sin(b) - 0.25 * cos(0.5 * a) * sin(0.5 * b);
    double hyy = -sin(a) * cos(b) - 0.25 * sin(0.5 * a) * cos(0.5 * b);
    check_near("bumpy: (H v)_0 closed form", bh[0], hxx * d[0] + hxy * d[1], 1e-14);
    check_near("bumpy: (H v)_1 closed form", bh[1], hxy * d[0] + hyy * d[1], 1e-14);

    double X[M * N], y[M], w[N], wv[N], whv[N] = {0}, wu[N], whu[N] = {0};
    for (int i = 0; i < M * N; i++) X[i] = check_uniform(&seed, -1, 1);
    for (int k = 0; k < M; k++) y[k] = k % 2 ? 1.0 : -1.0;
    for (int i = 0; i < N; i++) w[i] = check_uniform(&seed, -1, 1), wv[i] = check_uniform(&seed, -1, 1), wu[i] = check_uniform(&seed, -1, 1);
    logistic_hvp(w, wv, whv, X, y, M, N, 0.1);
    double h = 1e-5, gp[N] = {0}, gm[N] = {0}, wp[N], wm[N];
    for (int i = 0; i < N; i++) wp[i] = w[i] + h * wv[i], wm[i] = w[i] - h * wv[i];
    logistic_vjp(wp, gp, X, y, M, N, 0.1, 1.0);
    logistic_vjp(wm, gm, X, y, M, N, 0.1, 1.0);
    worst = 0;
    for (int i = 0; i < N; i++) {
        double e = fabs(whv[i] - (gp[i] - gm[i]) / (2 * h));
        if (e > worst) worst = e;
    }
    check_true("logistic: H v against differences of gradients", worst < 1e-8);
    logistic_hvp(w, wu, whu, X, y, M, N, 0.1);
    uhv = vhu = 0;
    for (int i = 0; i < N; i++) uhv += wu[i] * whv[i], vhu += wv[i] * whu[i];
    check_near("logistic: symmetry", uhv, vhu, 1e-10);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
