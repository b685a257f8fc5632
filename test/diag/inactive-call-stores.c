// A function marked inactive runs as it is: what it stores is a constant to
// the derivatives, whose old values for the elements it overwrites would
// have to be cleared, and cgrad cannot tell which those are.  Both modes
// refuse the call at the argument (a blind corpus marked memcpy inactive and
// got the tangents of the array's previous contents).
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
// RUN: sed 's/mode(adjoint)/mode(tangent)/' %s > %t.tan.c
// RUN: not %cgrad %t.tan.c -o %t.c 2>&1 | %filecheck %s
#include <string.h>
void jitter(double *v, int n);
#pragma cgrad inactive jitter
#pragma cgrad inactive memcpy

double f(const double *x, int n) {
    double t[4], u[4];
    for (int i = 0; i < 4; i++) t[i] = x[i] * x[i], u[i] = x[i];
// CHECK: {{^}}{{.*}}.c:[[@LINE+2]]:12: error: 'jitter' is marked inactive, but it may store through this argument into memory that carries derivatives, and cgrad cannot tell which of them the call replaces; give 'jitter' a derivative, or let it write into memory that carries none
// CHECK-NEXT: {{^}}    jitter(t, 4);
    jitter(t, 4);
// CHECK: {{^}}{{.*}}.c:[[@LINE+1]]:12: error: 'memcpy' is marked inactive
    memcpy(u, t, sizeof t);
    double s = 0;
    for (int i = 0; i < 4; i++) s += t[i] * u[i];
    return s;
}
#pragma cgrad differentiate f mode(adjoint)
