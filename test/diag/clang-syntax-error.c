// A clang syntax error comes out in clang's format, with a non-zero exit and no output.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
// CHECK: {{^}}{{.*}}clang-syntax-error.c:[[@LINE+3]]:34: error: expected ';' after return statement
// CHECK-NEXT: {{^}}double f(double x) { return x * x }
// CHECK-NEXT: {{^}}                                 ^
double f(double x) { return x * x }
#pragma cgrad differentiate f mode(tangent)
