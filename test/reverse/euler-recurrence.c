// 100,000 explicit Euler steps of a nonlinear oscillator, state overwritten
// in place every step: the gradient with respect to the parameters and the
// initial state matches central differences, and the tape holds exactly what
// the reverse sweep needs per step.
//
// Per step the reverse sweep reads x (for cos x and the p[0] term), v (for
// the p[1] term) and sin x (for the p[2] term); all three are locals the next
// step overwrites: 3 x 8 bytes.  The two stores into state[] overwrite memory
// that p[] might share (nothing says they do not alias), so each is saved
// with its address: 2 x 16 bytes, when the buffers do overlap.  When they do
// not, euler_vjp takes its restrict copy (docs/design.md, "Two copies") and
// the state needs no saves: 24 bytes per step, as when declared restrict.
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

/* Overlapping buffers: p[0] is state[1]. */
static const double m0[4] = {1.0, 0.5, 0.3, 1.5};
static double run_overlap(const double *m) {
    double b[4] = {m[0], m[1], m[2], m[3]};
    return euler(b, b + 1, STEPS, dt);
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
    // CHECK: tape per step: 24 bytes
    printf("tape per step: %zu bytes\n", bytes / STEPS);

    /* the general code: the shadows overlap as the buffers do */
    double m[4] = {m0[0], m0[1], m0[2], m0[3]}, mb[4] = {0, 0, 0, 0};
    double fm = euler_vjp(m, mb, m + 1, mb + 1, STEPS, dt, 1.0);
    // CHECK: tape per step, overlapping buffers: 56 bytes
    printf("tape per step, overlapping buffers: %zu bytes\n", cg_tape_last_forward_bytes() / STEPS);
    check_near("value, overlapping buffers", fm, run_overlap(m0), 0);
    for (int i = 0; i < 4; i++) {
        double mp[4] = {m0[0], m0[1], m0[2], m0[3]}, mm[4] = {m0[0], m0[1], m0[2], m0[3]};
        mp[i] += h, mm[i] -= h;
        char name[48];
        snprintf(name, sizeof name, "d/dm[%d], overlapping buffers", i);
        check_near(name, mb[i], (run_overlap(mp) - run_overlap(mm)) / (2 * h), 1e-6);
    }

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
