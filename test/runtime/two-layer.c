// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// The rules compose: a two-layer network loss (matmul, bias add, tanh,
// matmul, log-softmax, cross-entropy) differentiated by chaining _vjp calls
// in reverse order, as generated adjoint code does, and by chaining _jvp
// calls forward; checked against central finite differences, with the
// dot-product test between the two modes.
#include <cgrad.h>
#include <math.h>
#include <stdio.h>

enum { N = 8, D = 5, H = 6, C = 4 };
static const int64_t labels[N] = {0, 3, 1, 2, 3, 0, 1, 2};

typedef struct net {
    cg_tensor *x, *W1, *b1, *W2, *z, *a, *h, *s, *logp, *loss;
} net;

static double forward(net *n) {
    cg_matmul(n->z, n->x, n->W1);
    cg_add(n->a, n->z, n->b1);
    cg_tanh(n->h, n->a);
    cg_matmul(n->s, n->h, n->W2);
    cg_log_softmax(n->logp, n->s, 1);
    cg_cross_entropy(n->loss, n->logp, labels);
    return cg_tensor_get(n->loss, NULL);
}

static cg_tensor *mk(int nd, const int64_t *shape) {
    cg_tensor *t;
    cg_tensor_new(&t, CG_DTYPE_F64, nd, shape);
    return t;
}
static cg_tensor *like(const cg_tensor *t) {
    cg_tensor *r;
    cg_tensor_new_like(&r, t);
    return r;
}
static double at(const cg_tensor *t, int64_t i) { return ((double *)t->data)[i]; }

int main(void) {
    net n = {mk(2, (int64_t[]){N, D}), mk(2, (int64_t[]){D, H}), mk(1, (int64_t[]){H}), mk(2, (int64_t[]){H, C}),
             mk(2, (int64_t[]){N, H}), mk(2, (int64_t[]){N, H}), mk(2, (int64_t[]){N, H}), mk(2, (int64_t[]){N, C}),
             mk(2, (int64_t[]){N, C}), mk(0, NULL)};
    cg_tensor *params[3] = {n.W1, n.b1, n.W2};
    for (int64_t i = 0; i < N * D; i++) ((double *)n.x->data)[i] = sin(1.3 * i);
    for (int p = 0; p < 3; p++)
        for (int64_t i = 0; i < cg_tensor_numel(params[p]); i++) ((double *)params[p]->data)[i] = 0.5 * cos(0.7 * i + p);

    /* reverse: seed the loss, then each op's _vjp in reverse order */
    cg_tensor *W1_b = like(n.W1), *b1_b = like(n.b1), *W2_b = like(n.W2), *z_b = like(n.z), *a_b = like(n.a),
              *h_b = like(n.h), *s_b = like(n.s), *logp_b = like(n.logp), *loss_b = like(n.loss);
    double L = forward(&n);
    cg_tensor_fill(loss_b, 1.0);
    cg_cross_entropy_vjp(n.loss, loss_b, n.logp, logp_b, labels);
    cg_log_softmax_vjp(n.logp, logp_b, n.s, s_b, 1);
    cg_matmul_vjp(n.s, s_b, n.h, h_b, n.W2, W2_b);
    cg_tanh_vjp(n.h, h_b, n.a, a_b);
    cg_add_vjp(n.a, a_b, n.z, z_b, n.b1, b1_b);
    cg_matmul_vjp(n.z, z_b, n.x, NULL, n.W1, W1_b);
    cg_tensor *grads[3] = {W1_b, b1_b, W2_b};

    /* finite differences, one parameter element at a time */
    double worst = 0, h = 1e-6;
    for (int p = 0; p < 3; p++)
        for (int64_t i = 0; i < cg_tensor_numel(params[p]); i++) {
            double *v = &((double *)params[p]->data)[i], keep = *v;
            *v = keep + h;
            double lp = forward(&n);
            *v = keep - h;
            double lm = forward(&n);
            *v = keep;
            double fd = (lp - lm) / (2 * h);
            worst = fmax(worst, fabs(fd - at(grads[p], i)) / fmax(1e-3, fabs(fd)));
        }
    // CHECK: two-layer gradient vs finite differences ok
    printf("two-layer gradient vs finite differences %s (%.2g), loss %.6f\n", worst < 1e-6 ? "ok" : "FAIL", worst, L);

    /* forward mode along a direction v of all three parameters */
    cg_tensor *W1_d = like(n.W1), *b1_d = like(n.b1), *W2_d = like(n.W2), *z_d = like(n.z), *a_d = like(n.a),
              *h_d = like(n.h), *s_d = like(n.s), *logp_d = like(n.logp), *loss_d = like(n.loss);
    cg_tensor *dirs[3] = {W1_d, b1_d, W2_d};
    for (int p = 0; p < 3; p++)
        for (int64_t i = 0; i < cg_tensor_numel(dirs[p]); i++) ((double *)dirs[p]->data)[i] = sin(0.3 * i + 2 * p);
    cg_matmul_jvp(n.z, z_d, n.x, NULL, n.W1, W1_d);
    cg_add_jvp(n.a, a_d, n.z, z_d, n.b1, b1_d);
    cg_tanh_jvp(n.h, h_d, n.a, a_d);
    cg_matmul_jvp(n.s, s_d, n.h, h_d, n.W2, W2_d);
    cg_log_softmax_jvp(n.logp, logp_d, n.s, s_d, 1);
    cg_cross_entropy_jvp(n.loss, loss_d, n.logp, logp_d, labels);
    double jv = cg_tensor_get(loss_d, NULL), gv = 0, mag = 0;
    for (int p = 0; p < 3; p++)
        for (int64_t i = 0; i < cg_tensor_numel(dirs[p]); i++) {
            gv += at(grads[p], i) * at(dirs[p], i);
            mag += fabs(at(grads[p], i) * at(dirs[p], i));
        }
    // CHECK: two-layer <J v, 1> = <v, J^T 1> ok
    printf("two-layer <J v, 1> = <v, J^T 1> %s (%.2g)\n", fabs(jv - gv) <= 1e-10 * mag ? "ok" : "FAIL",
           fabs(jv - gv) / mag);

    cg_tensor *all[] = {n.x, n.W1, n.b1, n.W2, n.z, n.a, n.h, n.s, n.logp, n.loss, W1_b, b1_b, W2_b, z_b, a_b,
                        h_b, s_b, logp_b, loss_b, W1_d, b1_d, W2_d, z_d, a_d, h_d, s_d, logp_d, loss_d};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) cg_tensor_free(all[i]);
    return 0;
}
