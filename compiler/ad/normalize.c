/*
 * Adjoint normal form: the shape of a function the reverse sweep can walk
 * backwards one statement at a time.
 *
 * In: a function as the front end built it.  Out: a copy in which
 *   - every local is declared once at the top (names are already unique),
 *     and a declaration's initializer is an assignment where it stood;
 *   - every call sits in a statement of its own: `v = f(args)` or `f(args)`,
 *     with arguments free of side effects;
 *   - every other expression statement is one assignment `L op= E` or one
 *     increment, with L and E free of side effects;
 *   - `return E` became `_ret = E; return;`;
 *   - loops keep their structure; a for-loop's init and step are blocks of
 *     such statements (Stmt.for_init and Stmt.els).
 * Side effects are hoisted in C's evaluation order where it is defined and in
 * left-to-right order where C leaves it unspecified.
 */
#include "ad/ad.h"
#include "rules/rules.h"

typedef struct Norm {
    Func *f;             /* the copy being built */
    Stmt *decls;         /* hoisted declarations */
    Var *ret;            /* `_ret`, when the function returns a value */
} Norm;

static Expr *pure(Norm *n, const Expr *e, Stmt *out);
static void effect(Norm *n, const Expr *e, Stmt *out);

static Var *temp(Norm *n, Type *ty, Loc loc) {
    Var *v = new_temp(n->f, ty, loc);
    st_append(n->decls, st_decl(v, ty_is_scalar(v->ty) ? ex_int(0, NULL, loc) : NULL, loc));
    return v;
}

static bool real_effects(const Expr *e);

/* A call's arguments, free of side effects.  Values read from memory are
 * taken into temporaries first: the callee's reverse half is called with the
 * same arguments after the callee has written that memory. */
static Expr **pure_args(Norm *n, const Expr *e, Stmt *out) {
    Expr **args = NEW_ARRAY(Expr *, e->nargs + 1);
    bool math = e->lhs->kind == EX_FUNC && rules_math(e->lhs->name);
    for (int i = 0; i < e->nargs; i++) {
        args[i] = pure(n, e->args[i], out);
        /* left to right, as clang: fmod(y[0], f(y)) reads y[0] before f runs */
        bool later_effects = false;
        for (int j = i + 1; j < e->nargs; j++) later_effects |= real_effects(e->args[j]);
        if ((!math || later_effects) && !ty_is_address(args[i]->ty) && ex_reads_memory(args[i])) {
            Var *t = temp(n, args[i]->ty, args[i]->loc);
            st_append(out, st_assign(ex_var(t, args[i]->loc), args[i], args[i]->loc));
            args[i] = ex_var(t, args[i]->loc);
        }
    }
    return args;
}

/* Side effects other than calls to math.h functions, which are pure.  Only
 * those make a short-circuit operator impossible to flatten. */
static bool real_effects(const Expr *e) {
    if (!e) return false;
    if (e->kind == EX_CALL && !(e->lhs->kind == EX_FUNC && rules_math(e->lhs->name))) return true;
    if (e->kind != EX_CALL && e->kind != EX_FUNC && ex_has_side_effects(e) && e->kind != EX_BINARY && e->kind != EX_UNARY &&
        e->kind != EX_COND && e->kind != EX_CAST && e->kind != EX_INDEX && e->kind != EX_DEREF && e->kind != EX_MEMBER)
        return true;
    if (real_effects(e->lhs) || real_effects(e->rhs) || real_effects(e->cond)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (real_effects(e->args[i])) return true;
    return false;
}

static bool math_call_reading_memory(const Expr *e, const void *unused) {
    (void)unused;
    return e->kind == EX_CALL && e->lhs->kind == EX_FUNC && rules_math(e->lhs->name) && ex_reads_memory(e);
}

static Stmt *assign_stmts(Norm *n, Var *r, const Expr *value) {
    Stmt *b = st_block(value->loc);
    Expr assign = {.kind = EX_ASSIGN, .op = OP_NONE, .ty = r->ty, .loc = value->loc, .lhs = ex_var(r, value->loc), .rhs = (Expr *)value};
    effect(n, &assign, b);
    return b;
}

/* c ? a : b, a && b and a || b whose later operands have effects: an if
 * statement runs exactly the effects C would. */
static Expr *branches(Norm *n, const Expr *e, Stmt *out) {
    Loc loc = e->loc;
    Var *r = temp(n, e->kind == EX_COND ? e->ty : ty_basic(TY_INT), loc);
    if (e->kind == EX_COND) {
        Expr *c = pure(n, e->cond, out);
        st_append(out, st_if(c, assign_stmts(n, r, e->lhs), assign_stmts(n, r, e->rhs), loc));
        return ex_var(r, loc);
    }
    Expr *c = pure(n, e->lhs, out);
    Expr *rhs = ex_binary(OP_NE, (Expr *)e->rhs, ex_int(0, NULL, loc), ty_basic(TY_INT), loc);
    Stmt *eval = assign_stmts(n, r, rhs);
    Stmt *fixed = st_block(loc);
    st_append(fixed, st_assign(ex_var(r, loc), ex_int(e->op == OP_LOR, NULL, loc), loc));
    st_append(out, e->op == OP_LAND ? st_if(c, eval, fixed, loc) : st_if(c, fixed, eval, loc));
    return ex_var(r, loc);
}

/* A side-effect-free expression with e's value; effects go to out.  A comma
 * goes even without effects: (a, a * b) is a * b, and the derivative rules
 * have no entry for a comma. */
static Expr *pure(Norm *n, const Expr *e, Stmt *out) {
    if (!ex_has_side_effects(e) && !ex_has_comma(e)) return ex_copy(e);
    switch (e->kind) {
    case EX_ASSIGN:
    case EX_PREINC:
    case EX_PREDEC:
        effect(n, e, out);
        return pure(n, e->lhs, out);
    case EX_POSTINC:
    case EX_POSTDEC: {
        Expr *L = pure(n, e->lhs, out);
        Var *old = temp(n, L->ty, e->loc);
        st_append(out, st_assign(ex_var(old, e->loc), ex_copy(L), e->loc));
        Expr *inc = ex_copy(e);
        inc->lhs = L;
        effect(n, inc, out);
        return ex_var(old, e->loc);
    }
    case EX_CALL: {
        Expr *c = ex_copy(e);
        c->args = pure_args(n, e, out);
        if (e->ty->kind == TY_VOID) {
            st_append(out, st_expr(c, e->loc));
            return ex_int(0, NULL, e->loc);
        }
        Var *r = temp(n, e->ty, e->loc);
        st_append(out, st_assign(ex_var(r, e->loc), c, e->loc));
        return ex_var(r, e->loc);
    }
    case EX_COND:
        /* effects in a branch run only with it; math calls are hoisted like
         * any other call (they are pure), and the condition's effects once.
         * But not a math call that reads memory: `i < n ? sin(x[i]) : 0`
         * guards x[i], which must not be read (nor its adjoint written) when
         * i is out of bounds. */
        if (real_effects(e->lhs) || real_effects(e->rhs) || ex_any(e->lhs, math_call_reading_memory, NULL) ||
            ex_any(e->rhs, math_call_reading_memory, NULL))
            return branches(n, e, out);
        break;
    case EX_BINARY:
        if (e->op == OP_LAND || e->op == OP_LOR) {
            /* a truth value has no derivative: math calls may stay inside */
            if (real_effects(e->rhs)) return branches(n, e, out);
            if (real_effects(e->lhs)) {
                Expr *c = ex_copy(e);
                c->lhs = pure(n, e->lhs, out);
                return c;
            }
            return ex_copy(e);
        }
        if (e->op == OP_COMMA) {
            effect(n, e->lhs, out);
            return pure(n, e->rhs, out);
        }
        if (real_effects(e->rhs) && ex_reads_memory(e->lhs)) {
            /* left to right: y[i] / f(y) reads y[i] before f may change it,
             * and (g(y) + y[i]) / f(y) after g and before f */
            Expr *c = ex_copy(e);
            c->lhs = pure(n, e->lhs, out);
            if (ex_reads_memory(c->lhs)) {
                Var *t = temp(n, e->lhs->ty, e->lhs->loc);
                st_append(out, st_assign(ex_var(t, e->loc), c->lhs, e->loc));
                c->lhs = ex_var(t, e->loc);
            }
            c->rhs = pure(n, e->rhs, out);
            return c;
        }
        break;
    default: break;
    }
    Expr *c = ex_copy(e);
    /* a condition runs before its branches: the calls an arm hoists must
     * see what the condition's calls leave in memory */
    if (e->cond) c->cond = pure(n, e->cond, out);
    if (e->lhs) c->lhs = pure(n, e->lhs, out);
    if (e->rhs) c->rhs = pure(n, e->rhs, out);
    if (e->nargs) c->args = pure_args(n, e, out);
    return c;
}

/* The reverse sweep evaluates a store's address after the store, so an
 * index that reads memory (y[(int)y[1]] = ...) could name another element
 * then: such an index is computed once, into a temporary, before the store. */
static Expr *stable_address(Norm *n, Expr *L, Stmt *out) {
    if (L->kind == EX_INDEX) {
        L->lhs = stable_address(n, L->lhs, out);
        if (ex_reads_memory(L->rhs)) {
            Var *k = temp(n, L->rhs->ty, L->rhs->loc);
            st_append(out, st_assign(ex_var(k, L->loc), L->rhs, L->loc));
            L->rhs = ex_var(k, L->loc);
        }
    } else if (L->kind == EX_DEREF && ex_reads_memory(L->lhs)) {
        Var *p = temp(n, L->lhs->ty, L->lhs->loc);
        st_append(out, st_assign(ex_var(p, L->loc), L->lhs, L->loc));
        L->lhs = ex_var(p, L->loc);
    } else if (L->kind == EX_MEMBER && L->arrow && ex_reads_memory(L->lhs)) {
        Var *p = temp(n, L->lhs->ty, L->lhs->loc);
        st_append(out, st_assign(ex_var(p, L->loc), L->lhs, L->loc));
        L->lhs = ex_var(p, L->loc);
    } else if (L->kind == EX_MEMBER) {
        L->lhs = stable_address(n, L->lhs, out);
    }
    return L;
}

/* e evaluated for its effects only. */
static void effect(Norm *n, const Expr *e, Stmt *out) {
    switch (e->kind) {
    case EX_ASSIGN: {
        const Expr *R = e->rhs;
        /* v = f(args) keeps the call in place of a temporary */
        if (R->kind == EX_CALL && e->op == OP_NONE && e->lhs->kind == EX_VAR && ty_same(e->lhs->ty, R->ty)) {
            Expr *c = ex_copy(R);
            c->args = pure_args(n, R, out);
            st_append(out, st_assign(ex_copy(e->lhs), c, e->loc));
            return;
        }
        /* the right side's effects before the left side's address: clang
         * orders every assignment so and gcc compound ones, so in
         * `a[g(a)] += f(a)` g reads what f leaves, as in the compiled FUNC */
        Expr *r = pure(n, R, out);
        Expr *L = stable_address(n, pure(n, e->lhs, out), out);
        st_append(out, st_expr(ex_assign(e->op, L, r, e->loc), e->loc));
        return;
    }
    case EX_PREINC:
    case EX_PREDEC:
    case EX_POSTINC:
    case EX_POSTDEC: {
        Expr *L = pure(n, e->lhs, out);
        if (ty_is_float(L->ty)) {
            /* a float increment is an assignment the reverse sweep understands */
            Op op = e->kind == EX_PREINC || e->kind == EX_POSTINC ? OP_ADD : OP_SUB;
            st_append(out, st_expr(ex_assign(op, L, ex_float(1.0, L->ty, e->loc), e->loc), e->loc));
            return;
        }
        Expr *c = ex_copy(e);
        c->lhs = L;
        st_append(out, st_expr(c, e->loc));
        return;
    }
    case EX_CALL: {
        Expr *c = ex_copy(e);
        c->args = pure_args(n, e, out);
        st_append(out, st_expr(c, e->loc));
        return;
    }
    case EX_BINARY:
        if (e->op == OP_COMMA) {
            effect(n, e->lhs, out);
            effect(n, e->rhs, out);
            return;
        }
        break;
    case EX_CAST:
        if (e->ty->kind == TY_VOID) {
            effect(n, e->lhs, out);
            return;
        }
        break;
    default: break;
    }
    Expr *p = pure(n, e, out);
    (void)p;   /* a value computed for nothing: its effects are already out */
}

static Stmt *norm_stmt(Norm *n, const Stmt *s);

static Stmt *norm_block(Norm *n, const Stmt *s) {
    Stmt *b = st_block(s->loc);
    if (s->kind != ST_BLOCK) {
        Stmt *x = norm_stmt(n, s);
        for (int i = 0; i < x->n; i++) st_append(b, x->body[i]);
        return b;
    }
    for (int i = 0; i < s->n; i++) {
        Stmt *x = norm_stmt(n, s->body[i]);
        for (int k = 0; k < x->n; k++) st_append(b, x->body[k]);
    }
    return b;
}

/* `double h[N] = {a, b}` becomes element stores, zeros included, as C defines. */
static void init_array(Norm *n, Var *v, const Expr *init, Stmt *out) {
    long long len = v->ty->array_len;
    if (v->ty->base->kind == TY_ARRAY || len < 0) {
        diag_error(init->loc, "only one-dimensional local arrays of known size can be initialized in differentiated functions");
        return;
    }
    for (long long i = 0; i < len && i < init->nargs; i++) {
        Expr *lhs = ex_index(ex_var(v, init->loc), ex_int(i, NULL, init->loc), init->loc);
        st_append(out, st_assign(lhs, pure(n, init->args[i], out), init->loc));
    }
    if (init->nargs >= len) return;
    Var *k = temp(n, ty_basic(TY_INT), init->loc);
    Stmt *loop = st_new(ST_FOR, init->loc);
    loop->for_init = st_block(init->loc);
    st_append(loop->for_init, st_assign(ex_var(k, init->loc), ex_int(init->nargs, NULL, init->loc), init->loc));
    loop->cond = ex_binary(OP_LT, ex_var(k, init->loc), ex_int(len, NULL, init->loc), ty_basic(TY_INT), init->loc);
    Expr *inc = ex_step(EX_POSTINC, ex_var(k, init->loc), init->loc);
    loop->els = st_block(init->loc);
    st_append(loop->els, st_expr(inc, init->loc));
    Expr *lhs = ex_index(ex_var(v, init->loc), ex_var(k, init->loc), init->loc);
    loop->then = st_block(init->loc);
    st_append(loop->then, st_assign(lhs, ex_float(0.0, v->ty->base, init->loc), init->loc));
    st_append(out, loop);
}

/* t without const on the object itself (on the elements, for an array):
 * a hoisted declaration is assigned later, and the reverse sweep restores
 * it.  A pointer to const stays one. */
static Type *assignable(Type *t) {
    if (t->kind == TY_ARRAY) {
        Type *e = assignable(t->base);
        if (e == t->base && !t->is_const) return t;
        return ty_array_of(e, t->array_len);
    }
    return ty_qualified(t, false);
}

/* {0}, {0, 0.0}, {} and the like */
static bool all_zero(const Expr *init) {
    for (int i = 0; i < init->nargs; i++) {
        double v;
        const Expr *x = init->args[i];
        if (x->kind == EX_INIT ? !all_zero(x) : !ex_is_const(x, &v) || v != 0) return false;
    }
    return true;
}

static Stmt *norm_stmt(Norm *n, const Stmt *s) {
    Stmt *out = st_block(s->loc);
    switch (s->kind) {
    case ST_BLOCK: return norm_block(n, s);
    case ST_DECL: {
        Var *v = s->var;
        if (v->kind == VAR_STATIC) {
            st_append(n->decls, st_copy(s));
            break;
        }
        v->ty = assignable(v->ty);
        /* zero, not indeterminate: the forward sweep may record it before
         * its first assignment, and reading an uninitialized scalar or struct
         * whose address is never taken is undefined (clang -O2 exploits it) */
        Expr *zero = NULL;
        if (ty_is_scalar(v->ty)) {
            zero = ex_int(0, NULL, s->loc);
        } else if (v->ty->kind == TY_STRUCT) {
            zero = NEW(Expr);   /* printed as {0} */
            *zero = (Expr){.kind = EX_INIT, .ty = v->ty, .loc = s->loc};
        }
        st_append(n->decls, st_decl(v, zero, s->loc));
        if (!s->init) break;
        if (s->init->kind == EX_INIT) {
            if (v->ty->kind == TY_ARRAY) init_array(n, v, s->init, out);
            /* `= {0}` (as the tangent declares a struct's shadow) is the
             * zero the declaration above already gives */
            else if (!all_zero(s->init)) diag_error(s->loc, "brace initializers of structs are not supported in adjoint mode, except {0}; assign the members one by one");
            break;
        }
        Expr assign = {.kind = EX_ASSIGN, .op = OP_NONE, .ty = v->ty, .loc = s->loc, .lhs = ex_var(v, s->loc), .rhs = s->init};
        effect(n, &assign, out);
        break;
    }
    case ST_EXPR: effect(n, s->expr, out); break;
    case ST_IF: {
        Expr *c = pure(n, s->cond, out);
        st_append(out, st_if(c, norm_block(n, s->then), s->els ? norm_block(n, s->els) : NULL, s->loc));
        break;
    }
    case ST_WHILE:
    case ST_DO:
    case ST_FOR: {
        Stmt *loop = st_new(s->kind, s->loc);
        if (s->for_init) loop->for_init = norm_block(n, s->for_init);
        loop->then = norm_block(n, s->then);
        if (s->step) {
            loop->els = st_block(s->loc);   /* the step, as statements */
            effect(n, s->step, loop->els);
        }
        if (s->cond && ex_has_side_effects(s->cond)) {
            /* while (c) B with effects in c: while (1) { effects; if (!c') break; B }.
             * A do-while tests after its body and after a continue: the test
             * goes to the end of the step, which runs in both cases. */
            Stmt *test = st_block(s->loc);
            Expr *c = pure(n, s->cond, test);
            if (s->kind == ST_DO) {
                if (!loop->els) loop->els = st_block(s->loc);
                for (int i = 0; i < test->n; i++) st_append(loop->els, test->body[i]);
                loop->cond = c;
            } else {
                st_append(test, st_if(ex_unary(OP_NOT, c, ty_basic(TY_INT), s->loc), st_new(ST_BREAK, s->loc), NULL, s->loc));
                for (int i = 0; i < loop->then->n; i++) st_append(test, loop->then->body[i]);
                loop->then = test;
                loop->cond = NULL;
            }
        } else {
            loop->cond = ex_copy(s->cond);
        }
        st_append(out, loop);
        break;
    }
    case ST_SWITCH: {
        Stmt *sw = st_new(ST_SWITCH, s->loc);
        sw->cond = pure(n, s->cond, out);
        sw->then = norm_block(n, s->then);
        st_append(out, sw);
        break;
    }
    case ST_CASE: {
        Stmt *c = st_new(ST_CASE, s->loc);
        c->expr = ex_copy(s->expr);
        st_append(out, c);
        if (s->then) {
            Stmt *body = norm_stmt(n, s->then);
            for (int i = 0; i < body->n; i++) st_append(out, body->body[i]);
        }
        break;
    }
    case ST_RETURN:
        if (s->expr && n->ret) {
            Expr assign = {.kind = EX_ASSIGN, .op = OP_NONE, .ty = n->ret->ty, .loc = s->loc, .lhs = ex_var(n->ret, s->loc), .rhs = s->expr};
            effect(n, &assign, out);
        }
        st_append(out, st_new(ST_RETURN, s->loc));
        break;
    case ST_EMPTY: break;
    default: st_append(out, st_copy(s)); break;
    }
    return out;
}

Func *norm_function(Func *f, Var **ret_var) {
    Func *g = NEW(Func);
    *g = *f;
    g->vars = (PtrVec){0};
    for (int i = 0; i < f->vars.len; i++) vec_push(&g->vars, f->vars.data[i]);
    Norm n = {g, st_block(f->loc), NULL};
    if (f->ret->kind != TY_VOID) {
        n.ret = fn_new_var(g, fn_fresh_name(g, "_ret"), ty_unqualified(f->ret), VAR_LOCAL, f->loc);
        st_append(n.decls, st_decl(n.ret, ex_int(0, NULL, f->loc), f->loc));
    }
    Stmt *body = norm_block(&n, f->body);
    Stmt *all = st_block(f->loc);
    for (int i = 0; i < n.decls->n; i++) st_append(all, n.decls->body[i]);
    for (int i = 0; i < body->n; i++) st_append(all, body->body[i]);
    g->body = all;
    *ret_var = n.ret;
    return g;
}
