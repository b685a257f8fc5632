// A parameter `double a[2][2]` is a pointer to arrays, which cgrad gives no
// derivative buffer.  Left to the default wrt it was silently a constant
// (f_jvp returned 0); named in wrt(...) its type was printed as 'int *'.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
// CHECK: {{^}}{{.*}}multi-dimensional-array-parameter.c:[[@LINE+1]]:17: error: cgrad cannot differentiate with respect to the multi-dimensional array 'a' ('double (*)[2]'); pass it as a flat pointer to floating point and index it as a[i * N + j]
double f(double a[2][2]) { return a[0][0] * a[1][1] - a[0][1] * a[1][0]; }
// CHECK: {{^}}{{.*}}multi-dimensional-array-parameter.c:[[@LINE+1]]:1: note: derivative requested here
#pragma cgrad differentiate f

// an explicit wrt list without it: a constant table, as asked
double g(const double t[][2], const double *x) { return t[0][1] * x[0]; }
#pragma cgrad differentiate g wrt(x)
