// Fuzzer seed 901968, reduced by hand: in `x[k(x)] += h(x)` the left
// side's index reads memory that the call writes.  C leaves the order of
// the call and the index unspecified; clang evaluates the right side first
// for every assignment and gcc for compound ones.  cgrad evaluated the
// index first, so FUNC_jvp and FUNC_vjp stored into another element than
// the compiled FUNC did.  Both modes now evaluate the right side first.
// Found on the way: the tangent dropped the int result of a user call that
// takes an active pointer (k below) and used 0 in its place.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include <string.h>
#include "check.h"

static double h(double *x) {
    x[0] += 1.7;   /* moves the indices below */
    return x[1] * x[1];
}

static int k(const double *x) { return (int)(x[0] + 0.5) % 3; }

double f(double *x) {
    x[(int)(fabs(x[0]) * 0.7) % 3] += h(x);   /* index from a math call, too */
    x[k(x)] *= h(x) + x[1];
    return x[0] + x[1] * x[k(x) + 1];
}
#pragma cgrad differentiate f

double f_jvp(double *x, double *x_d, double *ret_d);
double f_vjp(double *x, double *x_b, double ret_b);

static double fx(const double *x0) {
    double x[3];
    memcpy(x, x0, sizeof x);
    return f(x);
}

int main(void) {
    const double x0[3] = {0.2, 0.7, -0.4};
    double want[3], x[3], xd[3] = {0.5, -0.3, 0.8}, xb[3] = {0}, rd;
    memcpy(want, x0, sizeof want);
    double fwant = f(want);

    memcpy(x, x0, sizeof x);
    double r = f_jvp(x, xd, &rd);
    check_true("memory after f_jvp is what f leaves", memcmp(x, want, sizeof x) == 0 && r == fwant);
    check_near("jvp against central differences", rd, fd_dir(fx, x0, (double[]){0.5, -0.3, 0.8}, 3, 1e-6), 1e-7);

    memcpy(x, x0, sizeof x);
    r = f_vjp(x, xb, 1.0);
    check_true("memory after f_vjp is what f leaves", memcmp(x, want, sizeof x) == 0 && r == fwant);
    check_near("dot-product test", xb[0] * 0.5 - xb[1] * 0.3 + xb[2] * 0.8, rd, 1e-12);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
