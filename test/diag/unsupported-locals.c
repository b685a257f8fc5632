// Constructs the front end rejects in a differentiated function: static locals, VLAs.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x) {
// CHECK: {{^}}{{.*}}unsupported-locals.c:[[@LINE+1]]:19: error: static local variable 'acc' keeps state between calls; cgrad cannot differentiate through it
    static double acc;
    acc += x;
    return acc;
}
// CHECK: {{^}}{{.*}}unsupported-locals.c:[[@LINE+1]]:1: note: while differentiating 'f', requested here
#pragma cgrad differentiate f mode(tangent)

double g(double x, int n) {
// CHECK: {{^}}{{.*}}unsupported-locals.c:[[@LINE+1]]:12: error: variable-length array 'a' is not supported; use a fixed size or a pointer
    double a[n];
    a[0] = x;
    return a[0];
}
#pragma cgrad differentiate g mode(tangent)
