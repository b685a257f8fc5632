// The seeds' examples: f(x) = x^2 - 1.5x and the bumpy surface
// sin(x1)cos(x2) + sin(x1/2)cos(x2/2), against closed forms and central
// differences, in double and float.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double parabola(double x) { return x * x - 1.5 * x; }
#pragma cgrad differentiate parabola mode(tangent)

double bumpy(const double *x) { return sin(x[0]) * cos(x[1]) + sin(0.5 * x[0]) * cos(0.5 * x[1]); }
#pragma cgrad differentiate bumpy mode(tangent)

float bumpyf(const float *x) { return sinf(x[0]) * cosf(x[1]) + sinf(0.5f * x[0]) * cosf(0.5f * x[1]); }
#pragma cgrad differentiate bumpyf mode(tangent)

// CHECK-LABEL: double parabola_jvp(double x, double x_d, double *ret_d) {
// CHECK-NEXT:    *ret_d = x_d * x + x_d * x - x_d * 1.5;
// CHECK-NEXT:    return x * x - 1.5 * x;
// CHECK-NEXT: }
// CHECK-LABEL: double bumpy_jvp(const double *x, const double *x_d, double *ret_d) {
// CHECK:         double _t = sin(x[0]);
// CHECK-NEXT:    double _t_d = x_d[0] * cos(x[0]);
// CHECK-LABEL: float bumpyf_jvp(const float *x, const float *x_d, float *ret_d) {
// CHECK:         float _t = sinf(x[0]);
// CHECK-NEXT:    float _t_d = x_d[0] * cosf(x[0]);
// CHECK:         _t_2_d = x_d[0] * 0.5f * cosf(0.5f * x[0]);

double parabola_jvp(double x, double x_d, double *ret_d);
double bumpy_jvp(const double *x, const double *x_d, double *ret_d);
float bumpyf_jvp(const float *x, const float *x_d, float *ret_d);

int main(void) {
    double d;
    double y = parabola_jvp(0.5, 1.0, &d);
    check_near("parabola value", y, -0.5, 1e-15);
    check_near("parabola slope at 0.5", d, 2 * 0.5 - 1.5, 1e-15);
    /* the seed's linearization table: f(0.51) ~ f(0.5) + 0.01 f'(0.5) = -0.505 */
    check_near("parabola tangent line", y + 0.01 * d, -0.505, 1e-12);
    parabola_jvp(3.0, 2.0, &d);
    check_near("parabola jvp scales with x_d", d, 2.0 * (2 * 3.0 - 1.5), 1e-15);

    unsigned seed = 7;
    for (int k = 0; k < 20; k++) {
        double x[2] = {check_uniform(&seed, 0, 10), check_uniform(&seed, 0, 10)};
        double v[2] = {check_uniform(&seed, -1, 1), check_uniform(&seed, -1, 1)};
        double jv;
        bumpy_jvp(x, v, &jv);
        double g0 = cos(x[0]) * cos(x[1]) + 0.5 * cos(0.5 * x[0]) * cos(0.5 * x[1]);
        double g1 = -sin(x[0]) * sin(x[1]) - 0.5 * sin(0.5 * x[0]) * sin(0.5 * x[1]);
        if (fabs(jv - (g0 * v[0] + g1 * v[1])) > 1e-14) check_near("bumpy closed form", jv, g0 * v[0] + g1 * v[1], 1e-14);
        if (fabs(jv - fd_dir(bumpy, x, v, 2, 1e-6)) > 1e-8) check_near("bumpy vs central differences", jv, fd_dir(bumpy, x, v, 2, 1e-6), 1e-8);
        float xf[2] = {(float)x[0], (float)x[1]}, vf[2] = {(float)v[0], (float)v[1]}, jvf;
        bumpyf_jvp(xf, vf, &jvf);
        if (fabs(jvf - jv) > 1e-5) check_near("bumpyf vs double", jvf, jv, 1e-5);
    }
    // EXEC: ok parabola value
    // EXEC: ok parabola slope at 0.5
    // EXEC: ok parabola tangent line
    // EXEC: ok parabola jvp scales with x_d
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
