// Calls to other functions of the file: their tangents are generated once
// per activity pattern, static, named after their active parameters; a
// callee writing an active output array (axpy) gets that array's shadow.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

static double sq(double t) { return t * t; }
double poly(double x, double c) { return c * sq(x) + sq(c); }
double dot(const double *a, const double *b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}
void axpy(double a, const double *x, double *y, int n) {
    for (int i = 0; i < n; i++) y[i] += a * x[i];
}

double model(const double *w, const double *x, double *tmp, int n, double bias) {
    double z = dot(w, x, n) + bias;
    axpy(z, w, tmp, n);
    return poly(z, bias) + dot(tmp, tmp, n) + poly(bias, 2.0);
}
#pragma cgrad differentiate model mode(tangent) wrt(w, bias) out(return, tmp)

// CHECK:       double model_jvp(const double *w, const double *w_d, const double *x, double *tmp, double *tmp_d, int n, double bias, double bias_d, double *ret_d);
// CHECK-DAG:   static double dot_jvp_a(const double *a, const double *a_d, const double *b, int n, double *ret_d);
// CHECK-DAG:   static void axpy_jvp_a_x_y_noret(double a, double a_d, const double *x, const double *x_d, double *y, double *y_d, int n);
// CHECK-DAG:   static double poly_jvp_x_c(double x, double x_d, double c, double c_d, double *ret_d);
// CHECK-DAG:   static double sq_jvp_t(double t, double t_d, double *ret_d);
// CHECK-DAG:   static double dot_jvp_a_b(const double *a, const double *a_d, const double *b, const double *b_d, int n, double *ret_d);
// CHECK-DAG:   static double poly_jvp_x(double x, double x_d, double c, double *ret_d);
// CHECK-LABEL: double model_jvp(const double *w, const double *w_d, const double *x, double *tmp, double *tmp_d, int n, double bias, double bias_d, double *ret_d) {
// CHECK-NEXT:    double _t_d;
// CHECK-NEXT:    double _t = dot_jvp_a(w, w_d, x, n, &_t_d);
// CHECK-NEXT:    double z = _t + bias;
// CHECK-NEXT:    double z_d = _t_d + bias_d;
// CHECK-NEXT:    axpy_jvp_a_x_y_noret(z, z_d, w, w_d, tmp, tmp_d, n);
// CHECK-NEXT:    double _t_1_d;
// CHECK-NEXT:    double _t_1 = poly_jvp_x_c(z, z_d, bias, bias_d, &_t_1_d);
// CHECK-NEXT:    double _t_2_d;
// CHECK-NEXT:    double _t_2 = dot_jvp_a_b(tmp, tmp_d, tmp, tmp_d, n, &_t_2_d);
// CHECK-NEXT:    double _t_3_d;
// CHECK-NEXT:    double _t_3 = poly_jvp_x(bias, bias_d, 2.0, &_t_3_d);
// CHECK-NEXT:    *ret_d = _t_1_d + _t_2_d + _t_3_d;
// CHECK-NEXT:    return _t_1 + _t_2 + _t_3;
// CHECK-NEXT: }
// CHECK-LABEL: static void axpy_jvp_a_x_y_noret(double a, double a_d, const double *x, const double *x_d, double *y, double *y_d, int n) {
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        y_d[i] += a_d * x[i] + x_d[i] * a;
// CHECK-NEXT:        y[i] += a * x[i];
// CHECK-NEXT:    }
// CHECK-NEXT: }
// CHECK-LABEL: static double poly_jvp_x(double x, double x_d, double c, double *ret_d) {
// CHECK-NEXT:    double _t_d;
// CHECK-NEXT:    double _t = sq_jvp_t(x, x_d, &_t_d);
// CHECK-NEXT:    double _t_1 = sq(c);
// CHECK-NEXT:    *ret_d = _t_d * c;
// CHECK-NEXT:    return c * _t + _t_1;
// CHECK-NEXT: }

double model_jvp(const double *w, const double *w_d, const double *x, double *tmp, double *tmp_d, int n, double bias, double bias_d, double *ret_d);

enum { N = 4 };
static const double X[N] = {0.3, -0.7, 1.1, 0.4};
static double T0[N] = {0.5, 0.1, -0.2, 0.3};
/* inputs: w[0..N-1], bias; outputs: tmp[0..N-1], return */
static void f(const double *in, double *out) {
    for (int i = 0; i < N; i++) out[i] = T0[i];
    out[N] = model(in, X, out, N, in[N]);
}

int main(void) {
    unsigned seed = 43;
    for (int k = 0; k < 20; k++) {
        double in[N + 1], v[N + 1], fd[N + 1], tmp[N], tmp_d[N], rd;
        for (int i = 0; i <= N; i++) in[i] = check_uniform(&seed, -1, 1), v[i] = check_uniform(&seed, -1, 1);
        for (int i = 0; i < N; i++) tmp[i] = T0[i], tmp_d[i] = 0;
        double y = model_jvp(in, v, X, tmp, tmp_d, N, in[N], v[N], &rd);
        fd_dir_vec(f, in, v, N + 1, N + 1, 1e-6, fd);
        double want[N + 1];
        f(in, want);
        if (y != want[N]) check_near("model value", y, want[N], 0);
        for (int i = 0; i < N; i++)
            if (fabs(tmp_d[i] - fd[i]) > 1e-8) check_near("tmp_d vs central differences", tmp_d[i], fd[i], 1e-8);
        if (fabs(rd - fd[N]) > 1e-7 * fmax(1, fabs(fd[N]))) check_near("ret_d vs central differences", rd, fd[N], 1e-7);
    }
    /* closed form with w = 0: z = bias, tmp unchanged; d/dbias of
       bias * bias^2 + bias^2 + 2 bias^2 + 4 = 3 b^2 + 6 b */
    double w[N] = {0}, wd[N] = {0}, tmp[N] = {0}, tmp_d[N] = {0}, rd;
    model_jvp(w, wd, X, tmp, tmp_d, N, 0.5, 1.0, &rd);
    check_near("d/dbias closed form", rd, 3 * 0.25 + 6 * 0.5, 1e-15);
    // EXEC: ok d/dbias closed form
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
