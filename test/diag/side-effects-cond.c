// An assignment to a differentiated value inside ?: is rejected.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x, double y) {
// CHECK: {{^}}{{.*}}side-effects-cond.c:[[@LINE+1]]:12: error: side effects inside '?:' cannot be differentiated; move them into statements of their own
    return x > 0 ? (y = x) : y;
}
#pragma cgrad differentiate f mode(tangent)

