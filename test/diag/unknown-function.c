// A pragma naming a function the file does not have is an error at the name.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x) { return x * x; }

// CHECK: {{^}}{{.*}}unknown-function.c:[[@LINE+3]]:29: error: unknown function 'g' in '#pragma cgrad differentiate'
// CHECK-NEXT: {{^}}#pragma cgrad differentiate g mode(tangent)
// CHECK-NEXT: {{^}}                            ^
#pragma cgrad differentiate g mode(tangent)
