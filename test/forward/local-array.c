// Local arrays with brace initializers: {0} (the shadow starts at zero) and a
// list with one active element (its shadow list has the tangent there).
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double hist(const double *x, int n) {
    double h[8] = {0};
    double w[3] = {1.0, x[0], 2.0};
    for (int i = 0; i < n; i++) h[i % 8] += x[i] * w[i % 3];
    double s = 0;
    for (int k = 0; k < 8; k++) s += h[k] * h[k];
    return s;
}
#pragma cgrad differentiate hist mode(tangent)

float histf(const float *x, int n) {
    float h[8] = {0};
    float w[3] = {1.0f, x[0], 2.0f};
    for (int i = 0; i < n; i++) h[i % 8] += x[i] * w[i % 3];
    float s = 0;
    for (int k = 0; k < 8; k++) s += h[k] * h[k];
    return s;
}
#pragma cgrad differentiate histf mode(tangent)

// CHECK-LABEL: double hist_jvp(const double *x, const double *x_d, int n, double *ret_d) {
// CHECK-NEXT:    double h[8] = {0};
// CHECK-NEXT:    double h_d[8] = {0.0};
// CHECK-NEXT:    double w[3] = {1.0, x[0], 2.0};
// CHECK-NEXT:    double w_d[3] = {0.0, x_d[0], 0.0};
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        h_d[i % 8] += x_d[i] * w[i % 3] + w_d[i % 3] * x[i];
// CHECK-NEXT:        h[i % 8] += x[i] * w[i % 3];
// CHECK-NEXT:    }
// CHECK-NEXT:    double s = 0;
// CHECK-NEXT:    double s_d = 0.0;
// CHECK-NEXT:    for (int k = 0; k < 8; k++) {
// CHECK-NEXT:        s_d += h_d[k] * h[k] + h_d[k] * h[k];
// CHECK-NEXT:        s += h[k] * h[k];
// CHECK-NEXT:    }
// CHECK-NEXT:    *ret_d = s_d;
// CHECK-NEXT:    return s;
// CHECK-NEXT: }
// CHECK-LABEL: float histf_jvp(const float *x, const float *x_d, int n, float *ret_d) {
// CHECK-NEXT:    float h[8] = {0};
// CHECK-NEXT:    float h_d[8] = {0.0f};
// CHECK-NEXT:    float w[3] = {1.0f, x[0], 2.0f};
// CHECK-NEXT:    float w_d[3] = {0.0f, x_d[0], 0.0f};

double hist_jvp(const double *x, const double *x_d, int n, double *ret_d);
float histf_jvp(const float *x, const float *x_d, int n, float *ret_d);

static int N;
static double f(const double *x) { return hist(x, N); }

int main(void) {
    unsigned seed = 29;
    static const int ns[] = {1, 3, 8, 11, 20};
    for (int t = 0; t < 5; t++) {
        N = ns[t];
        for (int k = 0; k < 4; k++) {
            double x[20], v[20], d;
            float xf[20], vf[20], df;
            for (int i = 0; i < N; i++) {
                x[i] = check_uniform(&seed, -1, 1), v[i] = check_uniform(&seed, -1, 1);
                xf[i] = (float)x[i], vf[i] = (float)v[i];
            }
            double y = hist_jvp(x, v, N, &d);
            if (y != f(x)) check_near("value", y, f(x), 0);
            double fd = fd_dir(f, x, v, N, 1e-6);
            if (fabs(d - fd) > 1e-7 * fmax(1, fabs(fd))) check_near("hist vs central differences", d, fd, 1e-7);
            histf_jvp(xf, vf, N, &df);
            if (fabs(df - d) > 1e-4 * fmax(1, fabs(d))) check_near("histf vs double", df, d, 1e-4);
        }
    }
    /* n = 1: h[0] = x0 * 1, s = x0^2 */
    double x[1] = {0.75}, e[1] = {1}, d;
    hist_jvp(x, e, 1, &d);
    check_near("n = 1 closed form", d, 1.5, 1e-15);
    /* n = 2: h = (x0, x1 * x0), s = x0^2 + x0^2 x1^2; d/dx0 = 2 x0 (1 + x1^2) */
    double x2[2] = {0.5, 3}, e2[2] = {1, 0};
    hist_jvp(x2, e2, 2, &d);
    check_near("n = 2 closed form (active initializer)", d, 2 * 0.5 * 10, 1e-15);
    // EXEC: ok n = 1 closed form
    // EXEC: ok n = 2 closed form (active initializer)
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
