// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// Every element-wise operation's tangent and adjoint rule: finite
// differences, the dot-product test, NULL shadows, f32 against f64; inputs
// contiguous, broadcast (adjoints summed over repeated axes), and strided.
#include "Inputs/gradcheck.h"

#define UNARY(name) GC_UNARY_WRAPPERS(name)
#define BINARY(name)                                                                                     \
    GC_BINARY_WRAPPERS(name)                                                                             \
    static cg_status name##_scalar_f(const op_case *c, cg_tensor *o, cg_tensor **in, double s) {        \
        return cg_##name##_scalar(o, in[0], s);                                                          \
    }                                                                                                    \
    static cg_status name##_scalar_j(const op_case *c, cg_tensor *o, cg_tensor *od, cg_tensor **in,     \
                                     cg_tensor **id, double s, double sd) {                              \
        return cg_##name##_scalar_jvp(o, od, in[0], id[0], s, sd);                                       \
    }                                                                                                    \
    static cg_status name##_scalar_v(const op_case *c, cg_tensor *o, cg_tensor *ob, cg_tensor **in,     \
                                     cg_tensor **ib, double s, double *sb) {                             \
        return cg_##name##_scalar_vjp(o, ob, in[0], ib[0], s, sb);                                       \
    }

UNARY(exp) UNARY(log) UNARY(sin) UNARY(cos) UNARY(tanh) UNARY(sigmoid) UNARY(relu) UNARY(sqrt) UNARY(abs)
UNARY(neg) UNARY(copy)
BINARY(add) BINARY(sub) BINARY(mul) BINARY(div) BINARY(pow) BINARY(maximum) BINARY(minimum)

#define U(name, lo, hi) {#name, 1, {2}, {{3, 4}}, 2, {3, 4}, lo, hi, 0, 0, 0, 0, name##_f, name##_j, name##_v}
#define UV(name, lo, hi) {#name "-view", 1, {3}, {{3, 4, 2}}, 3, {3, 4, 2}, lo, hi, 0, 0, 1, 0, name##_f, name##_j, name##_v}
/* a (2,3,4) and b (3,1): b repeats along axes 0 and 2 */
#define B(name, lo, hi) {#name, 2, {3, 2}, {{2, 3, 4}, {3, 1}}, 3, {2, 3, 4}, lo, hi, 0, 0, 0, 0, name##_f, name##_j, name##_v}
/* a (4,1) and b (1,5) broadcast each other into (4,5) */
#define BB(name, lo, hi) {#name "-both", 2, {2, 2}, {{4, 1}, {1, 5}}, 2, {4, 5}, lo, hi, 0, 0, 0, 0, name##_f, name##_j, name##_v}
#define BV(name, lo, hi) {#name "-view", 2, {2, 2}, {{5, 3}, {5, 3}}, 2, {5, 3}, lo, hi, 0, 0, 1, 0, name##_f, name##_j, name##_v}
#define S(name, lo, hi, s) {#name "_scalar", 1, {2}, {{3, 5}}, 2, {3, 5}, lo, hi, 1, s, 0, 0, name##_scalar_f, name##_scalar_j, name##_scalar_v}

int main(void) {
    static const op_case cases[] = {
        U(exp, -2, 2), U(log, 0.5, 3), U(sin, -3, 3), U(cos, -3, 3), U(tanh, -2, 2), U(sigmoid, -3, 3),
        U(relu, -1, 1), U(sqrt, 0.5, 3), U(abs, -1, 1), U(neg, -1, 1), U(copy, -1, 1),
        UV(exp, -1, 1), UV(tanh, -1, 1), UV(relu, -1, 1),
        {"copy-broadcast", 1, {2}, {{1, 4}}, 3, {2, 3, 4}, -1, 1, 0, 0, 0, 0, copy_f, copy_j, copy_v},
        B(add, -1, 1), B(sub, -1, 1), B(mul, -1, 1), B(div, 0.5, 2), B(pow, 0.5, 2), B(maximum, -1, 1),
        B(minimum, -1, 1),
        BB(add, -1, 1), BB(mul, -1, 1), BB(div, 0.5, 2), BB(pow, 0.5, 2), BB(maximum, -1, 1),
        BV(mul, -1, 1), BV(div, 0.5, 2), BV(minimum, -1, 1),
        S(add, -1, 1, 0.3), S(sub, -1, 1, 0.3), S(mul, -1, 1, 1.7), S(div, -1, 1, 1.7), S(pow, 0.5, 2, 2.5),
        S(maximum, -1, 1, 0.1), S(minimum, -1, 1, 0.1),
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) bad |= gradcheck(&cases[i]);
    printf("elementwise-grad: %s\n", bad ? "FAIL" : "all ok");
    return bad;
}
// CHECK-NOT: FAIL
// CHECK: exp: ok
// CHECK: minimum_scalar: ok
// CHECK: elementwise-grad: all ok
