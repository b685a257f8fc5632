// 'return' is an output only of a function that returns a floating-point value.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
void f(const double *x, double *y) { y[0] = x[0] * x[0]; }

// CHECK: {{^}}{{.*}}out-return-void.c:[[@LINE+3]]:52: error: 'f' returns 'void', not a floating-point value; 'return' cannot be an output
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) out(y, return)
// CHECK-NEXT: {{^}}                                                   ^
#pragma cgrad differentiate f mode(tangent) out(y, return)

int g(double x) { return x > 0; }
// CHECK: {{^}}{{.*}}out-return-void.c:[[@LINE+1]]:49: error: 'g' returns 'int', not a floating-point value; 'return' cannot be an output
#pragma cgrad differentiate g mode(tangent) out(return)
