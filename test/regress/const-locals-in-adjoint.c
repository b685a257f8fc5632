// Fuzzer seeds 20000009 and 12 others (test/fuzz/gen.py --affine): a const
// local.  Adjoint mode declares every local at the top of the function and
// assigns it where the user declared it, and the reverse sweep restores it;
// the declaration kept `const`, so the generated C did not compile.  The
// hoisted declaration now drops const from the object (from the elements
// of an array); a pointer to const stays one.
// RUN: %cgrad %s -o %t.c
// RUN: FileCheck %s --check-prefix=GEN < %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

double f(const double *x, int n) {
    double s = 0;
    const double c[2] = {0.5, 2.0};
    for (int i = 0; i < n; i++) {
        const int k = n - 1 - i;
        const double t = x[k] * c[k % 2];
        const double *const p = x + i;
        s += sin(t) * *p;
    }
    return s;
}
#pragma cgrad differentiate f

// GEN-LABEL: double f_vjp(const double *x, double *x_b, int n, double ret_b) {
// GEN:           double c[2];
// GEN:           int k = 0;
// GEN:           double t = 0;
// GEN:           const double *p = 0;

double f_jvp(const double *x, const double *x_d, int n, double *ret_d);
double f_vjp(const double *x, double *x_b, int n, double ret_b);

enum { N = 7 };
static double f_at(const double *x) { return f(x, N); }

int main(void) {
    unsigned seed = 11;
    double x[N], v[N], xb[N] = {0}, jv;
    for (int i = 0; i < N; i++) x[i] = check_uniform(&seed, -1, 1), v[i] = check_uniform(&seed, -1, 1);
    f_jvp(x, v, N, &jv);
    f_vjp(x, xb, N, 1.0);
    double vjt = 0;
    for (int i = 0; i < N; i++) vjt += v[i] * xb[i];
    // CHECK: ok jvp against differences
    check_near("jvp against differences", jv, fd_dir(f_at, x, v, N, 1e-6), 1e-8);
    // CHECK: ok <J v, 1> = <v, J^T 1>
    check_near("<J v, 1> = <v, J^T 1>", vjt, jv, 1e-12);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
