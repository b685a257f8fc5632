// A function with nothing to differentiate: no floating-point return, no active pointer it writes.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
int count(const double *x, int n) {
    int k = 0;
    for (int i = 0; i < n; i++) k += x[i] > 0;
    return k;
}

// CHECK: {{^}}{{.*}}no-outputs.c:[[@LINE+3]]:29: error: 'count' has no output to differentiate: it returns no floating-point value and writes no active pointer parameter
// CHECK-NEXT: {{^}}#pragma cgrad differentiate count mode(tangent)
// CHECK-NEXT: {{^}}                            ^
#pragma cgrad differentiate count mode(tangent)

void show(const double *x, double a) { (void)x; (void)a; }
// CHECK: {{^}}{{.*}}no-outputs.c:[[@LINE+1]]:29: error: 'show' has no output to differentiate
#pragma cgrad differentiate show mode(tangent)
