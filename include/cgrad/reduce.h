/*
 * cgrad/reduce.h — reductions along chosen axes, softmax and log-softmax,
 * with their tangent (_jvp) and adjoint (_vjp) rules.
 *
 * A reduction takes the axes to reduce as an array of naxes ints (negative
 * values count from the end; axes == NULL reduces every axis).  The shape of
 * out says whether reduced axes are kept: out has either a's ndim with extent
 * 1 on every reduced axis (NumPy's keepdims=True) or the kept axes only.
 *
 *     cg_tensor *x, *m;                  // x (32, 10), m (32) or (32, 1)
 *     int axis = 1;
 *     cg_logsumexp(m, x, 1, &axis);      // m[i] = log sum_j exp(x[i, j])
 *
 * Results do not depend on the number of threads: every output is summed in
 * a fixed order (blocks of 16384 elements, combined in block order), and
 * sums are accumulated in double for f32 tensors too.
 *
 * Derivatives follow cgrad's contract (see cgrad/elementwise.h and
 * docs/runtime.md): _jvp computes out and out_d = J a_d; _vjp computes out,
 * adds J^T out_b to a_b, and zeroes out_b.  NULL shadows are skipped.
 *
 * Errors (every function here):
 *   CG_ERR_NULL   out or a is NULL
 *   CG_ERR_DTYPE  out, a or a shadow of different dtypes
 *   CG_ERR_ARG    an axis out of range or given twice ("sum: axis 2 out of
 *                 range for 2 dims"), naxes < 0
 *   CG_ERR_SHAPE  out's shape is not the reduced shape ("sum: out shape (3)
 *                 != reduced shape (2) or (2,1)"); for softmax, out's shape
 *                 differs from a's; a shadow's shape differs from its primal's
 *   CG_ERR_NOMEM  no memory for the per-output partial results
 * The max of an empty axis is -infinity, logsumexp -infinity, the mean NaN.
 */
#ifndef CGRAD_REDUCE_H
#define CGRAD_REDUCE_H

#include "cgrad/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#endif

/* out = sum of a over the axes */
cg_status cg_sum(cg_tensor *out, const cg_tensor *a, int naxes, const int *axes);
cg_status cg_sum_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int naxes,
                       const int *axes);
cg_status cg_sum_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int naxes,
                       const int *axes);
#pragma cgrad derivative cg_sum tangent(cg_sum_jvp) adjoint(cg_sum_vjp)

/* out = mean of a over the axes */
cg_status cg_mean(cg_tensor *out, const cg_tensor *a, int naxes, const int *axes);
cg_status cg_mean_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int naxes,
                       const int *axes);
cg_status cg_mean_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int naxes,
                       const int *axes);
#pragma cgrad derivative cg_mean tangent(cg_mean_jvp) adjoint(cg_mean_vjp)

/* out = maximum of a over the axes; the derivative goes to the first maximal element (row-major order) */
cg_status cg_max(cg_tensor *out, const cg_tensor *a, int naxes, const int *axes);
cg_status cg_max_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int naxes,
                       const int *axes);
cg_status cg_max_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int naxes,
                       const int *axes);
#pragma cgrad derivative cg_max tangent(cg_max_jvp) adjoint(cg_max_vjp)

/* out = log(sum(exp(a))) over the axes, computed stably */
cg_status cg_logsumexp(cg_tensor *out, const cg_tensor *a, int naxes, const int *axes);
cg_status cg_logsumexp_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int naxes,
                       const int *axes);
cg_status cg_logsumexp_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int naxes,
                       const int *axes);
#pragma cgrad derivative cg_logsumexp tangent(cg_logsumexp_jvp) adjoint(cg_logsumexp_vjp)

/* out = Euclidean (L2) norm of a over the axes; the derivative at norm 0 is taken as 0 */
cg_status cg_norm(cg_tensor *out, const cg_tensor *a, int naxes, const int *axes);
cg_status cg_norm_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int naxes,
                       const int *axes);
cg_status cg_norm_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int naxes,
                       const int *axes);
#pragma cgrad derivative cg_norm tangent(cg_norm_jvp) adjoint(cg_norm_vjp)

/* out = exp(a) / sum(exp(a)) along axis (same shape as a) */
cg_status cg_softmax(cg_tensor *out, const cg_tensor *a, int axis);
cg_status cg_softmax_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int axis);
cg_status cg_softmax_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int axis);
#pragma cgrad derivative cg_softmax tangent(cg_softmax_jvp) adjoint(cg_softmax_vjp)

/* out = a - logsumexp(a) along axis (same shape as a) */
cg_status cg_log_softmax(cg_tensor *out, const cg_tensor *a, int axis);
cg_status cg_log_softmax_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int axis);
cg_status cg_log_softmax_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int axis);
#pragma cgrad derivative cg_log_softmax tangent(cg_log_softmax_jvp) adjoint(cg_log_softmax_vjp)

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

#ifdef __cplusplus
}
#endif
#endif
