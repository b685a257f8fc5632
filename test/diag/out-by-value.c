// A by-value parameter cannot be an output: the caller never sees its final value.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x, double *y) { *y = x * x; return x; }

// CHECK: {{^}}{{.*}}out-by-value.c:[[@LINE+3]]:52: error: 'x' is passed by value, so its final value is invisible to the caller; it cannot be an output
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) out(y, x)
// CHECK-NEXT: {{^}}                                                   ^
#pragma cgrad differentiate f mode(tangent) out(y, x)

// CHECK: {{^}}{{.*}}out-by-value.c:[[@LINE+2]]:7: error: 'n' cannot be an output: its type 'int' is not a pointer to floating point
#pragma cgrad differentiate g mode(tangent) \
  out(n)
double g(double x, int n) { return x * n; }
