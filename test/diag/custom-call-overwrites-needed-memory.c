// A hand-written adjoint runs FUNC again in the reverse sweep.  A local
// array the call overwrites is saved and put back around it; a parameter's
// memory cannot be saved whole, so when the reverse sweep reads it before
// the call (here y's sines, for z), adjoint mode says so at the argument
// instead of handing that code the values the adjoint left behind.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
#include <math.h>
void square_into(const double *x, double *y, int n);
void square_into_jvp(const double *x, const double *x_d, double *y, double *y_d, int n);
void square_into_vjp(const double *x, double *x_b, double *y, double *y_b, int n);
#pragma cgrad derivative square_into tangent(square_into_jvp) adjoint(square_into_vjp)

double f(const double *x, double *y, int n) {
    double z = 0;
    for (int i = 0; i < n; i++) y[i] = sin(x[i]);
    for (int i = 0; i < n; i++) z += y[i] * y[i];
// CHECK: {{^}}{{.*}}custom-call-overwrites-needed-memory.c:[[@LINE+2]]:20: error: adjoint mode cannot yet restore the memory that 'square_into' overwrites through this argument, which the derivative reads before the call; only a local array can be saved whole: pass a local copy
// CHECK-NEXT: {{^}}    square_into(x, y, n);
    square_into(x, y, n);
    for (int i = 0; i < n; i++) z += y[i] * x[i];
    return z;
}
#pragma cgrad differentiate f mode(adjoint)
