// Found by a blind test corpus: `for (size_t i = 0; i < n; i++)` ran back as
// `for (i = n - 1; i >= 0; i--)`, which never ends for an unsigned i, and an
// empty `i < n` with n = 0 made the last i wrap.  Each loop form below runs
// at n = 0, 1 and 5 against the closed-form gradient of sum (i+1) x[i]^2 over
// exactly the i the forward loop visits.
// RUN: %cgrad %s -o %t.c
// RUN: FileCheck --check-prefix=GEN %s < %t.c
// RUN: %cc -Wno-sign-compare %t.c -o %t %rt && %t | FileCheck %s
#include <stddef.h>

#include "check.h"

#define TERM(i) s += (double)((i) + 1) * x[i] * x[i]

double up_size_t(const double *x, size_t n) {
    double s = 0;
    for (size_t i = 0; i < n; i++) TERM(i);
    return s;
}
#pragma cgrad differentiate up_size_t mode(adjoint)
// an unsigned counter counting up runs back from one past its last value
// GEN-LABEL: double up_size_t_vjp(
// GEN: for (i = n; i-- > 0; ) {

double up_unsigned_from_one(const double *x, unsigned n) {
    double s = 0;
    for (unsigned i = 1; i < n; i++) TERM(i);
    return s;
}
#pragma cgrad differentiate up_unsigned_from_one mode(adjoint)

double up_unsigned_le(const double *x, unsigned n) {
    double s = 0;
    if (n == 0) return 0;
    for (unsigned i = 0; i <= n - 1; i++) TERM(i);
    return s;
}
#pragma cgrad differentiate up_unsigned_le mode(adjoint)

double down_size_t(const double *x, size_t n) {
    double s = 0;
    for (size_t i = n; i > 0; i--) TERM(i - 1);
    return s;
}
#pragma cgrad differentiate down_size_t mode(adjoint)

// signed counters with unsigned bounds: the bounds are values of i's type
double int_below_size_t(const double *x, size_t n) {
    double s = 0;
    for (int i = 1; i < n; i++) TERM(i);
    return s;
}
#pragma cgrad differentiate int_below_size_t mode(adjoint)

double long_below_unsigned(const double *x, unsigned n) {
    double s = 0;
    for (long i = 0; i < n; i++) TERM(i);
    return s;
}
#pragma cgrad differentiate long_below_unsigned mode(adjoint)
// GEN-LABEL: double long_below_unsigned_vjp(
// GEN: for (i = (long)n - 1; i >= 0; i--) {

double int_down_from_size_t(const double *x, size_t n) {
    double s = 0;
    for (int i = n - 1; i >= 0; i--) TERM(i);
    return s;
}
#pragma cgrad differentiate int_down_from_size_t mode(adjoint)

// an unsigned counter over an overwritten buffer: the tape pops in order
double prefix_products(double *y, size_t n) {
    for (size_t i = 1; i < n; i++) y[i] *= y[i - 1];
    double s = 0;
    for (size_t i = 0; i < n; i++) s += y[i];
    return s;
}
#pragma cgrad differentiate prefix_products mode(adjoint)

double up_size_t_vjp(const double *x, double *x_b, size_t n, double ret_b);
double up_unsigned_from_one_vjp(const double *x, double *x_b, unsigned n, double ret_b);
double up_unsigned_le_vjp(const double *x, double *x_b, unsigned n, double ret_b);
double down_size_t_vjp(const double *x, double *x_b, size_t n, double ret_b);
double int_below_size_t_vjp(const double *x, double *x_b, size_t n, double ret_b);
double long_below_unsigned_vjp(const double *x, double *x_b, unsigned n, double ret_b);
double int_down_from_size_t_vjp(const double *x, double *x_b, size_t n, double ret_b);
double prefix_products_vjp(double *y, double *y_b, size_t n, double ret_b);

/* the gradient of sum over i in [first, n) of (i+1) x[i]^2 */
static void check_one(const char *name, double (*call)(const double *, double *, unsigned), unsigned first) {
    const double x[6] = {0.5, -1.25, 2.0, 0.75, -0.5, 1.5};
    for (unsigned n = 0; n <= 5; n += (n == 0 ? 1 : 4)) {
        double g[6] = {0};
        call(x, g, n);
        int ok = 1;
        for (unsigned i = 0; i < 6; i++) {
            double want = i >= first && i < n ? 2 * (i + 1) * x[i] : 0;
            ok &= g[i] == want;
        }
        char label[80];
        snprintf(label, sizeof label, "%s n=%u", name, n);
        check_true(label, ok);
    }
}

static double c_up_size_t(const double *x, double *g, unsigned n) { return up_size_t_vjp(x, g, n, 1); }
static double c_from_one(const double *x, double *g, unsigned n) { return up_unsigned_from_one_vjp(x, g, n, 1); }
static double c_le(const double *x, double *g, unsigned n) { return up_unsigned_le_vjp(x, g, n, 1); }
static double c_down(const double *x, double *g, unsigned n) { return down_size_t_vjp(x, g, n, 1); }
static double c_int(const double *x, double *g, unsigned n) { return int_below_size_t_vjp(x, g, n, 1); }
static double c_long(const double *x, double *g, unsigned n) { return long_below_unsigned_vjp(x, g, n, 1); }
static double c_int_down(const double *x, double *g, unsigned n) { return int_down_from_size_t_vjp(x, g, n, 1); }

int main(void) {
    check_one("size_t counting up", c_up_size_t, 0);
    check_one("unsigned from one", c_from_one, 1);
    check_one("unsigned, <= bound", c_le, 0);
    check_one("size_t counting down", c_down, 0);
    check_one("int below size_t", c_int, 1);
    check_one("long below unsigned", c_long, 0);
    check_one("int down from size_t", c_int_down, 0);
    // d/dy of sum of prefix products at y = (2, 3, 0.5): y0 + y0 y1 + y0 y1 y2
    double y[3] = {2, 3, 0.5}, yb[3] = {0};
    prefix_products_vjp(y, yb, 3, 1);
    check_near("prefix products, d/dy0", yb[0], 1 + 3 + 1.5, 1e-15);
    check_near("prefix products, d/dy1", yb[1], 2 + 1, 1e-15);
    check_near("prefix products, d/dy2", yb[2], 6, 1e-15);
    double z[1] = {2}, zb[1] = {0};
    prefix_products_vjp(z, zb, 0, 1);
    check_true("prefix products, n=0", zb[0] == 0);
    return check_failures != 0;
}
// CHECK-NOT: FAIL
// CHECK: ok size_t counting up n=0
// CHECK: ok int down from size_t n=5
// CHECK: ok prefix products, n=0
