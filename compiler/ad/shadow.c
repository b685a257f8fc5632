/*
 * Derivative variables ("shadows") and the shadow of an expression.  Both
 * modes name a shadow after its primal with a suffix (x_d, x_b), made unique
 * against everything else in the function, so generated code reads like a
 * person's.
 */
#include "ad/ad.h"

Var *shadow_of(Shadows *s, const Var *v) {
    if (!v || v->id < 0 || v->id >= s->map.len) return NULL;
    return s->map.data[v->id];
}

void shadow_set(Shadows *s, const Var *v, Var *sh) {
    while (s->map.len <= v->id) vec_push(&s->map, NULL);
    s->map.data[v->id] = sh;
}

Type *shadow_type(Type *t) {
    if (ty_is_float(t)) return ty_unqualified(t);
    return ty_padded(t);
}

Var *shadow_new(Shadows *s, const Var *v, Type *ty) {
    const char *name = fn_fresh_name(s->fn, arena_printf("%s%s", v->name, s->suffix));
    Var *sh = fn_new_var(s->fn, name, ty, VAR_LOCAL, v->loc);
    sh->primal = (Var *)v;
    shadow_set(s, v, sh);
    return sh;
}

Var *new_temp(Func *f, Type *ty, Loc loc) {
    return fn_new_var(f, fn_fresh_name(f, "_t"), ty_unqualified(ty), VAR_LOCAL, loc);
}

static bool is_pointerish(const Type *t) { return t && (t->kind == TY_PTR || t->kind == TY_ARRAY); }

Expr *shadow_expr(Shadows *s, const Expr *e) {
    if (!e) return NULL;
    Expr *c;
    switch (e->kind) {
    case EX_VAR: {
        Var *sh = shadow_of(s, e->var);
        if (!sh) return NULL;
        c = ex_var(sh, e->loc);
        return c;
    }
    case EX_INDEX:
    case EX_BINARY: {
        /* follow the pointer operand; the other (the index) is kept */
        bool left = is_pointerish(e->lhs->ty);
        if (e->kind == EX_BINARY && e->op != OP_ADD && e->op != OP_SUB) return NULL;
        Expr *base = shadow_expr(s, left ? e->lhs : e->rhs);
        if (!base) return NULL;
        c = ex_copy(e);
        if (left) c->lhs = base;
        else c->rhs = base;
        return c;
    }
    case EX_INT:
    case EX_CAST:
        /* a null pointer's shadow is null (asked only where a pointer is) */
        if (ex_is_null_pointer(e)) return ex_copy(e);
        if (e->kind == EX_INT) return NULL;
        /* fall through */
    case EX_DEREF:
    case EX_ADDR:
    case EX_MEMBER: {
        Expr *inner = shadow_expr(s, e->lhs);
        if (!inner) return NULL;
        c = ex_copy(e);
        c->lhs = inner;
        return c;
    }
    case EX_COND: {
        Expr *a = shadow_expr(s, e->lhs), *b = shadow_expr(s, e->rhs);
        if (!a || !b) return NULL;
        c = ex_copy(e);
        c->lhs = a;
        c->rhs = b;
        return c;
    }
    default: return NULL;
    }
}

void diag_no_pointer_shadow(Loc loc, const char *name, const Expr *source) {
    PtrVec roots = {0};
    if (source && !ex_pointer_roots(source, &roots))
        diag_error(loc, "cannot tell which memory pointer '%s' points at: a pointer that a call returns comes without a derivative; "
                        "pass the memory to the function as a parameter instead",
                   name);
    else
        diag_error(loc, "pointer '%s' is made to point at memory that has no derivative", name);
}

Stmt *shadow_union_clear(Shadows *s, const Expr *L, bool reads_old) {
    if (!L || L->kind != EX_MEMBER || L->arrow || ty_is_float(L->ty)) return NULL;
    const Type *u = L->lhs->ty;
    if (u->kind != TY_STRUCT || !u->is_union) return NULL;
    Expr *ud = shadow_expr(s, L->lhs);
    if (!ud || ud->ty->kind != TY_STRUCT) return NULL;
    if (reads_old) {   /* u.bits ^= sign: a new value made of the old one's bits */
        diag_error(L->loc, "cgrad cannot differentiate bit operations on a floating value through a union's integer member; "
                           "compute it in floating point (for a sign flip, -x)");
        return NULL;
    }
    Expr *zero = NEW(Expr);   /* (U){0} */
    zero->kind = EX_INIT;
    zero->ty = ud->ty;
    zero->loc = L->loc;
    return st_assign(ud, ex_cast(ud->ty, zero, L->loc), L->loc);
}
