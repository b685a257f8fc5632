// FUNC_hvp differentiates FUNC's tangent in reverse, and the runtime's
// operations have first-order rules only: a tensor parameter in mode(hvp) is
// refused at the parameter, not with a complaint about a function the user
// never called (cg_matmul_jvp) or advice that does not fit a tensor.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
#include <cgrad.h>
// CHECK: {{^}}{{.*}}hvp-tensor-parameter.c:[[@LINE+1]]:30: error: mode(hvp) does not handle tensor parameters ('W'): the runtime's operations carry first derivatives only; write the function with arrays of double to get H v
double loss(const cg_tensor *W, const cg_tensor *x, cg_tensor *h, cg_tensor *out) {
    cg_matmul(h, x, W);
    cg_sum(out, h, 0, NULL);
    return cg_tensor_get(out, NULL);
}
// CHECK: {{^}}{{.*}}hvp-tensor-parameter.c:[[@LINE+1]]:1: note: derivative requested here
#pragma cgrad differentiate loss mode(adjoint, hvp) wrt(W)

