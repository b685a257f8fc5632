// Found by a blind test corpus: a parameter declared as a variable-length
// array (`const double x[n]`) was not seen as a pointer, so a helper taking
// one was refused and FUNC's own gave prototypes that did not compile.  It
// is a pointer parameter, as C adjusts it.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include "check.h"

static double sumsq(int n, const double x[n]) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * x[i];
    return s;
}

double f(int n, const double x[n], double y[n]) {
    for (int i = 0; i < n; i++) y[i] = x[i] * sumsq(n, x);
    return sumsq(n, y);
}
#pragma cgrad differentiate f check(x = n, y = n)
// CHECK: double f_jvp(int n, const double *x, const double *x_d, double *y, double *y_d, double *ret_d);
// CHECK: static double sumsq_jvp_x(int n, const double *x, const double *x_d, double *ret_d);

double f_check(int n, const double x[n], double y[n], double tol);

int main(void) {
    double x[4] = {0.3, -0.5, 0.8, 0.1}, y[4];
    check_true("jvp and vjp of a function with VLA parameters", f_check(4, x, y, 1e-6) < 1e-7);
    return check_done();
}
// EXEC-NOT: FAIL
// EXEC: ALL OK
