// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// Element-wise values against naive loops: every operation, NumPy
// broadcasting edge cases (leading axes, 1-extents on both sides, 0-d,
// empty tensors, out larger than the inputs), in-place calls, strided views,
// and a tensor large enough to run on several threads.
#include <cgrad.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double rnd(void) { return (double)rand() / RAND_MAX * 2 - 1; }

static cg_tensor *mk(int nd, const int64_t *shape, double lo, double hi) {
    cg_tensor *t;
    cg_tensor_new(&t, CG_DTYPE_F64, nd, shape);
    double *p = t->data;
    for (int64_t i = 0; i < cg_tensor_numel(t); i++) p[i] = lo + (hi - lo) * (rnd() + 1) / 2;
    return t;
}

/* element of t (right-aligned broadcast) at out's row-major position pos */
static double bget(const cg_tensor *t, const cg_tensor *out, int64_t pos) {
    int64_t idx[CG_MAX_DIMS], off = 0;
    for (int d = out->ndim - 1; d >= 0; d--) {
        idx[d] = pos % out->shape[d];
        pos /= out->shape[d];
    }
    for (int d = 0; d < t->ndim; d++) {
        int od = d + out->ndim - t->ndim;
        off += (t->shape[d] == 1 ? 0 : idx[od]) * t->strides[d];
    }
    return ((double *)t->data)[off];
}

typedef cg_status (*bin_fn)(cg_tensor *, const cg_tensor *, const cg_tensor *);
typedef cg_status (*un_fn)(cg_tensor *, const cg_tensor *);

static double ref_bin(int k, double x, double z) {
    switch (k) {
    case 0: return x + z;
    case 1: return x - z;
    case 2: return x * z;
    case 3: return x / z;
    case 4: return pow(x, z);
    case 5: return x >= z ? x : z;
    default: return x <= z ? x : z;
    }
}
static double ref_un(int k, double x) {
    switch (k) {
    case 0: return exp(x);
    case 1: return log(x);
    case 2: return sin(x);
    case 3: return cos(x);
    case 4: return tanh(x);
    case 5: return 1 / (1 + exp(-x));
    case 6: return x > 0 ? x : 0;
    case 7: return sqrt(x);
    case 8: return fabs(x);
    case 9: return -x;
    default: return x;
    }
}

static double check_bin(const cg_tensor *out, const cg_tensor *a, const cg_tensor *b, int k) {
    double e = 0;
    for (int64_t i = 0; i < cg_tensor_numel(out); i++)
        e = fmax(e, fabs(bget(out, out, i) - ref_bin(k, bget(a, out, i), bget(b, out, i))));
    return e;
}

int main(void) {
    bin_fn bins[] = {cg_add, cg_sub, cg_mul, cg_div, cg_pow, cg_maximum, cg_minimum};
    un_fn uns[] = {cg_exp, cg_log, cg_sin, cg_cos, cg_tanh, cg_sigmoid, cg_relu, cg_sqrt, cg_abs, cg_neg, cg_copy};
    double worst = 0;

    /* unary on (3,4) */
    cg_tensor *a = mk(2, (int64_t[]){3, 4}, 0.1, 2), *o;
    cg_tensor_new(&o, CG_DTYPE_F64, 2, (int64_t[]){3, 4});
    for (int k = 0; k < 11; k++) {
        uns[k](o, a);
        for (int64_t i = 0; i < 12; i++)
            worst = fmax(worst, fabs(((double *)o->data)[i] - ref_un(k, ((double *)a->data)[i])));
    }
    // CHECK: unary max-err 0
    printf("unary max-err %g\n", worst);

    /* broadcasting: each case (a shape, b shape, out shape) */
    struct { int na, nb, no; int64_t sa[4], sb[4], so[4]; } bc[] = {
        {3, 2, 3, {2, 1, 4}, {3, 1}, {2, 3, 4}},   /* leading axis missing, 1s on both sides */
        {1, 2, 2, {4}, {3, 4}, {3, 4}},             /* a row added to every row */
        {0, 2, 2, {0}, {3, 4}, {3, 4}},             /* 0-d scalar */
        {0, 0, 0, {0}, {0}, {0}},                   /* 0-d with 0-d */
        {2, 2, 2, {1, 1}, {1, 1}, {1, 1}},
        {2, 1, 2, {0, 3}, {3}, {0, 3}},             /* empty */
        {1, 1, 2, {4}, {4}, {3, 4}},                /* out larger than both */
        {4, 4, 4, {2, 1, 3, 1}, {1, 5, 1, 2}, {2, 5, 3, 2}},
    };
    double bworst = 0;
    for (size_t c = 0; c < sizeof bc / sizeof bc[0]; c++) {
        cg_tensor *x = mk(bc[c].na, bc[c].sa, 0.5, 2), *y = mk(bc[c].nb, bc[c].sb, 0.5, 2), *z;
        cg_tensor_new(&z, CG_DTYPE_F64, bc[c].no, bc[c].so);
        for (int k = 0; k < 7; k++) {
            cg_status st = bins[k](z, x, y);
            if (st) printf("case %zu op %d: %s\n", c, k, cg_last_error());
            bworst = fmax(bworst, check_bin(z, x, y, k));
        }
        cg_tensor_free(x);
        cg_tensor_free(y);
        cg_tensor_free(z);
    }
    // CHECK: broadcast max-err 0
    printf("broadcast max-err %g\n", bworst);

    /* scalar forms equal the binary op with a 0-d tensor */
    double sworst = 0, sv = 1.25;
    cg_tensor s0;
    cg_tensor_wrap(&s0, CG_DTYPE_F64, 0, NULL, &sv);
    cg_status (*sc[])(cg_tensor *, const cg_tensor *, double) = {cg_add_scalar, cg_sub_scalar, cg_mul_scalar,
                                                                 cg_div_scalar, cg_pow_scalar, cg_maximum_scalar,
                                                                 cg_minimum_scalar};
    for (int k = 0; k < 7; k++) {
        sc[k](o, a, sv);
        sworst = fmax(sworst, check_bin(o, a, &s0, k));
    }
    // CHECK: scalar max-err 0
    printf("scalar max-err %g\n", sworst);

    /* in place: x = x * y, x = tanh(x) */
    cg_tensor *x = mk(2, (int64_t[]){3, 4}, -1, 1), *y = mk(1, (int64_t[]){4}, -1, 1), *ref;
    cg_tensor_new(&ref, CG_DTYPE_F64, 2, (int64_t[]){3, 4});
    cg_mul(ref, x, y);
    cg_tanh(ref, ref);
    cg_mul(x, x, y);
    cg_tanh(x, x);
    int same = 1;
    for (int i = 0; i < 12; i++) same &= ((double *)x->data)[i] == ((double *)ref->data)[i];
    // CHECK: in-place same=1
    printf("in-place same=%d\n", same);

    /* strided views: out = a^T + slice(b, step 2) */
    cg_tensor *p = mk(2, (int64_t[]){4, 3}, -1, 1), *q = mk(2, (int64_t[]){3, 8}, -1, 1), *r, pt, qs;
    cg_tensor_new(&r, CG_DTYPE_F64, 2, (int64_t[]){3, 4});
    cg_tensor_transpose(&pt, p, 0, 1);
    cg_tensor_slice(&qs, q, 1, 1, 8, 2);
    cg_add(r, &pt, &qs);
    double vworst = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++) {
            double want = ((double *)p->data)[j * 3 + i] + ((double *)q->data)[i * 8 + 1 + 2 * j];
            vworst = fmax(vworst, fabs(cg_tensor_get(r, (int64_t[]){i, j}) - want));
        }
    // CHECK: views max-err 0
    printf("views max-err %g\n", vworst);

    /* large enough for threads: (300, 1000) + (1000), and f32 exactness of + */
    cg_tensor *big = mk(2, (int64_t[]){300, 1000}, -1, 1), *row = mk(1, (int64_t[]){1000}, -1, 1), *bo;
    cg_tensor_new(&bo, CG_DTYPE_F64, 2, (int64_t[]){300, 1000});
    cg_add(bo, big, row);
    double lworst = check_bin(bo, big, row, 0);
    cg_sigmoid(bo, big);
    for (int64_t i = 0; i < 300000; i++)
        lworst = fmax(lworst, fabs(((double *)bo->data)[i] - ref_un(5, ((double *)big->data)[i])));
    // CHECK: large max-err 0
    printf("large max-err %g\n", lworst);

    float fa[3] = {1.1f, 2.2f, 1e-8f}, fb[3] = {3.3f, -4.4f, 1.0f}, fo[3];
    cg_tensor ta, tb, to;
    cg_tensor_wrap(&ta, CG_DTYPE_F32, 1, (int64_t[]){3}, fa);
    cg_tensor_wrap(&tb, CG_DTYPE_F32, 1, (int64_t[]){3}, fb);
    cg_tensor_wrap(&to, CG_DTYPE_F32, 1, (int64_t[]){3}, fo);
    cg_add(&to, &ta, &tb);
    // CHECK: f32 add exact=1
    printf("f32 add exact=%d\n", fo[0] == fa[0] + fb[0] && fo[1] == fa[1] + fb[1] && fo[2] == fa[2] + fb[2]);

    cg_tensor *all[] = {a, o, x, y, ref, p, q, r, big, row, bo};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) cg_tensor_free(all[i]);
    return 0;
}
