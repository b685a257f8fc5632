// mode(hvp) is for scalar functions: one with no floating-point return
// value is an error at the function's name.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
void g(double *y) { y[0] = y[0] * y[0]; }
// CHECK: {{^}}{{.*}}hvp-not-scalar.c:[[@LINE+1]]:29: error: mode(hvp) needs a scalar function: 'g' must return a floating-point value that is an output
#pragma cgrad differentiate g mode(hvp)
