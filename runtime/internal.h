/*
 * runtime/internal.h — what the runtime's files share and users never see.
 *
 * Sections follow the file that defines them.  Nothing here is installed.
 */
#ifndef CGRAD_RUNTIME_INTERNAL_H
#define CGRAD_RUNTIME_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cgrad.h"

/* ---- parallel policy ---------------------------------------------------------
 * Below CG_PAR_MIN elements a loop runs on the calling thread: an OpenMP fork
 * and join costs a few microseconds, about what 32k simple element operations
 * take on one core.  Reductions split their work into CG_RED_BLOCK-element
 * blocks whose partial results are combined in block order, so the bits of a
 * result do not depend on how many threads ran. */
enum { CG_PAR_MIN = 1 << 15, CG_RED_BLOCK = 1 << 14 };

/* flags in cg_tensor.flags */
enum { CG_TENSOR_OWNED = 1, CG_TENSOR_ARENA = 2 };

/* ---- tensor.c: checks and formatting ---------------------------------------- */

/* "(2,3,4)"; buf holds at least CG_SHAPE_STR bytes. */
enum { CG_SHAPE_STR = 8 * 21 + 3 };
const char *cg_shape_str(char *buf, int ndim, const int64_t *shape);
#define CG_SHAPE(t) cg_shape_str((char[CG_SHAPE_STR]){0}, (t)->ndim, (t)->shape)

/* Each returns CG_OK or records "<op>: ..." and returns the error. */
cg_status cg_check_tensor(const char *op, const char *name, const cg_tensor *t);
cg_status cg_check_dtype(const char *op, const char *name, const cg_tensor *t, cg_dtype want);
cg_status cg_check_same_shape(const char *op, const char *name, const cg_tensor *t, const char *ref_name,
                              const cg_tensor *ref);
/* A shadow (tangent or adjoint) may be NULL; if not, it must match its primal. */
cg_status cg_check_shadow(const char *op, const char *name, const cg_tensor *shadow, const cg_tensor *primal);
/* Normalizes a possibly negative axis; records an error when out of range. */
cg_status cg_check_axis(const char *op, int ndim, int *axis);
int cg_same_shape(const cg_tensor *a, const cg_tensor *b);

/* A temporary contiguous tensor on the heap; freed with cg_tensor_free. */
cg_status cg_tmp_new(const char *op, cg_tensor **out, cg_dtype dtype, int ndim, const int64_t *shape);
/* Does the storage of a and b overlap?  Conservative: compares address ranges. */
int cg_tensors_overlap(const cg_tensor *a, const cg_tensor *b);

/* ---- iter.c: strided loops over several operands ----------------------------
 * cg_iter_run calls row(ctx, n, p, s) on runs of n elements covering an
 * ndim-dimensional index space; p[k] points at operand k's first element of
 * the run (NULL stays NULL) and s[k] is its stride in bytes within the run.
 * Operands are described by byte strides (0 to broadcast).  Dimensions are
 * coalesced first, so contiguous operands arrive as long unit-stride runs.
 * Runs are split over threads when the index space has at least CG_PAR_MIN
 * elements and parallel is nonzero; a row function must therefore only write
 * elements that belong to its own run.
 */
enum { CG_ITER_MAX_OPS = 10 };
typedef void (*cg_row_fn)(void *ctx, int64_t n, char **p, const int64_t *s);
typedef struct cg_iter {
    int ndim, nops;
    int64_t weight;   /* work per index (default 1): a softmax row, say */
    int64_t shape[CG_MAX_DIMS];
    char *base[CG_ITER_MAX_OPS];
    int64_t strides[CG_ITER_MAX_OPS][CG_MAX_DIMS];   /* bytes */
} cg_iter;

/* Starts an iteration space of the given shape with no operands. */
void cg_iter_init(cg_iter *it, int ndim, const int64_t *shape);
/* Adds operand t (may be NULL) broadcast to the iteration shape (aligned on
 * the right; extents of 1 broadcast).  The caller has checked the shapes. */
void cg_iter_add(cg_iter *it, const cg_tensor *t);
/* Adds an operand of `elem` bytes at data with explicit element strides. */
void cg_iter_add_raw(cg_iter *it, const void *data, const int64_t *strides, size_t elem);
void cg_iter_run(cg_iter *it, cg_row_fn row, void *ctx, int parallel);
/* Rows along `axis`: the iteration space is like's shape with that axis
 * removed (extent 1), so a row function gets one pointer per row and walks
 * the axis itself with axis_strides[k] (elements; filled here).  Operands
 * (NULL allowed) have like's shape except perhaps along the axis; the work
 * per index is the axis extent. */
void cg_iter_rows(cg_iter *it, const cg_tensor *like, int axis, int nops, const cg_tensor *const *ops,
                  int64_t *axis_strides);

/* NumPy broadcasting of two shapes into out (ndim = max).  CG_ERR_SHAPE with
 * "<op>: cannot broadcast (..) with (..)" when they do not broadcast. */
cg_status cg_broadcast_shape(const char *op, const cg_tensor *a, const cg_tensor *b, int *ndim, int64_t *shape);

/* ---- reduce.c: the deterministic sum used by backward rules -----------------
 * dst += scale * (src summed over the axes where dst broadcasts against src).
 * dst's shape must broadcast to src's (aligned right).  Fixed order. */
cg_status cg_sum_to(const char *op, cg_tensor *dst, const cg_tensor *src, double scale);
/* *res = sum over every index of a * b (same shapes), in the fixed order. */
cg_status cg_dot_all(const char *op, const cg_tensor *a, const cg_tensor *b, double *res);

/* ---- elementwise.c: helpers other operations reuse -------------------------- */
/* dst = src (accumulate 0) or dst += src (accumulate 1), src broadcast to dst. */
void cg_assign(cg_tensor *dst, const cg_tensor *src, int accumulate);
/* dst += alpha * src, src broadcast to dst. */
void cg_axpy(cg_tensor *dst, double alpha, const cg_tensor *src);

/* ---- matmul.c ------------------------------------------------------------------
 * c (+)= a . b for every batch index: a (...,M,K), b (...,K,N), c (...,M,N),
 * the batch axes of a and b broadcasting to c's.  Views of any layout are
 * accepted; shapes are the caller's to check. */
cg_status cg_mm_core(const char *op, cg_tensor *c, const cg_tensor *a, const cg_tensor *b, int accumulate);

/* ---- blas.c ------------------------------------------------------------------
 * C (m x n) = alpha * op(A) op(B) + beta * C on row-major storage with leading
 * dimensions; trans_a/trans_b select transposes.  Calls CBLAS; when called
 * inside an OpenMP region (or with serial set) BLAS runs on one thread, so
 * threads are never multiplied. */
void cg_gemm(cg_dtype dtype, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha,
             const void *a, int64_t lda, const void *b, int64_t ldb, double beta, void *c, int64_t ldc);
/* Runs fn over [0, count) batches, in parallel with BLAS single-threaded when
 * each GEMM is small, serially with BLAS threads when it is large. */
void cg_gemm_batched_policy(int64_t count, double flops_each, void (*fn)(void *ctx, int64_t i), void *ctx);

#endif
