// A for loop that a macro spells has the macro call's tokens: cgrad cannot
// place its parts.  In a function nobody differentiates that is no error
// (it used to crash the front end); in a differentiated one it is.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
// RUN: %cgrad -DONLY_UNDIFFERENTIATED %s -o %t2.c
// RUN: grep -q 'TWICE(n, s += x\[0\]);' %t2.c
#define REPEAT(n, stmt)                          \
    do {                                         \
        for (int trial = 0; trial < (n); trial++) \
            stmt;                                \
    } while (0)
#define TWICE(n, stmt)       \
    do {                     \
        double first_;       \
        REPEAT(n, stmt);     \
        REPEAT(n, first_ = 0); \
    } while (0)
#define FOR_N(i, n) for (int i = 0; i < (n); i++)

double timing(const double *x, int n) {
    double s = 0;
    TWICE(n, s += x[0]);
    return s;
}

#ifndef ONLY_UNDIFFERENTIATED
double f(const double *x, int n) {
    double s = 0;
// CHECK: {{^}}{{.*}}loop-spelled-by-macro.c:[[@LINE+1]]:5: error: this for loop is written by a macro, whose tokens cgrad cannot place; write the loop out, or make the macro a function
    FOR_N(i, n) s += x[i] * x[i];
    return s;
}
#pragma cgrad differentiate f mode(adjoint) wrt(x)
#endif
