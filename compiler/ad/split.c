/*
 * Long expressions cut into statements of bounded size.
 *
 * The derivative of a product copies the other factors into each partial:
 * a product of N factors has a tangent of N^2 terms, an adjoint of as many,
 * and a Hessian-vector product (the adjoint of the tangent) of N^3.  A
 * generated 200-factor product took 15 s and 2 GB; 800 factors ran the
 * machine out of memory.  So before any transform, a floating subexpression
 * of more than SPLIT_NODES nodes is computed into a temporary of its own
 * statement, and the sizes grow linearly with the source.  Ordinary
 * expressions stay far below the limit and are left alone.
 *
 * Only what is evaluated unconditionally, without side effects, moves: the
 * arms of `?:` and the right side of `&&`/`||` stay where they are, and so
 * does any statement that assigns, steps or calls anything but math.h.
 */
#include "ad/ad.h"
#include "rules/rules.h"

enum { SPLIT_NODES = 64 };

static bool impure(const Expr *e, const void *unused) {
    (void)unused;
    if (e->kind == EX_CALL) return !(e->lhs->kind == EX_FUNC && rules_math(e->lhs->name));
    return e->kind == EX_ASSIGN || (e->kind >= EX_PREINC && e->kind <= EX_POSTDEC);
}

typedef struct Split {
    Func *f;
    Stmt *before;   /* the temporaries, in order, for the statement at hand */
} Split;

static int size_of(const Expr *e) {
    if (!e) return 0;
    int n = 1 + size_of(e->lhs) + size_of(e->rhs) + size_of(e->cond);
    for (int i = 0; i < e->nargs; i++) n += size_of(e->args[i]);
    return n;
}

static bool arithmetic(const Expr *e) {
    return (e->kind == EX_BINARY && (e->op == OP_ADD || e->op == OP_SUB || e->op == OP_MUL || e->op == OP_DIV)) || e->kind == EX_CALL;
}

/* e with its large parts in temporaries; *n receives its remaining size */
static Expr *cut(Split *sp, Expr *e, int *n) {
    if (!e) {
        *n = 0;
        return NULL;
    }
    bool conditional = e->kind == EX_COND || (e->kind == EX_BINARY && (e->op == OP_LAND || e->op == OP_LOR));
    if (conditional) {
        int k;
        /* only what runs first runs unconditionally */
        if (e->kind == EX_COND) e->cond = cut(sp, e->cond, &k);
        else e->lhs = cut(sp, e->lhs, &k);
        *n = size_of(e);
        return e;
    }
    int a, b, c;
    e->lhs = cut(sp, e->lhs, &a);
    e->rhs = cut(sp, e->rhs, &b);
    e->cond = cut(sp, e->cond, &c);
    *n = 1 + a + b + c;
    for (int i = 0; i < e->nargs; i++) {
        int k;
        e->args[i] = cut(sp, e->args[i], &k);
        *n += k;
    }
    if (*n <= SPLIT_NODES || !ty_is_float(e->ty) || !arithmetic(e)) return e;
    Var *v = fn_new_var(sp->f, fn_fresh_name(sp->f, "_e"), ty_unqualified(e->ty), VAR_LOCAL, e->loc);
    st_append(sp->before, st_decl(v, e, e->loc));
    *n = 1;
    return ex_var(v, e->loc);
}

/* The value a simple statement computes, which may be cut, or NULL. */
static Expr **value_of(Stmt *s) {
    switch (s->kind) {
    case ST_EXPR: return s->expr->kind == EX_ASSIGN ? &s->expr->rhs : NULL;
    case ST_DECL: return s->init && s->init->kind != EX_INIT ? &s->init : NULL;
    case ST_RETURN: return s->expr ? &s->expr : NULL;
    default: return NULL;
    }
}

/* A block of s's temporaries and s, when it has any; else NULL */
static Stmt *split_stmt(Stmt *s, void *f) {
    Expr **value = value_of(s);
    if (!value || (s->kind == ST_EXPR && ex_any(s->expr, impure, NULL)) || ex_any(*value, impure, NULL) || size_of(*value) <= SPLIT_NODES)
        return NULL;
    Split sp = {f, st_block(s->loc)};
    int n;
    *value = cut(&sp, *value, &n);
    if (!sp.before->n) return NULL;
    st_append(sp.before, s);
    return sp.before;
}

void ad_split_long_expressions(Module *m) {
    for (int i = 0; i < m->funcs.len; i++) {
        Func *f = m->funcs.data[i];
        if (f->body) f->body = st_rewrite(f->body, split_stmt, f);
    }
}
