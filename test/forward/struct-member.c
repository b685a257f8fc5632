// Reads of struct members: an inactive configuration struct passed by
// pointer and by value; its fields are used as constants and for control.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include "check.h"

typedef struct {
    int n;
    double scale;
    double lo, hi;
    int clip;
} Config;

struct pair { double a, b; };

double clipped_energy(const Config *c, const double *x) {
    double s = 0;
    for (int i = 0; i < c->n; i++) {
        double v = c->scale * x[i];
        if (c->clip) v = v < c->lo ? c->lo : v > c->hi ? c->hi : v;
        s += v * v;
    }
    return s;
}
#pragma cgrad differentiate clipped_energy mode(tangent)

double affine(struct pair p, double x) { return p.a * x * x + p.b; }
#pragma cgrad differentiate affine mode(tangent) wrt(x)

// CHECK-LABEL: double clipped_energy_jvp(const Config *c, const double *x, const double *x_d, double *ret_d) {
// CHECK-NEXT:    double s = 0;
// CHECK-NEXT:    double s_d = 0.0;
// CHECK-NEXT:    for (int i = 0; i < c->n; i++) {
// CHECK-NEXT:        double v = c->scale * x[i];
// CHECK-NEXT:        double v_d = x_d[i] * c->scale;
// CHECK-NEXT:        if (c->clip) {
// CHECK-NEXT:            v_d = v < c->lo ? 0.0 : v > c->hi ? 0.0 : v_d;
// CHECK-NEXT:            v = v < c->lo ? c->lo : v > c->hi ? c->hi : v;
// CHECK-NEXT:        }
// CHECK-NEXT:        s_d += v_d * v + v_d * v;
// CHECK-NEXT:        s += v * v;
// CHECK-NEXT:    }
// CHECK-NEXT:    *ret_d = s_d;
// CHECK-NEXT:    return s;
// CHECK-NEXT: }
// CHECK-LABEL: double affine_jvp(struct pair p, double x, double x_d, double *ret_d) {
// CHECK-NEXT:    *ret_d = x_d * p.a * x + x_d * (p.a * x);
// CHECK-NEXT:    return p.a * x * x + p.b;
// CHECK-NEXT: }

double clipped_energy_jvp(const Config *c, const double *x, const double *x_d, double *ret_d);
double affine_jvp(struct pair p, double x, double x_d, double *ret_d);

int main(void) {
    Config c = {4, 2.0, -1.0, 1.0, 1};
    double x[4] = {0.1, -0.3, 0.8, -0.9}, d;   /* scaled: 0.2, -0.6 inside; 1.6, -1.8 clipped */
    for (int j = 0; j < 4; j++) {
        double e[4] = {0};
        e[j] = 1;
        clipped_energy_jvp(&c, x, e, &d);
        double want = j < 2 ? 2 * c.scale * c.scale * x[j] : 0;
        char name[64];
        snprintf(name, sizeof name, "clipped d/dx%d", j);
        check_near(name, d, want, 1e-15);
    }
    c.clip = 0;
    double v[4] = {0.3, -0.2, 0.5, 1.0};
    clipped_energy_jvp(&c, x, v, &d);
    double want = 0;
    for (int i = 0; i < 4; i++) want += 2 * 4.0 * x[i] * v[i];
    check_near("unclipped closed form", d, want, 1e-15);
    c.n = 2;
    clipped_energy_jvp(&c, x, v, &d);
    check_near("n read from the struct", d, 8 * (0.1 * 0.3 + 0.3 * 0.2), 1e-15);

    struct pair p = {3.0, 100.0};
    double y = affine_jvp(p, 0.5, 1.0, &d);
    check_near("affine value", y, 100.75, 1e-15);
    check_near("affine d/dx", d, 3.0, 1e-15);
    // EXEC: ok clipped d/dx0
    // EXEC: ok clipped d/dx3
    // EXEC: ok unclipped closed form
    // EXEC: ok n read from the struct
    // EXEC: ok affine d/dx
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
