/*
 * Operations driven by integer arrays: gather, one-hot and cross-entropy
 * with labels, and their derivative rules.
 *
 * Indices are validated before anything is written, so a bad index leaves
 * every tensor untouched.  gather's adjoint is a scatter-add; repeated
 * indices make several seeds land on one element, so each row along the
 * axis is handled by one thread in index order (deterministic, no atomics),
 * and rows are spread over threads.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

enum { FWD, JVP, VJP };

static cg_status check_indices(const char *op, const char *what, const int64_t *idx, int64_t n, int64_t extent) {
    if (!idx && n > 0) return cg_set_error(CG_ERR_NULL, "%s: argument '%s' is NULL", op, what);
    for (int64_t j = 0; j < n; j++)
        if (idx[j] < 0 || idx[j] >= extent)
            return cg_set_error(CG_ERR_ARG, "%s: %s %lld of row %lld outside [0, %lld)", op,
                                strcmp(what, "labels") ? "index" : "label", (long long)idx[j], (long long)j,
                                (long long)extent);
    return CG_OK;
}

static const char *sfx(int mode) { return mode == JVP ? "_jvp" : mode == VJP ? "_vjp" : ""; }

typedef struct gather_ctx {
    int mode, f32;
    int64_t n, as[4];     /* element strides along the axis: out, out_s, a, a_s */
    const int64_t *index;
} gather_ctx;

static double ld(const char *p, int f32, int64_t i) { return f32 ? ((const float *)p)[i] : ((const double *)p)[i]; }
static void st(char *p, int f32, int64_t i, double v) {
    if (f32) ((float *)p)[i] = (float)v;
    else ((double *)p)[i] = v;
}

static void gather_row(void *vc, int64_t rows, char **p, const int64_t *s) {
    const gather_ctx *c = vc;
    int f = c->f32;
    for (int64_t r = 0; r < rows; r++) {
        char *o = p[0] + r * s[0], *os = p[1] ? p[1] + r * s[1] : NULL;
        char *a = p[2] + r * s[2], *as = p[3] ? p[3] + r * s[3] : NULL;
        for (int64_t j = 0; j < c->n; j++) {
            int64_t ia = c->index[j] * c->as[2], io = j * c->as[0];
            if (c->mode == JVP && os) st(os, f, j * c->as[1], as ? ld(as, f, c->index[j] * c->as[3]) : 0);
            if (c->mode == VJP && os) {
                double g = ld(os, f, j * c->as[1]);
                st(os, f, j * c->as[1], 0);
                if (as) st(as, f, c->index[j] * c->as[3], ld(as, f, c->index[j] * c->as[3]) + g);
            }
            st(o, f, io, ld(a, f, ia));
        }
    }
}

static cg_status gather_run(int mode, cg_tensor *out, cg_tensor *out_s, const cg_tensor *a, cg_tensor *a_s, int axis,
                            const int64_t *index) {
    char op[24];
    snprintf(op, sizeof op, "gather%s", sfx(mode));
    cg_status s;
    if ((s = cg_check_tensor(op, "out", out)) || (s = cg_check_tensor(op, "a", a)) ||
        (s = cg_check_dtype(op, "out", out, a->dtype)) || (s = cg_check_axis(op, a->ndim, &axis)))
        return s;
    int64_t want[CG_MAX_DIMS];
    memcpy(want, a->shape, sizeof want);
    want[axis] = out->ndim == a->ndim ? out->shape[axis] : 0;
    int same = out->ndim == a->ndim;
    for (int i = 0; same && i < a->ndim; i++) same = out->shape[i] == want[i];
    if (!same)
        return cg_set_error(CG_ERR_SHAPE, "%s: out shape %s != %s (a's shape, any extent on axis %d)", op,
                            CG_SHAPE(out), cg_shape_str((char[CG_SHAPE_STR]){0}, a->ndim, want), axis);
    if (mode != FWD && ((s = cg_check_shadow(op, mode == JVP ? "out_d" : "out_b", out_s, out)) ||
                        (s = cg_check_shadow(op, mode == JVP ? "a_d" : "a_b", a_s, a))))
        return s;
    if ((s = check_indices(op, "index", index, out->shape[axis], a->shape[axis]))) return s;
    gather_ctx c = {mode, a->dtype == CG_DTYPE_F32, out->shape[axis], {0}, index};
    const cg_tensor *ops[4] = {out, mode == FWD ? NULL : out_s, a, mode == FWD ? NULL : a_s};
    cg_iter it;
    cg_iter_rows(&it, out, axis, 4, ops, c.as);
    if (c.n > 0) cg_iter_run(&it, gather_row, &c, 1);
    return CG_OK;
}

cg_status cg_gather(cg_tensor *out, const cg_tensor *a, int axis, const int64_t *index) {
    return gather_run(FWD, out, NULL, a, NULL, axis, index);
}
cg_status cg_gather_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int axis,
                        const int64_t *index) {
    return gather_run(JVP, out, out_d, a, (cg_tensor *)a_d, axis, index);
}
cg_status cg_gather_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int axis,
                        const int64_t *index) {
    return gather_run(VJP, out, out_b, a, a_b, axis, index);
}

static cg_status one_hot_run(int mode, cg_tensor *out, cg_tensor *out_s, const int64_t *labels) {
    char op[24];
    snprintf(op, sizeof op, "one_hot%s", sfx(mode));
    cg_status s;
    if ((s = cg_check_tensor(op, "out", out))) return s;
    if (out->ndim != 2) return cg_set_error(CG_ERR_SHAPE, "%s: out must be 2-D (N, C), got %s", op, CG_SHAPE(out));
    if (mode != FWD && (s = cg_check_shadow(op, mode == JVP ? "out_d" : "out_b", out_s, out))) return s;
    if ((s = check_indices(op, "labels", labels, out->shape[0], out->shape[1]))) return s;
    cg_tensor_zero(out);
    for (int64_t i = 0; i < out->shape[0]; i++) cg_tensor_set(out, (int64_t[]){i, labels[i]}, 1.0);
    if (out_s) cg_tensor_zero(out_s);
    return CG_OK;
}

cg_status cg_one_hot(cg_tensor *out, const int64_t *labels) { return one_hot_run(FWD, out, NULL, labels); }
cg_status cg_one_hot_jvp(cg_tensor *out, cg_tensor *out_d, const int64_t *labels) {
    return one_hot_run(JVP, out, out_d, labels);
}
cg_status cg_one_hot_vjp(cg_tensor *out, cg_tensor *out_b, const int64_t *labels) {
    return one_hot_run(VJP, out, out_b, labels);
}

static cg_status xent_run(int mode, cg_tensor *out, cg_tensor *out_s, const cg_tensor *logp, cg_tensor *logp_s,
                          const int64_t *labels) {
    char op[32];
    snprintf(op, sizeof op, "cross_entropy%s", sfx(mode));
    cg_status s;
    if ((s = cg_check_tensor(op, "out", out)) || (s = cg_check_tensor(op, "logp", logp)) ||
        (s = cg_check_dtype(op, "out", out, logp->dtype)))
        return s;
    if (logp->ndim != 2) return cg_set_error(CG_ERR_SHAPE, "%s: logp must be 2-D (N, C), got %s", op, CG_SHAPE(logp));
    if (cg_tensor_numel(out) != 1)
        return cg_set_error(CG_ERR_SHAPE, "%s: out shape %s is not a single element", op, CG_SHAPE(out));
    if (mode != FWD && ((s = cg_check_shadow(op, mode == JVP ? "out_d" : "out_b", out_s, out)) ||
                        (s = cg_check_shadow(op, mode == JVP ? "logp_d" : "logp_b", logp_s, logp))))
        return s;
    int64_t n = logp->shape[0];
    if ((s = check_indices(op, "labels", labels, n, logp->shape[1]))) return s;
    double y = 0, d = 0, g = 0;
    for (int64_t i = 0; i < n; i++) {
        int64_t at[2] = {i, labels[i]};
        y -= cg_tensor_get(logp, at);
        if (mode == JVP && logp_s) d -= cg_tensor_get(logp_s, at);
    }
    if (n > 0) {
        y /= (double)n;
        d /= (double)n;
    }
    if (mode == JVP && out_s) cg_tensor_fill(out_s, d);
    if (mode == VJP && out_s) {
        cg_tensor_copy_to(out_s, &g);
        cg_tensor_zero(out_s);
        for (int64_t i = 0; logp_s && i < n; i++) {
            int64_t at[2] = {i, labels[i]};
            cg_tensor_set(logp_s, at, cg_tensor_get(logp_s, at) - g / (double)n);
        }
    }
    return cg_tensor_fill(out, y);
}

cg_status cg_cross_entropy(cg_tensor *out, const cg_tensor *logp, const int64_t *labels) {
    return xent_run(FWD, out, NULL, logp, NULL, labels);
}
cg_status cg_cross_entropy_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *logp, const cg_tensor *logp_d,
                               const int64_t *labels) {
    return xent_run(JVP, out, out_d, logp, (cg_tensor *)logp_d, labels);
}
cg_status cg_cross_entropy_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *logp, cg_tensor *logp_b,
                               const int64_t *labels) {
    return xent_run(VJP, out, out_b, logp, logp_b, labels);
}
