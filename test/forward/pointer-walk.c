// Pointer walking: *p++ reads, *q++ = ... writes, --q, and parameters
// advanced in place (*a++ * *b++); every pointer's shadow moves with it.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

double walk(const double *x, int n) {
    const double *p = x, *end = x + n;
    double s = 0;
    while (p < end) {
        double v = *p++;
        s += v * v * v;
    }
    return s;
}
#pragma cgrad differentiate walk mode(tangent)

void cube_into(const double *x, double *y, int n) {
    const double *p = x;
    double *q = y;
    for (int i = 0; i < n; i++) *q++ = *p * *p * *p, p++;
    while (q != y) {
        --q;
        *q += 1;
    }
}
#pragma cgrad differentiate cube_into mode(tangent)

double dotw(const double *a, const double *b, int n) {
    double s = 0;
    while (n-- > 0) s += *a++ * *b++;
    return s;
}
#pragma cgrad differentiate dotw mode(tangent)

// CHECK-LABEL: double walk_jvp(const double *x, const double *x_d, int n, double *ret_d) {
// CHECK:         while (p < end) {
// CHECK-NEXT:        const double *_t = p;
// CHECK-NEXT:        const double *_t_d = p_d;
// CHECK-NEXT:        p_d++;
// CHECK-NEXT:        p++;
// CHECK-NEXT:        double v = *_t;
// CHECK-NEXT:        double v_d = *_t_d;
// CHECK-NEXT:        s_d += (v_d * v + v_d * v) * v + v_d * (v * v);
// CHECK-NEXT:        s += v * v * v;
// CHECK-NEXT:    }
// CHECK-LABEL: void cube_into_jvp(const double *x, const double *x_d, double *y, double *y_d, int n) {
// CHECK-NEXT:    const double *p = x;
// CHECK-NEXT:    const double *p_d = x_d;
// CHECK-NEXT:    double *q = y;
// CHECK-NEXT:    double *q_d = y_d;
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        double *_t = q;
// CHECK-NEXT:        double *_t_d = q_d;
// CHECK-NEXT:        q_d++;
// CHECK-NEXT:        q++;
// CHECK-NEXT:        *_t_d = (*p_d * *p + *p_d * *p) * *p + *p_d * (*p * *p);
// CHECK-NEXT:        *_t = *p * *p * *p;
// CHECK-NEXT:        p_d++;
// CHECK-NEXT:        p++;
// CHECK-NEXT:    }
// CHECK-NEXT:    while (q != y) {
// CHECK-NEXT:        --q_d;
// CHECK-NEXT:        --q;
// CHECK-NEXT:        *q += 1;
// CHECK-NEXT:    }
// CHECK-NEXT: }
// CHECK-LABEL: double dotw_jvp(const double *a, const double *a_d, const double *b, const double *b_d, int n, double *ret_d) {
// CHECK-NEXT:    double s = 0;
// CHECK-NEXT:    double s_d = 0.0;
// CHECK-NEXT:    while (n-- > 0) {
// CHECK-NEXT:        const double *_t = a;
// CHECK-NEXT:        const double *_t_d = a_d;
// CHECK-NEXT:        a_d++;
// CHECK-NEXT:        a++;
// CHECK-NEXT:        const double *_t_1 = b;
// CHECK-NEXT:        const double *_t_1_d = b_d;
// CHECK-NEXT:        b_d++;
// CHECK-NEXT:        b++;
// CHECK-NEXT:        s_d += *_t_d * *_t_1 + *_t_1_d * *_t;
// CHECK-NEXT:        s += *_t * *_t_1;
// CHECK-NEXT:    }

double walk_jvp(const double *x, const double *x_d, int n, double *ret_d);
void cube_into_jvp(const double *x, const double *x_d, double *y, double *y_d, int n);
double dotw_jvp(const double *a, const double *a_d, const double *b, const double *b_d, int n, double *ret_d);

static double walk5(const double *x) { return walk(x, 5); }
static void cube5(const double *x, double *y) { cube_into(x, y, 5); }
static double dot5(const double *ab) { return dotw(ab, ab + 5, 5); }

int main(void) {
    unsigned seed = 37;
    for (int k = 0; k < 20; k++) {
        double x[10], v[10], d, y[5], yd[5], fd[5];
        for (int i = 0; i < 10; i++) x[i] = check_uniform(&seed, -2, 2), v[i] = check_uniform(&seed, -1, 1);
        walk_jvp(x, v, 5, &d);
        double want = 0;
        for (int i = 0; i < 5; i++) want += 3 * x[i] * x[i] * v[i];
        if (fabs(d - want) > 1e-13) check_near("walk closed form", d, want, 1e-13);
        if (fabs(d - fd_dir(walk5, x, v, 5, 1e-6)) > 1e-7) check_near("walk central differences", d, fd_dir(walk5, x, v, 5, 1e-6), 1e-7);

        cube_into_jvp(x, v, y, yd, 5);
        fd_dir_vec(cube5, x, v, 5, 5, 1e-6, fd);
        for (int i = 0; i < 5; i++) {
            if (y[i] != x[i] * x[i] * x[i] + 1) check_near("cube_into value", y[i], x[i] * x[i] * x[i] + 1, 0);
            if (fabs(yd[i] - 3 * x[i] * x[i] * v[i]) > 1e-14) check_near("cube_into closed form", yd[i], 3 * x[i] * x[i] * v[i], 1e-14);
            if (fabs(yd[i] - fd[i]) > 1e-7) check_near("cube_into central differences", yd[i], fd[i], 1e-7);
        }

        dotw_jvp(x, v, x + 5, v + 5, 5, &d);
        want = 0;
        for (int i = 0; i < 5; i++) want += v[i] * x[5 + i] + x[i] * v[5 + i];
        if (fabs(d - want) > 1e-14) check_near("dotw closed form", d, want, 1e-14);
        if (fabs(d - fd_dir(dot5, x, v, 10, 1e-6)) > 1e-8) check_near("dotw central differences", d, fd_dir(dot5, x, v, 10, 1e-6), 1e-8);
    }
    check_true("ran", 1);
    // EXEC: ok ran
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
