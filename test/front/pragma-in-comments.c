// `#pragma cgrad` lines are found as the preprocessor finds directives.  A
// blind corpus found one inside a block comment acted on (an error for a
// function that does not exist, or derivatives nobody asked for), and one
// after a comment on its line (a valid directive) silently ignored.
// RUN: %cgrad %s -o %t.c
// RUN: %cc -c %t.c -o %t.o
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
#include <math.h>

double f(double x) { return x * x; }
double g(double x) { return x * x * x; }
double h(double x) { return sin(x); }

/*
#pragma cgrad differentiate nosuch
#pragma cgrad differentiate g
*/
// #pragma cgrad differentiate h
/* a note */ #pragma cgrad differentiate f mode(tangent)
const char *s = "\
#pragma cgrad differentiate h";

// CHECK: double f_jvp(double x, double x_d, double *ret_d) {
// CHECK-NOT: g_jvp
// CHECK-NOT: h_jvp
// CHECK-NOT: nosuch
