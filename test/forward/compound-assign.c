// Compound assignment (+= -= *= /=) on a local and on elements of an
// in/out array, including an element that reads another updated element.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double compound(double x, double y, double *z) {
    double s = x;
    s += y;
    s -= 0.5 * x;
    s *= y;
    s /= (1 + x * x);
    z[0] += s;
    z[1] -= x * s;
    z[2] *= y;
    z[3] /= x;
    int i = 1;
    z[i] *= 2;
    z[i + 1] += z[i];
    return s;
}
#pragma cgrad differentiate compound mode(tangent)

float compoundf(float x, float y, float *z) {
    float s = x;
    s += y;
    s -= 0.5f * x;
    s *= y;
    s /= (1 + x * x);
    z[0] += s;
    z[1] -= x * s;
    z[2] *= y;
    z[3] /= x;
    int i = 1;
    z[i] *= 2;
    z[i + 1] += z[i];
    return s;
}
#pragma cgrad differentiate compoundf mode(tangent)

// CHECK-LABEL: double compound_jvp(double x, double x_d, double y, double y_d, double *z, double *z_d, double *ret_d) {
// CHECK-NEXT:    double s = x;
// CHECK-NEXT:    double s_d = x_d;
// CHECK-NEXT:    s_d += y_d;
// CHECK-NEXT:    s += y;
// CHECK-NEXT:    s_d -= x_d * 0.5;
// CHECK-NEXT:    s -= 0.5 * x;
// CHECK-NEXT:    s_d = s_d * y + y_d * s;
// CHECK-NEXT:    s *= y;
// CHECK-NEXT:    s_d = s_d / (1 + x * x) + (x_d * x + x_d * x) * (-s / ((1 + x * x) * (1 + x * x)));
// CHECK-NEXT:    s /= 1 + x * x;
// CHECK-NEXT:    z_d[0] += s_d;
// CHECK-NEXT:    z[0] += s;
// CHECK-NEXT:    z_d[1] -= x_d * s + s_d * x;
// CHECK-NEXT:    z[1] -= x * s;
// CHECK-NEXT:    z_d[2] = z_d[2] * y + y_d * z[2];
// CHECK-NEXT:    z[2] *= y;
// CHECK-NEXT:    z_d[3] = z_d[3] / x + x_d * (-z[3] / (x * x));
// CHECK-NEXT:    z[3] /= x;
// CHECK-NEXT:    int i = 1;
// CHECK-NEXT:    z_d[i] = z_d[i] * 2;
// CHECK-NEXT:    z[i] *= 2;
// CHECK-NEXT:    z_d[i + 1] += z_d[i];
// CHECK-NEXT:    z[i + 1] += z[i];
// CHECK-NEXT:    *ret_d = s_d;
// CHECK-NEXT:    return s;
// CHECK-NEXT: }
// CHECK-LABEL: float compoundf_jvp(float x, float x_d, float y, float y_d, float *z, float *z_d, float *ret_d) {

double compound_jvp(double x, double x_d, double y, double y_d, double *z, double *z_d, double *ret_d);
float compoundf_jvp(float x, float x_d, float y, float y_d, float *z, float *z_d, float *ret_d);

/* all outputs of compound as one vector: z[0..3] then the return value */
static void run(const double *in, double *out) {
    double z[4] = {in[2], in[3], in[4], in[5]};
    out[4] = compound(in[0], in[1], z);
    for (int i = 0; i < 4; i++) out[i] = z[i];
}

int main(void) {
    unsigned seed = 3;
    for (int k = 0; k < 30; k++) {
        double in[6], v[6], fd[5];
        in[0] = check_uniform(&seed, 0.5, 2);
        for (int i = 1; i < 6; i++) in[i] = check_uniform(&seed, -2, 2);
        for (int i = 0; i < 6; i++) v[i] = check_uniform(&seed, -1, 1);
        fd_dir_vec(run, in, v, 6, 5, 1e-6, fd);
        double z[4] = {in[2], in[3], in[4], in[5]}, zd[4] = {v[2], v[3], v[4], v[5]}, rd;
        double r = compound_jvp(in[0], v[0], in[1], v[1], z, zd, &rd);
        double want[5];
        run(in, want);
        for (int i = 0; i < 4; i++) {
            if (z[i] != want[i]) check_near("z value", z[i], want[i], 0);
            if (fabs(zd[i] - fd[i]) > 1e-7 * fmax(1, fabs(fd[i]))) check_near("z_d vs central differences", zd[i], fd[i], 1e-7);
        }
        if (r != want[4]) check_near("return value", r, want[4], 0);
        if (fabs(rd - fd[4]) > 1e-7 * fmax(1, fabs(fd[4]))) check_near("ret_d vs central differences", rd, fd[4], 1e-7);

        float zf[4], zdf[4], rdf;
        for (int i = 0; i < 4; i++) zf[i] = (float)in[2 + i], zdf[i] = (float)v[2 + i];
        compoundf_jvp((float)in[0], (float)v[0], (float)in[1], (float)v[1], zf, zdf, &rdf);
        for (int i = 0; i < 4; i++)
            if (fabs(zdf[i] - zd[i]) > 1e-4 * fmax(1, fabs(zd[i]))) check_near("compoundf z_d vs double", zdf[i], zd[i], 1e-4);
        if (fabs(rdf - rd) > 1e-4 * fmax(1, fabs(rd))) check_near("compoundf ret_d vs double", rdf, rd, 1e-4);
    }
    /* closed form at x = 1, y = 2: s = (1 + 2 - 0.5) * 2 / 2 = 2.5; ds/dy = (x + 2y - x/2) / (1 + x^2) = 2.25 */
    double z[4] = {0, 0, 0, 1}, zd[4] = {0, 0, 0, 0}, rd;
    compound_jvp(1.0, 0.0, 2.0, 1.0, z, zd, &rd);
    check_near("ds/dy closed form", rd, 2.25, 1e-15);
    check_near("d z[0]/dy = ds/dy", zd[0], 2.25, 1e-15);
    // EXEC: ok ds/dy closed form
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
