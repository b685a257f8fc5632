// Found by a blind test corpus: a comma whose left operand has no effect,
// (a, a * b), stayed a comma expression, and no derivative rule knows one:
// every mode lost the derivative of the right operand without a word.
// RUN: %cgrad %s -o %t.c
// RUN: %cc -Wno-unused-value %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

double f(double a, double b) { return (a, a * b); }
#pragma cgrad differentiate f mode(both, hvp)

// nested in a wider expression, and in a loop over memory
double g(const double *x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * (0, x[i] * (s, 2.0));
    return s;
}
#pragma cgrad differentiate g mode(both)

double f_jvp(double a, double a_d, double b, double b_d, double *ret_d);
double f_vjp(double a, double *a_b, double b, double *b_b, double ret_b);
double f_hvp(double a, double a_v, double *a_hv, double b, double b_v, double *b_hv);
double g_jvp(const double *x, const double *x_d, int n, double *ret_d);
double g_vjp(const double *x, double *x_b, int n, double ret_b);

int main(void) {
    double d, ab = 0, bb = 0, ahv = 0, bhv = 0;
    f_jvp(2, 1, 3, 0, &d);
    f_vjp(2, &ab, 3, &bb, 1);
    f_hvp(2, 1, &ahv, 3, 0, &bhv);
    check_near("f jvp d/da", d, 3, 0);
    check_near("f vjp d/da", ab, 3, 0);
    check_near("f vjp d/db", bb, 2, 0);
    // H = [[0, 1], [1, 0]]: H e_a = (0, 1)
    check_near("f hvp a", ahv, 0, 0);
    check_near("f hvp b", bhv, 1, 0);
    const double x[3] = {0.5, -1.5, 2.0}, v[3] = {1, 2, -1};
    double gd, gb[3] = {0};
    g_jvp(x, v, 3, &gd);
    g_vjp(x, gb, 3, 1);
    // g = 2 sum x_i^2: gradient 4 x, directional derivative 4 <x, v>
    check_near("g jvp", gd, 4 * (0.5 - 3.0 - 2.0), 1e-15);
    for (int i = 0; i < 3; i++) check_near("g vjp", gb[i], 4 * x[i], 1e-15);
    return check_failures != 0;
}
// CHECK-NOT: FAIL
// CHECK: ok f hvp b
// CHECK: ok g jvp
