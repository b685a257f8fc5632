// Loops counted with size_t (or any unsigned type) run back through a
// signed copy of the counter, `for (_r = n - 1; _r >= 0; _r--)` with i read
// as (size_t)_r: an unsigned i cannot test i >= 0.  The shape is the one
// the jam and interchange passes know, so size_t loop nests get the same
// four-row passes as int ones (before, they ran one row at a time: the
// attention kernel's gradient took 150-200 us against 60 us with int).
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include <stddef.h>
#include "check.h"

enum { T = 3, D = 9 };

double rows(const double *x, const double *W) {
    double loss = 0;
    for (size_t t = 0; t < T; t++)
        for (size_t j = 0; j < D; j++) {
            double s = 0;
            for (size_t i = 0; i < D; i++) s += x[t * D + i] * W[i * D + j];
            loss += sin(s);
        }
    return loss;
}
#pragma cgrad differentiate rows check(x = T * D, W = D * D)
// CHECK-LABEL: double rows_vjp(const double *x, double *x_b, const double *W, double *W_b, double ret_b) {
// CHECK: for (_r{{.*}} = (long)T - 1; _r{{.*}} >= 0; _r{{.*}}--) {
// CHECK: for ([[R:_r[_0-9]*]] = (long)D - 1; [[R]] >= 3; [[R]] -= 4) {
// CHECK: x_b[(size_t){{_r[_0-9]*}} * D + (size_t)([[R]] - 3)] += _acc_4;

// a runtime size, possibly zero, counted in an unsigned int
double dot_rows(const double *x, unsigned n) {
    double s = 0;
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = 0; j < 4; j++) s += x[i * 4 + j] * x[j];
    return s;
}
#pragma cgrad differentiate dot_rows check(x = n * 4 + 4)

double rows_check(const double *x, const double *W, double tol);
double dot_rows_check(const double *x, unsigned n, double tol);
double dot_rows_vjp(const double *x, double *x_b, unsigned n, double ret_b);

int main(void) {
    double x[T * D], W[D * D];
    unsigned st = 7;
    for (int k = 0; k < T * D; k++) x[k] = check_uniform(&st, -1, 1);
    for (int k = 0; k < D * D; k++) W[k] = check_uniform(&st, -0.5, 0.5);
    check_true("size_t nest: jvp and vjp", rows_check(x, W, 1e-6) < 1e-7);
    check_true("unsigned rows, n = 5", dot_rows_check(x, 5, 1e-6) < 1e-7);
    double b[4] = {0};
    dot_rows_vjp(x, b, 0, 1.0);
    check_true("unsigned rows, n = 0: no iteration", b[0] == 0 && b[3] == 0);
    return check_done();
}
// EXEC-NOT: FAIL
// EXEC: ALL OK
