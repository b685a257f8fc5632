// ++ and -- on floating-point locals (the tangent is unchanged), postfix
// values saved with their tangent, indices with i++ inside subscripts, and
// pointers whose shadow moves along with them.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double incdec(const double *x, int n) {
    double s = x[0];
    s++;
    ++s;
    s--;
    --s;
    s--;
    double t = s++;
    double u = ++s;
    double acc = 0;
    int i = 0;
    while (i < n) {
        double w = x[i++];
        acc += w * x[i - 1];
    }
    const double *p = x;
    acc += *p++;
    acc += *++p;
    acc -= *p--;
    return acc * s + t * u;
}
#pragma cgrad differentiate incdec mode(tangent)

// CHECK-LABEL: double incdec_jvp(const double *x, const double *x_d, int n, double *ret_d) {
// CHECK-NEXT:    double s = x[0];
// CHECK-NEXT:    double s_d = x_d[0];
// CHECK-NEXT:    s++;
// CHECK-NEXT:    ++s;
// CHECK-NEXT:    s--;
// CHECK-NEXT:    --s;
// CHECK-NEXT:    s--;
// CHECK-NEXT:    double _t = s;
// CHECK-NEXT:    double _t_d = s_d;
// CHECK-NEXT:    s++;
// CHECK-NEXT:    double t = _t;
// CHECK-NEXT:    double t_d = _t_d;
// CHECK-NEXT:    ++s;
// CHECK-NEXT:    double u = s;
// CHECK-NEXT:    double u_d = s_d;
// CHECK:         while (i < n) {
// CHECK-NEXT:        int _t_1 = i;
// CHECK-NEXT:        i++;
// CHECK-NEXT:        double w = x[_t_1];
// CHECK-NEXT:        double w_d = x_d[_t_1];
// CHECK:         const double *p = x;
// CHECK-NEXT:    const double *p_d = x_d;
// CHECK-NEXT:    const double *[[OLD:_t_[0-9]+]] = p;
// CHECK-NEXT:    const double *[[OLD]]_d = p_d;
// CHECK-NEXT:    p_d++;
// CHECK-NEXT:    p++;
// CHECK-NEXT:    acc_d += *[[OLD]]_d;
// CHECK-NEXT:    acc += *[[OLD]];
// CHECK-NEXT:    ++p_d;
// CHECK-NEXT:    ++p;
// CHECK-NEXT:    acc_d += *p_d;
// CHECK-NEXT:    acc += *p;

double incdec_jvp(const double *x, const double *x_d, int n, double *ret_d);

static double f4(const double *x) { return incdec(x, 4); }

int main(void) {
    unsigned seed = 5;
    for (int k = 0; k < 30; k++) {
        double x[4], v[4], d;
        for (int i = 0; i < 4; i++) x[i] = check_uniform(&seed, -2, 2), v[i] = check_uniform(&seed, -1, 1);
        double y = incdec_jvp(x, v, 4, &d);
        if (y != f4(x)) check_near("value", y, f4(x), 0);
        double fd = fd_dir(f4, x, v, 4, 1e-6);
        if (fabs(d - fd) > 1e-7 * fmax(1, fabs(fd))) check_near("incdec vs central differences", d, fd, 1e-7);
    }
    /* closed form: s ends at x0 + 1, t = x0 - 1, u = x0 + 1, acc = sum x_i^2 + x0 + x2 - x2 */
    double x[4] = {1, 2, 3, 4}, e0[4] = {1, 0, 0, 0}, d;
    incdec_jvp(x, e0, 4, &d);
    /* d/dx0 [acc * (x0 + 1) + (x0 - 1)(x0 + 1)] = (2 x0 + 1)(x0 + 1) + acc + 2 x0, acc = 31 */
    check_near("d/dx0 closed form", d, 3 * 2 + 31 + 2, 1e-14);
    // EXEC: ok d/dx0 closed form
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
