// Recompute instead of store: when a write overwrites the value of a cheap
// assignment earlier in the same block (`t = x[0] * 2; ...; t = ...;`), and
// nothing in between changed what that assignment read, the reverse sweep
// evaluates it again where it would pop the tape.  Checked structurally
// (no push, the recompute in its place, and the cases that must keep the
// tape) and numerically (the dot-product test against the tangent, and
// central differences), on separate and on overlapping buffers.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

// t's first two values are cheap: the reverse sweep computes them again
double reuse(const double *x, double a) {
    double t = x[0] * a;
    double y = sin(t);
    t = x[1] + a;
    y += sin(t) * t;
    t = y - x[2];
    a = x[3] * 7;   // overwrites what the first value of t read: recorded
    return y * t * a;
}
#pragma cgrad differentiate reuse mode(both)
// CHECK-LABEL: double reuse_vjp(const double *x, double *x_b, double a, double *a_b, double ret_b) {
// CHECK-NOT:       cg_push_f64(_tp, t)
// CHECK:           cg_push_f64(_tp, a);
// CHECK-NEXT:      a = x[3] * 7;
// CHECK-NOT:       cg_push_f64(_tp, t)
// CHECK:           a = cg_pop_f64(_tp);
// CHECK:           t = x[1] + a;
// CHECK:           t = x[0] * a;
// CHECK:       }

// c's first value is read by nothing in the reverse sweep but the
// recompute of t, so its overwrite must restore it: here by recomputing c
// too, so that the function needs no tape at all
double only(const double *x, double b) {
    double c = b + 1;
    double t = c * 2;
    double y = sin(t);
    t = x[0] + 1;
    y += t * t;
    c = x[1] * 5;
    return y * c;
}
#pragma cgrad differentiate only mode(both)
// CHECK-LABEL: double only_vjp(const double *x, double *x_b, double b, double *b_b, double ret_b) {
// CHECK-NOT:       _tp
// CHECK:           c = x[1] * 5;
// CHECK-NOT:       _tp
// CHECK:           c = b + 1;
// CHECK-NEXT:      x_b[1] += c_b * 5;
// CHECK-NOT:       _tp
// CHECK:           t = c * 2;
// CHECK-NOT:       _tp
// CHECK:       }

// a value that took a call, an operand changed in between, a store in
// between into memory the value read (y may overlap x, so y[0] = s may
// change x[2] too): all four keep the tape
double keep(double *y, const double *x, double a) {
    double t = sin(x[0]);
    double s = t * t;
    t = x[1] * a;       // pushes: sin() is not cheap
    s += t * t;
    a = s * 0.5;
    t = x[2] * 3;       // pushes: a changed since `t = x[1] * a`
    s += t * a;
    y[0] = s;
    t = y[0] * 2;
    s += t * t;
    y[0] = x[3];
    t = s;              // pushes: y[0] was stored since `t = y[0] * 2`
    return s * t;
}
#pragma cgrad differentiate keep mode(both)
// CHECK-LABEL: double keep_vjp(double *y, double *y_b, const double *x, double *x_b, double a, double *a_b, double ret_b) {
// CHECK:           cg_push_f64(_tp, t);
// CHECK-NEXT:      t = x[1] * a;
// CHECK:           cg_push_f64(_tp, t);
// CHECK-NEXT:      t = x[2] * 3;
// CHECK:           cg_push_f64(_tp, t);
// CHECK-NEXT:      t = y[0] * 2;
// CHECK:           cg_push_f64(_tp, t);
// CHECK-NEXT:      t = s;

// in a loop: the counter is the reversed loop's own.  The first value of
// each iteration overwrites the last one of the iteration before, whose
// operands have moved on (i): that one is still pushed.
double looped(const double *x, int n) {
    double y = 0;
    for (int i = 0; i < n; i++) {
        double t = x[i] * 2;
        y += sin(t);
        t = x[i] + 1;
        y += t * t * t;
    }
    return y;
}
#pragma cgrad differentiate looped mode(both)
// CHECK-LABEL: double looped_vjp(const double *x, double *x_b, int n, double ret_b) {
// CHECK:               cg_push_f64(_tp, t);
// CHECK-NEXT:          t = x[i] * 2;
// CHECK-NOT:           cg_push_f64
// CHECK:           for (i = n - 1; i >= 0; i--) {
// CHECK:               t = x[i] * 2;
// CHECK:               t = cg_pop_f64(_tp);
// CHECK:       }

double reuse_jvp(const double *x, const double *x_d, double a, double a_d, double *ret_d);
double reuse_vjp(const double *x, double *x_b, double a, double *a_b, double ret_b);
double only_jvp(const double *x, const double *x_d, double b, double b_d, double *ret_d);
double only_vjp(const double *x, double *x_b, double b, double *b_b, double ret_b);
double keep_jvp(double *y, double *y_d, const double *x, const double *x_d, double a, double a_d, double *ret_d);
double keep_vjp(double *y, double *y_b, const double *x, double *x_b, double a, double *a_b, double ret_b);
double looped_jvp(const double *x, const double *x_d, int n, double *ret_d);
double looped_vjp(const double *x, double *x_b, int n, double ret_b);

static double reuse_z(const double *z) { return reuse(z, z[4]); }
static double only_z(const double *z) { return only(z, z[2]); }
static double keep_z(const double *z) {
    double y[1] = {z[4]};
    return keep(y, z, z[5]);
}
static double looped_z(const double *z) { return looped(z, 6); }

int main(void) {
    unsigned seed = 17;
    double z[8], v[8];
    for (int i = 0; i < 8; i++) z[i] = check_uniform(&seed, -1, 1), v[i] = check_uniform(&seed, -1, 1);

    double jv, xb[4] = {0}, ab = 0;
    reuse_jvp(z, v, z[4], v[4], &jv);
    reuse_vjp(z, xb, z[4], &ab, 1.0);
    double vjt = ab * v[4];
    for (int i = 0; i < 4; i++) vjt += xb[i] * v[i];
    // EXEC: ok reuse: <J v, 1> = <v, J^T 1>
    check_near("reuse: <J v, 1> = <v, J^T 1>", vjt, jv, 1e-12);
    // EXEC: ok reuse: against differences
    check_near("reuse: against differences", vjt, fd_dir(reuse_z, z, v, 5, 1e-6), 1e-7);

    double ob[2] = {0}, obb = 0;
    only_jvp(z, v, z[2], v[2], &jv);
    only_vjp(z, ob, z[2], &obb, 1.0);
    vjt = ob[0] * v[0] + ob[1] * v[1] + obb * v[2];
    // EXEC: ok only: <J v, 1> = <v, J^T 1>
    check_near("only: <J v, 1> = <v, J^T 1>", vjt, jv, 1e-12);
    // EXEC: ok only: against differences
    check_near("only: against differences", vjt, fd_dir(only_z, z, v, 3, 1e-6), 1e-7);

    double y[1] = {z[4]}, yd[1] = {v[4]}, kb[4] = {0}, yb[1] = {0}, kab = 0;
    keep_jvp(y, yd, z, v, z[5], v[5], &jv);
    y[0] = z[4];
    keep_vjp(y, yb, z, kb, z[5], &kab, 1.0);
    vjt = yb[0] * v[4] + kab * v[5];
    for (int i = 0; i < 4; i++) vjt += kb[i] * v[i];
    // EXEC: ok keep: <J v, 1> = <v, J^T 1>
    check_near("keep: <J v, 1> = <v, J^T 1>", vjt, jv, 1e-12);
    // EXEC: ok keep: against differences
    check_near("keep: against differences", vjt, fd_dir(keep_z, z, v, 6, 1e-6), 1e-7);

    double lb[6] = {0};
    looped_jvp(z, v, 6, &jv);
    looped_vjp(z, lb, 6, 1.0);
    vjt = 0;
    for (int i = 0; i < 6; i++) vjt += lb[i] * v[i];
    // EXEC: ok looped: <J v, 1> = <v, J^T 1>
    check_near("looped: <J v, 1> = <v, J^T 1>", vjt, jv, 1e-12);
    // EXEC: ok looped: against differences
    check_near("looped: against differences", vjt, fd_dir(looped_z, z, v, 6, 1e-6), 1e-7);
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
