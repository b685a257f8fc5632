// Calls with active arguments inside ?: (a math.h function guarding its
// domain, a function of the file, a recursive base case): each arm's call runs
// only when C runs it, with its tangent.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double guarded_log(double x) { return x > 0 ? log(x) : x; }
#pragma cgrad differentiate guarded_log mode(tangent)

static double sq(double t) { return t * t; }
double guarded_call(double x) { return x > 0 ? sq(x) : -x; }
#pragma cgrad differentiate guarded_call mode(tangent)

double falling(double x, int n) { return n <= 1 ? x : x * falling(x - 1, n - 1); }
#pragma cgrad differentiate falling mode(tangent)

// CHECK-LABEL: double guarded_log_jvp(double x, double x_d, double *ret_d) {
// CHECK:         if (x > 0) {
// CHECK:             = log(x);
// CHECK:         } else {
// CHECK-NOT:     log(
// CHECK:         *ret_d =
// CHECK-LABEL: double guarded_call_jvp(double x, double x_d, double *ret_d) {
// CHECK:         if (x > 0) {
// CHECK:             sq_jvp_t(x, x_d, &
// CHECK-LABEL: double falling_jvp(double x, double x_d, int n, double *ret_d) {
// CHECK:         if (n <= 1) {
// CHECK:         } else {
// CHECK:             falling_jvp(x - 1, x_d, n - 1, &

double guarded_log_jvp(double x, double x_d, double *ret_d);
double guarded_call_jvp(double x, double x_d, double *ret_d);
double falling_jvp(double x, double x_d, int n, double *ret_d);

int main(void) {
    double d;
    check_near("guarded_log value", guarded_log_jvp(2.0, 1.0, &d), log(2.0), 0);
    check_near("guarded_log d/dx, log arm", d, 0.5, 1e-15);
    check_near("guarded_log value, other arm", guarded_log_jvp(-3.0, 1.0, &d), -3.0, 0);
    check_near("guarded_log d/dx, other arm", d, 1, 0);
    guarded_call_jvp(1.5, 2.0, &d);
    check_near("guarded_call d/dx", d, 2 * 2 * 1.5, 1e-15);
    guarded_call_jvp(-1.5, 2.0, &d);
    check_near("guarded_call d/dx, other arm", d, -2, 0);
    /* falling(x, 3) = x (x - 1) (x - 2): derivative 3x^2 - 6x + 2 */
    double x = 3.5, h = 1e-6;
    falling_jvp(x, 1.0, 3, &d);
    check_near("falling closed form", d, 3 * x * x - 6 * x + 2, 1e-14);
    check_near("falling central differences", d, (falling(x + h, 3) - falling(x - h, 3)) / (2 * h), 1e-8);
    // EXEC: ok guarded_log d/dx, log arm
    // EXEC: ok guarded_log d/dx, other arm
    // EXEC: ok falling closed form
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
