/*
 * cgrad/optim.h — optimizer steps: SGD, momentum, Nesterov momentum, Adam
 * and AdamW, over plain arrays (_f64, _f32) or contiguous tensors.
 *
 * Each step reads the gradient and updates the parameters in place.  The
 * update rules, with g the gradient, t the step number (1 for the first
 * step) and all operations element-wise:
 *
 *   SGD        x -= lr (g + wd x)
 *   momentum   v = -lr g + lambda v;   x += v
 *              (the seeds' form: g_t = -eta grad f(x_{t-1}) + lambda g_{t-1},
 *               x_t = x_{t-1} + g_t, with v = g_t and v_0 = 0)
 *   Nesterov   v = lambda v - lr g;    x += lambda v - lr g
 *              (Sutskever et al. 2013 in the form PyTorch's SGD with
 *               nesterov=True computes, for a constant lr)
 *   Adam       g' = g + wd x;  m = b1 m + (1 - b1) g';  s = b2 s + (1 - b2) g'^2
 *              x -= lr (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps)
 *              (Kingma & Ba 2015; wd is PyTorch's L2 weight_decay)
 *   AdamW      x -= lr wd x, then Adam's update with g' = g
 *              (Loshchilov & Hutter 2019, decoupled weight decay)
 *
 * Defaults are PyTorch's: cg_adam_defaults() is lr 1e-3, betas (0.9, 0.999),
 * eps 1e-8, weight_decay 0; cg_adamw_defaults() the same with weight_decay
 * 1e-2.  Moments are kept in double whatever the parameters' dtype.
 *
 *     cg_adam_state st;
 *     cg_adam_config cfg = cg_adamw_defaults();
 *     cg_adam_state_init(&st, n);
 *     for (...) { ...compute grad...; cg_adamw_step_f32(&st, &cfg, w, grad); }
 *     cg_adam_state_free(&st);
 *
 * State can be saved to a caller's buffer of cg_*_state_size() bytes and
 * restored into a state initialized for the same n.
 *
 * Errors:
 *   CG_ERR_NULL   a state, config, parameter, gradient or buffer is NULL
 *   CG_ERR_ARG    n < 0; a state used before init or initialized for another
 *                 n ("adam_step: state holds 10 values, parameters 12"); a
 *                 tensor that is not contiguous; a save buffer too small, or
 *                 a restore buffer that is not this kind of state
 *   CG_ERR_SHAPE  tensor parameters and gradient of different sizes
 *   CG_ERR_DTYPE  tensor parameters and gradient of different dtypes
 *   CG_ERR_NOMEM  the state's allocation failed
 */
#ifndef CGRAD_OPTIM_H
#define CGRAD_OPTIM_H

#include "cgrad/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- SGD (no state) ---- */
cg_status cg_sgd_step_f64(double *x, const double *grad, int64_t n, double lr, double weight_decay);
cg_status cg_sgd_step_f32(float *x, const float *grad, int64_t n, double lr, double weight_decay);
cg_status cg_sgd_step(cg_tensor *x, const cg_tensor *grad, double lr, double weight_decay);

/* ---- momentum and Nesterov: the velocity v ---- */
typedef struct cg_momentum_state {
    int64_t n;
    int64_t step;
    double *velocity;
} cg_momentum_state;

cg_status cg_momentum_state_init(cg_momentum_state *s, int64_t n);   /* v = 0 */
void cg_momentum_state_free(cg_momentum_state *s);
size_t cg_momentum_state_size(const cg_momentum_state *s);
cg_status cg_momentum_state_save(const cg_momentum_state *s, void *buf, size_t cap);
cg_status cg_momentum_state_restore(cg_momentum_state *s, const void *buf, size_t len);

cg_status cg_momentum_step_f64(cg_momentum_state *s, double *x, const double *grad, double lr, double lambda);
cg_status cg_momentum_step_f32(cg_momentum_state *s, float *x, const float *grad, double lr, double lambda);
cg_status cg_momentum_step(cg_momentum_state *s, cg_tensor *x, const cg_tensor *grad, double lr, double lambda);
cg_status cg_nesterov_step_f64(cg_momentum_state *s, double *x, const double *grad, double lr, double lambda);
cg_status cg_nesterov_step_f32(cg_momentum_state *s, float *x, const float *grad, double lr, double lambda);
cg_status cg_nesterov_step(cg_momentum_state *s, cg_tensor *x, const cg_tensor *grad, double lr, double lambda);

/* ---- Adam and AdamW: first and second moments ---- */
typedef struct cg_adam_config {
    double lr, beta1, beta2, eps, weight_decay;
} cg_adam_config;

cg_adam_config cg_adam_defaults(void);
cg_adam_config cg_adamw_defaults(void);

typedef struct cg_adam_state {
    int64_t n;
    int64_t step;          /* steps taken; the next one is step + 1 */
    double *m, *v;
} cg_adam_state;

cg_status cg_adam_state_init(cg_adam_state *s, int64_t n);
void cg_adam_state_free(cg_adam_state *s);
size_t cg_adam_state_size(const cg_adam_state *s);
cg_status cg_adam_state_save(const cg_adam_state *s, void *buf, size_t cap);
cg_status cg_adam_state_restore(cg_adam_state *s, const void *buf, size_t len);

cg_status cg_adam_step_f64(cg_adam_state *s, const cg_adam_config *cfg, double *x, const double *grad);
cg_status cg_adam_step_f32(cg_adam_state *s, const cg_adam_config *cfg, float *x, const float *grad);
cg_status cg_adam_step(cg_adam_state *s, const cg_adam_config *cfg, cg_tensor *x, const cg_tensor *grad);
cg_status cg_adamw_step_f64(cg_adam_state *s, const cg_adam_config *cfg, double *x, const double *grad);
cg_status cg_adamw_step_f32(cg_adam_state *s, const cg_adam_config *cfg, float *x, const float *grad);
cg_status cg_adamw_step(cg_adam_state *s, const cg_adam_config *cfg, cg_tensor *x, const cg_tensor *grad);

#ifdef __cplusplus
}
#endif
#endif
