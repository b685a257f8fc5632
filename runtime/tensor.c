/*
 * Tensors: creation, release, element access, views, and the argument checks
 * every operation starts with.
 *
 * Owned storage is one aligned_alloc'd block (64-byte aligned, zero-filled),
 * so a fresh tensor is a valid zero tangent or adjoint.  Views only rewrite
 * shape, strides and the data pointer; they never touch storage, which is why
 * they cannot fail for lack of memory and need no free.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

size_t cg_dtype_size(cg_dtype dtype) { return dtype == CG_DTYPE_F32 ? sizeof(float) : sizeof(double); }
const char *cg_dtype_name(cg_dtype dtype) { return dtype == CG_DTYPE_F32 ? "f32" : "f64"; }

const char *cg_shape_str(char *buf, int ndim, const int64_t *shape) {
    int len = 0;
    buf[len++] = '(';
    for (int i = 0; i < ndim; i++)
        len += snprintf(buf + len, (size_t)(CG_SHAPE_STR - len), i ? ",%lld" : "%lld", (long long)shape[i]);
    buf[len++] = ')';
    buf[len] = '\0';
    return buf;
}

/* Validates ndim and the extents and returns the element count in *numel. */
static cg_status check_dims(const char *op, int ndim, const int64_t *shape, int64_t *numel) {
    if (ndim < 0 || ndim > CG_MAX_DIMS)
        return cg_set_error(CG_ERR_ARG, "%s: ndim %d outside [0, %d]", op, ndim, CG_MAX_DIMS);
    if (ndim > 0 && !shape) return cg_set_error(CG_ERR_NULL, "%s: argument 'shape' is NULL", op);
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0) return cg_set_error(CG_ERR_ARG, "%s: extent %lld of axis %d is negative", op, (long long)shape[i], i);
        if (shape[i] && n > INT64_MAX / 8 / shape[i])
            return cg_set_error(CG_ERR_ARG, "%s: shape %s is too large", op, cg_shape_str((char[CG_SHAPE_STR]){0}, ndim, shape));
        n *= shape[i];
    }
    *numel = n;
    return CG_OK;
}

static void set_contiguous(cg_tensor *t, cg_dtype dtype, int ndim, const int64_t *shape) {
    memset(t, 0, sizeof *t);
    t->dtype = dtype;
    t->ndim = ndim;
    int64_t stride = 1;
    for (int i = ndim - 1; i >= 0; i--) {
        t->shape[i] = shape[i];
        t->strides[i] = stride;
        stride *= shape[i];
    }
}

cg_status cg_tensor_new(cg_tensor **out, cg_dtype dtype, int ndim, const int64_t *shape) {
    if (!out) return cg_set_error(CG_ERR_NULL, "tensor_new: argument 'out' is NULL");
    *out = NULL;
    int64_t n;
    cg_status st = check_dims("tensor_new", ndim, shape, &n);
    if (st) return st;
    if (dtype != CG_DTYPE_F32 && dtype != CG_DTYPE_F64)
        return cg_set_error(CG_ERR_DTYPE, "tensor_new: unknown dtype %d", (int)dtype);
    size_t bytes = (size_t)n * cg_dtype_size(dtype);
    bytes = (bytes + CG_ALIGN - 1) / CG_ALIGN * CG_ALIGN;   /* aligned_alloc wants a multiple */
    if (bytes == 0) bytes = CG_ALIGN;
    cg_tensor *t = malloc(sizeof *t);
    void *data = aligned_alloc(CG_ALIGN, bytes);
    if (!t || !data) {
        free(t);
        free(data);
        return cg_set_error(CG_ERR_NOMEM, "tensor_new: cannot allocate %zu bytes for shape %s", bytes,
                            cg_shape_str((char[CG_SHAPE_STR]){0}, ndim, shape));
    }
    memset(data, 0, bytes);
    set_contiguous(t, dtype, ndim, shape);
    t->data = t->storage = data;
    t->flags = CG_TENSOR_OWNED;
    *out = t;
    return CG_OK;
}

cg_status cg_tensor_new_like(cg_tensor **out, const cg_tensor *like) {
    cg_status st = cg_check_tensor("tensor_new_like", "like", like);
    if (st) return st;
    return cg_tensor_new(out, like->dtype, like->ndim, like->shape);
}

void cg_tensor_free(cg_tensor *t) {
    if (!t || (t->flags & CG_TENSOR_ARENA)) return;
    if (t->flags & CG_TENSOR_OWNED) {
        free(t->storage);
        free(t);
    }
}

cg_status cg_tensor_wrap(cg_tensor *t, cg_dtype dtype, int ndim, const int64_t *shape, void *data) {
    if (!t) return cg_set_error(CG_ERR_NULL, "tensor_wrap: argument 't' is NULL");
    if (!data) return cg_set_error(CG_ERR_NULL, "tensor_wrap: argument 'data' is NULL");
    int64_t n;
    cg_status st = check_dims("tensor_wrap", ndim, shape, &n);
    if (st) return st;
    set_contiguous(t, dtype, ndim, shape);
    t->data = data;
    return CG_OK;
}

int64_t cg_tensor_numel(const cg_tensor *t) {
    int64_t n = 1;
    for (int i = 0; i < t->ndim; i++) n *= t->shape[i];
    return n;
}

int cg_tensor_is_contiguous(const cg_tensor *t) {
    int64_t stride = 1;
    for (int i = t->ndim - 1; i >= 0; i--) {
        if (t->shape[i] != 1 && t->strides[i] != stride) return 0;
        stride *= t->shape[i];
    }
    return 1;
}

static int64_t offset_of(const cg_tensor *t, const int64_t *idx) {
    int64_t off = 0;
    for (int i = 0; i < t->ndim; i++) off += idx[i] * t->strides[i];
    return off;
}

double cg_tensor_get(const cg_tensor *t, const int64_t *idx) {
    int64_t off = offset_of(t, idx);
    return t->dtype == CG_DTYPE_F32 ? (double)((const float *)t->data)[off] : ((const double *)t->data)[off];
}

void cg_tensor_set(cg_tensor *t, const int64_t *idx, double value) {
    int64_t off = offset_of(t, idx);
    if (t->dtype == CG_DTYPE_F32)
        ((float *)t->data)[off] = (float)value;
    else
        ((double *)t->data)[off] = value;
}

double cg_tensor_get_jvp(const cg_tensor *t, const cg_tensor *t_d, const int64_t *idx, double *ret_d) {
    *ret_d = t_d ? cg_tensor_get(t_d, idx) : 0.0;
    return cg_tensor_get(t, idx);
}

double cg_tensor_get_vjp(const cg_tensor *t, cg_tensor *t_b, const int64_t *idx, double ret_b) {
    if (t_b) cg_tensor_set(t_b, idx, cg_tensor_get(t_b, idx) + ret_b);
    return cg_tensor_get(t, idx);
}

void cg_tensor_set_jvp(cg_tensor *t, cg_tensor *t_d, const int64_t *idx, double value, double value_d) {
    cg_tensor_set(t, idx, value);
    if (t_d) cg_tensor_set(t_d, idx, value_d);
}

/* The element's old value is overwritten, so its adjoint moves into value
 * and what arrives at the old value is zero. */
void cg_tensor_set_vjp(cg_tensor *t, cg_tensor *t_b, const int64_t *idx, double value, double *value_b) {
    cg_tensor_set(t, idx, value);
    if (!t_b) return;
    if (value_b) *value_b += cg_tensor_get(t_b, idx);
    cg_tensor_set(t_b, idx, 0.0);
}

/* Visits every element in row-major order; fn gets the element's offset and
 * its row-major position. */
static void for_each_offset(const cg_tensor *t, void (*fn)(const cg_tensor *, int64_t off, int64_t pos, void *),
                            void *ctx) {
    int64_t n = cg_tensor_numel(t), idx[CG_MAX_DIMS] = {0}, off = 0;
    for (int64_t pos = 0; pos < n; pos++) {
        fn(t, off, pos, ctx);
        for (int d = t->ndim - 1; d >= 0; d--) {
            off += t->strides[d];
            if (++idx[d] < t->shape[d]) break;
            off -= idx[d] * t->strides[d];
            idx[d] = 0;
        }
    }
}

static void store(const cg_tensor *t, int64_t off, double v) {
    if (t->dtype == CG_DTYPE_F32)
        ((float *)t->data)[off] = (float)v;
    else
        ((double *)t->data)[off] = v;
}
static double load(const cg_tensor *t, int64_t off) {
    return t->dtype == CG_DTYPE_F32 ? (double)((const float *)t->data)[off] : ((const double *)t->data)[off];
}
static void fill_one(const cg_tensor *t, int64_t off, int64_t pos, void *v) {
    (void)pos;
    store(t, off, *(double *)v);
}
static void copy_in_one(const cg_tensor *t, int64_t off, int64_t pos, void *src) { store(t, off, ((const double *)src)[pos]); }
static void copy_out_one(const cg_tensor *t, int64_t off, int64_t pos, void *dst) { ((double *)dst)[pos] = load(t, off); }

cg_status cg_tensor_fill(cg_tensor *t, double value) {
    cg_status st = cg_check_tensor("tensor_fill", "t", t);
    if (st) return st;
    if (value == 0 && cg_tensor_is_contiguous(t))
        memset(t->data, 0, (size_t)cg_tensor_numel(t) * cg_dtype_size(t->dtype));
    else
        for_each_offset(t, fill_one, &value);
    return CG_OK;
}

cg_status cg_tensor_zero(cg_tensor *t) { return cg_tensor_fill(t, 0.0); }

cg_status cg_tensor_copy_from(cg_tensor *t, const double *src) {
    cg_status st = cg_check_tensor("tensor_copy_from", "t", t);
    if (st) return st;
    if (!src) return cg_set_error(CG_ERR_NULL, "tensor_copy_from: argument 'src' is NULL");
    for_each_offset(t, copy_in_one, (void *)src);
    return CG_OK;
}

cg_status cg_tensor_copy_to(const cg_tensor *t, double *dst) {
    cg_status st = cg_check_tensor("tensor_copy_to", "t", t);
    if (st) return st;
    if (!dst) return cg_set_error(CG_ERR_NULL, "tensor_copy_to: argument 'dst' is NULL");
    for_each_offset(t, copy_out_one, dst);
    return CG_OK;
}

/* ---- views ------------------------------------------------------------------ */

/* Copies src into *view as a non-owning alias (view may equal src). */
static void alias(cg_tensor *view, const cg_tensor *src) {
    if (view != src) *view = *src;
    view->storage = NULL;
    view->flags = 0;
}

cg_status cg_tensor_reshape(cg_tensor *view, const cg_tensor *src, int ndim, const int64_t *shape) {
    cg_status st;
    if (!view) return cg_set_error(CG_ERR_NULL, "reshape: argument 'view' is NULL");
    if ((st = cg_check_tensor("reshape", "src", src))) return st;
    if (ndim < 0 || ndim > CG_MAX_DIMS)
        return cg_set_error(CG_ERR_ARG, "reshape: ndim %d outside [0, %d]", ndim, CG_MAX_DIMS);
    if (ndim > 0 && !shape) return cg_set_error(CG_ERR_NULL, "reshape: argument 'shape' is NULL");
    if (!cg_tensor_is_contiguous(src))
        return cg_set_error(CG_ERR_ARG, "reshape: source of shape %s is not contiguous", CG_SHAPE(src));
    int64_t want[CG_MAX_DIMS], known = 1, n = cg_tensor_numel(src);
    int infer = -1;
    for (int i = 0; i < ndim; i++) {
        want[i] = shape[i];
        if (shape[i] == -1) {
            if (infer >= 0) return cg_set_error(CG_ERR_ARG, "reshape: more than one extent is -1");
            infer = i;
        } else if (shape[i] < 0) {
            return cg_set_error(CG_ERR_ARG, "reshape: extent %lld of axis %d is negative", (long long)shape[i], i);
        } else {
            known *= shape[i];
        }
    }
    if (infer >= 0 && known > 0 && n % known == 0) want[infer] = n / known;
    if ((infer >= 0 && (known == 0 || n % known)) || (infer < 0 && known != n))
        return cg_set_error(CG_ERR_SHAPE, "reshape: cannot view %s (%lld elements) as %s", CG_SHAPE(src),
                            (long long)n, cg_shape_str((char[CG_SHAPE_STR]){0}, ndim, shape));
    void *data = src->data;
    cg_dtype dtype = src->dtype;
    const char *name = src->name;
    set_contiguous(view, dtype, ndim, want);
    view->data = data;
    view->name = name;
    return CG_OK;
}

cg_status cg_tensor_permute(cg_tensor *view, const cg_tensor *src, const int *perm) {
    cg_status st;
    if (!view) return cg_set_error(CG_ERR_NULL, "permute: argument 'view' is NULL");
    if ((st = cg_check_tensor("permute", "src", src))) return st;
    if (!perm && src->ndim > 0) return cg_set_error(CG_ERR_NULL, "permute: argument 'perm' is NULL");
    int seen[CG_MAX_DIMS] = {0};
    for (int i = 0; i < src->ndim; i++) {
        if (perm[i] < 0 || perm[i] >= src->ndim || seen[perm[i]]++)
            return cg_set_error(CG_ERR_ARG, "permute: perm is not a permutation of 0..%d", src->ndim - 1);
    }
    cg_tensor t = *src;
    for (int i = 0; i < src->ndim; i++) {
        t.shape[i] = src->shape[perm[i]];
        t.strides[i] = src->strides[perm[i]];
    }
    alias(view, &t);
    return CG_OK;
}

cg_status cg_tensor_transpose(cg_tensor *view, const cg_tensor *src, int axis0, int axis1) {
    cg_status st;
    if (!view) return cg_set_error(CG_ERR_NULL, "transpose: argument 'view' is NULL");
    if ((st = cg_check_tensor("transpose", "src", src))) return st;
    if ((st = cg_check_axis("transpose", src->ndim, &axis0)) || (st = cg_check_axis("transpose", src->ndim, &axis1)))
        return st;
    int perm[CG_MAX_DIMS];
    for (int i = 0; i < src->ndim; i++) perm[i] = i;
    perm[axis0] = axis1;
    perm[axis1] = axis0;
    return cg_tensor_permute(view, src, perm);
}

cg_status cg_tensor_slice(cg_tensor *view, const cg_tensor *src, int axis, int64_t start, int64_t stop, int64_t step) {
    cg_status st;
    if (!view) return cg_set_error(CG_ERR_NULL, "slice: argument 'view' is NULL");
    if ((st = cg_check_tensor("slice", "src", src))) return st;
    if ((st = cg_check_axis("slice", src->ndim, &axis))) return st;
    if (step == 0) return cg_set_error(CG_ERR_ARG, "slice: step is 0");
    int64_t n = src->shape[axis], count;
    /* Python's slice.indices(): negative bounds count from the end, then clamp. */
    if (start < 0) start += n;
    if (stop < 0) stop += n;
    if (step > 0) {
        start = start < 0 ? 0 : start > n ? n : start;
        stop = stop < 0 ? 0 : stop > n ? n : stop;
        count = stop > start ? (stop - start + step - 1) / step : 0;
    } else {
        start = start < 0 ? -1 : start > n - 1 ? n - 1 : start;
        stop = stop < -1 ? -1 : stop > n - 1 ? n - 1 : stop;
        count = start > stop ? (start - stop - step - 1) / -step : 0;
    }
    cg_tensor t = *src;
    if (count > 0)
        t.data = (char *)src->data + start * src->strides[axis] * (int64_t)cg_dtype_size(src->dtype);
    t.shape[axis] = count;
    t.strides[axis] = src->strides[axis] * step;
    alias(view, &t);
    return CG_OK;
}

/* The view's shadow is the same view of the source's shadow. */
#define VIEW_SHADOW(call_primal, call_shadow, shadow, src_shadow)   \
    do {                                                             \
        cg_status st_ = call_primal;                                 \
        if (st_ || !(shadow) || !(src_shadow)) return st_;           \
        return call_shadow;                                          \
    } while (0)

cg_status cg_tensor_reshape_jvp(cg_tensor *view, cg_tensor *view_d, const cg_tensor *src, const cg_tensor *src_d,
                                int ndim, const int64_t *shape) {
    VIEW_SHADOW(cg_tensor_reshape(view, src, ndim, shape), cg_tensor_reshape(view_d, src_d, ndim, shape), view_d,
                src_d);
}
cg_status cg_tensor_reshape_vjp(cg_tensor *view, cg_tensor *view_b, const cg_tensor *src, cg_tensor *src_b,
                                int ndim, const int64_t *shape) {
    VIEW_SHADOW(cg_tensor_reshape(view, src, ndim, shape), cg_tensor_reshape(view_b, src_b, ndim, shape), view_b,
                src_b);
}
cg_status cg_tensor_permute_jvp(cg_tensor *view, cg_tensor *view_d, const cg_tensor *src, const cg_tensor *src_d,
                                const int *perm) {
    VIEW_SHADOW(cg_tensor_permute(view, src, perm), cg_tensor_permute(view_d, src_d, perm), view_d, src_d);
}
cg_status cg_tensor_permute_vjp(cg_tensor *view, cg_tensor *view_b, const cg_tensor *src, cg_tensor *src_b,
                                const int *perm) {
    VIEW_SHADOW(cg_tensor_permute(view, src, perm), cg_tensor_permute(view_b, src_b, perm), view_b, src_b);
}
cg_status cg_tensor_transpose_jvp(cg_tensor *view, cg_tensor *view_d, const cg_tensor *src, const cg_tensor *src_d,
                                  int axis0, int axis1) {
    VIEW_SHADOW(cg_tensor_transpose(view, src, axis0, axis1), cg_tensor_transpose(view_d, src_d, axis0, axis1),
                view_d, src_d);
}
cg_status cg_tensor_transpose_vjp(cg_tensor *view, cg_tensor *view_b, const cg_tensor *src, cg_tensor *src_b,
                                  int axis0, int axis1) {
    VIEW_SHADOW(cg_tensor_transpose(view, src, axis0, axis1), cg_tensor_transpose(view_b, src_b, axis0, axis1),
                view_b, src_b);
}
cg_status cg_tensor_slice_jvp(cg_tensor *view, cg_tensor *view_d, const cg_tensor *src, const cg_tensor *src_d,
                              int axis, int64_t start, int64_t stop, int64_t step) {
    VIEW_SHADOW(cg_tensor_slice(view, src, axis, start, stop, step),
                cg_tensor_slice(view_d, src_d, axis, start, stop, step), view_d, src_d);
}
cg_status cg_tensor_slice_vjp(cg_tensor *view, cg_tensor *view_b, const cg_tensor *src, cg_tensor *src_b, int axis,
                              int64_t start, int64_t stop, int64_t step) {
    VIEW_SHADOW(cg_tensor_slice(view, src, axis, start, stop, step),
                cg_tensor_slice(view_b, src_b, axis, start, stop, step), view_b, src_b);
}

/* ---- checks shared by every operation --------------------------------------- */

cg_status cg_check_tensor(const char *op, const char *name, const cg_tensor *t) {
    if (!t) return cg_set_error(CG_ERR_NULL, "%s: argument '%s' is NULL", op, name);
    if (t->ndim < 0 || t->ndim > CG_MAX_DIMS)
        return cg_set_error(CG_ERR_ARG, "%s: '%s' has ndim %d outside [0, %d]", op, name, t->ndim, CG_MAX_DIMS);
    if (t->dtype != CG_DTYPE_F32 && t->dtype != CG_DTYPE_F64)
        return cg_set_error(CG_ERR_DTYPE, "%s: '%s' has unknown dtype %d", op, name, (int)t->dtype);
    if (!t->data && cg_tensor_numel(t) > 0) return cg_set_error(CG_ERR_NULL, "%s: '%s' has no data", op, name);
    return CG_OK;
}

cg_status cg_check_dtype(const char *op, const char *name, const cg_tensor *t, cg_dtype want) {
    if (t->dtype != want)
        return cg_set_error(CG_ERR_DTYPE, "%s: '%s' is %s, expected %s", op, name, cg_dtype_name(t->dtype),
                            cg_dtype_name(want));
    return CG_OK;
}

int cg_same_shape(const cg_tensor *a, const cg_tensor *b) {
    if (a->ndim != b->ndim) return 0;
    for (int i = 0; i < a->ndim; i++)
        if (a->shape[i] != b->shape[i]) return 0;
    return 1;
}

cg_status cg_check_same_shape(const char *op, const char *name, const cg_tensor *t, const char *ref_name,
                              const cg_tensor *ref) {
    if (!cg_same_shape(t, ref))
        return cg_set_error(CG_ERR_SHAPE, "%s: '%s' shape %s != '%s' shape %s", op, name, CG_SHAPE(t), ref_name,
                            CG_SHAPE(ref));
    return CG_OK;
}

cg_status cg_check_shadow(const char *op, const char *name, const cg_tensor *shadow, const cg_tensor *primal) {
    cg_status st;
    if (!shadow) return CG_OK;
    if ((st = cg_check_tensor(op, name, shadow)) || (st = cg_check_dtype(op, name, shadow, primal->dtype)))
        return st;
    if (!cg_same_shape(shadow, primal))
        return cg_set_error(CG_ERR_SHAPE, "%s: '%s' shape %s != its primal's shape %s", op, name, CG_SHAPE(shadow),
                            CG_SHAPE(primal));
    return CG_OK;
}

cg_status cg_check_axis(const char *op, int ndim, int *axis) {
    int a = *axis < 0 ? *axis + ndim : *axis;
    if (a < 0 || a >= ndim) return cg_set_error(CG_ERR_ARG, "%s: axis %d out of range for %d dims", op, *axis, ndim);
    *axis = a;
    return CG_OK;
}

cg_status cg_tmp_new(const char *op, cg_tensor **out, cg_dtype dtype, int ndim, const int64_t *shape) {
    cg_status st = cg_tensor_new(out, dtype, ndim, shape);
    if (st == CG_ERR_NOMEM) cg_set_error(st, "%s: out of memory for a temporary of shape %s", op,
                                         cg_shape_str((char[CG_SHAPE_STR]){0}, ndim, shape));
    return st;
}

/* Address range [lo, hi) that t's elements span. */
static void span(const cg_tensor *t, uintptr_t *lo, uintptr_t *hi) {
    int64_t mn = 0, mx = 0;
    for (int i = 0; i < t->ndim; i++) {
        if (t->shape[i] == 0) { *lo = *hi = 0; return; }
        int64_t e = (t->shape[i] - 1) * t->strides[i];
        if (e < 0) mn += e; else mx += e;
    }
    size_t sz = cg_dtype_size(t->dtype);
    *lo = (uintptr_t)t->data + (uintptr_t)(mn * (int64_t)sz);
    *hi = (uintptr_t)t->data + (uintptr_t)((mx + 1) * (int64_t)sz);
}

int cg_tensors_overlap(const cg_tensor *a, const cg_tensor *b) {
    if (!a || !b) return 0;
    uintptr_t alo, ahi, blo, bhi;
    span(a, &alo, &ahi);
    span(b, &blo, &bhi);
    return alo < bhi && blo < ahi;
}
