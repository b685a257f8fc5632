// A pointer to const cannot be an output.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(const double *x, double *y) { y[0] = x[0]; return x[1]; }

// CHECK: {{^}}{{.*}}out-const-pointer.c:[[@LINE+3]]:49: error: 'x' points to const data, so the function cannot write it; it cannot be an output
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) out(x)
// CHECK-NEXT: {{^}}                                                ^
#pragma cgrad differentiate f mode(tangent) out(x)
