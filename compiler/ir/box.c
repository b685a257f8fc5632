/*
 * Local scalars whose address is taken, as one-element arrays.
 *
 * `double t; sq_exp(x, &t); return t * x;` hands a callee a pointer to a
 * plain variable.  In an adjoint split into a forward and a reverse half,
 * the callee records its store into t by address, in the forward half's
 * frame, and the reverse half reads a t of its own that was never written.
 * Local arrays already travel between the halves (the spans of tape.h), so
 * such a scalar becomes `double t[1]`, its uses `t[0]` and its address
 * `&t[0]`, before any analysis runs.  The derivative code then handles it
 * as the array it is in memory; the primal source is not touched.
 */
#include "ir/ir.h"

typedef struct Box {
    PtrVec vars;   /* local scalars whose address is taken */
} Box;

static void addressed(const Expr *e, void *ctx) {
    Box *b = ctx;
    if (e->kind != EX_ADDR) return;
    const Expr *x = ex_strip_implicit(e->lhs);
    if (x->kind != EX_VAR) return;
    Var *v = x->var;
    if (v->kind == VAR_LOCAL && ty_is_arith(v->ty) && !v->loop_scoped && !vec_contains(&b->vars, v)) vec_push(&b->vars, v);
}

/* `T v = e;` as `T v[1]; v[0] = e;` (a declaration's variable is no use of it) */
static Stmt *split_init(Stmt *s, void *ctx) {
    Box *b = ctx;
    if (s->kind != ST_DECL || !s->init || !vec_contains(&b->vars, s->var)) return NULL;
    Stmt *out = st_block(s->loc);
    st_append(out, st_decl(s->var, NULL, s->loc));
    st_append(out, st_assign(ex_index(ex_var(s->var, s->loc), ex_int(0, ty_basic(TY_INT), s->loc), s->loc), s->init, s->loc));
    return out;
}

void ir_box_addressed_scalars_of(Func *f) {
    if (!f->body) return;
    Box b = {{0}};
    st_visit(f->body, addressed, &b);
    if (!b.vars.len) return;
    for (int k = 0; k < b.vars.len; k++) {
        Var *v = b.vars.data[k];
        v->ty = ty_array_of(ty_unqualified(v->ty), 1);   /* a const one is initialized by an assignment now */
        Expr *elem = ex_index(ex_var(v, v->loc), ex_int(0, ty_basic(TY_INT), v->loc), v->loc);
        f->body = st_substitute(f->body, v, elem);
    }
    f->body = st_rewrite(f->body, split_init, &b);
}

void ir_box_addressed_scalars(Module *m) {
    for (int i = 0; i < m->funcs.len; i++) ir_box_addressed_scalars_of(m->funcs.data[i]);
}
