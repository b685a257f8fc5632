// 100,000 explicit Euler steps of a nonlinear oscillator, state overwritten
// in place every step: the gradient with respect to the parameters and the
// initial state matches central differences, and the tape holds exactly what
// the reverse sweep needs per step.
//
// Per step the reverse sweep reads x (for cos x and the p[0] term), v (for
// the p[1] term) and sin x (for the p[2] term); all three are locals the next
// step overwrites: 3 x 8 bytes.  The two stores into state[] overwrite memory
// that p[] might share (nothing says they do not alias), so each is saved
// with its address: 2 x 16 bytes.  Declared restrict, the state needs no
// saves: 24 bytes per step.
// RUN: %cgrad %s -o %t.c
// RUN: %cc -O2 %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"
#include <cgrad.h>

double euler(double *state, const double *p, int steps, double dt) {
    for (int t = 0; t < steps; t++) {
        double x = state[0], v = state[1];
        double a = -p[0] * x - p[1] * v + p[2] * sin(x);
        state[0] = x + dt * v;
        state[1] = v + dt * a;
    }
    return state[0] * state[0] + state[1] * state[1];
}
#pragma cgrad differentiate euler mode(adjoint) wrt(state, p) out(return)

double euler_r(double *restrict state, const double *restrict p, int steps, double dt) {
    for (int t = 0; t < steps; t++) {
        double x = state[0], v = state[1];
        double a = -p[0] * x - p[1] * v + p[2] * sin(x);
        state[0] = x + dt * v;
        state[1] = v + dt * a;
    }
    return state[0] * state[0] + state[1] * state[1];
}
#pragma cgrad differentiate euler_r mode(adjoint) wrt(state, p) out(return)

double euler_vjp(double *state, double *state_b, const double *p, double *p_b, int steps, double dt, double ret_b);
double euler_r_vjp(double *restrict state, double *state_b, const double *restrict p, double *p_b, int steps, double dt, double ret_b);

enum { STEPS = 100000 };
static const double dt = 1e-4, s0[2] = {1.0, 0.0}, p0[3] = {4.0, 0.3, 1.5};

static double run(const double *s, const double *p) {
    double st[2] = {s[0], s[1]};
    return euler(st, p, STEPS, dt);
}

int main(void) {
    double st[2] = {s0[0], s0[1]}, sb[2] = {0, 0}, pb[3] = {0, 0, 0};
    double f = euler_vjp(st, sb, p0, pb, STEPS, dt, 1.0);
    size_t bytes = cg_tape_last_forward_bytes();
    check_near("value", f, run(s0, p0), 0);
    double h = 1e-6;
    for (int i = 0; i < 3; i++) {
        double pp[3] = {p0[0], p0[1], p0[2]}, pm[3] = {p0[0], p0[1], p0[2]};
        pp[i] += h, pm[i] -= h;
        char name[32];
        snprintf(name, sizeof name, "d/dp[%d]", i);
        check_near(name, pb[i], (run(s0, pp) - run(s0, pm)) / (2 * h), 1e-6);
    }
    for (int i = 0; i < 2; i++) {
        double sp[2] = {s0[0], s0[1]}, sm[2] = {s0[0], s0[1]};
        sp[i] += h, sm[i] -= h;
        char name[32];
        snprintf(name, sizeof name, "d/dstate[%d] at entry", i);
        check_near(name, sb[i], (run(sp, p0) - run(sm, p0)) / (2 * h), 1e-6);
    }
    // CHECK: tape per step: 56 bytes
    printf("tape per step: %zu bytes\n", bytes / STEPS);

    double st2[2] = {s0[0], s0[1]}, sb2[2] = {0, 0}, pb2[3] = {0, 0, 0};
    euler_r_vjp(st2, sb2, p0, pb2, STEPS, dt, 1.0);
    // CHECK: tape per step with restrict: 24 bytes
    printf("tape per step with restrict: %zu bytes\n", cg_tape_last_forward_bytes() / STEPS);
    check_true("restrict gives the same gradient", fabs(pb2[0] - pb[0]) < 1e-12 * fabs(pb[0]) && fabs(sb2[1] - sb[1]) < 1e-12 * fabs(sb[1]));
    cg_tape_release();
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
