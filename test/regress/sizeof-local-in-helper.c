// Found by a blind test corpus: `memset(T, 0, sizeof T)` and
// `memcpy(c, T, sizeof T)` on a helper's local array translated, but the
// output did not compile: the reverse half has no T (it needs none) and
// still said `sizeof T`.  A sizeof that names a local is now its value.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <string.h>
#include "check.h"

static void squares(const double *a, double *c) {
    double T[3];
    memset(T, 0, sizeof T);
    for (int i = 0; i < 3; i++) T[i] += a[i] * a[i];
    memcpy(c, T, sizeof T);
}
void f(const double *x, double *y) { squares(x, y); }
#pragma cgrad differentiate f mode(adjoint)

// CODE-LABEL: static void squares_rev_a_c_noret(
// CODE-NOT:     sizeof T
// CODE:         (long)(24 / sizeof(double)) - 1

void f_vjp(const double *x, double *x_b, double *y, double *y_b);

int main(void) {
    double x[3] = {1, -2, 3}, xb[3] = {0}, y[3], yb[3] = {1, 0.5, 2};
    f_vjp(x, xb, y, yb);
    check_true("y = x^2", y[0] == 1 && y[1] == 4 && y[2] == 9);
    check_true("x_b = 2 x y_b", xb[0] == 2 && xb[1] == -2 && xb[2] == 12);
    check_true("y_b ends at zero", yb[0] == 0 && yb[1] == 0 && yb[2] == 0);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
