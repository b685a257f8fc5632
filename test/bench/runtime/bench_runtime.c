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

/* Best times of fn and ref over reps alternating runs: on a busy machine
 * both see the same load, which separate series would not. */
typedef void (*bench_fn)(void *);
static void duel(bench_fn fn, bench_fn ref, void *ctx, int reps, double *t_fn, double *t_ref) {
    *t_fn = *t_ref = 1e30;
    fn(ctx);   /* warm-up: page faults, thread pools */
    ref(ctx);
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        fn(ctx);
        double t1 = now();
        ref(ctx);
        double t2 = now();
        if (t1 - t0 < *t_fn) *t_fn = t1 - t0;
        if (t2 - t1 < *t_ref) *t_ref = t2 - t1;
    }
}

/* Measures fn against ref on 1 and 2 threads and prints one line.  work is
 * fn's work per call (GFLOP or GB); ref does ref_work of the same unit. */
static void compare(const char *what, bench_fn fn, bench_fn ref, void *ctx, int reps, double work, double ref_work,
                    const char *unit, double target) {
    double t1, r1, t2, r2;
    set_threads(1);
    duel(fn, ref, ctx, reps, &t1, &r1);
    set_threads(2);
    duel(fn, ref, ctx, reps, &t2, &r2);
    double lib = work / t2, base = ref_work / r2;
    printf("%-7s %8.2f %s vs %8.2f %s reference: %5.1f%% (target >= %.0f%%)   1->2 threads: %.2fx (reference %.2fx)\n",
           what, lib, unit, base, unit, 100 * lib / base, target, t1 / t2, r1 / r2);
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

int main(void) {
    printf("cgrad runtime benchmark (f64; best of several runs; 2 threads unless noted)\n");

    /* matmul 1024^3 */
    mm m = {0};
    m.n = 1024;
    cg_tensor_new(&m.a, CG_DTYPE_F64, 2, (int64_t[]){m.n, m.n});
    cg_tensor_new(&m.b, CG_DTYPE_F64, 2, (int64_t[]){m.n, m.n});
    cg_tensor_new(&m.c, CG_DTYPE_F64, 2, (int64_t[]){m.n, m.n});
    cg_tensor_fill(m.a, 0.5);
    cg_tensor_fill(m.b, 0.25);
    double flops = 2e-9 * m.n * m.n * m.n;
    compare("matmul", mm_cg, mm_blas, &m, 4, flops, flops, "GFLOP/s", 95);
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
    flops = 2e-9 * e.n * e.n * e.n * e.batch;
    compare("einsum", ein_cg, ein_blas, &e, 5, flops, flops, "GFLOP/s", 90);
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
    double gb = s.n * 8e-9;
    /* the copy moves 2 arrays, add 3, sum 1; GB/s are compared */
    compare("add", ew_add, stream_copy, &s, 10, 3 * gb, 2 * gb, "GB/s", 80);
    compare("sum", red_sum, stream_copy, &s, 10, gb, 2 * gb, "GB/s", 80);
    cg_tensor_free(s.a);
    cg_tensor_free(s.b);
    cg_tensor_free(s.c);
    cg_tensor_free(s.s);
    return 0;
}
