// A math call on memory inside a branch of `?:` was hoisted above the
// condition in adjoint mode: `i < n ? sin(x[i]) : 0` read x[n] and added
// to x_b[n] when i == n, past the end of both buffers (ASan: heap overflow;
// found rereading the condition-order fix).  Such a branch now becomes an
// if statement, so it reads only what the condition lets it.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <stdlib.h>
#include "check.h"

double f(const double *x, int n, int i) { return i < n ? sin(x[i]) * x[0] : x[0]; }
#pragma cgrad differentiate f mode(adjoint)
// CHECK-LABEL: double f_vjp(const double *x, double *x_b, int n, int i, double ret_b) {
// CHECK: if (i < n) {
// CHECK-NEXT: _t_1 = sin(x[i]);

double f_vjp(const double *x, double *x_b, int n, int i, double ret_b);

int main(void) {
    int n = 3;
    double *x = malloc(n * sizeof *x), *xb = calloc(n, sizeof *xb);
    x[0] = 0.3, x[1] = -0.7, x[2] = 1.1;
    f_vjp(x, xb, n, n, 1.0);   /* out of range: f is x[0] */
    check_near("i = n: d/dx0", xb[0], 1, 0);
    check_near("i = n: d/dx2", xb[2], 0, 0);
    xb[0] = 0;
    f_vjp(x, xb, n, 2, 1.0);
    check_near("i = 2: d/dx0", xb[0], sin(x[2]), 1e-15);
    check_near("i = 2: d/dx2", xb[2], cos(x[2]) * x[0], 1e-15);
    free(x);
    free(xb);
    return check_done();
}
// EXEC-NOT: FAIL
// EXEC: ALL OK
