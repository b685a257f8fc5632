// Values kept per iteration: a scalar that a counted loop with constant
// bounds sets afresh in every iteration, and that nothing outside the loop
// mentions (`double o = 0;` in the body), is stored at the end of each
// iteration into a local array, pushed whole after the loop; the reverse
// sweep pops the array before its loop and reads the slot at the top of
// each iteration.  Checked structurally (the slot for loops counting up,
// down and from an offset; the cases that must keep pushing) and
// numerically (the dot-product test against the tangent, central
// differences, overlapping buffers, float, and arrays that straddle the
// tape's first chunk).
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

enum { R = 3, C = 5, BIG = 1000 };

// attention's last step: o is the j loop's own, z the t loop's
double rows(const double *p, const double *v, const double *w) {
    double loss = 0;
    for (int t = 0; t < R; t++) {
        double z = 1;
        for (int u = 0; u < C; u++) z += p[t * C + u] * p[t * C + u];
        for (int j = 0; j < C; j++) {
            double o = 0;
            for (int u = 0; u < C; u++) o += p[t * C + u] * v[u * C + j];
            loss += o / z * w[t * C + j];
        }
    }
    return loss;
}
#pragma cgrad differentiate rows mode(both) wrt(p, v)
// CHECK-LABEL: double rows_vjp(const double *p, double *p_b, const double *v, double *v_b, const double *w, double ret_b) {
// CHECK-NOT:       cg_push_f64(_tp, o)
// CHECK:                   o_kept[j] = o;
// CHECK-NEXT:          }
// CHECK-NEXT:          cg_push_bytes(_tp, &o_kept, sizeof o_kept);
// CHECK-NEXT:          z_kept[t] = z;
// CHECK-NEXT:      }
// CHECK-NEXT:      cg_push_bytes(_tp, &z_kept, sizeof z_kept);
// CHECK:           cg_pop_bytes(_tp, &z_kept, sizeof z_kept);
// CHECK-NEXT:      for (t = R - 1; t >= 0; t--) {
// CHECK-NEXT:          z = z_kept[t];
// CHECK-NEXT:          cg_pop_bytes(_tp, &o_kept, sizeof o_kept);
// CHECK:                   o = o_kept[j];
// CHECK-NOT:       cg_pop_f64(_tp)
// CHECK:       }

// the slot counts iterations: from the far end for a loop counting down,
// from the start for one that starts at 2
double ends(const double *x) {
    double y = 0;
    for (int j = C - 1; j >= 1; j--) {
        double s = x[j] * x[j - 1];
        y += sin(s);
    }
    for (int j = 2; j < 6; j++) {
        double s = x[j] + 2 * x[j - 2];
        y += s * cos(s);
    }
    return y;
}
#pragma cgrad differentiate ends mode(both)
// CHECK-LABEL: double ends_vjp(const double *x, double *x_b, double ret_b) {
// CHECK:               s_kept[4 - j] = s;
// CHECK:               s_1_kept[j_1 - 2] = s_1;
// CHECK:           for (j_1 = 6 - 1; j_1 >= 2; j_1--) {
// CHECK-NEXT:          s_1 = s_1_kept[j_1 - 2];
// CHECK:           for (j = 1; j <= C - 1; j++) {
// CHECK-NEXT:          s = s_kept[4 - j];
// CHECK:       }

// must keep pushing: s is read before the iteration sets it (twice); o is read
// before and after the loop; the trip count is not a constant; or it is
// too large
double carried(const double *x) {
    double s = 1, y = 0;
    for (int j = 0; j < C; j++) {
        y += sin(s);
        s = x[j] * 2 + s * 0.5;
    }
    return y;
}
double chained(const double *x) {
    double s = 0.5, y = 0;
    for (int j = 0; j < C; j++) {
        s = sin(s) + x[j];
        y += s * s;
    }
    return y;
}
double escapes(const double *x) {
    double o = x[0] * x[1], y = sin(o);
    for (int j = 0; j < C; j++) {
        o = x[j] * x[j];
        y += sin(o);
    }
    return y + o;
}
double unknown(const double *x, int n) {
    double y = 0;
    for (int j = 0; j < n; j++) {
        double s = x[j] * x[j];
        y += sin(s);
    }
    return y;
}
double toolong(const double *x) {
    double y = 0;
    for (int j = 0; j < 2000; j++) {
        double s = x[j % C] * (j % 3);
        y += sin(s);
    }
    return y;
}
#pragma cgrad differentiate carried mode(both)
#pragma cgrad differentiate chained mode(both)
#pragma cgrad differentiate escapes mode(both)
#pragma cgrad differentiate unknown mode(both)
#pragma cgrad differentiate toolong mode(both)
// CHECK-LABEL: double carried_vjp(
// CHECK-NOT:       _kept
// CHECK:           cg_push_f64(_tp, s);
// CHECK:       }
// CHECK-LABEL: double chained_vjp(
// CHECK-NOT:       _kept
// CHECK:           cg_push_f64(_tp, s);
// CHECK:       }
// CHECK-LABEL: double escapes_vjp(
// CHECK-NOT:       _kept
// CHECK:           cg_push_f64(_tp, o);
// CHECK:       }
// CHECK-LABEL: double unknown_vjp(
// CHECK-NOT:       _kept
// CHECK:           cg_push_f64(_tp, s);
// CHECK:       }
// CHECK-LABEL: double toolong_vjp(
// CHECK-NOT:       _kept
// CHECK:           cg_push_f64(_tp, s);
// CHECK:       }

// 12 arrays of 1000 values: the tape's first chunk (64 KiB) ends inside one
double many(const double *x) {
    double y = 0;
    for (int r = 0; r < 12; r++)
        for (int j = 0; j < BIG; j++) {
            double s = x[j % C] * (r + j % 7);
            y += sin(s);
        }
    return y;
}
#pragma cgrad differentiate many mode(both)
// CHECK-LABEL: double many_vjp(
// CHECK:           cg_push_bytes(_tp, &s_kept, sizeof s_kept);

// in float: the kept array is float too
float frows(const float *x) {
    float y = 0;
    for (int j = 0; j < C; j++) {
        float s = x[j] * x[(j + 1) % C];
        y += s * s * s;
    }
    return y;
}
#pragma cgrad differentiate frows mode(both)
// CHECK-LABEL: float frows_vjp(
// CHECK:           float s_kept[5];

double rows_jvp(const double *p, const double *p_d, const double *v, const double *v_d, const double *w, double *ret_d);
double rows_vjp(const double *p, double *p_b, const double *v, double *v_b, const double *w, double ret_b);
double ends_jvp(const double *x, const double *x_d, double *ret_d);
double ends_vjp(const double *x, double *x_b, double ret_b);
double carried_jvp(const double *x, const double *x_d, double *ret_d);
double carried_vjp(const double *x, double *x_b, double ret_b);
double chained_jvp(const double *x, const double *x_d, double *ret_d);
double chained_vjp(const double *x, double *x_b, double ret_b);
double escapes_jvp(const double *x, const double *x_d, double *ret_d);
double escapes_vjp(const double *x, double *x_b, double ret_b);
double unknown_jvp(const double *x, const double *x_d, int n, double *ret_d);
double unknown_vjp(const double *x, double *x_b, int n, double ret_b);
double toolong_jvp(const double *x, const double *x_d, double *ret_d);
double toolong_vjp(const double *x, double *x_b, double ret_b);
double many_jvp(const double *x, const double *x_d, double *ret_d);
double many_vjp(const double *x, double *x_b, double ret_b);
float frows_jvp(const float *x, const float *x_d, float *ret_d);
float frows_vjp(const float *x, float *x_b, float ret_b);

static double w[R * C];
static double rows_same(const double *z) { return rows(z, z, w); }
static double unknown_z(const double *z) { return unknown(z, C); }

/* <J v, 1> against <v, J^T 1> and against central differences, for a
 * function of the first n entries of z */
static void dot_and_fd(const char *name, double (*f)(const double *), double (*jvp)(const double *, const double *, double *),
                       double (*vjp)(const double *, double *, double), const double *z, const double *v, int n) {
    double jv, zb[R * C] = {0}, vjt = 0;
    jvp(z, v, &jv);
    vjp(z, zb, 1.0);
    for (int i = 0; i < n; i++) vjt += zb[i] * v[i];
    char label[96];
    snprintf(label, sizeof label, "%s: <J v, 1> = <v, J^T 1>", name);
    check_near(label, vjt, jv, 1e-11);
    snprintf(label, sizeof label, "%s: against differences", name);
    check_near(label, vjt, fd_dir(f, z, v, n, 1e-6), 1e-7);
}

int main(void) {
    unsigned seed = 29;
    double z[R * C], d[R * C], pv[R * C], vv[C * C], jv;
    for (int i = 0; i < R * C; i++) {
        z[i] = check_uniform(&seed, -1, 1), d[i] = check_uniform(&seed, -1, 1);
        pv[i] = check_uniform(&seed, -1, 1), w[i] = check_uniform(&seed, -1, 1);
    }
    for (int i = 0; i < C * C; i++) vv[i] = check_uniform(&seed, -1, 1);

    /* rows, separate buffers (the restrict copy) */
    double p[R * C], v[C * C], pb[R * C] = {0}, vb[C * C] = {0};
    for (int i = 0; i < R * C; i++) p[i] = z[i];
    for (int i = 0; i < C * C; i++) v[i] = check_uniform(&seed, -1, 1);
    rows_jvp(p, pv, v, vv, w, &jv);
    rows_vjp(p, pb, v, vb, w, 1.0);
    double vjt = 0;
    for (int i = 0; i < R * C; i++) vjt += pb[i] * pv[i];
    for (int i = 0; i < C * C; i++) vjt += vb[i] * vv[i];
    // EXEC: ok rows: <J v, 1> = <v, J^T 1>
    check_near("rows: <J v, 1> = <v, J^T 1>", vjt, jv, 1e-11);

    /* rows with p and v in one buffer, and their shadows too (the general copy) */
    double big[C * C], bigb[C * C] = {0}, bigv[C * C];
    for (int i = 0; i < C * C; i++) big[i] = check_uniform(&seed, -1, 1), bigv[i] = check_uniform(&seed, -1, 1);
    rows_vjp(big, bigb, big, bigb, w, 1.0);
    double vjt2 = 0;
    for (int i = 0; i < C * C; i++) vjt2 += bigb[i] * bigv[i];
    // EXEC: ok rows, overlapping buffers: against differences
    check_near("rows, overlapping buffers: against differences", vjt2, fd_dir(rows_same, big, bigv, C * C, 1e-6), 1e-7);

    // EXEC: ok ends: <J v, 1> = <v, J^T 1>
    // EXEC: ok ends: against differences
    dot_and_fd("ends", ends, ends_jvp, ends_vjp, z, d, 6);
    // EXEC: ok carried: <J v, 1> = <v, J^T 1>
    // EXEC: ok carried: against differences
    dot_and_fd("carried", carried, carried_jvp, carried_vjp, z, d, C);
    // EXEC: ok chained: <J v, 1> = <v, J^T 1>
    // EXEC: ok chained: against differences
    dot_and_fd("chained", chained, chained_jvp, chained_vjp, z, d, C);
    // EXEC: ok escapes: <J v, 1> = <v, J^T 1>
    // EXEC: ok escapes: against differences
    dot_and_fd("escapes", escapes, escapes_jvp, escapes_vjp, z, d, C);
    double ub[C] = {0};
    unknown_jvp(z, d, C, &jv);
    unknown_vjp(z, ub, C, 1.0);
    vjt = 0;
    for (int i = 0; i < C; i++) vjt += ub[i] * d[i];
    // EXEC: ok unknown: <J v, 1> = <v, J^T 1>
    check_near("unknown: <J v, 1> = <v, J^T 1>", vjt, jv, 1e-11);
    // EXEC: ok unknown: against differences
    check_near("unknown: against differences", vjt, fd_dir(unknown_z, z, d, C, 1e-6), 1e-7);
    // EXEC: ok toolong: <J v, 1> = <v, J^T 1>
    // EXEC: ok toolong: against differences
    dot_and_fd("toolong", toolong, toolong_jvp, toolong_vjp, z, d, C);
    // EXEC: ok many: <J v, 1> = <v, J^T 1>
    // EXEC: ok many: against differences
    dot_and_fd("many", many, many_jvp, many_vjp, z, d, C);

    float fx[C], fd[C], fb[C] = {0}, fjv;
    for (int i = 0; i < C; i++) fx[i] = (float)z[i], fd[i] = (float)d[i];
    frows_jvp(fx, fd, &fjv);
    frows_vjp(fx, fb, 1.0f);
    double fvjt = 0;
    for (int i = 0; i < C; i++) fvjt += (double)fb[i] * fd[i];
    // EXEC: ok frows: <J v, 1> = <v, J^T 1>
    check_near("frows: <J v, 1> = <v, J^T 1>", fvjt, fjv, 1e-5);
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
