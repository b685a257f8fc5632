// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// Rules of gather (with repeated indices, which the adjoint must add up),
// one-hot (nothing differentiable) and cross-entropy with integer labels.
#include "Inputs/gradcheck.h"

static const int64_t idx_rep[] = {2, 0, 2, 3, 2};
static const int64_t idx_row[] = {1, 0};
static const int64_t labels[] = {3, 0, 4, 1};

typedef struct g_arg {
    int axis;
    const int64_t *index;
} g_arg;
#define GA(c) ((const g_arg *)(c)->arg)
static cg_status g_f(const op_case *c, cg_tensor *o, cg_tensor **in, double s) {
    return cg_gather(o, in[0], GA(c)->axis, GA(c)->index);
}
static cg_status g_j(const op_case *c, cg_tensor *o, cg_tensor *od, cg_tensor **in, cg_tensor **id, double s, double sd) {
    return cg_gather_jvp(o, od, in[0], id[0], GA(c)->axis, GA(c)->index);
}
static cg_status g_v(const op_case *c, cg_tensor *o, cg_tensor *ob, cg_tensor **in, cg_tensor **ib, double s,
                     double *sb) {
    return cg_gather_vjp(o, ob, in[0], ib[0], GA(c)->axis, GA(c)->index);
}
static cg_status x_f(const op_case *c, cg_tensor *o, cg_tensor **in, double s) { return cg_cross_entropy(o, in[0], labels); }
static cg_status x_j(const op_case *c, cg_tensor *o, cg_tensor *od, cg_tensor **in, cg_tensor **id, double s, double sd) {
    return cg_cross_entropy_jvp(o, od, in[0], id[0], labels);
}
static cg_status x_v(const op_case *c, cg_tensor *o, cg_tensor *ob, cg_tensor **in, cg_tensor **ib, double s,
                     double *sb) {
    return cg_cross_entropy_vjp(o, ob, in[0], ib[0], labels);
}
static cg_status h_f(const op_case *c, cg_tensor *o, cg_tensor **in, double s) { return cg_one_hot(o, labels); }
static cg_status h_j(const op_case *c, cg_tensor *o, cg_tensor *od, cg_tensor **in, cg_tensor **id, double s, double sd) {
    return cg_one_hot_jvp(o, od, labels);
}
static cg_status h_v(const op_case *c, cg_tensor *o, cg_tensor *ob, cg_tensor **in, cg_tensor **ib, double s,
                     double *sb) {
    return cg_one_hot_vjp(o, ob, labels);
}

int main(void) {
    static const g_arg cols = {1, idx_rep}, rows = {0, idx_row}, last = {-1, idx_rep};
    static const op_case cases[] = {
        {"gather-axis1-repeated", 1, {2}, {{3, 4}}, 2, {3, 5}, -1, 1, 0, 0, 0, &cols, g_f, g_j, g_v},
        {"gather-axis0", 1, {3}, {{2, 3, 4}}, 3, {2, 3, 4}, -1, 1, 0, 0, 0, &rows, g_f, g_j, g_v},
        {"gather-view", 1, {3}, {{2, 3, 4}}, 3, {2, 3, 5}, -1, 1, 0, 0, 1, &last, g_f, g_j, g_v},
        {"cross_entropy", 1, {2}, {{4, 5}}, 0, {0}, -3, 0, 0, 0, 0, 0, x_f, x_j, x_v},
        {"cross_entropy-view", 1, {2}, {{4, 5}}, 1, {1}, -3, 0, 0, 0, 1, 0, x_f, x_j, x_v},
        {"one_hot", 0, {0}, {{0}}, 2, {4, 5}, 0, 0, 0, 0, 0, 0, h_f, h_j, h_v},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) bad |= gradcheck(&cases[i]);
    printf("nn-grad: %s\n", bad ? "FAIL" : "all ok");
    return bad;
}
// CHECK-NOT: FAIL
// CHECK: gather-axis1-repeated: ok
// CHECK: one_hot: ok
// CHECK: nn-grad: all ok
