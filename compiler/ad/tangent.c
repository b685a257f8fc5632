/*
 * Tangent (forward) mode: FUNC_jvp.
 *
 * One walk over the function in program order.  Every statement is copied;
 * one that writes an active value is preceded by the assignment of its
 * tangent (x_d = ...), built from the rule tables.  The tangent goes first
 * because the statement may overwrite its own operands (x = x * x).
 *
 * Side effects inside expressions (x[i++], a = b = c, calls) are first
 * hoisted into statements of their own, in evaluation order, so that the
 * primal and tangent expressions can both be evaluated without doing
 * anything twice.  Calls to math.h functions with active arguments get a
 * temporary, so the rule can reuse the result (exp' = exp).  Calls to other
 * functions of the file call their own generated tangents.
 *
 * In: a Deriv with MODE_TANGENT.  Out: d->out, a function that follows the
 * contract in docs/contract.md.
 */
#include "ad/ad.h"
#include "rules/rules.h"

#include <string.h>

typedef struct Tan {
    Plan *plan;
    Deriv *d;
    Func *f;          /* primal */
    Func *g;          /* generated */
    Activity *act;
    Shadows sh;
    Var *ret_d;
    int width;        /* mode(vector): directions carried at once; 0 otherwise */
    Var *lane;        /* mode(vector): the direction index _k of lane loops */
} Tan;

static Stmt *tan_stmt(Tan *t, const Stmt *s);
static Expr *pure(Tan *t, const Expr *e, Stmt *out);
static void effect(Tan *t, const Expr *e, Stmt *out);

static Expr *zero(Type *ty, Loc loc) { return ex_float(0.0, ty_is_float(ty) ? ty_unqualified(ty) : ty_basic(TY_DOUBLE), loc); }

/* ---- mode(vector): K directions, stored element-major ----------------------
 * A scalar's tangent is an array of K lanes, x_d[k]; an array's or a
 * pointer's shadow holds K lanes per element, element i's lane k at
 * p_d[i * K + k].  Each tangent statement runs once per lane in a loop. */

static Expr *lane(Tan *t, Loc loc) { return ex_var(t->lane, loc); }

static Expr *scaled(Tan *t, Expr *i, Loc loc) {
    if (i->kind == EX_INT) return ex_int(i->ival * t->width, NULL, loc);
    return ex_binary(OP_MUL, i, ex_int(t->width, NULL, loc), ty_basic(TY_LONG), loc);
}

/* Element i's lane k: i * K + k, or just k for element 0. */
static Expr *lane_index(Tan *t, Expr *i, Loc loc) {
    Expr *base = scaled(t, i, loc);
    if (base->kind == EX_INT && base->ival == 0) return lane(t, loc);
    return ex_binary(OP_ADD, base, lane(t, loc), ty_basic(TY_LONG), loc);
}

static Expr *vshadow(Tan *t, const Expr *e);

/* The shadow of a pointer-valued expression: scaled pointer arithmetic. */
static Expr *vshadow_ptr(Tan *t, const Expr *e) {
    if (ex_is_null_pointer(e)) return ex_copy(e);
    switch (e->kind) {
    case EX_VAR: {
        Var *v = shadow_of(&t->sh, e->var);
        return v ? ex_var(v, e->loc) : NULL;
    }
    case EX_BINARY: {
        if (e->op != OP_ADD && e->op != OP_SUB) return NULL;
        bool left = ty_is_address(e->lhs->ty);
        Expr *base = vshadow_ptr(t, left ? e->lhs : e->rhs);
        if (!base) return NULL;
        Expr *c = ex_copy(e);
        if (left) c->lhs = base, c->rhs = scaled(t, ex_copy(e->rhs), e->loc);
        else c->rhs = base, c->lhs = scaled(t, ex_copy(e->lhs), e->loc);
        return c;
    }
    case EX_ADDR:
        if (e->lhs->kind == EX_INDEX) {   /* &x[i] -> x_d + i * K */
            Expr *base = vshadow_ptr(t, e->lhs->lhs);
            return base ? ex_binary(OP_ADD, base, scaled(t, ex_copy(e->lhs->rhs), e->loc), base->ty, e->loc) : NULL;
        }
        if (e->lhs->kind == EX_DEREF) return vshadow_ptr(t, e->lhs->lhs);
        return NULL;
    case EX_CAST: {
        Expr *inner = vshadow_ptr(t, e->lhs);
        if (!inner) return NULL;
        Expr *c = ex_copy(e);
        c->lhs = inner;
        return c;
    }
    case EX_COND: {
        Expr *a = vshadow_ptr(t, e->lhs), *b = vshadow_ptr(t, e->rhs);
        if (!a || !b) return NULL;
        Expr *c = ex_copy(e);
        c->lhs = a, c->rhs = b;
        return c;
    }
    default: return NULL;
    }
}

static Expr *vshadow(Tan *t, const Expr *e) {
    if (ty_is_address(e->ty)) return vshadow_ptr(t, e);
    switch (e->kind) {
    case EX_VAR: {
        Var *v = shadow_of(&t->sh, e->var);
        return v ? ex_index(ex_var(v, e->loc), lane(t, e->loc), e->loc) : NULL;
    }
    case EX_INDEX: {   /* x[i] -> x_d[i * K + k] */
        if (ty_is_address(e->lhs->ty) && e->lhs->kind == EX_INDEX) return NULL;   /* 2-D: not in vector mode */
        Expr *base = vshadow_ptr(t, e->lhs);
        if (!base) return NULL;
        return ex_index(base, lane_index(t, ex_copy(e->rhs), e->loc), e->loc);
    }
    case EX_DEREF: {   /* *p -> p_d[k] */
        Expr *base = vshadow_ptr(t, e->lhs);
        return base ? ex_index(base, lane(t, e->loc), e->loc) : NULL;
    }
    default: return NULL;
    }
}

/* The derivative of an lvalue or pointer: shadow_expr, or its K-lane form. */
static Expr *sh(Tan *t, const Expr *e) { return t->width ? vshadow(t, e) : shadow_expr(&t->sh, e); }

/* A tangent statement, run for every lane in vector mode. */
static Stmt *lanes(Tan *t, Stmt *s) {
    if (!t->width) return s;
    Stmt *loop = st_new(ST_FOR, s->loc);
    loop->for_init = st_decl(t->lane, ex_int(0, NULL, s->loc), s->loc);
    loop->cond = ex_binary(OP_LT, lane(t, s->loc), ex_int(t->width, NULL, s->loc), ty_basic(TY_INT), s->loc);
    loop->step = ex_step(EX_POSTINC, lane(t, s->loc), s->loc);
    loop->then = s->kind == ST_BLOCK ? s : st_block(s->loc);
    if (s->kind != ST_BLOCK) st_append(loop->then, s);
    /* The lane loop is short and sits in the user's hot loops: unrolled
     * once vectorized (K/2 steps: more would unroll it before the vectorizer
     * sees it), it runs 1.6x faster at gcc and clang -O2 (layer norm, K=8). */
    if (t->width >= 4) loop->text = arena_printf("#pragma GCC unroll %d", t->width / 2);
    return loop;
}

/* Declares the tangent of a floating variable: `T v_d = init`, or in vector
 * mode `T v_d[K]` and a lane loop (init may use the lane; NULL: zeros). */
static Var *declare_tangent(Tan *t, Var *v, Expr *init, Loc loc, Stmt *out) {
    if (!t->width) {
        Var *vd = shadow_new(&t->sh, v, shadow_type(v->ty));
        st_append(out, st_decl(vd, init, loc));
        return vd;
    }
    Var *vd = shadow_new(&t->sh, v, ty_array_of(shadow_type(v->ty), t->width));
    Expr *zeros = NEW(Expr);
    *zeros = (Expr){.kind = EX_INIT, .ty = vd->ty, .loc = loc};
    st_append(out, st_decl(vd, init ? NULL : zeros, loc));
    if (init) st_append(out, lanes(t, st_assign(ex_index(ex_var(vd, loc), lane(t, loc), loc), init, loc)));
    return vd;
}

/* ---- tangent of a side-effect-free expression --------------------------- */

static Expr *tan_expr(Tan *t, const Expr *e);
static Expr *branches(Tan *t, const Expr *e, Stmt *out);
static void assign(Tan *t, Expr *L, Op op, Expr *R, Loc loc, Stmt *out);

static Expr *chain(Tan *t, const Rule *r, Expr **args, int n, Expr *result, Type *ty) {
    Expr *sum = NULL;
    for (int i = 0; i < n; i++) {
        Expr *da = tan_expr(t, args[i]);
        if (!da) continue;
        Expr *p = rules_partial(r, i, args, result, ty);
        if (p) sum = fold_add(sum, fold_mul(da, p));
    }
    return sum;
}

static Expr *tan_expr(Tan *t, const Expr *e) {
    switch (e->kind) {
    case EX_VAR:
    case EX_INDEX:
    case EX_DEREF:
    case EX_MEMBER:
        if (!ty_is_float(e->ty)) return NULL;
        return sh(t, e);
    case EX_CAST: {
        if (!ty_is_float(e->ty)) return NULL;
        Expr *d = tan_expr(t, e->lhs);
        if (!d) return NULL;
        if (d->ty->kind == e->ty->kind) return d;
        Expr *c = ex_cast(e->ty, d, e->loc);
        c->implicit = e->implicit;
        return c;
    }
    case EX_UNARY:
        if (e->op == OP_NEG) return fold_neg(tan_expr(t, e->lhs));
        if (e->op == OP_PLUS) return tan_expr(t, e->lhs);
        return NULL;
    case EX_BINARY: {
        if (!ty_is_float(e->ty)) return NULL;
        const Rule *r = rules_op(e->op);
        if (!r) return NULL;
        Expr *args[2] = {e->lhs, e->rhs};
        return chain(t, r, args, 2, NULL, e->ty);
    }
    case EX_COND: {
        Expr *a = tan_expr(t, e->lhs), *b = tan_expr(t, e->rhs);
        if (!a && !b) return NULL;
        return ex_cond(ex_copy(e->cond), a ? a : zero(e->ty, e->loc), b ? b : zero(e->ty, e->loc), e->ty, e->loc);
    }
    case EX_CALL:
        /* pure() hoists every active call into a temporary first */
        for (int i = 0; i < e->nargs; i++)
            if (ty_is_float(e->ty) && tan_expr(t, e->args[i])) ICE("active call to '%s' left inside an expression", e->lhs->name ? e->lhs->name : "?");
        return NULL;
    default: return NULL;
    }
}

/* ---- assignments --------------------------------------------------------- */

static bool has_shadow(Tan *t, const Expr *lv) { return sh(t, lv) != NULL; }

static Type *compound_type(const Expr *l, const Expr *r) {
    if (ty_is_float(l->ty)) return l->ty;
    return r->ty;
}

/* L op= R with L and R free of side effects: tangent first, then the primal. */
static void assign(Tan *t, Expr *L, Op op, Expr *R, Loc loc, Stmt *out) {
    Expr *Ld = sh(t, L);
    if (Ld && ty_is_float(L->ty)) {
        Expr *full = op == OP_NONE ? R : ex_binary(op, L, R, compound_type(L, R), loc);
        Expr *d = tan_expr(t, full);
        /* x_d = x_d + e reads better as x_d += e */
        if (d && d->kind == EX_BINARY && (d->op == OP_ADD || d->op == OP_SUB) && ex_same(d->lhs, Ld) && op != OP_NONE)
            st_append(out, lanes(t, st_expr(ex_assign(d->op, Ld, d->rhs, loc), loc)));
        else if (!(d && ex_same(d, Ld)))
            st_append(out, lanes(t, st_assign(Ld, d ? d : zero(L->ty, loc), loc)));
    } else if (Ld && L->ty->kind == TY_PTR) {
        Expr *Rd = op == OP_NONE ? sh(t, R) : t->width ? scaled(t, ex_copy(R), loc) : ex_copy(R);
        if (!Rd) {
            diag_no_pointer_shadow(loc, ex_root_var(L)->name, R);
            diag_note(t->d->requested_at, "while differentiating '%s'", t->f->name);
            return;
        }
        st_append(out, st_expr(ex_assign(op, Ld, Rd, loc), loc));
    } else if (Ld && L->ty->kind == TY_STRUCT) {
        Expr *Rd = sh(t, R);
        if (Rd) st_append(out, st_assign(Ld, Rd, loc));
    } else if (!t->width) {
        Stmt *clear = shadow_union_clear(&t->sh, L, op != OP_NONE);
        if (clear) st_append(out, clear);
    }
    st_append(out, st_expr(ex_assign(op, L, R, loc), loc));
}

/* ++/-- : floats keep their tangent (d(x+1) = dx); pointers move their shadow. */
static void increment(Tan *t, ExprKind kind, Expr *L, Loc loc, Stmt *out) {
    Expr *inc = ex_step(kind, ex_copy(L), loc);
    if (!t->width) shadow_union_clear(&t->sh, L, true);   /* u.bits++: refused */
    if (L->ty->kind == TY_PTR && has_shadow(t, L)) {
        Op op = kind == EX_PREINC || kind == EX_POSTINC ? OP_ADD : OP_SUB;
        /* in vector mode p_d moves by K lanes */
        Expr *s = t->width ? ex_assign(op, sh(t, L), ex_int(t->width, NULL, loc), loc) : ex_step(kind, sh(t, L), loc);
        st_append(out, st_expr(s, loc));
    }
    st_append(out, st_expr(inc, loc));
}

/* ---- calls ---------------------------------------------------------------- */

/* An argument is active when it has a tangent: shadows exist only for
 * active values, temporaries included. */
static bool arg_active(Tan *t, const Expr *a) {
    if (ty_is_float(a->ty)) return tan_expr(t, a) != NULL;
    if (ty_is_address(a->ty) && ty_is_differentiable(a->ty)) return act_ptr_active(t->act, a) && has_shadow(t, a);
    return false;
}

static Expr *null_of(Type *ty, Loc loc) { return ex_cast(ty, ex_int(0, NULL, loc), loc); }

/* The shadow argument passed for one argument of a derivative call. */
static Expr *shadow_arg(Tan *t, const Expr *a, Type *param_ty, Stmt *out) {
    if (ty_is_float(a->ty)) {
        Expr *d = tan_expr(t, a);
        if (!t->width) return d ? d : zero(param_ty, a->loc);
        /* K lanes of a scalar argument: a temporary array */
        Var *tmp = new_temp(t->g, a->ty, a->loc);
        return ex_var(declare_tangent(t, tmp, d, a->loc, out), a->loc);
    }
    Expr *s = sh(t, a);
    return s ? s : null_of(param_ty, a->loc);
}

/* A call with pure arguments, as a statement; result (when wanted) in a
 * temporary, whose tangent is set when want_tangent.  Returns the
 * temporary, or NULL.  A result whose tangent nobody reads must not ask the
 * callee for one: the callee would then need derivatives of memory that the
 * caller has rightly left without a shadow. */
static Expr *call(Tan *t, const Expr *e, Expr **args, Stmt *out, bool want_result, bool want_tangent) {
    Loc loc = e->loc;
    const char *fname = e->lhs->kind == EX_FUNC ? e->lhs->name : NULL;
    Expr *prim = ex_copy(e);
    prim->args = args;
    bool any_active = false;
    for (int i = 0; i < e->nargs; i++) any_active |= arg_active(t, args[i]);
    bool float_result = ty_is_float(e->ty);

    const Rule *rule = fname ? rules_math(fname) : NULL;
    Custom *custom = fname ? mod_find_custom(t->plan->mod, fname) : NULL;
    Func *callee = fname ? mod_find_func(t->plan->mod, fname) : NULL;

    if (custom && custom->inactive && ad_inactive_stores(callee, e, &t->sh)) return NULL;
    if (!custom && ad_memory_call_refused(e, &t->sh)) return NULL;
    if (!any_active || (custom && custom->inactive)) {
        if (!want_result || e->ty->kind == TY_VOID) {
            st_append(out, st_expr(prim, loc));
            return NULL;
        }
        Var *r = new_temp(t->g, e->ty, loc);
        st_append(out, st_decl(r, prim, loc));
        return ex_var(r, loc);
    }
    if (rule) {
        Var *r = new_temp(t->g, e->ty, loc);
        st_append(out, st_decl(r, prim, loc));
        Expr *d = chain(t, rule, args, e->nargs < rule->arity ? e->nargs : rule->arity, ex_var(r, loc), e->ty);
        declare_tangent(t, r, d ? d : zero(e->ty, loc), loc, out);
        return ex_var(r, loc);
    }
    if (!fname) {
        diag_error(loc, "cannot differentiate a call through a function pointer; call the function directly");
        return NULL;
    }
    const char *dname = NULL;
    bool *active = NULL;
    /* A writable pointer argument left without a shadow holds nothing that
     * reaches an output; the activity analysis lets the result depend on
     * what it points to, so the result reaches no output either. */
    for (int i = 0; i < e->nargs; i++) {
        const Type *at = args[i]->ty;
        if (ty_is_address(at) && ty_is_differentiable(at) && !at->base->is_const && ex_root_var(args[i]) && !arg_active(t, args[i]))
            want_tangent = false;
    }
    bool ret_active = float_result && want_tangent;
    if (custom && custom->tangent && t->width) {
        diag_error(loc, "'%s' has a custom tangent for one direction; mode(vector) cannot call it", fname);
        return NULL;
    } else if (custom && custom->tangent) {
        dname = custom->tangent;
    } else if (callee && callee->body) {
        active = NEW_ARRAY(bool, callee->nparams + 1);
        for (int i = 0; i < callee->nparams && i < e->nargs; i++) {
            bool act = arg_active(t, args[i]);
            active[i] = act && ad_is_differentiable_param(callee->params[i]);
            if (ad_param_drops(callee, i, args[i], act)) return NULL;
        }
        /* an active pointer the callee may write must be an output too */
        dname = (t->width ? ad_request_vector(t->plan, callee, t->width, active, ret_active, loc)
                          : ad_request(t->plan, callee, MODE_TANGENT, active, ret_active, loc))->name;
    } else {
        diag_error(loc, "no derivative for '%s': it has no body in this file; declare one with "
                        "'#pragma cgrad derivative %s tangent(NAME) adjoint(NAME)' or mark it "
                        "'#pragma cgrad inactive %s'",
                   fname, fname, fname);
        return NULL;
    }
    PtrVec a = {0};
    for (int i = 0; i < e->nargs; i++) {
        vec_push(&a, args[i]);
        Type *pty = callee && i < callee->nparams ? callee->params[i]->ty : args[i]->ty;
        bool shadowed = active ? active[i] : (callee && i < callee->nparams ? ad_is_differentiable_param(callee->params[i])
                                                                              : ty_is_differentiable(args[i]->ty));
        if (shadowed) vec_push(&a, shadow_arg(t, args[i], pty, out));
    }
    Var *r = NULL, *rd = NULL;
    if (float_result || (want_result && e->ty->kind != TY_VOID)) r = new_temp(t->g, e->ty, loc);
    if (float_result && (ret_active || (custom && custom->tangent))) {
        if (t->width) {
            rd = shadow_new(&t->sh, r, ty_array_of(shadow_type(e->ty), t->width));
            st_append(out, st_decl(rd, NULL, loc));
            vec_push(&a, ex_var(rd, loc));   /* K lanes */
        } else {
            rd = shadow_new(&t->sh, r, shadow_type(e->ty));
            st_append(out, st_decl(rd, NULL, loc));
            vec_push(&a, ex_addr(ex_var(rd, loc), loc));
        }
    }
    Expr *dc = ex_call(dname, (Expr **)a.data, a.len, e->ty, loc);
    if (r) {
        st_append(out, st_decl(r, dc, loc));
        return ex_var(r, loc);
    }
    st_append(out, st_expr(dc, loc));
    return NULL;
}

static bool calls_user_function(const Expr *e);
static Expr *captured(Tan *t, Expr *l, Loc loc, Stmt *out);

static Expr **pure_args(Tan *t, const Expr *e, Stmt *out) {
    Expr **args = NEW_ARRAY(Expr *, e->nargs + 1);
    for (int i = 0; i < e->nargs; i++) {
        args[i] = pure(t, e->args[i], out);
        /* left to right, as clang: fmod(y[0], f(y)) reads y[0] before f runs */
        bool later_calls = false;
        for (int j = i + 1; j < e->nargs; j++) later_calls |= calls_user_function(e->args[j]);
        if (later_calls && !ty_is_address(args[i]->ty) && ex_reads_memory(args[i])) args[i] = captured(t, args[i], e->loc, out);
    }
    return args;
}

/* The value of the pure expression l, read now into a temporary (with its
 * tangent), before what follows may change the memory it reads. */
static Expr *captured(Tan *t, Expr *l, Loc loc, Stmt *out) {
    Var *tmp = new_temp(t->g, l->ty, loc);
    st_append(out, st_decl(tmp, l, loc));
    Expr *d = ty_is_float(l->ty) ? tan_expr(t, l) : NULL;
    if (d) declare_tangent(t, tmp, d, loc, out);
    return ex_var(tmp, loc);
}

/* pure(), for a value stored where no tangent is kept: a user call there
 * needs no tangent of its result. */
static Expr *pure_value(Tan *t, const Expr *e, Stmt *out) {
    if (e->kind != EX_CALL || (e->lhs->kind == EX_FUNC && rules_math(e->lhs->name))) return pure(t, e, out);
    Expr *r = call(t, e, pure_args(t, e, out), out, true, false);
    return r ? r : ex_int(0, NULL, e->loc);
}

/* ---- hoisting side effects ----------------------------------------------- */

static bool touches_derivatives(Tan *t, const Expr *e);

/* e evaluated for its effects only. */
static void effect(Tan *t, const Expr *e, Stmt *out) {
    switch (e->kind) {
    case EX_ASSIGN: {
        /* the right side's effects first: clang does so for every
         * assignment and gcc for compound ones, so `a[g(a)] += f(a)` reads
         * what f leaves in a, as the compiled FUNC does */
        PtrVec roots = {0};
        if (e->lhs->ty->kind == TY_PTR && has_shadow(t, e->lhs) && !ex_pointer_roots(e->rhs, &roots)) {
            diag_no_pointer_shadow(e->loc, ex_root_var(e->lhs)->name, e->rhs);
            return;
        }
        bool untracked = e->op == OP_NONE && !ex_has_side_effects(e->lhs) && !has_shadow(t, e->lhs);   /* not *p++ */
        Expr *R = untracked ? pure_value(t, e->rhs, out) : pure(t, e->rhs, out);
        Expr *L = pure(t, e->lhs, out);
        assign(t, L, e->op, R, e->loc, out);
        return;
    }
    case EX_PREINC:
    case EX_PREDEC:
    case EX_POSTINC:
    case EX_POSTDEC: increment(t, e->kind, pure(t, e->lhs, out), e->loc, out); return;
    case EX_CALL: call(t, e, pure_args(t, e, out), out, false, false); return;
    case EX_BINARY:
        if (e->op == OP_COMMA) {
            effect(t, e->lhs, out);
            effect(t, e->rhs, out);
            return;
        }
        break;
    case EX_CAST:
        if (e->ty->kind == TY_VOID) {
            effect(t, e->lhs, out);
            return;
        }
        break;
    default: break;
    }
    Expr *p = pure(t, e, out);
    if (ex_has_side_effects(p)) st_append(out, st_expr(p, e->loc));
}

static Stmt *assign_stmts(Tan *t, Var *r, const Expr *value) {
    Stmt *b = st_block(value->loc);
    assign(t, ex_var(r, value->loc), OP_NONE, pure(t, value, b), value->loc, b);
    return b;
}

/* c ? a : b, a && b and a || b whose later operands have effects: an if
 * statement runs exactly the effects C would. */
static Expr *branches(Tan *t, const Expr *e, Stmt *out) {
    Loc loc = e->loc;
    Type *ty = e->kind == EX_COND ? e->ty : ty_basic(TY_INT);
    Var *r = new_temp(t->g, ty, loc);
    st_append(out, st_decl(r, NULL, loc));
    if (ty_is_float(ty)) declare_tangent(t, r, t->width ? NULL : zero(ty, loc), loc, out);
    if (e->kind == EX_COND) {
        Expr *c = pure(t, e->cond, out);
        st_append(out, st_if(c, assign_stmts(t, r, e->lhs), assign_stmts(t, r, e->rhs), loc));
        return ex_var(r, loc);
    }
    Expr *c = pure(t, e->lhs, out);
    Stmt *eval = assign_stmts(t, r, ex_binary(OP_NE, (Expr *)e->rhs, ex_int(0, NULL, loc), ty_basic(TY_INT), loc));
    Stmt *fixed = st_block(loc);
    st_append(fixed, st_assign(ex_var(r, loc), ex_int(e->op == OP_LOR, NULL, loc), loc));
    st_append(out, e->op == OP_LAND ? st_if(c, eval, fixed, loc) : st_if(c, fixed, eval, loc));
    return ex_var(r, loc);
}

/* Does e call a function other than a math.h one? */
static bool calls_user_function(const Expr *e) {
    if (!e) return false;
    if (e->kind == EX_CALL && !(e->lhs->kind == EX_FUNC && rules_math(e->lhs->name))) return true;
    if (calls_user_function(e->lhs) || calls_user_function(e->rhs) || calls_user_function(e->cond)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (calls_user_function(e->args[i])) return true;
    return false;
}

/* A side-effect-free expression with e's value; e's effects go to out. */
static Expr *pure(Tan *t, const Expr *e, Stmt *out) {
    /* a comma goes even without effects, as in the adjoint's normalization */
    if (!ex_has_side_effects(e) && !ex_has_comma(e)) return ex_copy(e);
    switch (e->kind) {
    case EX_ASSIGN:
    case EX_PREINC:
    case EX_PREDEC:
        effect(t, e, out);
        return pure(t, e->lhs, out);
    case EX_POSTINC:
    case EX_POSTDEC: {
        Expr *L = pure(t, e->lhs, out);
        Var *old = new_temp(t->g, L->ty, e->loc);
        st_append(out, st_decl(old, ex_copy(L), e->loc));
        Expr *Ld = sh(t, L);
        if (Ld && ty_is_float(L->ty)) declare_tangent(t, old, Ld, e->loc, out);
        else if (Ld && L->ty->kind == TY_PTR) st_append(out, st_decl(shadow_new(&t->sh, old, shadow_type(L->ty)), Ld, e->loc));
        increment(t, e->kind, L, e->loc, out);
        return ex_var(old, e->loc);
    }
    case EX_CALL: {
        Expr **args = pure_args(t, e, out);
        const char *fname = e->lhs->kind == EX_FUNC ? e->lhs->name : NULL;
        if (fname && rules_math(fname)) {
            bool active = false;
            for (int i = 0; i < e->nargs; i++) active |= arg_active(t, args[i]);
            if (!active) {
                Expr *c = ex_copy(e);
                c->args = args;
                return c;
            }
        }
        Expr *r = call(t, e, args, out, true, true);
        return r ? r : ex_int(0, NULL, e->loc);
    }
    case EX_COND:
    case EX_BINARY:
        if ((e->kind == EX_COND && (ex_has_side_effects(e->lhs) || ex_has_side_effects(e->rhs))) ||
            ((e->op == OP_LAND || e->op == OP_LOR) && ex_has_side_effects(e->rhs)))
            return branches(t, e, out);
        if (e->kind == EX_BINARY && e->op == OP_COMMA) {
            effect(t, e->lhs, out);
            return pure(t, e->rhs, out);
        }
        if (e->kind == EX_BINARY && calls_user_function(e->rhs) && ex_reads_memory(e->lhs)) {
            /* left to right: y[i] / f(y) reads y[i] before f may change it,
             * and (g(y) + y[i]) / f(y) after g and before f */
            Expr *c = ex_copy(e);
            c->lhs = pure(t, e->lhs, out);
            if (ex_reads_memory(c->lhs)) c->lhs = captured(t, c->lhs, e->loc, out);
            c->rhs = pure(t, e->rhs, out);
            return c;
        }
        break;
    default: break;
    }
    Expr *c = ex_copy(e);
    if (e->lhs) c->lhs = pure(t, e->lhs, out);
    if (e->rhs) c->rhs = pure(t, e->rhs, out);
    if (e->cond) c->cond = pure(t, e->cond, out);
    if (e->nargs) c->args = pure_args(t, e, out);
    return c;
}

/* Does evaluating e change anything that has a derivative, or call a
 * function that might?  If not, e is copied as it is. */
static bool touches_derivatives(Tan *t, const Expr *e) {
    if (!e) return false;
    switch (e->kind) {
    case EX_ASSIGN:
    case EX_PREINC:
    case EX_PREDEC:
    case EX_POSTINC:
    case EX_POSTDEC:
        if (has_shadow(t, e->lhs)) return true;
        break;
    case EX_CALL:
        if (e->lhs->kind == EX_FUNC && rules_math(e->lhs->name)) break;   /* pure */
        for (int i = 0; i < e->nargs; i++)
            /* an argument with a call in it is not hoisted yet: assume it matters */
            if (ex_has_side_effects(e->args[i]) || arg_active(t, e->args[i])) return true;
        break;
    default: break;
    }
    if (touches_derivatives(t, e->lhs) || touches_derivatives(t, e->rhs) || touches_derivatives(t, e->cond)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (touches_derivatives(t, e->args[i])) return true;
    return false;
}

/* ---- statements ------------------------------------------------------------ */

static bool wants_shadow(Tan *t, const Var *v) {
    if (!ty_is_differentiable(v->ty) && v->ty->kind != TY_STRUCT) return false;
    return act_var_active(t->act, v);
}

static Expr *tan_init(Tan *t, const Expr *init, Type *ty) {
    if (init->kind == EX_INIT) {
        Expr *c = ex_copy(init);
        for (int i = 0; i < c->nargs; i++) {
            Expr *d = tan_expr(t, init->args[i]);
            c->args[i] = d ? d : zero(ty_float_elem(ty) ? ty_float_elem(ty) : ty, init->loc);
        }
        return c;
    }
    if (ty->kind == TY_PTR) return sh(t, init);
    Expr *d = tan_expr(t, init);
    return d ? d : zero(ty, init->loc);
}

/* A declaration's tangent in vector mode: K lanes per scalar or element. */
static void vector_decl(Tan *t, const Stmt *s, Var *v, Expr *init, Stmt *out) {
    if (ty_is_float(v->ty)) {
        declare_tangent(t, v, init ? tan_init(t, init, v->ty) : NULL, s->loc, out);
        return;
    }
    if (v->ty->kind == TY_PTR) {
        Expr *dinit = init ? sh(t, init) : NULL;
        if (init && !dinit) {
            diag_no_pointer_shadow(s->loc, v->name, s->init);
            return;
        }
        st_append(out, st_decl(shadow_new(&t->sh, v, v->ty), dinit, s->loc));
        return;
    }
    if (v->ty->kind == TY_ARRAY && ty_is_float(v->ty->base) && v->ty->array_len > 0) {
        Var *vd = shadow_new(&t->sh, v, ty_padded(ty_array_of(ty_unqualified(v->ty->base), v->ty->array_len * t->width)));
        Expr *zeros = NEW(Expr);
        *zeros = (Expr){.kind = EX_INIT, .ty = vd->ty, .loc = s->loc};
        st_append(out, st_decl(vd, zeros, s->loc));
        for (int i = 0; init && init->kind == EX_INIT && i < init->nargs; i++) {
            Expr *d = tan_expr(t, init->args[i]);
            Expr *cell = ex_index(ex_var(vd, s->loc), lane_index(t, ex_int(i, NULL, s->loc), s->loc), s->loc);
            if (d) st_append(out, lanes(t, st_assign(cell, d, s->loc)));
        }
        return;
    }
    diag_error(s->loc, "mode(vector) supports floating scalars, pointers and one-dimensional local arrays; '%s' is none of them", v->name);
}

static void tan_decl(Tan *t, const Stmt *s, Stmt *out) {
    Var *v = s->var;
    Expr *init = NULL;
    if (s->init) {
        if (s->init->kind == EX_INIT) {
            init = ex_copy(s->init);
            for (int i = 0; i < init->nargs; i++) init->args[i] = pure(t, s->init->args[i], out);
        } else {
            init = wants_shadow(t, v) ? pure(t, s->init, out) : pure_value(t, s->init, out);
        }
    }
    st_append(out, st_decl(v, init, s->loc));
    if (!wants_shadow(t, v)) return;
    if (t->width) {
        vector_decl(t, s, v, init, out);
        return;
    }
    Var *vd = shadow_new(&t->sh, v, shadow_type(v->ty));
    Expr *dinit = init ? tan_init(t, init, v->ty) : NULL;
    if (init && v->ty->kind == TY_PTR && !dinit) {
        diag_no_pointer_shadow(s->loc, v->name, s->init);
        return;
    }
    if (!init && ty_is_float(v->ty)) dinit = zero(v->ty, s->loc);
    if (!init && v->ty->kind == TY_STRUCT) {
        dinit = NEW(Expr);   /* {0}: members never assigned have a zero tangent */
        *dinit = (Expr){.kind = EX_INIT, .ty = v->ty, .loc = s->loc};
    }
    st_append(out, st_decl(vd, dinit, s->loc));
}

/* A loop condition is evaluated again on every iteration: it may not need
 * hoisting. */
static Expr *loop_cond(Tan *t, const Expr *c) {
    if (c && touches_derivatives(t, c)) {
        diag_error(c->loc, "this loop condition changes a differentiated value; move the update into the loop body");
    }
    return ex_copy(c);
}

/* Turns statements made by effect() into one comma expression (for steps). */
static Expr *as_comma(Tan *t, Stmt *b, Loc loc) {
    Expr *e = NULL;
    for (int i = 0; i < b->n; i++) {
        if (b->body[i]->kind != ST_EXPR) {
            diag_error(loc, "this loop step is too complex to differentiate; move it into the loop body");
            return e;
        }
        e = e ? ex_binary(OP_COMMA, e, b->body[i]->expr, b->body[i]->expr->ty, loc) : b->body[i]->expr;
    }
    (void)t;
    return e;
}

static Stmt *tan_stmt(Tan *t, const Stmt *s);

/* Does a loop body continue its own loop (a continue not inside a nested loop)? */
static bool continues(const Stmt *s) {
    if (!s) return false;
    if (s->kind == ST_CONTINUE) return true;
    if (s->kind == ST_WHILE || s->kind == ST_DO || s->kind == ST_FOR) return false;
    if (continues(s->then) || continues(s->els)) return true;
    for (int i = 0; i < s->n; i++)
        if (continues(s->body[i])) return true;
    return false;
}

/* c's effects (with their tangents), then `if (!c) { break; }`, into out. */
static void break_unless(Tan *t, const Expr *cond, Loc loc, Stmt *out) {
    Expr *c = pure(t, cond, out);
    Stmt *brk = st_block(loc);
    st_append(brk, st_new(ST_BREAK, loc));
    st_append(out, st_if(ex_unary(OP_NOT, c, ty_basic(TY_INT), loc), brk, NULL, loc));
}

/* while (c) B, or for (; c; step) B, where evaluating c changes something
 * with a derivative (a call, an increment): for (; ; step) { c's effects;
 * if (!c) break; B }, so the effects get their tangents every time. */
static Stmt *effectful_loop(Tan *t, const Stmt *s) {
    Stmt *loop = st_new(ST_FOR, s->loc);
    Stmt *body = st_block(s->loc);
    break_unless(t, s->cond, s->loc, body);
    Stmt *rest = tan_stmt(t, s->then);
    for (int i = 0; i < rest->n; i++) st_append(body, rest->body[i]);
    if (s->kind == ST_FOR && s->step) {
        Stmt *step = st_block(s->loc);
        effect(t, s->step, step);
        loop->step = as_comma(t, step, s->loc);
    }
    loop->then = body;
    return loop;
}

static Stmt *as_block(Stmt *s) {
    if (s->kind == ST_BLOCK) return s;
    Stmt *b = st_block(s->loc);
    st_append(b, s);
    return b;
}

static Stmt *tan_stmt(Tan *t, const Stmt *s) {
    Stmt *out = st_block(s->loc);
    switch (s->kind) {
    case ST_BLOCK:
        for (int i = 0; i < s->n; i++) {
            Stmt *x = tan_stmt(t, s->body[i]);
            if (x->kind == ST_BLOCK && x->text) {   /* a flat list: splice it */
                for (int k = 0; k < x->n; k++) st_append(out, x->body[k]);
            } else {
                st_append(out, x);
            }
        }
        return out;
    case ST_DECL: tan_decl(t, s, out); break;
    case ST_EXPR:
        if (!touches_derivatives(t, s->expr) && !ex_has_side_effects(s->expr)) {
            st_append(out, st_copy(s));
            break;
        }
        effect(t, s->expr, out);
        break;
    case ST_IF: {
        Expr *c = pure(t, s->cond, out);
        st_append(out, st_if(c, as_block(tan_stmt(t, s->then)), s->els ? as_block(tan_stmt(t, s->els)) : NULL, s->loc));
        break;
    }
    case ST_WHILE:
    case ST_DO:
    case ST_SWITCH: {
        if (s->kind == ST_WHILE && s->cond && touches_derivatives(t, s->cond)) {
            st_append(out, effectful_loop(t, s));
            break;
        }
        if (s->kind == ST_DO && touches_derivatives(t, s->cond)) {
            /* do B while (c): for (;;) { B; c's effects; if (!c) break; }.
             * A continue in B must reach c:
             * for (int once = 1;; once = 0) { if (!once) { c's effects; if (!c) break; } B } */
            Stmt *loop = st_new(ST_FOR, s->loc);
            Stmt *body = st_block(s->loc);
            Stmt *b = tan_stmt(t, s->then);
            Stmt *test = st_block(s->loc);
            break_unless(t, s->cond, s->loc, test);
            bool cont = continues(s->then);
            if (cont) {
                Var *once = fn_new_var(t->g, fn_fresh_name(t->g, "_once"), ty_basic(TY_INT), VAR_LOCAL, s->loc);
                loop->for_init = st_decl(once, ex_int(1, NULL, s->loc), s->loc);
                loop->step = ex_assign(OP_NONE, ex_var(once, s->loc), ex_int(0, NULL, s->loc), s->loc);
                st_append(body, st_if(ex_unary(OP_NOT, ex_var(once, s->loc), ty_basic(TY_INT), s->loc), test, NULL, s->loc));
            }
            for (int i = 0; i < b->n; i++) st_append(body, b->body[i]);
            if (!cont)
                for (int i = 0; i < test->n; i++) st_append(body, test->body[i]);
            loop->then = body;
            st_append(out, loop);
            break;
        }
        Stmt *c = st_new(s->kind, s->loc);
        c->cond = s->kind == ST_SWITCH ? pure(t, s->cond, out) : loop_cond(t, s->cond);
        c->then = as_block(tan_stmt(t, s->then));
        st_append(out, c);
        break;
    }
    case ST_FOR: {
        if (s->cond && touches_derivatives(t, s->cond)) {
            Stmt *b = st_block(s->loc);
            if (s->for_init) {
                Stmt *init = tan_stmt(t, s->for_init);
                for (int i = 0; i < init->n; i++) st_append(b, init->body[i]);
            }
            st_append(b, effectful_loop(t, s));
            st_append(out, b);
            break;
        }
        Stmt *c = st_new(ST_FOR, s->loc);
        if (s->for_init) {
            Stmt *init = tan_stmt(t, s->for_init);
            c->for_init = init->n == 1 ? init->body[0] : init;
        }
        c->cond = loop_cond(t, s->cond);
        if (s->step && !touches_derivatives(t, s->step)) {
            c->step = ex_copy(s->step);
        } else if (s->step) {
            Stmt *step = st_block(s->loc);
            effect(t, s->step, step);
            c->step = as_comma(t, step, s->loc);
        }
        c->then = as_block(tan_stmt(t, s->then));
        st_append(out, c);
        break;
    }
    case ST_CASE: {
        Stmt *c = st_new(ST_CASE, s->loc);
        c->expr = ex_copy(s->expr);
        Stmt *body = s->then ? tan_stmt(t, s->then) : NULL;
        /* the label takes the first statement; the rest follow it in the switch */
        bool has_decl = false;
        for (int i = 0; body && i < body->n; i++) has_decl |= body->body[i]->kind == ST_DECL;
        if (body && body->text && body->n) {
            /* C11 puts no declaration right after a label: `case k: ;` then
             * the statements, in the switch's own scope */
            bool label_first = !has_decl || body->body[0]->kind == ST_CASE;   /* case 3: case 4: */
            c->then = label_first ? body->body[0] : st_new(ST_EMPTY, s->loc);
            st_append(out, c);
            for (int i = label_first ? 1 : 0; i < body->n; i++) st_append(out, body->body[i]);
            break;
        }
        c->then = body;
        st_append(out, c);
        break;
    }
    case ST_RETURN: {
        Stmt *r = st_new(ST_RETURN, s->loc);
        if (s->expr) {
            r->expr = pure(t, s->expr, out);
            if (t->ret_d) {
                Expr *d = tan_expr(t, r->expr);
                Expr *target = t->width ? ex_index(ex_var(t->ret_d, s->loc), lane(t, s->loc), s->loc) : ex_deref(ex_var(t->ret_d, s->loc), s->loc);
                st_append(out, lanes(t, st_assign(target, d ? d : zero(t->f->ret, s->loc), s->loc)));
            }
        }
        st_append(out, r);
        break;
    }
    default: st_append(out, st_copy(s)); break;
    }
    out->text = "flat";   /* the caller splices these statements into its block */
    return out;
}

void tan_generate(Plan *p, Deriv *d) {
    Func *f = d->src;
    Func *g = NEW(Func);
    g->name = d->name;
    g->ret = f->ret;
    g->is_static = f->is_static || !d->is_public;
    g->loc = f->loc;
    for (int i = 0; i < f->vars.len; i++) vec_push(&g->vars, f->vars.data[i]);
    Tan t = {p, d, f, g, act_analyze(f, d->active, d->ret_active, NULL), {g, {0}, "_d"}, NULL, 0, NULL};
    if (!act_check_lost(t.act, d->active, d->for_hvp, d->requested_at)) return;
    if (d->mode == MODE_VECTOR) {
        t.width = d->width;
        t.lane = fn_new_var(g, fn_fresh_name(g, "_k"), ty_basic(TY_INT), VAR_LOCAL, f->loc);
    }

    PtrVec params = {0};
    Stmt *entry = st_block(f->loc);
    for (int i = 0; i < f->nparams; i++) {
        Var *pv = f->params[i];
        vec_push(&params, pv);
        if (!d->active[i]) continue;
        if (t.width && ty_is_float(pv->ty)) {
            /* K directions of a scalar: `const T *x_d`, copied into lanes the body may update */
            Var *in = fn_new_var(g, fn_fresh_name(g, arena_printf("%s_d", pv->name)), ty_pointer_to(ty_qualified(ty_unqualified(pv->ty), true)), VAR_PARAM, pv->loc);
            vec_push(&params, in);
            Var *lanes_var = declare_tangent(&t, pv, NULL, pv->loc, entry);
            lanes_var->name = fn_fresh_name(g, arena_printf("_%s_d", pv->name));
            st_append(entry, lanes(&t, st_assign(ex_index(ex_var(lanes_var, pv->loc), lane(&t, pv->loc), pv->loc),
                                                 ex_index(ex_var(in, pv->loc), lane(&t, pv->loc), pv->loc), pv->loc)));
            continue;
        }
        Var *sh = shadow_new(&t.sh, pv, pv->ty);
        sh->kind = VAR_PARAM;
        vec_push(&params, sh);
    }
    if (d->ret_active) {
        t.ret_d = fn_new_var(g, fn_fresh_name(g, "ret_d"), ty_pointer_to(ty_unqualified(f->ret)), VAR_PARAM, f->loc);
        vec_push(&params, t.ret_d);
    }
    g->params = (Var **)params.data;
    g->nparams = params.len;
    /* a parameter outside wrt/out that is assigned an active value starts
     * with a zero tangent */
    for (int i = 0; i < f->nparams; i++) {
        Var *pv = f->params[i];
        if (d->active[i] || !ty_is_float(pv->ty) || !wants_shadow(&t, pv)) continue;
        declare_tangent(&t, pv, t.width ? NULL : zero(pv->ty, pv->loc), pv->loc, entry);
    }
    Stmt *body = tan_stmt(&t, f->body);
    body->text = NULL;
    for (int i = entry->n - 1; i >= 0; i--) st_prepend(body, entry->body[i]);
    g->body = body;
    d->out = g;
}
