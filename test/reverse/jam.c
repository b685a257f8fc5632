// Unroll-and-jam (ad/jam.c): four rows per pass of the inner loop, then the
// rows left one at a time.  The rows the interchange leaves: row counts that
// are not a multiple of four, rows counting up, a forward j loop counting
// down, a triangular row loop, and a row loop whose far end moves (not
// jammed).  And a loop the interchange does not turn, whose inner loop
// already runs along rows: attention's scores, whose prologue pops a branch
// and keeps a scalar per row.  Each gradient is checked with the
// dot-product test against the tangent and against differences, in the
// restrict copy and in the general one (shadows overlapping).
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include <stdio.h>
#include "check.h"

enum { T = 3, D = 7 };

// seven rows: one pass of four, three left
double rows7(const double *x, const double *W) {
    double loss = 0;
    for (int t = 0; t < T; t++)
        for (int j = 0; j < D; j++) {
            double s = 0;
            for (int i = 0; i < D; i++) s += x[t * D + i] * W[i * D + j];
            loss += sin(s);
        }
    return loss;
}
#pragma cgrad differentiate rows7 mode(both)
// CHECK-LABEL: double rows7_vjp(const double *x, double *x_b, const double *W, double *W_b, double ret_b) {
// CHECK:           for (i = D - 1; i >= 3; i -= 4) {
// CHECK-NEXT:          double _acc_1 = 0.0;
// CHECK-NEXT:          double _acc_2 = 0.0;
// CHECK-NEXT:          double _acc_3 = 0.0;
// CHECK-NEXT:          double _acc_4 = 0.0;
// CHECK-NEXT:          for (j = 0; j < D; j++) {
// CHECK-NEXT:              _acc_1 += s_b_row[j] * W[i * D + j];
// CHECK-NEXT:              W_b[i * D + j] += s_b_row[j] * x[t * D + i];
// CHECK-NEXT:              _acc_2 += s_b_row[j] * W[(i - 1) * D + j];
// CHECK-NEXT:              W_b[(i - 1) * D + j] += s_b_row[j] * x[t * D + (i - 1)];
// CHECK-NEXT:              _acc_3 += s_b_row[j] * W[(i - 2) * D + j];
// CHECK-NEXT:              W_b[(i - 2) * D + j] += s_b_row[j] * x[t * D + (i - 2)];
// CHECK-NEXT:              _acc_4 += s_b_row[j] * W[(i - 3) * D + j];
// CHECK-NEXT:              W_b[(i - 3) * D + j] += s_b_row[j] * x[t * D + (i - 3)];
// CHECK-NEXT:          }
// CHECK-NEXT:          x_b[t * D + i] += _acc_1;
// CHECK-NEXT:          x_b[t * D + (i - 1)] += _acc_2;
// CHECK-NEXT:          x_b[t * D + (i - 2)] += _acc_3;
// CHECK-NEXT:          x_b[t * D + (i - 3)] += _acc_4;
// CHECK-NEXT:      }
// CHECK-NEXT:      for (; i >= 0; i--) {

// the forward row loop counts down, so its reverse counts up
double rows_down(const double *x, const double *W) {
    double loss = 0;
    for (int t = 0; t < T; t++)
        for (int j = 0; j < D; j++) {
            double s = 0;
            for (int i = D - 1; i >= 0; i--) s += x[t * D + i] * W[i * D + j];
            loss += cos(s);
        }
    return loss;
}
#pragma cgrad differentiate rows_down mode(both)
// CHECK-LABEL: double rows_down_vjp(const double *x, double *x_b, const double *W, double *W_b, double ret_b) {
// CHECK:           for (i = 0; i <= 3; i += 4) {
// CHECK:               W_b[(i + 3) * D + j] += s_b_row[j] * x[t * D + (i + 3)];
// CHECK:           for (; i <= D - 1; i++) {

// the forward j loop counts down, so its reverse (j <= D - 1) counts up:
// interchanged all the same, then jammed
double cols_down(const double *x, const double *W) {
    double loss = 0;
    for (int t = 0; t < T; t++)
        for (int j = D - 1; j >= 0; j--) {
            double s = 0;
            for (int i = 0; i < D; i++) s += x[t * D + i] * W[i * D + j];
            loss += sin(s) * (j + 1);
        }
    return loss;
}
#pragma cgrad differentiate cols_down mode(both)
// CHECK-LABEL: double cols_down_vjp(const double *x, double *x_b, const double *W, double *W_b, double ret_b) {
// CHECK:           double s_b_row[7];
// CHECK-NEXT:      for (j = 0; j <= D - 1; j++) {
// CHECK:               s_b_row[j] = s_b;
// CHECK:           for (i = D - 1; i >= 3; i -= 4) {
// CHECK:               for (j = 0; j < D; j++) {

// triangular: row t has t + 1 rows, from 1 (none jammed) to 7
double rows_tri(const double *x, const double *W) {
    double loss = 0;
    for (int t = 0; t < D; t++)
        for (int j = 0; j < D; j++) {
            double s = 0;
            for (int i = 0; i <= t; i++) s += x[i] * W[i * D + j];
            loss += sin(s) * (t + 1);
        }
    return loss;
}
#pragma cgrad differentiate rows_tri mode(both)
// CHECK-LABEL: double rows_tri_vjp(const double *x, double *x_b, const double *W, double *W_b, double ret_b) {
// CHECK:           for (i = t; i >= 3; i -= 4) {
// CHECK:           for (; i >= 0; i--) {

// the row loop's far end is t, not a constant: left as it is
double rows_from(const double *x, const double *W) {
    double loss = 0;
    for (int t = 0; t < D; t++)
        for (int j = 0; j < D; j++) {
            double s = 0;
            for (int i = t; i < D; i++) s += x[i] * W[i * D + j];
            loss += sin(s) * (t + 1);
        }
    return loss;
}
#pragma cgrad differentiate rows_from mode(both)
// CHECK-LABEL: double rows_from_vjp(const double *x, double *x_b, const double *W, double *W_b, double ret_b) {
// CHECK-NOT:       i -= 4
// CHECK:           for (i = D - 1; i >= t; i--) {
// CHECK-NEXT:          double _acc = 0.0;

// scores of each query against the keys up to it, a running maximum
double scores(const double *q, const double *k) {
    double loss = 0;
    for (int t = 0; t < D; t++) {
        double m = -1e300;
        for (int u = 0; u <= t; u++) {
            double s = 0;
            for (int j = 0; j < D; j++) s += q[t * D + j] * k[u * D + j];
            if (s > m) m = s;
            loss += sin(s);
        }
        loss += m;
    }
    return loss;
}
#pragma cgrad differentiate scores mode(both)
// CHECK-LABEL: double scores_vjp(const double *q, double *q_b, const double *k, double *k_b, double ret_b) {
// CHECK:           for (u = t; u >= 3; u -= 4) {
// CHECK:               if (cg_pop_bit(_tp)) {
// CHECK:               double s_b_1 = s_b;
// CHECK-NEXT:          s = cg_pop_f64(_tp);
// CHECK-NEXT:          s_b = 0.0;
// CHECK:               s_b += _g * cos(s);
// CHECK-NEXT:          if (cg_pop_bit(_tp)) {
// CHECK:               double s_b_4 = s_b;
// CHECK-NEXT:          s = cg_pop_f64(_tp);
// CHECK-NEXT:          s_b = 0.0;
// CHECK-NEXT:          for (j = 0; j < D; j++) {
// CHECK-NEXT:              q_b[t * D + j] += s_b_1 * k[u * D + j];
// CHECK-NEXT:              k_b[u * D + j] += s_b_1 * q[t * D + j];
// CHECK-NEXT:              q_b[t * D + j] += s_b_2 * k[(u - 1) * D + j];
// CHECK:                   k_b[(u - 3) * D + j] += s_b_4 * q[t * D + j];
// CHECK-NEXT:          }
// CHECK-NEXT:      }
// CHECK-NEXT:      for (; u >= 0; u--) {

typedef double (*Fn)(const double *, const double *);
typedef double (*Jvp)(const double *, const double *, const double *, const double *, double *);
typedef double (*Vjp)(const double *, double *, const double *, double *, double);

double rows7_jvp(const double *, const double *, const double *, const double *, double *);
double rows7_vjp(const double *, double *, const double *, double *, double);
double rows_down_jvp(const double *, const double *, const double *, const double *, double *);
double rows_down_vjp(const double *, double *, const double *, double *, double);
double cols_down_jvp(const double *, const double *, const double *, const double *, double *);
double cols_down_vjp(const double *, double *, const double *, double *, double);
double rows_tri_jvp(const double *, const double *, const double *, const double *, double *);
double rows_tri_vjp(const double *, double *, const double *, double *, double);
double rows_from_jvp(const double *, const double *, const double *, const double *, double *);
double rows_from_vjp(const double *, double *, const double *, double *, double);
double scores_jvp(const double *, const double *, const double *, const double *, double *);
double scores_vjp(const double *, double *, const double *, double *, double);

/* x holds max(T, D) rows of D; W is D x D */
enum { NX = D * D, NW = D * D };
static Fn cur;
static double fused(const double *z) { return cur(z, z + NX); }
static double same_memory(const double *z) { return cur(z, z); }

/* check.h's fd_dir holds 64 values; these problems have 98 */
static double fd(double (*g)(const double *), const double *z, const double *v, int n) {
    double zp[NX + NW], zm[NX + NW], h = 1e-6;
    for (int i = 0; i < n; i++) zp[i] = z[i] + h * v[i], zm[i] = z[i] - h * v[i];
    return (g(zp) - g(zm)) / (2 * h);
}

static void check_one(const char *name, Fn f, Jvp jvp, Vjp vjp, unsigned seed) {
    double z[NX + NW], v[NX + NW], zb[NX + NW] = {0}, jv;
    for (int i = 0; i < NX + NW; i++) z[i] = check_uniform(&seed, -1, 1), v[i] = check_uniform(&seed, -1, 1);
    cur = f;
    jvp(z, v, z + NX, v + NX, &jv);
    vjp(z, zb, z + NX, zb + NX, 2.0);
    double vjt = 0;
    for (int i = 0; i < NX + NW; i++) vjt += v[i] * zb[i];
    char label[96];
    snprintf(label, sizeof label, "%s: <J v, 2> = <v, J^T 2>", name);
    check_near(label, vjt, 2 * jv, 1e-12);
    snprintf(label, sizeof label, "%s: against differences", name);
    check_near(label, vjt, 2 * fd(fused, z, v, NX + NW), 1e-7);
    /* x and W one buffer, their shadows too: the general copy */
    double zb2[NX] = {0}, vjt2 = 0;
    vjp(z, zb2, z, zb2, 1.0);
    for (int i = 0; i < NX; i++) vjt2 += v[i] * zb2[i];
    snprintf(label, sizeof label, "%s: x and W in one buffer", name);
    check_near(label, vjt2, fd(same_memory, z, v, NX), 1e-7);
}

int main(void) {
    // EXEC: ok rows7: <J v, 2> = <v, J^T 2>
    // EXEC: ok rows7: against differences
    // EXEC: ok rows7: x and W in one buffer
    check_one("rows7", rows7, rows7_jvp, rows7_vjp, 1);
    // EXEC: ok rows_down: <J v, 2> = <v, J^T 2>
    check_one("rows_down", rows_down, rows_down_jvp, rows_down_vjp, 2);
    // EXEC: ok cols_down: <J v, 2> = <v, J^T 2>
    check_one("cols_down", cols_down, cols_down_jvp, cols_down_vjp, 6);
    // EXEC: ok rows_tri: <J v, 2> = <v, J^T 2>
    check_one("rows_tri", rows_tri, rows_tri_jvp, rows_tri_vjp, 3);
    // EXEC: ok rows_from: <J v, 2> = <v, J^T 2>
    check_one("rows_from", rows_from, rows_from_jvp, rows_from_vjp, 4);
    // EXEC: ok scores: <J v, 2> = <v, J^T 2>
    // EXEC: ok scores: against differences
    // EXEC: ok scores: x and W in one buffer
    check_one("scores", scores, scores_jvp, scores_vjp, 5);
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
