// memcpy, memmove and memset carry derivatives only in the forms ir/lower.c
// rewrites as element loops.  Any other use on memory with derivatives is
// refused; a blind corpus found a whole-struct memcpy that silently gave
// zero derivatives, and others refused as "no derivative for 'memcpy'".
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
#include <string.h>
typedef struct {
    double a, b;
} P;

double whole_struct(const double *x) {
    P s, r;
    s.a = x[0] * x[1];
    s.b = x[1];
// CHECK: {{^}}{{.*}}memory-call-refused.c:[[@LINE+1]]:5: error: cgrad carries derivatives through 'memcpy' only in a statement of its own between pointers to the same floating type (memset: to 0, a whole number of elements); copy this one element by element
    memcpy(&r, &s, sizeof s);
    return r.a * r.b;
}
#pragma cgrad differentiate whole_struct mode(tangent)

double two_d(const double *x) {
    double t[2][3];
// CHECK: {{^}}{{.*}}memory-call-refused.c:[[@LINE+1]]:5: error: cgrad carries derivatives through 'memcpy'
    memcpy(t, x, sizeof t);
    return t[1][2] * t[0][0];
}
#pragma cgrad differentiate two_d mode(tangent)

double fill_ones(const double *x) {
    double t[2] = {x[0], x[1]};
// CHECK: {{^}}{{.*}}memory-call-refused.c:[[@LINE+1]]:5: error: cgrad carries derivatives through 'memset'
    memset(t, 1, sizeof t);
    return t[0] * x[0];
}
#pragma cgrad differentiate fill_ones mode(tangent)

double result_used(const double *x) {
    double t[2];
    double *p = memcpy(t, x, sizeof t);
    return p[0] * t[1];
}
// CHECK: {{^}}{{.*}}memory-call-refused.c:[[@LINE-3]]:17: error: cgrad carries derivatives through 'memcpy'
#pragma cgrad differentiate result_used mode(tangent)

double twelve_bytes(const double *x) {
    double t[2] = {0, 0};
// CHECK: {{^}}{{.*}}memory-call-refused.c:[[@LINE+1]]:5: error: cgrad carries derivatives through 'memcpy'
    memcpy(t, x, 12);
    return t[0] * t[1];
}
#pragma cgrad differentiate twelve_bytes mode(tangent)
