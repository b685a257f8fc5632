// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// Tensor creation, alignment, views (reshape with -1, permute, transpose,
// slices with negative steps and clamped bounds) that share storage, view
// derivatives that alias the source's shadow, the scratch arena, and the
// values of gather, one-hot and cross-entropy.
#include <cgrad.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static void show(const char *what, const cg_tensor *t) {
    printf("%s shape", what);
    for (int i = 0; i < t->ndim; i++) printf(" %lld", (long long)t->shape[i]);
    printf(" strides");
    for (int i = 0; i < t->ndim; i++) printf(" %lld", (long long)t->strides[i]);
    printf(" first %g\n", t->ndim && t->shape[0] == 0 ? -1.0 : cg_tensor_get(t, (int64_t[8]){0}));
}

int main(void) {
    cg_tensor *t;
    cg_tensor_new(&t, CG_DTYPE_F64, 3, (int64_t[]){2, 3, 4});
    for (int i = 0; i < 24; i++) ((double *)t->data)[i] = i;
    // CHECK: aligned=1 contiguous=1 numel=24 zero-filled-new=1
    cg_tensor *z;
    cg_tensor_new(&z, CG_DTYPE_F32, 1, (int64_t[]){5});
    printf("aligned=%d contiguous=%d numel=%lld zero-filled-new=%d\n", (uintptr_t)t->data % CG_ALIGN == 0,
           cg_tensor_is_contiguous(t), (long long)cg_tensor_numel(t), ((float *)z->data)[4] == 0);

    cg_tensor v;
    cg_tensor_reshape(&v, t, 2, (int64_t[]){-1, 6});
    // CHECK: reshape shape 4 6 strides 6 1 first 0
    show("reshape", &v);
    cg_tensor_permute(&v, t, (int[]){2, 0, 1});
    // CHECK: permute shape 4 2 3 strides 1 12 4 first 0
    show("permute", &v);
    // CHECK: permute-contiguous=0 at(1,1,2)=21
    printf("permute-contiguous=%d at(1,1,2)=%g\n", cg_tensor_is_contiguous(&v), cg_tensor_get(&v, (int64_t[]){1, 1, 2}));
    cg_tensor_transpose(&v, t, 0, -1);
    // CHECK: transpose shape 4 3 2 strides 1 4 12 first 0
    show("transpose", &v);
    cg_tensor_slice(&v, t, 2, -1, -100, -2);   /* indices 3, 1 of the last axis */
    // CHECK: slice shape 2 3 2 strides 12 4 -2 first 3
    show("slice", &v);
    cg_tensor_slice(&v, t, 1, 1, 100, 1);
    // CHECK: slice-clamped shape 2 2 4 strides 12 4 1 first 4
    show("slice-clamped", &v);
    cg_tensor_slice(&v, t, 0, 5, 9, 1);
    // CHECK: slice-empty shape 0 3 4 strides 12 4 1 first -1
    show("slice-empty", &v);

    /* writes through a view land in the source */
    cg_tensor_slice(&v, t, 1, 0, 3, 2);
    cg_tensor_fill(&v, -1);
    // CHECK: write-through -1 4 -1
    printf("write-through %g %g %g\n", ((double *)t->data)[0], ((double *)t->data)[4], ((double *)t->data)[8]);

    /* view derivatives: the shadow view aliases the source's shadow */
    cg_tensor *tb, vv, vb;
    cg_tensor_new(&tb, CG_DTYPE_F64, 3, (int64_t[]){2, 3, 4});
    cg_tensor_transpose_vjp(&vv, &vb, t, tb, 0, 2);
    cg_tensor_fill(&vb, 2);
    cg_tensor_reshape_jvp(&vv, &vb, t, tb, 1, (int64_t[]){24});
    // CHECK: view-shadow aliases=1 sum=48
    double sum = 0;
    for (int i = 0; i < 24; i++) sum += ((double *)tb->data)[i];
    printf("view-shadow aliases=%d sum=%g\n", vb.data == tb->data && vb.storage == NULL, sum);

    /* arena: aligned, zeroed, reused after reset without growing */
    cg_arena *ar;
    cg_arena_new(&ar, 4096);
    void *p1, *p2;
    cg_tensor *at;
    cg_arena_alloc(ar, 100, &p1);
    cg_arena_tensor(ar, &at, CG_DTYPE_F32, 2, (int64_t[]){10, 10});
    cg_arena_alloc(ar, 10000, &p2);   /* bigger than a chunk: its own chunk */
    size_t used = cg_arena_bytes_used(ar);
    cg_tensor_fill(at, 3);
    cg_tensor_free(at);   /* ignored: the arena owns it */
    cg_arena_reset(ar);
    void *q1;
    cg_arena_alloc(ar, 100, &q1);
    // 128 + 192 (the struct) + 448 (the data) + 10048 bytes, each rounded to 64
    // CHECK: arena aligned=1 reused=1 used=10816 zeroed=1
    printf("arena aligned=%d reused=%d used=%zu zeroed=%d\n",
           (uintptr_t)p1 % 64 == 0 && (uintptr_t)at->data % 64 == 0 && (uintptr_t)p2 % 64 == 0, q1 == p1, used,
           ((char *)q1)[50] == 0);
    cg_arena_free(ar);

    /* gather, one-hot, cross-entropy */
    double src[6] = {10, 11, 12, 20, 21, 22}, outv[4];
    cg_tensor s, g;
    cg_tensor_wrap(&s, CG_DTYPE_F64, 2, (int64_t[]){2, 3}, src);
    cg_tensor_wrap(&g, CG_DTYPE_F64, 2, (int64_t[]){2, 2}, outv);
    cg_gather(&g, &s, 1, (int64_t[]){2, 0});
    // CHECK: gather 12 10 22 20
    printf("gather %g %g %g %g\n", outv[0], outv[1], outv[2], outv[3]);
    float oh[6];
    cg_tensor toh;
    cg_tensor_wrap(&toh, CG_DTYPE_F32, 2, (int64_t[]){2, 3}, oh);
    cg_one_hot(&toh, (int64_t[]){2, 0});
    // CHECK: one_hot 0 0 1 1 0 0
    printf("one_hot %g %g %g %g %g %g\n", oh[0], oh[1], oh[2], oh[3], oh[4], oh[5]);
    double lp[6] = {log(0.2), log(0.3), log(0.5), log(0.6), log(0.3), log(0.1)}, loss;
    cg_tensor tl, tloss;
    cg_tensor_wrap(&tl, CG_DTYPE_F64, 2, (int64_t[]){2, 3}, lp);
    cg_tensor_wrap(&tloss, CG_DTYPE_F64, 0, NULL, &loss);
    cg_cross_entropy(&tloss, &tl, (int64_t[]){2, 0});
    // CHECK: cross_entropy ok
    printf("cross_entropy %s\n", fabs(loss + (log(0.5) + log(0.6)) / 2) < 1e-15 ? "ok" : "FAIL");

    cg_tensor_free(t);
    cg_tensor_free(z);
    cg_tensor_free(tb);
    return 0;
}
