/*
 * Gradient descent and momentum on the seeds' bumpy surface
 *
 *     f(x) = sin(x1) cos(x2) + sin(x1 / 2) cos(x2 / 2),   x in [0, 10]^2
 *
 * The gradient comes from f_vjp, which cgrad writes from the pragma below.
 * Each starting point is descended twice, side by side:
 *
 *     plain:     x_t = x_{t-1} - lr * grad f(x_{t-1})
 *     momentum:  g_t = -lr * grad f(x_{t-1}) + lambda * g_{t-1},  x_t = x_{t-1} + g_t
 *
 * Momentum remembers where it was going, so it crosses flat stretches
 * faster and needs fewer steps to reach the same accuracy.  The paths are
 * written to descent.csv and, when gnuplot is installed, drawn over the
 * function's contours in descent.png.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

double bumpy(const double *x) { return sin(x[0]) * cos(x[1]) + sin(0.5 * x[0]) * cos(0.5 * x[1]); }
#pragma cgrad differentiate bumpy mode(adjoint)

/* Written by cgrad: accumulates d bumpy / dx * ret_b into x_b, returns bumpy(x). */
double bumpy_vjp(const double *x, double *x_b, double ret_b);

enum { MAX_STEPS = 2000 };
static const double lr = 0.05, lambda = 0.8, tol = 1e-8;

typedef struct Path {
    double x[2], f, gnorm;
    int steps;
} Path;

/* Runs one descent; momentum = 0 gives plain gradient descent. */
static Path descend(const double start[2], double momentum, const char *name, FILE *csv) {
    Path p = {{start[0], start[1]}, 0, 0, 0};
    double g_prev[2] = {0, 0};
    for (int t = 0; t <= MAX_STEPS; t++) {
        double grad[2] = {0, 0};
        p.f = bumpy_vjp(p.x, grad, 1.0);
        p.gnorm = hypot(grad[0], grad[1]);
        p.steps = t;
        if (csv) fprintf(csv, "%d,%g,%g,%d,%.10f,%.10f,%.10f,%.3e\n", momentum > 0, start[0], start[1], t, p.x[0], p.x[1], p.f, p.gnorm);
        if (t % 100 == 0) printf("  %-8s step %3d  x = (%7.4f, %7.4f)  f = %+.6f  |grad| = %.2e\n", name, t, p.x[0], p.x[1], p.f, p.gnorm);
        if (p.gnorm < tol) break;
        for (int i = 0; i < 2; i++) {
            double g = -lr * grad[i] + momentum * g_prev[i];
            p.x[i] += g;
            g_prev[i] = g;
        }
    }
    return p;
}

static void plot(void) {
    if (system("command -v gnuplot > /dev/null 2>&1") != 0) {
        printf("gnuplot not found: skipping descent.png (the paths are in descent.csv)\n");
        return;
    }
    FILE *gp = popen("gnuplot", "w");
    if (!gp) return;
    fputs("set terminal png size 900,800\nset output 'descent.png'\n"
          "set datafile separator ','\nset xrange [0:10]\nset yrange [0:10]\n"
          "set title 'gradient descent (dashed) and momentum (solid) on sin(x1)cos(x2) + sin(x1/2)cos(x2/2)'\n"
          "set view map\nset contour base\nset cntrparam levels 15\nunset surface\nset isosamples 80\n"
          "set table 'contours.dat'\nsplot sin(x)*cos(y) + sin(0.5*x)*cos(0.5*y)\nunset table\n"
          "set datafile separator ','\n"
          "plot 'contours.dat' using 1:2 with lines lc rgb '#bbbbbb' notitle, "
          "'descent.csv' using ($1==1 ? $5 : 1/0):6 with linespoints pt 7 ps 0.4 lc rgb '#cc3333' title 'momentum', "
          "'descent.csv' using ($1==0 ? $5 : 1/0):6 with lines dt 2 lc rgb '#3366cc' title 'gradient descent'\n",
          gp);
    if (pclose(gp) == 0) printf("wrote descent.png\n");
}

int main(void) {
    static const double starts[][2] = {{1.0, 1.0}, {4.0, 6.0}, {7.0, 3.0}, {9.0, 9.0}, {2.5, 8.0}};
    int n = sizeof starts / sizeof *starts;
    FILE *csv = fopen("descent.csv", "w");
    if (csv) fputs("momentum,start_x1,start_x2,step,x1,x2,f,grad_norm\n", csv);
    printf("Descending f(x) = sin(x1)cos(x2) + sin(x1/2)cos(x2/2) with lr = %g, lambda = %g\n\n", lr, lambda);
    int failures = 0, faster = 0;
    Path plain[8], mom[8];
    for (int k = 0; k < n; k++) {
        printf("start (%g, %g)\n", starts[k][0], starts[k][1]);
        plain[k] = descend(starts[k], 0.0, "plain", csv);
        mom[k] = descend(starts[k], lambda, "momentum", csv);
    }
    if (csv) fclose(csv);
    printf("\n%-12s | %-36s | %-36s\n", "start", "gradient descent: end, f, steps", "momentum: end, f, steps");
    for (int k = 0; k < n; k++) {
        printf("(%4.1f, %4.1f) | (%7.4f, %7.4f) %+.6f %4d | (%7.4f, %7.4f) %+.6f %4d\n", starts[k][0], starts[k][1], plain[k].x[0],
               plain[k].x[1], plain[k].f, plain[k].steps, mom[k].x[0], mom[k].x[1], mom[k].f, mom[k].steps);
        failures += plain[k].gnorm >= tol || mom[k].gnorm >= tol;
        faster += mom[k].steps < plain[k].steps;
    }
    printf("\nmomentum needed fewer steps from %d of %d starts\n", faster, n);
    printf("\n%s: every path %s a stationary point (|grad| < %g)\n", failures ? "FAILED" : "ok", failures ? "did not reach" : "reached", tol);
    plot();
    return failures != 0;
}
