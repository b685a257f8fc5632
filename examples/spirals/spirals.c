/*
 * A neural network on the tensor runtime: two spirals, tanh MLP, Adam
 *
 *     X (B, 2) -> tanh(X W1 + b1) -> tanh(. W2 + b2) -> . W3 + b3 -> log_softmax
 *              -> mean negative log-likelihood of the labels
 *
 * The loss is an ordinary C function over cg_tensor* parameters that calls
 * runtime operations (cg_matmul, cg_add, cg_tanh, cg_log_softmax,
 * cg_cross_entropy).  Each of those declares its own derivatives with
 * `#pragma cgrad derivative` in <cgrad.h>, so cgrad can write spiral_loss_vjp,
 * which runs the forward pass and then the operations' _vjp rules in reverse
 * order.  Every intermediate tensor is a parameter listed in out(...): its
 * adjoint needs a buffer, and the caller provides it.
 *
 * The data are two interleaved spirals (one turn and three quarters each,
 * with a little noise), 512 points to train on and 512 others to test on.
 * Training is mini-batch Adam (cg_adam_step on each parameter tensor), one
 * progress line per epoch.  The bar: 97% test accuracy.
 */
#include <cgrad.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { H = 32, CLASSES = 2, N_TRAIN = 512, N_TEST = 512, BATCH = 32, EPOCHS = 100 };
static const double BAR = 0.97;

void spiral_loss(const cg_tensor *W1, const cg_tensor *b1, const cg_tensor *W2, const cg_tensor *b2,
                 const cg_tensor *W3, const cg_tensor *b3, const cg_tensor *X, const int64_t *labels,
                 cg_tensor *z1, cg_tensor *a1, cg_tensor *h1, cg_tensor *z2, cg_tensor *a2, cg_tensor *h2,
                 cg_tensor *z3, cg_tensor *s, cg_tensor *logp, cg_tensor *loss) {
    cg_matmul(z1, X, W1);        /* (B, H) */
    cg_add(a1, z1, b1);          /* the bias (H) broadcasts over the rows */
    cg_tanh(h1, a1);
    cg_matmul(z2, h1, W2);
    cg_add(a2, z2, b2);
    cg_tanh(h2, a2);
    cg_matmul(z3, h2, W3);       /* (B, 2): the logits before the bias */
    cg_add(s, z3, b3);
    cg_log_softmax(logp, s, 1);
    cg_cross_entropy(loss, logp, labels);   /* one element */
}
#pragma cgrad differentiate spiral_loss mode(adjoint) wrt(W1, b1, W2, b2, W3, b3) \
    out(z1, a1, h1, z2, a2, h2, z3, s, logp, loss)

/* Written by cgrad: each parameter P is followed by its adjoint P_b; X and
 * labels are not differentiated.  The parameters' adjoints accumulate the
 * gradient (times loss_b, the seed); the intermediates' adjoints end at 0. */
void spiral_loss_vjp(const cg_tensor *W1, cg_tensor *W1_b, const cg_tensor *b1, cg_tensor *b1_b, const cg_tensor *W2,
                     cg_tensor *W2_b, const cg_tensor *b2, cg_tensor *b2_b, const cg_tensor *W3, cg_tensor *W3_b,
                     const cg_tensor *b3, cg_tensor *b3_b, const cg_tensor *X, const int64_t *labels, cg_tensor *z1,
                     cg_tensor *z1_b, cg_tensor *a1, cg_tensor *a1_b, cg_tensor *h1, cg_tensor *h1_b, cg_tensor *z2,
                     cg_tensor *z2_b, cg_tensor *a2, cg_tensor *a2_b, cg_tensor *h2, cg_tensor *h2_b, cg_tensor *z3,
                     cg_tensor *z3_b, cg_tensor *s, cg_tensor *s_b, cg_tensor *logp, cg_tensor *logp_b,
                     cg_tensor *loss, cg_tensor *loss_b);

/* ---- helpers ---- */
static void check(cg_status st) {
    if (st != CG_OK) {
        fprintf(stderr, "spirals: %s\n", cg_last_error());
        exit(1);
    }
}
static cg_tensor *tensor(int64_t rows, int64_t cols) {
    cg_tensor *t;
    int64_t shape[2] = {rows, cols};
    check(cg_tensor_new(&t, CG_DTYPE_F64, cols ? 2 : (rows ? 1 : 0), shape[0] ? shape : NULL));
    return t;
}
static cg_tensor *like(const cg_tensor *t) {
    cg_tensor *r;
    check(cg_tensor_new_like(&r, t));
    return r;
}
static double *data(cg_tensor *t) { return (double *)t->data; }

static uint64_t rng_state = 0x243F6A8885A308D3u;
static double uniform(void) {
    rng_state ^= rng_state >> 12, rng_state ^= rng_state << 25, rng_state ^= rng_state >> 27;
    return ((rng_state * 0x2545F4914F6CDD1Du) >> 11) * 0x1.0p-53;
}
static double normal(void) { return sqrt(-2 * log(uniform() + 1e-300)) * cos(6.283185307179586 * uniform()); }

/* n points, half of each class: radius 4t, angle 3.5 pi t (+ pi for class 1).
 * The factor 4 puts the inputs on the scale of the first layer's weights;
 * with radius t alone, tanh units need many more steps to resolve the turns. */
static void two_spirals(double *X, int64_t *y, int n) {
    for (int i = 0; i < n; i++) {
        double t = 0.05 + 0.95 * uniform(), angle = 3.5 * 3.141592653589793 * t + (i % 2) * 3.141592653589793;
        X[2 * i] = 4 * (t * cos(angle) + 0.02 * normal());
        X[2 * i + 1] = 4 * (t * sin(angle) + 0.02 * normal());
        y[i] = i % 2;
    }
}

/* One batch's tensors: input, labels and the intermediates (with adjoints). */
typedef struct Batch {
    int64_t n, *labels;
    cg_tensor *X, *t[10], *tb[10];   /* z1 a1 h1 z2 a2 h2 z3 s logp loss */
} Batch;
static Batch batch_new(int64_t n) {
    Batch b = {n, calloc((size_t)n, sizeof(int64_t)), tensor(n, 2), {0}, {0}};
    for (int k = 0; k < 6; k++) b.t[k] = tensor(n, H);
    b.t[6] = tensor(n, CLASSES), b.t[7] = tensor(n, CLASSES), b.t[8] = tensor(n, CLASSES), b.t[9] = tensor(0, 0);
    for (int k = 0; k < 10; k++) b.tb[k] = like(b.t[k]);
    return b;
}
static void batch_free(Batch *b) {
    free(b->labels);
    cg_tensor_free(b->X);
    for (int k = 0; k < 10; k++) cg_tensor_free(b->t[k]), cg_tensor_free(b->tb[k]);
}

static cg_tensor *W[6];   /* W1 b1 W2 b2 W3 b3 */

static double forward(Batch *b) {
    spiral_loss(W[0], W[1], W[2], W[3], W[4], W[5], b->X, b->labels, b->t[0], b->t[1], b->t[2], b->t[3], b->t[4],
                b->t[5], b->t[6], b->t[7], b->t[8], b->t[9]);
    return data(b->t[9])[0];
}
static double accuracy(Batch *b) {
    forward(b);
    const double *lp = data(b->t[8]);
    int right = 0;
    for (int64_t i = 0; i < b->n; i++) right += (lp[2 * i + 1] > lp[2 * i]) == (b->labels[i] == 1);
    return (double)right / b->n;
}
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int main(void) {
    static double Xtr[2 * N_TRAIN];
    static int64_t ytr[N_TRAIN];
    Batch train = batch_new(N_TRAIN), test = batch_new(N_TEST), mb = batch_new(BATCH);
    two_spirals(data(train.X), train.labels, N_TRAIN);
    two_spirals(data(test.X), test.labels, N_TEST);
    memcpy(Xtr, data(train.X), sizeof Xtr);
    memcpy(ytr, train.labels, sizeof ytr);

    /* Parameters: Glorot-style normal weights, zero biases. */
    const int64_t rows[6] = {2, H, H, H, H, CLASSES}, cols[6] = {H, 0, H, 0, CLASSES, 0};
    cg_tensor *G[6];
    cg_adam_state st[6];
    cg_adam_config cfg = cg_adam_defaults();
    cfg.lr = 0.01;
    for (int k = 0; k < 6; k++) {
        W[k] = tensor(rows[k], cols[k]);
        G[k] = like(W[k]);
        if (cols[k])
            for (int64_t i = 0; i < rows[k] * cols[k]; i++) data(W[k])[i] = normal() * sqrt(2.0 / (rows[k] + cols[k]));
        check(cg_adam_state_init(&st[k], cg_tensor_numel(W[k])));
    }

    printf("two spirals: %d train, %d test points; MLP 2-%d-%d-2 (tanh), Adam lr %g, batch %d\n\n", N_TRAIN, N_TEST,
           H, H, cfg.lr, BATCH);
    int order[N_TRAIN];
    for (int i = 0; i < N_TRAIN; i++) order[i] = i;
    double t0 = now(), acc_test = 0;
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
        for (int i = N_TRAIN - 1; i > 0; i--) {   /* shuffle (Fisher-Yates) */
            int j = (int)(uniform() * (i + 1)), tmp = order[i];
            order[i] = order[j], order[j] = tmp;
        }
        double sum = 0;
        for (int start = 0; start < N_TRAIN; start += BATCH) {
            for (int r = 0; r < BATCH; r++) {
                int i = order[start + r];
                data(mb.X)[2 * r] = Xtr[2 * i], data(mb.X)[2 * r + 1] = Xtr[2 * i + 1];
                mb.labels[r] = ytr[i];
            }
            for (int k = 0; k < 6; k++) cg_tensor_zero(G[k]);   /* adjoints accumulate */
            cg_tensor_fill(mb.tb[9], 1.0);                       /* seed: d loss / d loss */
            spiral_loss_vjp(W[0], G[0], W[1], G[1], W[2], G[2], W[3], G[3], W[4], G[4], W[5], G[5], mb.X, mb.labels,
                            mb.t[0], mb.tb[0], mb.t[1], mb.tb[1], mb.t[2], mb.tb[2], mb.t[3], mb.tb[3], mb.t[4],
                            mb.tb[4], mb.t[5], mb.tb[5], mb.t[6], mb.tb[6], mb.t[7], mb.tb[7], mb.t[8], mb.tb[8],
                            mb.t[9], mb.tb[9]);
            sum += data(mb.t[9])[0];
            for (int k = 0; k < 6; k++) check(cg_adam_step(&st[k], &cfg, W[k], G[k]));
        }
        double acc_train = accuracy(&train);
        acc_test = accuracy(&test);
        printf("epoch %2d  loss %.4f  train %5.1f%%  test %5.1f%%  %6.1f ms\n", epoch, sum / (N_TRAIN / BATCH),
               100 * acc_train, 100 * acc_test, 1e3 * (now() - t0));
    }

    int ok = acc_test >= BAR;
    printf("\n%s: test accuracy %.1f%% %s the %.0f%% bar\n", ok ? "ok" : "FAILED", 100 * acc_test,
           ok ? "reaches" : "misses", 100 * BAR);
    for (int k = 0; k < 6; k++) cg_tensor_free(W[k]), cg_tensor_free(G[k]), cg_adam_state_free(&st[k]);
    batch_free(&train), batch_free(&test), batch_free(&mb);
    return !ok;
}
