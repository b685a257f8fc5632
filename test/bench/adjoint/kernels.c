/*
 * Benchmark kernels for adjoint mode, written as plain C the way a person
 * would write them (no restrict, fixed-size local scratch arrays).  Each
 * returns a scalar loss; bench_adjoint.c times the loss against its
 * cgrad-generated gradient (`_vjp`).
 */
#include <math.h>

#include "kernels.h"

/* Two-layer network with softmax cross-entropy, mean over a batch. */
double mlp_loss(const double *W1, const double *b1, const double *W2, const double *b2, const double *X, const int *y) {
    double loss = 0;
    for (int n = 0; n < B; n++) {
        double h[H], z[C];
        for (int j = 0; j < H; j++) {
            double s = b1[j];
            for (int i = 0; i < D; i++) s += X[n * D + i] * W1[i * H + j];
            h[j] = tanh(s);
        }
        double zmax = -1e300;
        for (int c = 0; c < C; c++) {
            double s = b2[c];
            for (int j = 0; j < H; j++) s += h[j] * W2[j * C + c];
            z[c] = s;
            if (s > zmax) zmax = s;
        }
        double se = 0;
        for (int c = 0; c < C; c++) se += exp(z[c] - zmax);
        loss += log(se) + zmax - z[y[n]];
    }
    return loss / B;
}
#pragma cgrad differentiate mlp_loss mode(adjoint, hvp, tangent, vector) width(8) wrt(W1, b1, W2, b2)

/* Negative log-likelihood of a diagonal Gaussian mixture. */
double gmm_nll(const double *alpha, const double *mu, const double *logsig, const double *X) {
    double amax = -1e300, asum = 0;
    for (int k = 0; k < GK; k++) if (alpha[k] > amax) amax = alpha[k];
    for (int k = 0; k < GK; k++) asum += exp(alpha[k] - amax);
    double lognorm = log(asum) + amax;
    double nll = 0;
    for (int n = 0; n < GN; n++) {
        double lp[GK];
        double m = -1e300;
        for (int k = 0; k < GK; k++) {
            double s = alpha[k] - lognorm;
            for (int d = 0; d < GD; d++) {
                double z = (X[n * GD + d] - mu[k * GD + d]) * exp(-logsig[k * GD + d]);
                s += -0.5 * z * z - logsig[k * GD + d] - 0.918938533204672742;
            }
            lp[k] = s;
            if (s > m) m = s;
        }
        double t = 0;
        for (int k = 0; k < GK; k++) t += exp(lp[k] - m);
        nll -= log(t) + m;
    }
    return nll;
}
#pragma cgrad differentiate gmm_nll mode(adjoint, hvp, tangent, vector) width(8) wrt(alpha, mu, logsig)

static double sigmoid(double v) { return 1 / (1 + exp(-v)); }

/* An LSTM over LT steps; the loss is the sum of the last hidden state. */
double lstm_loss(const double *Wx, const double *Wh, const double *b, const double *X) {
    double h[LH], c[LH], g[4 * LH];
    for (int j = 0; j < LH; j++) h[j] = 0, c[j] = 0;
    for (int t = 0; t < LT; t++) {
        for (int r = 0; r < 4 * LH; r++) {
            double s = b[r];
            for (int i = 0; i < LI; i++) s += Wx[r * LI + i] * X[t * LI + i];
            for (int j = 0; j < LH; j++) s += Wh[r * LH + j] * h[j];
            g[r] = s;
        }
        for (int j = 0; j < LH; j++) {
            double in = sigmoid(g[j]), forget = sigmoid(g[LH + j]), out = sigmoid(g[2 * LH + j]), cand = tanh(g[3 * LH + j]);
            c[j] = forget * c[j] + in * cand;
            h[j] = out * tanh(c[j]);
        }
    }
    double loss = 0;
    for (int j = 0; j < LH; j++) loss += h[j];
    return loss;
}
#pragma cgrad differentiate lstm_loss mode(adjoint, hvp) wrt(Wx, Wh, b)

/* Layer normalization over the rows of x, scored against a target. */
double layernorm_loss(const double *x, const double *gamma, const double *beta, const double *target) {
    double loss = 0;
    for (int r = 0; r < NR; r++) {
        double mean = 0, var = 0;
        for (int d = 0; d < ND; d++) mean += x[r * ND + d];
        mean /= ND;
        for (int d = 0; d < ND; d++) var += (x[r * ND + d] - mean) * (x[r * ND + d] - mean);
        var /= ND;
        double inv = 1 / sqrt(var + 1e-5);
        for (int d = 0; d < ND; d++) loss += ((x[r * ND + d] - mean) * inv * gamma[d] + beta[d]) * target[r * ND + d];
    }
    return loss;
}
#pragma cgrad differentiate layernorm_loss mode(adjoint, hvp, tangent, vector) width(8) wrt(x, gamma, beta)

/* One head of causal self-attention, scored against a target. */
double attention_loss(const double *x, const double *Wq, const double *Wk, const double *Wv, const double *target) {
    double q[AT * AD], k[AT * AD], v[AT * AD], p[AT];
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
        double m = -1e300;
        for (int u = 0; u <= t; u++) {
            double s = 0;
            for (int j = 0; j < AD; j++) s += q[t * AD + j] * k[u * AD + j];
            p[u] = s * scale;
            if (p[u] > m) m = p[u];
        }
        double z = 0;
        for (int u = 0; u <= t; u++) {
            p[u] = exp(p[u] - m);
            z += p[u];
        }
        for (int j = 0; j < AD; j++) {
            double o = 0;
            for (int u = 0; u <= t; u++) o += p[u] * v[u * AD + j];
            loss += o / z * target[t * AD + j];
        }
    }
    return loss;
}
#pragma cgrad differentiate attention_loss mode(adjoint, hvp) wrt(x, Wq, Wk, Wv)
