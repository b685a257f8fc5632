// A _Generic selection and a function defined by a macro expansion are
// refused with what they are, instead of "unsupported expression
// ('GenericSelectionExpr')" and "'g' has no definition in this file".
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
#define SQUARE(x) _Generic((x), float: (x) * (x), default: (x) * (x))
#define DEFINE_CUBE(name) \
    double name(double x) { return x * x * x; }

// CHECK: {{^}}{{.*}}generic-and-macro-defined-function.c:[[@LINE+1]]:29: error: _Generic selections are not supported in differentiated functions; call the selected function directly
double f(double x) { return SQUARE(x); }
// CHECK: {{^}}{{.*}}generic-and-macro-defined-function.c:[[@LINE+1]]:1: note: while differentiating 'f', requested here
#pragma cgrad differentiate f

// CHECK: {{^}}{{.*}}generic-and-macro-defined-function.c:[[@LINE+1]]:1: error: 'g' is defined by a macro expansion; cgrad differentiates functions written out in the file
DEFINE_CUBE(g)
// CHECK: {{^}}{{.*}}generic-and-macro-defined-function.c:[[@LINE+1]]:1: note: while differentiating 'g', requested here
#pragma cgrad differentiate g
