// When the tape cannot grow, FUNC_vjp must not crash or add garbage: it
// returns FUNC's result, leaves memory as FUNC does, adds nothing to the
// adjoints and says so through cg_tape_failed() and cg_last_error().  The
// next call, with memory back, starts from an empty tape and is exact.
// malloc is wrapped so the tape's chunk allocations can be made to fail.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt -Wl,--wrap=malloc && %t | FileCheck %s
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cgrad.h>

void *__real_malloc(size_t);
static int big_allowed = -1;          /* < 0: no limit */

/* Tape chunks are 64 KiB and up; nothing else here asks for that much. */
void *__wrap_malloc(size_t n) {
    if (n >= 65536 && big_allowed >= 0) {
        if (big_allowed == 0) return NULL;
        big_allowed--;
    }
    return __real_malloc(n);
}

double chain(double *x, int n) {
    double s = x[0];
    for (int i = 0; i < n; i++) {
        s = sin(s) * x[1];
        x[2] = x[2] * (1 + 1e-6 * s);
    }
    return s + x[2];
}
#pragma cgrad differentiate chain wrt(x) mode(adjoint)
double chain_vjp(double *x, double *x_b, int n, double ret_b);

enum { N = 100000 };   /* about 3 MiB of tape: several chunks per stack */

int main(void) {
    const double x0[3] = {0.7, 0.9, 1.3};
    double x[3], xb[3], xf[3], g[3];

    memcpy(xf, x0, sizeof xf);
    double f = chain(xf, N);

    memcpy(x, x0, sizeof x);
    memset(g, 0, sizeof g);
    chain_vjp(x, g, N, 1.0);
    printf("healthy: failed=%d\n", cg_tape_failed());
    // CHECK: healthy: failed=0

    cg_tape_release();
    big_allowed = 2;   /* the first chunks succeed, a later one fails */
    memcpy(x, x0, sizeof x);
    memset(xb, 0, sizeof xb);
    double r = chain_vjp(x, xb, N, 1.0);
    big_allowed = -1;
    printf("starved: failed=%d result-is-f=%d memory-is-f=%d adjoints-untouched=%d\n",
           cg_tape_failed(), r == f, memcmp(x, xf, sizeof x) == 0,
           xb[0] == 0 && xb[1] == 0 && xb[2] == 0);
    printf("message: %s\n", cg_last_error());
    // CHECK: starved: failed=1 result-is-f=1 memory-is-f=1 adjoints-untouched=1
    // CHECK: message: {{.*}}tape: cannot allocate memory

    memcpy(x, x0, sizeof x);
    memset(xb, 0, sizeof xb);
    r = chain_vjp(x, xb, N, 1.0);
    printf("recovered: failed=%d result-is-f=%d same-gradient=%d\n", cg_tape_failed(), r == f,
           memcmp(xb, g, sizeof g) == 0);
    // CHECK: recovered: failed=0 result-is-f=1 same-gradient=1
    cg_tape_release();
    return 0;
}
