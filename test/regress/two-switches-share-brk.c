// cgrad fuzzer (test/fuzz), seed 100028, reduced by the runner then by hand.
// FIXED BUG, kept as a regression test (WRONG DERIVATIVE, silent, _vjp only): two switch statements in one
// function share the adjoint's control variables _case/_brk.  The second
// switch's `break` leaves _brk = 1, and the reverse sweep of the FIRST
// switch is guarded by `if (_case <= 0 && !_brk)`, so it is skipped: the
// contribution of r7 = a2 * a2 is lost.  f_vjp gives a2_b = 0.125 (the seed
// only), the right value is 0.125 + 2 * 0.5 = 1.125.  f_jvp is right.
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: ALL OK
#include <math.h>
#include "check.h"

double f(double s1, double a2) {
    double r7 = 0;
    switch (2) {
    default:
        r7 = a2 * a2;
    }
    if (a2 < -0.2) {
        a2 -= s1;
    } else {
        switch (0) {
        case 0:
            s1 += r7;
            break;
        }
    }
    return r7;
}
#pragma cgrad differentiate f

double f_vjp(double s1, double *s1_b, double a2, double *a2_b, double ret_b);
double f_jvp(double s1, double s1_d, double a2, double a2_d, double *ret_d);

int main(void) {
    double sb = 0.25, ab = 0.125, jd = 0;
    f_vjp(0.3, &sb, 0.5, &ab, 1.0);
    f_jvp(0.3, 0.0, 0.5, 1.0, &jd);
    check_near("f_vjp: a2_b", ab, 1.125, 1e-15);
    check_near("f_vjp: s1_b", sb, 0.25, 1e-15);
    check_near("f_jvp: d/da2", jd, 1.0, 1e-15);
    return check_done();
}
