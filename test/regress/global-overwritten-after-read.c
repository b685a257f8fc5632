// Found by a blind test corpus: a global read and then overwritten by the
// function (directly, or by a helper that carries derivatives) kept its
// final value in the reverse sweep, so f_vjp used g = 10 where f saw g = 2,
// and f_hvp was off the same way.  Globals are now memory the caller sees:
// the forward sweep records the store and the reverse sweep undoes it.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

double g = 2.0, tab[3] = {1.0, 2.0, 3.0};

static double scale_and_bump(double x) {
    double r = tab[1] * x;
    tab[1] = tab[1] * 3.0;
    return r * x;
}

double f(double x) {
    double r = g * x * x;
    g = 10.0;
    r += scale_and_bump(x) * sin(x);
    tab[2] += 1.0;
    return r + tab[1] * tab[2] * x;
}
#pragma cgrad differentiate f mode(both, hvp)

/* a helper that carries a derivative stores into a global read before the
 * call: its forward half records the store, so this is no refusal (it was
 * once taken for a call without derivatives) */
double f2(double x) {
    double r = tab[1] * x * x;
    r += scale_and_bump(x) * sin(x);
    return r + tab[1] * x;
}
#pragma cgrad differentiate f2 mode(both)

// CODE-LABEL: double f_vjp(
// CODE:         cg_save_f64(_tp, &g);
// CODE-NEXT:    g = 10.0;
// CODE:         cg_save_f64(_tp, &tab[2]);
// CODE:         cg_restore_f64(_tp);

double f_jvp(double x, double x_d, double *ret_d);
double f_vjp(double x, double *x_b, double ret_b);
double f_hvp(double x, double x_v, double *x_hv);
double f2_jvp(double x, double x_d, double *ret_d);
double f2_vjp(double x, double *x_b, double ret_b);

static void reset(void) { g = 2.0, tab[1] = 2.0, tab[2] = 3.0; }
static double f_at(const double *x) { reset(); return f(x[0]); }
static double grad_at(const double *x) { double b = 0; reset(); f_vjp(x[0], &b, 1.0); return b; }

int main(void) {
    double x = 0.7, one = 1.0, d, b = 0, hv = 0;
    /* f = 2 x^2 + 2 x^2 sin x + 6 * 4 x with these globals */
    double want = 4 * x + 4 * x * sin(x) + 2 * x * x * cos(x) + 24;
    reset();
    f_jvp(x, 1.0, &d);
    check_near("jvp against the closed form", d, want, 1e-14);
    reset();
    f_vjp(x, &b, 1.0);
    check_near("vjp against the closed form", b, want, 1e-14);
    check_true("vjp leaves the globals as f does", g == 10.0 && tab[1] == 6.0 && tab[2] == 4.0);
    check_near("vjp against central differences", b, fd_dir(f_at, &x, &one, 1, 1e-6), 1e-8);
    reset();
    f_hvp(x, 1.0, &hv);
    check_near("hvp against the closed form", hv, 4 + 4 * sin(x) + 8 * x * cos(x) - 2 * x * x * sin(x), 1e-13);
    check_near("hvp against differences of the gradient", hv, fd_dir(grad_at, &x, &one, 1, 1e-6), 1e-7);
    double d2, b2 = 0;
    reset();
    f2_jvp(x, 1.0, &d2);
    /* f2 = 2 x^2 + 2 x^2 sin x + 6 x */
    check_near("f2: jvp against the closed form", d2, 4 * x + 4 * x * sin(x) + 2 * x * x * cos(x) + 6, 1e-14);
    reset();
    f2_vjp(x, &b2, 1.0);
    check_near("f2: vjp against the closed form", b2, d2, 1e-14);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
