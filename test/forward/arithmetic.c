// + - * / and unary - + on doubles and floats: the product and quotient
// rules, checked as whole bodies, against central differences (double) and
// the double results (float).
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double arith(double x, double y) {
    double a = x + y, b = x - y, c = x * y, d = x / y;
    double e = -x + (+y);
    return a * b + c / d - e * (x - 2.5) / (1.0 + y * y);
}
#pragma cgrad differentiate arith mode(tangent)

float arithf(float x, float y) {
    float a = x + y, b = x - y, c = x * y, d = x / y;
    float e = -x + (+y);
    return a * b + c / d - e * (x - 2.5f) / (1.0f + y * y);
}
#pragma cgrad differentiate arithf mode(tangent)

// CHECK-LABEL: double arith_jvp(double x, double x_d, double y, double y_d, double *ret_d) {
// CHECK-NEXT:    double a = x + y;
// CHECK-NEXT:    double a_d = x_d + y_d;
// CHECK-NEXT:    double b = x - y;
// CHECK-NEXT:    double b_d = x_d - y_d;
// CHECK-NEXT:    double c = x * y;
// CHECK-NEXT:    double c_d = x_d * y + y_d * x;
// CHECK-NEXT:    double d = x / y;
// CHECK-NEXT:    double d_d = x_d / y + y_d * (-x / (y * y));
// CHECK-NEXT:    double e = -x + +y;
// CHECK-NEXT:    double e_d = -x_d + y_d;
// CHECK-NEXT:    *ret_d = a_d * b + b_d * a + (c_d / d + d_d * (-c / (d * d))) - ((e_d * (x - 2.5) + x_d * e) / (1.0 + y * y) + (y_d * y + y_d * y) * (-(e * (x - 2.5)) / ((1.0 + y * y) * (1.0 + y * y))));
// CHECK-NEXT:    return a * b + c / d - e * (x - 2.5) / (1.0 + y * y);
// CHECK-NEXT: }
// CHECK-LABEL: float arithf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK:         float d_d = x_d / y + y_d * (-x / (y * y));
// CHECK:         *ret_d = {{.*}}(1.0f + y * y){{.*}};
// CHECK-NEXT:    return a * b + c / d - e * (x - 2.5f) / (1.0f + y * y);

double arith_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float arithf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

int main(void) {
    unsigned seed = 1;
    const double h = 1e-6;
    for (int k = 0; k < 50; k++) {
        double x = check_uniform(&seed, -3, 3), y = check_uniform(&seed, 0.5, 3);
        double vx = check_uniform(&seed, -1, 1), vy = check_uniform(&seed, -1, 1);
        double d;
        double val = arith_jvp(x, vx, y, vy, &d);
        if (val != arith(x, y)) check_near("arith value", val, arith(x, y), 0);
        double fd = (arith(x + h * vx, y + h * vy) - arith(x - h * vx, y - h * vy)) / (2 * h);
        if (fabs(d - fd) > 1e-7 * fmax(1, fabs(fd))) check_near("arith vs central differences", d, fd, 1e-7);
        /* closed form: a*b = x^2 - y^2, c/d = y^2, so f = x^2 - e(x-2.5)/(1+y^2), e = y - x */
        double e = y - x, q = 1 + y * y;
        double gx = 2 * x - (-(x - 2.5) + e) / q;
        double gy = -((x - 2.5) / q - e * (x - 2.5) * 2 * y / (q * q));
        if (fabs(d - (gx * vx + gy * vy)) > 1e-12 * fmax(1, fabs(d))) check_near("arith closed form", d, gx * vx + gy * vy, 1e-12);
        float df;
        arithf_jvp((float)x, (float)vx, (float)y, (float)vy, &df);
        if (fabs(df - d) > 1e-4 * fmax(1, fabs(d))) check_near("arithf vs double", df, d, 1e-4);
    }
    double d;
    arith_jvp(1.0, 1.0, 2.0, 0.0, &d);
    /* df/dx at (1, 2) = 2 - (-(1 - 2.5) + 1) / 5 = 1.5 */
    check_near("arith d/dx at (1,2)", d, 1.5, 1e-15);
    // EXEC: ok arith d/dx at (1,2)
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
