// A hand-written tangent that the file does not declare was accepted, and
// the output called an undeclared function, which does not compile (found
// by a blind corpus).
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double w(double x);
// CHECK: {{^}}{{.*}}custom-rule-undeclared.c:[[@LINE+1]]:26: error: the tangent of 'w', 'w_jvp', is not declared in this file; declare its prototype before the pragma
#pragma cgrad derivative w tangent(w_jvp)
double g(double x) { return x * w(x); }
#pragma cgrad differentiate g mode(tangent)
