// Casts and int/float mixing: explicit and implicit conversions between
// float, double and integers; integer terms carry no tangent, a cast to int
// cuts it, and a float intermediate keeps its tangent in float.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double casts(double x, float y, int k) {
    float a = (float)x * y;
    double b = a + k;
    int j = (int)(x * 10);
    long l = k;
    double c = (double)l * x + j;
    double d = x / k + k / 2 + (double)k / 4;
    unsigned u = 3u;
    return b * c + d + u * x + (float)(x * y);
}
#pragma cgrad differentiate casts mode(tangent)

// CHECK-LABEL: double casts_jvp(double x, double x_d, float y, float y_d, int k, double *ret_d) {
// CHECK-NEXT:    float a = (float)x * y;
// CHECK-NEXT:    float a_d = (float)x_d * y + y_d * (float)x;
// CHECK-NEXT:    double b = a + k;
// CHECK-NEXT:    double b_d = a_d;
// CHECK-NEXT:    int j = (int)(x * 10);
// CHECK-NEXT:    long l = k;
// CHECK-NEXT:    double c = (double)l * x + j;
// CHECK-NEXT:    double c_d = x_d * (double)l;
// CHECK-NEXT:    double d = x / k + k / 2 + (double)k / 4;
// CHECK-NEXT:    double d_d = x_d / k;
// CHECK-NEXT:    unsigned int u = 3u;
// CHECK-NEXT:    *ret_d = b_d * c + c_d * b + d_d + x_d * u + (float)(x_d * y + y_d * x);
// CHECK-NEXT:    return b * c + d + u * x + (float)(x * y);
// CHECK-NEXT: }

double casts_jvp(double x, double x_d, float y, float y_d, int k, double *ret_d);

int main(void) {
    static const double xs[] = {0.33, -1.27, 2.51};
    static const float ys[] = {0.5f, -1.25f, 3.0f};
    static const int ks[] = {1, -3, 7};
    const double h = 1e-3;   /* large: a = (float)x * y is rounded to float */
    for (int t = 0; t < 3; t++) {
        double x = xs[t];
        float y = ys[t];
        int k = ks[t];
        double gx, gy;
        casts_jvp(x, 1, y, 0, k, &gx);
        casts_jvp(x, 0, y, 1, k, &gy);
        /* closed form in x, with a = fl(x) y rounded: b = a + k, c = k x + j (j fixed) */
        float a = (float)x * y;
        int j = (int)(x * 10);
        double b = a + k, c = (double)k * x + j;
        double wantx = (double)y * c + b * k + 1.0 / k + 3 + (float)y;
        char name[64];
        snprintf(name, sizeof name, "d/dx closed form %d", t);
        check_near(name, gx, wantx, 1e-6);   /* float rounding of a_d */
        double fdx = (casts(x + h, y, k) - casts(x - h, y, k)) / (2 * h);
        snprintf(name, sizeof name, "d/dx central differences %d", t);
        check_near(name, gx, fdx, 2e-3);     /* the float intermediate limits the differences */
        snprintf(name, sizeof name, "d/dy closed form %d", t);
        check_near(name, gy, (float)x * c + x, 1e-6);
    }
    // EXEC: ok d/dx closed form 0
    // EXEC: ok d/dy closed form 2
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
