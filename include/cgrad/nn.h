/*
 * cgrad/nn.h — operations with integer inputs: gather, one-hot encoding and
 * cross-entropy with integer labels, with tangent (_jvp) and adjoint (_vjp)
 * rules.  Index and label arrays are not differentiated and get no shadow.
 *
 *     // logits (N, C) -> mean negative log-likelihood of the labels
 *     cg_log_softmax(logp, logits, 1);
 *     cg_cross_entropy(loss, logp, labels);        // loss: one element
 *
 * Errors (every function here):
 *   CG_ERR_NULL   a tensor, index or labels argument is NULL
 *   CG_ERR_DTYPE  tensors or shadows of different dtypes
 *   CG_ERR_SHAPE  out of the wrong shape ("gather: out shape (2,4) != (2,3)"),
 *                 a shadow whose shape differs from its primal's
 *   CG_ERR_ARG    axis out of range; an index or label outside [0, extent)
 *                 ("cross_entropy: label 7 of row 2 outside [0, 5)")
 */
#ifndef CGRAD_NN_H
#define CGRAD_NN_H

#include "cgrad/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#endif

/* out = a taken at index[0..n) along axis, n = out->shape[axis]:
 * out[..., j, ...] = a[..., index[j], ...].  Indices may repeat; the adjoint
 * then adds every copy's seed into the same element of a_b, in order j. */
cg_status cg_gather(cg_tensor *out, const cg_tensor *a, int axis, const int64_t *index);
cg_status cg_gather_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, int axis,
                        const int64_t *index);
cg_status cg_gather_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, int axis,
                        const int64_t *index);
#pragma cgrad derivative cg_gather tangent(cg_gather_jvp) adjoint(cg_gather_vjp)

/* out (N, C): out[i][labels[i]] = 1, every other element 0.  Nothing is
 * differentiable: out_d and out_b are set to zero. */
cg_status cg_one_hot(cg_tensor *out, const int64_t *labels);
cg_status cg_one_hot_jvp(cg_tensor *out, cg_tensor *out_d, const int64_t *labels);
cg_status cg_one_hot_vjp(cg_tensor *out, cg_tensor *out_b, const int64_t *labels);
#pragma cgrad derivative cg_one_hot tangent(cg_one_hot_jvp) adjoint(cg_one_hot_vjp)

/* out (one element) = -(1/N) sum_i logp[i][labels[i]] for log-probabilities
 * logp (N, C): the mean negative log-likelihood (PyTorch's nll_loss; apply
 * cg_log_softmax to logits first).  logp_b[i][labels[i]] += -out_b / N. */
cg_status cg_cross_entropy(cg_tensor *out, const cg_tensor *logp, const int64_t *labels);
cg_status cg_cross_entropy_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *logp, const cg_tensor *logp_d,
                               const int64_t *labels);
cg_status cg_cross_entropy_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *logp, cg_tensor *logp_b,
                               const int64_t *labels);
#pragma cgrad derivative cg_cross_entropy tangent(cg_cross_entropy_jvp) adjoint(cg_cross_entropy_vjp)

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

#ifdef __cplusplus
}
#endif
#endif
