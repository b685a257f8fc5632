// Each clause may appear once.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x, double y) { return x * y; }

// CHECK: {{^}}{{.*}}duplicate-clause.c:[[@LINE+3]]:52: error: duplicate 'wrt' clause
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) wrt(x) wrt(y)
// CHECK-NEXT: {{^}}                                                   ^
#pragma cgrad differentiate f mode(tangent) wrt(x) wrt(y)

// CHECK: {{^}}{{.*}}duplicate-clause.c:[[@LINE+1]]:45: error: duplicate 'mode' clause
#pragma cgrad differentiate f mode(tangent) mode(tangent)

// CHECK: {{^}}{{.*}}duplicate-clause.c:[[@LINE+1]]:57: error: duplicate 'out' clause
#pragma cgrad differentiate f mode(tangent) out(return) out(return)
