// A call that carries no derivative runs as it is and records nothing; if
// it stores into a global that the reverse sweep reads afterwards, the
// derivative would see the new value.  Found by a blind test corpus, where
// it gave a silently wrong gradient.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double gs = 2.0;
int calls;
static void bump(void) { gs = gs + 1.0; }
static void count(void) { calls++; }   /* never read: fine */

double f(double x) {
    double r = gs * x * x;
    count();
// CHECK: {{^}}{{.*}}plain-call-stores-global.c:[[@LINE+1]]:5: error: 'bump' stores into the global 'gs', which the derivative reads afterwards; adjoint mode cannot undo stores of a call that carries no derivative: pass the value as an argument instead
    bump();
    return r + gs * x;
}
#pragma cgrad differentiate f
