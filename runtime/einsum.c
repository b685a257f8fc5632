/*
 * einsum: parse a spec, turn it into (at most) one batched matrix product,
 * and differentiate it.
 *
 * After parsing, each operand is replaced by a view with one axis per
 * distinct letter (a repeated letter becomes one axis whose stride is the
 * sum of the repeated axes' strides: the diagonal).  ein_core then computes
 * dst (+)= sum over the letters not in dst of the product of the operands:
 *   - letters of dst found in no operand (only in adjoint rules) are
 *     broadcast: compute without them, then add the result along them;
 *   - letters of only one operand and not in dst are summed out first, with
 *     the deterministic reduction;
 *   - the rest are batch (both operands and dst), M (a and dst), N (b and
 *     dst) and K (both operands, contracted).  Each group is merged into one
 *     axis when the strides allow it (copying the operand once when they do
 *     not), giving (batch..., M, K) . (batch..., K, N) for cg_mm_core, or for
 *     an OpenMP loop nest when every product is too small for BLAS to pay.
 * einsum is linear in each operand, so its tangent and adjoint rules are
 * einsums too (see cgrad/einsum.h).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

enum { NLETTERS = 52, MAX_BATCH = CG_MAX_DIMS - 2, NEST_MAX_MNK = 64 };

typedef struct term {
    int n;
    int lab[CG_MAX_DIMS];
} term;

typedef struct ein_spec {
    int nops;
    term in[2], out;
} ein_spec;

static int letter(char c) {
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= 'A' && c <= 'Z') return 26 + c - 'A';
    return -1;
}
static char letter_char(int l) { return (char)(l < 26 ? 'a' + l : 'A' + l - 26); }

static cg_status bad_spec(const char *op, const char *spec, const char *why) {
    return cg_set_error(CG_ERR_SPEC, "%s: bad spec '%s': %s", op, spec, why);
}

static cg_status parse(const char *op, const char *spec, ein_spec *es) {
    memset(es, 0, sizeof *es);
    es->nops = 1;
    int arrow = 0;
    term *cur = &es->in[0];
    char why[64];
    for (const char *p = spec; *p; p++) {
        if (*p == ' ') continue;
        if (*p == ',') {
            if (arrow) return bad_spec(op, spec, "',' after '->'");
            if (es->nops == 2) return bad_spec(op, spec, "more than two operands");
            cur = &es->in[es->nops++];
        } else if (p[0] == '-' && p[1] == '>') {
            if (arrow) return bad_spec(op, spec, "two '->'");
            arrow = 1;
            cur = &es->out;
            p++;
        } else if (*p == '.') {
            return bad_spec(op, spec, "'...' is not supported");
        } else if (letter(*p) >= 0) {
            if (cur->n == CG_MAX_DIMS) return bad_spec(op, spec, "more than 8 letters in one term");
            cur->lab[cur->n++] = letter(*p);
        } else {
            snprintf(why, sizeof why, "unexpected character '%c'", *p);
            return bad_spec(op, spec, why);
        }
    }
    int count[NLETTERS] = {0};
    for (int i = 0; i < es->nops; i++)
        for (int j = 0; j < es->in[i].n; j++) count[es->in[i].lab[j]]++;
    if (!arrow) {   /* NumPy's implicit output: letters seen once, in ASCII order */
        for (int c = 'A'; c <= 'z'; c++)
            if (letter((char)c) >= 0 && count[letter((char)c)] == 1) es->out.lab[es->out.n++] = letter((char)c);
        if (es->out.n > CG_MAX_DIMS) return bad_spec(op, spec, "more than 8 output letters");
    }
    int seen[NLETTERS] = {0};
    for (int j = 0; j < es->out.n; j++) {
        int l = es->out.lab[j];
        if (!count[l]) {
            snprintf(why, sizeof why, "output letter '%c' is in no input", letter_char(l));
            return bad_spec(op, spec, why);
        }
        if (seen[l]++) {
            snprintf(why, sizeof why, "output letter '%c' is repeated", letter_char(l));
            return bad_spec(op, spec, why);
        }
    }
    return CG_OK;
}

/* The view of t with one axis per distinct letter of lab (diagonals for repeats). */
static cg_status diag_view(const char *op, const char *name, const cg_tensor *t, const term *lab, cg_tensor *view,
                           term *ulab) {
    if (t->ndim != lab->n)
        return cg_set_error(CG_ERR_SHAPE, "%s: %s has %d axes but its term has %d letters", op, name, t->ndim, lab->n);
    *view = *t;
    view->storage = NULL;
    view->flags = 0;
    view->ndim = 0;
    ulab->n = 0;
    for (int i = 0; i < t->ndim; i++) {
        int j = 0;
        while (j < ulab->n && ulab->lab[j] != lab->lab[i]) j++;
        if (j < ulab->n) {
            if (view->shape[j] != t->shape[i])
                return cg_set_error(CG_ERR_SHAPE, "%s: letter '%c' has extents %lld and %lld in %s", op,
                                    letter_char(lab->lab[i]), (long long)view->shape[j], (long long)t->shape[i], name);
            view->strides[j] += t->strides[i];
            continue;
        }
        ulab->lab[ulab->n++] = lab->lab[i];
        view->shape[view->ndim] = t->shape[i];
        view->strides[view->ndim++] = t->strides[i];
    }
    return CG_OK;
}

static int find(const term *t, int l) {
    for (int i = 0; i < t->n; i++)
        if (t->lab[i] == l) return i;
    return -1;
}

/* view = t's axes reordered to the letters of want (each must be in have). */
static void permute_to(cg_tensor *view, const cg_tensor *t, const term *have, const term *want) {
    int perm[CG_MAX_DIMS];
    for (int i = 0; i < want->n; i++) perm[i] = find(have, want->lab[i]);
    *view = *t;
    view->ndim = want->n;
    for (int i = 0; i < want->n; i++) {
        view->shape[i] = t->shape[perm[i]];
        view->strides[i] = t->strides[perm[i]];
    }
}

/* Extent and stride of axes [lo, hi) of v taken as one axis; 0 if the
 * strides do not chain.  An empty range is an axis of extent 1. */
static int chain(const cg_tensor *v, int lo, int hi, int64_t *extent, int64_t *stride) {
    int64_t e = 1, s = 0, next = 0;
    int have = 0;
    for (int i = hi - 1; i >= lo; i--) {
        e *= v->shape[i];
        if (v->shape[i] == 1) continue;
        if (have && v->strides[i] != next) return 0;
        if (!have) s = v->strides[i];
        have = 1;
        next = v->strides[i] * v->shape[i];
    }
    *extent = e;
    *stride = have ? s : 1;
    return 1;
}

/* v (batch..., G1..., G2...) as (batch..., g1, g2); 0 if a group does not chain. */
static int merge3(const cg_tensor *v, int nb, int n1, cg_tensor *out) {
    int64_t e1, s1, e2, s2;
    if (!chain(v, nb, nb + n1, &e1, &s1) || !chain(v, nb + n1, v->ndim, &e2, &s2)) return 0;
    *out = *v;
    out->ndim = nb + 2;
    out->shape[nb] = e1;
    out->strides[nb] = s1;
    out->shape[nb + 1] = e2;
    out->strides[nb + 1] = s2;
    return 1;
}

/* merge3, copying v to contiguous storage first when it does not chain. */
static cg_status merge3_or_copy(const char *op, const cg_tensor *v, int nb, int n1, cg_tensor *out, cg_tensor **tmp) {
    *tmp = NULL;
    if (merge3(v, nb, n1, out)) return CG_OK;
    cg_status st = cg_tmp_new(op, tmp, v->dtype, v->ndim, v->shape);
    if (st) return st;
    cg_assign(*tmp, v, 0);
    merge3(*tmp, nb, n1, out);
    return CG_OK;
}

/* ---- the loop nest for many tiny products ------------------------------------- */

typedef struct nest_ctx {
    const cg_tensor *a, *b;
    cg_tensor *c;
    int nb, accumulate;
    int64_t m, n, k;
} nest_ctx;

static double ld(const cg_tensor *t, int64_t off) {
    return t->dtype == CG_DTYPE_F32 ? ((const float *)t->data)[off] : ((const double *)t->data)[off];
}

static void nest_run(const nest_ctx *x) {
    int64_t count = 1;
    for (int d = 0; d < x->nb; d++) count *= x->c->shape[d];
    int64_t total = count * x->m * x->n;
    const cg_tensor *A = x->a, *B = x->b;
    cg_tensor *C = x->c;
    int nb = x->nb;
    #pragma omp parallel for schedule(static) if (total * x->k >= CG_PAR_MIN)
    for (int64_t t = 0; t < total; t++) {
        int64_t j = t % x->n, i = t / x->n % x->m, bi = t / (x->n * x->m);
        int64_t oa = i * A->strides[nb], ob = j * B->strides[nb + 1], oc = i * C->strides[nb] + j * C->strides[nb + 1];
        for (int d = nb - 1; d >= 0; d--) {
            int64_t id = bi % C->shape[d];
            bi /= C->shape[d];
            oa += id * A->strides[d];
            ob += id * B->strides[d];
            oc += id * C->strides[d];
        }
        double acc = 0;
        for (int64_t p = 0; p < x->k; p++)
            acc += ld(A, oa + p * A->strides[nb + 1]) * ld(B, ob + p * B->strides[nb]);
        if (x->accumulate) acc += ld(C, oc);
        if (C->dtype == CG_DTYPE_F32) ((float *)C->data)[oc] = (float)acc;
        else ((double *)C->data)[oc] = acc;
    }
}

/* ---- the core ----------------------------------------------------------------- */

static cg_status ein_core(const char *op, cg_tensor *dst, const term *dl, int accumulate, int nops,
                          const cg_tensor *const *ops, const term *ol);

/* Sums the letters of operand i that are in neither dst nor the other operand. */
static cg_status sum_private(const char *op, const term *dl, int nops, const cg_tensor **ops, term *ol, int i,
                             cg_tensor **tmp) {
    *tmp = NULL;
    term keep = {0};
    for (int j = 0; j < ol[i].n; j++) {
        int l = ol[i].lab[j];
        if (find(dl, l) >= 0 || (nops == 2 && find(&ol[1 - i], l) >= 0)) keep.lab[keep.n++] = l;
    }
    if (keep.n == ol[i].n) return CG_OK;
    int64_t shape[CG_MAX_DIMS];
    for (int j = 0; j < keep.n; j++) shape[j] = ops[i]->shape[find(&ol[i], keep.lab[j])];
    cg_status st = cg_tmp_new(op, tmp, ops[i]->dtype, keep.n, shape);
    if (!st) st = ein_core(op, *tmp, &keep, 0, 1, &ops[i], &ol[i]);
    ops[i] = *tmp;
    ol[i] = keep;
    return st;
}

static cg_status ein_core(const char *op, cg_tensor *dst, const term *dl, int accumulate, int nops,
                          const cg_tensor *const *ops_in, const term *ol_in) {
    cg_status st = CG_OK;
    const cg_tensor *ops[2] = {ops_in[0], nops == 2 ? ops_in[1] : NULL};
    term ol[2] = {ol_in[0], nops == 2 ? ol_in[1] : (term){0}};

    /* dst letters in no operand: compute without them, then add along them */
    term present = {0};
    for (int j = 0; j < dl->n; j++)
        if (find(&ol[0], dl->lab[j]) >= 0 || (nops == 2 && find(&ol[1], dl->lab[j]) >= 0))
            present.lab[present.n++] = dl->lab[j];
    if (present.n < dl->n) {
        int64_t shape[CG_MAX_DIMS];
        for (int j = 0; j < present.n; j++) shape[j] = dst->shape[find(dl, present.lab[j])];
        cg_tensor *tmp;
        if ((st = cg_tmp_new(op, &tmp, dst->dtype, present.n, shape))) return st;
        st = ein_core(op, tmp, &present, 0, nops, ops, ol);
        cg_tensor wide = *tmp;   /* tmp seen with dst's axes, extent 1 where a letter is missing */
        wide.ndim = dl->n;
        for (int j = 0; j < dl->n; j++) {
            int k = find(&present, dl->lab[j]);
            wide.shape[j] = k < 0 ? 1 : tmp->shape[k];
            wide.strides[j] = k < 0 ? 0 : tmp->strides[k];
        }
        if (!st) cg_assign(dst, &wide, accumulate);
        cg_tensor_free(tmp);
        return st;
    }

    if (nops == 1) {   /* a permutation plus sums: src = (summed..., dst letters...) */
        term order = {0};
        for (int j = 0; j < ol[0].n; j++)
            if (find(dl, ol[0].lab[j]) < 0) order.lab[order.n++] = ol[0].lab[j];
        int nsum = order.n;
        for (int j = 0; j < dl->n; j++) order.lab[order.n++] = dl->lab[j];
        cg_tensor src;
        permute_to(&src, ops[0], &ol[0], &order);
        if (nsum == 0) {
            cg_assign(dst, &src, accumulate);
            return CG_OK;
        }
        if (!accumulate) cg_tensor_zero(dst);
        return cg_sum_to(op, dst, &src, 1.0);
    }

    cg_tensor *priv[2] = {NULL, NULL}, *copies[3] = {NULL, NULL, NULL};
    if ((st = sum_private(op, dl, 2, ops, ol, 0, &priv[0])) || (st = sum_private(op, dl, 2, ops, ol, 1, &priv[1])))
        goto done;
    term ta = {0}, tb = {0}, tc = {0}, kk = {0};
    int nb = 0, nm = 0;
    for (int j = 0; j < dl->n; j++)   /* batch letters, in dst order */
        if (find(&ol[0], dl->lab[j]) >= 0 && find(&ol[1], dl->lab[j]) >= 0) {
            int l = dl->lab[j];
            ta.lab[ta.n++] = tb.lab[tb.n++] = tc.lab[tc.n++] = l;
            nb++;
        }
    if (nb > MAX_BATCH) {
        st = cg_set_error(CG_ERR_SHAPE, "%s: more than %d batch letters", op, MAX_BATCH);
        goto done;
    }
    for (int j = 0; j < dl->n; j++)   /* M: a's letters of dst */
        if (find(&ol[0], dl->lab[j]) >= 0 && find(&ol[1], dl->lab[j]) < 0) {
            ta.lab[ta.n++] = tc.lab[tc.n++] = dl->lab[j];
            nm++;
        }
    for (int j = 0; j < ol[0].n; j++)   /* K: contracted, in a's order */
        if (find(dl, ol[0].lab[j]) < 0) kk.lab[kk.n++] = ol[0].lab[j];
    for (int j = 0; j < kk.n; j++) ta.lab[ta.n++] = tb.lab[tb.n++] = kk.lab[j];
    for (int j = 0; j < dl->n; j++)   /* N: b's letters of dst */
        if (find(&ol[1], dl->lab[j]) >= 0 && find(&ol[0], dl->lab[j]) < 0) tb.lab[tb.n++] = tc.lab[tc.n++] = dl->lab[j];
    cg_tensor pa, pb, pc, a3, b3, c3;
    permute_to(&pa, ops[0], &ol[0], &ta);
    permute_to(&pb, ops[1], &ol[1], &tb);
    permute_to(&pc, dst, dl, &tc);
    if ((st = merge3_or_copy(op, &pa, nb, nm, &a3, &copies[0])) ||
        (st = merge3_or_copy(op, &pb, nb, kk.n, &b3, &copies[1])))
        goto done;
    cg_tensor *target = &c3;
    if (!merge3(&pc, nb, nm, &c3)) {   /* dst's layout does not merge: compute aside */
        if ((st = cg_tmp_new(op, &copies[2], dst->dtype, pc.ndim, pc.shape))) goto done;
        merge3(copies[2], nb, nm, &c3);
    }
    int acc_here = accumulate && !copies[2];
    int64_t m = c3.shape[nb], n = c3.shape[nb + 1], k = a3.shape[nb + 1], count = 1;
    for (int d = 0; d < nb; d++) count *= c3.shape[d];
    if (count > 1 && m * n * k <= NEST_MAX_MNK) {
        nest_ctx x = {&a3, &b3, target, nb, acc_here, m, n, k};
        nest_run(&x);
    } else {
        st = cg_mm_core(op, target, &a3, &b3, acc_here);
    }
    if (!st && copies[2]) cg_assign(&pc, copies[2], accumulate);
done:
    for (int i = 0; i < 3; i++) cg_tensor_free(copies[i]);
    cg_tensor_free(priv[0]);
    cg_tensor_free(priv[1]);
    return st;
}

/* ---- public entry points -------------------------------------------------------- */

enum { FWD, JVP, VJP };

typedef struct ein_call {
    ein_spec es;
    cg_tensor va, vb;   /* diagonal views */
    term ua, ub;        /* their letters */
} ein_call;

static cg_status ein_prepare(const char *op, const char *spec, const cg_tensor *out, const cg_tensor *a,
                             const cg_tensor *b, ein_call *c) {
    cg_status st;
    if ((st = cg_check_tensor(op, "out", out)) || (st = cg_check_tensor(op, "a", a))) return st;
    if (!spec) return cg_set_error(CG_ERR_NULL, "%s: argument 'spec' is NULL", op);
    if ((st = parse(op, spec, &c->es))) return st;
    if (c->es.nops == 2 && !b)
        return cg_set_error(CG_ERR_NULL, "%s: spec '%s' has two operands but b is NULL", op, spec);
    if (c->es.nops == 1 && b)
        return cg_set_error(CG_ERR_SPEC, "%s: bad spec '%s': one operand but b is given", op, spec);
    if ((st = cg_check_dtype(op, "a", a, out->dtype))) return st;
    if (b && ((st = cg_check_tensor(op, "b", b)) || (st = cg_check_dtype(op, "b", b, out->dtype)))) return st;
    if ((st = diag_view(op, "a", a, &c->es.in[0], &c->va, &c->ua))) return st;
    if (b && (st = diag_view(op, "b", b, &c->es.in[1], &c->vb, &c->ub))) return st;
    int64_t ext[NLETTERS];
    for (int l = 0; l < NLETTERS; l++) ext[l] = -1;
    for (int j = 0; j < c->ua.n; j++) ext[c->ua.lab[j]] = c->va.shape[j];
    for (int j = 0; b && j < c->ub.n; j++) {
        int l = c->ub.lab[j];
        if (ext[l] >= 0 && ext[l] != c->vb.shape[j])
            return cg_set_error(CG_ERR_SHAPE, "%s: letter '%c' has extent %lld in a and %lld in b", op,
                                letter_char(l), (long long)ext[l], (long long)c->vb.shape[j]);
        ext[l] = c->vb.shape[j];
    }
    int64_t want[CG_MAX_DIMS];
    int same = out->ndim == c->es.out.n;
    for (int j = 0; j < c->es.out.n; j++) {
        want[j] = ext[c->es.out.lab[j]];
        if (same && out->shape[j] != want[j]) same = 0;
    }
    if (!same)
        return cg_set_error(CG_ERR_SHAPE, "%s: out shape %s != %s", op, CG_SHAPE(out),
                            cg_shape_str((char[CG_SHAPE_STR]){0}, c->es.out.n, want));
    if (cg_tensors_overlap(out, a) || cg_tensors_overlap(out, b))
        return cg_set_error(CG_ERR_ARG, "%s: out overlaps an operand", op);
    return CG_OK;
}

static cg_status ein_run(int mode, cg_tensor *out, cg_tensor *out_s, const char *spec, const cg_tensor *a,
                         cg_tensor *a_s, const cg_tensor *b, cg_tensor *b_s) {
    const char *op = mode == JVP ? "einsum_jvp" : mode == VJP ? "einsum_vjp" : "einsum";
    ein_call c;
    cg_status st = ein_prepare(op, spec, out, a, b, &c);
    if (st) return st;
    int two = c.es.nops == 2;
    const cg_tensor *ops[2] = {&c.va, two ? &c.vb : NULL};
    term ls[2] = {c.ua, c.ub};
    if (mode != FWD) {
        int j = mode == JVP;
        if ((st = cg_check_shadow(op, j ? "out_d" : "out_b", out_s, out)) ||
            (st = cg_check_shadow(op, j ? "a_d" : "a_b", a_s, a)) ||
            (two && (st = cg_check_shadow(op, j ? "b_d" : "b_b", b_s, b))))
            return st;
    }
    cg_tensor ds[2];
    term dl[2];
    if (mode == JVP && out_s) {
        if (!a_s && !(two && b_s)) cg_tensor_zero(out_s);
        for (int i = 0; i < 1 + two; i++) {
            cg_tensor *s = i ? b_s : a_s;
            if (!s) continue;
            diag_view(op, i ? "b_d" : "a_d", s, &c.es.in[i], &ds[i], &dl[i]);
            const cg_tensor *o2[2] = {ops[0], ops[1]};
            o2[i] = &ds[i];
            if ((st = ein_core(op, out_s, &c.es.out, i > 0 && a_s, 1 + two, o2, ls))) return st;
        }
    }
    if (mode == VJP && out_s) {
        for (int i = 0; i < 1 + two; i++) {
            cg_tensor *s = i ? b_s : a_s;
            if (!s) continue;
            diag_view(op, i ? "b_b" : "a_b", s, &c.es.in[i], &ds[i], &dl[i]);
            const cg_tensor *o2[2] = {out_s, two ? ops[1 - i] : NULL};
            term l2[2] = {c.es.out, two ? ls[1 - i] : (term){0}};
            if ((st = ein_core(op, &ds[i], &dl[i], 1, 1 + two, o2, l2))) return st;
        }
    }
    if ((st = ein_core(op, out, &c.es.out, 0, 1 + two, ops, ls))) return st;
    if (mode == VJP && out_s) cg_tensor_zero(out_s);
    return CG_OK;
}

cg_status cg_einsum(cg_tensor *out, const char *spec, const cg_tensor *a, const cg_tensor *b) {
    return ein_run(FWD, out, NULL, spec, a, NULL, b, NULL);
}
cg_status cg_einsum_jvp(cg_tensor *out, cg_tensor *out_d, const char *spec, const cg_tensor *a, const cg_tensor *a_d,
                        const cg_tensor *b, const cg_tensor *b_d) {
    return ein_run(JVP, out, out_d, spec, a, (cg_tensor *)a_d, b, (cg_tensor *)b_d);
}
cg_status cg_einsum_vjp(cg_tensor *out, cg_tensor *out_b, const char *spec, const cg_tensor *a, cg_tensor *a_b,
                        const cg_tensor *b, cg_tensor *b_b) {
    return ein_run(VJP, out, out_b, spec, a, a_b, b, b_b);
}
