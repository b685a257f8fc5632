// Found by a blind test corpus: the derivatives of a long product grew with
// the square of its length (the cube, for the Hessian-vector product): 200
// factors took 15 s and 2 GB, 800 ran the machine out of memory.  Long
// expressions are now cut into temporaries of bounded size first
// (ad/split.c), so 300 factors translate at once into a few hundred KB,
// with the same derivatives.
// RUN: %cgrad %s -o %t.c
// RUN: wc -c < %t.c | awk '{ exit !($1 < 1500000) }'
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include "check.h"

#define T10 x[0] * x[1] * x[2] * x[3] * x[4] * x[5] * x[6] * x[0] * x[1] * x[2]
#define T100 T10 * T10 * T10 * T10 * T10 * T10 * T10 * T10 * T10 * T10

double f(const double *x) { return T100 * T100 * T100; }
#pragma cgrad differentiate f mode(both, hvp) check(x = 7)
// CHECK-LABEL: double f_jvp(const double *x, const double *x_d, double *ret_d) {
// CHECK: double _e = x[0] * x[1]

double f_check(const double *x, double tol);
double f_vjp(const double *x, double *x_b, double ret_b);
double f_hvp(const double *x, const double *x_v, double *x_hv);

int main(void) {
    double x[7] = {1.001, 0.999, 1.002, 0.9985, 1.0004, 0.9993, 1.0007};
    check_true("300 factors: jvp and vjp", f_check(x, 1e-6) < 1e-7);
    // f = prod x_k^(e_k): the gradient is f e_k / x_k, H v by differences of it
    int e[7] = {0};
    for (int k = 0; k < 300; k++) e[(k % 10) % 7]++;
    double fx = f(x), g[7] = {0}, worst = 0;
    f_vjp(x, g, 1.0);
    for (int k = 0; k < 7; k++) worst = fmax(worst, fabs(g[k] - fx * e[k] / x[k]) / fabs(fx * e[k] / x[k]));
    check_true("the gradient in closed form", worst < 1e-12);
    double v[7] = {0.3, -0.2, 0.1, 0.5, -0.4, 0.2, 0.1}, hv[7] = {0}, hmax = 0;
    f_hvp(x, v, hv);
    for (int k = 0; k < 7; k++) {
        double xp[7], xm[7], gp[7] = {0}, gm[7] = {0}, h = 1e-6;
        for (int i = 0; i < 7; i++) xp[i] = x[i] + h * v[i], xm[i] = x[i] - h * v[i];
        f_vjp(xp, gp, 1.0);
        f_vjp(xm, gm, 1.0);
        hmax = fmax(hmax, fabs(hv[k] - (gp[k] - gm[k]) / (2 * h)) / fmax(1, fabs(hv[k])));
    }
    check_true("H v against differences of gradients", hmax < 1e-5);
    return check_done();
}
// EXEC-NOT: FAIL
// EXEC: ALL OK
