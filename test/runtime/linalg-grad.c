// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// Tangent and adjoint rules of matmul (plain and transposed operands),
// batched matmul (own and broadcast batches, whose adjoints are summed over
// the batch), dot, the generalized dot product, outer and transpose.
#include "Inputs/gradcheck.h"

#define BIN(name) GC_BINARY_WRAPPERS(name)
BIN(matmul) BIN(matmul_batched) BIN(dot) BIN(gdot) BIN(outer)
GC_UNARY_WRAPPERS(transpose)

#define FN(fn) fn##_f, fn##_j, fn##_v

int main(void) {
    static const op_case cases[] = {
        {"matmul", 2, {2, 2}, {{3, 4}, {4, 5}}, 2, {3, 5}, -1, 1, 0, 0, 0, 0, FN(matmul)},
        {"matmul-transposed", 2, {2, 2}, {{3, 4}, {4, 5}}, 2, {3, 5}, -1, 1, 0, 0, 1, 0, FN(matmul)},
        {"matmul-vector", 2, {2, 2}, {{1, 4}, {4, 1}}, 2, {1, 1}, -1, 1, 0, 0, 0, 0, FN(matmul)},
        {"matmul_batched", 2, {3, 3}, {{2, 3, 4}, {2, 4, 5}}, 3, {2, 3, 5}, -1, 1, 0, 0, 0, 0, FN(matmul_batched)},
        {"matmul_batched-shared-b", 2, {3, 2}, {{2, 3, 4}, {4, 5}}, 3, {2, 3, 5}, -1, 1, 0, 0, 0, 0, FN(matmul_batched)},
        {"matmul_batched-broadcast", 2, {4, 3}, {{3, 1, 2, 4}, {2, 4, 5}}, 4, {3, 2, 2, 5}, -1, 1, 0, 0, 0, 0, FN(matmul_batched)},
        {"matmul_batched-view", 2, {3, 3}, {{2, 3, 4}, {2, 4, 3}}, 3, {2, 3, 3}, -1, 1, 0, 0, 1, 0, FN(matmul_batched)},
        {"dot", 2, {1, 1}, {{7}, {7}}, 0, {0}, -1, 1, 0, 0, 0, 0, FN(dot)},
        {"gdot", 2, {3, 3}, {{2, 3, 4}, {2, 3, 4}}, 0, {0}, -1, 1, 0, 0, 0, 0, FN(gdot)},
        {"gdot-view", 2, {2, 2}, {{3, 4}, {3, 4}}, 1, {1}, -1, 1, 0, 0, 1, 0, FN(gdot)},
        {"outer", 2, {1, 1}, {{3}, {4}}, 2, {3, 4}, -1, 1, 0, 0, 0, 0, FN(outer)},
        {"transpose", 1, {2}, {{3, 4}}, 2, {4, 3}, -1, 1, 0, 0, 0, 0, FN(transpose)},
        {"transpose-batched-view", 1, {3}, {{2, 3, 4}}, 3, {2, 4, 3}, -1, 1, 0, 0, 1, 0, FN(transpose)},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) bad |= gradcheck(&cases[i]);
    printf("linalg-grad: %s\n", bad ? "FAIL" : "all ok");
    return bad;
}
// CHECK-NOT: FAIL
// CHECK: matmul: ok
// CHECK: transpose-batched-view: ok
// CHECK: linalg-grad: all ok
