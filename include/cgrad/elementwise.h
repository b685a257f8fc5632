/*
 * cgrad/elementwise.h — element-wise operations with NumPy broadcasting, and
 * their tangent (_jvp) and adjoint (_vjp) rules.
 *
 * Every operation writes out[i] = f(a[i'], b[i'']) for each index i of out,
 * where a and b are broadcast to out's shape as NumPy does (shapes aligned on
 * the right; an extent of 1 or a missing leading axis repeats).  out must
 * exist with the broadcast shape (or one that the broadcast shape broadcasts
 * to) and the inputs' dtype.  out may be an input itself (in place), but must
 * not partially overlap one.  All tensors may be strided views.
 *
 *     cg_tensor *x, *b, *y;              // x (64, 10), b (10), y (64, 10)
 *     cg_add(y, x, b);                   // y = x + b, b added to every row
 *     cg_tanh(y, y);                     // in place
 *
 * Derivatives follow cgrad's contract (docs/runtime.md):
 *   cg_OP_jvp(out, out_d, a, a_d[, b, b_d]) computes out and
 *       out_d = (df/da) a_d + (df/db) b_d;
 *   cg_OP_vjp(out, out_b, a, a_b[, b, b_b]) computes out, then adds
 *       (df/da)^T out_b to a_b and (df/db)^T out_b to b_b (summed over the
 *       axes where the input was broadcast) and sets out_b to zero.
 * A NULL shadow is an argument that is not differentiated: it is skipped
 * (a NULL tangent counts as zero; a NULL out_b seeds nothing).  Shadows have
 * their primal's shape and dtype.  The _scalar forms take a double s; its
 * tangent is `double s_d` and its adjoint `double *s_b` (accumulated).
 *
 * Errors (every function here):
 *   CG_ERR_NULL   out or an input is NULL (shadows may be NULL)
 *   CG_ERR_DTYPE  tensors or shadows of different dtypes
 *   CG_ERR_SHAPE  inputs that do not broadcast together or to out's shape
 *                 ("add: cannot broadcast (2,3) with (4)"); a shadow whose
 *                 shape differs from its primal's
 *   CG_ERR_NOMEM  no memory for the temporary that sums a broadcast input's
 *                 adjoint (_vjp only)
 * Domain errors (log of a negative number...) are not errors: they give NaN
 * or infinity as the C library does.
 */
#ifndef CGRAD_ELEMENTWISE_H
#define CGRAD_ELEMENTWISE_H

#include "cgrad/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* `#pragma cgrad derivative` lines are for the cgrad translator; other
 * compilers skip them, and this keeps -Wall quiet about it. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#endif

/* out = e^a */
cg_status cg_exp(cg_tensor *out, const cg_tensor *a);
cg_status cg_exp_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_exp_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_exp tangent(cg_exp_jvp) adjoint(cg_exp_vjp)

/* out = ln a */
cg_status cg_log(cg_tensor *out, const cg_tensor *a);
cg_status cg_log_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_log_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_log tangent(cg_log_jvp) adjoint(cg_log_vjp)

/* out = sin a */
cg_status cg_sin(cg_tensor *out, const cg_tensor *a);
cg_status cg_sin_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_sin_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_sin tangent(cg_sin_jvp) adjoint(cg_sin_vjp)

/* out = cos a */
cg_status cg_cos(cg_tensor *out, const cg_tensor *a);
cg_status cg_cos_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_cos_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_cos tangent(cg_cos_jvp) adjoint(cg_cos_vjp)

/* out = tanh a */
cg_status cg_tanh(cg_tensor *out, const cg_tensor *a);
cg_status cg_tanh_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_tanh_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_tanh tangent(cg_tanh_jvp) adjoint(cg_tanh_vjp)

/* out = 1 / (1 + e^-a) */
cg_status cg_sigmoid(cg_tensor *out, const cg_tensor *a);
cg_status cg_sigmoid_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_sigmoid_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_sigmoid tangent(cg_sigmoid_jvp) adjoint(cg_sigmoid_vjp)

/* out = max(a, 0); derivative 0 at a = 0 */
cg_status cg_relu(cg_tensor *out, const cg_tensor *a);
cg_status cg_relu_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_relu_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_relu tangent(cg_relu_jvp) adjoint(cg_relu_vjp)

/* out = sqrt(a) */
cg_status cg_sqrt(cg_tensor *out, const cg_tensor *a);
cg_status cg_sqrt_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_sqrt_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_sqrt tangent(cg_sqrt_jvp) adjoint(cg_sqrt_vjp)

/* out = |a|; derivative sign(a), 0 at a = 0 */
cg_status cg_abs(cg_tensor *out, const cg_tensor *a);
cg_status cg_abs_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_abs_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_abs tangent(cg_abs_jvp) adjoint(cg_abs_vjp)

/* out = -a */
cg_status cg_neg(cg_tensor *out, const cg_tensor *a);
cg_status cg_neg_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_neg_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_neg tangent(cg_neg_jvp) adjoint(cg_neg_vjp)

/* out = a (broadcast to out's shape) */
cg_status cg_copy(cg_tensor *out, const cg_tensor *a);
cg_status cg_copy_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d);
cg_status cg_copy_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b);
#pragma cgrad derivative cg_copy tangent(cg_copy_jvp) adjoint(cg_copy_vjp)

/* out = a + b */
cg_status cg_add(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_add_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                      const cg_tensor *b_d);
cg_status cg_add_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_add tangent(cg_add_jvp) adjoint(cg_add_vjp)

/* out = a - b */
cg_status cg_sub(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_sub_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                      const cg_tensor *b_d);
cg_status cg_sub_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_sub tangent(cg_sub_jvp) adjoint(cg_sub_vjp)

/* out = a * b (Hadamard) */
cg_status cg_mul(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_mul_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                      const cg_tensor *b_d);
cg_status cg_mul_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_mul tangent(cg_mul_jvp) adjoint(cg_mul_vjp)

/* out = a / b */
cg_status cg_div(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_div_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                      const cg_tensor *b_d);
cg_status cg_div_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_div tangent(cg_div_jvp) adjoint(cg_div_vjp)

/* out = a^b; the derivative in b is taken as 0 where a <= 0 */
cg_status cg_pow(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_pow_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                      const cg_tensor *b_d);
cg_status cg_pow_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_pow tangent(cg_pow_jvp) adjoint(cg_pow_vjp)

/* out = max(a, b); at a tie the derivative goes to a */
cg_status cg_maximum(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_maximum_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                      const cg_tensor *b_d);
cg_status cg_maximum_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_maximum tangent(cg_maximum_jvp) adjoint(cg_maximum_vjp)

/* out = min(a, b); at a tie the derivative goes to a */
cg_status cg_minimum(cg_tensor *out, const cg_tensor *a, const cg_tensor *b);
cg_status cg_minimum_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, const cg_tensor *b,
                      const cg_tensor *b_d);
cg_status cg_minimum_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b, cg_tensor *b_b);
#pragma cgrad derivative cg_minimum tangent(cg_minimum_jvp) adjoint(cg_minimum_vjp)

/* out = add(a, s), s a differentiable scalar */
cg_status cg_add_scalar(cg_tensor *out, const cg_tensor *a, double s);
cg_status cg_add_scalar_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, double s, double s_d);
cg_status cg_add_scalar_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, double s, double *s_b);
#pragma cgrad derivative cg_add_scalar tangent(cg_add_scalar_jvp) adjoint(cg_add_scalar_vjp)

/* out = sub(a, s), s a differentiable scalar */
cg_status cg_sub_scalar(cg_tensor *out, const cg_tensor *a, double s);
cg_status cg_sub_scalar_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, double s, double s_d);
cg_status cg_sub_scalar_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, double s, double *s_b);
#pragma cgrad derivative cg_sub_scalar tangent(cg_sub_scalar_jvp) adjoint(cg_sub_scalar_vjp)

/* out = mul(a, s), s a differentiable scalar */
cg_status cg_mul_scalar(cg_tensor *out, const cg_tensor *a, double s);
cg_status cg_mul_scalar_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, double s, double s_d);
cg_status cg_mul_scalar_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, double s, double *s_b);
#pragma cgrad derivative cg_mul_scalar tangent(cg_mul_scalar_jvp) adjoint(cg_mul_scalar_vjp)

/* out = div(a, s), s a differentiable scalar */
cg_status cg_div_scalar(cg_tensor *out, const cg_tensor *a, double s);
cg_status cg_div_scalar_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, double s, double s_d);
cg_status cg_div_scalar_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, double s, double *s_b);
#pragma cgrad derivative cg_div_scalar tangent(cg_div_scalar_jvp) adjoint(cg_div_scalar_vjp)

/* out = pow(a, s), s a differentiable scalar */
cg_status cg_pow_scalar(cg_tensor *out, const cg_tensor *a, double s);
cg_status cg_pow_scalar_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, double s, double s_d);
cg_status cg_pow_scalar_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, double s, double *s_b);
#pragma cgrad derivative cg_pow_scalar tangent(cg_pow_scalar_jvp) adjoint(cg_pow_scalar_vjp)

/* out = maximum(a, s), s a differentiable scalar */
cg_status cg_maximum_scalar(cg_tensor *out, const cg_tensor *a, double s);
cg_status cg_maximum_scalar_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, double s, double s_d);
cg_status cg_maximum_scalar_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, double s, double *s_b);
#pragma cgrad derivative cg_maximum_scalar tangent(cg_maximum_scalar_jvp) adjoint(cg_maximum_scalar_vjp)

/* out = minimum(a, s), s a differentiable scalar */
cg_status cg_minimum_scalar(cg_tensor *out, const cg_tensor *a, double s);
cg_status cg_minimum_scalar_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d, double s, double s_d);
cg_status cg_minimum_scalar_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, double s, double *s_b);
#pragma cgrad derivative cg_minimum_scalar tangent(cg_minimum_scalar_jvp) adjoint(cg_minimum_scalar_vjp)

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

#ifdef __cplusplus
}
#endif
#endif
