// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// Reduction, softmax and log-softmax values against naive loops over every
// set of axes of a (3,4,5) tensor, kept and dropped axes, a strided input,
// long reductions (several blocks), empty axes, and a NaN.
#include <cgrad.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double rnd(void) { return (double)rand() / RAND_MAX * 4 - 2; }

/* naive reduction of a (3,4,5) over the axes in mask: kind 0 sum 1 mean 2 max 3 lse 4 norm */
static void naive(const cg_tensor *a, int mask, int kind, double *res) {
    int64_t n[3] = {3, 4, 5}, o = 0;
    int64_t ko[3];
    for (int d = 0; d < 3; d++) ko[d] = mask >> d & 1 ? 1 : n[d];
    for (int64_t i = 0; i < ko[0]; i++)
        for (int64_t j = 0; j < ko[1]; j++)
            for (int64_t k = 0; k < ko[2]; k++, o++) {
                double s = 0, m = -INFINITY, cnt = 0;
                for (int64_t x = 0; x < 3; x++)
                    for (int64_t y = 0; y < 4; y++)
                        for (int64_t z = 0; z < 5; z++) {
                            if ((!(mask & 1) && x != i) || (!(mask & 2) && y != j) || (!(mask & 4) && z != k)) continue;
                            double v = cg_tensor_get(a, (int64_t[]){x, y, z});
                            s += kind == 4 ? v * v : v;
                            m = fmax(m, v);
                            cnt++;
                        }
                if (kind == 3) {
                    s = 0;
                    for (int64_t x = 0; x < 3; x++)
                        for (int64_t y = 0; y < 4; y++)
                            for (int64_t z = 0; z < 5; z++)
                                if (!((!(mask & 1) && x != i) || (!(mask & 2) && y != j) || (!(mask & 4) && z != k)))
                                    s += exp(cg_tensor_get(a, (int64_t[]){x, y, z}) - m);
                }
                res[o] = kind == 0 ? s : kind == 1 ? s / cnt : kind == 2 ? m : kind == 3 ? m + log(s) : sqrt(s);
            }
}

int main(void) {
    typedef cg_status (*red_fn)(cg_tensor *, const cg_tensor *, int, const int *);
    red_fn fns[] = {cg_sum, cg_mean, cg_max, cg_logsumexp, cg_norm};
    cg_tensor *own, a;
    cg_tensor_new(&own, CG_DTYPE_F64, 3, (int64_t[]){5, 4, 3});
    for (int i = 0; i < 60; i++) ((double *)own->data)[i] = rnd();
    cg_tensor_permute(&a, own, (int[]){2, 1, 0});   /* strided (3,4,5) */
    double worst = 0, res[60], got[60];
    for (int kind = 0; kind < 5; kind++)
        for (int mask = 1; mask < 8; mask++)
            for (int keep = 0; keep < 2; keep++) {
                int axes[3], na = 0, nd = 0;
                int64_t shape[3], n[3] = {3, 4, 5};
                for (int d = 0; d < 3; d++) {
                    if (mask >> d & 1) axes[na++] = d - (d == 2 ? 3 : 0);   /* also a negative axis */
                    if (!(mask >> d & 1)) shape[nd++] = n[d];
                    else if (keep) shape[nd++] = 1;
                }
                cg_tensor *out;
                cg_tensor_new(&out, CG_DTYPE_F64, nd, shape);
                cg_status st = fns[kind](out, &a, na, axes);
                if (st) printf("%s\n", cg_last_error());
                naive(&a, mask, kind, res);
                cg_tensor_copy_to(out, got);
                for (int64_t i = 0; i < cg_tensor_numel(out); i++) worst = fmax(worst, fabs(got[i] - res[i]));
                cg_tensor_free(out);
            }
    // CHECK: reductions err<1e-13: 1
    printf("reductions err<1e-13: %d\n", worst < 1e-13);

    /* softmax along each axis: rows of exp(x)/sum exp(x); log_softmax its log */
    cg_tensor *sm, *lsm;
    cg_tensor_new(&sm, CG_DTYPE_F64, 3, (int64_t[]){3, 4, 5});
    cg_tensor_new(&lsm, CG_DTYPE_F64, 3, (int64_t[]){3, 4, 5});
    double se = 0;
    for (int ax = 0; ax < 3; ax++) {
        cg_softmax(sm, &a, ax);
        cg_log_softmax(lsm, &a, ax);
        int mask = 1 << ax;
        naive(&a, mask, 3, res);   /* logsumexp along the axis */
        for (int64_t x = 0; x < 3; x++)
            for (int64_t y = 0; y < 4; y++)
                for (int64_t z = 0; z < 5; z++) {
                    int64_t idx[3] = {x, y, z}, r;
                    r = ax == 0 ? y * 5 + z : ax == 1 ? x * 5 + z : x * 4 + y;
                    double want = cg_tensor_get(&a, idx) - res[r];
                    se = fmax(se, fabs(cg_tensor_get(lsm, idx) - want));
                    se = fmax(se, fabs(cg_tensor_get(sm, idx) - exp(want)));
                }
    }
    // CHECK: softmax err<1e-13: 1
    printf("softmax err<1e-13: %d\n", se < 1e-13);

    /* a long sum: 1e6 elements of 0.1 in f32 accumulate in double */
    cg_tensor *lf, *s0;
    cg_tensor_new(&lf, CG_DTYPE_F32, 1, (int64_t[]){1000000});
    cg_tensor_new(&s0, CG_DTYPE_F64, 0, NULL);
    cg_tensor_fill(lf, 0.1);
    cg_tensor *s32;
    cg_tensor_new(&s32, CG_DTYPE_F32, 0, NULL);
    cg_sum(s32, lf, 0, NULL);
    // CHECK: long f32 sum 100000.0
    printf("long f32 sum %.1f\n", cg_tensor_get(s32, NULL));

    /* empty axis: sum 0, max -inf; NaN propagates through max */
    cg_tensor *e, *e1;
    cg_tensor_new(&e, CG_DTYPE_F64, 2, (int64_t[]){2, 0});
    cg_tensor_new(&e1, CG_DTYPE_F64, 1, (int64_t[]){2});
    cg_sum(e1, e, 1, (int[]){1});
    printf("empty sum %g", cg_tensor_get(e1, (int64_t[]){0}));
    cg_max(e1, e, 1, (int[]){1});
    printf(" max %g", cg_tensor_get(e1, (int64_t[]){1}));
    double nanv[3] = {1, NAN, 5};
    cg_tensor tn;
    cg_tensor_wrap(&tn, CG_DTYPE_F64, 1, (int64_t[]){3}, nanv);
    cg_max(s0, &tn, 0, NULL);
    // CHECK: empty sum 0 max -inf nan-max nan
    printf(" nan-max %g\n", fabs(cg_tensor_get(s0, NULL)));

    cg_tensor_free(own);
    cg_tensor_free(sm);
    cg_tensor_free(lsm);
    cg_tensor_free(lf);
    cg_tensor_free(s0);
    cg_tensor_free(s32);
    cg_tensor_free(e);
    cg_tensor_free(e1);
    return 0;
}
