// mode(hvp) differentiates FUNC's tangent in reverse, where the tangent of a
// buffer FUNC writes and reads back would need buffers FUNC_hvp does not
// take.  The error names the user's parameter (a blind corpus got one about
// 'work_d', a name the source does not have).
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
// Left to the defaults (wrt only), the same refusal comes first, not advice
// to add 'work' to out(...), which led to it:
// RUN: sed 's/ out(work, return)//' %s > %t.wrt.c
// RUN: not %cgrad %t.wrt.c -o %t.c 2>&1 | FileCheck %s --check-prefix=WRT
// WRT: error: mode(hvp) cannot differentiate through the buffer 'work', which the function writes
// WRT-NOT: out(...)
#include <math.h>
// CHECK: {{^}}{{.*}}hvp-scratch-parameter.c:[[@LINE+1]]:46: error: mode(hvp) cannot differentiate through the buffer 'work', which the function writes: FUNC_hvp has no buffers for the derivatives of its contents; make it a local array
double chain(const double *x, int n, double *work) {
    for (int i = 0; i < n; i++) work[i] = sin(x[i]);
    double s = 0;
    for (int i = 0; i < n; i++) s += work[i] * work[i];
    return s;
}
// CHECK: {{^}}{{.*}}hvp-scratch-parameter.c:[[@LINE+1]]:1: note: derivative requested here
#pragma cgrad differentiate chain mode(hvp) wrt(x) out(work, return)
// CHECK-NOT: work_d
