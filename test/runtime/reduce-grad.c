// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// Tangent and adjoint rules of reductions, softmax and log-softmax: several
// axis sets, kept and dropped axes, strided inputs, and a reduction long
// enough to be split into blocks.
#include "Inputs/gradcheck.h"

typedef struct axes_arg {
    int naxes;
    int axes[4];
    int all;
} axes_arg;
#define AX(c) ((const axes_arg *)(c)->arg)
#define AXES(c) (AX(c)->all ? NULL : AX(c)->axes)

#define RED(name)                                                                                        \
    static cg_status name##_f(const op_case *c, cg_tensor *o, cg_tensor **in, double s) {               \
        return cg_##name(o, in[0], AX(c)->naxes, AXES(c));                                               \
    }                                                                                                    \
    static cg_status name##_j(const op_case *c, cg_tensor *o, cg_tensor *od, cg_tensor **in, cg_tensor **id, \
                              double s, double sd) {                                                     \
        return cg_##name##_jvp(o, od, in[0], id[0], AX(c)->naxes, AXES(c));                              \
    }                                                                                                    \
    static cg_status name##_v(const op_case *c, cg_tensor *o, cg_tensor *ob, cg_tensor **in, cg_tensor **ib, \
                              double s, double *sb) {                                                    \
        return cg_##name##_vjp(o, ob, in[0], ib[0], AX(c)->naxes, AXES(c));                              \
    }
#define SOFT(name)                                                                                       \
    static cg_status name##_f(const op_case *c, cg_tensor *o, cg_tensor **in, double s) {               \
        return cg_##name(o, in[0], AX(c)->axes[0]);                                                      \
    }                                                                                                    \
    static cg_status name##_j(const op_case *c, cg_tensor *o, cg_tensor *od, cg_tensor **in, cg_tensor **id, \
                              double s, double sd) {                                                     \
        return cg_##name##_jvp(o, od, in[0], id[0], AX(c)->axes[0]);                                     \
    }                                                                                                    \
    static cg_status name##_v(const op_case *c, cg_tensor *o, cg_tensor *ob, cg_tensor **in, cg_tensor **ib, \
                              double s, double *sb) {                                                    \
        return cg_##name##_vjp(o, ob, in[0], ib[0], AX(c)->axes[0]);                                     \
    }
RED(sum) RED(mean) RED(max) RED(logsumexp) RED(norm) SOFT(softmax) SOFT(log_softmax)

static const axes_arg last = {1, {-1}, 0}, first = {1, {0}, 0}, outer2 = {2, {0, 2}, 0}, all = {0, {0}, 1},
                      mid = {1, {1}, 0};

/* a (3,4,5) reduced over the given axes into the given out shape */
#define R(name, tag, axes, ond, ...)                                                                     \
    {#name "-" tag, 1, {3}, {{3, 4, 5}}, ond, __VA_ARGS__, -2, 2, 0, 0, 0, &axes, name##_f, name##_j, name##_v}
#define RV(name, tag, axes, ond, ...)                                                                    \
    {#name "-" tag "-view", 1, {3}, {{3, 4, 5}}, ond, __VA_ARGS__, -2, 2, 0, 0, 1, &axes, name##_f, name##_j, name##_v}
#define SM(name, axis_arg, tag, views)                                                                   \
    {#name "-" tag, 1, {3}, {{3, 4, 5}}, 3, {3, 4, 5}, -2, 2, 0, 0, views, &axis_arg, name##_f, name##_j, name##_v}

int main(void) {
    static const op_case cases[] = {
        R(sum, "last", last, 2, {3, 4}), R(sum, "last-keep", last, 3, {3, 4, 1}), R(sum, "outer", outer2, 1, {4}),
        R(sum, "all", all, 0, {0}), RV(sum, "mid", mid, 2, {3, 5}),
        R(mean, "last", last, 2, {3, 4}), R(mean, "outer-keep", outer2, 3, {1, 4, 1}), R(mean, "all", all, 0, {0}),
        R(max, "last", last, 2, {3, 4}), R(max, "first", first, 2, {4, 5}), RV(max, "outer", outer2, 1, {4}),
        R(max, "all", all, 0, {0}),
        R(logsumexp, "last", last, 2, {3, 4}), R(logsumexp, "outer", outer2, 1, {4}),
        RV(logsumexp, "all", all, 0, {0}),
        R(norm, "last", last, 2, {3, 4}), R(norm, "mid-keep", mid, 3, {3, 1, 5}), R(norm, "all", all, 0, {0}),
        SM(softmax, last, "last", 0), SM(softmax, first, "first", 0), SM(softmax, mid, "mid-view", 1),
        SM(log_softmax, last, "last", 0), SM(log_softmax, first, "first-view", 1),
        /* 40000 elements in one reduction: three blocks, combined in order */
        {"sum-blocks", 1, {2}, {{2, 40000}}, 1, {2}, -1, 1, 0, 0, 0, &last, sum_f, sum_j, sum_v},
        {"logsumexp-blocks", 1, {2}, {{2, 40000}}, 1, {2}, -1, 1, 0, 0, 0, &last, logsumexp_f, logsumexp_j,
         logsumexp_v},
        {"max-blocks", 1, {1}, {{40000}}, 0, {0}, -1, 1, 0, 0, 0, &all, max_f, max_j, max_v},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) bad |= gradcheck(&cases[i]);
    printf("reduce-grad: %s\n", bad ? "FAIL" : "all ok");
    return bad;
}
// CHECK-NOT: FAIL
// CHECK: sum-last: ok
// CHECK: log_softmax-first-view: ok
// CHECK: max-blocks: ok
// CHECK: reduce-grad: all ok
