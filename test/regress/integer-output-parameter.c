// Found by a blind test corpus: an iteration count returned through an
// `int *` parameter was refused ("cannot yet restore non-floating memory"),
// because the pointers might overlap and the reverse sweep reads u.  An int
// store cannot change a double (C's effective types); only a function that
// also reads ints through such a pointer needs the old value back.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

double f(double *u, int n, int *iters) {
    int k = 0;
    for (int i = 0; i < n; i++) {
        u[i] = u[i] * u[i];
        k++;
    }
    *iters = k;
    return u[0] * u[n - 1];
}
#pragma cgrad differentiate f mode(adjoint)

double f_vjp(double *u, double *u_b, int n, int *iters, double ret_b);

int main(void) {
    double u[3] = {1.5, -2, 0.5}, ub[3] = {0};
    int iters = 0;
    double y = f_vjp(u, ub, 3, &iters, 1.0);
    /* f = u0^2 u2^2 */
    check_near("value", y, 2.25 * 0.25, 1e-15);
    check_true("iters written", iters == 3);
    check_true("u left as f leaves it", u[0] == 2.25 && u[1] == 4 && u[2] == 0.25);
    check_near("d/du0 = 2 u0 u2^2", ub[0], 2 * 1.5 * 0.25, 1e-15);
    check_near("d/du2 = 2 u2 u0^2", ub[2], 2 * 0.5 * 2.25, 1e-15);
    check_true("d/du1 = 0", ub[1] == 0);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
