// FUNC_hvp differentiates FUNC's tangent in reverse, and the tangent calls
// the hand-written w_jvp: with no body in the file, the error names w_jvp
// as the tangent declared for w and says what would do (a blind corpus got
// "no derivative for 'w_jvp'" at the call of w, with no hint why).
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double w(double x);
double w_jvp(double x, double x_d, double *ret_d);
double w_vjp(double x, double *x_b, double ret_b);
#pragma cgrad derivative w tangent(w_jvp) adjoint(w_vjp)
// CHECK: {{^}}{{.*}}hvp-custom-tangent-without-body.c:[[@LINE+1]]:33: error: mode(hvp) differentiates 'w_jvp', the tangent declared for 'w', in reverse, and it has no body in this file; define it here, or declare its derivatives with '#pragma cgrad derivative w_jvp tangent(NAME) adjoint(NAME)'
double g(double x) { return x * w(x); }
#pragma cgrad differentiate g mode(hvp)
