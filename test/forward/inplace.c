// In-place updates of an out array: y_d holds the tangent of y at entry and,
// on exit, the tangent at exit (the contract's in/out buffer).
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

void inplace(double *y, int n, double a) {
    for (int i = 0; i < n; i++) y[i] = y[i] * y[i] + a;
    for (int i = 1; i < n; i++) y[i] += y[i - 1] * a;
    double *q = y;
    for (int i = 0; i < n; i++) *q++ *= 2;
}
#pragma cgrad differentiate inplace mode(tangent)

void inplacef(float *y, int n, float a) {
    for (int i = 0; i < n; i++) y[i] = y[i] * y[i] + a;
    for (int i = 1; i < n; i++) y[i] += y[i - 1] * a;
    float *q = y;
    for (int i = 0; i < n; i++) *q++ *= 2;
}
#pragma cgrad differentiate inplacef mode(tangent)

// CHECK-LABEL: void inplace_jvp(double *y, double *y_d, int n, double a, double a_d) {
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        y_d[i] = y_d[i] * y[i] + y_d[i] * y[i] + a_d;
// CHECK-NEXT:        y[i] = y[i] * y[i] + a;
// CHECK-NEXT:    }
// CHECK-NEXT:    for (int i_1 = 1; i_1 < n; i_1++) {
// CHECK-NEXT:        y_d[i_1] += y_d[i_1 - 1] * a + a_d * y[i_1 - 1];
// CHECK-NEXT:        y[i_1] += y[i_1 - 1] * a;
// CHECK-NEXT:    }
// CHECK-NEXT:    double *q = y;
// CHECK-NEXT:    double *q_d = y_d;
// CHECK-NEXT:    for (int i_2 = 0; i_2 < n; i_2++) {
// CHECK-NEXT:        double *_t = q;
// CHECK-NEXT:        double *_t_d = q_d;
// CHECK-NEXT:        q_d++;
// CHECK-NEXT:        q++;
// CHECK-NEXT:        *_t_d = *_t_d * 2;
// CHECK-NEXT:        *_t *= 2;
// CHECK-NEXT:    }
// CHECK-NEXT: }
// CHECK-LABEL: void inplacef_jvp(float *y, float *y_d, int n, float a, float a_d) {

void inplace_jvp(double *y, double *y_d, int n, double a, double a_d);
void inplacef_jvp(float *y, float *y_d, int n, float a, float a_d);

enum { N = 6 };
static void f(const double *ya, double *out) {   /* inputs: y[0..N-1] then a */
    for (int i = 0; i < N; i++) out[i] = ya[i];
    inplace(out, N, ya[N]);
}

int main(void) {
    unsigned seed = 41;
    for (int k = 0; k < 20; k++) {
        double ya[N + 1], v[N + 1], y[N], yd[N], fd[N];
        for (int i = 0; i <= N; i++) ya[i] = check_uniform(&seed, -1, 1), v[i] = check_uniform(&seed, -1, 1);
        for (int i = 0; i < N; i++) y[i] = ya[i], yd[i] = v[i];
        inplace_jvp(y, yd, N, ya[N], v[N]);
        fd_dir_vec(f, ya, v, N + 1, N, 1e-6, fd);
        for (int i = 0; i < N; i++)
            if (fabs(yd[i] - fd[i]) > 1e-8) check_near("inplace vs central differences", yd[i], fd[i], 1e-8);
        float yf[N], ydf[N];
        for (int i = 0; i < N; i++) yf[i] = (float)ya[i], ydf[i] = (float)v[i];
        inplacef_jvp(yf, ydf, N, (float)ya[N], (float)v[N]);
        for (int i = 0; i < N; i++)
            if (fabs(ydf[i] - yd[i]) > 1e-5) check_near("inplacef vs double", ydf[i], yd[i], 1e-5);
    }
    /* closed form, n = 2, a = 0: y = (2 y0^2, 2 y1^2), the entry tangent is scaled by 4 y */
    double y[2] = {1.5, -0.5}, yd[2] = {1, 1};
    inplace_jvp(y, yd, 2, 0.0, 0.0);
    check_near("entry tangent y0", yd[0], 4 * 1.5, 1e-15);
    check_near("entry tangent y1", yd[1], 4 * -0.5, 1e-15);
    /* only a moves: y = (2 (y0^2 + a), 2 (y1^2 + a + (y0^2 + a) a)) */
    double z[2] = {1.5, -0.5}, zd[2] = {0, 0};
    inplace_jvp(z, zd, 2, 0.5, 1.0);
    check_near("d y0 / da", zd[0], 2, 1e-15);
    check_near("d y1 / da", zd[1], 2 * (1 + 1.5 * 1.5 + 2 * 0.5), 1e-15);
    // EXEC: ok entry tangent y0
    // EXEC: ok d y1 / da
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
