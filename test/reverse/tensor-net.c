// A two-layer network written with runtime calls (matmul, tanh,
// log-softmax, cross-entropy) is differentiated by cgrad through the
// derivative rules the runtime declares in its header.  Intermediate
// tensors are outputs, so they get derivative buffers.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <cgrad.h>
#include "check.h"

void net_loss(const cg_tensor *X, const cg_tensor *W1, const cg_tensor *W2, cg_tensor *H, cg_tensor *A, cg_tensor *Z,
              cg_tensor *P, cg_tensor *L, const int64_t *labels) {
    cg_matmul(H, X, W1);
    cg_tanh(A, H);
    cg_matmul(Z, A, W2);
    cg_log_softmax(P, Z, 1);
    cg_cross_entropy(L, P, labels);
}
#pragma cgrad differentiate net_loss wrt(W1, W2) out(H, A, Z, P, L)

// The reverse sweep calls the runtime's adjoints in reverse order, with NULL
// for the input that has no derivative.
// CODE-LABEL: void net_loss_vjp(
// CODE:         cg_cross_entropy_vjp(L, L_b, P, P_b, labels);
// CODE-NEXT:    cg_log_softmax_vjp(P, P_b, Z, Z_b, 1);
// CODE-NEXT:    cg_matmul_vjp(Z, Z_b, A, A_b, W2, W2_b);
// CODE-NEXT:    cg_tanh_vjp(A, A_b, H, H_b);
// CODE-NEXT:    cg_matmul_vjp(H, H_b, X, (cg_tensor *)0, W1, W1_b);

void net_loss_vjp(const cg_tensor *X, const cg_tensor *W1, cg_tensor *W1_b, const cg_tensor *W2, cg_tensor *W2_b, cg_tensor *H,
                  cg_tensor *H_b, cg_tensor *A, cg_tensor *A_b, cg_tensor *Z, cg_tensor *Z_b, cg_tensor *P, cg_tensor *P_b,
                  cg_tensor *L, cg_tensor *L_b, const int64_t *labels);
void net_loss_jvp(const cg_tensor *X, const cg_tensor *W1, const cg_tensor *W1_d, const cg_tensor *W2, const cg_tensor *W2_d,
                  cg_tensor *H, cg_tensor *H_d, cg_tensor *A, cg_tensor *A_d, cg_tensor *Z, cg_tensor *Z_d, cg_tensor *P,
                  cg_tensor *P_d, cg_tensor *L, cg_tensor *L_d, const int64_t *labels);

enum { N = 8, D = 5, HID = 6, C = 3 };

static cg_tensor *make(int64_t r, int64_t c) {
    cg_tensor *t;
    int64_t shape[2] = {r, c};
    if (cg_tensor_new(&t, CG_DTYPE_F64, c ? 2 : 0, shape) != CG_OK) return NULL;
    return t;
}

static double *data(cg_tensor *t) { return (double *)t->data; }

static cg_tensor *X, *W1, *W2, *H, *A, *Z, *P, *L;
static int64_t labels[N];

static double loss_at(void) {
    net_loss(X, W1, W2, H, A, Z, P, L, labels);
    return data(L)[0];
}

int main(void) {
    unsigned seed = 5;
    X = make(N, D), W1 = make(D, HID), W2 = make(HID, C), H = make(N, HID), A = make(N, HID), Z = make(N, C), P = make(N, C), L = make(0, 0);
    cg_tensor *W1b = make(D, HID), *W2b = make(HID, C), *Hb = make(N, HID), *Ab = make(N, HID), *Zb = make(N, C), *Pb = make(N, C), *Lb = make(0, 0);
    cg_tensor *W1d = make(D, HID), *W2d = make(HID, C), *Hd = make(N, HID), *Ad = make(N, HID), *Zd = make(N, C), *Pd = make(N, C), *Ld = make(0, 0);
    for (int i = 0; i < N * D; i++) data(X)[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < D * HID; i++) data(W1)[i] = check_uniform(&seed, -1, 1), data(W1d)[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < HID * C; i++) data(W2)[i] = check_uniform(&seed, -1, 1), data(W2d)[i] = check_uniform(&seed, -1, 1);
    for (int i = 0; i < N; i++) labels[i] = i % C;

    data(Lb)[0] = 1.0;
    net_loss_vjp(X, W1, W1b, W2, W2b, H, Hb, A, Ab, Z, Zb, P, Pb, L, Lb, labels);
    double f = data(L)[0];
    check_near("value", f, loss_at(), 1e-15);

    /* gradient entries against central differences */
    double h = 1e-6, worst = 0;
    for (int i = 0; i < D * HID; i += 7) {
        double w = data(W1)[i];
        data(W1)[i] = w + h;
        double fp = loss_at();
        data(W1)[i] = w - h;
        double fm = loss_at();
        data(W1)[i] = w;
        double e = fabs(data(W1b)[i] - (fp - fm) / (2 * h));
        if (e > worst) worst = e;
    }
    check_true("dL/dW1 matches central differences", worst < 1e-8);
    check_true("the loss's adjoint ends at zero", data(Lb)[0] == 0.0);

    /* dot-product test: <J v, 1> = <v, J^T 1> */
    net_loss_jvp(X, W1, W1d, W2, W2d, H, Hd, A, Ad, Z, Zd, P, Pd, L, Ld, labels);
    double vjtw = 0;
    for (int i = 0; i < D * HID; i++) vjtw += data(W1d)[i] * data(W1b)[i];
    for (int i = 0; i < HID * C; i++) vjtw += data(W2d)[i] * data(W2b)[i];
    check_near("dot-product test", data(Ld)[0], vjtw, 1e-10);
    cg_tensor *all[] = {X, W1, W2, H, A, Z, P, L, W1b, W2b, Hb, Ab, Zb, Pb, Lb, W1d, W2d, Hd, Ad, Zd, Pd, Ld};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) cg_tensor_free(all[i]);
    cg_tape_release();
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
