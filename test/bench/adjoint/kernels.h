/*
 * The adjoint benchmark kernels' sizes and the functions cgrad makes of
 * them, shared by kernels.c, the benchmark and its correctness test
 * (test/reverse/bench-kernels.c) so the three cannot drift apart.
 */
#ifndef CGRAD_BENCH_KERNELS_H
#define CGRAD_BENCH_KERNELS_H

enum { B = 64, D = 64, H = 64, C = 10 };     /* MLP: batch, inputs, hidden, classes */
enum { GN = 256, GK = 8, GD = 8 };           /* GMM: points, components, dimension */
enum { LT = 64, LH = 32, LI = 16 };          /* LSTM: steps, hidden, inputs */
enum { NR = 128, ND = 128 };                 /* layer norm: rows, features */
enum { AT = 32, AD = 32 };                   /* attention: tokens, model width */

double mlp_loss(const double *W1, const double *b1, const double *W2, const double *b2, const double *X, const int *y);
double mlp_loss_vjp(const double *W1, double *W1_b, const double *b1, double *b1_b, const double *W2, double *W2_b, const double *b2,
                    double *b2_b, const double *X, const int *y, double ret_b);
double gmm_nll(const double *alpha, const double *mu, const double *logsig, const double *X);
double gmm_nll_vjp(const double *alpha, double *alpha_b, const double *mu, double *mu_b, const double *logsig, double *logsig_b,
                   const double *X, double ret_b);
double lstm_loss(const double *Wx, const double *Wh, const double *b, const double *X);
double lstm_loss_vjp(const double *Wx, double *Wx_b, const double *Wh, double *Wh_b, const double *b, double *b_b, const double *X,
                     double ret_b);
double layernorm_loss(const double *x, const double *gamma, const double *beta, const double *target);
double layernorm_loss_vjp(const double *x, double *x_b, const double *gamma, double *gamma_b, const double *beta, double *beta_b,
                          const double *target, double ret_b);
double attention_loss(const double *x, const double *Wq, const double *Wk, const double *Wv, const double *target);
double attention_loss_vjp(const double *x, double *x_b, const double *Wq, double *Wq_b, const double *Wk, double *Wk_b,
                          const double *Wv, double *Wv_b, const double *target, double ret_b);
/* by_hand.c: the same gradient written by hand, the yardstick */
double attention_loss_by_hand(const double *x, double *x_b, const double *Wq, double *Wq_b, const double *Wk, double *Wk_b,
                              const double *Wv, double *Wv_b, const double *target, double ret_b);

double mlp_loss_hvp(const double *W1, const double *W1_v, double *W1_hv, const double *b1, const double *b1_v, double *b1_hv,
                    const double *W2, const double *W2_v, double *W2_hv, const double *b2, const double *b2_v, double *b2_hv,
                    const double *X, const int *y);
double gmm_nll_hvp(const double *alpha, const double *alpha_v, double *alpha_hv, const double *mu, const double *mu_v, double *mu_hv,
                   const double *logsig, const double *logsig_v, double *logsig_hv, const double *X);
double lstm_loss_hvp(const double *Wx, const double *Wx_v, double *Wx_hv, const double *Wh, const double *Wh_v, double *Wh_hv,
                     const double *b, const double *b_v, double *b_hv, const double *X);
double layernorm_loss_hvp(const double *x, const double *x_v, double *x_hv, const double *gamma, const double *gamma_v,
                          double *gamma_hv, const double *beta, const double *beta_v, double *beta_hv, const double *target);
double attention_loss_hvp(const double *x, const double *x_v, double *x_hv, const double *Wq, const double *Wq_v, double *Wq_hv,
                          const double *Wk, const double *Wk_v, double *Wk_hv, const double *Wv, const double *Wv_v, double *Wv_hv,
                          const double *target);

double mlp_loss_jvp(const double *W1, const double *W1_d, const double *b1, const double *b1_d, const double *W2, const double *W2_d,
                    const double *b2, const double *b2_d, const double *X, const int *y, double *ret_d);
double mlp_loss_jvp_vec(const double *W1, const double *W1_d, const double *b1, const double *b1_d, const double *W2,
                        const double *W2_d, const double *b2, const double *b2_d, const double *X, const int *y, double *ret_d);
double gmm_nll_jvp(const double *alpha, const double *alpha_d, const double *mu, const double *mu_d, const double *logsig,
                   const double *logsig_d, const double *X, double *ret_d);
double gmm_nll_jvp_vec(const double *alpha, const double *alpha_d, const double *mu, const double *mu_d, const double *logsig,
                       const double *logsig_d, const double *X, double *ret_d);
double layernorm_loss_jvp(const double *x, const double *x_d, const double *gamma, const double *gamma_d, const double *beta,
                          const double *beta_d, const double *target, double *ret_d);
double layernorm_loss_jvp_vec(const double *x, const double *x_d, const double *gamma, const double *gamma_d, const double *beta,
                              const double *beta_d, const double *target, double *ret_d);

#endif
