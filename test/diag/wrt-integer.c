// An integer parameter cannot be differentiated with respect to.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x, int n) { return x * n; }

// CHECK: {{^}}{{.*}}wrt-integer.c:[[@LINE+3]]:52: error: cannot differentiate with respect to 'n': its type 'int' is not floating point or a pointer to floating point
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) wrt(x, n)
// CHECK-NEXT: {{^}}                                                   ^
#pragma cgrad differentiate f mode(tangent) wrt(x, n)

double g(const int *k, double x) { return x * k[0]; }
// CHECK: {{^}}{{.*}}wrt-integer.c:[[@LINE+1]]:49: error: cannot differentiate with respect to 'k': its type 'const int *' is not floating point or a pointer to floating point
#pragma cgrad differentiate g mode(tangent) wrt(k)
