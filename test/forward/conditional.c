// The conditional operator ?: and logical operators in conditions: each arm
// has its own tangent; an inactive arm contributes zero.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double cond(double x, double y) {
    double a = x > y ? x : y;
    double b = x > 0 ? x * x : 2.0;
    double c = y < 0 ? 1.0 : -y;
    return a * b + c + (x > 1 && y > 1 ? x * y : x + y) + (!(x < y) || y == 0 ? 1.0 : x);
}
#pragma cgrad differentiate cond mode(tangent)

float condf(float x, float y) {
    float a = x > y ? x : y;
    float b = x > 0 ? x * x : 2.0f;
    float c = y < 0 ? 1.0f : -y;
    return a * b + c + (x > 1 && y > 1 ? x * y : x + y) + (!(x < y) || y == 0 ? 1.0f : x);
}
#pragma cgrad differentiate condf mode(tangent)

// CHECK-LABEL: double cond_jvp(double x, double x_d, double y, double y_d, double *ret_d) {
// CHECK-NEXT:    double a = x > y ? x : y;
// CHECK-NEXT:    double a_d = x > y ? x_d : y_d;
// CHECK-NEXT:    double b = x > 0 ? x * x : 2.0;
// CHECK-NEXT:    double b_d = x > 0 ? x_d * x + x_d * x : 0.0;
// CHECK-NEXT:    double c = y < 0 ? 1.0 : -y;
// CHECK-NEXT:    double c_d = y < 0 ? 0.0 : -y_d;
// CHECK-NEXT:    *ret_d = a_d * b + b_d * a + c_d + (x > 1 && y > 1 ? x_d * y + y_d * x : x_d + y_d) + (!(x < y) || y == 0 ? 0.0 : x_d);
// CHECK-NEXT:    return a * b + c + (x > 1 && y > 1 ? x * y : x + y) + (!(x < y) || y == 0 ? 1.0 : x);
// CHECK-NEXT: }
// CHECK-LABEL: float condf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK:         float b_d = x > 0 ? x_d * x + x_d * x : 0.0f;

double cond_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float condf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

int main(void) {
    const double h = 1e-6;
    /* points in each region, away from x = y, x = 0, y = 0, x = 1, y = 1 */
    static const double pts[][2] = {{2, 1.5}, {1.5, 2}, {-0.5, 0.5}, {0.5, -0.7}, {-2, -1}, {3, 0.5}};
    for (int k = 0; k < 6; k++) {
        double x = pts[k][0], y = pts[k][1], gx, gy;
        cond_jvp(x, 1, y, 0, &gx);
        cond_jvp(x, 0, y, 1, &gy);
        double fdx = (cond(x + h, y) - cond(x - h, y)) / (2 * h);
        double fdy = (cond(x, y + h) - cond(x, y - h)) / (2 * h);
        char name[64];
        snprintf(name, sizeof name, "point %d d/dx central differences", k);
        check_near(name, gx, fdx, 1e-8);
        snprintf(name, sizeof name, "point %d d/dy central differences", k);
        check_near(name, gy, fdy, 1e-8);
        float gxf, gyf;
        condf_jvp((float)x, 1, (float)y, 0, &gxf);
        condf_jvp((float)x, 0, (float)y, 1, &gyf);
        snprintf(name, sizeof name, "point %d float vs double", k);
        check_true(name, fabs(gxf - gx) < 1e-5 * fmax(1, fabs(gx)) && fabs(gyf - gy) < 1e-5 * fmax(1, fabs(gy)));
    }
    /* closed form at (2, 1.5): a = x, b = x^2, c = -y, x y, 1: d/dx = 3 x^2 + y = 13.5, d/dy = -1 + x = 1 */
    double gx, gy;
    cond_jvp(2, 1, 1.5, 0, &gx);
    cond_jvp(2, 0, 1.5, 1, &gy);
    check_near("d/dx closed form", gx, 13.5, 1e-15);
    check_near("d/dy closed form", gy, 1, 1e-15);
    // EXEC: ok point 0 d/dx central differences
    // EXEC: ok d/dy closed form
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
