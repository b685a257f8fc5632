// FUNC_vjp called from several OpenMP threads at once: every thread has its
// own tape, so each gradient equals the one computed alone.
// RUN: %cgrad %s -o %t.c
// RUN: %cc -fopenmp %t.c -o %t %rt && env OMP_NUM_THREADS=4 %t | FileCheck %s
#include <math.h>
#include "check.h"

/* a recurrence that records on the tape every step */
double roll(const double *w, double x0, int steps) {
    double x = x0;
    for (int t = 0; t < steps; t++) x = tanh(w[t % 4] * x + 0.1 * x0);
    return x * x;
}
#pragma cgrad differentiate roll mode(adjoint) wrt(w, x0)

double roll_vjp(const double *w, double *w_b, double x0, double *x0_b, int steps, double ret_b);

enum { JOBS = 64 };

int main(void) {
    static double serial[JOBS][5], parallel[JOBS][5];
    for (int pass = 0; pass < 2; pass++) {
        #pragma omp parallel for schedule(dynamic) if (pass == 1)
        for (int j = 0; j < JOBS; j++) {
            double w[4] = {0.5 + 0.01 * j, -0.3, 0.8, 0.2}, wb[4] = {0, 0, 0, 0}, xb = 0;
            roll_vjp(w, wb, 0.1 + 0.001 * j, &xb, 2000 + 10 * j, 1.0);
            double *out = pass ? parallel[j] : serial[j];
            for (int i = 0; i < 4; i++) out[i] = wb[i];
            out[4] = xb;
        }
    }
    int same = 1;
    for (int j = 0; j < JOBS; j++)
        for (int i = 0; i < 5; i++) same &= serial[j][i] == parallel[j][i];
    check_true("64 gradients on 4 threads equal the serial ones bit for bit", same);
    // CHECK-NOT: FAIL
    // CHECK: ALL OK
    return check_done();
}
