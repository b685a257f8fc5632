// for statements with any of their three parts missing: libclang omits absent
// children, and the front end places each part by the semicolons.
// RUN: %cgrad --emit=ir %s | FileCheck %s

double f(double x, int n) {
    int k = 0;
    for (;;) {
        if (x > 10) break;
        x *= 2;
    }
    for (; k < n;) k++;
    for (int i = 0;; i++) {
        if (i > n) break;
    }
    for (k = 0; k < n;) k += 2;
    for (; ; k--) {
        if (k < 0) break;
    }
    return x;
}

// CHECK-LABEL: func f(x: double, n: int) -> double
// CHECK:         for
// CHECK-NEXT:      cond{{ *$}}
// CHECK-NEXT:      step{{ *$}}
// CHECK-NEXT:      block
// CHECK-NEXT:        if (>:int x (implicit-cast:double 10))
// CHECK-NEXT:          break
// CHECK-NEXT:        (*=:double x (implicit-cast:double 2))
// CHECK-NEXT:    for
// CHECK-NEXT:      cond (<:int k n)
// CHECK-NEXT:      step{{ *$}}
// CHECK-NEXT:      (post++:int k)
// CHECK-NEXT:    for
// CHECK-NEXT:      block
// CHECK-NEXT:        decl i: int = 0
// CHECK-NEXT:      cond{{ *$}}
// CHECK-NEXT:      step (post++:int i)
// CHECK:         for
// CHECK-NEXT:      (=:int k 0)
// CHECK-NEXT:      cond (<:int k n)
// CHECK-NEXT:      step{{ *$}}
// CHECK-NEXT:      (+=:int k 2)
// CHECK-NEXT:    for
// CHECK-NEXT:      cond{{ *$}}
// CHECK-NEXT:      step (post--:int k)
