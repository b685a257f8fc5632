// Activity analysis: values that do not depend on an active input, or do not
// reach an active output, get no tangent code.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double act(const double *x, int n, double *junk) {
    double dead = 0, live = 0;
    double unrelated = 3.0;
    for (int i = 0; i < n; i++) {
        dead += x[i] * x[i];
        live += x[i];
        unrelated *= 2;
    }
    junk[0] = dead;
    return live * unrelated;
}
#pragma cgrad differentiate act mode(tangent) wrt(x) out(return)

// CHECK-LABEL: double act_jvp(const double *x, const double *x_d, int n, double *junk, double *ret_d) {
// CHECK-NOT:     dead_d
// CHECK-NOT:     unrelated_d
// CHECK-NOT:     junk_d
// CHECK:         live_d += x_d[i];
// CHECK-NOT:     dead_d
// CHECK-NOT:     unrelated_d
// CHECK:         *ret_d = live_d * unrelated;
// CHECK-NEXT:    return live * unrelated;
// CHECK-NEXT: }

double act_jvp(const double *x, const double *x_d, int n, double *junk, double *ret_d);

int main(void) {
    double x[3] = {1, 2, 3}, xd[3] = {1, 1, 1}, junk[1], rd;
    double r = act_jvp(x, xd, 3, junk, &rd);
    check_true("act's effects", r == 6 * 24 && junk[0] == 14);
    check_near("ret_d", rd, 3 * 24, 0);
    // EXEC: ok act's effects
    // EXEC: ok ret_d
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
