/*
 * Dead-variable cleanup for generated functions.  The transforms declare
 * what they might need (flags, adjoint temporaries, accumulators); the half
 * of a split pair, or a branch with no active code, may never read some of
 * them.  A local that is never read is dropped with the assignments to it,
 * so the output compiles without unused-variable warnings.
 *
 * In: a generated function.  Out: the same, without locals that nothing
 * reads; assignments whose right side has side effects keep the effects;
 * parameters nothing reads are marked `(void)p;` for the compiler.
 */
#include "ad/ad.h"
#include "rules/rules.h"

static void count_reads(const Expr *e, int *reads, bool as_target) {
    if (!e) return;
    if (e->kind == EX_VAR) {
        if (!as_target && e->var->id >= 0) reads[e->var->id]++;
        return;
    }
    if (e->kind == EX_ASSIGN) {
        /* `v = e` does not read v; `v += e` and `a[i] = e` do read their parts */
        count_reads(e->lhs, reads, e->op == OP_NONE && e->lhs->kind == EX_VAR);
        count_reads(e->rhs, reads, false);
        return;
    }
    count_reads(e->lhs, reads, false);
    count_reads(e->rhs, reads, false);
    count_reads(e->cond, reads, false);
    for (int i = 0; i < e->nargs; i++) count_reads(e->args[i], reads, false);
}

static void count_stmt(const Stmt *s, int *reads) {
    if (!s) return;
    if (s->kind != ST_DECL) {
        count_reads(s->expr, reads, false);
        count_reads(s->cond, reads, false);
        count_reads(s->step, reads, false);
    } else {
        count_reads(s->init, reads, false);
    }
    count_stmt(s->for_init, reads);
    count_stmt(s->then, reads);
    count_stmt(s->els, reads);
    for (int i = 0; i < s->n; i++) count_stmt(s->body[i], reads);
}

static bool dead(const Var *v, const int *reads) { return v->kind == VAR_LOCAL && v->id >= 0 && reads[v->id] == 0; }

/* The effects of an expression whose value nobody wants: its calls other
 * than pure math.h ones, as statements; casts and arithmetic dropped. */
static void keep_effects(Expr *e, Stmt *out) {
    if (!e || !ex_has_side_effects(e)) return;
    if (e->kind == EX_CALL && !(e->lhs->kind == EX_FUNC && rules_math(e->lhs->name))) {
        st_append(out, st_expr(e, e->loc));
        return;
    }
    if (e->kind == EX_ASSIGN || e->kind == EX_PREINC || e->kind == EX_PREDEC || e->kind == EX_POSTINC || e->kind == EX_POSTDEC) {
        st_append(out, st_expr(e, e->loc));
        return;
    }
    keep_effects(e->cond, out);
    keep_effects(e->lhs, out);
    keep_effects(e->rhs, out);
    for (int i = 0; i < e->nargs; i++) keep_effects(e->args[i], out);
}

static Stmt *effects_of(Expr *e, Loc loc) {
    Stmt *b = st_block(loc);
    keep_effects(e, b);
    return b->n ? b : NULL;
}

/* Returns the statement to keep in place of s (NULL to drop it). */
static Stmt *sweep(Stmt *s, const int *reads, bool *changed) {
    if (!s) return NULL;
    switch (s->kind) {
    case ST_DECL:
        if (dead(s->var, reads) && s->var->kind != VAR_STATIC) {
            *changed = true;
            return s->init ? effects_of(s->init, s->loc) : NULL;
        }
        return s;
    case ST_EXPR: {
        Expr *e = s->expr;
        if (e->kind == EX_ASSIGN && e->lhs->kind == EX_VAR && dead(e->lhs->var, reads)) {
            *changed = true;
            return effects_of(e->rhs, s->loc);
        }
        return s;
    }
    case ST_BLOCK: {
        int k = 0;
        for (int i = 0; i < s->n; i++) {
            Stmt *x = sweep(s->body[i], reads, changed);
            if (x) s->body[k++] = x;
        }
        s->n = k;
        return s;
    }
    default:
        if (s->then) {
            Stmt *t = sweep(s->then, reads, changed);
            s->then = t ? t : st_block(s->loc);
        }
        if (s->els) s->els = sweep(s->els, reads, changed);
        if (s->for_init) s->for_init = sweep(s->for_init, reads, changed);
        return s;
    }
}

void cleanup_function(Func *f) {
    int *reads = NULL;
    for (bool changed = true; changed;) {
        changed = false;
        reads = NEW_ARRAY(int, f->vars.len + 1);
        count_stmt(f->body, reads);
        sweep(f->body, reads, &changed);
    }
    /* a parameter the contract requires but this half never reads */
    for (int i = f->nparams - 1; i >= 0; i--) {
        Var *p = f->params[i];
        if (p->id >= 0 && p->id < f->vars.len && f->vars.data[p->id] == p && reads[p->id]) continue;
        if (p->id >= 0 && p->id < f->vars.len && f->vars.data[p->id] != p) continue;   /* not ours to count */
        st_prepend(f->body, st_expr(ex_cast(ty_basic(TY_VOID), ex_var(p, p->loc), p->loc), p->loc));
    }
}
