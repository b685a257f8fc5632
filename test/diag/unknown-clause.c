// An unknown clause is an error at the clause's name.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x) { return x * x; }

// CHECK: {{^}}{{.*}}unknown-clause.c:[[@LINE+3]]:45: error: unknown clause 'respect' in '#pragma cgrad differentiate'; expected 'mode', 'wrt', 'out', 'width', 'check', 'jacobian' or 'hessian'
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) respect(x)
// CHECK-NEXT: {{^}}                                            ^
#pragma cgrad differentiate f mode(tangent) respect(x)

// CHECK: {{^}}{{.*}}unknown-clause.c:[[@LINE+1]]:45: error: expected a clause (mode, wrt, out, width, check, jacobian or hessian), found '3'
#pragma cgrad differentiate f mode(tangent) 3
