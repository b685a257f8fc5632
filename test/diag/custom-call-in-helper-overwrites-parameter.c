// The same refusal inside a helper that differentiated code calls: the
// helper's reverse half cannot know whether its caller's reverse sweep needs
// what the parameter held, so a hand-written adjoint's store into it is
// refused there too.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
void square_into(const double *x, double *y, int n);
void square_into_jvp(const double *x, const double *x_d, double *y, double *y_d, int n);
void square_into_vjp(const double *x, double *x_b, double *y, double *y_b, int n);
#pragma cgrad derivative square_into tangent(square_into_jvp) adjoint(square_into_vjp)

// inside a helper, the caller's reverse sweep may need what y held
static double helper(const double *x, double *y, int n) {
// CHECK: {{^}}{{.*}}custom-call-in-helper-overwrites-parameter.c:[[@LINE+1]]:20: error: adjoint mode cannot yet restore the memory that 'square_into' overwrites through this argument, which the caller's derivative may read; only a local array can be saved whole: pass a local copy
    square_into(x, y, n);
    return y[0];
}
double g(const double *x, double *y, int n) { return helper(x, y, n) * x[0]; }
#pragma cgrad differentiate g mode(adjoint)
