/*
 * Linearization: the best linear approximation of a function near a point
 *
 *     f(x) = x^2 - 1.5 x,        f_lin(x) = f(x0) + f'(x0) (x - x0),   x0 = 0.5
 *
 * The derivative f'(x0) comes from f_jvp, the tangent (forward-mode)
 * function cgrad writes from the pragma below: called with the tangent
 * x_d = 1 it returns f(x0) and stores f'(x0) * x_d in *ret_d.
 *
 * Taylor's theorem says the error f(x) - f_lin(x) shrinks like (x - x0)^2;
 * for this parabola it is exactly (x - x0)^2, because f'' = 2 everywhere.
 * The table checks that, step by step, as the seeds' example does:
 * f(0.51) = -0.5049 against f_lin(0.51) = -0.5050.
 */
#include <math.h>
#include <stdio.h>

double f(double x) { return x * x - 1.5 * x; }
#pragma cgrad differentiate f mode(tangent)

/* Written by cgrad: returns f(x) and stores df/dx * x_d in *ret_d. */
double f_jvp(double x, double x_d, double *ret_d);

int main(void) {
    const double x0 = 0.5;
    double slope;
    double f0 = f_jvp(x0, 1.0, &slope);
    printf("f(x) = x^2 - 1.5 x at x0 = %g: f(x0) = %.4f, f'(x0) = %.4f (closed form 2 x0 - 1.5 = %.4f)\n\n", x0, f0,
           slope, 2 * x0 - 1.5);

    printf("%8s %12s %12s %12s %10s\n", "x", "f(x)", "f_lin(x)", "error", "error/h^2");
    int bad = fabs(slope - (2 * x0 - 1.5)) > 1e-15;
    static const double hs[] = {0.5, 0.2, 0.1, 0.05, 0.01, 0.001};
    for (size_t k = 0; k < sizeof hs / sizeof *hs; k++) {
        double h = hs[k], x = x0 + h;
        double exact = f(x), lin = f0 + slope * (x - x0), err = exact - lin;
        printf("%8.3f %12.4f %12.4f %12.3e %10.6f\n", x, exact, lin, err, err / (h * h));
        bad |= fabs(err / (h * h) - 1.0) > 1e-9;   /* f'' = 2, so the error is h^2 */
    }

    /* The same tangent line, drawn over [-0.5, 2] as a small CSV for plotting. */
    FILE *csv = fopen("linearize.csv", "w");
    if (csv) {
        fputs("x,f,f_lin\n", csv);
        for (int i = 0; i <= 50; i++) {
            double x = -0.5 + 2.5 * i / 50.0;
            fprintf(csv, "%.3f,%.6f,%.6f\n", x, f(x), f0 + slope * (x - x0));
        }
        fclose(csv);
    }
    printf("\n%s: the tangent from f_jvp is %s\n", bad ? "FAILED" : "ok",
           bad ? "wrong" : "exact, and the error is (x - x0)^2");
    return bad;
}
