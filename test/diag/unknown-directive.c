// An unknown cgrad directive is an error; other pragmas are left alone.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
#pragma once
#pragma GCC diagnostic ignored "-Wunused"
double f(double x) { return x * x; }

// CHECK: {{^}}{{.*}}unknown-directive.c:[[@LINE+3]]:15: error: unknown cgrad directive 'differentiated'; expected 'differentiate', 'derivative' or 'inactive'
// CHECK-NEXT: {{^}}#pragma cgrad differentiated f mode(tangent)
// CHECK-NEXT: {{^}}              ^
#pragma cgrad differentiated f mode(tangent)

// (an empty directive: diag/pragma-wording.c)
