// A derivative that would silently vanish is an error: scratch memory that
// carries derivatives but is not in wrt/out, and a global that stores an
// active value.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | FileCheck %s
// RUN: not test -e %t.c
double scratch_loss(const double *w, double *tmp, int n) {
    for (int i = 0; i < n; i++) tmp[i] = w[i] * w[i];
    double s = 0;
    for (int i = 0; i < n; i++) s += tmp[i];
    return s;
}
// CHECK: lost-derivative.c:[[@LINE-6]]:46: error: 'tmp' holds values that depend on the differentiated inputs and are read on the way to an output, but it has no derivative buffer; add it to out(...)
// CHECK: lost-derivative.c:[[@LINE+1]]:1: note: derivative requested here
#pragma cgrad differentiate scratch_loss wrt(w) out(return)

double cache;
double via_global(double x) {
    cache = x * x;
    return cache + 1;
}
// CHECK: lost-derivative.c:[[@LINE-3]]:5: error: the value stored in the file-scope object 'cache' depends on the differentiated inputs; cgrad cannot carry its derivative through a global (pass it as a parameter instead)
#pragma cgrad differentiate via_global mode(tangent)
