// A clause cut off by the end of the line points just past its last token.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x, double y) { return x * y; }

// CHECK: {{^}}{{.*}}unterminated-clause.c:[[@LINE+3]]:50: error: unterminated 'wrt(' clause: expected ')'
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) wrt(x
// CHECK-NEXT: {{^}}                                                 ^
#pragma cgrad differentiate f mode(tangent) wrt(x

// CHECK: {{^}}{{.*}}unterminated-clause.c:[[@LINE+1]]:51: error: unterminated 'wrt(' clause: expected a name and ')'
#pragma cgrad differentiate f mode(tangent) wrt(x,

// CHECK: {{^}}{{.*}}unterminated-clause.c:[[@LINE+1]]:28: error: expected a function name after 'differentiate', found end of line
#pragma cgrad differentiate
