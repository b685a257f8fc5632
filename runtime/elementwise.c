/*
 * Element-wise operations with broadcasting, and their derivative rules.
 *
 * Each operation is one row of a table: its value y = f(x[, y2]) and its
 * partial derivatives, written as C expressions over x (first input), z
 * (second input) and r (the result).  From each row the macros below make
 * three row kernels (forward, tangent, adjoint) for float and double, and the
 * public cg_OP, cg_OP_jvp and cg_OP_vjp.  Arithmetic is done in double and
 * rounded once to the output's dtype.
 *
 * The adjoint kernel reads an element's inputs and seed before it writes that
 * element's output, output adjoint (zeroed) and input adjoints (+=), so an
 * operation may run in place: out == a, out_b == a_b.  An input that is
 * broadcast receives its adjoint through a temporary of out's shape that
 * cg_sum_to then reduces in a fixed order, so threads never share a write.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

enum { FWD, JVP, VJP };

typedef struct ew_ctx {
    cg_dtype dtype;
} ew_ctx;

/* Operand slots in the iterator.  fwd: out a b; jvp/vjp: out out_s a a_s b b_s. */
#define LD(T, k, i) ((double)((const T *)p[k])[(i) * st[k]])
#define ST(T, k, i) (((T *)p[k])[(i) * st[k]])

/* One kernel per mode; each loops over a run of n elements.  The unit-stride
 * branch of the forward kernel is what vectorizes. */
#define EW_KERNELS(name, T, F, DA, DB)                                                          \
    static void name##_fwd_##T(int64_t n, char **p, const int64_t *s) {                        \
        int64_t st[3] = {s[0] / (int64_t)sizeof(T), s[1] / (int64_t)sizeof(T), s[2] / (int64_t)sizeof(T)}; \
        T *o = (T *)p[0];                                                                       \
        const T *pa = (const T *)p[1], *pb = p[2] ? (const T *)p[2] : pa;                       \
        if (st[0] == 1 && st[1] == 1 && (st[2] == 1 || !p[2])) {                                \
            for (int64_t i = 0; i < n; i++) {                                                   \
                double x = pa[i], z = pb[i];                                                    \
                (void)z;                                                                        \
                o[i] = (T)(F);                                                                  \
            }                                                                                   \
        } else {                                                                                \
            for (int64_t i = 0; i < n; i++) {                                                   \
                double x = pa[i * st[1]], z = pb[i * st[2]];                                    \
                (void)z;                                                                        \
                o[i * st[0]] = (T)(F);                                                          \
            }                                                                                   \
        }                                                                                       \
    }                                                                                           \
    static void name##_jvp_##T(int64_t n, char **p, const int64_t *s) {                        \
        int64_t st[6];                                                                          \
        for (int k = 0; k < 6; k++) st[k] = s[k] / (int64_t)sizeof(T);                          \
        for (int64_t i = 0; i < n; i++) {                                                       \
            double x = LD(T, 2, i), z = p[4] ? LD(T, 4, i) : 0, r = (F), d = 0;                 \
            (void)z;                                                                            \
            if (p[3]) d += (DA) * LD(T, 3, i);                                                  \
            if (p[5]) d += (DB) * LD(T, 5, i);                                                  \
            ST(T, 0, i) = (T)r;                                                                 \
            if (p[1]) ST(T, 1, i) = (T)d;                                                       \
        }                                                                                       \
    }                                                                                           \
    static void name##_vjp_##T(int64_t n, char **p, const int64_t *s) {                        \
        int64_t st[6];                                                                          \
        for (int k = 0; k < 6; k++) st[k] = s[k] / (int64_t)sizeof(T);                          \
        for (int64_t i = 0; i < n; i++) {                                                       \
            double x = LD(T, 2, i), z = p[4] ? LD(T, 4, i) : 0, r = (F);                        \
            double g = p[1] ? LD(T, 1, i) : 0;                                                  \
            (void)z;                                                                            \
            ST(T, 0, i) = (T)r;                                                                 \
            if (p[1]) ST(T, 1, i) = 0;                                                          \
            if (p[3]) ST(T, 3, i) += (T)((DA) * g);                                             \
            if (p[5]) ST(T, 5, i) += (T)((DB) * g);                                             \
        }                                                                                       \
    }

/* Dispatches on dtype, which is the same for every operand of one call. */
#define EW_OP(name, nin, F, DA, DB)                                                             \
    EW_KERNELS(name, float, F, DA, DB)                                                          \
    EW_KERNELS(name, double, F, DA, DB)                                                         \
    static void name##_fwd(void *c, int64_t n, char **p, const int64_t *s) {                   \
        (((ew_ctx *)c)->dtype == CG_DTYPE_F32 ? name##_fwd_float : name##_fwd_double)(n, p, s); \
    }                                                                                           \
    static void name##_jvp(void *c, int64_t n, char **p, const int64_t *s) {                   \
        (((ew_ctx *)c)->dtype == CG_DTYPE_F32 ? name##_jvp_float : name##_jvp_double)(n, p, s); \
    }                                                                                           \
    static void name##_vjp(void *c, int64_t n, char **p, const int64_t *s) {                   \
        (((ew_ctx *)c)->dtype == CG_DTYPE_F32 ? name##_vjp_float : name##_vjp_double)(n, p, s); \
    }                                                                                           \
    static const ew_op op_##name = {#name, nin, {name##_fwd, name##_jvp, name##_vjp}};

typedef struct ew_op {
    const char *name;
    int nin;
    cg_row_fn kernel[3];   /* FWD, JVP, VJP */
} ew_op;

/*    name     inputs  value r = f(x[, z])         dr/dx                dr/dz */
EW_OP(exp,     1,      exp(x),                     r,                   0)
EW_OP(log,     1,      log(x),                     1 / x,               0)
EW_OP(sin,     1,      sin(x),                     cos(x),              0)
EW_OP(cos,     1,      cos(x),                     -sin(x),             0)
EW_OP(tanh,    1,      tanh(x),                    1 - r * r,           0)
EW_OP(sigmoid, 1,      1 / (1 + exp(-x)),          r * (1 - r),         0)
EW_OP(relu,    1,      x > 0 ? x : 0,              x > 0,               0)
EW_OP(sqrt,    1,      sqrt(x),                    0.5 / r,             0)
EW_OP(abs,     1,      fabs(x),                    (x > 0) - (x < 0),   0)
EW_OP(neg,     1,      -x,                         -1,                  0)
EW_OP(copy,    1,      x,                          1,                   0)
EW_OP(add,     2,      x + z,                      1,                   1)
EW_OP(sub,     2,      x - z,                      1,                   -1)
EW_OP(mul,     2,      x * z,                      z,                   x)
EW_OP(div,     2,      x / z,                      1 / z,               -r / z)
EW_OP(pow,     2,      pow(x, z),                  z * pow(x, z - 1),   x > 0 ? r * log(x) : 0)
EW_OP(maximum, 2,      x >= z ? x : z,             x >= z,              x < z)
EW_OP(minimum, 2,      x <= z ? x : z,             x <= z,              x > z)

static int broadcasts_to(const cg_tensor *t, int ndim, const int64_t *shape) {
    if (t->ndim > ndim) return 0;
    for (int i = 0; i < t->ndim; i++) {
        int64_t e = t->shape[i], want = shape[ndim - t->ndim + i];
        if (e != want && e != 1) return 0;
    }
    return 1;
}

/* Checks the arguments of one call; a_s, b_s and out_s are the shadows. */
static cg_status check_args(const char *op, const cg_tensor *out, const cg_tensor *out_s, const cg_tensor *a,
                            const cg_tensor *a_s, const cg_tensor *b, const cg_tensor *b_s, int nin, int mode) {
    cg_status st;
    const char *sfx = mode == JVP ? "_d" : "_b";
    char on[8], an[8], bn[8];
    snprintf(on, sizeof on, "out%s", sfx);
    snprintf(an, sizeof an, "a%s", sfx);
    snprintf(bn, sizeof bn, "b%s", sfx);
    if ((st = cg_check_tensor(op, "out", out)) || (st = cg_check_tensor(op, "a", a))) return st;
    if (nin == 2 && (st = cg_check_tensor(op, "b", b))) return st;
    if ((st = cg_check_dtype(op, "a", a, out->dtype))) return st;
    if (nin == 2 && (st = cg_check_dtype(op, "b", b, out->dtype))) return st;
    int ndim = a->ndim;
    int64_t shape[CG_MAX_DIMS];
    for (int i = 0; i < a->ndim; i++) shape[i] = a->shape[i];
    if (nin == 2 && (st = cg_broadcast_shape(op, a, b, &ndim, shape))) return st;
    if (!broadcasts_to(a, out->ndim, out->shape) || (nin == 2 && !broadcasts_to(b, out->ndim, out->shape)))
        return cg_set_error(CG_ERR_SHAPE, "%s: cannot broadcast %s to out shape %s", op,
                            cg_shape_str((char[CG_SHAPE_STR]){0}, ndim, shape), CG_SHAPE(out));
    if (mode == FWD) return CG_OK;
    if ((st = cg_check_shadow(op, on, out_s, out)) || (st = cg_check_shadow(op, an, a_s, a))) return st;
    if (nin == 2 && (st = cg_check_shadow(op, bn, b_s, b))) return st;
    return CG_OK;
}

/* Where the adjoint of input t goes: t_b itself, or a zeroed temporary of
 * out's shape when t is broadcast (reduced into t_b afterwards). */
static cg_status adjoint_target(const char *op, const cg_tensor *out, const cg_tensor *t, cg_tensor *t_b,
                                cg_tensor **target, cg_tensor **tmp) {
    *tmp = NULL;
    *target = t_b;
    if (!t_b || cg_same_shape(t, out)) return CG_OK;
    cg_status st = cg_tmp_new(op, tmp, out->dtype, out->ndim, out->shape);
    *target = *tmp;
    return st;
}

static cg_status ew_run(const ew_op *op, int mode, cg_tensor *out, cg_tensor *out_s, const cg_tensor *a,
                        cg_tensor *a_s, const cg_tensor *b, cg_tensor *b_s) {
    char name[32];
    snprintf(name, sizeof name, "%s%s", op->name, mode == JVP ? "_jvp" : mode == VJP ? "_vjp" : "");
    cg_status st = check_args(name, out, out_s, a, a_s, b, b_s, op->nin, mode);
    if (st) return st;
    if (op->nin == 1) b = b_s = NULL;
    ew_ctx ctx = {out->dtype};
    cg_iter it;
    cg_iter_init(&it, out->ndim, out->shape);
    if (mode == FWD) {
        cg_iter_add(&it, out);
        cg_iter_add(&it, a);
        cg_iter_add(&it, b);
        cg_iter_run(&it, op->kernel[FWD], &ctx, 1);
        return CG_OK;
    }
    cg_tensor *ta = a_s, *tb = b_s, *tmp_a = NULL, *tmp_b = NULL;
    if (mode == VJP && ((st = adjoint_target(name, out, a, a_s, &ta, &tmp_a)) ||
                        (st = adjoint_target(name, out, b ? b : a, b_s, &tb, &tmp_b)))) {
        cg_tensor_free(tmp_a);
        return st;
    }
    cg_iter_add(&it, out);
    cg_iter_add(&it, out_s);
    cg_iter_add(&it, a);
    cg_iter_add(&it, ta);
    cg_iter_add(&it, b);
    cg_iter_add(&it, tb);
    cg_iter_run(&it, op->kernel[mode], &ctx, 1);
    if (tmp_a) st = cg_sum_to(name, a_s, tmp_a, 1.0);
    if (tmp_b && !st) st = cg_sum_to(name, b_s, tmp_b, 1.0);
    cg_tensor_free(tmp_a);
    cg_tensor_free(tmp_b);
    return st;
}

/* ---- public entry points ------------------------------------------------------ */

#define UNARY_API(name)                                                                             \
    cg_status cg_##name(cg_tensor *out, const cg_tensor *a) {                                        \
        return ew_run(&op_##name, FWD, out, NULL, a, NULL, NULL, NULL);                              \
    }                                                                                                \
    cg_status cg_##name##_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d) { \
        return ew_run(&op_##name, JVP, out, out_d, a, (cg_tensor *)a_d, NULL, NULL);                 \
    }                                                                                                \
    cg_status cg_##name##_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b) { \
        return ew_run(&op_##name, VJP, out, out_b, a, a_b, NULL, NULL);                              \
    }

UNARY_API(exp)
UNARY_API(log)
UNARY_API(sin)
UNARY_API(cos)
UNARY_API(tanh)
UNARY_API(sigmoid)
UNARY_API(relu)
UNARY_API(sqrt)
UNARY_API(abs)
UNARY_API(neg)
UNARY_API(copy)

/* A double scalar as a 0-dimensional tensor of dtype `like`, in *store. */
typedef union { float f; double d; } scalar_store;
static cg_tensor *scalar_tensor(cg_tensor *t, scalar_store *store, const cg_tensor *like, double v) {
    if (!like) return NULL;
    cg_dtype dt = like->dtype == CG_DTYPE_F32 ? CG_DTYPE_F32 : CG_DTYPE_F64;
    if (dt == CG_DTYPE_F32) store->f = (float)v; else store->d = v;
    cg_tensor_wrap(t, dt, 0, NULL, store);
    return t;
}

#define BINARY_API(name)                                                                            \
    cg_status cg_##name(cg_tensor *out, const cg_tensor *a, const cg_tensor *b) {                    \
        return ew_run(&op_##name, FWD, out, NULL, a, NULL, b, NULL);                                 \
    }                                                                                                \
    cg_status cg_##name##_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, \
                              const cg_tensor *b, const cg_tensor *b_d) {                            \
        return ew_run(&op_##name, JVP, out, out_d, a, (cg_tensor *)a_d, b, (cg_tensor *)b_d);        \
    }                                                                                                \
    cg_status cg_##name##_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b,  \
                              const cg_tensor *b, cg_tensor *b_b) {                                  \
        return ew_run(&op_##name, VJP, out, out_b, a, a_b, b, b_b);                                  \
    }                                                                                                \
    cg_status cg_##name##_scalar(cg_tensor *out, const cg_tensor *a, double s) {                     \
        cg_tensor st;                                                                                \
        scalar_store v;                                                                              \
        return ew_run(&op_##name, FWD, out, NULL, a, NULL, scalar_tensor(&st, &v, a, s), NULL);      \
    }                                                                                                \
    cg_status cg_##name##_scalar_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a,           \
                                     const cg_tensor *a_d, double s, double s_d) {                   \
        cg_tensor st, st_d;                                                                          \
        scalar_store v, v_d;                                                                         \
        return ew_run(&op_##name, JVP, out, out_d, a, (cg_tensor *)a_d, scalar_tensor(&st, &v, a, s), \
                      s_d != 0 ? scalar_tensor(&st_d, &v_d, a, s_d) : NULL);                         \
    }                                                                                                \
    cg_status cg_##name##_scalar_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a,           \
                                     cg_tensor *a_b, double s, double *s_b) {                        \
        cg_tensor st, st_b;                                                                          \
        scalar_store v, v_b;                                                                         \
        cg_status status = ew_run(&op_##name, VJP, out, out_b, a, a_b, scalar_tensor(&st, &v, a, s), \
                                  s_b ? scalar_tensor(&st_b, &v_b, a, 0) : NULL);                    \
        if (!status && s_b) *s_b += a->dtype == CG_DTYPE_F32 ? v_b.f : v_b.d;                        \
        return status;                                                                               \
    }

BINARY_API(add)
BINARY_API(sub)
BINARY_API(mul)
BINARY_API(div)
BINARY_API(pow)
BINARY_API(maximum)
BINARY_API(minimum)

/* ---- helpers for other operations ------------------------------------------- */

typedef struct assign_ctx {
    cg_dtype dtype;
    int accumulate;
    double alpha;
} assign_ctx;

static void assign_row(void *c, int64_t n, char **p, const int64_t *s) {
    const assign_ctx *ctx = c;
    double alpha = ctx->alpha;
    if (ctx->dtype == CG_DTYPE_F32) {
        int64_t so = s[0] / 4, sa = s[1] / 4;
        float *o = (float *)p[0];
        const float *a = (const float *)p[1];
        for (int64_t i = 0; i < n; i++) o[i * so] = (float)((ctx->accumulate ? o[i * so] : 0) + alpha * a[i * sa]);
    } else {
        int64_t so = s[0] / 8, sa = s[1] / 8;
        double *o = (double *)p[0];
        const double *a = (const double *)p[1];
        for (int64_t i = 0; i < n; i++) o[i * so] = (ctx->accumulate ? o[i * so] : 0) + alpha * a[i * sa];
    }
}

static void assign_run(cg_tensor *dst, const cg_tensor *src, int accumulate, double alpha) {
    assign_ctx ctx = {dst->dtype, accumulate, alpha};
    cg_iter it;
    cg_iter_init(&it, dst->ndim, dst->shape);
    cg_iter_add(&it, dst);
    cg_iter_add(&it, src);
    cg_iter_run(&it, assign_row, &ctx, 1);
}

void cg_assign(cg_tensor *dst, const cg_tensor *src, int accumulate) { assign_run(dst, src, accumulate, 1.0); }
void cg_axpy(cg_tensor *dst, double alpha, const cg_tensor *src) { assign_run(dst, src, 1, alpha); }
