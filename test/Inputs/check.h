/*
 * check.h — helpers for execution tests of generated derivatives.
 *
 * Tests print one line per check ("ok NAME" or "FAIL NAME ...") and FileCheck
 * matches them, so a failing check names itself in the lit log.  Tolerances
 * are always written at the call site.
 */
#ifndef CGRAD_TEST_CHECK_H
#define CGRAD_TEST_CHECK_H

#include <math.h>
#include <stdio.h>

static int check_failures;

/* |got - want| <= rtol * max(1, |want|) */
static inline void check_near(const char *name, double got, double want, double rtol) {
    double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;
    if (fabs(got - want) <= rtol * scale && got == got) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s: got %.17g want %.17g (rtol %g)\n", name, got, want, rtol);
        check_failures++;
    }
}

static inline void check_true(const char *name, int cond) {
    printf(cond ? "ok %s\n" : "FAIL %s\n", name);
    if (!cond) check_failures++;
}

/* A deterministic pseudo-random value in [lo, hi): tests never depend on rand(). */
static inline double check_uniform(unsigned *state, double lo, double hi) {
    *state = *state * 1664525u + 1013904223u;
    return lo + (hi - lo) * ((*state >> 8) / 16777216.0);
}

/* Central difference of a scalar function of a vector along direction v. */
static inline double fd_dir(double (*f)(const double *), const double *x, const double *v, int n, double h) {
    double xp[64], xm[64];
    for (int i = 0; i < n; i++) {
        xp[i] = x[i] + h * v[i];
        xm[i] = x[i] - h * v[i];
    }
    return (f(xp) - f(xm)) / (2 * h);
}

/* Central difference of a vector function y = f(x) (m outputs) along v. */
static inline void fd_dir_vec(void (*f)(const double *, double *), const double *x, const double *v, int n, int m,
                              double h, double *dy) {
    double xp[64], xm[64], yp[64], ym[64];
    for (int i = 0; i < n; i++) {
        xp[i] = x[i] + h * v[i];
        xm[i] = x[i] - h * v[i];
    }
    f(xp, yp);
    f(xm, ym);
    for (int i = 0; i < m; i++) dy[i] = (yp[i] - ym[i]) / (2 * h);
}

static inline int check_done(void) {
    printf(check_failures ? "FAILED %d\n" : "ALL OK\n", check_failures);
    return check_failures != 0;
}

#endif
