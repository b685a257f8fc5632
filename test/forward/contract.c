// The _jvp contract: parameter order with p_d after each active p, const kept,
// ret_d last; wrt/out clauses and the defaults; static stays static; the
// pragma before the definition.  The prototypes
// below are the contract's, so the C compiler checks the signatures.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

/* the example */
#pragma cgrad differentiate f mode(tangent) wrt(x, a) out(y, return)
double f(const double *x, double *y, int n, double a) {
    double s = 0;
    for (int i = 0; i < n; i++) {
        y[i] = a * x[i];
        s += y[i];
    }
    return s;
}

/* defaults: wrt = u, v, c, o (float/double and pointers to them); out = return, o */
static double g(double u, float v, const double *c, double *o, int *cnt) {
    *cnt += 1;
    o[0] = u * v * c[0];
    return u + v;
}
#pragma cgrad differentiate g mode(tangent)

#pragma cgrad differentiate h mode(tangent) wrt(x) out(return)
double h(double x, double y) { return x * y; }

/* out given, wrt defaulted: p is a pointer to double, so it is in wrt */
#pragma cgrad differentiate k mode(tangent) out(o)
void k(double x, const double *c, double *o, double *p) {
    o[0] = x * c[0];
    p[0] = x;
}

// CHECK:      double f_jvp(const double *x, const double *x_d, double *y, double *y_d, int n, double a, double a_d, double *ret_d);
// CHECK-NEXT: static double g_jvp(double u, double u_d, float v, float v_d, const double *c, const double *c_d, double *o, double *o_d, int *cnt, double *ret_d);
// CHECK-NEXT: double h_jvp(double x, double x_d, double y, double *ret_d);
// CHECK-NEXT: void k_jvp(double x, double x_d, const double *c, const double *c_d, double *o, double *o_d, double *p, double *p_d);
// CHECK-LABEL: double f_jvp(const double *x, const double *x_d, double *y, double *y_d, int n, double a, double a_d, double *ret_d) {
// CHECK-NEXT:    double s = 0;
// CHECK-NEXT:    double s_d = 0.0;
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        y_d[i] = a_d * x[i] + x_d[i] * a;
// CHECK-NEXT:        y[i] = a * x[i];
// CHECK-NEXT:        s_d += y_d[i];
// CHECK-NEXT:        s += y[i];
// CHECK-NEXT:    }
// CHECK-NEXT:    *ret_d = s_d;
// CHECK-NEXT:    return s;
// CHECK-NEXT: }
// CHECK-LABEL: static double g_jvp(
// CHECK-NEXT:    *cnt += 1;
// CHECK-NEXT:    o_d[0] = (u_d * v + v_d * u) * c[0] + c_d[0] * (u * v);
// CHECK-NEXT:    o[0] = u * v * c[0];
// CHECK-NEXT:    *ret_d = u_d + v_d;
// CHECK-NEXT:    return u + v;
// CHECK-NEXT: }
// CHECK-LABEL: double h_jvp(double x, double x_d, double y, double *ret_d) {
// CHECK-NEXT:    *ret_d = x_d * y;
// CHECK-NEXT:    return x * y;
// CHECK-NEXT: }

double f_jvp(const double *x, const double *x_d, double *y, double *y_d, int n, double a, double a_d, double *ret_d);
static double g_jvp(double u, double u_d, float v, float v_d, const double *c, const double *c_d, double *o, double *o_d, int *cnt, double *ret_d);
double h_jvp(double x, double x_d, double y, double *ret_d);
void k_jvp(double x, double x_d, const double *c, const double *c_d, double *o, double *o_d, double *p, double *p_d);

int main(void) {
    double x[3] = {1, 2, 3}, xd[3] = {0.5, -1, 2}, y[3], yd[3], rd;
    double s = f_jvp(x, xd, y, yd, 3, 2.0, 0.25, &rd);
    check_near("f returns what f returns", s, 12, 0);
    check_true("f has f's effects", y[0] == 2 && y[1] == 4 && y[2] == 6);
    /* y_d = a x_d + a_d x; ret_d = sum y_d */
    check_true("y_d = J v", yd[0] == 1.25 && yd[1] == -1.5 && yd[2] == 4.75);
    check_near("ret_d = sum of y_d", rd, 4.5, 1e-15);

    int cnt = 0;
    double c[1] = {3}, cd[1] = {0.5}, o[1], od[1];
    double r = g_jvp(2.0, 1.0, 0.5f, 2.0f, c, cd, o, od, &cnt, &rd);
    check_true("g's effects", r == 2.5 && o[0] == 3 && cnt == 1);
    check_near("g_jvp returns what g returns", r, g(2.0, 0.5f, c, o, &cnt), 0);
    /* o = u v c: do = du v c + u dv c + u v dc = 1.5 + 12 + 0.5 */
    check_near("g o_d", od[0], 14, 1e-15);
    check_near("g ret_d", rd, 3, 1e-15);

    h_jvp(3.0, 1.0, 5.0, &rd);
    check_near("h: y is not in wrt", rd, 5, 0);

    double p[1], pd[1] = {123};
    k_jvp(2.0, 1.0, c, cd, o, od, p, pd);
    check_near("k o_d", od[0], 3 + 2 * 0.5, 1e-15);
    check_near("k p_d holds the exit tangent", pd[0], 1, 0);
    // EXEC: ok f returns what f returns
    // EXEC: ok y_d = J v
    // EXEC: ok k p_d holds the exit tangent
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
