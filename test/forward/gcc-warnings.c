// The generated code compiles warning-free with gcc -Wall -Wextra -Werror (the
// suite's %gcc flags), for the translated forms of the other tangent tests
// and for this file's own mix of constructs.
// REQUIRES: gcc
// RUN: %cgrad %s -o %t.c
// RUN: %gcc -c %t.c -o %t.o
// RUN: %cgrad %S/arithmetic.c -o %t.1.c && %gcc -c %t.1.c -o %t.o
// RUN: %cgrad %S/compound-assign.c -o %t.2.c && %gcc -c %t.2.c -o %t.o
// RUN: %cgrad %S/increment.c -o %t.3.c && %gcc -c %t.3.c -o %t.o
// RUN: %cgrad %S/casts.c -o %t.4.c && %gcc -c %t.4.c -o %t.o
// RUN: %cgrad %S/conditional.c -o %t.5.c && %gcc -c %t.5.c -o %t.o
// RUN: %cgrad %S/loops.c -o %t.6.c && %gcc -c %t.6.c -o %t.o
// RUN: %cgrad %S/while-convergence.c -o %t.7.c && %gcc -c %t.7.c -o %t.o
// RUN: %cgrad %S/local-array.c -o %t.8.c && %gcc -c %t.8.c -o %t.o
// RUN: %cgrad %S/pointer-walk.c -o %t.9.c && %gcc -c %t.9.c -o %t.o
// RUN: %cgrad %S/inplace.c -o %t.10.c && %gcc -c %t.10.c -o %t.o
// RUN: %cgrad %S/struct-member.c -o %t.11.c && %gcc -c %t.11.c -o %t.o
// RUN: %cgrad %S/calls.c -o %t.12.c && %gcc -c %t.12.c -o %t.o
// RUN: %cgrad %S/recursion.c -o %t.13.c && %gcc -c %t.13.c -o %t.o
// RUN: %cgrad %S/contract.c -o %t.14.c && %gcc -c %t.14.c -o %t.o
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
