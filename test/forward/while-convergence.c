// A while loop whose trip count depends on the data: Newton's iteration for
// sqrt(a) until convergence.  The tangent follows the iterates; at
// convergence it is d sqrt(a)/da = 1 / (2 sqrt(a)).
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double newton_sqrt(double a) {
    double x = a > 1 ? a : 1;
    double r = x * x - a;
    int it = 0;
    while ((r > 1e-15 * a || r < -1e-15 * a) && it < 100) {
        x = 0.5 * (x + a / x);
        r = x * x - a;
        it++;
    }
    return x;
}
#pragma cgrad differentiate newton_sqrt mode(tangent)

float newton_sqrtf(float a) {
    float x = a > 1 ? a : 1;
    float r = x * x - a;
    int it = 0;
    while ((r > 1e-6f * a || r < -1e-6f * a) && it < 100) {
        x = 0.5f * (x + a / x);
        r = x * x - a;
        it++;
    }
    return x;
}
#pragma cgrad differentiate newton_sqrtf mode(tangent)

/* the convergence test written with a math.h call in the loop condition */
double newton_fabs(double a) {
    double x = a > 1 ? a : 1;
    while (fabs(x * x - a) > 1e-14 * a) x = 0.5 * (x + a / x);
    return x;
}
#pragma cgrad differentiate newton_fabs mode(tangent)

// CHECK-LABEL: double newton_sqrt_jvp(double a, double a_d, double *ret_d) {
// CHECK-NEXT:    double x = a > 1 ? a : 1;
// CHECK-NEXT:    double x_d = a > 1 ? a_d : 0.0;
// CHECK-NEXT:    double r = x * x - a;
// CHECK-NEXT:    int it = 0;
// CHECK-NEXT:    while ((r > 1e-15 * a || r < -1e-15 * a) && it < 100) {
// CHECK-NEXT:        x_d = (x_d + (a_d / x + x_d * (-a / (x * x)))) * 0.5;
// CHECK-NEXT:        x = 0.5 * (x + a / x);
// CHECK-NEXT:        r = x * x - a;
// CHECK-NEXT:        it++;
// CHECK-NEXT:    }
// CHECK-NEXT:    *ret_d = x_d;
// CHECK-NEXT:    return x;
// CHECK-NEXT: }
// CHECK-LABEL: float newton_sqrtf_jvp(float a, float a_d, float *ret_d) {
// CHECK-NOT:     r_d
// CHECK-LABEL: double newton_fabs_jvp(double a, double a_d, double *ret_d) {
// CHECK:         while (fabs(x * x - a) > 1e-14 * a) {

double newton_sqrt_jvp(double a, double a_d, double *ret_d);
float newton_sqrtf_jvp(float a, float a_d, float *ret_d);
double newton_fabs_jvp(double a, double a_d, double *ret_d);

int main(void) {
    /* not a = 1: there the start is already the root, no iteration runs and the
       program's derivative is 0 */
    static const double as[] = {0.01, 0.3, 1.5, 2.0, 10.0, 12345.0};
    for (int k = 0; k < 6; k++) {
        double a = as[k], d, h = 1e-6 * a;
        double y = newton_sqrt_jvp(a, 1.0, &d);
        char name[64];
        snprintf(name, sizeof name, "sqrt(%g)", a);
        check_near(name, y, sqrt(a), 1e-15);
        snprintf(name, sizeof name, "closed form at %g", a);
        check_near(name, d, 0.5 / sqrt(a), 1e-12);
        snprintf(name, sizeof name, "central differences at %g", a);
        double fd = (newton_sqrt(a + h) - newton_sqrt(a - h)) / (2 * h);
        check_near(name, d, fd, 1e-6 * fmax(1, 1 / fabs(fd)));
        double dfabs;
        newton_fabs_jvp(a, 1.0, &dfabs);
        snprintf(name, sizeof name, "fabs condition at %g", a);
        check_near(name, dfabs, 0.5 / sqrt(a), 1e-12);
        float df;
        newton_sqrtf_jvp((float)a, 1.0f, &df);
        snprintf(name, sizeof name, "float vs double at %g", a);
        check_near(name, df / d, 1, 1e-4);
    }
    // EXEC: ok sqrt(0.01)
    // EXEC: ok closed form at 0.01
    // EXEC: ok closed form at 12345
    // EXEC: ok fabs condition at 12345
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
