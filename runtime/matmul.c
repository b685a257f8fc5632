/*
 * Matrix products: cg_matmul (2-D), cg_matmul_batched (leading batch axes
 * with broadcasting), their derivative rules, and cg_mm_core, the batched
 * GEMM driver that einsum shares.
 *
 * Every product becomes CBLAS gemm calls on the operands' own storage: a
 * matrix whose column stride is 1 is passed as is, one whose row stride is 1
 * with a transpose flag, and an output stored column-major is computed as
 * C^T = B^T A^T.  Only an operand with neither unit stride is copied, once
 * per call.  Batches go through cg_gemm_batched_policy, which decides between
 * OpenMP over the batch and OpenBLAS's own threads (never both).
 *
 * Adjoints: a_b += g . b^T and b_b += a^T . g are products of transposed
 * views, so they reuse the same driver with beta = 1.  An operand broadcast
 * over the batch gets its adjoint through a full-batch temporary that
 * cg_sum_to reduces, because batches run in parallel.
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* Is a (rows x cols) matrix with strides (s0, s1) usable by BLAS?  Sets
 * *trans (1: pass as the transpose of a row-major matrix) and *ld. */
static int blas_layout(int64_t rows, int64_t cols, int64_t s0, int64_t s1, int *trans, int64_t *ld) {
    int64_t r1 = rows > 1 ? rows : 1, c1 = cols > 1 ? cols : 1;
    if ((cols == 1 || s1 == 1) && (rows == 1 || s0 >= c1)) {
        *trans = 0;
        *ld = rows == 1 ? c1 : s0;
        return 1;
    }
    if ((rows == 1 || s0 == 1) && (cols == 1 || s1 >= r1)) {
        *trans = 1;
        *ld = cols == 1 ? r1 : s1;
        return 1;
    }
    return 0;
}

static int tensor_blas_ok(const cg_tensor *t) {
    int tr;
    int64_t ld;
    int n = t->ndim;
    return blas_layout(t->shape[n - 2], t->shape[n - 1], t->strides[n - 2], t->strides[n - 1], &tr, &ld);
}

typedef struct mm_ctx {
    cg_dtype dt;
    int nb;                                   /* batch axes (of c) */
    int64_t bshape[CG_MAX_DIMS];
    int64_t bstr[3][CG_MAX_DIMS];             /* a, b, c batch strides in elements (0: broadcast) */
    const char *base[3];
    int64_t ms[3][2];                         /* matrix strides of a, b, c */
    int64_t m, n, k;
    double beta;
} mm_ctx;

static void mm_one(void *vctx, int64_t i) {
    const mm_ctx *x = vctx;
    int64_t off[3] = {0, 0, 0};
    for (int d = x->nb - 1; d >= 0; d--) {
        int64_t id = i % x->bshape[d];
        i /= x->bshape[d];
        for (int t = 0; t < 3; t++) off[t] += id * x->bstr[t][d];
    }
    size_t esz = cg_dtype_size(x->dt);
    const char *a = x->base[0] + off[0] * (int64_t)esz, *b = x->base[1] + off[1] * (int64_t)esz;
    char *c = (char *)x->base[2] + off[2] * (int64_t)esz;
    int ta, tb, tc;
    int64_t lda, ldb, ldc;
    blas_layout(x->m, x->k, x->ms[0][0], x->ms[0][1], &ta, &lda);
    blas_layout(x->k, x->n, x->ms[1][0], x->ms[1][1], &tb, &ldb);
    blas_layout(x->m, x->n, x->ms[2][0], x->ms[2][1], &tc, &ldc);
    if (!tc)
        cg_gemm(x->dt, ta, tb, x->m, x->n, x->k, 1.0, a, lda, b, ldb, x->beta, c, ldc);
    else   /* C stored column-major: C^T = B^T A^T into row-major C^T */
        cg_gemm(x->dt, !tb, !ta, x->n, x->m, x->k, 1.0, b, ldb, a, lda, x->beta, c, ldc);
}

/* A contiguous copy of t when BLAS cannot take its layout; *use is what to pass. */
static cg_status blas_operand(const char *op, const cg_tensor *t, cg_tensor **tmp, const cg_tensor **use) {
    *tmp = NULL;
    *use = t;
    if (tensor_blas_ok(t)) return CG_OK;
    cg_status st = cg_tmp_new(op, tmp, t->dtype, t->ndim, t->shape);
    if (st) return st;
    cg_assign(*tmp, t, 0);
    *use = *tmp;
    return CG_OK;
}

cg_status cg_mm_core(const char *op, cg_tensor *c, const cg_tensor *a, const cg_tensor *b, int accumulate) {
    cg_tensor *ta = NULL, *tb = NULL, *tc = NULL;
    const cg_tensor *A, *B;
    cg_tensor *C = c;
    cg_status st;
    if ((st = blas_operand(op, a, &ta, &A)) || (st = blas_operand(op, b, &tb, &B))) goto done;
    if (!tensor_blas_ok(c)) {
        if ((st = cg_tmp_new(op, &tc, c->dtype, c->ndim, c->shape))) goto done;
        C = tc;
    }
    mm_ctx x = {0};
    x.dt = c->dtype;
    x.nb = c->ndim - 2;
    x.m = c->shape[c->ndim - 2];
    x.n = c->shape[c->ndim - 1];
    x.k = a->shape[a->ndim - 1];
    x.beta = accumulate && C == c ? 1.0 : 0.0;
    const cg_tensor *ops[3] = {A, B, C};
    int64_t count = 1;
    for (int d = 0; d < x.nb; d++) {
        x.bshape[d] = c->shape[d];
        count *= c->shape[d];
    }
    for (int t = 0; t < 3; t++) {
        const cg_tensor *o = ops[t];
        int lead = c->ndim - o->ndim;
        x.base[t] = o->data;
        for (int d = 0; d < x.nb; d++) {
            int od = d - lead;
            x.bstr[t][d] = od < 0 || o->shape[od] == 1 ? 0 : o->strides[od];
        }
        x.ms[t][0] = o->strides[o->ndim - 2];
        x.ms[t][1] = o->strides[o->ndim - 1];
    }
    if (x.m > 0 && x.n > 0) cg_gemm_batched_policy(count, 2.0 * (double)x.m * (double)x.n * (double)x.k, mm_one, &x);
    if (tc) cg_assign(c, tc, accumulate);
done:
    cg_tensor_free(ta);
    cg_tensor_free(tb);
    cg_tensor_free(tc);
    return st;
}

/* t with its last two axes swapped (a view). */
static cg_tensor swap_last(const cg_tensor *t) {
    cg_tensor v;
    cg_tensor_transpose(&v, t, -1, -2);
    return v;
}

/* Shape checks shared by both products: ranks, inner dims, batch broadcast, out. */
static cg_status mm_check(const char *op, int batched, const cg_tensor *out, const cg_tensor *a, const cg_tensor *b) {
    cg_status st;
    if ((st = cg_check_tensor(op, "out", out)) || (st = cg_check_tensor(op, "a", a)) ||
        (st = cg_check_tensor(op, "b", b)) || (st = cg_check_dtype(op, "a", a, out->dtype)) ||
        (st = cg_check_dtype(op, "b", b, out->dtype)))
        return st;
    const cg_tensor *ab[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        if (batched ? ab[i]->ndim < 2 : ab[i]->ndim != 2)
            return cg_set_error(CG_ERR_SHAPE, "%s: %s must be %s, got %s", op, i ? "b" : "a",
                                batched ? "at least 2-D" : "2-D", CG_SHAPE(ab[i]));
    }
    int64_t k = a->shape[a->ndim - 1];
    if (k != b->shape[b->ndim - 2])
        return cg_set_error(CG_ERR_SHAPE, "%s: inner dims %lld != %lld", op, (long long)k,
                            (long long)b->shape[b->ndim - 2]);
    /* batch shape: broadcast of a's and b's leading axes */
    cg_tensor ba = *a, bb = *b;
    ba.ndim -= 2;
    bb.ndim -= 2;
    int nd;
    int64_t shape[CG_MAX_DIMS];
    if ((st = cg_broadcast_shape(op, &ba, &bb, &nd, shape))) return st;
    shape[nd++] = a->shape[a->ndim - 2];
    shape[nd++] = b->shape[b->ndim - 1];
    int same = out->ndim == nd;
    for (int i = 0; same && i < nd; i++) same = out->shape[i] == shape[i];
    if (!same)
        return cg_set_error(CG_ERR_SHAPE, "%s: out shape %s != %s", op, CG_SHAPE(out),
                            cg_shape_str((char[CG_SHAPE_STR]){0}, nd, shape));
    if (cg_tensors_overlap(out, a) || cg_tensors_overlap(out, b))
        return cg_set_error(CG_ERR_ARG, "%s: out overlaps an input", op);
    return CG_OK;
}

/* t_b += product into a full-batch temporary when t is broadcast over c's batch. */
static cg_status mm_accumulate(const char *op, cg_tensor *t_b, const cg_tensor *p, const cg_tensor *q,
                               const cg_tensor *c) {
    int full = t_b->ndim == c->ndim;
    for (int d = 0; full && d < c->ndim - 2; d++) full = t_b->shape[d] == c->shape[d];
    if (full) return cg_mm_core(op, t_b, p, q, 1);
    int64_t shape[CG_MAX_DIMS];
    for (int d = 0; d < c->ndim - 2; d++) shape[d] = c->shape[d];
    shape[c->ndim - 2] = p->shape[p->ndim - 2];
    shape[c->ndim - 1] = q->shape[q->ndim - 1];
    cg_tensor *tmp;
    cg_status st = cg_tmp_new(op, &tmp, c->dtype, c->ndim, shape);
    if (!st) st = cg_mm_core(op, tmp, p, q, 0);
    if (!st) st = cg_sum_to(op, t_b, tmp, 1.0);
    cg_tensor_free(tmp);
    return st;
}

enum { FWD, JVP, VJP };

static cg_status mm_run(int batched, int mode, cg_tensor *out, cg_tensor *out_s, const cg_tensor *a, cg_tensor *a_s,
                        const cg_tensor *b, cg_tensor *b_s) {
    char op[40];
    snprintf(op, sizeof op, "%s%s", batched ? "matmul_batched" : "matmul",
             mode == JVP ? "_jvp" : mode == VJP ? "_vjp" : "");
    cg_status st = mm_check(op, batched, out, a, b);
    if (st) return st;
    if (mode != FWD) {
        const char *sfx = mode == JVP ? "_d" : "_b";
        char n0[8], n1[8], n2[8];
        snprintf(n0, sizeof n0, "out%s", sfx);
        snprintf(n1, sizeof n1, "a%s", sfx);
        snprintf(n2, sizeof n2, "b%s", sfx);
        if ((st = cg_check_shadow(op, n0, out_s, out)) || (st = cg_check_shadow(op, n1, a_s, a)) ||
            (st = cg_check_shadow(op, n2, b_s, b)))
            return st;
    }
    if (mode == JVP && out_s) {
        if (!a_s && !b_s) cg_tensor_zero(out_s);
        if (a_s && (st = cg_mm_core(op, out_s, a_s, b, 0))) return st;
        if (b_s && (st = cg_mm_core(op, out_s, a, b_s, a_s != NULL))) return st;
    }
    if (mode == VJP && out_s) {
        cg_tensor bt = swap_last(b), at = swap_last(a);
        if (a_s && (st = mm_accumulate(op, a_s, out_s, &bt, out))) return st;
        if (b_s && (st = mm_accumulate(op, b_s, &at, out_s, out))) return st;
    }
    if ((st = cg_mm_core(op, out, a, b, 0))) return st;
    if (mode == VJP && out_s) cg_tensor_zero(out_s);
    return CG_OK;
}

cg_status cg_matmul(cg_tensor *out, const cg_tensor *a, const cg_tensor *b) {
    return mm_run(0, FWD, out, NULL, a, NULL, b, NULL);
}
cg_status cg_matmul_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d,
                        const cg_tensor *b, const cg_tensor *b_d) {
    return mm_run(0, JVP, out, out_d, a, (cg_tensor *)a_d, b, (cg_tensor *)b_d);
}
cg_status cg_matmul_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b, const cg_tensor *b,
                        cg_tensor *b_b) {
    return mm_run(0, VJP, out, out_b, a, a_b, b, b_b);
}
cg_status cg_matmul_batched(cg_tensor *out, const cg_tensor *a, const cg_tensor *b) {
    return mm_run(1, FWD, out, NULL, a, NULL, b, NULL);
}
cg_status cg_matmul_batched_jvp(cg_tensor *out, cg_tensor *out_d, const cg_tensor *a, const cg_tensor *a_d,
                                const cg_tensor *b, const cg_tensor *b_d) {
    return mm_run(1, JVP, out, out_d, a, (cg_tensor *)a_d, b, (cg_tensor *)b_d);
}
cg_status cg_matmul_batched_vjp(cg_tensor *out, cg_tensor *out_b, const cg_tensor *a, cg_tensor *a_b,
                                const cg_tensor *b, cg_tensor *b_b) {
    return mm_run(1, VJP, out, out_b, a, a_b, b, b_b);
}
