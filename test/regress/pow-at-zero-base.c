// Found by a blind test corpus: d/dy pow(x, y) = pow(x, y) log(x) gave
// 0 * -inf = NaN at x = 0, where pow(0, y) is 0 for every y > 0 and the
// derivative is 0; the Hessian-vector product met 0 / 0 the same way.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

double f(double x, double y) { return pow(x, y); }
#pragma cgrad differentiate f mode(both, hvp)

double g(double x, int k) { return pow(x, k); }
#pragma cgrad differentiate g mode(tangent)

double f_jvp(double x, double x_d, double y, double y_d, double *ret_d);
double f_vjp(double x, double *x_b, double y, double *y_b, double ret_b);
double g_jvp(double x, double x_d, int k, double *ret_d);
double f_hvp(double x, double x_v, double *x_hv, double y, double y_v, double *y_hv);

int main(void) {
    double xb = 0, yb = 0, d, hx = 0, hy = 0;
    f_vjp(0.0, &xb, 2.0, &yb, 1.0);
    f_jvp(0.0, 0.0, 2.0, 1.0, &d);
    f_hvp(0.0, 1.0, &hx, 2.0, 0.0, &hy);
    check_near("x = 0: d/dx", xb, 0, 0);
    check_near("x = 0: d/dy", yb, 0, 0);
    check_near("x = 0: jvp along y", d, 0, 0);
    check_near("x = 0: H e_x, x part", hx, 2, 0);
    check_near("x = 0: H e_x, y part", hy, 0, 0);
    // away from 0 the rule is the textbook one
    xb = yb = 0;
    f_vjp(1.5, &xb, 2.5, &yb, 1.0);
    check_near("x = 1.5: d/dx", xb, 2.5 * pow(1.5, 1.5), 1e-15);
    check_near("x = 1.5: d/dy", yb, pow(1.5, 2.5) * log(1.5), 1e-15);
    hx = hy = 0;
    f_hvp(1.5, 0.0, &hx, 2.5, 1.0, &hy);
    check_near("x = 1.5: H e_y, y part", hy, pow(1.5, 2.5) * log(1.5) * log(1.5), 1e-14);
    check_near("x = 1.5: H e_y, x part", hx, pow(1.5, 1.5) * (1 + 2.5 * log(1.5)), 1e-14);
    // pow(x, 0) is 1 for every x: its slope at x = 0 is 0, not 0 * pow(0, -1)
    // (found by a blind test corpus with pow(x, k), k = 0)
    double dk;
    g_jvp(0.0, 1.0, 0, &dk);
    check_near("pow(x, 0) at x = 0: jvp", dk, 0, 0);
    return check_failures != 0;
}
// CHECK-NOT: FAIL
// CHECK: ok pow(x, 0) at x = 0: jvp
