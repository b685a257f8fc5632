// A name given twice says something the writer did not mean: a parameter
// twice in wrt(...) or out(...), or a second pragma for one function (which
// would be ignored) is an error; a pragma for a function the file never
// declares is most likely misspelled, and gets a warning.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double g(double);
#pragma cgrad inactive g
double g_jvp(double, double, double *);
// CHECK: {{^}}{{.*}}listed-twice.c:[[@LINE+2]]:26: error: 'g' already has a '#pragma cgrad inactive'
// CHECK: {{^}}{{.*}}listed-twice.c:[[@LINE-3]]:24: note: given here
#pragma cgrad derivative g tangent(g_jvp)
// CHECK: {{^}}{{.*}}listed-twice.c:[[@LINE+1]]:24: warning: no function named 'gg' is declared in this file
#pragma cgrad inactive gg

double f(double x, double y) { return x * y + g(x); }
// CHECK: {{^}}{{.*}}listed-twice.c:[[@LINE+2]]:41: error: 'x' is listed twice in wrt(...)
// CHECK: {{^}}{{.*}}listed-twice.c:[[@LINE+1]]:56: error: 'return' is listed twice in out(...)
#pragma cgrad differentiate f wrt(x, y, x) out(return, return)
