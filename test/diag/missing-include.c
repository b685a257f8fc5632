// A missing include is clang's fatal error, in clang's format.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
// CHECK: {{^}}{{.*}}missing-include.c:[[@LINE+3]]:10: {{(fatal )?}}error: 'no-such-header-cgrad.h' file not found
// CHECK-NEXT: {{^}}#include "no-such-header-cgrad.h"
// CHECK-NEXT: {{^}}         ^
#include "no-such-header-cgrad.h"
double f(double x) { return x * x; }
#pragma cgrad differentiate f mode(tangent)
