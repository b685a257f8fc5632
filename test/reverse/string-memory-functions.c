// memcpy, memmove and memset(p, 0, n) over floating elements carry
// derivatives: cgrad reads them as element loops (compiler/ir/lower.c), so
// the tangent copies tangents, the adjoint sends the destination's adjoint
// to the source and saves what the destination held.  Overlapping memmove
// copies away from the overlap in both directions; calls on integers run as
// they are.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include <string.h>
#include "check.h"

// a copy into a local array that held other values, then a cleared one
double copy_and_clear(const double *x, int n) {
    double t[8], u[8], z[8];
    int idx[8], idx2[8];
    for (int i = 0; i < n; i++) {
        t[i] = x[i] * x[i];
        u[i] = sin(x[i]);
        z[i] = x[i];
        idx[i] = n - 1 - i;
    }
    double s = t[0] * t[n - 1];
    memcpy(t, u, n * sizeof(double));
    memset(z, 0, sizeof z);
    memcpy(idx2, idx, sizeof idx);
    for (int i = 0; i < n; i++) s += t[i] * x[idx2[i]] + z[i];
    return s;
}
#pragma cgrad differentiate copy_and_clear mode(both, hvp) check(x = n)
// CHECK-LABEL: double copy_and_clear_jvp(const double *x, const double *x_d, int n, double *ret_d) {
// CHECK: for (long _k = 0; _k < (long)(n * sizeof{{.*}} / sizeof(double)); _k++) {
// CHECK-NEXT: t_d[_k] = u_d[_k];
// CHECK-NEXT: t[_k] = u[_k];
// CHECK: for (long _k_1 = 0; _k_1 < (long)(64 / sizeof(double)); _k_1++) {
// CHECK-NEXT: z_d[_k_1] = 0.0;
// CHECK: memcpy(idx2, idx, 32);
// CHECK-LABEL: double copy_and_clear_vjp(const double *x, double *x_b, int n, double ret_b) {
// CHECK: memcpy(idx2, idx, 32);
// CHECK: u_b[_k] += _g;

// a shift within one buffer, forwards and backwards, through memmove
void shift(const double *x, double *y, int n) {
    for (int i = 0; i < n; i++) y[i] = exp(0.3 * x[i]);
    memmove(y + 1, y, (n - 1) * sizeof *y);   /* overlapping, destination after */
    y[0] *= y[n - 1];
    memmove(y, y + 2, (n - 2) * sizeof(double));   /* destination before */
}
#pragma cgrad differentiate shift check(x = n, y = n)

// a parameter copied into another that may overlap it
void copy_out(const double *x, double *y, int n) {
    memcpy(y, x, n * sizeof(double));
    for (int i = 0; i < n; i++) y[i] = y[i] * y[i] + x[i];
}
#pragma cgrad differentiate copy_out check(x = n, y = n)

// the byte count read from memory the copy overwrites: evaluated once, as memcpy does
double count_from_memory(const double *x, double *y) {
    y[0] = 3;
    memcpy(y + 1, x, (size_t)y[0] * sizeof(double));
    double s = 0;
    for (int i = 0; i < 4; i++) s += y[i] * x[i] * x[i];
    return s;
}
#pragma cgrad differentiate count_from_memory check(x = 4, y = 4)
// CHECK-LABEL: double count_from_memory_jvp(
// CHECK: unsigned long _m = (size_t)y[0] * sizeof

double copy_and_clear_check(const double *x, int n, double tol);
double count_from_memory_check(const double *x, double *y, double tol);
double copy_and_clear_vjp(const double *x, double *x_b, int n, double ret_b);
double copy_and_clear_hvp(const double *x, const double *x_v, double *x_hv, int n);
double shift_check(const double *x, double *y, int n, double tol);
double copy_out_check(const double *x, double *y, int n, double tol);

int main(void) {
    double x[6] = {0.3, -0.5, 1.2, 0.05, -1.4, 0.8}, y[6] = {0};
    check_true("memcpy and memset: jvp and vjp", copy_and_clear_check(x, 6, 1e-6) < 1e-7);
    check_true("memmove both ways, in place", shift_check(x, y, 6, 1e-6) < 1e-7);
    check_true("memcpy between parameters", copy_out_check(x, y, 6, 1e-6) < 1e-7);
    check_true("a byte count read from the destination", count_from_memory_check(x, y, 1e-6) < 1e-7);
    // the Hessian-vector product against differences of gradients
    double v[6] = {0.2, -0.1, 0.4, 0.3, -0.6, 0.5}, hv[6] = {0}, worst = 0;
    copy_and_clear_hvp(x, v, hv, 6);
    for (int i = 0; i < 6; i++) {
        double xp[6], xm[6], gp[6] = {0}, gm[6] = {0}, h = 1e-5;
        for (int k = 0; k < 6; k++) xp[k] = x[k] + h * v[k], xm[k] = x[k] - h * v[k];
        copy_and_clear_vjp(xp, gp, 6, 1.0);
        copy_and_clear_vjp(xm, gm, 6, 1.0);
        worst = fmax(worst, fabs(hv[i] - (gp[i] - gm[i]) / (2 * h)));
    }
    check_true("hvp against differences of gradients", worst < 1e-7);
    return check_done();
}
// EXEC-NOT: FAIL
// EXEC: ALL OK
