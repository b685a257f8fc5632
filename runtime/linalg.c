/*
 * The small relatives of matmul: dot, the generalized dot product (gdot),
 * outer, and a copying transpose, with their derivative rules.
 *
 * Each is expressed through machinery that already has tested rules: gdot
 * and dot through the fixed-order dot reduction (so their bits do not depend
 * on the thread count, unlike BLAS ddot), outer as a broadcast multiply of
 * (M,1) and (1,N) views, transpose as a copy of a transposed view.
 */
#include <stdio.h>

#include "internal.h"

enum { FWD, JVP, VJP };

static const char *mode_sfx(int mode) { return mode == JVP ? "_jvp" : mode == VJP ? "_vjp" : ""; }

/* Shadow checks for the (out, a, b) signature. */
static cg_status check_shadows(const char *op, int mode, const cg_tensor *out, const cg_tensor *out_s,
                               const cg_tensor *a, const cg_tensor *a_s, const cg_tensor *b, const cg_tensor *b_s) {
    if (mode == FWD) return CG_OK;
    int j = mode == JVP;
    cg_status st;
    if ((st = cg_check_shadow(op, j ? "out_d" : "out_b", out_s, out)) ||
        (st = cg_check_shadow(op, j ? "a_d" : "a_b", a_s, a)))
        return st;
    return b ? cg_check_shadow(op, j ? "b_d" : "b_b", b_s, b) : CG_OK;
}

static cg_status gdot_run(int vector, int mode, cg_tensor *out, cg_tensor *out_s, const cg_tensor *a, cg_tensor *a_s,
                          const cg_tensor *b, cg_tensor *b_s) {
    char op[24];
    snprintf(op, sizeof op, "%s%s", vector ? "dot" : "gdot", mode_sfx(mode));
    cg_status st;
    if ((st = cg_check_tensor(op, "out", out)) || (st = cg_check_tensor(op, "a", a)) ||
        (st = cg_check_tensor(op, "b", b)) || (st = cg_check_dtype(op, "a", a, out->dtype)) ||
        (st = cg_check_dtype(op, "b", b, out->dtype)))
        return st;
    if (vector && (a->ndim != 1 || b->ndim != 1))
        return cg_set_error(CG_ERR_SHAPE, "%s: a and b must be 1-D, got %s and %s", op, CG_SHAPE(a), CG_SHAPE(b));
    if ((st = cg_check_same_shape(op, "a", a, "b", b))) return st;
    if (cg_tensor_numel(out) != 1)
        return cg_set_error(CG_ERR_SHAPE, "%s: out shape %s is not a single element", op, CG_SHAPE(out));
    if ((st = check_shadows(op, mode, out, out_s, a, a_s, b, b_s))) return st;
    double y, d = 0, t;
    if ((st = cg_dot_all(op, a, b, &y))) return st;
    if (mode == JVP && out_s) {
        if (a_s && (st = cg_dot_all(op, a_s, b, &t)) == CG_OK) d += t;
        if (b_s && !st && (st = cg_dot_all(op, a, b_s, &t)) == CG_OK) d += t;
        if (st) return st;
        cg_tensor_fill(out_s, d);
    }
    if (mode == VJP && out_s) {
        cg_tensor_copy_to(out_s, &d);
        cg_tensor_zero(out_s);
        if (a_s) cg_axpy(a_s, d, b);
        if (b_s) cg_axpy(b_s, d, a);
    }
    return cg_tensor_fill(out, y);
}

cg_status cg_gdot(cg_tensor *out, const cg_tensor *a, const cg_tensor *b) {
    return gdot_run(0, FWD, out, NULL, a, NULL, b, NULL);
}
cg_status cg_gdot_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                      const cg_tensor *b_d) {
    return gdot_run(0, JVP, out, out_d, a, (cg_tensor *)a_d, b, (cg_tensor *)b_d);
}
cg_status cg_gdot_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b,
                      cg_tensor *b_b) {
    return gdot_run(0, VJP, out, out_b, a, a_b, b, b_b);
}
cg_status cg_dot(cg_tensor *out, const cg_tensor *a, const cg_tensor *b) {
    return gdot_run(1, FWD, out, NULL, a, NULL, b, NULL);
}
cg_status cg_dot_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                     const cg_tensor *b_d) {
    return gdot_run(1, JVP, out, out_d, a, (cg_tensor *)a_d, b, (cg_tensor *)b_d);
}
cg_status cg_dot_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b,
                     cg_tensor *b_b) {
    return gdot_run(1, VJP, out, out_b, a, a_b, b, b_b);
}

/* A 1-D vector as an (n,1) column (col = 1) or a (1,n) row, sharing storage. */
static cg_tensor *as_2d(cg_tensor *view, const cg_tensor *v, int col) {
    if (!v) return NULL;
    *view = *v;
    view->storage = NULL;
    view->flags = 0;
    view->ndim = 2;
    view->shape[col ? 0 : 1] = v->shape[0];
    view->strides[col ? 0 : 1] = v->strides[0];
    view->shape[col ? 1 : 0] = 1;
    view->strides[col ? 1 : 0] = 0;
    return view;
}

static cg_status outer_run(int mode, cg_tensor *out, cg_tensor *out_s, const cg_tensor *a, cg_tensor *a_s,
                           const cg_tensor *b, cg_tensor *b_s) {
    char op[24];
    snprintf(op, sizeof op, "outer%s", mode_sfx(mode));
    cg_status st;
    if ((st = cg_check_tensor(op, "out", out)) || (st = cg_check_tensor(op, "a", a)) ||
        (st = cg_check_tensor(op, "b", b)))
        return st;
    if (a->ndim != 1 || b->ndim != 1)
        return cg_set_error(CG_ERR_SHAPE, "%s: a and b must be 1-D, got %s and %s", op, CG_SHAPE(a), CG_SHAPE(b));
    if (out->ndim != 2 || out->shape[0] != a->shape[0] || out->shape[1] != b->shape[0])
        return cg_set_error(CG_ERR_SHAPE, "%s: out shape %s != (%lld,%lld)", op, CG_SHAPE(out),
                            (long long)a->shape[0], (long long)b->shape[0]);
    if ((st = check_shadows(op, mode, out, out_s, a, a_s, b, b_s))) return st;
    cg_tensor va, vb, vas, vbs;
    as_2d(&va, a, 1);
    as_2d(&vb, b, 0);
    if (mode == FWD) return cg_mul(out, &va, &vb);
    if (mode == JVP) return cg_mul_jvp(out, out_s, &va, as_2d(&vas, a_s, 1), &vb, as_2d(&vbs, b_s, 0));
    return cg_mul_vjp(out, out_s, &va, as_2d(&vas, a_s, 1), &vb, as_2d(&vbs, b_s, 0));
}

cg_status cg_outer(cg_tensor *out, const cg_tensor *a, const cg_tensor *b) {
    return outer_run(FWD, out, NULL, a, NULL, b, NULL);
}
cg_status cg_outer_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                       const cg_tensor *b_d) {
    return outer_run(JVP, out, out_d, a, (cg_tensor *)a_d, b, (cg_tensor *)b_d);
}
cg_status cg_outer_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b,
                       cg_tensor *b_b) {
    return outer_run(VJP, out, out_b, a, a_b, b, b_b);
}

static cg_status transpose_run(int mode, cg_tensor *out, cg_tensor *out_s, const cg_tensor *a, cg_tensor *a_s) {
    char op[24];
    snprintf(op, sizeof op, "transpose%s", mode_sfx(mode));
    cg_status st;
    if ((st = cg_check_tensor(op, "out", out)) || (st = cg_check_tensor(op, "a", a))) return st;
    if (a->ndim < 2) return cg_set_error(CG_ERR_SHAPE, "%s: a must be at least 2-D, got %s", op, CG_SHAPE(a));
    if ((st = check_shadows(op, mode, out, out_s, a, a_s, NULL, NULL))) return st;
    cg_tensor at, ats;
    cg_tensor_transpose(&at, a, -1, -2);
    if ((st = cg_check_same_shape(op, "out", out, "a^T", &at))) return st;
    if (a_s) cg_tensor_transpose(&ats, a_s, -1, -2);
    if (mode == FWD) return cg_copy(out, &at);
    if (mode == JVP) return cg_copy_jvp(out, out_s, &at, a_s ? &ats : NULL);
    return cg_copy_vjp(out, out_s, &at, a_s ? &ats : NULL);
}

cg_status cg_transpose(cg_tensor *out, const cg_tensor *a) { return transpose_run(FWD, out, NULL, a, NULL); }
cg_status cg_transpose_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d) {
    return transpose_run(JVP, out, out_d, a, (cg_tensor *)a_d);
}
cg_status cg_transpose_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b) {
    return transpose_run(VJP, out, out_b, a, a_b);
}
