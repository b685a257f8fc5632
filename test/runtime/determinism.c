// RUN: %cc %s -o %t %rt
// RUN: env OMP_NUM_THREADS=1 %t > %t.1
// RUN: env OMP_NUM_THREADS=2 %t > %t.2
// RUN: diff %t.1 %t.2
// RUN: %t | FileCheck %s
// Reductions give the same bits on one thread and on two: within one run
// (omp_set_num_threads) and across runs with OMP_NUM_THREADS=1 and 2.  The
// sizes are large enough that every reduction runs in parallel.
#include <cgrad.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <string.h>

enum { R = 600, C = 1000 };

/* All reduction results of one pass, concatenated. */
static void run(cg_tensor *x, cg_tensor *xf, double *res) {
    cg_tensor *s, *rows, *cols, *sm, *rf, *xb;
    cg_tensor_new(&s, CG_DTYPE_F64, 0, NULL);
    cg_tensor_new(&rows, CG_DTYPE_F64, 1, (int64_t[]){R});
    cg_tensor_new(&cols, CG_DTYPE_F64, 1, (int64_t[]){C});
    cg_tensor_new(&sm, CG_DTYPE_F64, 2, (int64_t[]){R, C});
    cg_tensor_new(&rf, CG_DTYPE_F32, 0, NULL);
    cg_tensor_new(&xb, CG_DTYPE_F64, 1, (int64_t[]){C});
    int k = 0;
    cg_sum(s, x, 0, NULL);
    res[k++] = cg_tensor_get(s, NULL);
    cg_mean(s, x, 0, NULL);
    res[k++] = cg_tensor_get(s, NULL);
    cg_norm(s, x, 0, NULL);
    res[k++] = cg_tensor_get(s, NULL);
    cg_logsumexp(s, x, 0, NULL);
    res[k++] = cg_tensor_get(s, NULL);
    cg_max(s, x, 0, NULL);
    res[k++] = cg_tensor_get(s, NULL);
    cg_gdot(s, x, x);
    res[k++] = cg_tensor_get(s, NULL);
    cg_einsum(s, "ij,ij->", x, x);
    res[k++] = cg_tensor_get(s, NULL);
    cg_sum(rf, xf, 0, NULL);
    res[k++] = cg_tensor_get(rf, NULL);
    cg_sum(rows, x, 1, (int[]){1});
    cg_sum(cols, x, 1, (int[]){0});
    cg_logsumexp(cols, x, 1, (int[]){0});
    for (int i = 0; i < R; i++) res[k++] = cg_tensor_get(rows, (int64_t[]){i});
    for (int i = 0; i < C; i++) res[k++] = cg_tensor_get(cols, (int64_t[]){i});
    /* an adjoint that is summed over a broadcast axis: b_b of x + b */
    cg_tensor_fill(sm, 1.0);
    cg_add_vjp(sm, sm, x, NULL, cols, xb);
    for (int i = 0; i < C; i++) res[k++] = cg_tensor_get(xb, (int64_t[]){i});
    cg_tensor *all[] = {s, rows, cols, sm, rf, xb};
    for (int i = 0; i < 6; i++) cg_tensor_free(all[i]);
}

int main(void) {
    cg_tensor *x, *xf;
    cg_tensor_new(&x, CG_DTYPE_F64, 2, (int64_t[]){R, C});
    cg_tensor_new(&xf, CG_DTYPE_F32, 2, (int64_t[]){R, C});
    for (int i = 0; i < R * C; i++) {
        ((double *)x->data)[i] = sin(i * 0.37) * (1 + (i % 7));
        ((float *)xf->data)[i] = (float)((double *)x->data)[i];
    }
    enum { NRES = 8 + R + 2 * C };
    static double a[NRES], b[NRES];
    omp_set_num_threads(1);
    run(x, xf, a);
    omp_set_num_threads(2);
    run(x, xf, b);
    // CHECK: one-vs-two-threads identical=1
    printf("one-vs-two-threads identical=%d\n", memcmp(a, b, sizeof a) == 0);
    /* printed bits, compared across OMP_NUM_THREADS by the RUN lines */
    unsigned long long h = 1469598103934665603ull;
    for (int i = 0; i < NRES; i++) {
        unsigned long long u;
        memcpy(&u, &a[i], 8);
        h = (h ^ u) * 1099511628211ull;
    }
    printf("sum %a lse %a hash %016llx\n", a[0], a[3], h);
    cg_tensor_free(x);
    cg_tensor_free(xf);
    return 0;
}
