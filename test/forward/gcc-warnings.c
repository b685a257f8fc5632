// The generated code compiles warning-free with gcc -Wall -Wextra -Werror (the
// suite's %gcc flags): this file's own mix of constructs, and two of the other
// tangent tests (calls to file functions; pointer walking).
// REQUIRES: gcc
// RUN: %cgrad %s -o %t.c
// RUN: %gcc -c %t.c -o %t.o
// RUN: %cgrad %S/pointer-walk.c -o %t.9.c && %gcc -c %t.9.c -o %t.o
// RUN: %cgrad %S/calls.c -o %t.12.c && %gcc -c %t.12.c -o %t.o
#include <math.h>

typedef struct { int n; double w; } Opts;

static double sq(double t) { return t * t; }

double mix(const Opts *o, const double *x, double *y, int n, double a) {
    double acc[4] = {0};
    const double *p = x;
    for (int i = 0; i < n; i++) {
        double v = *p++, w = o->w * v;
        switch (i % 3) {
        case 0: acc[0] += sq(w); break;
        case 1: acc[1] += exp(-w * w); break;
        default: acc[2] += w > 0 ? w : -w;
        }
        if (w > 10) break;
        y[i] = a * v + acc[i % 4];
    }
    int k = 0;
    while (k < n && acc[3] < 1e3) {
        acc[3] += sqrt(1 + acc[0]) * (double)k;
        k++;
    }
    return acc[0] + acc[1] * acc[2] + log1p(acc[3]);
}
#pragma cgrad differentiate mix mode(tangent) wrt(x, a) out(y, return)
