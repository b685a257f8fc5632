/*
 * The BLAS shim: every matrix product of the runtime goes through cg_gemm.
 *
 * We link Debian's OpenBLAS pthread build (libopenblas0-pthread), which has
 * its own thread pool and no OpenMP, so clang's libomp stays the only OpenMP
 * runtime in the process (the OpenMP build would load libgomp beside it).
 * Two threading systems must still not multiply: a GEMM issued from inside an
 * OpenMP region must run on one thread.  cg_gemm_batched_policy sets
 * OpenBLAS to one thread around the parallel batch loops it runs, and marks
 * its worker threads; any other call from inside a parallel region (a user's
 * own omp parallel) uses the serial kernel below rather than waking
 * OpenBLAS's pool from every thread.  Built with CGRAD_NO_BLAS the serial
 * kernel serves every call.
 */
#include <omp.h>

#include "internal.h"

#ifndef CGRAD_NO_BLAS
#include <cblas.h>
#endif

/* OpenBLAS runs a GEMM on one thread below about this many multiply-adds
 * (GEMM_MULTITHREAD_THRESHOLD * 65536 in 0.3.21), so batches of smaller
 * products gain from OpenMP over the batch instead. */
#define CG_GEMM_SMALL_MNK (4.0 * 65536)

static _Thread_local int in_batch_worker;

/* Row-major, i-k-j order: the inner loop streams through a row of B and C. */
#define NAIVE_GEMM(T)                                                                                 \
    static void naive_##T(int ta, int tb, int64_t m, int64_t n, int64_t k, double alpha, const T *a,  \
                          int64_t lda, const T *b, int64_t ldb, double beta, T *c, int64_t ldc) {     \
        for (int64_t i = 0; i < m; i++) {                                                             \
            T *ci = c + i * ldc;                                                                      \
            for (int64_t j = 0; j < n; j++) ci[j] = beta == 0 ? 0 : (T)(beta * ci[j]);                \
            for (int64_t p = 0; p < k; p++) {                                                         \
                T aip = (T)(alpha * (ta ? a[p * lda + i] : a[i * lda + p]));                          \
                if (tb)                                                                               \
                    for (int64_t j = 0; j < n; j++) ci[j] += aip * b[j * ldb + p];                    \
                else                                                                                  \
                    for (int64_t j = 0; j < n; j++) ci[j] += aip * b[p * ldb + j];                    \
            }                                                                                         \
        }                                                                                             \
    }
NAIVE_GEMM(float)
NAIVE_GEMM(double)

void cg_gemm(cg_dtype dtype, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha,
             const void *a, int64_t lda, const void *b, int64_t ldb, double beta, void *c, int64_t ldc) {
    if (m == 0 || n == 0) return;
    int naive = 0;
#ifdef CGRAD_NO_BLAS
    naive = 1;
#else
    naive = omp_in_parallel() && !in_batch_worker;
#endif
    if (naive || k == 0) {
        if (dtype == CG_DTYPE_F32)
            naive_float(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else
            naive_double(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        return;
    }
#ifndef CGRAD_NO_BLAS
    /* CBLAS wants leading dimensions >= 1 even for degenerate shapes. */
    if (lda < 1) lda = 1;
    if (ldb < 1) ldb = 1;
    if (ldc < 1) ldc = 1;
    enum CBLAS_TRANSPOSE opa = trans_a ? CblasTrans : CblasNoTrans, opb = trans_b ? CblasTrans : CblasNoTrans;
    if (dtype == CG_DTYPE_F32)
        cblas_sgemm(CblasRowMajor, opa, opb, (blasint)m, (blasint)n, (blasint)k, (float)alpha, a, (blasint)lda, b,
                    (blasint)ldb, (float)beta, c, (blasint)ldc);
    else
        cblas_dgemm(CblasRowMajor, opa, opb, (blasint)m, (blasint)n, (blasint)k, alpha, a, (blasint)lda, b,
                    (blasint)ldb, beta, c, (blasint)ldc);
#endif
}

void cg_gemm_batched_policy(int64_t count, double flops_each, void (*fn)(void *ctx, int64_t i), void *ctx) {
    if (count > 1 && flops_each < 2 * CG_GEMM_SMALL_MNK && !omp_in_parallel() && omp_get_max_threads() > 1) {
#ifndef CGRAD_NO_BLAS
        int saved = openblas_get_num_threads();
        openblas_set_num_threads(1);
#endif
        #pragma omp parallel for schedule(static)
        for (int64_t i = 0; i < count; i++) {
            in_batch_worker = 1;
            fn(ctx, i);
            in_batch_worker = 0;
        }
#ifndef CGRAD_NO_BLAS
        openblas_set_num_threads(saved);
#endif
        return;
    }
    for (int64_t i = 0; i < count; i++) fn(ctx, i);
}
