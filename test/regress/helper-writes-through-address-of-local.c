// Found by a blind test corpus: a helper that returns a value through a
// pointer to a local scalar of its caller (`double t; sq_exp(x, &t)`), when
// that caller is itself a helper, gave a wrong f_vjp (2.40 for 3.81) and a
// write into a dead stack frame: the forward half's store was recorded by
// address, and the reverse half read a t of its own.  The same call gave a
// wrong f_jvp_vec.  Such a scalar is now a one-element array in the
// derivative code, which travels between the halves as arrays do.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

static void sq_exp(double a, double *r) { *r = a * exp(a); }
static double mid(double x) {
    double t;
    sq_exp(x, &t);
    return t * x;
}
double top(const double *x) { return mid(x[0]); }   /* x^2 e^x */
#pragma cgrad differentiate top mode(adjoint)

// CODE-LABEL: static double mid_fwd_x(double x) {
// CODE:         double t[1];
// CODE:         sq_exp_fwd_a_r_noret(x, &t[0], &t_b[0]);
// CODE-NEXT:    cg_span_push(_tp, _from, t);

/* a loss term accumulated through a pointer, two helpers deep */
static void add_sq(double *acc, double r) { *acc += r * r; }
static double layer_loss(const double *x, const double *w, int n) {
    double loss = 0;
    for (int i = 0; i < n; i++) add_sq(&loss, tanh(w[i] * x[i]) - 0.5);
    return loss;
}
double model_loss(const double *x, const double *w, int n) { return layer_loss(x, w, n) + 0.1 * w[0] * w[0]; }
#pragma cgrad differentiate model_loss mode(both) wrt(w)

double g(double x) {
    double t = 0.5;
    sq_exp(x + t, &t);
    return t * x;
}
#pragma cgrad differentiate g mode(tangent, vector) width(2)

/* a const scalar whose address is taken: boxed, it is assigned, not const */
static double scaled(const double *k, double x) { return k[0] * x; }
double cube2(double x) {
    const double two = 2.0;
    double t;
    sq_exp(x, &t);
    return scaled(&two, t);
}
#pragma cgrad differentiate cube2 mode(adjoint)

double top_vjp(const double *x, double *x_b, double ret_b);
double cube2_vjp(double x, double *x_b, double ret_b);
double model_loss_jvp(const double *x, const double *w, const double *w_d, int n, double *ret_d);
double model_loss_vjp(const double *x, const double *w, double *w_b, int n, double ret_b);
double g_jvp(double x, double x_d, double *ret_d);
double g_jvp_vec(double x, const double *x_d, double *ret_d);

enum { N = 5 };
static const double xs[N] = {0.3, -1.2, 0.8, 2.0, -0.4};
static double loss_at(const double *w) { return model_loss(xs, w, N); }

int main(void) {
    double x = 0.7, b = 0;
    top_vjp(&x, &b, 1.0);
    check_near("top: x^2 e^x against the closed form", b, (2 * x + x * x) * exp(x), 1e-14);

    unsigned seed = 9;
    double w[N], v[N], wb[N] = {0}, jv, dot = 0;
    for (int i = 0; i < N; i++) w[i] = check_uniform(&seed, -1, 1), v[i] = check_uniform(&seed, -1, 1);
    model_loss_jvp(xs, w, v, N, &jv);
    check_near("model_loss: jvp against central differences", jv, fd_dir(loss_at, w, v, N, 1e-6), 1e-8);
    model_loss_vjp(xs, w, wb, N, 1.0);
    for (int i = 0; i < N; i++) dot += wb[i] * v[i];
    check_near("model_loss: <J v, 1> = <v, J^T 1>", dot, jv, 1e-12);

    double d1, dirs[2] = {1, 2}, dv[2];
    g_jvp(x, 1.0, &d1);
    double y = x + 0.5;
    check_near("g: jvp against the closed form", d1, y * exp(y) + x * (1 + y) * exp(y), 1e-14);
    g_jvp_vec(x, dirs, dv);
    check_true("g: jvp_vec equals two jvp calls", dv[0] == d1 && fabs(dv[1] - 2 * d1) <= 1e-15 * fabs(d1));
    double c2 = 0;
    cube2_vjp(x, &c2, 1.0);
    check_near("cube2: 2 x e^x against the closed form", c2, 2 * (1 + x) * exp(x), 1e-14);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
