// Fuzzer seeds 2000601 and 2000876, reduced by hand: a do-while whose
// condition calls a differentiated function, with a `continue` in the body.
// Tangent mode moved such a condition into the loop body only when the body
// had no `continue` (a continue must still reach the condition), and refused
// the program otherwise.  It now runs the condition at the top of every
// iteration but the first: for (int once = 1;; once = 0) { if (!once) {
// c's effects; if (!c) break; } B }.
// RUN: %cgrad %s -o %t.c
// RUN: FileCheck %s --check-prefix=GEN < %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

static double h(double v) { return sin(v) * 0.5; }

double f(const double *x) {
    double s = x[0];
    int n = 0;
    do {
        n++;
        if (h(s * x[1]) > 0.4) continue;   /* never true at the test point */
        s += 0.3 * x[1] * s;
        if (n == 2) continue;
        s *= 0.9;
    } while (n < 4 && h(s + x[1]) < 0.45);
    return s;
}
#pragma cgrad differentiate f
// GEN: for (int _once = 1; ; _once = 0) {
// GEN-NEXT: if (!_once) {

double f_jvp(const double *x, const double *x_d, double *ret_d);
double f_vjp(const double *x, double *x_b, double ret_b);

int main(void) {
    double x[2] = {0.2, 0.3}, v[2] = {0.7, -0.4}, xb[2] = {0}, rd;
    double r = f_jvp(x, v, &rd);
    check_near("value", r, f(x), 1e-15);
    check_near("jvp against central differences", rd, fd_dir(f, x, v, 2, 1e-6), 1e-7);
    f_vjp(x, xb, 1.0);
    check_near("dot-product test", xb[0] * v[0] + xb[1] * v[1], rd, 1e-12);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
