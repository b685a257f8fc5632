/*
 * cgrad/linalg.h — matrix products and their relatives, with tangent (_jvp)
 * and adjoint (_vjp) rules.
 *
 * The convention is the conventional one: C = A.B with A (M,K), B (K,N) and
 * C (M,N), all row-major by default.  Any operand may be a strided view (a
 * transposed matrix goes to BLAS as a transpose flag, not a copy; a layout
 * BLAS cannot take is copied once).  out must not overlap a or b.
 *
 *     cg_tensor *x, *w, *h;             // x (64, 784), w (784, 128), h (64, 128)
 *     cg_matmul(h, x, w);               // h = x . w
 *
 * Derivatives (cgrad's contract, see docs/runtime.md):
 *   matmul_jvp:  out_d = a_d . b + a . b_d
 *   matmul_vjp:  a_b += out_b . b^T,  b_b += a^T . out_b,  out_b = 0
 * and likewise per batch for matmul_batched, with the adjoint of a
 * broadcast operand summed over the batch.  NULL shadows are skipped.
 *
 * Errors:
 *   CG_ERR_NULL   out, a or b is NULL
 *   CG_ERR_DTYPE  operands or shadows of different dtypes
 *   CG_ERR_SHAPE  wrong ranks ("matmul: a must be 2-D, got (2,3,4)"),
 *                 inner dimensions that differ ("matmul: inner dims 3 != 4"),
 *                 batch axes that do not broadcast, an out of the wrong shape,
 *                 a shadow whose shape differs from its primal's
 *   CG_ERR_ARG    out overlaps a or b
 *   CG_ERR_NOMEM  no memory for a layout copy or a batch-summed adjoint
 */
#ifndef CGRAD_LINALG_H
#define CGRAD_LINALG_H

#include "cgrad/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#endif

/* out (M,N) = a (M,K) . b (K,N), through CBLAS gemm */
cg_status cg_matmul(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_matmul_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d,
                       const cg_tensor *b, const cg_tensor *b_d);
cg_status cg_matmul_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b,
                       const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_matmul tangent(cg_matmul_jvp) adjoint(cg_matmul_vjp)

/* out (...,M,N) = a (...,M,K) . b (...,K,N) for every index of the
 * batch axes, which broadcast as NumPy's matmul does (a (B,M,K) with b (K,N)
 * shares b across the batch) */
cg_status cg_matmul_batched(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_matmul_batched_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d,
                       const cg_tensor *b, const cg_tensor *b_d);
cg_status cg_matmul_batched_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b,
                       const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_matmul_batched tangent(cg_matmul_batched_jvp) adjoint(cg_matmul_batched_vjp)

/* out (a scalar: any shape with one element) = sum_i a[i] b[i] for 1-D a, b */
cg_status cg_dot(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_dot_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d,
                       const cg_tensor *b, const cg_tensor *b_d);
cg_status cg_dot_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b,
                       const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_dot tangent(cg_dot_jvp) adjoint(cg_dot_vjp)

/* out (one element) = sum of a * b over every index: the generalized dot
 * product (Frobenius inner product) of two tensors of the same shape */
cg_status cg_gdot(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_gdot_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d,
                       const cg_tensor *b, const cg_tensor *b_d);
cg_status cg_gdot_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b,
                       const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_gdot tangent(cg_gdot_jvp) adjoint(cg_gdot_vjp)

/* out (M,N) = a (M) b (N)^T */
cg_status cg_outer(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_outer_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d,
                       const cg_tensor *b, const cg_tensor *b_d);
cg_status cg_outer_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b,
                       const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_outer tangent(cg_outer_jvp) adjoint(cg_outer_vjp)

/* out (...,N,M) = a (...,M,N) with its last two axes swapped, copied (the
 * view that copies nothing is cg_tensor_transpose) */
cg_status cg_transpose(cg_tensor *out, const cg_tensor *a);
cg_status cg_transpose_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_transpose_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_transpose tangent(cg_transpose_jvp) adjoint(cg_transpose_vjp)

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

#ifdef __cplusplus
}
#endif
#endif
