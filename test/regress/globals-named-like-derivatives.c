// Found by a blind test corpus: a file-scope object named like a generated
// name (x_d, ret_b, ...) was hidden by the derivative's own parameter or
// local, so f_jvp computed a wrong value and a wrong derivative without a
// word.  Generated names now avoid every file-scope name the code reads.
// RUN: %cgrad %s -o %t.c
// RUN: FileCheck --check-prefix=GEN %s < %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

double x_d = 2.0, ret_b = 3.0, ret_d = 4.0, x_b = 5.0, _ret = 0.5, s_b = 1.5;

double f(double x) {
    double s = x * x_d * ret_b * ret_d * x_b * _ret * s_b;
    return s * x;
}
#pragma cgrad differentiate f mode(both, hvp)
// GEN: double f_jvp(double x, double x_d_1, double *ret_d_1) {

double f_jvp(double x, double x_d, double *ret_d);
double f_vjp(double x, double *x_b, double ret_b);
double f_hvp(double x, double x_v, double *x_hv);

int main(void) {
    double k = 2.0 * 3.0 * 4.0 * 5.0 * 0.5 * 1.5, d, b = 0, h = 0;   // f = k x^2
    double v1 = f_jvp(1.5, 1.0, &d), v2 = f_vjp(1.5, &b, 1.0), v3 = f_hvp(1.5, 1.0, &h);
    check_near("f_jvp value", v1, k * 2.25, 1e-15);
    check_near("f_vjp value", v2, k * 2.25, 1e-15);
    check_near("f_hvp value", v3, k * 2.25, 1e-15);
    check_near("f_jvp", d, 2 * k * 1.5, 1e-15);
    check_near("f_vjp", b, 2 * k * 1.5, 1e-15);
    check_near("f_hvp", h, 2 * k, 1e-15);
    return check_failures != 0;
}
// CHECK-NOT: FAIL
// CHECK: ok f_hvp
