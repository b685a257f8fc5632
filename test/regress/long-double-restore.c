// Found by a blind test corpus: overwritten long double values were saved
// through the tape's double slots.  In caller memory the generated code
// passed a long double * to cg_save_f64 (a gradient off by a factor of 2,
// and a warning); in a local array it rounded every saved value to double.
// Local long doubles now go on the tape byte for byte; caller memory that
// needs restoring is refused.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s --check-prefix=CODE
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s
// RUN: sed 's|^// CALLER ||' %s > %t.caller.c
// RUN: not %cgrad %t.caller.c -o %t.out.c 2>&1 | FileCheck %s --check-prefix=CALLER
#include "check.h"

long double energy(const long double *x, int n) {
    long double u[8];
    for (int i = 0; i < n; i++) u[i] = x[i];
    for (int s = 0; s < 3; s++)
        for (int i = 1; i < n; i++) u[i] = u[i] * u[i - 1] + sinl(u[i]);
    long double e = 0;
    for (int i = 0; i < n; i++) e += u[i] * u[i];
    return e;
}
#pragma cgrad differentiate energy mode(both)

// CODE-LABEL: long double energy_vjp(
// CODE:         cg_push_bytes(_tp, &u[{{.*}}], sizeof(long double));
// CODE:         cg_pop_bytes(_tp, &u[{{.*}}], sizeof(long double));

// CALLER void recur(long double *u, int n) {
// CALLER     for (int i = 1; i < n; i++) u[i] = u[i] * u[i - 1] + sinl(u[i]);
// CALLER }
// CALLER #pragma cgrad differentiate recur mode(adjoint)
// CALLER: error: adjoint mode cannot yet restore a long double that the caller's memory holds and the reverse sweep reads after this store; work on a local copy of the array
// CALLER-NOT: error

long double energy_jvp(const long double *x, const long double *x_d, int n, long double *ret_d);
long double energy_vjp(const long double *x, long double *x_b, int n, long double ret_b);

int main(void) {
    const long double x[5] = {0.3L, 0.45L, 0.5L, 0.61L, 0.7L};
    long double g[5] = {0}, worst = 0;
    energy_vjp(x, g, 5, 1.0L);
    for (int j = 0; j < 5; j++) {
        long double e[5] = {0}, d;
        e[j] = 1;
        energy_jvp(x, e, 5, &d);
        long double rel = fabsl(g[j] - d) / fabsl(d);
        if (rel > worst) worst = rel;
    }
    /* both sweeps see the same long double values: they agree far below
     * double's rounding (1e-16), which rounding the saved values breaks */
    check_true("vjp = jvp columns to long double precision", worst < 1e-17L);
    return check_done();
}
// CHECK-NOT: FAIL
// CHECK: ALL OK
