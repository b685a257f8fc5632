// Loop interchange in the reverse sweep (ad/interchange.c): a matrix
// product written as loops runs its reverse along rows of the weights, with
// the scalars each row needs kept per j and the increments that do not move
// with j summed first.  Checked structurally, and numerically in both
// copies: separate buffers (the restrict copy) and shadows that overlap
// (the general one).
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include <string.h>
#include "check.h"

enum { T = 5, D = 4 };

// q = x W, then a smooth loss of q: the inner loop of the product runs down
// a column of W, and its reverse adds to W_b a row apart each time.
double proj(const double *x, const double *W) {
    double loss = 0;
    for (int t = 0; t < T; t++)
        for (int j = 0; j < D; j++) {
            double s = 0;
            for (int i = 0; i < D; i++) s += x[t * D + i] * W[i * D + j];
            loss += sin(s) * (t + 1);
        }
    return loss;
}
#pragma cgrad differentiate proj mode(both)

// The prologue reads only scalars and the sums the forward sweep kept per
// j (adjoint.c, "kept per iteration"), so both copies turn.  The nest is
// the whole body of the loop over t: four t per pass (jam.c, jam_outer),
// each with its pop and its rows, then one row loop whose inner loop adds
// to each W_b[i][j] for all four.
// CHECK-LABEL: double proj_vjp(const double *x, double *x_b, const double *W, double *W_b, double ret_b) {
// CHECK:           for (t = T - 1; t >= 3; t -= 4) {
// CHECK-NEXT:          cg_pop_bytes(_tp, &s_kept, sizeof s_kept);
// CHECK-NEXT:          double s_b_row_1[4];
// CHECK-NEXT:          for (j = D - 1; j >= 0; j--) {
// CHECK-NEXT:              s = s_kept[j];
// CHECK:                   s_b_row_1[j] = s_b;
// CHECK-NEXT:              s_b = 0.0;
// CHECK-NEXT:          }
// CHECK-NEXT:          cg_pop_bytes(_tp, &s_kept, sizeof s_kept);
// CHECK-NEXT:          double s_b_row_2[4];
// CHECK:                   _t_b += loss_b * (t - 1 + 1);
// CHECK:               double s_b_row_4[4];
// CHECK:               for (i = D - 1; i >= 0; i--) {
// CHECK-NEXT:              double _acc_1 = 0.0;
// CHECK:                   double _acc_4 = 0.0;
// CHECK-NEXT:              for (j = 0; j < D; j++) {
// CHECK-NEXT:                  _acc_1 += s_b_row_1[j] * W[i * D + j];
// CHECK-NEXT:                  W_b[i * D + j] += s_b_row_1[j] * x[t * D + i];
// CHECK-NEXT:                  _acc_2 += s_b_row_2[j] * W[i * D + j];
// CHECK-NEXT:                  W_b[i * D + j] += s_b_row_2[j] * x[(t - 1) * D + i];
// CHECK:                       W_b[i * D + j] += s_b_row_4[j] * x[(t - 3) * D + i];
// CHECK-NEXT:              }
// CHECK-NEXT:              x_b[t * D + i] += _acc_1;
// CHECK-NEXT:              x_b[(t - 1) * D + i] += _acc_2;
// CHECK-NEXT:              x_b[(t - 2) * D + i] += _acc_3;
// CHECK-NEXT:              x_b[(t - 3) * D + i] += _acc_4;
// CHECK-NEXT:          }
// CHECK-NEXT:      }
// The t left over (T = 5) run the nest as before: the rows loop four rows
// per pass (jam_rows), and with D = 4 rows no row is left after it.
// CHECK-NEXT:      for (; t >= 0; t--) {
// CHECK-NEXT:          cg_pop_bytes(_tp, &s_kept, sizeof s_kept);
// CHECK-NEXT:          double s_b_row[4];
// CHECK:               for (i = D - 1; i >= 3; i -= 4) {
// CHECK-NEXT:              double _acc_5 = 0.0;
// CHECK:                   double _acc_8 = 0.0;
// CHECK-NEXT:              for (j = 0; j < D; j++) {
// CHECK-NEXT:                  _acc_5 += s_b_row[j] * W[i * D + j];
// CHECK-NEXT:                  W_b[i * D + j] += s_b_row[j] * x[t * D + i];
// CHECK-NEXT:                  _acc_6 += s_b_row[j] * W[(i - 1) * D + j];
// CHECK-NEXT:                  W_b[(i - 1) * D + j] += s_b_row[j] * x[t * D + (i - 1)];
// CHECK:                       W_b[(i - 3) * D + j] += s_b_row[j] * x[t * D + (i - 3)];
// CHECK-NEXT:              }
// CHECK-NEXT:              x_b[t * D + i] += _acc_5;
// CHECK:                   x_b[t * D + (i - 3)] += _acc_8;
// CHECK-NEXT:          }
// CHECK-NEXT:      }
// CHECK-NEXT:      loss_b = 0.0;

// y = A^T x into an output: the prologue reads y_b[j], which A_b or x_b may
// overlap in general, so only the restrict copy turns.
void tmatvec(const double *A, const double *x, double *y) {
    for (int j = 0; j < D; j++) {
        double s = 0;
        for (int i = 0; i < T; i++) s += A[i * D + j] * x[i];
        y[j] = s;
    }
}
#pragma cgrad differentiate tmatvec mode(adjoint)
// CHECK-LABEL: void tmatvec_vjp(const double *A, double *A_b, const double *x, double *x_b, double *y, double *y_b) {
// CHECK-NOT:       _row
// CHECK:           for (i = T - 1; i >= 0; i--) {
// CHECK-NEXT:          A_b[i * D + j] += s_b * x[i];
// CHECK-LABEL: static double proj_vjp_noalias(const double *restrict x, double *restrict x_b, const double *restrict W, double *restrict W_b, double ret_b) {
// CHECK:           s_b_row[j] = s_b;
// CHECK-LABEL: static void tmatvec_vjp_noalias(const double *restrict A, double *restrict A_b, const double *restrict x, double *restrict x_b, double *restrict y, double *restrict y_b) {
// CHECK:           s_b_row[j] = s_b;
// CHECK:           for (i = T - 1; i >= 3; i -= 4) {
// CHECK:               A_b[(i - 3) * D + j] += s_b_row[j] * x[i - 3];
// CHECK:           for (; i >= 0; i--) {
// CHECK-NEXT:          double _acc = 0.0;
// CHECK-NEXT:          for (j = 0; j < D; j++) {
// CHECK-NEXT:              A_b[i * D + j] += s_b_row[j] * x[i];

double proj_jvp(const double *x, const double *x_d, const double *W, const double *W_d, double *ret_d);
double proj_vjp(const double *x, double *x_b, const double *W, double *W_b, double ret_b);
void tmatvec_vjp(const double *A, double *A_b, const double *x, double *x_b, double *y, double *y_b);

static double same_buffer(const double *z) { return proj(z, z); }

int main(void) {
    unsigned seed = 3;
    double x[T * D], W[D * D], xv[T * D], Wv[D * D], xb[T * D] = {0}, Wb[D * D] = {0}, jv;
    for (int i = 0; i < T * D; i++) x[i] = check_uniform(&seed, -1, 1), xv[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < D * D; i++) W[i] = check_uniform(&seed, -1, 1), Wv[i] = check_uniform(&seed, -1, 1);
    proj_jvp(x, xv, W, Wv, &jv);
    proj_vjp(x, xb, W, Wb, 1.0);
    double vjt = 0;
    for (int i = 0; i < T * D; i++) vjt += xv[i] * xb[i];
    for (int i = 0; i < D * D; i++) vjt += Wv[i] * Wb[i];
    // EXEC: ok separate buffers: <J v, 1> = <v, J^T 1>
    check_near("separate buffers: <J v, 1> = <v, J^T 1>", vjt, jv, 1e-12);

    /* x and W in the same memory: W is the first D rows of x, and the
     * shadows overlap the same way; the gradient is the sum of both partials */
    double big[T * D], bigb[T * D] = {0}, bigv[T * D];
    for (int i = 0; i < T * D; i++) big[i] = check_uniform(&seed, -1, 1), bigv[i] = check_uniform(&seed, -1, 1);
    proj_vjp(big, bigb, big, bigb, 1.0);
    double fd = 0, h = 1e-6, bp[T * D], bm[T * D], vjt2 = 0;
    for (int i = 0; i < T * D; i++) bp[i] = big[i] + h * bigv[i], bm[i] = big[i] - h * bigv[i];
    fd = (same_buffer(bp) - same_buffer(bm)) / (2 * h);
    for (int i = 0; i < T * D; i++) vjt2 += bigv[i] * bigb[i];
    // EXEC: ok overlapping shadows: gradient against differences
    check_near("overlapping shadows: gradient against differences", vjt2, fd, 1e-8);

    /* tmatvec: the dot-product test against differences, both copies */
    double A[T * D], Av[T * D], tx[T], txv[T], y[D], yw[D], Ab[T * D] = {0}, txb[T] = {0}, yb[D];
    for (int i = 0; i < T * D; i++) A[i] = check_uniform(&seed, -1, 1), Av[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < T; i++) tx[i] = check_uniform(&seed, -1, 1), txv[i] = check_uniform(&seed, -1, 1);
    for (int j = 0; j < D; j++) yw[j] = check_uniform(&seed, -1, 1), yb[j] = yw[j];
    tmatvec_vjp(A, Ab, tx, txb, y, yb);
    double Ap[T * D], Am[T * D], xp[T], xm[T], yp[D], ym[D], lhs = 0, rhs = 0;
    for (int i = 0; i < T * D; i++) Ap[i] = A[i] + h * Av[i], Am[i] = A[i] - h * Av[i];
    for (int i = 0; i < T; i++) xp[i] = tx[i] + h * txv[i], xm[i] = tx[i] - h * txv[i];
    tmatvec(Ap, xp, yp);
    tmatvec(Am, xm, ym);
    for (int j = 0; j < D; j++) lhs += (yp[j] - ym[j]) / (2 * h) * yw[j];
    for (int i = 0; i < T * D; i++) rhs += Av[i] * Ab[i];
    for (int i = 0; i < T; i++) rhs += txv[i] * txb[i];
    // EXEC: ok tmatvec: <J v, w> = <v, J^T w>
    check_near("tmatvec: <J v, w> = <v, J^T w>", rhs, lhs, 1e-8);
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
