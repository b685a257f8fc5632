// Nested calls: calls as arguments of calls (file functions and math.h),
// each hoisted into a temporary with its tangent, in evaluation order.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

static double sq(double t) { return t * t; }
static double mix(double a, double b) { return a * b + sin(a); }

double nested(double x, double y) { return exp(sq(mix(sq(x), cos(y)))) + mix(mix(x, y), sqrt(sq(y) + 1)); }
#pragma cgrad differentiate nested mode(tangent)

// CHECK-LABEL: double nested_jvp(double x, double x_d, double y, double y_d, double *ret_d) {
// CHECK-NEXT:    double _t_d;
// CHECK-NEXT:    double _t = sq_jvp_t(x, x_d, &_t_d);
// CHECK-NEXT:    double _t_1 = cos(y);
// CHECK-NEXT:    double _t_1_d = -(y_d * sin(y));
// CHECK-NEXT:    double _t_2_d;
// CHECK-NEXT:    double _t_2 = mix_jvp_a_b(_t, _t_d, _t_1, _t_1_d, &_t_2_d);
// CHECK-NEXT:    double _t_3_d;
// CHECK-NEXT:    double _t_3 = sq_jvp_t(_t_2, _t_2_d, &_t_3_d);
// CHECK-NEXT:    double _t_4 = exp(_t_3);
// CHECK-NEXT:    double _t_4_d = _t_3_d * _t_4;
// CHECK-NEXT:    double _t_5_d;
// CHECK-NEXT:    double _t_5 = mix_jvp_a_b(x, x_d, y, y_d, &_t_5_d);
// CHECK-NEXT:    double _t_6_d;
// CHECK-NEXT:    double _t_6 = sq_jvp_t(y, y_d, &_t_6_d);
// CHECK-NEXT:    double _t_7 = sqrt(_t_6 + 1);
// CHECK-NEXT:    double _t_7_d = _t_6_d * (0.5 / _t_7);
// CHECK-NEXT:    double _t_8_d;
// CHECK-NEXT:    double _t_8 = mix_jvp_a_b(_t_5, _t_5_d, _t_7, _t_7_d, &_t_8_d);
// CHECK-NEXT:    *ret_d = _t_4_d + _t_8_d;
// CHECK-NEXT:    return _t_4 + _t_8;
// CHECK-NEXT: }
// CHECK-LABEL: static double sq_jvp_t(double t, double t_d, double *ret_d) {
// CHECK-LABEL: static double mix_jvp_a_b(double a, double a_d, double b, double b_d, double *ret_d) {
// CHECK-NEXT:    double _t = sin(a);
// CHECK-NEXT:    double _t_d = a_d * cos(a);
// CHECK-NEXT:    *ret_d = a_d * b + b_d * a + _t_d;
// CHECK-NEXT:    return a * b + _t;
// CHECK-NEXT: }
// CHECK-NOT:   _jvp

double nested_jvp(double x, double x_d, double y, double y_d, double *ret_d);

int main(void) {
    const double h = 1e-6;
    unsigned seed = 47;
    for (int k = 0; k < 30; k++) {
        double x = check_uniform(&seed, -0.8, 0.8), y = check_uniform(&seed, -2, 2), gx, gy;
        double val = nested_jvp(x, 1, y, 0, &gx);
        nested_jvp(x, 0, y, 1, &gy);
        if (val != nested(x, y)) check_near("value", val, nested(x, y), 0);
        double fdx = (nested(x + h, y) - nested(x - h, y)) / (2 * h);
        double fdy = (nested(x, y + h) - nested(x, y - h)) / (2 * h);
        if (fabs(gx - fdx) > 1e-7 * fmax(1, fabs(fdx))) check_near("d/dx central differences", gx, fdx, 1e-7);
        if (fabs(gy - fdy) > 1e-7 * fmax(1, fabs(fdy))) check_near("d/dy central differences", gy, fdy, 1e-7);
    }
    /* closed form at x = 0: d/dx = d/dx mix(mix(x, y), c) = (c + cos(m)) * (y + 1), m = mix(0, y) = 0 */
    double y = 0.5, c = sqrt(1.25), g;
    nested_jvp(0, 1, y, 0, &g);
    check_near("d/dx at x = 0", g, (c + 1) * (y + 1), 1e-14);
    // EXEC: ok d/dx at x = 0
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
