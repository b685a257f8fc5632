/*
 * Causal self-attention's backward pass written by hand, the yardstick for
 * the generated attention_loss_vjp: plain C as a person would write it for
 * this one function, with no restrict (like the generated code, it must
 * not assume its buffers are disjoint) and the loop order that suits each
 * product: the weight gradients are dW = x^T dQ, row by row of x.
 * Same contract as attention_loss_vjp: returns the loss and accumulates
 * ret_b times the gradient into the *_b buffers.
 */
#include <math.h>

#include "kernels.h"

double attention_loss_by_hand(const double *x, double *x_b, const double *Wq, double *Wq_b, const double *Wk, double *Wk_b,
                              const double *Wv, double *Wv_b, const double *target, double ret_b) {
    double q[AT * AD], k[AT * AD], v[AT * AD], P[AT * AT], Z[AT];
    double dq[AT * AD] = {0}, dk[AT * AD] = {0}, dv[AT * AD] = {0};
    /* forward, keeping every softmax row */
    for (int t = 0; t < AT; t++)
        for (int j = 0; j < AD; j++) {
            double sq = 0, sk = 0, sv = 0;
            for (int i = 0; i < AD; i++) {
                sq += x[t * AD + i] * Wq[i * AD + j];
                sk += x[t * AD + i] * Wk[i * AD + j];
                sv += x[t * AD + i] * Wv[i * AD + j];
            }
            q[t * AD + j] = sq, k[t * AD + j] = sk, v[t * AD + j] = sv;
        }
    double scale = 1 / sqrt((double)AD), loss = 0;
    for (int t = 0; t < AT; t++) {
        double *p = P + t * AT, m = -1e300, z = 0;
        for (int u = 0; u <= t; u++) {
            double s = 0;
            for (int j = 0; j < AD; j++) s += q[t * AD + j] * k[u * AD + j];
            p[u] = s * scale;
            if (p[u] > m) m = p[u];
        }
        for (int u = 0; u <= t; u++) z += p[u] = exp(p[u] - m);
        Z[t] = z;
        for (int j = 0; j < AD; j++) {
            double o = 0;
            for (int u = 0; u <= t; u++) o += p[u] * v[u * AD + j];
            loss += o / z * target[t * AD + j];
        }
    }
    /* backward: row t's output is (sum_u p_u v_u) / z */
    for (int t = 0; t < AT; t++) {
        const double *p = P + t * AT, *g = target + t * AD;
        double z = Z[t], dp[AT], dot = 0;
        for (int u = 0; u <= t; u++) {
            double s = 0;
            for (int j = 0; j < AD; j++) {
                s += g[j] * v[u * AD + j];
                dv[u * AD + j] += ret_b * p[u] / z * g[j];
            }
            dp[u] = ret_b * s / z;   /* d loss / d (p_u / z) without the normalization */
            dot += dp[u] * p[u] / z;
        }
        for (int u = 0; u <= t; u++) {
            double ds = p[u] * (dp[u] - dot) * scale;   /* softmax backward, then the scale */
            for (int j = 0; j < AD; j++) {
                dq[t * AD + j] += ds * k[u * AD + j];
                dk[u * AD + j] += ds * q[t * AD + j];
            }
        }
    }
    /* the projections: dW += x^T dQ, dx += dQ W^T */
    for (int t = 0; t < AT; t++)
        for (int i = 0; i < AD; i++) {
            double xi = x[t * AD + i], s = 0;
            for (int j = 0; j < AD; j++) {
                Wq_b[i * AD + j] += xi * dq[t * AD + j];
                Wk_b[i * AD + j] += xi * dk[t * AD + j];
                Wv_b[i * AD + j] += xi * dv[t * AD + j];
                s += dq[t * AD + j] * Wq[i * AD + j] + dk[t * AD + j] * Wk[i * AD + j] + dv[t * AD + j] * Wv[i * AD + j];
            }
            x_b[t * AD + i] += s;
        }
    return loss;
}
