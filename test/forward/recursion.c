// Recursion: a function that calls itself gets a tangent that calls itself
// (power by squaring), and mutual recursion between two functions.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double power(double x, int n) {
    if (n == 0) return 1;
    if (n % 2) return x * power(x, n - 1);
    double h = power(x, n / 2);
    return h * h;
}
#pragma cgrad differentiate power mode(tangent)

double odd_part(double x, int n);
double even_part(double x, int n) {
    if (n <= 0) return 1;
    return 1 + x * odd_part(x, n - 1);
}
double odd_part(double x, int n) {
    if (n <= 0) return x;
    return x * even_part(x, n - 1);
}
#pragma cgrad differentiate even_part mode(tangent)

// CHECK-LABEL: double power_jvp(double x, double x_d, int n, double *ret_d) {
// CHECK-NEXT:    if (n == 0) {
// CHECK-NEXT:        *ret_d = 0.0;
// CHECK-NEXT:        return 1;
// CHECK-NEXT:    }
// CHECK-NEXT:    if (n % 2) {
// CHECK-NEXT:        double _t_d;
// CHECK-NEXT:        double _t = power_jvp(x, x_d, n - 1, &_t_d);
// CHECK-NEXT:        *ret_d = x_d * _t + _t_d * x;
// CHECK-NEXT:        return x * _t;
// CHECK-NEXT:    }
// CHECK-NEXT:    double _t_1_d;
// CHECK-NEXT:    double _t_1 = power_jvp(x, x_d, n / 2, &_t_1_d);
// CHECK-NEXT:    double h = _t_1;
// CHECK-NEXT:    double h_d = _t_1_d;
// CHECK-NEXT:    *ret_d = h_d * h + h_d * h;
// CHECK-NEXT:    return h * h;
// CHECK-NEXT: }
// CHECK-LABEL: double even_part_jvp(double x, double x_d, int n, double *ret_d) {
// CHECK:         odd_part_jvp_x(x, x_d, n - 1, &
// CHECK-LABEL: static double odd_part_jvp_x(double x, double x_d, int n, double *ret_d) {
// CHECK:         even_part_jvp(x, x_d, n - 1, &

double power_jvp(double x, double x_d, int n, double *ret_d);
double even_part_jvp(double x, double x_d, int n, double *ret_d);

int main(void) {
    for (int n = 0; n <= 13; n++) {
        double x = 1.1, d;
        double y = power_jvp(x, 1.0, n, &d);
        char name[64];
        snprintf(name, sizeof name, "power n = %d value", n);
        check_near(name, y, pow(x, n), 1e-14);
        snprintf(name, sizeof name, "power n = %d closed form", n);
        check_near(name, d, n * pow(x, n - 1), 1e-14);
    }
    /* even_part(x, n) = 1 + x^2 + x^4 + ... (n even: up to x^n) */
    for (int n = 0; n <= 8; n += 2) {
        double x = 0.7, d, want = 0, h = 1e-6;
        for (int k = 2; k <= n; k += 2) want += k * pow(x, k - 1);
        even_part_jvp(x, 1.0, n, &d);
        char name[64];
        snprintf(name, sizeof name, "even_part n = %d closed form", n);
        check_near(name, d, want, 1e-14);
        snprintf(name, sizeof name, "even_part n = %d central differences", n);
        check_near(name, d, (even_part(x + h, n) - even_part(x - h, n)) / (2 * h), 1e-8);
    }
    // EXEC: ok power n = 0 closed form
    // EXEC: ok power n = 13 closed form
    // EXEC: ok even_part n = 8 closed form
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
