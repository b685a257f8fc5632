// break and continue inside a for loop: skipped elements contribute no
// tangent, and the loop stops on a data-dependent test of an active value.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double partial_norm(const double *x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
        if (x[i] < 0) continue;
        if (s > 5) break;
        s += x[i] * x[i];
    }
    return s;
}
#pragma cgrad differentiate partial_norm mode(tangent)

float partial_normf(const float *x, int n) {
    float s = 0;
    for (int i = 0; i < n; i++) {
        if (x[i] < 0) continue;
        if (s > 5) break;
        s += x[i] * x[i];
    }
    return s;
}
#pragma cgrad differentiate partial_normf mode(tangent)

// CHECK-LABEL: double partial_norm_jvp(const double *x, const double *x_d, int n, double *ret_d) {
// CHECK-NEXT:    double s = 0;
// CHECK-NEXT:    double s_d = 0.0;
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        if (x[i] < 0) {
// CHECK-NEXT:            continue;
// CHECK-NEXT:        }
// CHECK-NEXT:        if (s > 5) {
// CHECK-NEXT:            break;
// CHECK-NEXT:        }
// CHECK-NEXT:        s_d += x_d[i] * x[i] + x_d[i] * x[i];
// CHECK-NEXT:        s += x[i] * x[i];
// CHECK-NEXT:    }
// CHECK-NEXT:    *ret_d = s_d;
// CHECK-NEXT:    return s;
// CHECK-NEXT: }
// CHECK-LABEL: float partial_normf_jvp(const float *x, const float *x_d, int n, float *ret_d) {

double partial_norm_jvp(const double *x, const double *x_d, int n, double *ret_d);
float partial_normf_jvp(const float *x, const float *x_d, int n, float *ret_d);

static double f8(const double *x) { return partial_norm(x, 8); }

int main(void) {
    /* elements 1 and 4 negative (skipped); the sum passes 5 after element 3, so 5.. are cut off */
    double x[8] = {1.0, -2.0, 1.5, 2.0, -0.5, 3.0, 1.0, 2.0};
    for (int j = 0; j < 8; j++) {
        double e[8] = {0}, d;
        e[j] = 1;
        partial_norm_jvp(x, e, 8, &d);
        double want = (j == 0 || j == 2 || j == 3) ? 2 * x[j] : 0;
        char name[64];
        snprintf(name, sizeof name, "d/dx%d closed form", j);
        check_near(name, d, want, 1e-15);
        snprintf(name, sizeof name, "d/dx%d central differences", j);
        check_near(name, d, fd_dir(f8, x, e, 8, 1e-6), 1e-8);
        float xf[8], ef[8], df;
        for (int i = 0; i < 8; i++) xf[i] = (float)x[i], ef[i] = (float)e[i];
        partial_normf_jvp(xf, ef, 8, &df);
        snprintf(name, sizeof name, "d/dx%d float vs double", j);
        check_near(name, df, d, 1e-6);
    }
    // EXEC: ok d/dx0 closed form
    // EXEC: ok d/dx7 float vs double
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
