// Declarations with several declarators (double m = 0, v = 0;) inside a
// loop body: each declarator gets its own tangent, reset on every iteration.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

/* out[i] = mean and variance of the pair (x[2i], x[2i+1]), then their product */
double pairs(const double *x, int n, double *out) {
    double total = 0;
    for (int i = 0; i < n; i++) {
        double m = 0, v = 0, a = x[2 * i], b = x[2 * i + 1];
        m = 0.5 * (a + b);
        v = 0.5 * ((a - m) * (a - m) + (b - m) * (b - m));
        out[2 * i] = m;
        out[2 * i + 1] = v;
        total += m * v;
    }
    return total;
}
#pragma cgrad differentiate pairs mode(tangent)

// CHECK-LABEL: double pairs_jvp(const double *x, const double *x_d, int n, double *out, double *out_d, double *ret_d) {
// CHECK-NEXT:    double total = 0;
// CHECK-NEXT:    double total_d = 0.0;
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        double m = 0;
// CHECK-NEXT:        double m_d = 0.0;
// CHECK-NEXT:        double v = 0;
// CHECK-NEXT:        double v_d = 0.0;
// CHECK-NEXT:        double a = x[2 * i];
// CHECK-NEXT:        double a_d = x_d[2 * i];
// CHECK-NEXT:        double b = x[2 * i + 1];
// CHECK-NEXT:        double b_d = x_d[2 * i + 1];
// CHECK-NEXT:        m_d = (a_d + b_d) * 0.5;
// CHECK-NEXT:        m = 0.5 * (a + b);
// CHECK:             out_d[2 * i] = m_d;
// CHECK-NEXT:        out[2 * i] = m;
// CHECK-NEXT:        out_d[2 * i + 1] = v_d;
// CHECK-NEXT:        out[2 * i + 1] = v;
// CHECK-NEXT:        total_d += m_d * v + v_d * m;
// CHECK-NEXT:        total += m * v;
// CHECK-NEXT:    }

double pairs_jvp(const double *x, const double *x_d, int n, double *out, double *out_d, double *ret_d);

static void all(const double *x, double *y) { y[6] = pairs(x, 3, y); }

int main(void) {
    unsigned seed = 23;
    for (int k = 0; k < 20; k++) {
        double x[6], v[6], fd[7], out[6], out_d[6], rd;
        for (int i = 0; i < 6; i++) x[i] = check_uniform(&seed, -2, 2), v[i] = check_uniform(&seed, -1, 1);
        for (int i = 0; i < 6; i++) out_d[i] = 1e300;   /* overwritten: the entry tangent must not leak */
        pairs_jvp(x, v, 3, out, out_d, &rd);
        fd_dir_vec(all, x, v, 6, 7, 1e-6, fd);
        for (int i = 0; i < 6; i++)
            if (fabs(out_d[i] - fd[i]) > 1e-7) check_near("out_d vs central differences", out_d[i], fd[i], 1e-7);
        if (fabs(rd - fd[6]) > 1e-7) check_near("ret_d vs central differences", rd, fd[6], 1e-7);
        /* closed forms: m = (a + b)/2, v = (a - b)^2 / 4 */
        for (int i = 0; i < 3; i++) {
            double a = x[2 * i], b = x[2 * i + 1], da = v[2 * i], db = v[2 * i + 1];
            if (fabs(out_d[2 * i] - 0.5 * (da + db)) > 1e-15) check_near("mean closed form", out_d[2 * i], 0.5 * (da + db), 1e-15);
            if (fabs(out_d[2 * i + 1] - 0.5 * (a - b) * (da - db)) > 1e-14) check_near("variance closed form", out_d[2 * i + 1], 0.5 * (a - b) * (da - db), 1e-14);
        }
    }
    check_true("ran", 1);
    // EXEC: ok ran
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
