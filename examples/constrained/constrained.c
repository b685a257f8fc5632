/*
 * Constrained optimization through the gradient of the Lagrangian
 *
 *     minimize  f(x) = ||A x||^2   subject to   g(x) = ||x||^2 - 1 = 0
 *
 *     L(x, mu) = ||A x||^2 - mu (||x||^2 - 1)
 *
 * At a solution the Lagrangian is stationary: dL/dx = 2 (A^T A x - mu x) = 0
 * and dL/dmu = -(||x||^2 - 1) = 0, so x is a unit eigenvector of A^T A and
 * mu = ||A x||^2 its eigenvalue; the minimum is the smallest eigenvalue.
 *
 * cgrad writes lagrangian_vjp, which returns L and both partial derivatives
 * in one reverse sweep.  The solver is projected gradient descent on the
 * sphere: with the multiplier estimate mu = ||A x||^2 (the one that makes
 * dL/dx tangent to the sphere), step x <- x - lr dL/dx, then project back
 * onto ||x|| = 1.  It stops when ||dL/dx|| < 1e-12, then checks the answer
 * against the eigenvector of A^T A with the smallest eigenvalue, found
 * independently by the cyclic Jacobi eigenvalue method.
 */
#include <math.h>
#include <stdio.h>

enum { M = 6, N = 5, MAX_STEPS = 20000 };

double lagrangian(const double *x, double mu, const double *A, int m, int n) {
    double f = 0, norm2 = 0;
    for (int i = 0; i < m; i++) {
        double r = 0;
        for (int j = 0; j < n; j++) r += A[i * n + j] * x[j];
        f += r * r;
    }
    for (int j = 0; j < n; j++) norm2 += x[j] * x[j];
    return f - mu * (norm2 - 1);
}
#pragma cgrad differentiate lagrangian mode(adjoint) wrt(x, mu)

/* Written by cgrad: returns L, adds dL/dx * ret_b to x_b and dL/dmu * ret_b to *mu_b. */
double lagrangian_vjp(const double *x, double *x_b, double mu, double *mu_b, const double *A, int m, int n,
                      double ret_b);

/* Eigen-decomposition of the symmetric S (n x n) by cyclic Jacobi rotations:
 * on return the diagonal of S holds the eigenvalues, column k of V the
 * eigenvector of S[k][k]. */
static void jacobi_eigen(double S[N][N], double V[N][N]) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) V[i][j] = i == j;
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0;
        for (int p = 0; p < N; p++)
            for (int q = p + 1; q < N; q++) off += S[p][q] * S[p][q];
        if (off < 1e-30) break;
        for (int p = 0; p < N; p++)
            for (int q = p + 1; q < N; q++) {
                if (fabs(S[p][q]) < 1e-300) continue;
                double theta = (S[q][q] - S[p][p]) / (2 * S[p][q]);
                double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
                double c = 1 / sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < N; k++) {   /* S <- S J */
                    double a = S[k][p], b = S[k][q];
                    S[k][p] = c * a - s * b;
                    S[k][q] = s * a + c * b;
                }
                for (int k = 0; k < N; k++) {   /* S <- J^T S */
                    double a = S[p][k], b = S[q][k];
                    S[p][k] = c * a - s * b;
                    S[q][k] = s * a + c * b;
                }
                for (int k = 0; k < N; k++) {   /* V <- V J */
                    double a = V[k][p], b = V[k][q];
                    V[k][p] = c * a - s * b;
                    V[k][q] = s * a + c * b;
                }
            }
    }
}

int main(void) {
    double A[M * N];
    for (int i = 0; i < M; i++)
        for (int j = 0; j < N; j++) A[i * N + j] = cos(1.7 * i + 0.9 * j * j) + (i == j ? 1.5 : 0.0);

    /* Step size 1 / (2 ||A||_F^2): ||A||_F^2 bounds the largest eigenvalue of
     * A^T A, so each step is a contraction toward the smallest one. */
    double fro2 = 0;
    for (int k = 0; k < M * N; k++) fro2 += A[k] * A[k];
    const double lr = 1.0 / (2 * fro2);

    double x[N] = {1, 1, 1, 1, 1}, gnorm = 0, L = 0, mu = 0, dmu = 0;
    for (int j = 0; j < N; j++) x[j] /= sqrt(N);
    int step;
    printf("minimize ||A x||^2 subject to ||x||^2 = 1 (A is %dx%d), step size %.4g\n\n", M, N, lr);
    for (step = 0; step <= MAX_STEPS; step++) {
        mu = lagrangian(x, 0.0, A, M, N);   /* ||A x||^2, the multiplier estimate */
        double gx[N] = {0};
        dmu = 0;
        L = lagrangian_vjp(x, gx, mu, &dmu, A, M, N, 1.0);
        gnorm = 0;
        for (int j = 0; j < N; j++) gnorm += gx[j] * gx[j];
        gnorm = sqrt(gnorm);
        if (step % 200 == 0) printf("  step %4d  L = %.12f  |dL/dx| = %.3e  dL/dmu = %+.1e\n", step, L, gnorm, dmu);
        if (gnorm < 1e-12) break;
        double norm = 0;
        for (int j = 0; j < N; j++) {
            x[j] -= lr * gx[j];
            norm += x[j] * x[j];
        }
        for (int j = 0; j < N; j++) x[j] /= sqrt(norm);   /* back onto the sphere */
    }
    printf("  step %4d  L = %.12f  |dL/dx| = %.3e  dL/dmu = %+.1e  (stopped)\n\n", step, L, gnorm, dmu);

    /* The reference: eigen-decomposition of A^T A. */
    double S[N][N], V[N][N];
    for (int p = 0; p < N; p++)
        for (int q = 0; q < N; q++) {
            S[p][q] = 0;
            for (int i = 0; i < M; i++) S[p][q] += A[i * N + p] * A[i * N + q];
        }
    jacobi_eigen(S, V);
    int kmin = 0;
    printf("eigenvalues of A^T A:");
    for (int k = 0; k < N; k++) {
        printf(" %.6f", S[k][k]);
        if (S[k][k] < S[kmin][kmin]) kmin = k;
    }
    printf("\n");
    double sign = 0;
    for (int j = 0; j < N; j++) sign += V[j][kmin] * x[j];
    sign = sign < 0 ? -1 : 1;   /* an eigenvector is defined up to its sign */
    double err = 0;
    printf("\n%4s %16s %16s\n", "j", "x (descent)", "v (Jacobi)");
    for (int j = 0; j < N; j++) {
        printf("%4d %+16.10f %+16.10f\n", j, x[j], sign * V[j][kmin]);
        err = fmax(err, fabs(x[j] - sign * V[j][kmin]));
    }
    double lam_err = fabs(mu - S[kmin][kmin]);
    printf("\nmultiplier mu = ||A x||^2 = %.12f, smallest eigenvalue %.12f\n", mu, S[kmin][kmin]);
    printf("max |x - v| = %.3e, |mu - lambda_min| = %.3e, steps %d\n", err, lam_err, step);
    int bad = err > 1e-6 || lam_err > 1e-9 || gnorm >= 1e-12;
    printf("\n%s: the constrained minimum %s the eigenvector of the smallest eigenvalue to 1e-6\n",
           bad ? "FAILED" : "ok", bad ? "does not match" : "matches");
    return bad;
}
