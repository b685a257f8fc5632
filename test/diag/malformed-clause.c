// Malformed clauses: a missing '(', a missing ',', a token that is not a name.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x, double y) { return x * y; }

// CHECK: {{^}}{{.*}}malformed-clause.c:[[@LINE+3]]:49: error: expected '(' after 'wrt'
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) wrt x
// CHECK-NEXT: {{^}}                                                ^
#pragma cgrad differentiate f mode(tangent) wrt x

// CHECK: {{^}}{{.*}}malformed-clause.c:[[@LINE+1]]:51: error: expected ',' or ')' in 'wrt(...)', found 'y'
#pragma cgrad differentiate f mode(tangent) wrt(x y)

// CHECK: {{^}}{{.*}}malformed-clause.c:[[@LINE+1]]:49: error: expected a name in 'out(...)', found '*'
#pragma cgrad differentiate f mode(tangent) out(*y)

// CHECK: {{^}}{{.*}}malformed-clause.c:[[@LINE+1]]:29: error: expected a function name after 'differentiate', found '('
#pragma cgrad differentiate (f) mode(tangent)
