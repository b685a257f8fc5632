// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// Optimizer steps against values computed by hand, PyTorch's Adam written
// the way PyTorch writes it, f32 and tensor forms, and save/restore of state.
#include <cgrad.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    /* SGD: x -= lr (g + wd x) */
    double x = 1, g = 0.5;
    cg_sgd_step_f64(&x, &g, 1, 0.1, 0.0);
    // CHECK: sgd 0.950000 wd 0.940000
    printf("sgd %.6f", x);
    x = 1;
    cg_sgd_step_f64(&x, &g, 1, 0.1, 0.1);
    printf(" wd %.6f\n", x);

    /* The seeds' momentum on f(x) = x^2 (grad 2x), lr 0.1, lambda 0.9:
     * g1 = -0.2, x1 = 0.8; g2 = -0.16 - 0.18 = -0.34, x2 = 0.46;
     * g3 = -0.092 - 0.306 = -0.398, x3 = 0.062 */
    cg_momentum_state ms;
    cg_momentum_state_init(&ms, 1);
    x = 1;
    // CHECK: momentum 0.800000 0.460000 0.062000 v=-0.398000
    printf("momentum");
    for (int t = 0; t < 3; t++) {
        g = 2 * x;
        cg_momentum_step_f64(&ms, &x, &g, 0.1, 0.9);
        printf(" %.6f", x);
    }
    printf(" v=%.6f\n", ms.velocity[0]);

    /* Nesterov: v1 = -0.2, x1 = 1 - 0.18 - 0.2 = 0.62;
     * v2 = -0.18 - 0.124 = -0.304, x2 = 0.62 - 0.2736 - 0.124 = 0.2224 */
    cg_momentum_state_free(&ms);
    cg_momentum_state_init(&ms, 1);
    x = 1;
    // CHECK: nesterov 0.620000 0.222400
    printf("nesterov");
    for (int t = 0; t < 2; t++) {
        g = 2 * x;
        cg_nesterov_step_f64(&ms, &x, &g, 0.1, 0.9);
        printf(" %.6f", x);
    }
    printf("\n");
    cg_momentum_state_free(&ms);

    /* Adam with PyTorch's defaults and a constant gradient 0.5: both bias-
     * corrected moments equal g and g^2, so every step is lr*0.5/(0.5+1e-8). */
    cg_adam_config cfg = cg_adam_defaults();
    // CHECK: defaults lr=0.001 b1=0.9 b2=0.999 eps=1e-08 wd=0 adamw-wd=0.01
    printf("defaults lr=%g b1=%g b2=%g eps=%g wd=%g adamw-wd=%g\n", cfg.lr, cfg.beta1, cfg.beta2, cfg.eps,
           cfg.weight_decay, cg_adamw_defaults().weight_decay);
    cg_adam_state as;
    cg_adam_state_init(&as, 1);
    x = 1;
    g = 0.5;
    for (int t = 0; t < 3; t++) cg_adam_step_f64(&as, &cfg, &x, &g);
    // CHECK: adam 0.99700000006 step=3
    printf("adam %.11f step=%lld\n", x, (long long)as.step);
    cg_adam_state_free(&as);

    /* AdamW: x1 = (1 - 1e-3 * 0.01) - 1e-3 * 0.5 / (0.5 + 1e-8) = 0.99899000002 */
    cfg = cg_adamw_defaults();
    cg_adam_state_init(&as, 1);
    x = 1;
    cg_adamw_step_f64(&as, &cfg, &x, &g);
    // CHECK: adamw 0.99899000002
    printf("adamw %.11f\n", x);
    cg_adam_state_free(&as);

    /* A varying gradient against PyTorch's own arrangement of the formulas
     * (torch/optim/adam.py: step_size = lr / bc1, denom = sqrt(v)/sqrt(bc2) + eps). */
    enum { N = 50000, T = 5 };   /* large enough to run in parallel */
    double *w = malloc(N * sizeof *w), *ref = malloc(N * sizeof *ref), *gr = malloc(N * sizeof *gr);
    double *m = calloc(N, sizeof *m), *v = calloc(N, sizeof *v), worst = 0;
    for (int i = 0; i < N; i++) w[i] = ref[i] = sin(i * 0.001);
    for (int wdecay = 0; wdecay < 2; wdecay++) {
        cfg = wdecay ? cg_adamw_defaults() : cg_adam_defaults();
        cfg.lr = 0.01;
        cg_adam_state_init(&as, N);
        for (int t = 1; t <= T; t++) {
            for (int i = 0; i < N; i++) gr[i] = cos(3 * w[i]) + 0.1 * t;
            double bc1 = 1 - pow(cfg.beta1, t), bc2 = 1 - pow(cfg.beta2, t);
            for (int i = 0; i < N; i++) {
                double gi = cos(3 * ref[i]) + 0.1 * t;
                if (wdecay) ref[i] *= 1 - cfg.lr * cfg.weight_decay;
                m[i] = cfg.beta1 * m[i] + (1 - cfg.beta1) * gi;
                v[i] = cfg.beta2 * v[i] + (1 - cfg.beta2) * gi * gi;
                ref[i] -= cfg.lr / bc1 * m[i] / (sqrt(v[i]) / sqrt(bc2) + cfg.eps);
            }
            if (wdecay) cg_adamw_step_f64(&as, &cfg, w, gr);
            else cg_adam_step_f64(&as, &cfg, w, gr);
        }
        for (int i = 0; i < N; i++) worst = fmax(worst, fabs(w[i] - ref[i]));
        for (int i = 0; i < N; i++) m[i] = v[i] = 0;
        cg_adam_state_free(&as);
    }
    // CHECK: adam-vs-pytorch ok
    printf("adam-vs-pytorch %s (%.2g)\n", worst < 1e-12 ? "ok" : "FAIL", worst);

    /* f32 and tensor forms agree with f64 to float precision */
    float xf[3] = {1, -2, 3}, gf[3] = {0.5f, 0.25f, -1};
    double xd[3] = {1, -2, 3}, gd[3] = {0.5, 0.25, -1};
    cg_momentum_state m1, m2;
    cg_momentum_state_init(&m1, 3);
    cg_momentum_state_init(&m2, 3);
    cg_tensor tx, tg;
    cg_tensor_wrap(&tx, CG_DTYPE_F32, 1, (int64_t[]){3}, xf);
    cg_tensor_wrap(&tg, CG_DTYPE_F32, 1, (int64_t[]){3}, gf);
    for (int t = 0; t < 4; t++) {
        cg_nesterov_step(&m1, &tx, &tg, 0.05, 0.9);
        cg_nesterov_step_f64(&m2, xd, gd, 0.05, 0.9);
    }
    double e = 0;
    for (int i = 0; i < 3; i++) e = fmax(e, fabs(xf[i] - xd[i]));
    // CHECK: f32-tensor ok
    printf("f32-tensor %s\n", e < 1e-6 ? "ok" : "FAIL");
    cg_momentum_state_free(&m1);
    cg_momentum_state_free(&m2);

    /* save after 3 steps, take 2 more; restore into a fresh state and redo them */
    double p1[4] = {1, 2, 3, 4}, p2[4], gg[4] = {0.1, -0.2, 0.3, -0.4};
    cfg = cg_adamw_defaults();
    cg_adam_state s1, s2;
    cg_adam_state_init(&s1, 4);
    cg_adam_state_init(&s2, 4);
    for (int t = 0; t < 3; t++) cg_adamw_step_f64(&s1, &cfg, p1, gg);
    size_t sz = cg_adam_state_size(&s1);
    void *buf = malloc(sz);
    cg_status st = cg_adam_state_save(&s1, buf, sz);
    for (int i = 0; i < 4; i++) p2[i] = p1[i];
    for (int t = 0; t < 2; t++) cg_adamw_step_f64(&s1, &cfg, p1, gg);
    st |= cg_adam_state_restore(&s2, buf, sz);
    for (int t = 0; t < 2; t++) cg_adamw_step_f64(&s2, &cfg, p2, gg);
    int same = st == CG_OK && s2.step == 5;
    for (int i = 0; i < 4; i++) same &= p1[i] == p2[i];
    // header bytes before the 2 x 4 doubles
    // CHECK: save-restore bitwise ok size=32
    printf("save-restore bitwise %s size=%zu\n", same ? "ok" : "FAIL", sz - 2 * 4 * sizeof(double));

    cg_momentum_state mm;
    cg_momentum_state_init(&mm, 4);
    size_t msz = cg_momentum_state_size(&mm);
    void *mbuf = malloc(msz);
    cg_momentum_state_save(&mm, mbuf, msz);
    mm.velocity[2] = 7;
    cg_momentum_state_restore(&mm, mbuf, msz);
    // CHECK: momentum-restore v=0
    printf("momentum-restore v=%g\n", mm.velocity[2]);
    cg_momentum_state_free(&mm);

    free(mbuf);
    free(buf);
    cg_adam_state_free(&s1);
    cg_adam_state_free(&s2);
    free(w);
    free(ref);
    free(gr);
    free(m);
    free(v);
    return 0;
}
