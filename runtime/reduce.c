/*
 * Reductions along axes (sum, mean, max, logsumexp, L2 norm), softmax and
 * log-softmax, and their derivative rules; also cg_sum_to, the reduction that
 * backward rules use to fold a broadcast input's adjoint back to its shape.
 *
 * Determinism: a plan splits a's axes into kept ones (one output each) and
 * reduced ones.  Each output's reduced range is cut into CG_RED_BLOCK-element
 * blocks; a task is one (output, block) pair, computed serially in
 * row-major order; block results are combined in block order.  The tasks are
 * fixed by the shapes alone, so OpenMP may spread them over any number of
 * threads without changing a bit of the result.
 *
 * Backward rules write each element of a's adjoint exactly once (from its
 * output's seed), so they run through the element-wise iterator in parallel
 * without atomics.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { K_SUM, K_SUMSQ, K_MAX, K_EXPSUM, K_DOT, K_EXPDOT };

typedef struct red_plan {
    int nk, nr;
    int kdim[CG_MAX_DIMS], rdim[CG_MAX_DIMS];   /* axes of a */
    int64_t kshape[CG_MAX_DIMS], rshape[CG_MAX_DIMS];
    int64_t ostr[CG_MAX_DIMS];                  /* out's element stride per kept axis */
    int64_t O, R;
} red_plan;

/* Splits a's axes by the mask; out_strides gives out's stride for each axis
 * of a (used for kept axes only). */
static void plan_init(red_plan *pl, const cg_tensor *a, const int *reduced, const int64_t *out_strides) {
    memset(pl, 0, sizeof *pl);
    pl->O = pl->R = 1;
    for (int i = 0; i < a->ndim; i++) {
        if (reduced[i]) {
            pl->rdim[pl->nr] = i;
            pl->rshape[pl->nr++] = a->shape[i];
            pl->R *= a->shape[i];
        } else {
            pl->kdim[pl->nk] = i;
            pl->ostr[pl->nk] = out_strides[i];
            pl->kshape[pl->nk++] = a->shape[i];
            pl->O *= a->shape[i];
        }
    }
    if (pl->nr == 0) {   /* nothing reduced: one element per output */
        pl->rdim[0] = -1;
        pl->rshape[0] = 1;
        pl->nr = 1;
    }
}

/* Element offset of output o's first input element in a tensor with a's shape. */
static int64_t kept_offset(const red_plan *pl, const int64_t *strides, int64_t o) {
    int64_t off = 0;
    for (int j = pl->nk - 1; j >= 0; j--) {
        off += (o % pl->kshape[j]) * strides[j];
        o /= pl->kshape[j];
    }
    return off;
}

static void kept_strides(const red_plan *pl, const cg_tensor *t, int64_t *ks, int64_t *rs) {
    for (int j = 0; j < pl->nk; j++) ks[j] = t->strides[pl->kdim[j]];
    for (int j = 0; j < pl->nr; j++) rs[j] = pl->rdim[j] < 0 ? 0 : t->strides[pl->rdim[j]];
}

typedef struct red_acc {
    double acc;
    int64_t arg;
} red_acc;

/* Unit-stride sums keep eight partial sums, combined pairwise at the end: a
 * fixed order (so still deterministic) that breaks the add-latency chain and
 * lets the compiler use vector adds. */
#define SUM8(T, name, TERM)                                                           \
    static double name##_##T(const T *x, const T *d, int64_t n) {                     \
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, t = 0;  \
        int64_t j = 0;                                                                \
        (void)d;                                                                      \
        for (; j + 8 <= n; j += 8) {                                                  \
            s0 += TERM(j);                                                            \
            s1 += TERM(j + 1);                                                        \
            s2 += TERM(j + 2);                                                        \
            s3 += TERM(j + 3);                                                        \
            s4 += TERM(j + 4);                                                        \
            s5 += TERM(j + 5);                                                        \
            s6 += TERM(j + 6);                                                        \
            s7 += TERM(j + 7);                                                        \
        }                                                                             \
        for (; j < n; j++) t += TERM(j);                                              \
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + t;                 \
    }
#define T_SUM(i) (double)x[i]
#define T_SUMSQ(i) ((double)x[i] * x[i])
#define T_DOT(i) ((double)x[i] * d[i])

/* One run of n elements at strides sa, sd: the only loops that see the data. */
#define RED_RUN(T)                                                                    \
    SUM8(T, sum8, T_SUM)                                                              \
    SUM8(T, sumsq8, T_SUMSQ)                                                          \
    SUM8(T, dot8, T_DOT)                                                              \
    static void run_##T(int kind, const T *x, int64_t sa, const T *d, int64_t sd, int64_t n, double c, \
                        int64_t r, red_acc *ra) {                                     \
        double acc = ra->acc;                                                         \
        switch (kind) {                                                               \
        case K_SUM:                                                                   \
            if (sa == 1) acc += sum8_##T(x, d, n);                                    \
            else for (int64_t j = 0; j < n; j++) acc += x[j * sa];                    \
            break;                                                                    \
        case K_SUMSQ:                                                                 \
            if (sa == 1) acc += sumsq8_##T(x, d, n);                                  \
            else for (int64_t j = 0; j < n; j++) acc += (double)x[j * sa] * x[j * sa]; \
            break;                                                                    \
        case K_EXPSUM:                                                                \
            for (int64_t j = 0; j < n; j++) acc += exp(x[j * sa] - c);                \
            break;                                                                    \
        case K_DOT:                                                                   \
            if (sa == 1 && sd == 1) acc += dot8_##T(x, d, n);                         \
            else for (int64_t j = 0; j < n; j++) acc += (double)x[j * sa] * d[j * sd]; \
            break;                                                                    \
        case K_EXPDOT:                                                                \
            for (int64_t j = 0; j < n; j++) acc += exp(x[j * sa] - c) * d[j * sd];    \
            break;                                                                    \
        case K_MAX:                                                                   \
            for (int64_t j = 0; j < n; j++) {                                         \
                double v = x[j * sa];                                                 \
                if (v > acc || (v != v && acc == acc)) {                              \
                    acc = v;                                                          \
                    ra->arg = r + j;                                                  \
                }                                                                     \
            }                                                                         \
            break;                                                                    \
        }                                                                             \
        ra->acc = acc;                                                                \
    }
RED_RUN(float)
RED_RUN(double)

/* Reduces elements [r0, r1) of one output's reduced range. */
static void red_range(const red_plan *pl, cg_dtype dt, int kind, const char *pa, const int64_t *rsa,
                      const char *pd, const int64_t *rsd, double c, int64_t r0, int64_t r1, red_acc *ra) {
    if (r0 >= r1) return;   /* an empty reduced range (an extent is 0) */
    int in = pl->nr - 1;
    size_t esz = cg_dtype_size(dt);
    int64_t idx[CG_MAX_DIMS], offa = 0, offd = 0, r = r0;
    for (int j = in; j >= 0; j--) {
        idx[j] = r % pl->rshape[j];
        r /= pl->rshape[j];
        offa += idx[j] * rsa[j];
        if (pd) offd += idx[j] * rsd[j];
    }
    for (r = r0; r < r1;) {
        int64_t n = pl->rshape[in] - idx[in];
        if (n > r1 - r) n = r1 - r;
        const char *xa = pa + offa * (int64_t)esz, *xd = pd ? pd + offd * (int64_t)esz : NULL;
        if (dt == CG_DTYPE_F32)
            run_float(kind, (const float *)xa, rsa[in], (const float *)xd, pd ? rsd[in] : 0, n, c, r, ra);
        else
            run_double(kind, (const double *)xa, rsa[in], (const double *)xd, pd ? rsd[in] : 0, n, c, r, ra);
        r += n;
        idx[in] += n;
        offa += n * rsa[in];
        if (pd) offd += n * rsd[in];
        for (int j = in; j > 0 && idx[j] == pl->rshape[j]; j--) {
            offa += rsa[j - 1] - idx[j] * rsa[j];
            if (pd) offd += rsd[j - 1] - idx[j] * rsd[j];
            idx[j] = 0;
            idx[j - 1]++;
        }
    }
}

/* res[o] (and arg[o] for K_MAX) for every output o; c[o] is the per-output
 * constant of K_EXPSUM / K_EXPDOT.  d is the second operand of the dot kinds. */
static cg_status red_values(const char *op, const red_plan *pl, int kind, const cg_tensor *a,
                            const cg_tensor *d, const double *c, double *res, int64_t *arg) {
    int64_t nb = pl->R > CG_RED_BLOCK ? (pl->R + CG_RED_BLOCK - 1) / CG_RED_BLOCK : 1;
    int64_t ntask = pl->O * nb;
    red_acc *part = malloc((size_t)(ntask ? ntask : 1) * sizeof *part);
    if (!part) return cg_set_error(CG_ERR_NOMEM, "%s: out of memory for %lld partial results", op, (long long)ntask);
    int64_t ksa[CG_MAX_DIMS], rsa[CG_MAX_DIMS], ksd[CG_MAX_DIMS], rsd[CG_MAX_DIMS];
    kept_strides(pl, a, ksa, rsa);
    if (d) kept_strides(pl, d, ksd, rsd);
    size_t esz = cg_dtype_size(a->dtype);
    double init = kind == K_MAX ? -INFINITY : 0;
    #pragma omp parallel for schedule(static) if (pl->O * pl->R >= CG_PAR_MIN)
    for (int64_t t = 0; t < ntask; t++) {
        int64_t o = t / nb, r0 = (t % nb) * CG_RED_BLOCK, r1 = r0 + CG_RED_BLOCK < pl->R ? r0 + CG_RED_BLOCK : pl->R;
        const char *pa = (const char *)a->data + kept_offset(pl, ksa, o) * (int64_t)esz;
        const char *pd = d ? (const char *)d->data + kept_offset(pl, ksd, o) * (int64_t)esz : NULL;
        red_acc ra = {init, r0};
        red_range(pl, a->dtype, kind, pa, rsa, pd, rsd, c ? c[o] : 0, r0, r1, &ra);
        part[t] = ra;
    }
    for (int64_t o = 0; o < pl->O; o++) {
        red_acc ra = part[o * nb];
        for (int64_t b = 1; b < nb; b++) {
            red_acc q = part[o * nb + b];
            if (kind != K_MAX)
                ra.acc += q.acc;
            else if (q.acc > ra.acc || (q.acc != q.acc && ra.acc == ra.acc))
                ra = q;
        }
        res[o] = ra.acc;
        if (arg) arg[o] = ra.arg;
    }
    free(part);
    return CG_OK;
}

/* out[o] = v[o] (accumulate 0) or out[o] += scale * v[o] (accumulate 1). */
static void red_store(const red_plan *pl, cg_tensor *out, const double *v, int accumulate, double scale) {
    int f32 = out->dtype == CG_DTYPE_F32;
    #pragma omp parallel for schedule(static) if (pl->O >= CG_PAR_MIN)
    for (int64_t o = 0; o < pl->O; o++) {
        int64_t off = kept_offset(pl, pl->ostr, o);
        if (f32) {
            float *p = (float *)out->data + off;
            *p = (float)(accumulate ? *p + scale * v[o] : v[o]);
        } else {
            double *p = (double *)out->data + off;
            *p = accumulate ? *p + scale * v[o] : v[o];
        }
    }
}

cg_status cg_sum_to(const char *op, cg_tensor *dst, const cg_tensor *src, double scale) {
    int reduced[CG_MAX_DIMS] = {0};
    int64_t ostr[CG_MAX_DIMS] = {0};
    int lead = src->ndim - dst->ndim;
    for (int i = 0; i < src->ndim; i++) {
        reduced[i] = i < lead || (dst->shape[i - lead] == 1 && src->shape[i] != 1);
        if (i >= lead) ostr[i] = dst->strides[i - lead];
    }
    red_plan pl;
    plan_init(&pl, src, reduced, ostr);
    double *v = malloc((size_t)(pl.O ? pl.O : 1) * sizeof *v);
    if (!v) return cg_set_error(CG_ERR_NOMEM, "%s: out of memory reducing a broadcast adjoint", op);
    cg_status st = red_values(op, &pl, K_SUM, src, NULL, NULL, v, NULL);
    if (!st) red_store(&pl, dst, v, 1, scale);
    free(v);
    return st;
}

cg_status cg_dot_all(const char *op, const cg_tensor *a, const cg_tensor *b, double *res) {
    int reduced[CG_MAX_DIMS] = {1, 1, 1, 1, 1, 1, 1, 1};
    int64_t ostr[CG_MAX_DIMS] = {0};
    red_plan pl;
    plan_init(&pl, a, reduced, ostr);
    return red_values(op, &pl, K_DOT, a, b, NULL, res, NULL);
}

/* ---- public reductions --------------------------------------------------------- */

enum { R_SUM, R_MEAN, R_MAX, R_LSE, R_NORM };
static const char *const red_names[] = {"sum", "mean", "max", "logsumexp", "norm"};
enum { FWD, JVP, VJP };

/* Validates the call and builds the plan. */
static cg_status red_prepare(const char *op, const cg_tensor *out, const cg_tensor *out_s, const cg_tensor *a,
                             const cg_tensor *a_s, int naxes, const int *axes, int mode, red_plan *pl) {
    cg_status st;
    if ((st = cg_check_tensor(op, "out", out)) || (st = cg_check_tensor(op, "a", a)) ||
        (st = cg_check_dtype(op, "out", out, a->dtype)))
        return st;
    if (mode != FWD && ((st = cg_check_shadow(op, mode == JVP ? "out_d" : "out_b", out_s, out)) ||
                        (st = cg_check_shadow(op, mode == JVP ? "a_d" : "a_b", a_s, a))))
        return st;
    int reduced[CG_MAX_DIMS] = {0};
    if (!axes) {
        for (int i = 0; i < a->ndim; i++) reduced[i] = 1;
    } else {
        if (naxes < 0) return cg_set_error(CG_ERR_ARG, "%s: naxes %d is negative", op, naxes);
        for (int k = 0; k < naxes; k++) {
            int ax = axes[k];
            if ((st = cg_check_axis(op, a->ndim, &ax))) return st;
            if (reduced[ax]++) return cg_set_error(CG_ERR_ARG, "%s: axis %d given twice", op, axes[k]);
        }
    }
    int64_t keep[CG_MAX_DIMS], compact[CG_MAX_DIMS], ostr[CG_MAX_DIMS] = {0};
    int nc = 0, match_keep = out->ndim == a->ndim, match_compact;
    for (int i = 0; i < a->ndim; i++) {
        keep[i] = reduced[i] ? 1 : a->shape[i];
        if (!reduced[i]) compact[nc++] = a->shape[i];
        if (match_keep && out->shape[i] != keep[i]) match_keep = 0;
    }
    match_compact = out->ndim == nc;
    for (int j = 0; j < nc && match_compact; j++) match_compact = out->shape[j] == compact[j];
    if (!match_keep && !match_compact)
        return cg_set_error(CG_ERR_SHAPE, "%s: out shape %s != reduced shape %s or %s", op, CG_SHAPE(out),
                            cg_shape_str((char[CG_SHAPE_STR]){0}, nc, compact),
                            cg_shape_str((char[CG_SHAPE_STR]){0}, a->ndim, keep));
    for (int i = 0, j = 0; i < a->ndim; i++) {
        if (match_keep) ostr[i] = out->strides[i];
        else if (!reduced[i]) ostr[i] = out->strides[j++];
    }
    plan_init(pl, a, reduced, ostr);
    return CG_OK;
}

/* y[o] for the reduction `which`; arg[o] (may be NULL unless R_MAX) the argmax. */
static cg_status red_forward(const char *op, const red_plan *pl, int which, const cg_tensor *a, double *y,
                             int64_t *arg) {
    cg_status st;
    switch (which) {
    case R_SUM:
    case R_MEAN:
        if ((st = red_values(op, pl, K_SUM, a, NULL, NULL, y, NULL))) return st;
        if (which == R_MEAN)
            for (int64_t o = 0; o < pl->O; o++) y[o] /= (double)pl->R;
        return CG_OK;
    case R_NORM:
        if ((st = red_values(op, pl, K_SUMSQ, a, NULL, NULL, y, NULL))) return st;
        for (int64_t o = 0; o < pl->O; o++) y[o] = sqrt(y[o]);
        return CG_OK;
    case R_MAX:
        return red_values(op, pl, K_MAX, a, NULL, NULL, y, arg);
    case R_LSE: {
        double *m = malloc((size_t)(pl->O ? pl->O : 1) * sizeof *m);
        if (!m) return cg_set_error(CG_ERR_NOMEM, "%s: out of memory", op);
        st = red_values(op, pl, K_MAX, a, NULL, NULL, m, arg);
        if (!st) st = red_values(op, pl, K_EXPSUM, a, NULL, m, y, NULL);
        for (int64_t o = 0; !st && o < pl->O; o++) y[o] = isfinite(m[o]) ? m[o] + log(y[o]) : m[o];
        free(m);
        return st;
    }
    }
    return CG_OK;
}

/* Element (o, flat reduced index r) of a tensor with a's shape. */
static int64_t element_offset(const red_plan *pl, const cg_tensor *t, int64_t o, int64_t r) {
    int64_t ks[CG_MAX_DIMS], rs[CG_MAX_DIMS];
    kept_strides(pl, t, ks, rs);
    int64_t off = kept_offset(pl, ks, o);
    for (int j = pl->nr - 1; j >= 0; j--) {
        off += (r % pl->rshape[j]) * rs[j];
        r /= pl->rshape[j];
    }
    return off;
}

static double load_at(const cg_tensor *t, int64_t off) {
    return t->dtype == CG_DTYPE_F32 ? ((const float *)t->data)[off] : ((const double *)t->data)[off];
}

/* Loads out_b into g[o] (0 where out_b is NULL) and zeroes out_b. */
static void take_seed(const red_plan *pl, cg_tensor *out_b, double *g) {
    for (int64_t o = 0; o < pl->O; o++) {
        g[o] = 0;
        if (!out_b) continue;
        int64_t off = kept_offset(pl, pl->ostr, o);
        g[o] = load_at(out_b, off);
    }
    if (out_b) cg_tensor_zero(out_b);
}

typedef struct bwd_ctx {
    int which, f32;
    double scale;
} bwd_ctx;

/* a_b += factor(a, y) * g with y and g broadcast along the reduced axes. */
static void bwd_row(void *c, int64_t n, char **p, const int64_t *s) {
    const bwd_ctx *ctx = c;
    int64_t sy = s[2] / 8, sg = s[3] / 8;
    const double *y = (const double *)p[2], *g = (const double *)p[3];
    for (int64_t i = 0; i < n; i++) {
        double x = ctx->f32 ? ((const float *)p[0])[i * s[0] / 4] : ((const double *)p[0])[i * s[0] / 8];
        double f = ctx->scale;
        if (ctx->which == R_LSE) f = exp(x - y[i * sy]);
        if (ctx->which == R_NORM) f = y[i * sy] > 0 ? x / y[i * sy] : 0;
        double v = f * g[i * sg];
        if (ctx->f32)
            ((float *)p[1])[i * s[1] / 4] += (float)v;
        else
            ((double *)p[1])[i * s[1] / 8] += v;
    }
}

/* Row-major strides of the kept shape, laid out over a's axes (0 on reduced ones). */
static void broadcast_strides(const red_plan *pl, int ndim, int64_t *strides) {
    int64_t stride = 1;
    for (int i = 0; i < ndim; i++) strides[i] = 0;
    for (int j = pl->nk - 1; j >= 0; j--) {
        strides[pl->kdim[j]] = stride;
        stride *= pl->kshape[j];
    }
}

static cg_status red_run(int which, int mode, cg_tensor *out, cg_tensor *out_s, const cg_tensor *a, cg_tensor *a_s,
                         int naxes, const int *axes) {
    char op[32];
    snprintf(op, sizeof op, "%s%s", red_names[which], mode == JVP ? "_jvp" : mode == VJP ? "_vjp" : "");
    red_plan pl;
    cg_status st = red_prepare(op, out, out_s, a, a_s, naxes, axes, mode, &pl);
    if (st) return st;
    size_t n = (size_t)(pl.O ? pl.O : 1);
    double *y = malloc(n * sizeof *y), *aux = malloc(n * sizeof *aux);
    int64_t *arg = malloc(n * sizeof *arg);
    if (!y || !aux || !arg) {
        st = cg_set_error(CG_ERR_NOMEM, "%s: out of memory for %zu outputs", op, n);
        goto done;
    }
    if ((st = red_forward(op, &pl, which, a, y, arg))) goto done;
    if (mode == JVP && out_s) {   /* aux = out_d */
        const cg_tensor *d = a_s;
        if (!d) {
            for (int64_t o = 0; o < pl.O; o++) aux[o] = 0;
        } else if (which == R_SUM || which == R_MEAN) {
            if ((st = red_values(op, &pl, K_SUM, d, NULL, NULL, aux, NULL))) goto done;
            if (which == R_MEAN)
                for (int64_t o = 0; o < pl.O; o++) aux[o] /= (double)pl.R;
        } else if (which == R_NORM) {
            if ((st = red_values(op, &pl, K_DOT, a, d, NULL, aux, NULL))) goto done;
            for (int64_t o = 0; o < pl.O; o++) aux[o] = y[o] > 0 ? aux[o] / y[o] : 0;
        } else if (which == R_LSE) {
            if ((st = red_values(op, &pl, K_EXPDOT, a, d, y, aux, NULL))) goto done;
        } else {
            for (int64_t o = 0; o < pl.O; o++) aux[o] = pl.R ? load_at(d, element_offset(&pl, d, o, arg[o])) : 0;
        }
        red_store(&pl, out_s, aux, 0, 1);
    }
    if (mode == VJP) {   /* aux = seed; zero out_b before a_b accumulates (they may alias) */
        take_seed(&pl, out_s, aux);
        if (a_s && out_s && which == R_MAX) {
            for (int64_t o = 0; o < pl.O && pl.R; o++) {
                int64_t off = element_offset(&pl, a_s, o, arg[o]);
                if (a_s->dtype == CG_DTYPE_F32) ((float *)a_s->data)[off] += (float)aux[o];
                else ((double *)a_s->data)[off] += aux[o];
            }
        } else if (a_s && out_s) {
            int64_t bs[CG_MAX_DIMS];
            broadcast_strides(&pl, a->ndim, bs);
            bwd_ctx ctx = {which, a->dtype == CG_DTYPE_F32, which == R_MEAN ? 1.0 / (double)pl.R : 1.0};
            cg_iter it;
            cg_iter_init(&it, a->ndim, a->shape);
            cg_iter_add(&it, a);
            cg_iter_add(&it, a_s);
            cg_iter_add_raw(&it, y, bs, sizeof(double));
            cg_iter_add_raw(&it, aux, bs, sizeof(double));
            cg_iter_run(&it, bwd_row, &ctx, 1);
        }
    }
    red_store(&pl, out, y, 0, 1);
done:
    free(y);
    free(aux);
    free(arg);
    return st;
}

#define REDUCTION_API(name, which)                                                                       \
    cg_status cg_##name(cg_tensor *out, const cg_tensor *a, int naxes, const int *axes) {                 \
        return red_run(which, FWD, out, NULL, a, NULL, naxes, axes);                                      \
    }                                                                                                     \
    cg_status cg_##name##_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, \
                              int naxes, const int *axes) {                                               \
        return red_run(which, JVP, out, out_d, a, (cg_tensor *)a_d, naxes, axes);                         \
    }                                                                                                     \
    cg_status cg_##name##_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b,       \
                              int naxes, const int *axes) {                                               \
        return red_run(which, VJP, out, out_b, a, a_b, naxes, axes);                                      \
    }

REDUCTION_API(sum, R_SUM)
REDUCTION_API(mean, R_MEAN)
REDUCTION_API(max, R_MAX)
REDUCTION_API(logsumexp, R_LSE)
REDUCTION_API(norm, R_NORM)

/* ---- softmax and log-softmax ---------------------------------------------------
 * One row (the elements along `axis` for fixed other indices) is handled by
 * one thread, serially: max, then the sum of exponentials, then the writes.
 * Operand slots: a, out, a_s, out_s; their strides along the axis are in
 * ctx.  Each element is read before it is written, so out may be a. */
typedef struct sm_ctx {
    int log, mode, f32;
    int64_t len, as[4];   /* stride along the axis, in elements, per slot */
} sm_ctx;

static inline double ld(const char *p, int f32, int64_t i) {
    return f32 ? ((const float *)p)[i] : ((const double *)p)[i];
}
static inline void st(char *p, int f32, int64_t i, double v) {
    if (f32) ((float *)p)[i] = (float)v;
    else ((double *)p)[i] = v;
}

static void sm_one_row(const sm_ctx *c, char *a, char *out, char *as, char *os) {
    int f = c->f32;
    int64_t L = c->len, sa = c->as[0], so = c->as[1], sd = c->as[2], sb = c->as[3];
    double m = -INFINITY, s = 0, dot = 0;
    for (int64_t j = 0; j < L; j++) m = fmax(m, ld(a, f, j * sa));
    for (int64_t j = 0; j < L; j++) s += exp(ld(a, f, j * sa) - m);
    double lse = m + log(s);
    if (c->mode == JVP && os && as)
        for (int64_t j = 0; j < L; j++) dot += exp(ld(a, f, j * sa) - lse) * ld(as, f, j * sd);
    if (c->mode == VJP && os)
        for (int64_t j = 0; j < L; j++) dot += ld(os, f, j * sb) * (c->log ? 1 : exp(ld(a, f, j * sa) - lse));
    for (int64_t j = 0; j < L; j++) {
        double x = ld(a, f, j * sa), pj = exp(x - lse), y = c->log ? x - lse : pj;
        if (c->mode == JVP && os) {
            double d = as ? ld(as, f, j * sd) : 0;
            st(os, f, j * sb, c->log ? d - dot : pj * (d - dot));
        } else if (c->mode == VJP && os) {
            double g = ld(os, f, j * sb);
            st(os, f, j * sb, 0);
            if (as) st(as, f, j * sd, ld(as, f, j * sd) + (c->log ? g - pj * dot : pj * (g - dot)));
        }
        st(out, f, j * so, y);
    }
}

static void sm_row(void *vc, int64_t n, char **p, const int64_t *s) {
    const sm_ctx *c = vc;
    for (int64_t i = 0; i < n; i++) {
        char *q[4];
        for (int k = 0; k < 4; k++) q[k] = p[k] ? p[k] + i * s[k] : NULL;
        sm_one_row(c, q[0], q[1], q[2], q[3]);
    }
}

static cg_status sm_run(int log, int mode, cg_tensor *out, cg_tensor *out_s, const cg_tensor *a, cg_tensor *a_s,
                        int axis) {
    char op[32];
    snprintf(op, sizeof op, "%s%s", log ? "log_softmax" : "softmax", mode == JVP ? "_jvp" : mode == VJP ? "_vjp" : "");
    cg_status st;
    if ((st = cg_check_tensor(op, "out", out)) || (st = cg_check_tensor(op, "a", a)) ||
        (st = cg_check_dtype(op, "out", out, a->dtype)) || (st = cg_check_same_shape(op, "out", out, "a", a)) ||
        (st = cg_check_axis(op, a->ndim, &axis)))
        return st;
    if (mode != FWD && ((st = cg_check_shadow(op, mode == JVP ? "out_d" : "out_b", out_s, out)) ||
                        (st = cg_check_shadow(op, mode == JVP ? "a_d" : "a_b", a_s, a))))
        return st;
    if (mode == FWD) out_s = a_s = NULL;
    sm_ctx c = {log, mode, a->dtype == CG_DTYPE_F32, a->shape[axis], {0}};
    const cg_tensor *ops[4] = {a, out, a_s, out_s};
    cg_iter it;
    cg_iter_rows(&it, a, axis, 4, ops, c.as);
    if (c.len > 0) cg_iter_run(&it, sm_row, &c, 1);
    return CG_OK;
}

cg_status cg_softmax(cg_tensor *out, const cg_tensor *a, int axis) { return sm_run(0, FWD, out, NULL, a, NULL, axis); }
cg_status cg_softmax_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int axis) {
    return sm_run(0, JVP, out, out_d, a, (cg_tensor *)a_d, axis);
}
cg_status cg_softmax_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int axis) {
    return sm_run(0, VJP, out, out_b, a, a_b, axis);
}
cg_status cg_log_softmax(cg_tensor *out, const cg_tensor *a, int axis) {
    return sm_run(1, FWD, out, NULL, a, NULL, axis);
}
cg_status cg_log_softmax_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int axis) {
    return sm_run(1, JVP, out, out_d, a, (cg_tensor *)a_d, axis);
}
cg_status cg_log_softmax_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int axis) {
    return sm_run(1, VJP, out, out_b, a, a_b, axis);
}
