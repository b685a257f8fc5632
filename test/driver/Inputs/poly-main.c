/* Calls poly_jvp, which cgradcc generated from poly.c (see compile.c). */
#include <stdio.h>

double poly(double x);
double poly_jvp(double x, double x_d, double *ret_d);
double plain_offset(void);

int main(void) {
    double d;
    double y = poly_jvp(2.0, 1.0, &d) + plain_offset();
    int ok = y == poly(2.0) && d == 14.0 * (poly(2.0) / 11.0);
    printf("poly(2) = %g, poly'(2) = %g %s\n", y, d, ok ? "ok" : "WRONG");
    return !ok;
}
