// Fuzzer seed 902160, reduced by hand: a callee writes an active value into
// a caller's array that no output reads, and its result goes to a dead
// local.  The caller rightly gave the array no shadow, but the tangent asked
// the callee for the derivative of its result anyway, so the callee needed
// the array's derivative and cgrad refused the program.  A result whose
// tangent nobody reads now asks for none.  Seed 1002535: the same with the
// result read only through a cast to int; a writable array argument without
// a shadow now tells that the result reaches no output.  Seed 2000844: the
// first fix took `*p++ = g(a)` for a store without a tangent (a side effect
// on the left hides the shadow) and dropped g's derivative.
// RUN: %cgrad %s -o %t.c
// RUN: FileCheck %s --check-prefix=GEN < %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

static double h(double c, double *x) {
    double r = 0;
    x[0] *= c;
    if (c > 5) r = x[0];
    return r;
}

static double g(const double *x) { return x[0] * x[1]; }

void f(const double *a, double *y) {
    double t[2] = {0};
    t[0] = a[0];
    y[0] = sin(a[0]) * 2;
    double d = h(y[0], t);
    d = h(y[0] + 1, t);
    h(y[0] + d, t);
    int k = (int)(2 * (1 + sin(h(y[0], t))));
    double buf[2], *p = buf;
    *p++ = g(a);
    y[1] = y[0] * a[k % 2] + buf[0];
}
#pragma cgrad differentiate f out(y)
// GEN: {{^}}static double h_jvp_c_noret(double c, double c_d, double *x);
// GEN-NOT: {{h_jvp_c\(}}

void f_jvp(const double *a, const double *a_d, double *y, double *y_d);
void f_vjp(const double *a, double *a_b, double *y, double *y_b);

static void fv(const double *a, double *y) { f(a, y); }

int main(void) {
    double a[2] = {0.4, -0.7}, y[2], yd[2], ad[2] = {0.3, 0.9}, fd[2];
    f_jvp(a, ad, y, yd);
    fd_dir_vec(fv, a, ad, 2, 2, 1e-6, fd);
    check_near("jvp y[0]", yd[0], fd[0], 1e-8);
    check_near("jvp y[1]", yd[1], fd[1], 1e-8);
    double ab[2] = {0}, yb[2] = {0.6, -1.1};
    f_vjp(a, ab, y, yb);
    check_near("dot-product test", ab[0] * ad[0] + ab[1] * ad[1], 0.6 * yd[0] - 1.1 * yd[1], 1e-12);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
