// A function called from differentiated code runs as two halves with their
// own frames, and a pointer into its local array travels between them as an
// offset from that array.  A pointer that may point into either of two local
// arrays has no single array to be an offset from: adjoint mode refuses it,
// once, where it first needs the offset.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
#include <math.h>

static double h(const double *x, int k) {
    double a[2] = {x[0], x[1]}, b[2] = {x[1], x[0]};
    double *p = k ? a : b;
// CHECK: {{^}}{{.*}}pointer-into-two-local-arrays.c:[[@LINE+1]]:5: error: adjoint mode cannot yet follow a pointer that may point into either of the local arrays 'a' and 'b' of a function called from differentiated code
    p[1] = sin(p[1] * p[0]);
    return a[1] + b[1];
}

double f(const double *x) { return h(x, 0) * h(x, 1); }
#pragma cgrad differentiate f mode(adjoint)
// CHECK-NOT: error:
