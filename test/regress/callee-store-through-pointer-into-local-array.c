// Fuzzer seed 3004786, reduced by hand: a called function stores through a
// pointer into its own local array (`*p = sin(*p)` with p = loc + 1).  Its
// forward half recorded the store by address, and its reverse half, which
// has its own frame, restored the old value into the forward half's dead
// frame: a crash at -O2, a stack-use-after-scope under ASan, and otherwise
// a derivative computed from the wrong value of *p.  Such a store now
// travels as its offset from the array.
// RUN: %cgrad %s -o %t.c
// RUN: %filecheck --check-prefix=GEN %s < %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include <string.h>
#include "check.h"

// GEN-LABEL: static double walk_fwd_x(
// GEN: cg_save_into_f64(_tp, &*p, loc, sizeof loc);
// GEN-LABEL: static void walk_rev_x(
// GEN: cg_restore_into_f64(_tp, loc);
static double walk(const double *x, int n) {
    double loc[4];
    for (int i = 0; i < 4; i++) loc[i] = x[i] * x[i];
    double *p = loc + 1;
    while (n-- > 0) {
        *p = sin(*p) + x[0];
        p++;
    }
    return loc[1] * loc[2] + loc[3];
}

double f(const double *x) { return walk(x, 2) * walk(x + 1, 3); }
#pragma cgrad differentiate f

double f_jvp(const double *x, const double *x_d, double *ret_d);
double f_vjp(const double *x, double *x_b, double ret_b);

static double fx(const double *x) { return f(x); }

int main(void) {
    const double x[5] = {0.3, 0.7, -0.4, 1.1, -0.2}, v[5] = {0.5, -0.3, 0.8, 0.1, 0.6};
    double xb[5] = {0}, rd;
    double r = f_jvp(x, v, &rd);
    check_true("f_jvp returns f", r == f(x));
    check_near("jvp against central differences", rd, fd_dir(fx, x, v, 5, 1e-6), 1e-7);
    r = f_vjp(x, xb, 1.0);
    check_true("f_vjp returns f", r == f(x));
    double dot = 0;
    for (int i = 0; i < 5; i++) dot += xb[i] * v[i];
    check_near("dot-product test", dot, rd, 1e-12);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
