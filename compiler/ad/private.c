/*
 * A scalar that lives within one iteration of a loop.
 *
 * `double o = 0;` declared inside a loop's body, or a temporary that
 * normalization introduced there, is set afresh at the top of every
 * iteration and read nowhere else.  The value it held before an iteration
 * is never used, so the adjoint need not restore it between iterations:
 * it keeps one value per iteration instead (adjoint.c, "kept per
 * iteration").
 */
#include "ad/ad.h"

typedef struct Mention {
    const Stmt *skip;
    const Var *v;
    bool found;
} Mention;

static bool mention_at(const Stmt *s, void *ctx) {
    Mention *m = ctx;
    if (s == m->skip || m->found) return false;
    m->found = ex_reads_var(s->expr, m->v) || ex_reads_var(s->init, m->v) || ex_reads_var(s->cond, m->v) || ex_reads_var(s->step, m->v);
    return !m->found;
}

/* Does any part of s other than `skip` mention v?  Its declaration does
 * not count: the adjoint's declarations are hoisted to the top. */
static bool mentions_outside(const Stmt *s, const Stmt *skip, const Var *v) {
    Mention m = {skip, v, false};
    st_walk(s, mention_at, &m);
    return m.found;
}

int loop_private_start(const Stmt *root, const Stmt *loop, const Var *v) {
    const Stmt *body = loop->then;
    if (v->kind != VAR_LOCAL || !body || body->kind != ST_BLOCK) return -1;
    /* the header may not mention it either */
    if (mentions_outside(root, body, v)) return -1;
    for (int k = 0; k < body->n; k++) {
        const Stmt *s = body->body[k];
        if (!st_reads_var(s, v)) continue;
        const Expr *e = s->kind == ST_EXPR ? s->expr : NULL;
        bool fresh = e && e->kind == EX_ASSIGN && e->op == OP_NONE && e->lhs->kind == EX_VAR && e->lhs->var == v &&
                     !ex_reads_var(e->rhs, v);
        return fresh ? k : -1;
    }
    return -1;
}
