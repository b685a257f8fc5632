// An error the compiler finds in the user's code (here: -Werror, which the
// translator never sees) names the user's file and line, not the translated
// copy, and cgradcc exits with the compiler's status.
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s user.c
// RUN: %S/Inputs/status cgradcc -c -Wall -Werror user.c 2>&1 | FileCheck %s
// RUN: not ls user.o
// CHECK-NOT: cgradcc-
// CHECK: user.c:[[@LINE+8]]:{{[0-9]+}}: error: unused variable 'unused'
// CHECK-NOT: cgradcc-
// CHECK: exit status 1
// The same through the stand-in translator, whose #line is all there is.
// RUN: env CGRAD_TRANSLATOR=%S/Inputs/fake-cgrad %S/Inputs/status cgradcc -c -Wall -Werror user.c 2>&1 | FileCheck %s
double user(double x) { return x * x; }
#pragma cgrad differentiate user mode(tangent)
int helper(void) {
    int unused;
    return 0;
}
