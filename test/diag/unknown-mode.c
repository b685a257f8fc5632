// An unknown mode is an error at the mode's name, also inside a list.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x) { return x * x; }

// CHECK: {{^}}{{.*}}unknown-mode.c:[[@LINE+3]]:36: error: unknown mode 'forward'; expected 'tangent', 'adjoint', 'both', 'hvp' or 'vector'
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(forward)
// CHECK-NEXT: {{^}}                                   ^
#pragma cgrad differentiate f mode(forward)

// CHECK: {{^}}{{.*}}unknown-mode.c:[[@LINE+1]]:45: error: unknown mode 'reverse'; expected 'tangent', 'adjoint', 'both', 'hvp' or 'vector'
#pragma cgrad differentiate f mode(tangent, reverse)
