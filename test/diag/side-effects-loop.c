// A loop condition that updates a differentiated value is rejected.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double g(double x) {
    double s = 0;
    int i = 0;
// CHECK: {{^}}{{.*}}side-effects-loop.c:[[@LINE+1]]:12: error: this loop condition changes a differentiated value; move the update into the loop body
    while ((s += x) < 10) i++;
    return s;
}
#pragma cgrad differentiate g mode(tangent)
