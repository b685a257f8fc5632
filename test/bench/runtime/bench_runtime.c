/*
 * Runtime benchmark: each figure is measured in this one run, on the same
 * data, as the best of several repetitions.
 *
 *   matmul    cg_matmul GFLOP/s vs cblas_dgemm called directly (target >= 95%)
 *   einsum    "bij,bjk->bik" vs a loop of cblas_dgemm over the batch (>= 90%)
 *   add/sum   cg_add and cg_sum GB/s vs a STREAM-style OpenMP copy (>= 80%)
 *
 * and the speed-up of each from 1 to 2 threads (OpenMP and OpenBLAS both
 * limited to the same count).  Arrays are 64 MiB each, well beyond cache.
 */
#include <cblas.h>
#include <cgrad.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void set_threads(int n) {
    omp_set_num_threads(n);
    openblas_set_num_threads(n);
}

/* Best time of reps runs of fn. */
typedef void (*bench_fn)(void *);
static double best(bench_fn fn, void *ctx, int reps) {
    double t = 1e30;
    fn(ctx);   /* warm-up: page faults, thread pools */
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        fn(ctx);
        double dt = now() - t0;
        if (dt < t) t = dt;
    }
    return t;
}

typedef struct mm { cg_tensor *a, *b, *c; int64_t n, batch; } mm;
static void mm_cg(void *p) { mm *m = p; cg_matmul(m->c, m->a, m->b); }
static void mm_blas(void *p) {
    mm *m = p;
    int n = (int)m->n;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, m->a->data, n, m->b->data, n, 0.0, m->c->data, n);
}
static void ein_cg(void *p) { mm *m = p; cg_einsum(m->c, "bij,bjk->bik", m->a, m->b); }
static void ein_blas(void *p) {
    mm *m = p;
    int n = (int)m->n;
    for (int64_t i = 0; i < m->batch; i++)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, (double *)m->a->data + i * n * n, n,
                    (double *)m->b->data + i * n * n, n, 0.0, (double *)m->c->data + i * n * n, n);
}

typedef struct st { cg_tensor *a, *b, *c, *s; int64_t n; } st;
static void stream_copy(void *p) {
    st *s = p;
    double *restrict c = s->c->data;
    const double *restrict a = s->a->data;
    int64_t n = s->n;
    #pragma omp parallel for simd schedule(static)
    for (int64_t i = 0; i < n; i++) c[i] = a[i];
}
static void ew_add(void *p) { st *s = p; cg_add(s->c, s->a, s->b); }
static void red_sum(void *p) { st *s = p; cg_sum(s->s, s->a, 0, NULL); }

static void report(const char *what, double t1_lib, double t2_lib, double t1_ref, double t2_ref, double work,
                   const char *unit, double target) {
    double lib = work / t2_lib, ref = work / t2_ref;
    printf("%-7s %8.2f %s vs %8.2f %s reference: %5.1f%% (target >= %.0f%%)   1->2 threads: %.2fx (reference %.2fx)\n",
           what, lib, unit, ref, unit, 100 * lib / ref, target, t1_lib / t2_lib, t1_ref / t2_ref);
}

int main(void) {
    int threads = omp_get_max_threads() < 2 ? 2 : omp_get_max_threads();
    (void)threads;
    printf("cgrad runtime benchmark (f64; best of several runs; 2 threads unless noted)\n");

    /* matmul 1024^3 */
    mm m = {0};
    m.n = 1024;
    cg_tensor_new(&m.a, CG_DTYPE_F64, 2, (int64_t[]){m.n, m.n});
    cg_tensor_new(&m.b, CG_DTYPE_F64, 2, (int64_t[]){m.n, m.n});
    cg_tensor_new(&m.c, CG_DTYPE_F64, 2, (int64_t[]){m.n, m.n});
    cg_tensor_fill(m.a, 0.5);
    cg_tensor_fill(m.b, 0.25);
    double flops = 2.0 * m.n * m.n * m.n;
    double t[4];
    set_threads(1);
    t[0] = best(mm_cg, &m, 2);
    t[2] = best(mm_blas, &m, 2);
    set_threads(2);
    t[1] = best(mm_cg, &m, 4);
    t[3] = best(mm_blas, &m, 4);
    report("matmul", t[0], t[1], t[2], t[3], flops * 1e-9, "GFLOP/s", 95);
    cg_tensor_free(m.a);
    cg_tensor_free(m.b);
    cg_tensor_free(m.c);

    /* einsum: 64 batches of 128^3 */
    mm e = {0};
    e.n = 128;
    e.batch = 64;
    int64_t bs[3] = {e.batch, e.n, e.n};
    cg_tensor_new(&e.a, CG_DTYPE_F64, 3, bs);
    cg_tensor_new(&e.b, CG_DTYPE_F64, 3, bs);
    cg_tensor_new(&e.c, CG_DTYPE_F64, 3, bs);
    cg_tensor_fill(e.a, 0.5);
    cg_tensor_fill(e.b, 0.25);
    flops = 2.0 * e.n * e.n * e.n * e.batch;
    set_threads(1);
    t[0] = best(ein_cg, &e, 3);
    t[2] = best(ein_blas, &e, 3);
    set_threads(2);
    t[1] = best(ein_cg, &e, 5);
    t[3] = best(ein_blas, &e, 5);
    report("einsum", t[0], t[1], t[2], t[3], flops * 1e-9, "GFLOP/s", 90);
    cg_tensor_free(e.a);
    cg_tensor_free(e.b);
    cg_tensor_free(e.c);

    /* memory-bound: 8M doubles (64 MiB) per array */
    st s = {0};
    s.n = 1 << 23;
    cg_tensor_new(&s.a, CG_DTYPE_F64, 1, (int64_t[]){s.n});
    cg_tensor_new(&s.b, CG_DTYPE_F64, 1, (int64_t[]){s.n});
    cg_tensor_new(&s.c, CG_DTYPE_F64, 1, (int64_t[]){s.n});
    cg_tensor_new(&s.s, CG_DTYPE_F64, 0, NULL);
    cg_tensor_fill(s.a, 1.0);
    cg_tensor_fill(s.b, 2.0);
    cg_tensor_fill(s.c, 0.0);
    double gb = s.n * 8e-9, tc[2];
    set_threads(1);
    tc[0] = best(stream_copy, &s, 5);
    t[0] = best(ew_add, &s, 5);
    t[2] = best(red_sum, &s, 5);
    set_threads(2);
    tc[1] = best(stream_copy, &s, 8);
    t[1] = best(ew_add, &s, 8);
    t[3] = best(red_sum, &s, 8);
    printf("copy    %8.2f GB/s (STREAM-style reference; 1->2 threads: %.2fx)\n", 2 * gb / tc[1], tc[0] / tc[1]);
    /* the copy moves 2 arrays, add 3, sum 1 */
    report("add", t[0], t[1], tc[0] * 3 / 2, tc[1] * 3 / 2, 3 * gb, "GB/s", 80);
    report("sum", t[2], t[3], tc[0] / 2, tc[1] / 2, gb, "GB/s", 80);
    cg_tensor_free(s.a);
    cg_tensor_free(s.b);
    cg_tensor_free(s.c);
    cg_tensor_free(s.s);
    return 0;
}
