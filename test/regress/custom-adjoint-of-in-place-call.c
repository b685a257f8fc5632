// Found by a blind test corpus: a hand-written adjoint runs FUNC again (the
// contract), yet the reverse sweep called it with the buffer FUNC had
// already updated in place, so softplus_vjp differentiated softplus at
// softplus(v) and the gradient was wrong by a few percent.  The reverse sweep
// now puts back the local array the call overwrote before the adjoint runs,
// and once more after it when code before the call reads the array too.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

void softplus(double *v, int n) {
    for (int i = 0; i < n; i++) v[i] = log1p(exp(v[i]));
}
void softplus_jvp(double *v, double *v_d, int n) {
    for (int i = 0; i < n; i++) {
        v_d[i] /= 1 + exp(-v[i]);
        v[i] = log1p(exp(v[i]));
    }
}
void softplus_vjp(double *v, double *v_b, int n) {
    for (int i = 0; i < n; i++) {
        v_b[i] /= 1 + exp(-v[i]);
        v[i] = log1p(exp(v[i]));
    }
}
#pragma cgrad derivative softplus tangent(softplus_jvp) adjoint(softplus_vjp)

// the array is read only after the call: saved once, put back once
double after_only(const double *x, int n) {
    double t[8];
    for (int i = 0; i < n; i++) t[i] = x[i] * x[i];
    softplus(t, n);
    double s = 0;
    for (int i = 0; i < n; i++) s += t[i] * x[i];
    return s;
}
#pragma cgrad differentiate after_only check(x = n)
// CHECK-LABEL: double after_only_vjp(const double *x, double *x_b, int n, double ret_b) {
// CHECK: cg_push_f64(_tp,
// CHECK: softplus(t, n);
// CHECK: t[{{.*}}] = {{.*}};
// CHECK-NOT: cg_push_f64
// CHECK: softplus_vjp(t, t_b, n);
// CHECK-NOT: cg_pop_f64
// CHECK: return _ret;

// read before the call as well: the reverse code before it must find the
// squares again, not the adjoint's softplus of them
double before_and_after(const double *x, int n) {
    double t[8], s = 0;
    for (int i = 0; i < n; i++) {
        t[i] = x[i] * x[i];
        s += sin(t[i]);
    }
    softplus(t, n);
    for (int i = 0; i < n; i++) s += t[i] * x[i];
    return s;
}
#pragma cgrad differentiate before_and_after check(x = n)
// CHECK-LABEL: double before_and_after_vjp(const double *x, double *x_b, int n, double ret_b) {
// CHECK: softplus(t, n);
// CHECK: cg_push_f64(_tp,
// CHECK: softplus_vjp(t, t_b, n);
// CHECK: cg_pop_f64(_tp)
// CHECK: return _ret;

// called in a loop: every call gets its own entry values back
double repeated(const double *x, int n) {
    double t[8], s = 0;
    for (int i = 0; i < n; i++) t[i] = x[i];
    for (int r = 0; r < 3; r++) {
        softplus(t, n);
        for (int i = 0; i < n; i++) {
            s += t[i] * x[i];
            t[i] -= 0.7 * x[i];
        }
    }
    return s;
}
#pragma cgrad differentiate repeated check(x = n)

// inside a helper that differentiated code calls (a split forward/reverse pair)
static double helper(const double *x, int n) {
    double t[8], s = 0;
    for (int i = 0; i < n; i++) t[i] = 2 * x[i];
    softplus(t, n);
    for (int i = 0; i < n; i++) s += t[i] * t[i];
    return s;
}
double outer(const double *x, int n) {
    double s = 0;
    for (int k = 0; k < 2; k++) s += cos(s) * helper(x, n);
    return s;
}
#pragma cgrad differentiate outer check(x = n)

// memory the function does not own, written but not read before the call:
// the adjoint finds FUNC's results there, which is all an out-of-place FUNC needs
void square_into(const double *x, double *y, int n) {
    for (int i = 0; i < n; i++) y[i] = x[i] * x[i];
}
void square_into_jvp(const double *x, const double *x_d, double *y, double *y_d, int n) {
    for (int i = 0; i < n; i++) {
        y_d[i] = 2 * x[i] * x_d[i];
        y[i] = x[i] * x[i];
    }
}
void square_into_vjp(const double *x, double *x_b, double *y, double *y_b, int n) {
    for (int i = 0; i < n; i++) {
        x_b[i] += 2 * x[i] * y_b[i];
        y_b[i] = 0;
        y[i] = x[i] * x[i];
    }
}
#pragma cgrad derivative square_into tangent(square_into_jvp) adjoint(square_into_vjp)
double out_param(const double *x, double *y, int n) {
    square_into(x, y, n);
    double s = 0;
    for (int i = 0; i < n; i++) s += y[i] * sin(x[i]);
    return s;
}
#pragma cgrad differentiate out_param check(x = n, y = n)

double after_only_check(const double *x, int n, double tol);
double before_and_after_check(const double *x, int n, double tol);
double repeated_check(const double *x, int n, double tol);
double outer_check(const double *x, int n, double tol);
double out_param_check(const double *x, double *y, int n, double tol);

int main(void) {
    double x[5] = {0.3, -0.5, 1.2, 0.05, -1.4}, y[5] = {0};
    check_true("read after the call only", after_only_check(x, 5, 1e-6) < 1e-7);
    check_true("read before and after the call", before_and_after_check(x, 5, 1e-6) < 1e-7);
    check_true("called three times in a loop", repeated_check(x, 5, 1e-6) < 1e-7);
    check_true("inside a helper", outer_check(x, 5, 1e-6) < 1e-7);
    check_true("an out-of-place call into a parameter", out_param_check(x, y, 5, 1e-6) < 1e-7);
    return check_done();
}
// EXEC-NOT: FAIL
// EXEC: ALL OK
