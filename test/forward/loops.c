// for and do-while loops: a Horner recurrence whose tangent reads the old
// value (s_d before s), and a do-while with a stride and a trip count from n.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double loops(const double *x, int n, double a) {
    double s = 0;
    for (int i = 0; i < n; i++) s = s * a + x[i];
    double p = 1;
    int k = 0;
    do {
        p *= x[k] + a;
        k += 2;
    } while (k < n);
    return s + p;
}
#pragma cgrad differentiate loops mode(tangent)

float loopsf(const float *x, int n, float a) {
    float s = 0;
    for (int i = 0; i < n; i++) s = s * a + x[i];
    float p = 1;
    int k = 0;
    do {
        p *= x[k] + a;
        k += 2;
    } while (k < n);
    return s + p;
}
#pragma cgrad differentiate loopsf mode(tangent)

// CHECK-LABEL: double loops_jvp(const double *x, const double *x_d, int n, double a, double a_d, double *ret_d) {
// CHECK-NEXT:    double s = 0;
// CHECK-NEXT:    double s_d = 0.0;
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        s_d = s_d * a + a_d * s + x_d[i];
// CHECK-NEXT:        s = s * a + x[i];
// CHECK-NEXT:    }
// CHECK-NEXT:    double p = 1;
// CHECK-NEXT:    double p_d = 0.0;
// CHECK-NEXT:    int k = 0;
// CHECK-NEXT:    do {
// CHECK-NEXT:        p_d = p_d * (x[k] + a) + (x_d[k] + a_d) * p;
// CHECK-NEXT:        p *= x[k] + a;
// CHECK-NEXT:        k += 2;
// CHECK-NEXT:    } while (k < n);
// CHECK-NEXT:    *ret_d = s_d + p_d;
// CHECK-NEXT:    return s + p;
// CHECK-NEXT: }
// CHECK-LABEL: float loopsf_jvp(const float *x, const float *x_d, int n, float a, float a_d, float *ret_d) {

double loops_jvp(const double *x, const double *x_d, int n, double a, double a_d, double *ret_d);
float loopsf_jvp(const float *x, const float *x_d, int n, float a, float a_d, float *ret_d);

static int N;
static double f(const double *xa) { return loops(xa, N, xa[N]); }   /* x then a in one vector */

int main(void) {
    unsigned seed = 11;
    for (N = 1; N <= 7; N++) {
        for (int k = 0; k < 5; k++) {
            double xa[8] = {0}, v[8] = {0}, d;
            for (int i = 0; i <= N; i++) xa[i] = check_uniform(&seed, -1.5, 1.5), v[i] = check_uniform(&seed, -1, 1);
            double y = loops_jvp(xa, v, N, xa[N], v[N], &d);
            if (y != f(xa)) check_near("value", y, f(xa), 0);
            double fd = fd_dir(f, xa, v, N + 1, 1e-6);
            if (fabs(d - fd) > 1e-7 * fmax(1, fabs(fd))) check_near("loops vs central differences", d, fd, 1e-7);
            float xf[8], vf[8], df;
            for (int i = 0; i <= N; i++) xf[i] = (float)xa[i], vf[i] = (float)v[i];
            loopsf_jvp(xf, vf, N, xf[N], vf[N], &df);
            if (fabs(df - d) > 1e-4 * fmax(1, fabs(d))) check_near("loopsf vs double", df, d, 1e-4);
        }
    }
    /* closed form, n = 3, x = (1, 2, 3), a = 2: s = a^2 + 2a + 3, p = (1 + a)(3 + a);
       d/da = 2a + 2 + (3 + a) + (1 + a) = 6 + 5 + 3 = 14 */
    double x[3] = {1, 2, 3}, zero[3] = {0, 0, 0}, d;
    loops_jvp(x, zero, 3, 2.0, 1.0, &d);
    check_near("d/da closed form", d, 14, 1e-15);
    /* n = 1: the do-while body runs once */
    loops_jvp(x, zero, 1, 2.0, 1.0, &d);
    check_near("n = 1, d/da", d, 1, 1e-15);
    // EXEC: ok d/da closed form
    // EXEC: ok n = 1, d/da
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
