// Locals get names unique within their function: a shadowing declaration in
// an inner block or a second loop becomes NAME_1, NAME_2, and uses refer to
// the right one.
// RUN: %cgrad --emit=ir %s | FileCheck %s

double f(double x, int n) {
    double s = x;
    for (int i = 0; i < n; i++) s += i;
    for (int i = 0; i < n; i++) {
        double s = i * x;
        x += s;
        {
            double s = 2;
            x *= s;
        }
    }
    return s + x;
}

// CHECK-LABEL: func f(x: double, n: int) -> double
// CHECK:         decl s: double = x
// CHECK:           decl i: int = 0
// CHECK:         (+=:double s (implicit-cast:double i))
// CHECK:           decl i_1: int = 0
// CHECK:         cond (<:int i_1 n)
// CHECK:         step (post++:int i_1)
// CHECK:           decl s_1: double = (*:double (implicit-cast:double i_1) x)
// CHECK-NEXT:      (+=:double x s_1)
// CHECK-NEXT:      block
// CHECK-NEXT:        decl s_2: double = (implicit-cast:double 2)
// CHECK-NEXT:        (*=:double x s_2)
// CHECK:         return (+:double s x)

/* a parameter named like a would-be renaming is respected */
double g(double s_1) {
    double s = s_1;
    {
        double s_1 = s * 2;
        s += s_1;
    }
    return s;
}
// CHECK-LABEL: func g(s_1: double) -> double
// CHECK:         decl s: double = s_1
// CHECK:         decl [[S1:s_1_[0-9]+|s_2]]: double = (*:double s (implicit-cast:double 2))
// CHECK-NEXT:    (+=:double s [[S1]])
