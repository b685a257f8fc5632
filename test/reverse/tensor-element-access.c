// cg_tensor_get and cg_tensor_set carry derivatives: a function may return
// one element of a tensor as its loss, read single elements, and store a
// value computed from plain doubles into a tensor.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <cgrad.h>
#include "check.h"

enum { N = 4 };

double f(const cg_tensor *x, const double *a, cg_tensor *y, cg_tensor *s, cg_tensor *e) {
    const int64_t one[1] = {1};
    cg_tensor_set(e, NULL, a[0] * sin(a[1]));
    cg_tanh(y, x);
    cg_sum(s, y, 0, NULL);
    return cg_tensor_get(s, NULL) * cg_tensor_get(y, one) + cg_tensor_get(e, NULL) * cg_tensor_get(x, one);
}
#pragma cgrad differentiate f mode(both) wrt(x, a)

// CODE-LABEL: double f_vjp(
// CODE:         cg_tensor_get_vjp(x, x_b, one, {{.*}});
// CODE:         cg_tensor_get_vjp(e, e_b, (void *)0, {{.*}});
// CODE:         cg_tensor_get_vjp(y, y_b, one, {{.*}});
// CODE:         cg_tensor_get_vjp(s, s_b, (void *)0, {{.*}});
// CODE:         cg_sum_vjp(s, s_b, y, y_b, 0, (void *)0);
// CODE:         cg_tanh_vjp(y, y_b, x, x_b);
// CODE:         cg_tensor_set_vjp(e, e_b, (void *)0, {{.*}}, &{{.*}});

double f_jvp(const cg_tensor *x, const cg_tensor *x_d, const double *a, const double *a_d, cg_tensor *y, cg_tensor *y_d,
             cg_tensor *s, cg_tensor *s_d, cg_tensor *e, cg_tensor *e_d, double *ret_d);
double f_vjp(const cg_tensor *x, cg_tensor *x_b, const double *a, double *a_b, cg_tensor *y, cg_tensor *y_b, cg_tensor *s,
             cg_tensor *s_b, cg_tensor *e, cg_tensor *e_b, double ret_b);

static cg_tensor *make(int ndim) {
    cg_tensor *t;
    int64_t shape[1] = {N};
    cg_tensor_new(&t, CG_DTYPE_F64, ndim, shape);
    return t;
}

static double *data(cg_tensor *t) { return (double *)t->data; }

static cg_tensor *x, *y, *s, *e;

/* f at z = (x's N values, a[0], a[1]) */
static double at_point(const double *z) {
    for (int i = 0; i < N; i++) data(x)[i] = z[i];
    return f(x, z + N, y, s, e);
}

int main(void) {
    x = make(1), y = make(1), s = make(0), e = make(0);
    cg_tensor *xd = make(1), *yd = make(1), *sd = make(0), *ed = make(0);
    cg_tensor *xb = make(1), *yb = make(1), *sb = make(0), *eb = make(0);
    unsigned seed = 3;
    double z[N + 2], dir[N + 2], ab[2] = {0};
    for (int i = 0; i < N + 2; i++) z[i] = check_uniform(&seed, -1, 1), dir[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < N; i++) data(x)[i] = z[i], data(xd)[i] = dir[i];

    double jv;
    double y0 = f_jvp(x, xd, z + N, dir + N, y, yd, s, sd, e, ed, &jv);
    check_near("jvp value", y0, at_point(z), 1e-15);
    check_near("jvp against central differences", jv, fd_dir(at_point, z, dir, N + 2, 1e-6), 1e-8);

    for (int i = 0; i < N; i++) data(x)[i] = z[i];
    double y1 = f_vjp(x, xb, z + N, ab, y, yb, s, sb, e, eb, 1.0);
    check_near("vjp value", y1, y0, 1e-15);
    double grad[N + 2], worst = 0, dot = 0;
    for (int i = 0; i < N + 2; i++) {
        grad[i] = i < N ? data(xb)[i] : ab[i - N];
        double unit[N + 2] = {0};
        unit[i] = 1;
        worst = fmax(worst, fabs(grad[i] - fd_dir(at_point, z, unit, N + 2, 1e-6)));
        dot += grad[i] * dir[i];
    }
    check_true("vjp against central differences", worst < 1e-8);
    check_near("<J v, 1> = <v, J^T 1>", dot, jv, 1e-12);
    double left = fabs(data(sb)[0]) + fabs(data(eb)[0]);   /* the intermediates' adjoints end at zero */
    for (int i = 0; i < N; i++) left += fabs(data(yb)[i]);
    check_true("intermediate adjoints end at zero", left == 0);
    cg_tensor *all[] = {x, y, s, e, xd, yd, sd, ed, xb, yb, sb, eb};
    for (int i = 0; i < 12; i++) cg_tensor_free(all[i]);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
