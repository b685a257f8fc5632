// A pointer that a call returns cannot be followed to its memory: writing
// active values through it would lose their derivative, so both modes
// refuse it at the assignment (a null pointer is fine: its shadow is null).
// Fresh memory from malloc aliases nothing; a derivative stored there is
// reported by its own error.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
#include <stdlib.h>
static double *pick(double *a, double *b, int k) { return k ? a : b; }

double f(double *x, double *y, int k) {
// CHECK: {{^}}{{.*}}pointer-from-call.c:[[@LINE+1]]:13: error: cannot tell which memory pointer 'p' points at: a pointer that a call returns comes without a derivative; pass the memory to the function as a parameter instead
    double *p = pick(x, y, k);
    p[1] = x[0] * y[0];
    return x[1] + y[1];
}
#pragma cgrad differentiate f wrt(x, y) mode(adjoint)

double g(double *x, double *y, int k) {
    double *p = 0;
// CHECK: {{^}}{{.*}}pointer-from-call.c:[[@LINE+1]]:5: error: cannot tell which memory pointer 'p' points at: a pointer that a call returns comes without a derivative; pass the memory to the function as a parameter instead
    p = pick(x, y, k);
    p[1] = x[0] * y[0];
    return x[1] + y[1];
}
#pragma cgrad differentiate g wrt(x, y) mode(tangent)

double h(const double *x, int n) {
// CHECK: {{^}}{{.*}}pointer-from-call.c:[[@LINE+1]]:13: error: pointer 't' is made to point at memory that has no derivative
    double *t = malloc((size_t)n * sizeof *t);
    double s = 0;
    for (int i = 0; i < n; i++) t[i] = x[i] * x[i];
    for (int i = 0; i < n; i++) s += t[i];
    return s;
}
#pragma cgrad differentiate h mode(tangent)
