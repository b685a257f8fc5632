// switch with fallthrough, a braced case with its own declaration, stacked
// case labels, and default.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double sw(double x, int k) {
    double r = 0;
    switch (k) {
    case 0:
        r = x;
        /* fall through */
    case 1:
        r += x * x;
        break;
    case 2: {
        double t = sin(x);
        r = t * t;
        break;
    }
    case 3:
    case 4:
        r = exp(x);
        break;
    default:
        r = -x;
    }
    return r;
}
#pragma cgrad differentiate sw mode(tangent)

float swf(float x, int k) {
    float r = 0;
    switch (k) {
    case 0:
        r = x;
        /* fall through */
    case 1:
        r += x * x;
        break;
    case 2: {
        float t = sinf(x);
        r = t * t;
        break;
    }
    case 3:
    case 4:
        r = expf(x);
        break;
    default:
        r = -x;
    }
    return r;
}
#pragma cgrad differentiate swf mode(tangent)

// CHECK-LABEL: double sw_jvp(double x, double x_d, int k, double *ret_d) {
// CHECK-NEXT:    double r = 0;
// CHECK-NEXT:    double r_d = 0.0;
// CHECK-NEXT:    switch (k) {
// CHECK-NEXT:    case 0:
// CHECK-NEXT:        r_d = x_d;
// CHECK-NEXT:        r = x;
// CHECK-NEXT:    /* fall through */
// CHECK-NEXT:    case 1:
// CHECK-NEXT:        r_d += x_d * x + x_d * x;
// CHECK-NEXT:        r += x * x;
// CHECK-NEXT:        break;
// CHECK-NEXT:    case 2:
// CHECK-NEXT:        {
// CHECK-NEXT:            double _t = sin(x);
// CHECK-NEXT:            double _t_d = x_d * cos(x);
// CHECK-NEXT:            double t = _t;
// CHECK-NEXT:            double t_d = _t_d;
// CHECK-NEXT:            r_d = t_d * t + t_d * t;
// CHECK-NEXT:            r = t * t;
// CHECK-NEXT:            break;
// CHECK-NEXT:        }
// CHECK-NEXT:    case 3:
// CHECK-NEXT:    case 4:
// CHECK-NEXT:        ;
// CHECK-NEXT:        double [[E:_t_[0-9]+]] = exp(x);
// CHECK-NEXT:        double [[E]]_d = x_d * [[E]];
// CHECK-NEXT:        r_d = [[E]]_d;
// CHECK-NEXT:        r = [[E]];
// CHECK-NEXT:        break;
// CHECK-NEXT:    default:
// CHECK-NEXT:        r_d = -x_d;
// CHECK-NEXT:        r = -x;
// CHECK-NEXT:    }
// CHECK-NEXT:    *ret_d = r_d;
// CHECK-NEXT:    return r;
// CHECK-NEXT: }
// CHECK-LABEL: float swf_jvp(float x, float x_d, int k, float *ret_d) {
// CHECK:         float _t_d = x_d * cosf(x);

double sw_jvp(double x, double x_d, int k, double *ret_d);
float swf_jvp(float x, float x_d, int k, float *ret_d);

int main(void) {
    const double x = 0.7, h = 1e-6;
    /* closed forms of d/dx for k = 0..5 */
    const double want[6] = {1 + 2 * x, 2 * x, 2 * sin(x) * cos(x), exp(x), exp(x), -1};
    for (int k = 0; k < 6; k++) {
        double d;
        double y = sw_jvp(x, 1.0, k, &d);
        char name[64];
        snprintf(name, sizeof name, "case %d value", k);
        check_near(name, y, sw(x, k), 0);
        snprintf(name, sizeof name, "case %d closed form", k);
        check_near(name, d, want[k], 1e-15);
        snprintf(name, sizeof name, "case %d central differences", k);
        check_near(name, d, (sw(x + h, k) - sw(x - h, k)) / (2 * h), 1e-8);
        float df;
        swf_jvp((float)x, 1.0f, k, &df);
        snprintf(name, sizeof name, "case %d float vs double", k);
        check_near(name, df, d, 1e-6);
    }
    // EXEC: ok case 0 closed form
    // EXEC: ok case 2 closed form
    // EXEC: ok case 5 float vs double
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
