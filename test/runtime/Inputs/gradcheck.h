/*
 * gradcheck.h — checks one runtime operation's tangent and adjoint rules.
 *
 * An op_case names an operation through three small wrappers (forward, _jvp,
 * _vjp) and gives its input shapes.  gradcheck() then verifies, in double:
 *   - _jvp and _vjp leave out equal to the forward result;
 *   - out_d matches central finite differences along a random direction;
 *   - the dot-product test <J v, w> = <v, J^T w> to 1e-10 (relative to the
 *     magnitude of the terms), with adjoints accumulated onto random values;
 *   - out_b is zero after _vjp;
 *   - NULL shadows: tangents given one at a time sum to the full tangent,
 *     adjoints asked one at a time equal the full ones, a NULL seed adds
 *     nothing;
 * and in float, that values, tangents and adjoints agree with the double
 * results to 2e-4 of their magnitude.  It prints one line per case:
 *   "<name>: ok" or "<name>: FAIL <what> <numbers>".
 */
#ifndef GRADCHECK_H
#define GRADCHECK_H

#include <cgrad.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Wrappers share one callback signature, so most ignore some parameters. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif

enum { GC_MAX_IN = 4 };

typedef struct op_case op_case;
struct op_case {
    const char *name;
    int nin;                                    /* tensor inputs */
    int in_ndim[GC_MAX_IN];
    int64_t in_shape[GC_MAX_IN][CG_MAX_DIMS];
    int out_ndim;
    int64_t out_shape[CG_MAX_DIMS];
    double lo, hi;                              /* inputs are drawn from [lo, hi] */
    int has_scalar;                             /* a differentiable double parameter */
    double s;
    int views;                                  /* pass inputs as transposed views */
    const void *arg;                            /* op-specific parameters */
    cg_status (*fwd)(const op_case *c, cg_tensor *out, cg_tensor **in, double s);
    cg_status (*jvp)(const op_case *c, cg_tensor *out, cg_tensor *out_d, cg_tensor **in, cg_tensor **in_d, double s,
                     double s_d);
    cg_status (*vjp)(const op_case *c, cg_tensor *out, cg_tensor *out_b, cg_tensor **in, cg_tensor **in_b, double s,
                     double *s_b);
};

static uint64_t gc_rng = 88172645463325252ull;
static double gc_rand(double lo, double hi) {
    gc_rng ^= gc_rng << 13;
    gc_rng ^= gc_rng >> 7;
    gc_rng ^= gc_rng << 17;
    return lo + (hi - lo) * (double)(gc_rng >> 11) / 9007199254740992.0;
}

static int64_t gc_numel(int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    return n;
}

/* A tensor holder: when views is set the tensor is the transposed view of a
 * contiguous tensor of reversed shape, so kernels see non-unit strides. */
typedef struct gc_t {
    cg_tensor *own;
    cg_tensor view;
    cg_tensor *t;
} gc_t;

static void gc_make(gc_t *h, cg_dtype dt, int ndim, const int64_t *shape, int views, const double *vals) {
    int64_t rev[CG_MAX_DIMS];
    int perm[CG_MAX_DIMS];
    views = views && ndim >= 2;
    for (int i = 0; i < ndim; i++) {
        rev[i] = shape[ndim - 1 - i];
        perm[i] = ndim - 1 - i;
    }
    if (cg_tensor_new(&h->own, dt, ndim, views ? rev : shape)) {
        printf("gradcheck: %s\n", cg_last_error());
        exit(1);
    }
    h->t = h->own;
    if (views) {
        cg_tensor_permute(&h->view, h->own, perm);
        h->t = &h->view;
    }
    if (vals) cg_tensor_copy_from(h->t, vals);
}

static void gc_free(gc_t *h) { cg_tensor_free(h->own); }

static double *gc_vals(const cg_tensor *t) {
    double *v = malloc((size_t)(cg_tensor_numel(t) + 1) * sizeof *v);
    cg_tensor_copy_to(t, v);
    return v;
}

/* max |x - y| / max(scale, max |y|) */
static double gc_err(const double *x, const double *y, int64_t n, double scale) {
    double m = 0, d = 0;
    for (int64_t i = 0; i < n; i++) {
        if (fabs(y[i]) > m) m = fabs(y[i]);
        double e = fabs(x[i] - y[i]);
        if (e > d || e != e) d = e != e ? INFINITY : e;
    }
    return d / (m > scale ? m : scale);
}

typedef struct gc_run {
    double *out, *out_d, *in_b[GC_MAX_IN], s_b;   /* results of one dtype */
} gc_run;

static int gc_fail(const op_case *c, const char *what, double err) {
    printf("%s: FAIL %s %.3g\n", c->name, what, err);
    return 1;
}

#define GC_CALL(x)                                                               \
    do {                                                                         \
        cg_status st_ = (x);                                                     \
        if (st_) {                                                               \
            printf("%s: FAIL status %s: %s\n", c->name, cg_status_name(st_), cg_last_error()); \
            return 1;                                                            \
        }                                                                        \
    } while (0)

/* Runs jvp and vjp in dtype dt on the given values; fills r. */
static int gc_eval(const op_case *c, cg_dtype dt, double **x, double **v, const double *w, double s, double s_d,
                   double **r0, double r0s, gc_run *r) {
    gc_t in[GC_MAX_IN], in_s[GC_MAX_IN], out, out_s;
    cg_tensor *pin[GC_MAX_IN], *pin_s[GC_MAX_IN];
    int64_t on = gc_numel(c->out_ndim, c->out_shape);
    for (int i = 0; i < c->nin; i++) {
        gc_make(&in[i], dt, c->in_ndim[i], c->in_shape[i], c->views, x[i]);
        gc_make(&in_s[i], dt, c->in_ndim[i], c->in_shape[i], c->views, v[i]);
        pin[i] = in[i].t;
        pin_s[i] = in_s[i].t;
    }
    gc_make(&out, dt, c->out_ndim, c->out_shape, 0, NULL);
    gc_make(&out_s, dt, c->out_ndim, c->out_shape, 0, NULL);
    GC_CALL(c->jvp(c, out.t, out_s.t, pin, pin_s, s, s_d));
    r->out = gc_vals(out.t);
    r->out_d = gc_vals(out_s.t);
    for (int i = 0; i < c->nin; i++) cg_tensor_copy_from(in_s[i].t, r0[i]);
    cg_tensor_fill(out.t, 12345);
    cg_tensor_copy_from(out_s.t, w);
    r->s_b = r0s;
    GC_CALL(c->vjp(c, out.t, out_s.t, pin, pin_s, s, c->has_scalar ? &r->s_b : NULL));
    double *o2 = gc_vals(out.t), *ob = gc_vals(out_s.t);
    int bad = 0;
    if (gc_err(o2, r->out, on, 1e-300) > 0) bad = gc_fail(c, "vjp-out-differs", gc_err(o2, r->out, on, 1e-300));
    for (int64_t k = 0; k < on; k++)
        if (ob[k] != 0 && !bad) bad = gc_fail(c, "out_b-not-zero", ob[k]);
    for (int i = 0; i < c->nin; i++) {
        r->in_b[i] = gc_vals(in_s[i].t);
        for (int64_t k = 0; k < gc_numel(c->in_ndim[i], c->in_shape[i]); k++) r->in_b[i][k] -= r0[i][k];
        gc_free(&in[i]);
        gc_free(&in_s[i]);
    }
    r->s_b -= r0s;
    free(o2);
    free(ob);
    gc_free(&out);
    gc_free(&out_s);
    return bad;
}

static void gc_run_free(const op_case *c, gc_run *r) {
    free(r->out);
    free(r->out_d);
    for (int i = 0; i < c->nin; i++) free(r->in_b[i]);
}

/* f(x + t v, s + t s_d) in double. */
static int gc_forward_at(const op_case *c, double **x, double **v, double s, double s_d, double t, double *res) {
    gc_t in[GC_MAX_IN], out;
    cg_tensor *pin[GC_MAX_IN];
    for (int i = 0; i < c->nin; i++) {
        int64_t n = gc_numel(c->in_ndim[i], c->in_shape[i]);
        double *xt = malloc((size_t)(n + 1) * sizeof *xt);
        for (int64_t k = 0; k < n; k++) xt[k] = x[i][k] + t * (v ? v[i][k] : 0);
        gc_make(&in[i], CG_DTYPE_F64, c->in_ndim[i], c->in_shape[i], c->views, xt);   /* same layout: same sums */
        pin[i] = in[i].t;
        free(xt);
    }
    gc_make(&out, CG_DTYPE_F64, c->out_ndim, c->out_shape, 0, NULL);
    GC_CALL(c->fwd(c, out.t, pin, s + t * s_d));
    cg_tensor_copy_to(out.t, res);
    for (int i = 0; i < c->nin; i++) gc_free(&in[i]);
    gc_free(&out);
    return 0;
}

static int gradcheck(const op_case *c) {
    double *x[GC_MAX_IN], *v[GC_MAX_IN], *r0[GC_MAX_IN], *zero[GC_MAX_IN];
    int64_t on = gc_numel(c->out_ndim, c->out_shape);
    double *w = malloc((size_t)(on + 1) * sizeof *w);
    for (int64_t k = 0; k < on; k++) w[k] = gc_rand(-1, 1);
    for (int i = 0; i < c->nin; i++) {
        int64_t n = gc_numel(c->in_ndim[i], c->in_shape[i]);
        x[i] = malloc((size_t)(n + 1) * sizeof(double));
        v[i] = malloc((size_t)(n + 1) * sizeof(double));
        r0[i] = malloc((size_t)(n + 1) * sizeof(double));
        zero[i] = calloc((size_t)(n + 1), sizeof(double));
        for (int64_t k = 0; k < n; k++) {
            x[i][k] = gc_rand(c->lo, c->hi);
            v[i][k] = gc_rand(-1, 1);
            r0[i][k] = gc_rand(-1, 1);
        }
    }
    double s = c->s, s_d = c->has_scalar ? gc_rand(-1, 1) : 0, r0s = gc_rand(-1, 1);
    int bad = 0;
    gc_run d, f;
    if (gc_eval(c, CG_DTYPE_F64, x, v, w, s, s_d, r0, r0s, &d)) return 1;

    /* forward result and finite differences */
    double *y = malloc((size_t)(on + 1) * sizeof *y), *yp = malloc((size_t)(on + 1) * sizeof *y),
           *ym = malloc((size_t)(on + 1) * sizeof *y), h = 1e-6;
    if (gc_forward_at(c, x, v, s, s_d, 0, y) || gc_forward_at(c, x, v, s, s_d, h, yp) ||
        gc_forward_at(c, x, v, s, s_d, -h, ym))
        return 1;
    if (gc_err(d.out, y, on, 1e-300) > 0) bad |= gc_fail(c, "jvp-out-differs", gc_err(d.out, y, on, 1e-300));
    for (int64_t k = 0; k < on; k++) yp[k] = (yp[k] - ym[k]) / (2 * h);
    double e = gc_err(d.out_d, yp, on, 1e-3);
    if (e > 1e-6) bad |= gc_fail(c, "finite-differences", e);

    /* dot-product test */
    double lhs = 0, rhs = d.s_b * s_d, mag = fabs(rhs);
    for (int64_t k = 0; k < on; k++) {
        lhs += d.out_d[k] * w[k];
        mag += fabs(d.out_d[k] * w[k]);
    }
    for (int i = 0; i < c->nin; i++)
        for (int64_t k = 0; k < gc_numel(c->in_ndim[i], c->in_shape[i]); k++) {
            rhs += v[i][k] * d.in_b[i][k];
            mag += fabs(v[i][k] * d.in_b[i][k]);
        }
    if (fabs(lhs - rhs) > 1e-10 * (mag > 1e-300 ? mag : 1e-300)) bad |= gc_fail(c, "dot-product", fabs(lhs - rhs) / mag);

    /* NULL shadows: one tangent at a time sums to the whole */
    gc_run p;
    double *sum = calloc((size_t)(on + 1), sizeof *sum);
    for (int i = 0; i <= c->nin; i++) {
        if (i == c->nin && !c->has_scalar) break;
        double *vi[GC_MAX_IN];
        for (int j = 0; j < c->nin; j++) vi[j] = j == i ? v[j] : zero[j];
        if (gc_eval(c, CG_DTYPE_F64, x, vi, w, s, i == c->nin ? s_d : 0, r0, r0s, &p)) return 1;
        for (int64_t k = 0; k < on; k++) sum[k] += p.out_d[k];
        gc_run_free(c, &p);
    }
    if ((e = gc_err(sum, d.out_d, on, 1e-3)) > 1e-12) bad |= gc_fail(c, "null-tangent-sum", e);
    free(sum);

    /* NULL shadows, through the wrappers: adjoints one at a time, and a NULL seed */
    for (int i = 0; i < c->nin && !bad; i++) {
        gc_t in[GC_MAX_IN], ib, out, ob;
        cg_tensor *pin[GC_MAX_IN], *pin_b[GC_MAX_IN] = {0};
        for (int j = 0; j < c->nin; j++) {
            gc_make(&in[j], CG_DTYPE_F64, c->in_ndim[j], c->in_shape[j], 0, x[j]);
            pin[j] = in[j].t;
        }
        gc_make(&ib, CG_DTYPE_F64, c->in_ndim[i], c->in_shape[i], 0, NULL);
        gc_make(&out, CG_DTYPE_F64, c->out_ndim, c->out_shape, 0, NULL);
        gc_make(&ob, CG_DTYPE_F64, c->out_ndim, c->out_shape, 0, w);
        pin_b[i] = ib.t;
        GC_CALL(c->vjp(c, out.t, ob.t, pin, pin_b, s, NULL));
        double *g = gc_vals(ib.t);
        int64_t n = gc_numel(c->in_ndim[i], c->in_shape[i]);
        if ((e = gc_err(g, d.in_b[i], n, 1e-3)) > 1e-12) bad |= gc_fail(c, "null-adjoint", e);
        cg_tensor_zero(ib.t);
        GC_CALL(c->vjp(c, out.t, NULL, pin, pin_b, s, NULL));
        free(g);
        g = gc_vals(ib.t);
        for (int64_t k = 0; k < n && !bad; k++)
            if (g[k] != 0) bad |= gc_fail(c, "null-seed-accumulated", g[k]);
        free(g);
        for (int j = 0; j < c->nin; j++) gc_free(&in[j]);
        gc_free(&ib);
        gc_free(&out);
        gc_free(&ob);
    }

    /* float against double */
    if (!bad && !gc_eval(c, CG_DTYPE_F32, x, v, w, s, s_d, r0, r0s, &f)) {
        double tol = 2e-4;
        if ((e = gc_err(f.out, d.out, on, 1e-3)) > tol) bad |= gc_fail(c, "f32-value", e);
        if ((e = gc_err(f.out_d, d.out_d, on, 1e-3)) > tol) bad |= gc_fail(c, "f32-tangent", e);
        for (int i = 0; i < c->nin; i++) {
            int64_t n = gc_numel(c->in_ndim[i], c->in_shape[i]);
            if ((e = gc_err(f.in_b[i], d.in_b[i], n, 1e-3)) > tol) bad |= gc_fail(c, "f32-adjoint", e);
        }
        if (c->has_scalar && fabs(f.s_b - d.s_b) > tol * (fabs(d.s_b) > 1 ? fabs(d.s_b) : 1))
            bad |= gc_fail(c, "f32-scalar-adjoint", f.s_b - d.s_b);
        gc_run_free(c, &f);
    } else if (!bad) {
        bad = 1;
    }
    if (!bad) printf("%s: ok\n", c->name);
    gc_run_free(c, &d);
    for (int i = 0; i < c->nin; i++) {
        free(x[i]);
        free(v[i]);
        free(r0[i]);
        free(zero[i]);
    }
    free(w);
    free(y);
    free(yp);
    free(ym);
    return bad;
}

/* The three op_case wrappers (name_f, name_j, name_v) of an operation
 * cg_name(out, a) or cg_name(out, a, b) with the contract's derivatives. */
#define GC_UNARY_WRAPPERS(name)                                                                          \
    static cg_status name##_f(const op_case *c, cg_tensor *o, cg_tensor **in, double s) {               \
        return cg_##name(o, in[0]);                                                                      \
    }                                                                                                    \
    static cg_status name##_j(const op_case *c, cg_tensor *o, cg_tensor *od, cg_tensor **in, cg_tensor **id, \
                              double s, double sd) {                                                     \
        return cg_##name##_jvp(o, od, in[0], id[0]);                                                     \
    }                                                                                                    \
    static cg_status name##_v(const op_case *c, cg_tensor *o, cg_tensor *ob, cg_tensor **in, cg_tensor **ib, \
                              double s, double *sb) {                                                    \
        return cg_##name##_vjp(o, ob, in[0], ib[0]);                                                     \
    }
#define GC_BINARY_WRAPPERS(name)                                                                         \
    static cg_status name##_f(const op_case *c, cg_tensor *o, cg_tensor **in, double s) {               \
        return cg_##name(o, in[0], in[1]);                                                               \
    }                                                                                                    \
    static cg_status name##_j(const op_case *c, cg_tensor *o, cg_tensor *od, cg_tensor **in, cg_tensor **id, \
                              double s, double sd) {                                                     \
        return cg_##name##_jvp(o, od, in[0], id[0], in[1], id[1]);                                       \
    }                                                                                                    \
    static cg_status name##_v(const op_case *c, cg_tensor *o, cg_tensor *ob, cg_tensor **in, cg_tensor **ib, \
                              double s, double *sb) {                                                    \
        return cg_##name##_vjp(o, ob, in[0], ib[0], in[1], ib[1]);                                       \
    }

#endif
