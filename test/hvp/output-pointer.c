// Found by a blind test corpus: a pointer that FUNC only writes got a const
// direction o_v in FUNC_hvp, and the core wrote the tangent of o into it
// (o_v changed from 0.25 to 2; in read-only memory, a crash).  FUNC_hvp's
// inputs are what wrt(...) names; left to the defaults, a written pointer is
// an output that FUNC_hvp writes as FUNC does, with no direction.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

double sc(const double *x, double *o, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
        o[i] = x[i] * x[i];
        s += x[i] * x[i] * x[i];
    }
    return s;
}
#pragma cgrad differentiate sc mode(adjoint, hvp)

// CODE: double sc_vjp(const double *x, double *x_b, double *o, double *o_b, int n, double ret_b);
// CODE: double sc_hvp(const double *x, const double *x_v, double *x_hv, double *o, int n);

double sc_hvp(const double *x, const double *x_v, double *x_hv, double *o, int n);

int main(void) {
    static const double v[3] = {0.25, 0.5, 0.75};   /* read-only memory */
    double x[3] = {1, -2, 0.5}, o[3] = {0}, hv[3] = {0};
    double f = sc_hvp(x, v, hv, o, 3);
    check_near("value", f, 1 - 8 + 0.125, 1e-15);
    check_true("o written as sc writes it", o[0] == 1 && o[1] == 4 && o[2] == 0.25);
    check_true("H v = 6 x v", hv[0] == 1.5 && hv[1] == -6 && hv[2] == 2.25);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
