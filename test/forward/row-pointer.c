// A local pointer into a parameter (const double *row = x + i * cols): its
// shadow points at the same place in x_d.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

/* row means and variances of a rows x cols matrix: out = (m0, v0, m1, v1, ...) */
void stats(const double *x, int rows, int cols, double *out) {
    for (int i = 0; i < rows; i++) {
        const double *row = x + i * cols;
        double m = 0, v = 0;
        for (int j = 0; j < cols; j++) m += row[j];
        m /= cols;
        for (int j = 0; j < cols; j++) {
            double dev = row[j] - m;
            v += dev * dev;
        }
        out[2 * i] = m;
        out[2 * i + 1] = v / cols;
    }
}
#pragma cgrad differentiate stats mode(tangent)

// CHECK-LABEL: void stats_jvp(const double *x, const double *x_d, int rows, int cols, double *out, double *out_d) {
// CHECK-NEXT:    for (int i = 0; i < rows; i++) {
// CHECK-NEXT:        const double *row = x + i * cols;
// CHECK-NEXT:        const double *row_d = x_d + i * cols;
// CHECK-NEXT:        double m = 0;
// CHECK-NEXT:        double m_d = 0.0;
// CHECK-NEXT:        double v = 0;
// CHECK-NEXT:        double v_d = 0.0;
// CHECK-NEXT:        for (int j = 0; j < cols; j++) {
// CHECK-NEXT:            m_d += row_d[j];
// CHECK-NEXT:            m += row[j];
// CHECK-NEXT:        }
// CHECK-NEXT:        m_d = m_d / cols;
// CHECK-NEXT:        m /= cols;
// CHECK-NEXT:        for (int j_1 = 0; j_1 < cols; j_1++) {
// CHECK-NEXT:            double dev = row[j_1] - m;
// CHECK-NEXT:            double dev_d = row_d[j_1] - m_d;
// CHECK-NEXT:            v_d += dev_d * dev + dev_d * dev;
// CHECK-NEXT:            v += dev * dev;
// CHECK-NEXT:        }
// CHECK-NEXT:        out_d[2 * i] = m_d;
// CHECK-NEXT:        out[2 * i] = m;
// CHECK-NEXT:        out_d[2 * i + 1] = v_d / cols;
// CHECK-NEXT:        out[2 * i + 1] = v / cols;
// CHECK-NEXT:    }
// CHECK-NEXT: }

void stats_jvp(const double *x, const double *x_d, int rows, int cols, double *out, double *out_d);

static void f(const double *x, double *y) { stats(x, 3, 4, y); }

int main(void) {
    unsigned seed = 31;
    for (int k = 0; k < 20; k++) {
        double x[12], v[12], out[6], out_d[6], fd[6];
        for (int i = 0; i < 12; i++) x[i] = check_uniform(&seed, -2, 2), v[i] = check_uniform(&seed, -1, 1);
        stats_jvp(x, v, 3, 4, out, out_d);
        fd_dir_vec(f, x, v, 12, 6, 1e-6, fd);
        for (int i = 0; i < 6; i++)
            if (fabs(out_d[i] - fd[i]) > 1e-8) check_near("stats vs central differences", out_d[i], fd[i], 1e-8);
        for (int r = 0; r < 3; r++) {
            /* closed forms: dm = mean(v_row); dvar = 2/cols * sum (x - m) v */
            double m = out[2 * r], dm = 0, dv = 0;
            for (int j = 0; j < 4; j++) dm += v[4 * r + j] / 4;
            for (int j = 0; j < 4; j++) dv += 2 * (x[4 * r + j] - m) * v[4 * r + j] / 4;
            if (fabs(out_d[2 * r] - dm) > 1e-15) check_near("mean closed form", out_d[2 * r], dm, 1e-15);
            if (fabs(out_d[2 * r + 1] - dv) > 1e-14) check_near("variance closed form", out_d[2 * r + 1], dv, 1e-14);
        }
    }
    /* a row's output depends only on its own row */
    double x[12] = {0}, e[12] = {0}, out[6], out_d[6];
    e[5] = 1;
    stats_jvp(x, e, 3, 4, out, out_d);
    check_true("rows are independent", out_d[0] == 0 && out_d[1] == 0 && out_d[2] == 0.25 && out_d[4] == 0 && out_d[5] == 0);
    // EXEC: ok rows are independent
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
