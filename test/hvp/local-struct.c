// Found by two blind test corpora: mode(hvp) refused any local struct
// ("brace initializers of non-arrays are not supported in adjoint mode",
// twice, at `Pair p;`, which has none): the tangent declares the struct's
// shadow `Pair p_d = {0}`, and the adjoint of the tangent took that for a
// user's initializer.  `= {0}` is now the zero the declaration gives.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

typedef struct { double a, b; } Pair;

double f(double x, double y) {
    Pair p, q = {0};
    p.a = x;
    p.b = 2 * x * y;
    q.a = p.a * p.b;
    return q.a + p.b * y;
}
#pragma cgrad differentiate f mode(hvp)

double f_hvp(double x, double x_v, double *x_hv, double y, double y_v, double *y_hv);

int main(void) {
    /* f = 2 x^2 y + 2 x y^2: H = [[4y, 4x + 4y], [4x + 4y, 4x]] */
    double x = 1.5, y = -0.5, hx = 0, hy = 0;
    f_hvp(x, 1.0, &hx, y, 2.0, &hy);
    check_near("(H v)_x", hx, 4 * y + 2 * (4 * x + 4 * y), 1e-14);
    check_near("(H v)_y", hy, (4 * x + 4 * y) + 2 * 4 * x, 1e-14);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
