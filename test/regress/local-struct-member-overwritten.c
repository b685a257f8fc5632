// Found while fixing fuzzer seed 3004786: an overwritten member of a local
// struct was never recorded.  The reverse sweep reads `s.a` as a read of
// the variable s, while `s.a = ...` is a store into memory, so the analysis
// that decides what to record never matched the two: FUNC_vjp computed
// with the members' final values (dot-product test off by 35%).  In a
// called function the struct was not handed to the reverse half either.
// Member stores into a local struct now count against reads of the struct,
// and a split pair hands a struct over whole (cg_push_bytes).
// Fuzzer seed 10003061: the first such record read a member before any
// store, and reading an uninitialized struct whose address is never taken
// is undefined: clang -O2 turned a loop of FUNC_vjp into a runaway (SIGSEGV).
// The adjoint now declares local structs zeroed, as it does scalars.
// RUN: %cgrad %s -o %t.c
// RUN: %filecheck --check-prefix=GEN %s < %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include <math.h>
#include "check.h"

struct P { double a, b; };

// GEN-LABEL: double h_vjp(
// GEN: struct P s = {0};
// GEN: cg_push_f64(_tp, s.a);
// GEN-NEXT: s.a = s.a * s.b;
// GEN: s.a = cg_pop_f64(_tp);
double h(const double *x) {
    struct P s;
    s.a = x[0] * x[1];
    s.b = sin(s.a);
    s.a = s.a * s.b;
    s.a = exp(s.a);
    return s.a + s.b * x[2];
}
#pragma cgrad differentiate h

// GEN-LABEL: static double h_fwd_x(
// GEN: cg_push_bytes(_tp, &s, sizeof s);
// GEN-LABEL: static void h_rev_x(
// GEN: cg_pop_bytes(_tp, &s, sizeof s);
double f(const double *x) { return h(x) * h(x + 1); }
#pragma cgrad differentiate f

double h_jvp(const double *x, const double *x_d, double *ret_d);
double h_vjp(const double *x, double *x_b, double ret_b);
double f_jvp(const double *x, const double *x_d, double *ret_d);
double f_vjp(const double *x, double *x_b, double ret_b);

static double hx(const double *x) { return h(x); }
static double fx(const double *x) { return f(x); }

static void check_one(const char *name, double (*fn)(const double *), double (*jvp)(const double *, const double *, double *),
                      double (*vjp)(const double *, double *, double)) {
    const double x[4] = {0.3, 0.7, -0.4, 0.9}, v[4] = {0.5, -0.3, 0.8, 0.1};
    double xb[4] = {0}, rd;
    printf("%s\n", name);
    check_true("jvp returns the value", jvp(x, v, &rd) == fn(x));
    check_near("jvp against central differences", rd, fd_dir(fn, x, v, 4, 1e-6), 1e-7);
    check_true("vjp returns the value", vjp(x, xb, 1.0) == fn(x));
    double dot = 0;
    for (int i = 0; i < 4; i++) dot += xb[i] * v[i];
    check_near("dot-product test", dot, rd, 1e-12);
}

int main(void) {
    check_one("top level", hx, h_jvp, h_vjp);
    check_one("called", fx, f_jvp, f_vjp);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
