/*
 * cgrad/einsum.h — Einstein summation over one or two tensors, with tangent
 * (_jvp) and adjoint (_vjp) rules.
 *
 * spec names each axis of each operand with a letter (a-z, A-Z), operands
 * separated by ',', then '->' and the output's letters:
 *
 *     "ijz,izk->ijk"   batched matrix product (batch i, contraction z)
 *     "ijz,ikz->ijk"   the same with the second operand's last axes swapped
 *     "ijk,ijk->"      the generalized dot product
 *     "ii->"           the trace;  "ii->i" the diagonal
 *     "i,j->ij"        the outer product
 *     "bij->bji"       a permutation (copied)
 *
 * Every index of the output is the sum, over all values of the letters that
 * are not in the output, of the product of the operands.  A letter repeated
 * within one operand walks its diagonal.  Without '->' the output letters
 * are those that appear exactly once, in alphabetical order (as NumPy).
 * b is NULL for a one-operand spec.  out must exist with the output's shape
 * and must not overlap a or b.
 *
 * Contractions are reshaped, without copying when the strides allow it, to
 * batched matrix products and sent to BLAS gemm (cgrad/linalg.h explains the
 * threading); contractions of many tiny products run as one OpenMP loop nest
 * instead; sums over letters of one operand use the deterministic reduction.
 *
 * Derivatives (cgrad's contract, docs/runtime.md): einsum is linear in each
 * operand, so
 *   _jvp:  out_d = einsum(spec, a_d, b) + einsum(spec, a, b_d)
 *   _vjp:  a_b += einsum(out_b, b -> a's letters),
 *          b_b += einsum(a, out_b -> b's letters), out_b = 0
 * (letters of a that are in neither out nor b get the seed broadcast).
 *
 * Errors:
 *   CG_ERR_NULL   out, spec or a is NULL, or b is NULL for a two-operand spec
 *   CG_ERR_SPEC   a malformed spec: a character that is not a letter, more
 *                 than two operands, '...', an output letter that is in no
 *                 input or is repeated, a count of operands that differs from
 *                 the tensors given ("einsum: bad spec 'ij,jk': ...")
 *   CG_ERR_SHAPE  an operand with a different number of axes than its
 *                 letters, a letter with two different extents, out of the
 *                 wrong shape, a shadow whose shape differs from its primal's
 *   CG_ERR_DTYPE  operands of different dtypes
 *   CG_ERR_ARG    out overlaps an operand
 *   CG_ERR_NOMEM  no memory for a layout copy or a partial sum
 */
#ifndef CGRAD_EINSUM_H
#define CGRAD_EINSUM_H

#include "cgrad/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#endif

cg_status cg_einsum(cg_tensor *out, const char *spec, const cg_tensor *a, const cg_tensor *b);
cg_status cg_einsum_jvp(cg_tensor *out, cg_tensor *out_d, const char *spec, const cg_tensor *a, const cg_tensor *a_d,
                        const cg_tensor *b, const cg_tensor *b_d);
cg_status cg_einsum_vjp(cg_tensor *out, cg_tensor *out_b, const char *spec, const cg_tensor *a, cg_tensor *a_b,
                        const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_einsum tangent(cg_einsum_jvp) adjoint(cg_einsum_vjp)

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

#ifdef __cplusplus
}
#endif
#endif
