// The IR of the other constructs the front end accepts: brace initializers,
// pointers into parameters, *p++, -> and . member reads, ?:, do/while with
// &&, pre--, switch with case and default, sizeof (of a local: its value).
// RUN: %cgrad --emit=ir %s | FileCheck %s

struct cfg { int n; double w[2]; };

double f(const struct cfg *c, struct cfg v, double *x, int k) {
    double h[4] = {0, 1.5};
    const double *p = x + k;
    double s = *p++ + c->w[1] + v.n;
    s = k ? s : -s;
    do {
        s -= --k;
    } while (k > 0 && s < 100);
    switch (k) {
    case 1: s++; break;
    default: s = (double)sizeof h;
    }
    return s + h[1];
}

// CHECK-LABEL: func f(c: const struct cfg*, v: struct cfg, x: double*, k: int) -> double
// CHECK-NEXT:    block
// CHECK-NEXT:      decl h: double[4] = (init:double[4] (implicit-cast:double 0) 1.5)
// CHECK-NEXT:      decl p: const double* = (+:double* x k)
// CHECK-NEXT:      decl s: double = (+:double (+:double (deref:const double (post++:const double* p)) (index:const double (->:const double[2] w c) 1)) (implicit-cast:double (.:int n v)))
// CHECK-NEXT:      (=:double s (?::double k s (-:double s)))
// CHECK-NEXT:      do
// CHECK-NEXT:        block
// CHECK-NEXT:          (-=:double s (implicit-cast:double (pre--:int k)))
// CHECK-NEXT:      while (&&:int (>:int k 0) (<:int s (implicit-cast:double 100)))
// CHECK-NEXT:      switch k
// CHECK-NEXT:        block
// CHECK-NEXT:          case 1
// CHECK-NEXT:            (post++:double s)
// CHECK-NEXT:          break
// CHECK-NEXT:          default
// CHECK-NEXT:            (=:double s (cast:double 32))
// CHECK-NEXT:      return (+:double s (index:double h 1))
