// jacobian(x = n, x = 2) was accepted silently, the second size winning
// (found by a blind corpus).
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double g(const double *x, int n) { return x[0] * x[n - 1]; }
// CHECK: {{^}}{{.*}}size-given-twice.c:[[@LINE+1]]:47: error: 'x' is given a size twice
#pragma cgrad differentiate g jacobian(x = n, x = 2)
