// Found by a blind test corpus: a union written through an integer member
// and read back as a double kept the derivative of the double it replaced.
// Storing a non-floating member now clears the union's shadow: the bits
// carry no derivative.  (The tangent was wrong by d(q0 q1); the adjoint sent
// the later read's adjoint to q0 and q1.)
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include "check.h"

typedef union {
    double d;
    long long bits;
} DL;

// the reverse sweep needs no value here, so both modes apply
double g(const double *q) {
    DL u;
    u.d = q[0] * q[1];
    double a = u.d + q[0];
    u.bits = 4607182418800017408LL;   /* the bits of 1.0 */
    return a + 3 * u.d + q[1];
}
#pragma cgrad differentiate g
// CHECK-LABEL: double g_jvp(const double *q, const double *q_d, double *ret_d) {
// CHECK: u_d = (DL){0};
// CHECK-NEXT: u.bits = 4607182418800017408LL;
// CHECK-LABEL: double g_vjp(const double *q, double *q_b, double ret_b) {
// CHECK: u_b = (DL){0};

// reading the double's value again: tangent mode
double f(const double *q) {
    DL u;
    u.d = q[0] * q[1];
    double a = u.d * q[0];
    u.bits = 4607182418800017408LL;
    return a + u.d * q[1];
}
#pragma cgrad differentiate f mode(tangent)

// a struct is not a union: its other members keep their derivatives
typedef struct {
    double d;
    long long n;
} DN;
double h(const double *q) {
    DN s;
    s.d = q[0] * q[1];
    s.n = 7;
    return s.d * (double)s.n;
}
#pragma cgrad differentiate h mode(tangent)
// CHECK-LABEL: double h_jvp(const double *q, const double *q_d, double *ret_d) {
// CHECK-NOT: (DN){0}
// CHECK: return

double g_jvp(const double *q, const double *q_d, double *ret_d);
double g_vjp(const double *q, double *q_b, double ret_b);
double f_jvp(const double *q, const double *q_d, double *ret_d);
double h_jvp(const double *q, const double *q_d, double *ret_d);

int main(void) {
    double q[2] = {1.5, 2}, e0[2] = {1, 0}, e1[2] = {0, 1}, d0, d1, b[2] = {0, 0};
    // g = q0 q1 + q0 + 3 + q1
    g_jvp(q, e0, &d0);
    g_jvp(q, e1, &d1);
    g_vjp(q, b, 1.0);
    check_near("g jvp along q0", d0, q[1] + 1, 1e-15);
    check_near("g jvp along q1", d1, q[0] + 1, 1e-15);
    check_near("g vjp q0", b[0], q[1] + 1, 1e-15);
    check_near("g vjp q1", b[1], q[0] + 1, 1e-15);
    // f = q0^2 q1 + q1
    f_jvp(q, e0, &d0);
    f_jvp(q, e1, &d1);
    check_near("f jvp along q0", d0, 2 * q[0] * q[1], 1e-15);
    check_near("f jvp along q1", d1, q[0] * q[0] + 1, 1e-15);
    h_jvp(q, e0, &d0);
    check_near("h jvp along q0", d0, 7 * q[1], 1e-15);
    return check_done();
}
// EXEC-NOT: FAIL
// EXEC: ALL OK
