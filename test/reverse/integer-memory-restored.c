// Integer and pointer values in a local array or struct that the function
// overwrites while the reverse sweep still needs the old ones (an argmax
// kept per pooling window, an index reused across iterations, a row pointer)
// go on the tape and come back, as floating values do.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

enum { N = 12, W = 3 };

/* sum over windows of (max of the window)^2 times the next element; the
 * window's argmax lives in a two-slot array reused every other window */
struct cursor { long at; const int *row; };

double pool(const double *x, const int *shift) {
    int arg[2];
    struct cursor k;
    double s = 0;
    for (int w = 0; w + W < N; w += W) {
        int slot = (w / W) % 2;
        arg[slot] = w;
        for (int i = 1; i < W; i++)
            if (x[w + i] > x[arg[slot]]) arg[slot] = w + i;
        k.at = arg[slot] + 1;
        k.row = shift + w / W;
        s += x[arg[slot]] * x[arg[slot]] * x[k.at + k.row[0]];
    }
    return s;
}
#pragma cgrad differentiate pool mode(both, hvp) wrt(x)

// CODE-LABEL: double pool_vjp(
// CODE:         cg_push_int(_tp, arg[slot]);
// CODE:         cg_push_ptr(_tp, k.row);
// CODE:         k.row = (const int *)cg_pop_ptr(_tp);
// CODE:         arg[slot] = (int)cg_pop_int(_tp);

double pool_jvp(const double *x, const double *x_d, const int *shift, double *ret_d);
double pool_vjp(const double *x, double *x_b, const int *shift, double ret_b);
double pool_hvp(const double *x, const double *x_v, double *x_hv, const int *shift);

static const int shift[N / W] = {1, 0, 1, 0};
static double at_point(const double *x) { return pool(x, shift); }
static double dir_of_grad(const double *x) {   /* <grad f(x), u> for a fixed u */
    static double u[N];
    for (int i = 0; i < N; i++) u[i] = sin(i + 0.5);
    double g[N] = {0}, d = 0;
    pool_vjp(x, g, shift, 1.0);
    for (int i = 0; i < N; i++) d += g[i] * u[i];
    return d;
}

int main(void) {
    unsigned seed = 11;
    double x[N], v[N], g[N] = {0}, hv[N] = {0}, u[N];
    for (int i = 0; i < N; i++) x[i] = check_uniform(&seed, -2, 2), v[i] = check_uniform(&seed, -1, 1), u[i] = sin(i + 0.5);
    double jv;
    check_near("jvp value", pool_jvp(x, v, shift, &jv), at_point(x), 1e-15);
    check_near("jvp against central differences", jv, fd_dir(at_point, x, v, N, 1e-6), 1e-7);
    check_near("vjp value", pool_vjp(x, g, shift, 1.0), at_point(x), 1e-15);
    double gv = 0;
    for (int i = 0; i < N; i++) gv += g[i] * v[i];
    check_near("<J v, 1> = <v, J^T 1>", gv, jv, 1e-12);
    pool_hvp(x, v, hv, shift);
    double uhv = 0;
    for (int i = 0; i < N; i++) uhv += u[i] * hv[i];
    /* <u, H v> is the derivative of <grad f, u> along v */
    check_near("<u, H v> against central differences of the gradient", uhv, fd_dir(dir_of_grad, x, v, N, 1e-6), 1e-7);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
