// Fuzzer seed 6009779, reduced by hand: a called function (mid) hands a
// pointer into its local array to another (scale), which stores through
// it.  scale's forward half recorded those stores by address, in mid's
// forward frame; scale's reverse half, run from mid's reverse half, then
// restored into that dead frame (a crash at -O2, stack-use-after-scope
// under ASan, and wrong values otherwise), and the final replay wrote there
// too.  mid's halves now move the span of records the call made into the
// reverse frame's array before scale's reverse half, and retire them after.
// RUN: %cgrad %s -o %t.c
// RUN: %filecheck --check-prefix=GEN %s < %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

static void scale(double *v, int n, double c) {
    for (int i = 0; i < n; i++) v[i] = sin(v[i] * c);   /* overwritten, read nonlinearly */
}

static void deeper(double *v, double c) { scale(v + 1, 2, c); }

// GEN-LABEL: static double mid_fwd_x(
// GEN: _from = cg_tape_mem_mark(_tp);
// GEN-NEXT: scale_fwd_v_c(h, h_b, 3, x[0], 0);
// GEN-NEXT: cg_span_push(_tp, _from, h);
// GEN-LABEL: static void mid_rev_x(
// GEN: cg_span_rebase(_tp, &_span{{.*}}, h, sizeof h);
// GEN-NEXT: scale_rev_v_c(
// GEN-NEXT: cg_span_retire(_tp, &_span{{.*}}, h, sizeof h);
static double mid(const double *x) {
    double h[3] = {x[0] * x[1], x[1] + x[2], x[2]};
    scale(h, 3, x[0]);
    deeper(h, x[1]);
    return h[0] * h[1] + h[2] * x[2];
}

double f(const double *x) { return mid(x) * mid(x + 1); }
#pragma cgrad differentiate f

double f_jvp(const double *x, const double *x_d, double *ret_d);
double f_vjp(const double *x, double *x_b, double ret_b);

static double fx(const double *x) { return f(x); }

int main(void) {
    const double x[4] = {0.3, 0.7, -0.4, 0.9}, v[4] = {0.5, -0.3, 0.8, 0.1};
    double xb[4] = {0}, rd;
    check_true("f_jvp returns f", f_jvp(x, v, &rd) == f(x));
    check_near("jvp against central differences", rd, fd_dir(fx, x, v, 4, 1e-6), 1e-7);
    check_true("f_vjp returns f", f_vjp(x, xb, 1.0) == f(x));
    double dot = 0;
    for (int i = 0; i < 4; i++) dot += xb[i] * v[i];
    check_near("dot-product test", dot, rd, 1e-12);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
