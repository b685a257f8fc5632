// The same refusal as pointer-into-two-local-arrays.c, in the differentiated
// function itself: a call with a hand-written adjoint may store through a
// pointer into either of two local arrays, and cgrad saves one array whole
// around such a call, not either.  The message used to speak of "a function
// called from differentiated code", which this is not (a blind corpus).
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
void halve(double *v, int n);
void halve_jvp(double *v, double *v_d, int n);
void halve_vjp(double *v, double *v_b, int n);
#pragma cgrad derivative halve tangent(halve_jvp) adjoint(halve_vjp)

double f(const double *x, int k) {
    double t[2] = {x[0], x[1]}, q[2] = {x[1], x[0]};
    double *p = k ? t : q;
// CHECK: {{^}}{{.*}}pointer-into-two-local-arrays-at-a-call.c:[[@LINE+1]]:5: error: adjoint mode cannot yet follow a pointer that may point into either of the local arrays 't' and 'q' when a call may store through it
    halve(p, 2);
    return t[0] * q[1];
}
#pragma cgrad differentiate f mode(adjoint)
