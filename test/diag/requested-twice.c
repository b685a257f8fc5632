// Each public derivative is requested once and must not clash with a defined function.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x) { return x * x; }
#pragma cgrad differentiate f mode(tangent)
// CHECK: {{^}}{{.*}}requested-twice.c:[[@LINE+3]]:1: error: 'f_jvp' is requested twice
// CHECK-NEXT: {{^}}#pragma cgrad differentiate f mode(tangent) wrt(x)
// CHECK: {{^}}{{.*}}requested-twice.c:[[@LINE-3]]:1: note: first requested here
#pragma cgrad differentiate f mode(tangent) wrt(x)

double g_jvp(double x, double x_d, double *r) { *r = x_d; return x; }
double g(double x) { return x; }
// CHECK: {{^}}{{.*}}requested-twice.c:[[@LINE+2]]:1: error: cannot generate 'g_jvp': a function of that name is already defined
// CHECK: {{^}}{{.*}}requested-twice.c:[[@LINE-3]]:8: note: 'g_jvp' is defined here
#pragma cgrad differentiate g mode(tangent)
