// An unknown mode is an error at the mode's name; mode takes one name.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x) { return x * x; }

// CHECK: {{^}}{{.*}}unknown-mode.c:[[@LINE+3]]:36: error: unknown mode 'forward'; expected 'tangent', 'adjoint' or 'both'
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(forward)
// CHECK-NEXT: {{^}}                                   ^
#pragma cgrad differentiate f mode(forward)

// CHECK: {{^}}{{.*}}unknown-mode.c:[[@LINE+1]]:45: error: 'mode(...)' takes exactly one name
#pragma cgrad differentiate f mode(tangent, adjoint)
