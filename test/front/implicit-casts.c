// --emit=ir shows every implicit conversion clang inserts: int to double in
// mixed arithmetic, float to double on return, double to float on assignment,
// and the usual arithmetic conversions in comparisons.
// RUN: %cgrad --emit=ir %s | FileCheck %s

double f(float a, int n, const double *x) {
    double s = a;
    float t = n * a;
    t = s;
    if (s > 10) s = 1;
    return s + t + x[n] * 2;
}

// CHECK-LABEL: func f(a: float, n: int, x: const double*) -> double
// CHECK-NEXT:    block
// CHECK-NEXT:      decl s: double = (implicit-cast:double a)
// CHECK-NEXT:      decl t: float = (*:float (implicit-cast:float n) a)
// CHECK-NEXT:      (=:float t (implicit-cast:float s))
// CHECK-NEXT:      if (>:int s (implicit-cast:double 10))
// CHECK-NEXT:        (=:double s (implicit-cast:double 1))
// CHECK-NEXT:      return (+:double (+:double s (implicit-cast:double t)) (*:double (index:const double x n) (implicit-cast:double 2)))

float g(double d, long k) { return (float)d + (int)k; }
// CHECK-LABEL: func g(d: double, k: long) -> float
// CHECK:           return (+:float (cast:float d) (implicit-cast:float (cast:int k)))
