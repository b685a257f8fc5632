// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// einsum's tangent and adjoint rules for contractions that go to GEMM,
// batched GEMM and the loop nest, diagonals, private sums, permutations and
// implicit outputs, with contiguous and strided operands.
#include "Inputs/gradcheck.h"

#define SPEC(c) ((const char *)(c)->arg)
static cg_status e2_f(const op_case *c, cg_tensor *o, cg_tensor **in, double s) {
    return cg_einsum(o, SPEC(c), in[0], c->nin == 2 ? in[1] : NULL);
}
static cg_status e2_j(const op_case *c, cg_tensor *o, cg_tensor *od, cg_tensor **in, cg_tensor **id, double s,
                      double sd) {
    return cg_einsum_jvp(o, od, SPEC(c), in[0], id[0], c->nin == 2 ? in[1] : NULL, c->nin == 2 ? id[1] : NULL);
}
static cg_status e2_v(const op_case *c, cg_tensor *o, cg_tensor *ob, cg_tensor **in, cg_tensor **ib, double s,
                      double *sb) {
    return cg_einsum_vjp(o, ob, SPEC(c), in[0], ib[0], c->nin == 2 ? in[1] : NULL, c->nin == 2 ? ib[1] : NULL);
}
#define E2(spec, views, s0, s1, ond, os) {spec, 2, {sizeof((int64_t[])s0) / 8, sizeof((int64_t[])s1) / 8}, {s0, s1}, ond, os, -1, 1, 0, 0, views, spec, e2_f, e2_j, e2_v}
#define E1(spec, views, s0, ond, os) {spec, 1, {sizeof((int64_t[])s0) / 8}, {s0}, ond, os, -1, 1, 0, 0, views, spec, e2_f, e2_j, e2_v}
#define S(...) {__VA_ARGS__}

int main(void) {
    static const op_case cases[] = {
        E2("ijz,izk->ijk", 0, S(2, 3, 4), S(2, 4, 5), 3, S(2, 3, 5)),
        E2("ijz,izk->ijk", 1, S(2, 3, 4), S(2, 4, 5), 3, S(2, 3, 5)),
        E2("ijz,ikz->ijk", 0, S(2, 3, 4), S(2, 5, 4), 3, S(2, 3, 5)),
        E2("ijk,ijk->", 0, S(2, 3, 4), S(2, 3, 4), 0, S(0)),
        E2("ijk,ijk->", 1, S(2, 3, 4), S(2, 3, 4), 0, S(0)),
        E2("i,j->ij", 0, S(3), S(4), 2, S(3, 4)),
        E2("ij,jk", 0, S(3, 4), S(4, 5), 2, S(3, 5)),
        E2("ij,jk->ki", 0, S(3, 4), S(4, 5), 2, S(5, 3)),
        E2("bij,bjk->bik", 0, S(3, 4, 5), S(3, 5, 2), 3, S(3, 4, 2)),
        E2("ij,ij->ij", 0, S(3, 4), S(3, 4), 2, S(3, 4)),
        E2("ijk,ik->ij", 0, S(3, 4, 5), S(3, 5), 2, S(3, 4)),
        E2("ij,kl->il", 0, S(3, 4), S(2, 5), 2, S(3, 5)),
        E2("iij,jk->ik", 0, S(3, 3, 4), S(4, 2), 2, S(3, 2)),
        E2("abcd,cdbe->ae", 0, S(2, 3, 4, 2), S(4, 2, 3, 3), 2, S(2, 3)),
        E2("abcd,cdbe->ae", 1, S(2, 3, 4, 2), S(4, 2, 3, 3), 2, S(2, 3)),
        E1("ii->", 0, S(4, 4), 0, S(0)),
        E1("ii->i", 0, S(4, 4), 1, S(4)),
        E1("bij->bji", 0, S(2, 3, 4), 3, S(2, 4, 3)),
        E1("bij->bji", 1, S(2, 3, 4), 3, S(2, 4, 3)),
        E1("ijk->j", 0, S(2, 3, 4), 1, S(3)),
        E1("ij", 0, S(3, 4), 2, S(3, 4)),
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        op_case c = cases[i];
        char name[64];
        snprintf(name, sizeof name, "%s%s", c.name, c.views ? " (views)" : "");
        c.name = name;
        bad |= gradcheck(&c);
    }
    printf("einsum-grad: %s\n", bad ? "FAIL" : "all ok");
    return bad;
}
// CHECK-NOT: FAIL
// CHECK: ijz,izk->ijk: ok
// CHECK: ii->: ok
// CHECK: einsum-grad: all ok
