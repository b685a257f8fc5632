/*
 * Optimizer steps (SGD, momentum, Nesterov, Adam, AdamW) and their state.
 *
 * The update rules are written out once each in update_one, in the form
 * cgrad/optim.h documents with citations; everything else adapts arrays and
 * tensors of either dtype to them.  Each element's update is independent, so
 * large arrays are split over OpenMP threads with the same bits as a serial
 * run.  State is always double, so an f32 model keeps exact moments.
 *
 * Saved state is a small header (magic, kind, version, n, step) followed by
 * the state's doubles in native byte order: a checkpoint for the same build,
 * not an interchange format.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { SGD, MOMENTUM, NESTEROV, ADAM, ADAMW };
static const char *const step_names[] = {"sgd_step", "momentum_step", "nesterov_step", "adam_step", "adamw_step"};

typedef struct params {
    double lr, lambda, wd, beta1, beta2, eps;
    double c1, c2;   /* Adam's bias corrections 1 - beta^t */
} params;

static inline double update_one(int kind, double x, double g, double *s1, double *s2, const params *p) {
    switch (kind) {
    case SGD:
        return x - p->lr * (g + p->wd * x);
    case MOMENTUM:
        *s1 = -p->lr * g + p->lambda * *s1;
        return x + *s1;
    case NESTEROV:
        *s1 = p->lambda * *s1 - p->lr * g;
        return x + p->lambda * *s1 - p->lr * g;
    case ADAM:
    case ADAMW:
        if (kind == ADAM) g += p->wd * x;
        else x -= p->lr * p->wd * x;
        *s1 = p->beta1 * *s1 + (1 - p->beta1) * g;
        *s2 = p->beta2 * *s2 + (1 - p->beta2) * g * g;
        return x - p->lr * (*s1 / p->c1) / (sqrt(*s2 / p->c2) + p->eps);
    }
    return x;
}

static void update(int kind, int f32, void *x, const void *g, int64_t n, double *s1, double *s2, const params *p) {
    static double dummy;
    #pragma omp parallel for schedule(static) if (n >= CG_PAR_MIN)
    for (int64_t i = 0; i < n; i++) {
        double *a = s1 ? &s1[i] : &dummy, *b = s2 ? &s2[i] : &dummy;
        if (f32) ((float *)x)[i] = (float)update_one(kind, ((float *)x)[i], ((const float *)g)[i], a, b, p);
        else ((double *)x)[i] = update_one(kind, ((double *)x)[i], ((const double *)g)[i], a, b, p);
    }
}

/* Checks a (x, grad) tensor pair and returns its dtype flag and size. */
static cg_status tensor_pair(const char *op, const cg_tensor *x, const cg_tensor *g, int *f32, int64_t *n) {
    cg_status st;
    if ((st = cg_check_tensor(op, "x", x)) || (st = cg_check_tensor(op, "grad", g)) ||
        (st = cg_check_dtype(op, "grad", g, x->dtype)))
        return st;
    if (!cg_tensor_is_contiguous(x) || !cg_tensor_is_contiguous(g))
        return cg_set_error(CG_ERR_ARG, "%s: %s is not contiguous", op, cg_tensor_is_contiguous(x) ? "grad" : "x");
    if (cg_tensor_numel(x) != cg_tensor_numel(g))
        return cg_set_error(CG_ERR_SHAPE, "%s: x shape %s and grad shape %s differ in size", op, CG_SHAPE(x),
                            CG_SHAPE(g));
    *f32 = x->dtype == CG_DTYPE_F32;
    *n = cg_tensor_numel(x);
    return CG_OK;
}

/* ---- SGD ---- */

static cg_status sgd(int f32, void *x, const void *g, int64_t n, double lr, double wd) {
    if (!x || !g) return cg_set_error(CG_ERR_NULL, "sgd_step: argument '%s' is NULL", x ? "grad" : "x");
    if (n < 0) return cg_set_error(CG_ERR_ARG, "sgd_step: n %lld is negative", (long long)n);
    params p = {.lr = lr, .wd = wd};
    update(SGD, f32, x, g, n, NULL, NULL, &p);
    return CG_OK;
}

cg_status cg_sgd_step_f64(double *x, const double *grad, int64_t n, double lr, double wd) {
    return sgd(0, x, grad, n, lr, wd);
}
cg_status cg_sgd_step_f32(float *x, const float *grad, int64_t n, double lr, double wd) {
    return sgd(1, x, grad, n, lr, wd);
}
cg_status cg_sgd_step(cg_tensor *x, const cg_tensor *grad, double lr, double wd) {
    int f32;
    int64_t n;
    cg_status st = tensor_pair("sgd_step", x, grad, &f32, &n);
    return st ? st : sgd(f32, x->data, grad->data, n, lr, wd);
}

/* ---- momentum and Nesterov ---- */

static cg_status state_check(const char *op, const void *s, int64_t have, const double *buf, int64_t n,
                             const void *x, const void *g) {
    if (!s) return cg_set_error(CG_ERR_NULL, "%s: argument 's' is NULL", op);
    if (!x || !g) return cg_set_error(CG_ERR_NULL, "%s: argument '%s' is NULL", op, x ? "grad" : "x");
    if (!buf && have > 0) return cg_set_error(CG_ERR_ARG, "%s: state is not initialized", op);
    if (have != n)
        return cg_set_error(CG_ERR_ARG, "%s: state holds %lld values, parameters %lld", op, (long long)have,
                            (long long)n);
    return CG_OK;
}

static cg_status momentum(int kind, cg_momentum_state *s, int f32, void *x, const void *g, int64_t n, double lr,
                          double lambda) {
    cg_status st = state_check(step_names[kind], s, s ? s->n : 0, s ? s->velocity : NULL, n, x, g);
    if (st) return st;
    params p = {.lr = lr, .lambda = lambda};
    update(kind, f32, x, g, n, s->velocity, NULL, &p);
    s->step++;
    return CG_OK;
}

#define MOMENTUM_API(name, kind)                                                                            \
    cg_status cg_##name##_step_f64(cg_momentum_state *s, double *x, const double *grad, double lr, double lambda) { \
        return momentum(kind, s, 0, x, grad, s ? s->n : 0, lr, lambda);                                     \
    }                                                                                                       \
    cg_status cg_##name##_step_f32(cg_momentum_state *s, float *x, const float *grad, double lr, double lambda) { \
        return momentum(kind, s, 1, x, grad, s ? s->n : 0, lr, lambda);                                     \
    }                                                                                                       \
    cg_status cg_##name##_step(cg_momentum_state *s, cg_tensor *x, const cg_tensor *grad, double lr,        \
                               double lambda) {                                                             \
        int f32;                                                                                            \
        int64_t n;                                                                                          \
        cg_status st = tensor_pair(step_names[kind], x, grad, &f32, &n);                                    \
        return st ? st : momentum(kind, s, f32, x->data, grad->data, n, lr, lambda);                        \
    }
MOMENTUM_API(momentum, MOMENTUM)
MOMENTUM_API(nesterov, NESTEROV)

/* ---- Adam and AdamW ---- */

cg_adam_config cg_adam_defaults(void) { return (cg_adam_config){1e-3, 0.9, 0.999, 1e-8, 0.0}; }
cg_adam_config cg_adamw_defaults(void) { return (cg_adam_config){1e-3, 0.9, 0.999, 1e-8, 1e-2}; }

static cg_status adam(int kind, cg_adam_state *s, const cg_adam_config *cfg, int f32, void *x, const void *g,
                      int64_t n) {
    cg_status st = state_check(step_names[kind], s, s ? s->n : 0, s ? s->m : NULL, n, x, g);
    if (st) return st;
    if (!cfg) return cg_set_error(CG_ERR_NULL, "%s: argument 'cfg' is NULL", step_names[kind]);
    s->step++;
    params p = {.lr = cfg->lr, .wd = cfg->weight_decay, .beta1 = cfg->beta1, .beta2 = cfg->beta2, .eps = cfg->eps};
    p.c1 = 1 - pow(cfg->beta1, (double)s->step);
    p.c2 = 1 - pow(cfg->beta2, (double)s->step);
    update(kind, f32, x, g, n, s->m, s->v, &p);
    return CG_OK;
}

#define ADAM_API(name, kind)                                                                                \
    cg_status cg_##name##_step_f64(cg_adam_state *s, const cg_adam_config *cfg, double *x, const double *grad) { \
        return adam(kind, s, cfg, 0, x, grad, s ? s->n : 0);                                                \
    }                                                                                                       \
    cg_status cg_##name##_step_f32(cg_adam_state *s, const cg_adam_config *cfg, float *x, const float *grad) { \
        return adam(kind, s, cfg, 1, x, grad, s ? s->n : 0);                                                \
    }                                                                                                       \
    cg_status cg_##name##_step(cg_adam_state *s, const cg_adam_config *cfg, cg_tensor *x, const cg_tensor *grad) { \
        int f32;                                                                                            \
        int64_t n;                                                                                          \
        cg_status st = tensor_pair(step_names[kind], x, grad, &f32, &n);                                    \
        return st ? st : adam(kind, s, cfg, f32, x->data, grad->data, n);                                   \
    }
ADAM_API(adam, ADAM)
ADAM_API(adamw, ADAMW)

/* ---- state: init, free, save, restore ---- */

static cg_status alloc_doubles(const char *op, int64_t n, double **p) {
    if (n < 0) return cg_set_error(CG_ERR_ARG, "%s: n %lld is negative", op, (long long)n);
    *p = calloc((size_t)(n ? n : 1), sizeof **p);
    return *p ? CG_OK : cg_set_error(CG_ERR_NOMEM, "%s: cannot allocate %lld values", op, (long long)n);
}

cg_status cg_momentum_state_init(cg_momentum_state *s, int64_t n) {
    if (!s) return cg_set_error(CG_ERR_NULL, "momentum_state_init: argument 's' is NULL");
    memset(s, 0, sizeof *s);
    cg_status st = alloc_doubles("momentum_state_init", n, &s->velocity);
    if (!st) s->n = n;
    return st;
}

void cg_momentum_state_free(cg_momentum_state *s) {
    if (!s) return;
    free(s->velocity);
    memset(s, 0, sizeof *s);
}

cg_status cg_adam_state_init(cg_adam_state *s, int64_t n) {
    if (!s) return cg_set_error(CG_ERR_NULL, "adam_state_init: argument 's' is NULL");
    memset(s, 0, sizeof *s);
    cg_status st = alloc_doubles("adam_state_init", n, &s->m);
    if (!st && (st = alloc_doubles("adam_state_init", n, &s->v))) {
        free(s->m);
        s->m = NULL;
    }
    if (!st) s->n = n;
    return st;
}

void cg_adam_state_free(cg_adam_state *s) {
    if (!s) return;
    free(s->m);
    free(s->v);
    memset(s, 0, sizeof *s);
}

typedef struct state_header {
    char magic[8];          /* "cgradopt" */
    uint32_t kind, version;
    int64_t n, step;
} state_header;

enum { KIND_MOMENTUM = 1, KIND_ADAM = 2, STATE_VERSION = 1 };

static size_t state_bytes(int64_t n, int arrays) { return sizeof(state_header) + (size_t)n * (size_t)arrays * sizeof(double); }

static cg_status save(const char *op, uint32_t kind, int64_t n, int64_t step, double *const *arrays, int count,
                      void *buf, size_t cap) {
    if (!buf) return cg_set_error(CG_ERR_NULL, "%s: argument 'buf' is NULL", op);
    size_t need = state_bytes(n, count);
    if (cap < need) return cg_set_error(CG_ERR_ARG, "%s: buffer of %zu bytes is smaller than %zu", op, cap, need);
    state_header h = {{'c', 'g', 'r', 'a', 'd', 'o', 'p', 't'}, kind, STATE_VERSION, n, step};
    memcpy(buf, &h, sizeof h);
    for (int k = 0; k < count; k++)
        memcpy((char *)buf + sizeof h + (size_t)k * (size_t)n * sizeof(double), arrays[k], (size_t)n * sizeof(double));
    return CG_OK;
}

static cg_status restore(const char *op, uint32_t kind, int64_t n, int64_t *step, double **arrays, int count,
                         const void *buf, size_t len) {
    if (!buf) return cg_set_error(CG_ERR_NULL, "%s: argument 'buf' is NULL", op);
    state_header h;
    if (len < sizeof h) return cg_set_error(CG_ERR_ARG, "%s: buffer of %zu bytes holds no state", op, len);
    memcpy(&h, buf, sizeof h);
    if (memcmp(h.magic, "cgradopt", 8) || h.version != STATE_VERSION)
        return cg_set_error(CG_ERR_ARG, "%s: buffer does not hold cgrad optimizer state", op);
    if (h.kind != kind)
        return cg_set_error(CG_ERR_ARG, "%s: buffer holds %s state", op, h.kind == KIND_ADAM ? "adam" : "momentum");
    if (h.n != n)
        return cg_set_error(CG_ERR_ARG, "%s: buffer holds %lld values, state %lld", op, (long long)h.n, (long long)n);
    if (len < state_bytes(n, count)) return cg_set_error(CG_ERR_ARG, "%s: buffer of %zu bytes is truncated", op, len);
    *step = h.step;
    for (int k = 0; k < count; k++)
        memcpy(arrays[k], (const char *)buf + sizeof h + (size_t)k * (size_t)n * sizeof(double),
               (size_t)n * sizeof(double));
    return CG_OK;
}

size_t cg_momentum_state_size(const cg_momentum_state *s) { return s ? state_bytes(s->n, 1) : 0; }
size_t cg_adam_state_size(const cg_adam_state *s) { return s ? state_bytes(s->n, 2) : 0; }

cg_status cg_momentum_state_save(const cg_momentum_state *s, void *buf, size_t cap) {
    if (!s) return cg_set_error(CG_ERR_NULL, "momentum_state_save: argument 's' is NULL");
    double *arrays[1] = {s->velocity};
    return save("momentum_state_save", KIND_MOMENTUM, s->n, s->step, arrays, 1, buf, cap);
}
cg_status cg_momentum_state_restore(cg_momentum_state *s, const void *buf, size_t len) {
    if (!s) return cg_set_error(CG_ERR_NULL, "momentum_state_restore: argument 's' is NULL");
    double *arrays[1] = {s->velocity};
    return restore("momentum_state_restore", KIND_MOMENTUM, s->n, &s->step, arrays, 1, buf, len);
}
cg_status cg_adam_state_save(const cg_adam_state *s, void *buf, size_t cap) {
    if (!s) return cg_set_error(CG_ERR_NULL, "adam_state_save: argument 's' is NULL");
    double *arrays[2] = {s->m, s->v};
    return save("adam_state_save", KIND_ADAM, s->n, s->step, arrays, 2, buf, cap);
}
cg_status cg_adam_state_restore(cg_adam_state *s, const void *buf, size_t len) {
    if (!s) return cg_set_error(CG_ERR_NULL, "adam_state_restore: argument 's' is NULL");
    double *arrays[2] = {s->m, s->v};
    return restore("adam_state_restore", KIND_ADAM, s->n, &s->step, arrays, 2, buf, len);
}
