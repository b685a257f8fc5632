// The numbers of elements in check(...), jacobian(...) and hessian(...) are
// C expressions copied into FUNC_check and the drivers.  A name that is
// neither a parameter nor declared at file scope used to surface as a C
// compiler error inside the generated FUNC_check; cgrad now reports it at
// the pragma.  Members (s->n, (*s).n), enum constants, macros, globals,
// typedefs and sizeof are all fine.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
#include <stddef.h>
typedef struct {
    int n;
} Shape;
enum { N = 3 };
#define M 2
static const int K = 1;

double f(const double *x, const Shape *s) {
    double r = 0;
    for (int i = 0; i < s->n; i++) r += x[i] * x[i];
    return r;
}
#pragma cgrad differentiate f check(x = s->n + N * M + K + sizeof(size_t) - (*s).n - 11)

double g(const double *x, int n) { return x[0] * x[n - 1]; }
// CHECK: {{^}}{{.*}}size-expression-unknown-name.c:[[@LINE+1]]:41: error: 'nn' in a number of elements is neither a parameter of 'g' nor a name declared at file scope
#pragma cgrad differentiate g check(x = nn + 1)
