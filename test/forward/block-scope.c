// Block-scoped declarations with initializers, a nested block whose local
// shadows an outer one (renamed t_1, with its own tangent t_1_d), and a
// declaration in a loop body initialized from the loop counter.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double scoped(double x, double y) {
    double r = 0;
    {
        double t = x * y;
        r += t;
        {
            double t = sin(x);
            r += t * y;
        }
        r += t;
    }
    for (int i = 0; i < 3; i++) {
        double xi = x * i;
        r += xi * y;
    }
    return r;
}
#pragma cgrad differentiate scoped mode(tangent)

float scopedf(float x, float y) {
    float r = 0;
    {
        float t = x * y;
        r += t;
        {
            float t = sinf(x);
            r += t * y;
        }
        r += t;
    }
    for (int i = 0; i < 3; i++) {
        float xi = x * i;
        r += xi * y;
    }
    return r;
}
#pragma cgrad differentiate scopedf mode(tangent)

// CHECK-LABEL: double scoped_jvp(double x, double x_d, double y, double y_d, double *ret_d) {
// CHECK-NEXT:    double r = 0;
// CHECK-NEXT:    double r_d = 0.0;
// CHECK-NEXT:    {
// CHECK-NEXT:        double t = x * y;
// CHECK-NEXT:        double t_d = x_d * y + y_d * x;
// CHECK-NEXT:        r_d += t_d;
// CHECK-NEXT:        r += t;
// CHECK-NEXT:        {
// CHECK-NEXT:            double _t = sin(x);
// CHECK-NEXT:            double _t_d = x_d * cos(x);
// CHECK-NEXT:            double t_1 = _t;
// CHECK-NEXT:            double t_1_d = _t_d;
// CHECK-NEXT:            r_d += t_1_d * y + y_d * t_1;
// CHECK-NEXT:            r += t_1 * y;
// CHECK-NEXT:        }
// CHECK-NEXT:        r_d += t_d;
// CHECK-NEXT:        r += t;
// CHECK-NEXT:    }
// CHECK-NEXT:    for (int i = 0; i < 3; i++) {
// CHECK-NEXT:        double xi = x * i;
// CHECK-NEXT:        double xi_d = x_d * i;
// CHECK-NEXT:        r_d += xi_d * y + y_d * xi;
// CHECK-NEXT:        r += xi * y;
// CHECK-NEXT:    }
// CHECK-NEXT:    *ret_d = r_d;
// CHECK-NEXT:    return r;
// CHECK-NEXT: }
// CHECK-LABEL: float scopedf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {

double scoped_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float scopedf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

int main(void) {
    const double h = 1e-6;
    unsigned seed = 17;
    for (int k = 0; k < 20; k++) {
        double x = check_uniform(&seed, -3, 3), y = check_uniform(&seed, -3, 3), gx, gy;
        scoped_jvp(x, 1, y, 0, &gx);
        scoped_jvp(x, 0, y, 1, &gy);
        /* r = 2xy + y sin x + 3xy */
        if (fabs(gx - (5 * y + y * cos(x))) > 1e-14) check_near("d/dx closed form", gx, 5 * y + y * cos(x), 1e-14);
        if (fabs(gy - (5 * x + sin(x))) > 1e-14) check_near("d/dy closed form", gy, 5 * x + sin(x), 1e-14);
        double fdx = (scoped(x + h, y) - scoped(x - h, y)) / (2 * h);
        if (fabs(gx - fdx) > 1e-7) check_near("d/dx central differences", gx, fdx, 1e-7);
        float gxf, gyf;
        scopedf_jvp((float)x, 1, (float)y, 0, &gxf);
        scopedf_jvp((float)x, 0, (float)y, 1, &gyf);
        if (fabs(gxf - gx) > 1e-5 * fmax(1, fabs(gx))) check_near("d/dx float vs double", gxf, gx, 1e-5);
        if (fabs(gyf - gy) > 1e-5 * fmax(1, fabs(gy))) check_near("d/dy float vs double", gyf, gy, 1e-5);
    }
    double g;
    scoped_jvp(0, 1, 2, 0, &g);
    check_near("d/dx at (0, 2)", g, 12, 1e-15);
    // EXEC: ok d/dx at (0, 2)
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
