/*
 * Jacobians two ways: columns from f_jvp, rows from f_vjp
 *
 *     f: R^3 -> R^4,   y0 = x0 x1,   y1 = x0 sin(x2),
 *                      y2 = exp(x1) - x2^2,   y3 = sqrt(x0^2 + x1^2 + x2^2)
 *
 * Forward mode (f_jvp) pushes a direction v through f and returns J v: with
 * v = e_j it returns column j.  Reverse mode (f_vjp) pulls a seed w back and
 * accumulates w^T J: with w = e_i it gives row i.  A Jacobian of a function
 * R^d -> R^c therefore costs d forward sweeps or c reverse sweeps; the cheaper
 * one depends on which of d and c is smaller.  Both are exact (no step size),
 * so the two Jacobians and the hand-written one agree to rounding.
 */
#include <math.h>
#include <stdio.h>

enum { D = 3, C = 4 };

void f(const double *x, double *y) {
    y[0] = x[0] * x[1];
    y[1] = x[0] * sin(x[2]);
    y[2] = exp(x[1]) - x[2] * x[2];
    y[3] = sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
}
#pragma cgrad differentiate f

/* Written by cgrad (wrt x, out y by default):
 *   f_jvp: y = f(x), y_d = J x_d
 *   f_vjp: y = f(x), x_b += J^T y_b, y_b = 0 (the seed is consumed) */
void f_jvp(const double *x, const double *x_d, double *y, double *y_d);
void f_vjp(const double *x, double *x_b, double *y, double *y_b);

/* The Jacobian by hand, for the check. */
static void jacobian_by_hand(const double *x, double J[C][D]) {
    double r = sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    double rows[C][D] = {{x[1], x[0], 0},
                         {sin(x[2]), 0, x[0] * cos(x[2])},
                         {0, exp(x[1]), -2 * x[2]},
                         {x[0] / r, x[1] / r, x[2] / r}};
    for (int i = 0; i < C; i++)
        for (int j = 0; j < D; j++) J[i][j] = rows[i][j];
}

static void print_matrix(const char *title, double J[C][D]) {
    printf("%s\n", title);
    for (int i = 0; i < C; i++) {
        printf("  [");
        for (int j = 0; j < D; j++) printf(" %+.12f", J[i][j]);
        printf(" ]\n");
    }
}

static double max_diff(double A[C][D], double B[C][D]) {
    double m = 0;
    for (int i = 0; i < C; i++)
        for (int j = 0; j < D; j++) m = fmax(m, fabs(A[i][j] - B[i][j]));
    return m;
}

int main(void) {
    const double x[D] = {0.7, -1.2, 2.1};
    double y[C], Jf[C][D], Jr[C][D], Jh[C][D];

    /* forward mode: one column per direction e_j */
    for (int j = 0; j < D; j++) {
        double xd[D] = {0}, yd[C];
        xd[j] = 1.0;
        f_jvp(x, xd, y, yd);
        for (int i = 0; i < C; i++) Jf[i][j] = yd[i];
    }
    /* reverse mode: one row per seed e_i; x_b accumulates, so start it at 0 */
    for (int i = 0; i < C; i++) {
        double xb[D] = {0}, yb[C] = {0};
        yb[i] = 1.0;
        f_vjp(x, xb, y, yb);
        for (int j = 0; j < D; j++) Jr[i][j] = xb[j];
    }
    jacobian_by_hand(x, Jh);

    printf("x = (%g, %g, %g),  f(x) = (%.6f, %.6f, %.6f, %.6f)\n\n", x[0], x[1], x[2], y[0], y[1], y[2], y[3]);
    print_matrix("J from f_jvp (column j = J e_j):", Jf);
    print_matrix("J from f_vjp (row i = e_i^T J):", Jr);
    print_matrix("J by hand:", Jh);

    /* A Jacobian-vector and a vector-Jacobian product without forming J,
     * tied together by <J v, w> = <v, J^T w>. */
    const double v[D] = {0.3, -0.5, 0.8}, w[C] = {1.0, -2.0, 0.5, 0.25};
    double Jv[C], JTw[D] = {0}, wcopy[C], lhs = 0, rhs = 0;
    f_jvp(x, v, y, Jv);
    for (int i = 0; i < C; i++) wcopy[i] = w[i];
    f_vjp(x, JTw, y, wcopy);
    for (int i = 0; i < C; i++) lhs += Jv[i] * w[i];
    for (int j = 0; j < D; j++) rhs += v[j] * JTw[j];

    double d_fr = max_diff(Jf, Jr), d_fh = max_diff(Jf, Jh), d_rh = max_diff(Jr, Jh);
    double dot_err = fabs(lhs - rhs) / fabs(lhs);
    printf("\nmax |J_jvp - J_vjp|  = %.3e\n", d_fr);
    printf("max |J_jvp - J_hand| = %.3e\n", d_fh);
    printf("max |J_vjp - J_hand| = %.3e\n", d_rh);
    printf("<J v, w> = %.15f,  <v, J^T w> = %.15f,  relative difference %.3e\n", lhs, rhs, dot_err);

    int bad = d_fr > 1e-12 || d_fh > 1e-12 || d_rh > 1e-12 || dot_err > 1e-12;
    printf("\n%s: the Jacobians %s to 1e-12\n", bad ? "FAILED" : "ok", bad ? "differ" : "agree");
    return bad;
}
