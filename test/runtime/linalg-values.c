// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// Values of matmul (every operand layout: row-major, transposed, strided
// copies, column-major out), batched matmul with broadcast batches, dot,
// gdot, outer, and einsum for each spec of the issue against a naive
// evaluator that loops over every assignment of the letters.
#include <cgrad.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double rnd(void) { return (double)rand() / RAND_MAX * 2 - 1; }
static cg_tensor *mk(int nd, const int64_t *shape) {
    cg_tensor *t;
    cg_tensor_new(&t, CG_DTYPE_F64, nd, shape);
    for (int64_t i = 0; i < cg_tensor_numel(t); i++) ((double *)t->data)[i] = rnd();
    return t;
}
static double at(const cg_tensor *t, const int64_t *idx) { return cg_tensor_get(t, idx); }

/* naive C = A B for 2-D views */
static double mm_err(const cg_tensor *c, const cg_tensor *a, const cg_tensor *b) {
    double e = 0;
    for (int64_t i = 0; i < a->shape[0]; i++)
        for (int64_t j = 0; j < b->shape[1]; j++) {
            double s = 0;
            for (int64_t k = 0; k < a->shape[1]; k++) s += at(a, (int64_t[]){i, k}) * at(b, (int64_t[]){k, j});
            e = fmax(e, fabs(s - at(c, (int64_t[]){i, j})));
        }
    return e;
}

/* naive einsum: loop over all letter values */
static double ein_err(const char *spec, const cg_tensor *out, const cg_tensor *a, const cg_tensor *b) {
    char ta[9] = {0}, tb[9] = {0}, to[9] = {0}, letters[16] = {0};
    const char *arrow = strstr(spec, "->"), *comma = strchr(spec, ',');
    size_t la = (comma && comma < arrow ? comma : arrow) - spec;
    memcpy(ta, spec, la);
    if (comma) memcpy(tb, comma + 1, arrow - comma - 1);
    strcpy(to, arrow + 2);
    int64_t ext[128] = {0};
    int nl = 0;
    for (int t = 0; t < 2; t++) {
        const char *term = t ? tb : ta;
        const cg_tensor *x = t ? b : a;
        for (int i = 0; term[i]; i++) {
            if (!strchr(letters, term[i])) letters[nl++] = term[i];
            ext[(int)term[i]] = x->shape[i];
        }
    }
    int64_t total = 1, val[128] = {0};
    for (int i = 0; i < nl; i++) total *= ext[(int)letters[i]];
    int64_t on = cg_tensor_numel(out);
    double *acc = calloc((size_t)on + 1, sizeof *acc);
    for (int64_t n = 0; n < total; n++) {
        int64_t r = n;
        for (int i = nl - 1; i >= 0; i--) {
            val[(int)letters[i]] = r % ext[(int)letters[i]];
            r /= ext[(int)letters[i]];
        }
        int64_t ia[8], ib[8], oi = 0;
        for (int i = 0; ta[i]; i++) ia[i] = val[(int)ta[i]];
        for (int i = 0; tb[i]; i++) ib[i] = val[(int)tb[i]];
        for (int i = 0; to[i]; i++) oi = oi * out->shape[i] + val[(int)to[i]];
        acc[oi] += at(a, ia) * (b ? at(b, ib) : 1);
    }
    double *got = malloc(((size_t)on + 1) * sizeof *got), e = 0;
    cg_tensor_copy_to(out, got);
    for (int64_t i = 0; i < on; i++) e = fmax(e, fabs(got[i] - acc[i]));
    free(acc);
    free(got);
    return e;
}

int main(void) {
    /* matmul over layouts */
    cg_tensor *a = mk(2, (int64_t[]){5, 7}), *at_ = mk(2, (int64_t[]){7, 5}), *b = mk(2, (int64_t[]){7, 6}),
              *wide = mk(2, (int64_t[]){10, 14}), *c = mk(2, (int64_t[]){5, 6}), *ct = mk(2, (int64_t[]){6, 5});
    cg_tensor va, vs, vc;
    double e = 0;
    cg_matmul(c, a, b);
    e = fmax(e, mm_err(c, a, b));
    cg_tensor_transpose(&va, at_, 0, 1);   /* a transposed view: BLAS transpose flag */
    cg_matmul(c, &va, b);
    e = fmax(e, mm_err(c, &va, b));
    cg_tensor_slice(&vs, wide, 0, 0, 10, 2);   /* (5,14) with row stride 28 ... */
    cg_tensor_slice(&vs, &vs, 1, 0, 14, 2);    /* ... and column stride 2: copied */
    cg_matmul(c, &vs, b);
    e = fmax(e, mm_err(c, &vs, b));
    cg_tensor_transpose(&vc, ct, 0, 1);    /* a column-major out */
    cg_matmul(&vc, a, b);
    e = fmax(e, mm_err(&vc, a, b));
    // CHECK: matmul layouts err<1e-12: 1
    printf("matmul layouts err<1e-12: %d\n", e < 1e-12);

    /* large enough that OpenBLAS uses its threads */
    cg_tensor *la = mk(2, (int64_t[]){200, 150}), *lb = mk(2, (int64_t[]){150, 180}), *lc = mk(2, (int64_t[]){200, 180});
    cg_matmul(lc, la, lb);
    // CHECK: matmul large err<1e-12: 1
    printf("matmul large err<1e-12: %d\n", mm_err(lc, la, lb) < 1e-12);

    /* batched: a (3,1,4,5) b (2,5,6) -> (3,2,4,6) */
    cg_tensor *ba = mk(4, (int64_t[]){3, 1, 4, 5}), *bb = mk(3, (int64_t[]){2, 5, 6}), *bc = mk(4, (int64_t[]){3, 2, 4, 6});
    cg_matmul_batched(bc, ba, bb);
    double be = 0;
    for (int64_t i = 0; i < 3; i++)
        for (int64_t j = 0; j < 2; j++) {
            cg_tensor sa, sb, sc;
            cg_tensor_slice(&sa, ba, 0, i, i + 1, 1);
            cg_tensor_reshape(&sa, &sa, 2, (int64_t[]){4, 5});
            cg_tensor_slice(&sb, bb, 0, j, j + 1, 1);
            cg_tensor_reshape(&sb, &sb, 2, (int64_t[]){5, 6});
            cg_tensor_slice(&sc, bc, 0, i, i + 1, 1);
            cg_tensor_slice(&sc, &sc, 1, j, j + 1, 1);
            cg_tensor_reshape(&sc, &sc, 2, (int64_t[]){4, 6});
            be = fmax(be, mm_err(&sc, &sa, &sb));
        }
    // CHECK: batched broadcast err<1e-12: 1
    printf("batched broadcast err<1e-12: %d\n", be < 1e-12);

    /* many small products: run in parallel over the batch with OpenBLAS on one thread */
    cg_tensor *ma = mk(3, (int64_t[]){64, 8, 8}), *mb = mk(3, (int64_t[]){64, 8, 8}), *mc = mk(3, (int64_t[]){64, 8, 8});
    cg_matmul_batched(mc, ma, mb);
    // CHECK: batched many err<1e-12: 1
    printf("batched many err<1e-12: %d\n", ein_err("bij,bjk->bik", mc, ma, mb) < 1e-12);

    /* dot, gdot, outer */
    cg_tensor *u = mk(1, (int64_t[]){9}), *v = mk(1, (int64_t[]){9}), *w = mk(1, (int64_t[]){4}), *s, *uo;
    cg_tensor_new(&s, CG_DTYPE_F64, 0, NULL);
    cg_tensor_new(&uo, CG_DTYPE_F64, 2, (int64_t[]){9, 4});
    cg_dot(s, u, v);
    double d1 = ein_err("i,i->", s, u, v);
    cg_gdot(s, a, a);
    d1 = fmax(d1, ein_err("ij,ij->", s, a, a));
    cg_outer(uo, u, w);
    d1 = fmax(d1, ein_err("i,j->ij", uo, u, w));
    // CHECK: dot gdot outer err<1e-12: 1
    printf("dot gdot outer err<1e-12: %d\n", d1 < 1e-12);

    /* einsum specs */
    struct { const char *spec; int na, nb, no; int64_t sa[4], sb[4], so[4]; } es[] = {
        {"ijz,izk->ijk", 3, 3, 3, {3, 4, 5}, {3, 5, 6}, {3, 4, 6}},
        {"ijk,ijk->", 3, 3, 0, {3, 4, 5}, {3, 4, 5}, {0}},
        {"ijz,ikz->ijk", 3, 3, 3, {3, 4, 5}, {3, 6, 5}, {3, 4, 6}},
        {"ii->", 2, 0, 0, {5, 5}, {0}, {0}},
        {"i,j->ij", 1, 1, 2, {4}, {3}, {4, 3}},
        {"bij->bji", 3, 0, 3, {2, 3, 4}, {0}, {2, 4, 3}},
        {"ii->i", 2, 0, 1, {4, 4}, {0}, {4}},
        {"ij,jk->ik", 2, 2, 2, {40, 30}, {30, 50}, {40, 50}},
        {"bij,bjk->bik", 3, 3, 3, {200, 3, 2}, {200, 2, 3}, {200, 3, 3}},
        {"ij,kl->il", 2, 2, 2, {3, 4}, {5, 6}, {3, 6}},
        {"iij,jk->ki", 3, 2, 2, {3, 3, 4}, {4, 5}, {5, 3}},
    };
    for (size_t i = 0; i < sizeof es / sizeof es[0]; i++) {
        cg_tensor *x = mk(es[i].na, es[i].sa), *y = es[i].nb ? mk(es[i].nb, es[i].sb) : NULL, *z;
        cg_tensor_new(&z, CG_DTYPE_F64, es[i].no, es[i].so);
        cg_status st = cg_einsum(z, es[i].spec, x, y);
        double err = st ? INFINITY : ein_err(es[i].spec, z, x, y);
        printf("einsum %s %s\n", es[i].spec, err < 1e-12 ? "ok" : "FAIL");
        cg_tensor_free(x);
        cg_tensor_free(y);
        cg_tensor_free(z);
    }
    // CHECK: einsum ijz,izk->ijk ok
    // CHECK: einsum ijk,ijk-> ok
    // CHECK: einsum ijz,ikz->ijk ok
    // CHECK: einsum ii-> ok
    // CHECK: einsum i,j->ij ok
    // CHECK: einsum bij->bji ok
    // CHECK: einsum ii->i ok
    // CHECK: einsum ij,jk->ik ok
    // CHECK: einsum bij,bjk->bik ok
    // CHECK: einsum ij,kl->il ok
    // CHECK: einsum iij,jk->ki ok

    /* implicit output: "ij,jk" means "ij,jk->ik"; "ba" means "ba->ab" */
    cg_tensor *i1 = mk(2, (int64_t[]){3, 4}), *i2 = mk(2, (int64_t[]){4, 2}), *i3, *i4;
    cg_tensor_new(&i3, CG_DTYPE_F64, 2, (int64_t[]){3, 2});
    cg_tensor_new(&i4, CG_DTYPE_F64, 2, (int64_t[]){4, 3});
    cg_einsum(i3, "ij,jk", i1, i2);
    cg_einsum(i4, "ba", i1, NULL);
    // CHECK: implicit ok
    printf("implicit %s\n", ein_err("ij,jk->ik", i3, i1, i2) + ein_err("ba->ab", i4, i1, NULL) < 1e-12 ? "ok" : "FAIL");

    cg_tensor *all[] = {a, at_, b, wide, c, ct, la, lb, lc, ba, bb, bc, ma, mb, mc, u, v, w, s, uo, i1, i2, i3, i4};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) cg_tensor_free(all[i]);
    return 0;
}
