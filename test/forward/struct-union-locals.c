// Active values stored in members of local structs and unions keep their
// derivatives, in both modes (they used to be dropped silently).
// RUN: %cgrad %s -o %t.c
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
#include "check.h"

typedef struct { double a, b; } P;
union U { double d; long l; };

double via_struct(double x) {
    P p;
    p.a = x;
    p.b = 2 * x;
    return p.a * p.b;   /* 2 x^2 */
}
#pragma cgrad differentiate via_struct

double via_union(double x) {
    union U u;
    u.d = x;
    return u.d * x;     /* x^2 */
}
#pragma cgrad differentiate via_union

double via_struct_jvp(double x, double x_d, double *ret_d);
double via_struct_vjp(double x, double *x_b, double ret_b);
double via_union_jvp(double x, double x_d, double *ret_d);
double via_union_vjp(double x, double *x_b, double ret_b);

int main(void) {
    double d, b = 0;
    via_struct_jvp(1.0, 1.0, &d);
    via_struct_vjp(1.0, &b, 1.0);
    check_near("struct member: f_jvp", d, 4.0, 0);
    check_near("struct member: f_vjp", b, 4.0, 0);
    b = 0;
    via_union_jvp(3.0, 1.0, &d);
    via_union_vjp(3.0, &b, 1.0);
    check_near("union member: f_jvp", d, 6.0, 0);
    check_near("union member: f_vjp", b, 6.0, 0);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
