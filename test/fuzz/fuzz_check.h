/*
 * fuzz_check.h — the checks a generated program's driver runs (test/fuzz/).
 *
 * Every differentiated function F is seen through three wrappers over one
 * *state*: the concatenation of its active parameters' memory (arrays, then
 * scalars, in parameter order), converted to double.  F maps the entry state
 * s to the exit state (const arrays and by-value scalars unchanged, written
 * arrays as F leaves them) followed by the return value when it is active:
 *
 *   eval(s, o)        o = F's exit state and return value
 *   jvp(s, v, o, jv)  F_jvp with tangents v: o as eval, jv = exit tangents
 *                     (the return's tangent last; *ret_d starts at a sentinel)
 *   vjp(s, w, o, u)   F_vjp with adjoints w of the exit state and seed w[n]:
 *                     o as eval, u = adjoints at entry (p_b after the call)
 *
 * The contract makes <jv, w> = <v, u> an identity (the generalized
 * dot-product test): it covers accumulation into inputs (w is nonzero on
 * inputs), in-place buffers and overwritten outputs at once.  Besides it:
 * primal results of _jvp and _vjp equal F's, bit for bit; jv against central
 * differences (double programs); an overwritten output's adjoint ends at 0;
 * inputs accumulate exactly (u - u' = w with w' zero on inputs); a float
 * program's derivatives against its double twin.  Points where F is not
 * smooth (a branch or a kink within the difference step) or out of range
 * are reported as "skip", never as a failure.
 *
 * Output: one "FAIL <fn> <check> ..." line per failure, "skip ..." lines,
 * and "ALL OK" or "FAILED n" at the end (fz_done).
 */
#ifndef CGRAD_FUZZ_CHECK_H
#define CGRAD_FUZZ_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef void (*fz_eval_fn)(const double *s, double *o);
typedef void (*fz_dir_fn)(const double *s, const double *d, double *o, double *r);

typedef struct fz_fn {
    const char *name;
    int n, nr, is_float;
    fz_eval_fn eval;
    fz_dir_fn jvp, vjp;
    const unsigned char *zero; /* per state entry: overwritten output, adjoint must end at 0 */
    const unsigned char *acc;  /* per state entry: input only (const array or scalar), accumulates */
    fz_eval_fn twin_eval;      /* float programs: the same program in double */
    fz_dir_fn twin_jvp, twin_vjp;
} fz_fn;

enum { FZ_MAX = 512 };

static int fz_failures, fz_skips;

static void fz_fail(const fz_fn *f, const char *check, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#include <stdarg.h>
static void fz_fail(const fz_fn *f, const char *check, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL %s %s: ", f->name, check);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fz_failures++;
}

static unsigned fz_state;
static double fz_uniform(double lo, double hi) {
    fz_state = fz_state * 1664525u + 1013904223u;
    return lo + (hi - lo) * ((fz_state >> 8) / 16777216.0);
}

static double fz_maxabs(const double *a, int n) {
    double m = 0;
    for (int i = 0; i < n; i++) m = fabs(a[i]) > m ? fabs(a[i]) : m;
    return m;
}

static int fz_finite(const double *a, int n) {
    for (int i = 0; i < n; i++)
        if (!isfinite(a[i])) return 0;
    return 1;
}

/* Central differences of eval along v with step h into fd (n + nr entries). */
static void fz_fd(const fz_fn *f, fz_eval_fn eval, const double *s, const double *v, double h, double *fd) {
    double sp[FZ_MAX], sm[FZ_MAX], op[FZ_MAX], om[FZ_MAX];
    for (int i = 0; i < f->n; i++) sp[i] = s[i] + h * v[i], sm[i] = s[i] - h * v[i];
    eval(sp, op);
    eval(sm, om);
    for (int i = 0; i < f->n + f->nr; i++) fd[i] = (op[i] - om[i]) / (2 * h);
}

static double fz_maxdiff(const double *a, const double *b, int n) {
    double m = 0;
    for (int i = 0; i < n; i++) {
        double d = fabs(a[i] - b[i]);
        if (d > m || d != d) m = d != d ? INFINITY : d;
    }
    return m;
}

/* One point: s, v, w drawn from the state; 1 when it was checked, 0 when skipped. */
static int fz_point(const fz_fn *f, int point) {
    int n = f->n, m = f->n + f->nr;
    double s[FZ_MAX], v[FZ_MAX], w[FZ_MAX], w0[FZ_MAX];
    double o0[FZ_MAX], o1[FZ_MAX], o2[FZ_MAX], o3[FZ_MAX], jv[FZ_MAX], u[FZ_MAX], u0[FZ_MAX];
    for (int i = 0; i < m; i++) {
        s[i] = fz_uniform(-1, 1), v[i] = fz_uniform(-1, 1), w[i] = fz_uniform(-1, 1);
        if (f->is_float) s[i] = (float)s[i], v[i] = (float)v[i], w[i] = (float)w[i];
    }
    for (int i = n; i < m; i++) s[i] = v[i] = 0;
    f->eval(s, o0);
    double big = f->is_float ? 1e4 : 1e6;
    if (!fz_finite(o0, m) || fz_maxabs(o0, m) > big) {
        printf("skip %s point %d: values out of range\n", f->name, point);
        fz_skips++;
        return 0;
    }
    for (int i = 0; i < m; i++) jv[i] = NAN, u[i] = NAN;
    f->jvp(s, v, o1, jv);
    f->vjp(s, w, o2, u);
    int ok = 1;
    if (memcmp(o0, o1, sizeof(double) * m) != 0) {
        fz_fail(f, "primal-after-jvp", "point %d: max diff %g", point, fz_maxdiff(o0, o1, m));
        ok = 0;
    }
    if (memcmp(o0, o2, sizeof(double) * m) != 0) {
        fz_fail(f, "primal-after-vjp", "point %d: max diff %g", point, fz_maxdiff(o0, o2, m));
        ok = 0;
    }
    if (!fz_finite(jv, m) || !fz_finite(u, n)) {
        fz_fail(f, "non-finite-derivative", "point %d: jvp %s, vjp %s", point, fz_finite(jv, m) ? "finite" : "not finite",
                fz_finite(u, n) ? "finite" : "not finite");
        return 0;
    }
    double big_d = f->is_float ? 1e5 : 1e8;
    if (fz_maxabs(jv, m) > big_d || fz_maxabs(u, n) > big_d) {
        printf("skip %s point %d: derivatives out of range\n", f->name, point);
        fz_skips++;
        return 0;
    }
    for (int i = 0; i < n; i++)
        if (f->zero[i] && u[i] != 0.0) {
            fz_fail(f, "overwritten-output-adjoint", "point %d: state[%d] adjoint %.17g, want 0", point, i, u[i]);
            ok = 0;
            break;
        }
    /* the dot-product test */
    double lhs = 0, rhs = 0, scale = 0;
    for (int i = 0; i < m; i++) lhs += jv[i] * w[i], scale += fabs(jv[i] * w[i]);
    for (int i = 0; i < n; i++) rhs += v[i] * u[i], scale += fabs(v[i] * u[i]);
    double tol = f->is_float ? 2e-3 : 1e-8;
    if (fabs(lhs - rhs) > tol * (scale > 1e-300 ? scale : 1e-300) && fabs(lhs - rhs) > 1e-14) {
        fz_fail(f, "dot-product", "point %d: <J v, w> = %.17g, <v, J^T w> = %.17g (rel %.3g)", point, lhs, rhs,
                fabs(lhs - rhs) / scale);
        ok = 0;
    }
    /* accumulation: the same seeds with zero adjoints on the inputs */
    for (int i = 0; i < m; i++) w0[i] = (i < n && f->acc[i]) ? 0.0 : w[i];
    f->vjp(s, w0, o3, u0);
    for (int i = 0; i < n; i++) {
        double want = f->acc[i] ? w[i] : 0.0, got = u[i] - u0[i];
        /* rounding: adjoints are summed from terms that may cancel, added
         * one by one to a running value that starts at the seed or at 0;
         * seeds 901662 and 912318 (float) and 1001075 (double) differ by 6
         * to 8 units in the last place, 30000233 (--affine: 480 terms into
         * one entry) by 30.  A missing or doubled accumulation is off by
         * the whole seed, far above either bound. */
        double eps = f->is_float ? 32 * 6e-8 : 1e-13;
        if (fabs(got - want) > eps * (fabs(u[i]) + fabs(u0[i]) + fabs(w[i])) + 1e-300) {
            fz_fail(f, f->acc[i] ? "accumulate" : "adjoint-depends-on-input-seed",
                    "point %d: state[%d]: p_b with seed %.17g - p_b with seed 0 = %.17g, want %.17g", point, i, w[i], got, want);
            ok = 0;
            break;
        }
    }
    if (!f->is_float) {
        /* central differences; a disagreement counts only where F is smooth */
        double fd1[FZ_MAX], fd2[FZ_MAX];
        double sc = 1 + fz_maxabs(jv, m);
        fz_fd(f, f->eval, s, v, 1e-6, fd1);
        double e1 = fz_maxdiff(jv, fd1, m) / sc;
        if (e1 > 1e-6) {
            fz_fd(f, f->eval, s, v, 1e-5, fd2);
            double smooth = fz_maxdiff(fd1, fd2, m) / sc;
            if (smooth < 1e-7 && e1 > 1e-5) {
                int worst = 0;
                for (int i = 0; i < m; i++)
                    if (fabs(jv[i] - fd1[i]) > fabs(jv[worst] - fd1[worst])) worst = i;
                fz_fail(f, "jvp-vs-finite-differences", "point %d: out[%d] jvp %.17g, fd %.17g (rel %.3g)", point, worst,
                        jv[worst], fd1[worst], e1);
                ok = 0;
            } else if (e1 > 1e-5) {
                printf("skip %s point %d: finite differences: not smooth here\n", f->name, point);
                fz_skips++;
            }
        }
    } else if (f->twin_eval) {
        /* float against the double twin, where their primal values agree */
        double to[FZ_MAX], tjv[FZ_MAX], tu[FZ_MAX];
        f->twin_eval(s, to);
        double sp = 1 + fz_maxabs(to, m);
        if (fz_maxdiff(o0, to, m) / sp > 1e-4) {
            printf("skip %s point %d: float and double take different paths\n", f->name, point);
            fz_skips++;
        } else {
            f->twin_jvp(s, v, o1, tjv);
            f->twin_vjp(s, w, o2, tu);
            double ej = fz_maxdiff(jv, tjv, m) / (1 + fz_maxabs(tjv, m));
            double eu = fz_maxdiff(u, tu, n) / (1 + fz_maxabs(tu, n));
            if (ej > 1e-2) {
                fz_fail(f, "float-jvp-vs-double", "point %d: rel %.3g", point, ej);
                ok = 0;
            }
            if (eu > 1e-2) {
                fz_fail(f, "float-vjp-vs-double", "point %d: rel %.3g", point, eu);
                ok = 0;
            }
        }
    }
    return ok;
}

/* Runs every function of a program's table at a few points. */
static void fz_run(const fz_fn *tests, int ntests, unsigned seed) {
    for (int t = 0; t < ntests; t++) {
        fz_state = seed * 2654435761u + (unsigned)t;
        int before = fz_failures;
        for (int p = 0; p < 3 && fz_failures == before; p++) fz_point(&tests[t], p);
        if (fz_failures == before) printf("ok %s\n", tests[t].name);
    }
}

static int fz_done(void) {
    printf(fz_failures ? "FAILED %d\n" : "ALL OK\n", fz_failures);
    return fz_failures != 0;
}

#endif
