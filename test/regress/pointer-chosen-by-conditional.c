// Found while fixing fuzzer seed 3004786: a pointer chosen by `?:` was
// followed to neither arm.  The activity analysis took `k ? loc : x` for
// memory it could not name, so `p` got no derivative and the stores through
// it none either: FUNC_jvp and FUNC_vjp were silently wrong.  The same held
// for `g(k ? x : y)`, whose callee writes the chosen memory.  Both arms are
// now followed (ex_pointer_roots), and a null arm's shadow is null.
// In h, called from f and so split in two halves, p may point into the
// caller's x or into h's own local array: a store through it is recorded as
// an offset from the array when it lands there (cg_save_into_f64), since
// the reverse half has the array at another address.
// RUN: %cgrad %s -o %t.c
// RUN: %filecheck --check-prefix=GEN %s < %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include <string.h>
#include "check.h"

static void g(double *p, const double *x) { p[0] = x[0] * x[1]; }

// GEN-LABEL: static double h_fwd_x(
// GEN: cg_save_into_f64(_tp, &p[1], loc, sizeof loc);
// GEN-LABEL: static void h_rev_x(
// GEN: cg_restore_into_f64(_tp, loc);
static double h(double *x, int k) {
    double loc[3] = {x[0], x[1], x[2]};
    double *p = k ? loc : x;
    p[1] = p[1] * p[0];
    p[2] = sin(p[1]);
    return loc[2] + x[2] * x[1];
}

double f(double *x, int k) {
    double *y = x + 3, *q = 0;
    g(k ? x + 4 : y + 2, x);          /* writes x[4] or x[5] */
    q = k ? NULL : y;
    double s = h(x, k) + h(y, 1 - k);
    if (q) s += q[0] * q[2];
    return s * x[0] + x[4] * x[5];
}
#pragma cgrad differentiate f

double f_jvp(double *x, double *x_d, int k, double *ret_d);
double f_vjp(double *x, double *x_b, int k, double ret_b);

static int kk;
static double fx(const double *x0) {
    double x[6];
    memcpy(x, x0, sizeof x);
    return f(x, kk);
}

int main(void) {
    const double x0[6] = {0.3, 0.7, -0.4, 1.1, -0.2, 0.5}, v[6] = {0.5, -0.3, 0.8, 0.1, 0.6, -0.9};
    for (kk = 0; kk < 2; kk++) {
        double want[6], x[6], xd[6], xb[6] = {0}, rd;
        memcpy(want, x0, sizeof want);
        double fwant = f(want, kk);
        memcpy(x, x0, sizeof x);
        memcpy(xd, v, sizeof xd);
        double r = f_jvp(x, xd, kk, &rd);
        check_true("memory after f_jvp is what f leaves", memcmp(x, want, sizeof x) == 0 && r == fwant);
        check_near("jvp against central differences", rd, fd_dir(fx, x0, v, 6, 1e-6), 1e-7);
        memcpy(x, x0, sizeof x);
        r = f_vjp(x, xb, kk, 1.0);
        check_true("memory after f_vjp is what f leaves", memcmp(x, want, sizeof x) == 0 && r == fwant);
        double dot = 0;
        for (int i = 0; i < 6; i++) dot += xb[i] * v[i];
        check_near("dot-product test", dot, rd, 1e-12);
    }
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
