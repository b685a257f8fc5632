// A call through a function pointer with active arguments cannot be differentiated.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
static double twice(double t) { return 2 * t; }

double f(double x) {
    double (*p)(double) = twice;
// CHECK: {{^}}{{.*}}function-pointer.c:[[@LINE+1]]:12: error: cannot differentiate a call through a function pointer; call the function directly
    return p(x);
}
#pragma cgrad differentiate f mode(tangent)
