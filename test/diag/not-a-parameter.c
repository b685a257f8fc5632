// wrt and out names must be parameters of the function.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x, double *y) { *y = x; return x; }

// CHECK: {{^}}{{.*}}not-a-parameter.c:[[@LINE+2]]:49: error: 'z' is not a parameter of 'f'
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) wrt(z)
#pragma cgrad differentiate f mode(tangent) wrt(z)

// CHECK: {{^}}{{.*}}not-a-parameter.c:[[@LINE+2]]:52: error: 'w' is not a parameter of 'f'
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) out(y, w)
#pragma cgrad differentiate f mode(tangent) out(y, w)
