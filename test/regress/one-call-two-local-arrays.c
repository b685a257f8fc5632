// Found by a blind test corpus: a helper that hands two of its local arrays
// to one call (rhs(tmp, k2) in a midpoint step) got a wrong gradient with
// clang and a right one with gcc.  The callee's records of stores into the
// arrays were moved into the reverse frame one array at a time, and a
// record moved into this frame's k2 could lie where the forward frame's tmp
// had been (the two frames share stack addresses) and move again.  The
// arrays of one call now move together (cg_span_settle).
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
// RUN: %cc -O0 %t.c -o %t0 %rt && %t0 | FileCheck %s
#include "check.h"

static void rhs(const double *u, double *du) {
    du[0] = u[1];
    du[1] = -u[0] * u[0];
}
static void midpoint(double *u, double dt, int n) {
    double k1[2], k2[2], tmp[2];
    for (int s = 0; s < n; s++) {
        rhs(u, k1);
        for (int i = 0; i < 2; i++) tmp[i] = u[i] + 0.5 * dt * k1[i];
        rhs(tmp, k2);
        for (int i = 0; i < 2; i++) u[i] += dt * k2[i];
    }
}
double f(const double *u0, double dt, int n) {
    double u[2] = {u0[0], u0[1]};
    midpoint(u, dt, n);
    return u[0] * u[0] + u[1];
}
#pragma cgrad differentiate f mode(both)

// CODE-LABEL: static void midpoint_rev_u_dt_noret(
// CODE:         cg_span_rebase(_tp, &{{_span_[0-9]+}}, k2, sizeof k2);
// CODE-NEXT:    cg_span_rebase(_tp, &{{_span_[0-9]+}}, tmp, sizeof tmp);
// CODE-NEXT:    cg_span_settle(_tp);
// CODE-NEXT:    rhs_rev_u_du_noret(tmp, tmp_b, k2, k2_b);

double f_jvp(const double *u0, const double *u0_d, double dt, double dt_d, int n, double *ret_d);
double f_vjp(const double *u0, double *u0_b, double dt, double *dt_b, int n, double ret_b);

int main(void) {
    const double u0[2] = {0.8, -0.3}, zero[2] = {0, 0};
    for (int n = 1; n <= 4; n++) {
        double jd, ub[2] = {0}, db = 0, h = 1e-6;
        f_jvp(u0, zero, 0.1, 1.0, n, &jd);
        f_vjp(u0, ub, 0.1, &db, n, 1.0);
        double fd = (f(u0, 0.1 + h, n) - f(u0, 0.1 - h, n)) / (2 * h);
        char name[64];
        snprintf(name, sizeof name, "n = %d: vjp = jvp", n);
        check_near(name, db, jd, 1e-13);
        snprintf(name, sizeof name, "n = %d: jvp against central differences", n);
        check_near(name, jd, fd, 1e-8);
    }
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
