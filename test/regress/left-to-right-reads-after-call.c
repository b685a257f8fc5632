// Fuzzer seed 6003131, reduced by hand: in (g(y) < 0 ? ... : y[0]) / f(y)
// the left operand calls g and then reads y[0], which f changes.  clang
// reads y[0] between the two calls; cgrad captured the left operand's reads
// before a later call only when the left operand called nothing, so both
// modes read y[0] after f and computed another function (and derivative)
// than the compiled f.  A left operand is now captured after its own calls.
// Seed 6004555: the same for the arguments of a math call, atan2(y[0], g(y))
// (clang evaluates arguments left to right).
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include <string.h>
#include "check.h"

static double g(double *y) {
    y[0] = 3.0 * y[1];
    y[1] += 0.5;
    return y[1];
}

double f(double *y) { return (g(y) < 0.0 ? y[1] * y[1] : y[0] - 2.0) / (1.5 + g(y) * g(y)); }
#pragma cgrad differentiate f

double h(double *y) { return atan2(y[0] * y[1], 1.0 + g(y)); }
#pragma cgrad differentiate h

double f_jvp(double *y, double *y_d, double *ret_d);
double f_vjp(double *y, double *y_b, double ret_b);
double h_jvp(double *y, double *y_d, double *ret_d);
double h_vjp(double *y, double *y_b, double ret_b);

typedef double (*Fn)(double *);
typedef double (*Jvp)(double *, double *, double *);
typedef double (*Vjp)(double *, double *, double);
static Fn fn;

static double fy(const double *y0) {
    double y[2];
    memcpy(y, y0, sizeof y);
    return fn(y);
}

static void check_one(const char *name, Fn f, Jvp f_jvp, Vjp f_vjp) {
    const double y0[2] = {0.4, 0.9}, v[2] = {0.7, -0.2};
    printf("%s\n", name);
    fn = f;
    double want[2], y[2], yd[2], yb[2] = {0}, rd;
    memcpy(want, y0, sizeof want);
    double fwant = f(want);
    memcpy(y, y0, sizeof y);
    memcpy(yd, v, sizeof yd);
    double r = f_jvp(y, yd, &rd);
    check_true("f_jvp computes what f computes", r == fwant && memcmp(y, want, sizeof y) == 0);
    check_near("jvp against central differences", rd, fd_dir(fy, y0, v, 2, 1e-6), 1e-7);
    memcpy(y, y0, sizeof y);
    r = f_vjp(y, yb, 1.0);
    check_true("f_vjp computes what f computes", r == fwant && memcmp(y, want, sizeof y) == 0);
    check_near("dot-product test", yb[0] * v[0] + yb[1] * v[1], rd, 1e-12);
}

int main(void) {
    check_one("left operand", f, f_jvp, f_vjp);
    check_one("math call arguments", h, h_jvp, h_vjp);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
