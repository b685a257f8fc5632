// Memory that carries derivatives, seen through a pointer of another type:
// a blind test corpus found each of these dropping the derivative, or
// flipping its sign (a sign bit cleared through a uint64_t *), without a
// word.  Each is now an error.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
#include <stdint.h>

// the adjoint stops at its first error, so the call goes first
static double first_times_second(const void *p) {
    const double *d = p;
    return d[0] * d[1];
}

double through_void(double x) {
    double t[2];
    t[0] = x * x;
    t[1] = x;
// CHECK: {{^}}{{.*}}pointer-as-another-type.c:[[@LINE+1]]:31: error: 'first_times_second' takes memory that carries derivatives through its parameter 'p', whose type is not a pointer to floating point; cgrad cannot follow the derivatives there (declare it 'const double *' or 'double *')
    return first_times_second(t);
}
#pragma cgrad differentiate through_void mode(adjoint)

double negate_by_bits(double x) {
    double y = x * x;
// CHECK: {{^}}{{.*}}pointer-as-another-type.c:[[@LINE+1]]:19: error: memory that carries derivatives cannot be seen through a pointer to another type; cgrad follows it only through pointers to its own floating type
    uint64_t *b = (uint64_t *)&y;
    *b ^= 0x8000000000000000ull;
    return y;
}
#pragma cgrad differentiate negate_by_bits

double kept_in_array(const double *a) {
// CHECK: {{^}}{{.*}}pointer-as-another-type.c:[[@LINE+1]]:30: error: a pointer to memory that carries derivatives cannot be stored in an array or a struct; keep it in a local pointer variable
    const double *rows[1] = {a};
    return rows[0][0] * a[1];
}
#pragma cgrad differentiate kept_in_array

double pointer_to_pointer(const double *a) {
    const double *p = a;
// CHECK: {{^}}{{.*}}pointer-as-another-type.c:[[@LINE+1]]:25: error: cgrad cannot follow the address of a pointer to memory that carries derivatives; pass or use the pointer itself
    const double **pp = &p;
    return (*pp)[0] * a[1];
}
#pragma cgrad differentiate pointer_to_pointer
