// Two copies: when cgrad can bound the elements a function touches through
// each pointer parameter, FUNC_vjp and FUNC_hvp check at entry whether the
// caller's buffers overlap and, when they do not, run a restrict copy of
// themselves (docs/design.md, "Two copies").  Both copies must give the
// right derivatives: separate buffers take the restrict copy, overlapping
// ones the general code, and the tape shows which ran.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include <string.h>
#include <cgrad.h>
#include "check.h"

// y[i] reads x[i] and x[i + 1]: with y one element past x, each store feeds
// the next iteration, a recurrence only the general code gets right.
void smooth(const double *x, double *y, int n) {
    for (int i = 0; i < n - 1; i++) y[i] = sin(x[i]) + 0.5 * x[i + 1] * x[i];
}
#pragma cgrad differentiate smooth mode(adjoint)

// CHECK-LABEL: void smooth_vjp(const double *x, double *x_b, double *y, double *y_b, int n) {
// CHECK-NEXT:      const cg_extent _ext[4] = {
// CHECK-NEXT:          {x, 0, n - 1, sizeof *x, 0},
// CHECK-NEXT:          {x_b, 0, n - 1, sizeof *x_b, 1},
// CHECK-NEXT:          {y, 0, n - 2, sizeof *y, 1},
// CHECK-NEXT:          {y_b, 0, n - 2, sizeof *y_b, 1}
// CHECK-NEXT:      };
// CHECK-NEXT:      if (cg_disjoint(_ext, 4)) {
// CHECK-NEXT:          smooth_vjp_noalias(x, x_b, y, y_b, n);
// CHECK-NEXT:          return;
// CHECK-NEXT:      }
// The general code saves each y[i] it overwrites, since x may be y.
// CHECK:           cg_save_f64(_tp, &y[i]);

// Symbolic extents: row i of an m x n matrix starts at i * n.
double quad(const double *A, const double *x, int m, int n) {
    double s = 0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) s += x[i] * A[i * n + j] * x[j];
    return s;
}
#pragma cgrad differentiate quad mode(adjoint, hvp) wrt(x)

// CHECK-LABEL: double quad_vjp(const double *A, const double *x, double *x_b, int m, int n, double ret_b) {
// CHECK-NEXT:      const cg_extent _ext[3] = {
// CHECK-NEXT:          {A, cg_imin(0, (m - 1) * n), cg_imax(0, (m - 1) * n) + (n - 1), sizeof *A, 0},
// CHECK-NEXT:          {x, 0, cg_imax(m - 1, n - 1), sizeof *x, 0},
// CHECK-NEXT:          {x_b, 0, cg_imax(m - 1, n - 1), sizeof *x_b, 1}
// CHECK-NEXT:      };
// CHECK-LABEL: double quad_hvp(const double *A, const double *x, const double *x_v, double *x_hv, int m, int n) {
// CHECK:           if (cg_disjoint(_ext, 4)) {
// CHECK-NEXT:          return quad_hvp_noalias(A, x, x_v, x_hv, m, n);

// Out of the analysis' reach, so one copy only: a pointer walk, an index
// read from memory, a pointer passed to a call, no loop at all.
double walk(const double *x, int n) {
    double s = 0;
    while (n-- > 0) s += *x * *x, x++;
    return s;
}
#pragma cgrad differentiate walk mode(adjoint)
double gather(const double *x, const int *idx, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[idx[i]] * x[i];
    return s;
}
#pragma cgrad differentiate gather mode(adjoint)
double twice(const double *x, int n) { return 2 * quad(x, x, 1, n); }
#pragma cgrad differentiate twice mode(adjoint)
double pair(const double *x, double *y) { return y[0] = x[0] * x[1]; }
#pragma cgrad differentiate pair mode(adjoint)
// CHECK-LABEL: double walk_vjp(
// CHECK-NOT:       cg_disjoint
// CHECK-LABEL: double gather_vjp(
// CHECK-NOT:       cg_disjoint
// CHECK-LABEL: double twice_vjp(
// CHECK-NOT:       cg_disjoint
// CHECK-LABEL: double pair_vjp(
// CHECK-NOT:       cg_disjoint
// CHECK:       }
// The copies come last.  Without overlap, no store of smooth's needs saving.
// CHECK-LABEL: static void smooth_vjp_noalias(const double *restrict x, double *restrict x_b, double *restrict y, double *restrict y_b, int n) {
// CHECK-NOT:       cg_save
// CHECK-NOT:       cg_tape_local
// CHECK:       }

void smooth_vjp(const double *x, double *x_b, double *y, double *y_b, int n);
double quad_vjp(const double *A, const double *x, double *x_b, int m, int n, double ret_b);
double quad_hvp(const double *A, const double *x, const double *x_v, double *x_hv, int m, int n);

enum { N = 9 };

/* The memory map m -> m' of smooth with x = m + xo, y = m + yo. */
static int xo, yo;
static void smooth_map(const double *m, double *out) {
    memcpy(out, m, sizeof(double) * 2 * N);
    smooth(out + xo, out + yo, N);
}

/* The dot-product test of smooth_vjp against central differences of the
 * memory map, <J v, w> = <v, J^T w>, for x and y placed at xo and yo in one
 * buffer; returns the bytes the forward sweep put on the tape. */
static size_t check_smooth(const char *name, int x_at, int y_at) {
    xo = x_at, yo = y_at;
    unsigned seed = 7;
    double m[2 * N], v[2 * N], w[2 * N], mb[2 * N], mp[2 * N], mm[2 * N], outp[2 * N], outm[2 * N], out[2 * N];
    for (int i = 0; i < 2 * N; i++) {
        m[i] = check_uniform(&seed, -1, 1);
        v[i] = check_uniform(&seed, -1, 1);
        w[i] = check_uniform(&seed, -1, 1);
    }
    double h = 1e-6, jv_w = 0, v_jtw = 0;
    for (int i = 0; i < 2 * N; i++) mp[i] = m[i] + h * v[i], mm[i] = m[i] - h * v[i];
    smooth_map(mp, outp);
    smooth_map(mm, outm);
    smooth_map(m, out);
    for (int i = 0; i < 2 * N; i++) jv_w += (outp[i] - outm[i]) / (2 * h) * w[i];
    /* the shadows overlap exactly as the buffers do */
    memcpy(mb, w, sizeof mb);
    smooth_vjp(m + xo, mb + xo, m + yo, mb + yo, N);
    size_t bytes = cg_tape_last_forward_bytes();
    for (int i = 0; i < 2 * N; i++) v_jtw += v[i] * mb[i];
    char what[80];
    snprintf(what, sizeof what, "%s: <J v, w> = <v, J^T w>", name);
    check_near(what, v_jtw, jv_w, 1e-8);
    int same = 1;
    for (int i = 0; i < 2 * N; i++) same &= m[i] == out[i];
    snprintf(what, sizeof what, "%s: memory ends as smooth leaves it", name);
    check_true(what, same);
    return bytes;
}

static double quad_at(const double *x) {
    static double A[3 * 4];
    for (int i = 0; i < 12; i++) A[i] = 0.1 * i - 0.4;
    return quad(A, x, 3, 4);
}

int main(void) {
    // EXEC: ok separate: <J v, w> = <v, J^T w>
    // EXEC: ok separate: memory ends as smooth leaves it
    // EXEC: separate buffers take the restrict copy: 0 tape bytes
    size_t sep = check_smooth("separate", 0, N);
    printf("separate buffers take the restrict copy: %zu tape bytes\n", sep);
    // EXEC: ok overlapping: <J v, w> = <v, J^T w>
    // EXEC: ok overlapping: memory ends as smooth leaves it
    // EXEC: ok overlapping buffers take the general code, which records
    size_t ovl = check_smooth("overlapping", 0, 1);
    check_true("overlapping buffers take the general code, which records", ovl > 0);
    // EXEC: ok in place: <J v, w> = <v, J^T w>
    check_smooth("in place", 0, 0);

    /* the Hessian of quad with A = (a_ij), x in R^4: (A + A^T) restricted */
    double A[12], x[4] = {0.3, -0.2, 0.5, 0.1}, v[4] = {1, -1, 0.5, 2}, hv[4] = {0, 0, 0, 0};
    for (int i = 0; i < 12; i++) A[i] = 0.1 * i - 0.4;
    quad_hvp(A, x, v, hv, 3, 4);
    double g[4], gp[4], gm[4], xp[4], xm[4], h = 1e-5;
    for (int i = 0; i < 4; i++) xp[i] = x[i] + h * v[i], xm[i] = x[i] - h * v[i];
    memset(gp, 0, sizeof gp), memset(gm, 0, sizeof gm), memset(g, 0, sizeof g);
    quad_vjp(A, xp, gp, 3, 4, 1.0);
    quad_vjp(A, xm, gm, 3, 4, 1.0);
    quad_vjp(A, x, g, 3, 4, 1.0);
    // EXEC: ok quad: H v against differences of gradients
    double err = 0;
    for (int i = 0; i < 4; i++) err = fmax(err, fabs(hv[i] - (gp[i] - gm[i]) / (2 * h)));
    check_near("quad: H v against differences of gradients", err, 0, 1e-7);
    // EXEC: ok quad: gradient against differences
    double fd = fd_dir(quad_at, x, v, 4, 1e-6), gv = 0;
    for (int i = 0; i < 4; i++) gv += g[i] * v[i];
    check_near("quad: gradient against differences", gv, fd, 1e-8);
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
