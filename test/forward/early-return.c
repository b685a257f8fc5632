// Early returns, at top level and from inside a loop: each return sets
// *ret_d from the tangent of its own expression.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double early(double x, double y) {
    if (x < 0) return y * y;
    for (int i = 0; i < 10; i++) {
        x = x * 0.5 + y;
        if (x > 3) return x * y;
    }
    return x;
}
#pragma cgrad differentiate early mode(tangent)

float earlyf(float x, float y) {
    if (x < 0) return y * y;
    for (int i = 0; i < 10; i++) {
        x = x * 0.5f + y;
        if (x > 3) return x * y;
    }
    return x;
}
#pragma cgrad differentiate earlyf mode(tangent)

// CHECK-LABEL: double early_jvp(double x, double x_d, double y, double y_d, double *ret_d) {
// CHECK-NEXT:    if (x < 0) {
// CHECK-NEXT:        *ret_d = y_d * y + y_d * y;
// CHECK-NEXT:        return y * y;
// CHECK-NEXT:    }
// CHECK-NEXT:    for (int i = 0; i < 10; i++) {
// CHECK-NEXT:        x_d = x_d * 0.5 + y_d;
// CHECK-NEXT:        x = x * 0.5 + y;
// CHECK-NEXT:        if (x > 3) {
// CHECK-NEXT:            *ret_d = x_d * y + y_d * x;
// CHECK-NEXT:            return x * y;
// CHECK-NEXT:        }
// CHECK-NEXT:    }
// CHECK-NEXT:    *ret_d = x_d;
// CHECK-NEXT:    return x;
// CHECK-NEXT: }
// CHECK-LABEL: float earlyf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {

double early_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float earlyf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

int main(void) {
    const double h = 1e-6;
    /* (-1, 2): first return; (1, 2): return inside the loop; (1, 0.5): the last return */
    static const double pts[][2] = {{-1, 2}, {1, 2}, {1, 0.5}, {0.3, 1.2}};
    for (int k = 0; k < 4; k++) {
        double x = pts[k][0], y = pts[k][1], gx, gy;
        early_jvp(x, 1, y, 0, &gx);
        early_jvp(x, 0, y, 1, &gy);
        double fdx = (early(x + h, y) - early(x - h, y)) / (2 * h);
        double fdy = (early(x, y + h) - early(x, y - h)) / (2 * h);
        char name[64];
        snprintf(name, sizeof name, "point %d central differences", k);
        check_true(name, fabs(gx - fdx) < 1e-7 && fabs(gy - fdy) < 1e-7);
        float gxf, gyf;
        earlyf_jvp((float)x, 1, (float)y, 0, &gxf);
        earlyf_jvp((float)x, 0, (float)y, 1, &gyf);
        snprintf(name, sizeof name, "point %d float vs double", k);
        check_true(name, fabs(gxf - gx) < 1e-5 && fabs(gyf - gy) < 1e-5);
    }
    double d;
    early_jvp(-1, 0, 2, 1, &d);
    check_near("first return: d(y^2)/dy", d, 4, 1e-15);
    /* (1, 2): x1 = 2.5, x2 = 3.25 > 3 returns x2 * y, x2 = x/4 + 1.5 y */
    early_jvp(1, 1, 2, 0, &d);
    check_near("loop return: d/dx", d, 0.25 * 2, 1e-15);
    early_jvp(1, 0, 2, 1, &d);
    check_near("loop return: d/dy", d, 1.5 * 2 + 3.25, 1e-15);
    /* (1, 0.5): x_k -> 1 + 2^-10 (x - 1) after 10 steps; d/dy = 2 (1 - 2^-10) */
    early_jvp(1, 0, 0.5, 1, &d);
    check_near("last return: d/dy", d, 2 * (1 - ldexp(1, -10)), 1e-15);
    // EXEC: ok point 0 central differences
    // EXEC: ok last return: d/dy
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
