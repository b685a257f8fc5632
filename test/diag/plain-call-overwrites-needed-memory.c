// A call whose arguments carry no derivative runs as it is and records
// nothing; when it overwrites memory beyond the function's own arrays that
// the derivative still needs, adjoint mode says so at the argument instead
// of reading the new values.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
static void fill(double *h, int n) {
    for (int i = 0; i < n; i++) h[i] = 0.5 + i;
}

double g(const double *x, double *w) {
    double s = x[0] * x[0] * w[0];
// CHECK: {{^}}{{.*}}plain-call-overwrites-needed-memory.c:[[@LINE+1]]:10: error: adjoint mode cannot yet restore the memory that 'fill' overwrites through this argument, which the derivative needs; pass a copy, or give the argument a derivative
    fill(w, 1);
    return s;
}
#pragma cgrad differentiate g wrt(x) out(return) mode(adjoint)
