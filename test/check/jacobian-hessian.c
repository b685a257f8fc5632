// jacobian(...) and hessian(...) write dense drivers: FUNC_jacobian (one
// _jvp per input when inputs <= outputs, else one _vjp per output) and
// FUNC_hessian (one _hvp per input).  Both leave memory as FUNC does and
// return its value.  Checked against closed forms and central differences,
// in the tall and the wide case, and the Hessian's symmetry.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

/* tall: 6 inputs (x0, x1, y0..y2 at entry, a) -> 4 outputs (return, y0..y2);
 * y is overwritten, so its entry columns are zero */
double tall(const double *x, double *y, double a) {
    y[0] = x[0] * x[1];
    y[1] = sin(x[0]) + a * x[1];
    y[2] = a * a;
    return x[0] + 2 * x[1] + 3 * a;
}
#pragma cgrad differentiate tall jacobian(x = 2, y = 3)

/* wide: 6 inputs (x0..x4, y0) -> 2 outputs (return, y0) */
double wide(const double *x, double *y) {
    double s = 0;
    for (int i = 0; i < 5; i++) s += x[i] * x[i] * (i + 1);
    y[0] = x[0] * x[4];
    return s;
}
#pragma cgrad differentiate wide jacobian(x = 5, y = 1)

double rosen(const double *x, int n) {
    double f = 0;
    for (int i = 0; i + 1 < n; i++) f += 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]) + (1 - x[i]) * (1 - x[i]);
    return f;
}
#pragma cgrad differentiate rosen mode(both, hvp) hessian(x = n)

double tall_jacobian(const double *x, double *y, double a, double *J);
double wide_jacobian(const double *x, double *y, double *J);
double rosen_hessian(const double *x, int n, double *H);

int main(void) {
    double x[2] = {0.3, -0.7}, y[3] = {9, 9, 9}, J[4 * 6], a = 1.5;
    double r = tall_jacobian(x, y, a, J);
    double want[4][6] = {{1, 2, 0, 0, 0, 3}, {x[1], x[0], 0, 0, 0, 0}, {cos(x[0]), a, 0, 0, 0, x[1]}, {0, 0, 0, 0, 0, 2 * a}};
    double worst = 0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 6; j++) worst = fmax(worst, fabs(J[i * 6 + j] - want[i][j]));
    check_true("tall Jacobian (columns from _jvp)", worst < 1e-15);
    check_true("tall: value and outputs as the function leaves them", r == 0.3 - 1.4 + 4.5 && y[2] == a * a);

    double w[5] = {0.1, -0.2, 0.3, 0.4, -0.5}, wy[1] = {0}, WJ[2 * 6];
    wide_jacobian(w, wy, WJ);
    worst = fabs(WJ[5]) + fabs(WJ[6 + 5]);   /* the overwritten y's entry column */
    for (int j = 0; j < 5; j++) worst = fmax(worst, fabs(WJ[j] - 2 * w[j] * (j + 1)));
    worst = fmax(worst, fabs(WJ[6 + 0] - w[4]) + fabs(WJ[6 + 4] - w[0]) + fabs(WJ[6 + 1]) + fabs(WJ[6 + 2]) + fabs(WJ[6 + 3]));
    check_true("wide Jacobian (rows from _vjp)", worst < 1e-15);

    enum { N = 4 };
    double z[N] = {0.5, -0.3, 0.8, 1.1}, H[N * N];
    rosen_hessian(z, N, H);
    worst = 0;
    double asym = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double want_ij = 0;
            if (i == j) {
                if (i + 1 < N) want_ij += 1200 * z[i] * z[i] - 400 * z[i + 1] + 2;
                if (i > 0) want_ij += 200;
            } else if (j == i + 1 || i == j + 1) {
                want_ij = -400 * z[i < j ? i : j];
            }
            worst = fmax(worst, fabs(H[i * N + j] - want_ij));
            asym = fmax(asym, fabs(H[i * N + j] - H[j * N + i]));
        }
    check_true("Rosenbrock Hessian (columns from _hvp)", worst < 1e-12);
    check_true("Hessian symmetric", asym < 1e-12);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
