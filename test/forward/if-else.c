// if / else if / else chains: each branch sets the tangent of what it
// assigns; a branch that assigns a constant zeroes the tangent.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double branches(double x, double y) {
    double r;
    if (x > y) r = x * y;
    else if (x > 0) {
        r = x * x;
        r += y;
    } else
        r = -y;
    if (r > 10) r = 10;
    return r;
}
#pragma cgrad differentiate branches mode(tangent)

float branchesf(float x, float y) {
    float r;
    if (x > y) r = x * y;
    else if (x > 0) {
        r = x * x;
        r += y;
    } else
        r = -y;
    if (r > 10) r = 10;
    return r;
}
#pragma cgrad differentiate branchesf mode(tangent)

// CHECK-LABEL: double branches_jvp(double x, double x_d, double y, double y_d, double *ret_d) {
// CHECK-NEXT:    double r;
// CHECK-NEXT:    double r_d = 0.0;
// CHECK-NEXT:    if (x > y) {
// CHECK-NEXT:        r_d = x_d * y + y_d * x;
// CHECK-NEXT:        r = x * y;
// CHECK-NEXT:    } else {
// CHECK-NEXT:        if (x > 0) {
// CHECK-NEXT:            r_d = x_d * x + x_d * x;
// CHECK-NEXT:            r = x * x;
// CHECK-NEXT:            r_d += y_d;
// CHECK-NEXT:            r += y;
// CHECK-NEXT:        } else {
// CHECK-NEXT:            r_d = -y_d;
// CHECK-NEXT:            r = -y;
// CHECK-NEXT:        }
// CHECK-NEXT:    }
// CHECK-NEXT:    if (r > 10) {
// CHECK-NEXT:        r_d = 0.0;
// CHECK-NEXT:        r = 10;
// CHECK-NEXT:    }
// CHECK-NEXT:    *ret_d = r_d;
// CHECK-NEXT:    return r;
// CHECK-NEXT: }
// CHECK-LABEL: float branchesf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK:             r_d = 0.0f;

double branches_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float branchesf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

int main(void) {
    /* one point per branch, away from the branch boundaries */
    static const double pts[][2] = {{2, 1}, {0.5, 1}, {-1, 2}, {5, 4}, {2, 3}};
    static const double dx[] = {1, 2 * 0.5, 0, 0, 2 * 2};   /* closed forms of d/dx per point */
    static const double dy[] = {2, 1, -1, 0, 1};            /* and of d/dy */
    const double h = 1e-6;
    for (int k = 0; k < 5; k++) {
        double x = pts[k][0], y = pts[k][1], gx, gy;
        branches_jvp(x, 1, y, 0, &gx);
        branches_jvp(x, 0, y, 1, &gy);
        char name[64];
        snprintf(name, sizeof name, "d/dx at point %d", k);
        check_near(name, gx, dx[k], 1e-15);
        snprintf(name, sizeof name, "d/dy at point %d", k);
        check_near(name, gy, dy[k], 1e-15);
        double fdx = (branches(x + h, y) - branches(x - h, y)) / (2 * h);
        double fdy = (branches(x, y + h) - branches(x, y - h)) / (2 * h);
        snprintf(name, sizeof name, "central differences at point %d", k);
        check_true(name, fabs(gx - fdx) < 1e-8 && fabs(gy - fdy) < 1e-8);
        float gxf, gyf;
        branchesf_jvp((float)x, 1, (float)y, 0, &gxf);
        branchesf_jvp((float)x, 0, (float)y, 1, &gyf);
        snprintf(name, sizeof name, "float vs double at point %d", k);
        check_true(name, fabs(gxf - gx) < 1e-5 && fabs(gyf - gy) < 1e-5);
    }
    // EXEC: ok d/dx at point 0
    // EXEC: ok d/dy at point 4
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
