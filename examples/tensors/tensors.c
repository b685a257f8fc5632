/*
 * A tour of the tensor runtime's products and their derivatives
 *
 *   1. batched matmul:  C = A B for A (4,3,5) and a shared B (5,2), which
 *      broadcasts over the batch as NumPy's matmul does;  loss = <C, W>
 *   2. generalized dot product:  loss = <sin X, Y> = sum_ijk sin(X_ijk) Y_ijk
 *      over tensors of shape (2,3,4)
 *   3. einsum:  attention weights  S = einsum("bqd,bkd->bqk", Q, K),
 *      P = softmax(S) over k,  loss = einsum("bqk,bqk->", P, T)
 *
 * Each loss is a C function over cg_tensor* that calls runtime operations;
 * cgrad writes its _jvp (forward mode) and _vjp (reverse mode) from the
 * pragma, chaining the operations' own rules.  The intermediates (C, S, P...)
 * are parameters in out(...), so their tangents and adjoints have buffers.
 *
 * Every gradient entry from _vjp is checked against a central finite
 * difference (f(x + h e_i) - f(x - h e_i)) / 2h, and a _jvp in a random
 * direction against the finite difference along that direction and against
 * the gradient (<grad, v> = J v: the dot-product test).
 */
#include <cgrad.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- 1. batched matmul ---- */
void bmm_loss(const cg_tensor *A, const cg_tensor *B, const cg_tensor *W, cg_tensor *C, cg_tensor *loss) {
    cg_matmul_batched(C, A, B);   /* (4,3,5) . (5,2) -> (4,3,2) */
    cg_gdot(loss, C, W);
}
#pragma cgrad differentiate bmm_loss wrt(A, B) out(C, loss)

/* ---- 2. generalized dot product ---- */
void gdot_loss(const cg_tensor *X, const cg_tensor *Y, cg_tensor *S, cg_tensor *loss) {
    cg_sin(S, X);
    cg_gdot(loss, S, Y);
}
#pragma cgrad differentiate gdot_loss wrt(X, Y) out(S, loss)

/* ---- 3. einsum ---- */
void attention_loss(const cg_tensor *Q, const cg_tensor *K, const cg_tensor *T, cg_tensor *S, cg_tensor *P,
                    cg_tensor *loss) {
    cg_einsum(S, "bqd,bkd->bqk", Q, K);   /* scores: every query against every key */
    cg_softmax(P, S, 2);                  /* weights over the keys */
    cg_einsum(loss, "bqk,bqk->", P, T);   /* a full contraction to one number */
}
#pragma cgrad differentiate attention_loss wrt(Q, K) out(S, P, loss)

/* Written by cgrad (mode both, the default): */
void bmm_loss_jvp(const cg_tensor *A, const cg_tensor *A_d, const cg_tensor *B, const cg_tensor *B_d,
                  const cg_tensor *W, cg_tensor *C, cg_tensor *C_d, cg_tensor *loss, cg_tensor *loss_d);
void bmm_loss_vjp(const cg_tensor *A, cg_tensor *A_b, const cg_tensor *B, cg_tensor *B_b, const cg_tensor *W,
                  cg_tensor *C, cg_tensor *C_b, cg_tensor *loss, cg_tensor *loss_b);
void gdot_loss_jvp(const cg_tensor *X, const cg_tensor *X_d, const cg_tensor *Y, const cg_tensor *Y_d, cg_tensor *S,
                   cg_tensor *S_d, cg_tensor *loss, cg_tensor *loss_d);
void gdot_loss_vjp(const cg_tensor *X, cg_tensor *X_b, const cg_tensor *Y, cg_tensor *Y_b, cg_tensor *S,
                   cg_tensor *S_b, cg_tensor *loss, cg_tensor *loss_b);
void attention_loss_jvp(const cg_tensor *Q, const cg_tensor *Q_d, const cg_tensor *K, const cg_tensor *K_d,
                        const cg_tensor *T, cg_tensor *S, cg_tensor *S_d, cg_tensor *P, cg_tensor *P_d,
                        cg_tensor *loss, cg_tensor *loss_d);
void attention_loss_vjp(const cg_tensor *Q, cg_tensor *Q_b, const cg_tensor *K, cg_tensor *K_b, const cg_tensor *T,
                        cg_tensor *S, cg_tensor *S_b, cg_tensor *P, cg_tensor *P_b, cg_tensor *loss,
                        cg_tensor *loss_b);

/* ---- helpers ---- */
static cg_tensor *tensor(int ndim, const int64_t *shape) {
    cg_tensor *t;
    if (cg_tensor_new(&t, CG_DTYPE_F64, ndim, shape) != CG_OK) {
        fprintf(stderr, "tensors: %s\n", cg_last_error());
        exit(1);
    }
    return t;
}
static cg_tensor *like(const cg_tensor *t) { return tensor(t->ndim, t->shape); }
static double *data(cg_tensor *t) { return (double *)t->data; }
static void fill(cg_tensor *t, double seed) {
    for (int64_t i = 0; i < cg_tensor_numel(t); i++) data(t)[i] = sin(seed * (i + 1) + 0.3 * i * i);
}

/* A case: two differentiated inputs, the loss as a function of the current
 * inputs, and the two modes.  in[0], in[1] are the inputs; grad[k] their
 * gradients from _vjp; dir[k] a direction for _jvp. */
typedef struct Case {
    const char *name;
    cg_tensor *in[2], *grad[2], *dir[2];
    double (*loss)(void);
    void (*vjp)(void);         /* grad[k] += d loss / d in[k] */
    double (*jvp)(void);       /* returns d loss along dir */
} Case;

static const double H = 1e-5, BAR = 1e-8;

static int run(Case *c) {
    for (int k = 0; k < 2; k++) cg_tensor_zero(c->grad[k]);
    double L = c->loss();
    c->vjp();
    double worst = 0, scale = 0;
    for (int k = 0; k < 2; k++) {
        double *x = data(c->in[k]);
        for (int64_t i = 0; i < cg_tensor_numel(c->in[k]); i++) {
            double old = x[i];
            x[i] = old + H;
            double fp = c->loss();
            x[i] = old - H;
            double fm = c->loss();
            x[i] = old;
            double fd = (fp - fm) / (2 * H), g = data(c->grad[k])[i];
            worst = fmax(worst, fabs(g - fd));
            scale = fmax(scale, fabs(g));
        }
    }
    /* forward mode along dir, against the finite difference along dir and <grad, dir> */
    double jv = c->jvp(), gv = 0;
    for (int k = 0; k < 2; k++)
        for (int64_t i = 0; i < cg_tensor_numel(c->in[k]); i++) gv += data(c->grad[k])[i] * data(c->dir[k])[i];
    for (int k = 0; k < 2; k++)
        for (int64_t i = 0; i < cg_tensor_numel(c->in[k]); i++) data(c->in[k])[i] += H * data(c->dir[k])[i];
    double fp = c->loss();
    for (int k = 0; k < 2; k++)
        for (int64_t i = 0; i < cg_tensor_numel(c->in[k]); i++) data(c->in[k])[i] -= 2 * H * data(c->dir[k])[i];
    double fm = c->loss();
    for (int k = 0; k < 2; k++)
        for (int64_t i = 0; i < cg_tensor_numel(c->in[k]); i++) data(c->in[k])[i] += H * data(c->dir[k])[i];
    double fdv = (fp - fm) / (2 * H);
    double rel_grad = worst / scale, rel_jvp = fabs(jv - fdv) / fabs(fdv), rel_dot = fabs(jv - gv) / fabs(jv);
    printf("%s\n", c->name);
    printf("  loss %.12f\n", L);
    printf("  gradient (_vjp) vs finite differences: max error %.2e (relative %.2e) over %lld entries\n", worst,
           rel_grad, (long long)(cg_tensor_numel(c->in[0]) + cg_tensor_numel(c->in[1])));
    printf("  J v (_jvp) = %.10f, finite difference %.10f: relative error %.2e\n", jv, fdv, rel_jvp);
    printf("  <grad, v> = %.10f: relative difference from J v %.2e\n\n", gv, rel_dot);
    return rel_grad > BAR || rel_jvp > BAR || rel_dot > 1e-12;
}

/* ---- the three cases' data and wrappers ---- */
static cg_tensor *A, *B, *W, *C, *Cx, *L1, *Lx1;                  /* batched matmul */
static cg_tensor *X, *Y, *S2, *Sx2, *L2, *Lx2;                    /* gdot */
static cg_tensor *Q, *K, *T, *S3, *Sx3, *P3, *Px3, *L3, *Lx3;     /* einsum */
static Case cases[3];

static double bmm_f(void) { bmm_loss(A, B, W, C, L1); return data(L1)[0]; }
static void bmm_b(void) {
    cg_tensor_fill(Lx1, 1.0);   /* the seed; C's adjoint Cx starts (and ends) at zero */
    bmm_loss_vjp(A, cases[0].grad[0], B, cases[0].grad[1], W, C, Cx, L1, Lx1);
}
static double bmm_d(void) {
    bmm_loss_jvp(A, cases[0].dir[0], B, cases[0].dir[1], W, C, Cx, L1, Lx1);
    return data(Lx1)[0];
}
static double gdot_f(void) { gdot_loss(X, Y, S2, L2); return data(L2)[0]; }
static void gdot_b(void) {
    cg_tensor_fill(Lx2, 1.0);
    gdot_loss_vjp(X, cases[1].grad[0], Y, cases[1].grad[1], S2, Sx2, L2, Lx2);
}
static double gdot_d(void) {
    gdot_loss_jvp(X, cases[1].dir[0], Y, cases[1].dir[1], S2, Sx2, L2, Lx2);
    return data(Lx2)[0];
}
static double att_f(void) { attention_loss(Q, K, T, S3, P3, L3); return data(L3)[0]; }
static void att_b(void) {
    cg_tensor_fill(Lx3, 1.0);
    attention_loss_vjp(Q, cases[2].grad[0], K, cases[2].grad[1], T, S3, Sx3, P3, Px3, L3, Lx3);
}
static double att_d(void) {
    attention_loss_jvp(Q, cases[2].dir[0], K, cases[2].dir[1], T, S3, Sx3, P3, Px3, L3, Lx3);
    return data(Lx3)[0];
}

static Case make_case(const char *name, cg_tensor *a, cg_tensor *b, double (*f)(void), void (*vjp)(void),
                      double (*jvp)(void)) {
    Case c = {name, {a, b}, {like(a), like(b)}, {like(a), like(b)}, f, vjp, jvp};
    fill(c.dir[0], 0.37), fill(c.dir[1], 0.59);
    return c;
}

int main(void) {
    A = tensor(3, (int64_t[]){4, 3, 5}), B = tensor(2, (int64_t[]){5, 2}), W = tensor(3, (int64_t[]){4, 3, 2});
    C = like(W), Cx = like(W), L1 = tensor(0, NULL), Lx1 = tensor(0, NULL);
    fill(A, 0.11), fill(B, 0.23), fill(W, 0.31);

    X = tensor(3, (int64_t[]){2, 3, 4}), Y = like(X), S2 = like(X), Sx2 = like(X), L2 = tensor(0, NULL),
    Lx2 = tensor(0, NULL);
    fill(X, 0.17), fill(Y, 0.41);

    Q = tensor(3, (int64_t[]){2, 3, 4}), K = tensor(3, (int64_t[]){2, 5, 4}), T = tensor(3, (int64_t[]){2, 3, 5});
    S3 = like(T), Sx3 = like(T), P3 = like(T), Px3 = like(T), L3 = tensor(0, NULL), Lx3 = tensor(0, NULL);
    fill(Q, 0.13), fill(K, 0.29), fill(T, 0.47);

    cases[0] = make_case("1. batched matmul: C = A (4,3,5) . B (5,2) broadcast over the batch; loss = <C, W>", A, B,
                         bmm_f, bmm_b, bmm_d);
    cases[1] = make_case("2. generalized dot product: loss = <sin X, Y>, X and Y of shape (2,3,4)", X, Y, gdot_f,
                         gdot_b, gdot_d);
    cases[2] = make_case("3. einsum: S = einsum(\"bqd,bkd->bqk\", Q, K), P = softmax(S, 2), "
                         "loss = einsum(\"bqk,bqk->\", P, T)", Q, K, att_f, att_b, att_d);

    int bad = 0;
    for (int k = 0; k < 3; k++) bad |= run(&cases[k]);

    /* The broadcast operand's gradient is summed over the batch: for
     * loss = <A B, W>, dB = sum_b A_b^T W_b.  Check entry (0,0) by hand. */
    double hand = 0;
    for (int b = 0; b < 4; b++)
        for (int i = 0; i < 3; i++) hand += data(A)[b * 15 + i * 5 + 0] * data(W)[b * 6 + i * 2 + 0];
    printf("broadcast B: dloss/dB[0][0] = %.12f, by hand sum_b (A_b^T W_b)[0][0] = %.12f\n", data(cases[0].grad[1])[0],
           hand);
    bad |= fabs(data(cases[0].grad[1])[0] - hand) > 1e-12;

    printf("\n%s: every gradient and directional derivative %s finite differences (relative error < %g)\n",
           bad ? "FAILED" : "ok", bad ? "does not match" : "matches", BAR);
    return bad;
}
