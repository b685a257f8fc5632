/*
 * cgrad/tensor.h — n-dimensional arrays of float or double, their views, and
 * the scratch arena.
 *
 * A tensor is a plain struct: dtype, up to CG_MAX_DIMS dimensions, a shape
 * and strides counted in *elements* (not bytes), and a data pointer to the
 * element at index (0, ..., 0).  Tensors made by cg_tensor_new own their
 * 64-byte aligned, zero-filled storage and are released by cg_tensor_free.
 * Views (reshape, permute, transpose, slice) and wrapped user arrays are
 * filled into a caller-provided struct, share the storage of their source and
 * never own it: they need no free, and they die with their source.
 *
 *     int64_t shape[2] = {2, 3};
 *     cg_tensor *x;
 *     if (cg_tensor_new(&x, CG_DTYPE_F64, 2, shape) != CG_OK) {
 *         fprintf(stderr, "%s\n", cg_last_error());
 *         return 1;
 *     }
 *     cg_tensor xt;                        // a view: no allocation
 *     cg_tensor_transpose(&xt, x, 0, 1);   // shape (3, 2), strides (1, 3)
 *     cg_tensor_free(x);                   // xt is dead from here on
 *
 * Every fallible function returns a cg_status and records a message naming
 * the function and the offending shapes (see cgrad/error.h).
 */
#ifndef CGRAD_TENSOR_H
#define CGRAD_TENSOR_H

#include <stddef.h>
#include <stdint.h>

#include "cgrad/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Eight dimensions cover batch x heads x spatial layouts with room to spare,
 * and keep the struct a fixed, allocation-free size. */
#define CG_MAX_DIMS 8
/* Storage alignment: one cache line, and a full AVX-512 vector. */
#define CG_ALIGN 64

typedef enum cg_dtype {
    CG_DTYPE_F32,   /* float */
    CG_DTYPE_F64    /* double */
} cg_dtype;

typedef struct cg_tensor {
    cg_dtype dtype;
    int ndim;                         /* 0 (a scalar) to CG_MAX_DIMS */
    int64_t shape[CG_MAX_DIMS];
    int64_t strides[CG_MAX_DIMS];     /* in elements; may be 0 or negative in views */
    void *data;                       /* element (0, ..., 0) */
    void *storage;                    /* what cg_tensor_free releases; NULL for views */
    int flags;                        /* CG_TENSOR_* bits, private to the runtime */
    const char *name;                 /* optional, for messages; never freed */
} cg_tensor;

/* ---- creation and release ---------------------------------------------------
 * cg_tensor_new: a zero-filled, contiguous (row-major) tensor.
 *   CG_ERR_NULL  out is NULL, or shape is NULL while ndim > 0
 *   CG_ERR_ARG   ndim outside [0, CG_MAX_DIMS], a negative extent, or a size
 *                that overflows
 *   CG_ERR_NOMEM the allocation failed (*out is set to NULL)
 * cg_tensor_new_like: the same, with like's dtype and shape (contiguous even
 *   when like is a view).  Errors as cg_tensor_new.
 * cg_tensor_free: releases a tensor from cg_tensor_new; NULL is allowed and
 *   tensors from a cg_arena are left to the arena.
 */
cg_status cg_tensor_new(cg_tensor **out, cg_dtype dtype, int ndim, const int64_t *shape);
cg_status cg_tensor_new_like(cg_tensor **out, const cg_tensor *like);
void cg_tensor_free(cg_tensor *t);

/* Fills *t to describe caller-owned contiguous data; t never owns it.
 *   CG_ERR_NULL t or data is NULL, or shape is NULL while ndim > 0
 *   CG_ERR_ARG  ndim or an extent out of range */
cg_status cg_tensor_wrap(cg_tensor *t, cg_dtype dtype, int ndim, const int64_t *shape, void *data);

/* ---- queries (infallible; t must be valid) --------------------------------- */
size_t cg_dtype_size(cg_dtype dtype);          /* 4 or 8 */
const char *cg_dtype_name(cg_dtype dtype);     /* "f32" or "f64" */
int64_t cg_tensor_numel(const cg_tensor *t);
int cg_tensor_is_contiguous(const cg_tensor *t);   /* row-major, no gaps */
/* Reads or writes one element; idx has t->ndim entries and must be in range
 * (NULL for a 0-d tensor).  Both carry derivatives, so a differentiated
 * function may return `cg_tensor_get(loss, NULL)` or build a tensor element
 * by element.  cg_tensor_set_vjp adds the element's adjoint into *value_b
 * and zeroes it, as every operation does with its output's adjoint; a NULL
 * shadow is skipped. */
double cg_tensor_get(const cg_tensor *t, const int64_t *idx);
double cg_tensor_get_jvp(const cg_tensor *t, const cg_tensor *t_d, const int64_t *idx, double *ret_d);
double cg_tensor_get_vjp(const cg_tensor *t, cg_tensor *t_b, const int64_t *idx, double ret_b);
void cg_tensor_set(cg_tensor *t, const int64_t *idx, double value);
void cg_tensor_set_jvp(cg_tensor *t, cg_tensor *t_d, const int64_t *idx, double value, double value_d);
void cg_tensor_set_vjp(cg_tensor *t, cg_tensor *t_b, const int64_t *idx, double value, double *value_b);
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#endif
#pragma cgrad derivative cg_tensor_get tangent(cg_tensor_get_jvp) adjoint(cg_tensor_get_vjp)
#pragma cgrad derivative cg_tensor_set tangent(cg_tensor_set_jvp) adjoint(cg_tensor_set_vjp)
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

/* ---- filling and copying ----------------------------------------------------
 * cg_tensor_fill: every element := value.  CG_ERR_NULL.
 * cg_tensor_zero: cg_tensor_fill(t, 0).
 * cg_tensor_copy_from: t := the first numel(t) values of src, in row-major
 *   order, converted to t's dtype.  CG_ERR_NULL.
 * cg_tensor_copy_to: dst := t's values in row-major order, as double.  CG_ERR_NULL.
 * (The differentiable copy with broadcasting is cg_copy in cgrad/elementwise.h.)
 */
cg_status cg_tensor_fill(cg_tensor *t, double value);
cg_status cg_tensor_zero(cg_tensor *t);
cg_status cg_tensor_copy_from(cg_tensor *t, const double *src);
cg_status cg_tensor_copy_to(const cg_tensor *t, double *dst);

/* ---- views ------------------------------------------------------------------
 * Each fills *view to share src's storage (const is cast away, as strchr
 * does: writing through a view of a const tensor is the caller's choice).
 * view may equal src.  A view never owns storage.
 *
 * cg_tensor_reshape: new shape with the same element count; one extent may
 *   be -1 and is inferred.  src must be contiguous.
 *   CG_ERR_NULL, CG_ERR_ARG (bad ndim/extent, two -1, or src not contiguous),
 *   CG_ERR_SHAPE (element counts differ)
 * cg_tensor_permute: view->shape[i] = src->shape[perm[i]].
 *   CG_ERR_NULL, CG_ERR_ARG (perm is not a permutation of 0..ndim-1)
 * cg_tensor_transpose: swaps two axes (negative axes count from the end).
 *   CG_ERR_NULL, CG_ERR_ARG (axis out of range)
 * cg_tensor_slice: along axis, indices start, start+step, ... < stop (or > stop
 *   for a negative step), clamped to the extent as in Python.
 *   CG_ERR_NULL, CG_ERR_ARG (axis out of range, step 0)
 */
cg_status cg_tensor_reshape(cg_tensor *view, const cg_tensor *src, int ndim, const int64_t *shape);
cg_status cg_tensor_permute(cg_tensor *view, const cg_tensor *src, const int *perm);
cg_status cg_tensor_transpose(cg_tensor *view, const cg_tensor *src, int axis0, int axis1);
cg_status cg_tensor_slice(cg_tensor *view, const cg_tensor *src, int axis, int64_t start, int64_t stop,
                          int64_t step);

/* A view is linear and aliasing: its tangent and adjoint are the same view of
 * the source's tangent and adjoint.  The derivative functions below therefore
 * fill the view and, when the shadow pointers are not NULL, the same view of
 * the source's shadow; nothing is accumulated, because whatever is added to
 * the view's adjoint lands in the source's adjoint.  Errors as the view. */
cg_status cg_tensor_reshape_jvp(cg_tensor *view, cg_tensor *view_d, const cg_tensor *src,
                                const cg_tensor *src_d, int ndim, const int64_t *shape);
cg_status cg_tensor_reshape_vjp(cg_tensor *view, cg_tensor *view_b, const cg_tensor *src, cg_tensor *src_b,
                                int ndim, const int64_t *shape);
cg_status cg_tensor_permute_jvp(cg_tensor *view, cg_tensor *view_d, const cg_tensor *src,
                                const cg_tensor *src_d, const int *perm);
cg_status cg_tensor_permute_vjp(cg_tensor *view, cg_tensor *view_b, const cg_tensor *src, cg_tensor *src_b,
                                const int *perm);
cg_status cg_tensor_transpose_jvp(cg_tensor *view, cg_tensor *view_d, const cg_tensor *src,
                                  const cg_tensor *src_d, int axis0, int axis1);
cg_status cg_tensor_transpose_vjp(cg_tensor *view, cg_tensor *view_b, const cg_tensor *src,
                                  cg_tensor *src_b, int axis0, int axis1);
cg_status cg_tensor_slice_jvp(cg_tensor *view, cg_tensor *view_d, const cg_tensor *src,
                              const cg_tensor *src_d, int axis, int64_t start, int64_t stop, int64_t step);
cg_status cg_tensor_slice_vjp(cg_tensor *view, cg_tensor *view_b, const cg_tensor *src, cg_tensor *src_b,
                              int axis, int64_t start, int64_t stop, int64_t step);

/* ---- scratch arena ----------------------------------------------------------
 * Temporaries of a training step: allocate freely, then cg_arena_reset once
 * per step.  Memory comes in chunks that are kept across resets, so a warm
 * arena costs no allocation.
 *
 * cg_arena_new: chunk_bytes is the minimum chunk size (0 picks 1 MiB).
 *   CG_ERR_NULL, CG_ERR_NOMEM
 * cg_arena_alloc: bytes of zero-filled, CG_ALIGN-aligned memory.
 *   CG_ERR_NULL, CG_ERR_NOMEM
 * cg_arena_tensor: a zero-filled contiguous tensor whose struct and data live
 *   in the arena; cg_tensor_free ignores it, cg_arena_reset ends it.
 *   Errors as cg_tensor_new.
 * cg_arena_reset: every allocation ends; chunks are kept.
 * cg_arena_free: releases the arena and its chunks; NULL is allowed.
 */
typedef struct cg_arena cg_arena;
cg_status cg_arena_new(cg_arena **out, size_t chunk_bytes);
cg_status cg_arena_alloc(cg_arena *a, size_t bytes, void **out);
cg_status cg_arena_tensor(cg_arena *a, cg_tensor **out, cg_dtype dtype, int ndim, const int64_t *shape);
void cg_arena_reset(cg_arena *a);
void cg_arena_free(cg_arena *a);
size_t cg_arena_bytes_used(const cg_arena *a);

#ifdef __cplusplus
}
#endif
#endif
