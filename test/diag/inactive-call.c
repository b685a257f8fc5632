// '#pragma cgrad inactive F' lets a differentiated function call F, whose body
// cgrad cannot see, with active arguments: F's result is treated as a
// constant.  The same call without the pragma is an error (call-without-body.c).
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc -DWITH_BODY %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double weight(double w);
#pragma cgrad inactive weight
#pragma cgrad inactive tgamma

double f(double x) { return x * weight(x) + tgamma(x); }
#pragma cgrad differentiate f mode(tangent)

// CHECK-LABEL: double f_jvp(double x, double x_d, double *ret_d) {
// CHECK-NEXT:    double _t = weight(x);
// CHECK-NEXT:    double _t_1 = tgamma(x);
// CHECK-NEXT:    *ret_d = x_d * _t;
// CHECK-NEXT:    return x * _t + _t_1;
// CHECK-NEXT: }

#ifdef WITH_BODY
double weight(double w) { return w > 1 ? 1 : w * w; }
#endif

double f_jvp(double x, double x_d, double *ret_d);

int main(void) {
    double d;
    double y = f_jvp(0.5, 1.0, &d);
    check_near("value", y, f(0.5), 0);
    check_near("weight and tgamma held constant", d, weight(0.5), 1e-15);
    f_jvp(2.5, 2.0, &d);
    check_near("scaled", d, 2.0 * weight(2.5), 1e-15);
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
