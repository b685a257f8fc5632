// A mode named twice was accepted silently (found by a blind corpus); a
// name repeated in wrt(...) or out(...) already was an error.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(const double *x, int n) { return x[0] * x[n - 1]; }
// CHECK: {{^}}{{.*}}mode-listed-twice.c:[[@LINE+1]]:45: error: 'tangent' is listed twice in mode(...)
#pragma cgrad differentiate f mode(tangent, tangent)
