/*
 * Adjoint (reverse) mode: FUNC_vjp.
 *
 * The function is first put in adjoint normal form (normalize.c) and its
 * jumps are made structured (structure.c).  Then, per statement:
 *
 *  1. build its adjoint: for `L = E`, the adjoint of L is taken and zeroed,
 *     and E's operands receive it times their partials (rule tables);
 *  2. decide what must be recorded (tbr below): the reverse sweep reads
 *     variables and memory; when the forward sweep overwrites one of them
 *     after the reverse sweep will have needed it, the old value is pushed
 *     on the tape (variables) or saved with its address (memory), and
 *     restored by the reverse sweep.  So every read of the reverse sweep
 *     sees exactly what the forward sweep saw — whatever the aliasing — and
 *     the tape holds one value per overwrite, never one per read;
 *  3. emit the forward sweep (the primal with pushes) and the reverse sweep
 *     (statements backwards; counted loops run backwards; other loops replay
 *     their trip count; ifs re-test their condition when nothing in them can
 *     change it, or replay a taped bit).
 *
 * Memory restored by the reverse sweep is put back in its final state by
 * cg_tape_replay, so FUNC_vjp leaves memory as FUNC would.
 *
 * A called function of the file gets a split pair: NAME_fwd (its forward
 * sweep, recording) and NAME_rev (its reverse sweep), so nothing is
 * recomputed.  Locals that NAME_rev needs are handed over on the tape.
 */
#include "ad/ad.h"
#include "rules/rules.h"

#include <string.h>

/* What one statement of the normal form needs; kept in Stmt.aux. */
typedef struct Info {
    Stmt *pre, *post;     /* adjoint code around the restore of what it wrote */
    PtrVec reads;         /* primal Vars the reverse code reads */
    PtrVec mreads;        /* memory classes (as int) the reverse code reads */
    PtrVec mroots;        /* the variables through which it reads them */
    Var *wvar;            /* variable written */
    Var *wshadow;         /* a pointer's shadow written along with it */
    Expr *wmem;           /* memory lvalue written */
    int wclass;
    bool push;            /* tbr: record the old value */
    Expr *recompute;      /* tbr: restore the old value by evaluating this instead */
    bool inverse;         /* tbr: an integer/pointer step undone by the opposite step */
    /* if */
    bool reeval;
    Var *bit;
    /* loops */
    bool counted;
    Var *ivar;
    Expr *lo, *hi;        /* counted: i runs over [lo, hi] (inclusive) */
    bool down;            /* counted: the forward loop counts down */
    Expr *past;           /* counted up, unsigned i: one past the last i (reverse: a signed copy from past - 1) */
    Var *counter;
    bool empty_reverse;
    /* counted, constant bounds: scalars kept per iteration (Var*), each in
     * its array (Var*) indexed by iter */
    PtrVec kept, kept_in;
    Expr *iter;
    /* a call to a function of the file: what the forward sweep calls instead */
    Expr *fwd_call;
    PtrVec spanned;       /* split: local arrays the callee may store into (Var*) */
    PtrVec plain_writes;  /* a call run as it is: the pointer arguments it may store through */
    PtrVec plain_globals; /* ... and the globals it, or a function it calls, may store into (Var*) */
    PtrVec snap;          /* local arrays saved whole around that call (Var*) */
    /* a call to a hand-written adjoint, which runs FUNC again: the pointer
     * arguments it may store through, and the local arrays saved once more
     * around it in the reverse sweep (Var*) */
    PtrVec custom_writes, resnap;
    /* the statement's reverse reads its own result (exp' = exp): a read of
     * the value it writes, not of the one it overwrites */
    Var *reads_result;
    Stmt *pre_capture;
    bool dead;            /* a store nothing reads: no adjoint */
} Info;

typedef struct Adj {
    Plan *plan;
    Deriv *d;
    Func *f;              /* normalized primal */
    Func *g;              /* generated */
    Activity *act;
    Shadows sh;
    Var *ret, *ret_b;
    Var *tp;
    int nprimal;          /* f's variables are ids [0, nprimal) */
    int *alias;           /* union-find over var ids: memory classes */
    int nalias;
    Stmt *decls;          /* declarations of the generated function */
    bool split;           /* generating NAME_fwd / NAME_rev */
    PtrVec refused;       /* memory classes already reported by class_local_array */
    Type *gtype[4];       /* per float kind: the `_g` temporaries' var */
    Var *gvar[4];
} Adj;

static Info *info(Stmt *s) {
    if (!s->aux) s->aux = NEW(Info);
    return s->aux;
}

/* The custom derivative whose tangent is named fname, or NULL. */
static const Custom *custom_with_tangent(const Module *m, const char *fname) {
    for (int i = 0; i < m->customs.len; i++) {
        const Custom *c = m->customs.data[i];
        if (c->tangent && strcmp(c->tangent, fname) == 0) return c;
    }
    return NULL;
}

/* ---- memory classes ------------------------------------------------------ */

static int aclass(Adj *a, const Var *v) {
    if (!v || v->id < 0 || v->id >= a->nalias) return 0;   /* globals: with the parameters */
    int c = v->id;
    while (a->alias[c] != c) c = a->alias[c] = a->alias[a->alias[c]];
    return c;
}

static void aunite(Adj *a, const Var *x, const Var *y) {
    int cx = aclass(a, x), cy = aclass(a, y);
    if (cx != cy) a->alias[cy] = cx;
}

/* The variables whose memory the pointer value e may address. */
static PtrVec pointer_roots(Adj *a, const Expr *e) {
    PtrVec roots = {0};
    fn_memory_roots(a->f, e, &roots);
    return roots;
}

/* A variable standing for the memory class of the lvalue or pointer e
 * (the classes of all its roots are one, see init_aliases). */
static Var *mem_root(Adj *a, const Expr *e) {
    PtrVec roots = pointer_roots(a, e);
    return roots.len ? roots.data[0] : NULL;
}

static void unite_roots(Adj *a, const Var *with, const Expr *e) {
    PtrVec roots = pointer_roots(a, e);
    for (int i = 0; i < roots.len; i++) {
        if (!with) with = roots.data[i];
        aunite(a, with, roots.data[i]);
    }
}

static void alias_expr(const Expr *e, void *adj) {
    Adj *a = adj;
    if (e->kind == EX_ASSIGN && e->lhs->kind == EX_VAR && e->lhs->ty->kind == TY_PTR) unite_roots(a, e->lhs->var, e->rhs);
    /* c ? x : y addresses either */
    if (e->kind == EX_COND && e->ty && (e->ty->kind == TY_PTR || e->ty->kind == TY_ARRAY)) unite_roots(a, NULL, e);
}

/* All caller-visible memory may overlap unless the pointer is restrict or
 * the caller checked that the buffers are disjoint (version.c). */
static void init_aliases(Adj *a) {
    a->nalias = a->f->vars.len;
    a->alias = NEW_ARRAY(int, a->nalias + 1);
    for (int i = 0; i < a->nalias; i++) a->alias[i] = i;
    Var *first = NULL;
    for (int i = 0; i < a->f->nparams; i++) {
        Var *p = a->f->params[i];
        if (p->ty->kind != TY_PTR || p->ty->is_restrict || a->d->disjoint) continue;
        if (first) aunite(a, first, p);
        else first = p;
    }
    st_visit(a->f->body, alias_expr, a);
}

/* ---- building adjoint code ----------------------------------------------- */

static bool any_shadow(Adj *a, const Expr *e) {
    if (!e) return false;
    switch (e->kind) {
    case EX_VAR:
    case EX_INDEX:
    case EX_DEREF:
    case EX_MEMBER: return ty_is_float(e->ty) && shadow_expr(&a->sh, e) != NULL;
    case EX_CAST: return ty_is_float(e->ty) && any_shadow(a, e->lhs);
    case EX_UNARY: return (e->op == OP_NEG || e->op == OP_PLUS) && any_shadow(a, e->lhs);
    case EX_BINARY: return rules_op(e->op) && ty_is_float(e->ty) && (any_shadow(a, e->lhs) || any_shadow(a, e->rhs));
    case EX_COND: return any_shadow(a, e->lhs) || any_shadow(a, e->rhs);
    case EX_CALL:   /* only as a guard: calls never stay inside expressions */
        for (int i = 0; i < e->nargs; i++)
            if (any_shadow(a, e->args[i])) return true;
        return false;
    default: return false;
    }
}

static void accumulate(Stmt *out, Expr *target, Expr *g, Loc loc) { st_append(out, st_expr(ex_assign(OP_ADD, target, g, loc), loc)); }

/* Adds g times d(e)/d(leaf) to the adjoint of every leaf of e. */
static const char *call_name(const Expr *e);

static void propagate(Adj *a, const Expr *e, Expr *g, Stmt *out) {
    if (!g || !any_shadow(a, e)) return;
    switch (e->kind) {
    case EX_VAR:
    case EX_INDEX:
    case EX_DEREF:
    case EX_MEMBER: accumulate(out, shadow_expr(&a->sh, e), g, e->loc); return;
    case EX_CAST:
        if (e->lhs->ty->kind != g->ty->kind) {
            Expr *c = ex_cast(ty_unqualified(e->lhs->ty), g, e->loc);
            c->implicit = true;
            g = c;
        }
        propagate(a, e->lhs, g, out);
        return;
    case EX_UNARY: propagate(a, e->lhs, e->op == OP_NEG ? fold_neg(g) : g, out); return;
    case EX_BINARY: {
        const Rule *r = rules_op(e->op);
        Expr *args[2] = {e->lhs, e->rhs};
        for (int i = 0; i < 2; i++)
            if (any_shadow(a, args[i])) propagate(a, args[i], fold_mul(g, rules_partial(r, i, args, NULL, e->ty)), out);
        return;
    }
    case EX_COND: {
        Stmt *t = st_block(e->loc), *f = st_block(e->loc);
        propagate(a, e->lhs, g, t);
        propagate(a, e->rhs, g, f);
        st_append(out, st_if(ex_copy(e->cond), t, f->n ? f : NULL, e->loc));
        return;
    }
    case EX_CALL:
        /* normalization gives every call a statement of its own */
        ICE("call to '%s' left inside an expression in adjoint normal form", call_name(e) ? call_name(e) : "?");
    default: return;
    }
}

/* The `_g` temporary for a float type: holds an adjoint while it is moved. */
static Var *gtemp(Adj *a, Type *ty) {
    int k = ty->kind == TY_FLOAT ? 1 : ty->kind == TY_LDOUBLE ? 2 : 0;
    if (!a->gvar[k]) {
        a->gvar[k] = fn_new_var(a->g, fn_fresh_name(a->g, "_g"), ty_unqualified(ty), VAR_LOCAL, a->f->loc);
        st_append(a->decls, st_decl(a->gvar[k], NULL, a->f->loc));
    }
    return a->gvar[k];
}

static Var *derived_temp(Adj *a, Type *ty, Loc loc) {
    Var *v = new_temp(a->g, ty, loc);
    st_append(a->decls, st_decl(v, NULL, loc));
    return v;
}

static bool is_increment(const Expr *e) {
    return e->kind == EX_PREINC || e->kind == EX_PREDEC || e->kind == EX_POSTINC || e->kind == EX_POSTDEC;
}

static const char *call_name(const Expr *e) { return e->kind == EX_CALL && e->lhs->kind == EX_FUNC ? e->lhs->name : NULL; }

static void call_adjoint(Adj *a, Stmt *s, const Expr *L, const Expr *call, Info *in);

/* Step 1 for a simple statement: its adjoint code and what it writes. */
static void build_simple(Adj *a, Stmt *s) {
    Info *in = info(s);
    in->pre = st_block(s->loc);
    in->post = st_block(s->loc);
    Expr *e = s->expr;
    Expr *L = e->kind == EX_ASSIGN || is_increment(e) ? e->lhs : NULL;
    if (L) {
        if (L->kind == EX_VAR && L->var->kind != VAR_GLOBAL) {
            in->wvar = L->var;
            if (L->ty->kind == TY_PTR) {
                Var *sh = shadow_of(&a->sh, L->var);
                if (sh) in->wshadow = sh;
            }
        } else {
            in->wmem = L;
            in->wclass = aclass(a, mem_root(a, L));
        }
    }
    if (e->kind == EX_CALL) {
        call_adjoint(a, s, NULL, e, in);
        return;
    }
    if (is_increment(e)) shadow_union_clear(&a->sh, L, true);   /* u.bits++: refused */
    if (e->kind != EX_ASSIGN) return;
    if (call_name(e->rhs)) {
        call_adjoint(a, s, L, e->rhs, in);
        return;
    }
    Stmt *clear = shadow_union_clear(&a->sh, L, e->op != OP_NONE);
    if (clear) st_append(in->pre, clear);   /* what it overwrote had no further effect */
    Expr *Lb = ty_is_float(L->ty) ? shadow_expr(&a->sh, L) : NULL;
    if (!Lb) return;
    Expr *E = e->op == OP_NONE ? e->rhs : ex_binary(e->op, L, e->rhs, ty_is_float(L->ty) ? L->ty : e->rhs->ty, e->loc);
    /* L = L + E' keeps L's adjoint: E' just receives it.  A variable's
     * adjoint can be read as it goes; memory's is copied first, since E' may
     * read the same memory through another pointer and so add to it. */
    if (E->kind == EX_BINARY && (E->op == OP_ADD || E->op == OP_SUB) && ex_same(E->lhs, L) && !ex_reads_var(E->rhs, ex_root_var(L))) {
        Expr *coef = ex_copy(Lb);
        if (L->kind != EX_VAR && any_shadow(a, E->rhs)) {
            Var *g = gtemp(a, L->ty);
            st_append(in->pre, st_assign(ex_var(g, s->loc), ex_copy(Lb), s->loc));
            coef = ex_var(g, s->loc);
        }
        propagate(a, E->rhs, E->op == OP_ADD ? coef : fold_neg(coef), in->post);
        return;
    }
    if (L->kind == EX_VAR && !ex_reads_var(E, L->var)) {
        propagate(a, E, ex_copy(Lb), in->post);
        st_append(in->post, st_assign(ex_copy(Lb), ex_float(0.0, L->ty, s->loc), s->loc));
        return;
    }
    Var *g = gtemp(a, L->ty);
    st_append(in->pre, st_assign(ex_var(g, s->loc), ex_copy(Lb), s->loc));
    st_append(in->pre, st_assign(ex_copy(Lb), ex_float(0.0, L->ty, s->loc), s->loc));
    propagate(a, E, ex_var(g, s->loc), in->post);
}

/* v = f(args) or f(args): math functions by their rule; other functions by
 * their own adjoint. */
static Var *derived_var(Adj *a, const char *name, Type *ty, Expr *init, Loc loc);
static Type *named_type(const char *name);
static bool is_primal(const Adj *a, const Var *v);
static Expr *tp(Adj *a, Loc loc);

/* The local arrays in memory class c, added to out. */
static void local_arrays_of_class(Adj *a, int c, PtrVec *out) {
    for (int i = 0; i < a->f->vars.len; i++) {
        Var *arr = a->f->vars.data[i];
        if (arr->kind == VAR_LOCAL && arr->ty->kind == TY_ARRAY && is_primal(a, arr) && aclass(a, arr) == c && !vec_contains(out, arr))
            vec_push(out, arr);
    }
}

/* A split function's local arrays that a callee may store into: the
 * callee records those stores by address, in this function's forward
 * frame, so they are moved into the reverse frame's arrays (cg_span_*). */
static void span_arrays(Adj *a, const Expr *call, Info *in) {
    for (int i = 0; i < call->nargs; i++) {
        const Type *t = call->args[i]->ty;
        if (!ty_is_address(t) || t->base->is_const) continue;
        local_arrays_of_class(a, aclass(a, mem_root(a, call->args[i])), &in->spanned);
    }
}

/* The globals f, or a function of the file it calls, stores into. */
typedef struct GlobalStores {
    const Module *mod;
    PtrVec seen;      /* functions visited (recursion) */
    PtrVec globals;   /* Var* */
} GlobalStores;

static void global_store_in(const Expr *e, void *ctx);

static void stores_globals(GlobalStores *g, const Func *f) {
    if (!f || !f->body || vec_contains(&g->seen, (void *)f)) return;
    vec_push(&g->seen, (void *)f);
    st_visit(f->body, global_store_in, g);
}

static void global_store_in(const Expr *e, void *ctx) {
    GlobalStores *g = ctx;
    if (e->kind == EX_ASSIGN || is_increment(e)) {
        Var *root = ex_root_var(e->lhs);
        if (root && root->kind == VAR_GLOBAL && !vec_contains(&g->globals, root)) vec_push(&g->globals, root);
    }
    if (e->kind == EX_CALL && e->lhs->kind == EX_FUNC) stores_globals(g, mod_find_func(g->mod, e->lhs->name));
}

static PtrVec globals_stored_by(const Module *m, const Func *f) {
    GlobalStores g = {m, {0}, {0}};
    stores_globals(&g, f);
    return g.globals;
}

static void call_adjoint(Adj *a, Stmt *s, const Expr *L, const Expr *call, Info *in) {
    const char *fname = call_name(call);
    if (L && L->kind == EX_VAR && L->ty->kind == TY_PTR && shadow_of(&a->sh, L->var)) {
        diag_no_pointer_shadow(s->loc, L->var->name, call);
        return;
    }
    bool active_arg = false;
    for (int i = 0; i < call->nargs; i++) {
        const Expr *x = call->args[i];
        active_arg |= ty_is_float(x->ty) ? any_shadow(a, x) : (ty_is_address(x->ty) && shadow_expr(&a->sh, x) != NULL);
    }
    Expr *Lb = L && ty_is_float(L->ty) ? shadow_expr(&a->sh, L) : NULL;
    Custom *custom = fname ? mod_find_custom(a->plan->mod, fname) : NULL;
    if (custom && custom->inactive && ad_inactive_stores(mod_find_func(a->plan->mod, fname), call, &a->sh)) return;
    if (!custom && ad_memory_call_refused(call, &a->sh)) return;
    if (!active_arg || (custom && custom->inactive)) {
        if (Lb) st_append(in->post, st_assign(ex_copy(Lb), ex_float(0.0, L->ty, s->loc), s->loc));
        /* run as it is, it records nothing: what it overwrites is saved here (tbr) */
        if (!(fname && rules_math(fname)))
            for (int i = 0; i < call->nargs; i++)
                if (ty_is_address(call->args[i]->ty) && !call->args[i]->ty->base->is_const) vec_push(&in->plain_writes, (void *)call->args[i]);
        if (fname) in->plain_globals = globals_stored_by(a->plan->mod, mod_find_func(a->plan->mod, fname));
        return;
    }
    const Rule *rule = fname ? rules_math(fname) : NULL;
    if (rule) {
        if (!Lb) return;
        Var *g = gtemp(a, L->ty);
        st_append(in->pre, st_assign(ex_var(g, s->loc), ex_copy(Lb), s->loc));
        st_append(in->pre, st_assign(ex_copy(Lb), ex_float(0.0, L->ty, s->loc), s->loc));
        /* a rule that reads the result gets it before L is restored */
        Expr *result = ex_copy(L);
        for (int i = 0; i < call->nargs && i < rule->arity; i++)
            if (rules_uses_result(rule, i) && any_shadow(a, call->args[i])) {
                Var *r = derived_temp(a, L->ty, s->loc);
                in->reads_result = L->var;
                in->pre_capture = st_assign(ex_var(r, s->loc), ex_copy(L), s->loc);
                result = ex_var(r, s->loc);
                break;
            }
        for (int i = 0; i < call->nargs && i < rule->arity; i++) {
            if (!any_shadow(a, call->args[i])) continue;
            Expr *p = rules_partial(rule, i, call->args, result, call->ty);
            if (p) propagate(a, call->args[i], fold_mul(ex_var(g, s->loc), p), in->post);
        }
        return;
    }
    if (!fname) {
        diag_error(call->loc, "cannot differentiate a call through a function pointer; call the function directly");
        return;
    }
    Func *callee = mod_find_func(a->plan->mod, fname);
    bool has_body = callee && callee->body;
    const Custom *tangent_of = has_body ? NULL : custom_with_tangent(a->plan->mod, fname);
    if (!has_body && !(custom && custom->adjoint) && tangent_of) {
        /* FUNC_hvp differentiates the tangent, which calls this one */
        diag_error(call->loc, "mode(hvp) differentiates '%s', the tangent declared for '%s', in reverse, and it has no body in "
                              "this file; define it here, or declare its derivatives with "
                              "'#pragma cgrad derivative %s tangent(NAME) adjoint(NAME)'",
                   fname, tangent_of->fname, fname);
        return;
    }
    if (!has_body && !(custom && custom->adjoint)) {
        diag_error(call->loc, "no derivative for '%s': it has no body in this file; declare one with "
                              "'#pragma cgrad derivative %s tangent(NAME) adjoint(NAME)' or mark it "
                              "'#pragma cgrad inactive %s'",
                   fname, fname, fname);
        return;
    }
    Loc loc = call->loc;
    bool ret_active = Lb != NULL;
    /* which parameters take an adjoint: the active arguments (of a body), or
     * every floating one (a custom derivative follows the contract) */
    bool *active = NEW_ARRAY(bool, call->nargs + 1);
    for (int i = 0; i < call->nargs; i++) {
        const Expr *x = call->args[i];
        bool differentiable = callee && i < callee->nparams ? ad_is_differentiable_param(callee->params[i]) : ty_is_differentiable(x->ty);
        bool act = ty_is_float(x->ty) ? any_shadow(a, x) : (ty_is_address(x->ty) && shadow_expr(&a->sh, x) != NULL);
        active[i] = differentiable && (has_body ? act : true);
        if (ad_param_drops(callee, i, x, act)) return;
    }
    /* no output of the callee carries a derivative (its result is unused and
     * it writes through no pointer): the call needs no adjoint at all, and
     * running one would only multiply zero seeds by its partials */
    bool writes = false;
    for (int i = 0; i < call->nargs; i++) {
        const Type *t = call->args[i]->ty;
        writes |= ty_is_address(t) && !t->base->is_const;
    }
    if (!ret_active && !writes) {
        if (Lb) st_append(in->post, st_assign(ex_copy(Lb), ex_float(0.0, L->ty, call->loc), call->loc));
        return;
    }
    const char *rev_name;
    if (has_body && !(custom && custom->adjoint)) {
        Deriv *cd = ad_request(a->plan, callee, MODE_ADJOINT, active, ret_active && ty_is_float(callee->ret), loc);
        rev_name = cd->name;
        ret_active = cd->ret_active;
        /* forward: the recording version, given the shadows of active pointers */
        PtrVec fa = {0};
        for (int i = 0; i < call->nargs; i++) {
            vec_push(&fa, ex_copy(call->args[i]));
            if (active[i] && ty_is_address(call->args[i]->ty)) vec_push(&fa, shadow_expr(&a->sh, call->args[i]));
        }
        in->fwd_call = ex_call(cd->fwd_name, (Expr **)fa.data, fa.len, call->ty, loc);
        if (a->split) span_arrays(a, call, in);
    } else {
        rev_name = custom->adjoint;
        ret_active = ty_is_float(call->ty);
        for (int i = 0; i < call->nargs; i++) {
            const Type *t = callee && i < callee->nparams ? callee->params[i]->ty : call->args[i]->ty;
            if (ty_is_address(t) && ty_is_address(call->args[i]->ty) && !t->base->is_const) vec_push(&in->custom_writes, (void *)call->args[i]);
        }
    }
    /* reverse: seed, then the callee's reverse with adjoint temporaries for scalars */
    Var *g = NULL;
    if (Lb && ret_active) {
        g = gtemp(a, L->ty);
        st_append(in->pre, st_assign(ex_var(g, loc), ex_copy(Lb), loc));
        st_append(in->pre, st_assign(ex_copy(Lb), ex_float(0.0, L->ty, loc), loc));
    } else if (Lb) {
        st_append(in->pre, st_assign(ex_copy(Lb), ex_float(0.0, L->ty, loc), loc));
    }
    PtrVec ra = {0};
    Stmt *after = st_block(loc);
    for (int i = 0; i < call->nargs; i++) {
        const Expr *x = call->args[i];
        vec_push(&ra, ex_copy(x));
        if (!active[i]) continue;
        if (ty_is_float(x->ty)) {
            Var *t = derived_temp(a, ty_unqualified(x->ty), loc);
            st_append(in->post, st_assign(ex_var(t, loc), ex_float(0.0, t->ty, loc), loc));
            vec_push(&ra, ex_addr(ex_var(t, loc), loc));
            propagate(a, x, ex_var(t, loc), after);
        } else {
            Expr *sx = shadow_expr(&a->sh, x);
            Type *pty = callee && i < callee->nparams ? callee->params[i]->ty : x->ty;
            vec_push(&ra, sx ? sx : ex_cast(ty_pointer_to(ty_qualified(pty->base, false)), ex_int(0, NULL, loc), loc));
        }
    }
    if (ret_active) vec_push(&ra, g ? ex_var(g, loc) : ex_float(0.0, ty_unqualified(call->ty), loc));
    /* the callee's records of stores into our local arrays, moved into this frame's */
    Var **spans = NEW_ARRAY(Var *, in->spanned.len + 1);
    for (int k = in->spanned.len - 1; k >= 0; k--) {
        Var *arr = in->spanned.data[k];
        spans[k] = derived_var(a, "_span", named_type("cg_span"), NULL, loc);
        st_append(in->post, st_expr(ex_call_n("cg_span_rebase", ty_basic(TY_VOID), loc, 4, tp(a, loc), ex_addr(ex_var(spans[k], loc), loc),
                                              ex_var(arr, loc), ex_sizeof_var(arr, loc)), loc));
    }
    if (in->spanned.len) st_append(in->post, st_expr(ex_call_n("cg_span_settle", ty_basic(TY_VOID), loc, 1, tp(a, loc)), loc));
    st_append(in->post, st_expr(ex_call(rev_name, (Expr **)ra.data, ra.len, ty_basic(TY_VOID), loc), loc));
    for (int k = 0; k < in->spanned.len; k++) {
        Var *arr = in->spanned.data[k];
        st_append(in->post, st_expr(ex_call_n("cg_span_retire", ty_basic(TY_VOID), loc, 4, tp(a, loc), ex_addr(ex_var(spans[k], loc), loc),
                                              ex_var(arr, loc), ex_sizeof_var(arr, loc)), loc));
    }
    for (int i = 0; i < after->n; i++) st_append(in->post, after->body[i]);
    (void)s;
}

/* ---- step 1 over the tree, and what the reverse code reads ---------------- */

/* Is v a variable of the function being differentiated (rather than one
 * this transform made)?  A function generated earlier — a tangent being
 * differentiated for a Hessian-vector product — has derivative variables of
 * its own that are primal state here. */
static bool is_primal(const Adj *a, const Var *v) {
    return v && v->id >= 0 && v->id < a->nprimal && a->f->vars.data[v->id] == v;
}

static void reads_of_expr(Adj *a, const Expr *e, Info *in) {
    if (!e) return;
    if (e->kind == EX_VAR) {
        /* a shadow pointer is only valid where its primal pointer is */
        Var *v = is_primal(a, e->var) ? e->var : e->var->ty->kind == TY_PTR && is_primal(a, e->var->primal) ? e->var->primal : NULL;
        if (v && v->kind != VAR_GLOBAL && !vec_contains(&in->reads, v)) vec_push(&in->reads, v);
        /* a global variable is memory the caller sees: class 0, read through itself */
        if (e->var->kind == VAR_GLOBAL) {
            if (!vec_contains(&in->mreads, (void *)(intptr_t)aclass(a, NULL))) vec_push(&in->mreads, (void *)(intptr_t)aclass(a, NULL));
            if (!vec_contains(&in->mroots, e->var)) vec_push(&in->mroots, e->var);
        }
        return;
    }
    if (e->kind == EX_INDEX || e->kind == EX_DEREF || (e->kind == EX_MEMBER && e->arrow)) {
        Var *root = mem_root(a, e);
        if (root && is_primal(a, root)) {   /* adjoint memory is not primal state */
            intptr_t c = aclass(a, root);
            if (!vec_contains(&in->mreads, (void *)c)) vec_push(&in->mreads, (void *)c);
            if (!vec_contains(&in->mroots, root)) vec_push(&in->mroots, root);
        }
    }
    if (e->kind == EX_CALL && !(e->lhs->kind == EX_FUNC && rules_math(e->lhs->name))) {
        /* a callee's reverse half reads the memory its pointer arguments reach */
        for (int i = 0; i < e->nargs; i++) {
            Var *root = ty_is_address(e->args[i]->ty) ? mem_root(a, e->args[i]) : NULL;
            intptr_t c = root && is_primal(a, root) ? aclass(a, root) : -1;
            if (c >= 0 && !vec_contains(&in->mreads, (void *)c)) vec_push(&in->mreads, (void *)c);
            if (c >= 0 && !vec_contains(&in->mroots, root)) vec_push(&in->mroots, root);
        }
    }
    reads_of_expr(a, e->lhs, in);
    reads_of_expr(a, e->rhs, in);
    reads_of_expr(a, e->cond, in);
    for (int i = 0; i < e->nargs; i++) reads_of_expr(a, e->args[i], in);
}

static void reads_of_stmt(Adj *a, const Stmt *s, Info *in) {
    if (!s) return;
    reads_of_expr(a, s->expr, in);
    reads_of_expr(a, s->cond, in);
    reads_of_expr(a, s->init, in);
    reads_of_stmt(a, s->then, in);
    reads_of_stmt(a, s->els, in);
    for (int i = 0; i < s->n; i++) reads_of_stmt(a, s->body[i], in);
}

/* Everything a statement (tree) may write: variables and memory classes. */
typedef struct Writes {
    PtrVec vars;
    PtrVec classes;
} Writes;

static void writes_of(Adj *a, const Stmt *s, Writes *w) {
    if (!s) return;
    if (s->kind == ST_EXPR) {
        const Expr *e = s->expr;
        const Expr *L = e->kind == EX_ASSIGN || is_increment(e) ? e->lhs : NULL;
        if (L && L->kind == EX_VAR) vec_push(&w->vars, L->var);
        else if (L) vec_push(&w->classes, (void *)(intptr_t)aclass(a, mem_root(a, L)));
        const Expr *c = e->kind == EX_CALL ? e : (e->kind == EX_ASSIGN && e->rhs->kind == EX_CALL ? e->rhs : NULL);
        if (c && !rules_math(call_name(c) ? call_name(c) : ""))
            for (int i = 0; i < c->nargs; i++)
                if (ty_is_address(c->args[i]->ty)) vec_push(&w->classes, (void *)(intptr_t)aclass(a, mem_root(a, c->args[i])));
    }
    writes_of(a, s->for_init, w);
    writes_of(a, s->then, w);
    writes_of(a, s->els, w);
    for (int i = 0; i < s->n; i++) writes_of(a, s->body[i], w);
}

static bool expr_touches(Adj *a, const Expr *e, const Writes *w) {
    Info tmp = {0};
    reads_of_expr(a, e, &tmp);
    for (int i = 0; i < tmp.reads.len; i++)
        if (vec_contains(&w->vars, tmp.reads.data[i])) return true;
    for (int i = 0; i < tmp.mreads.len; i++)
        if (vec_contains(&w->classes, tmp.mreads.data[i])) return true;
    /* a condition that reads memory is unsafe if anything writes memory the
     * same class might share */
    return false;
}

/* Bytes of an integer type, for comparing ranks (LP64). */
static int int_width(const Type *t) {
    switch (t->kind) {
    case TY_BOOL:
    case TY_CHAR:
    case TY_SCHAR:
    case TY_UCHAR: return 1;
    case TY_SHORT:
    case TY_USHORT: return 2;
    case TY_LONG:
    case TY_ULONG:
    case TY_LLONG:
    case TY_ULLONG: return 8;
    default: return 4;
    }
}

static bool pure_int_expr(const Expr *e) {
    if (!e) return true;
    switch (e->kind) {
    case EX_INT:
    case EX_VAR:
    case EX_SIZEOF: return true;
    case EX_CAST: return ty_is_integer(e->ty) && pure_int_expr(e->lhs);
    case EX_UNARY: return pure_int_expr(e->lhs);
    case EX_BINARY: return e->op != OP_COMMA && pure_int_expr(e->lhs) && pure_int_expr(e->rhs);
    default: return false;
    }
}

/* A bound of a loop over i, to be compared with i in i's own type: a value
 * of another unsigned type gets a cast C would not print (the emitter hides
 * implicit ones). */
static Expr *as_counter(const Expr *e, const Var *i) {
    const Expr *v = ex_strip_implicit(e);
    if (!ty_is_unsigned(v->ty) || ty_same(ty_unqualified(v->ty), ty_unqualified(i->ty))) return ex_copy(e);
    return ex_cast(ty_unqualified(i->ty), ex_copy(v), e->loc);
}

/* for (i = lo; i < hi; i++) and its variants, with i, lo, hi unchanged by
 * the body: the reverse sweep runs it backwards with no tape. */
static void recognize_counted(Adj *a, Stmt *s, Info *in) {
    if (s->kind != ST_FOR || !s->for_init || s->for_init->n != 1 || !s->els || s->els->n != 1 || !s->cond) return;
    const Expr *init = s->for_init->body[0]->kind == ST_EXPR ? s->for_init->body[0]->expr : NULL;
    if (!init || init->kind != EX_ASSIGN || init->op != OP_NONE || init->lhs->kind != EX_VAR) return;
    Var *i = init->lhs->var;
    if (!ty_is_integer(i->ty)) return;
    const Expr *step = s->els->body[0]->kind == ST_EXPR ? s->els->body[0]->expr : NULL;
    if (!step) return;
    int dir = 0;
    if ((step->kind == EX_POSTINC || step->kind == EX_PREINC) && step->lhs->kind == EX_VAR && step->lhs->var == i) dir = 1;
    if ((step->kind == EX_POSTDEC || step->kind == EX_PREDEC) && step->lhs->kind == EX_VAR && step->lhs->var == i) dir = -1;
    if (step->kind == EX_ASSIGN && (step->op == OP_ADD || step->op == OP_SUB) && step->lhs->kind == EX_VAR && step->lhs->var == i && ex_is_one(step->rhs))
        dir = step->op == OP_ADD ? 1 : -1;
    if (!dir) return;
    const Expr *c = s->cond;
    if (c->kind != EX_BINARY || c->lhs->kind != EX_VAR || c->lhs->var != i) return;
    bool ok = dir > 0 ? (c->op == OP_LT || c->op == OP_LE) : (c->op == OP_GT || c->op == OP_GE);
    if (!ok || !pure_int_expr(c->rhs) || !pure_int_expr(init->rhs)) return;
    if (ex_reads_var(c->rhs, i) || ex_reads_var(init->rhs, i)) return;
    Writes w = {0};
    writes_of(a, s->then, &w);
    if (vec_contains(&w.vars, i) || expr_touches(a, c->rhs, &w) || expr_touches(a, init->rhs, &w)) return;
    bool strict = c->op == OP_LT || c->op == OP_GT;
    bool unsig = ty_is_unsigned(i->ty);
    /* an unsigned i compared in a wider signed type: the bound need not be
     * a value of i's type; the trip counter is always right */
    if (unsig && !ty_is_unsigned(c->rhs->ty) && int_width(c->rhs->ty) > int_width(i->ty)) return;
    in->counted = true;
    in->ivar = i;
    in->down = dir < 0;
    /* bounds of another unsigned type are taken as values of i's type, as
     * the forward loop's assignments take them: `n - 1` must not wrap in
     * size_t when i is an int and n is 0 */
    Expr *bound = as_counter(c->rhs, i), *first = as_counter(init->rhs, i);
    /* an unsigned i counting up cannot run back down with `i >= lo`: at
     * lo = 0 that holds forever, and an empty `i < 0u` makes the last i
     * wrap.  It runs back through a signed copy, from one before past. */
    if (unsig && dir > 0) in->past = strict ? ex_copy(bound) : ex_binary(OP_ADD, ex_copy(bound), ex_int(1, NULL, s->loc), bound->ty, s->loc);
    if (strict) bound = ex_binary(dir > 0 ? OP_SUB : OP_ADD, bound, ex_int(1, NULL, s->loc), bound->ty, s->loc);
    in->lo = first;   /* the first i */
    in->hi = bound;   /* the last i */
}

static bool local_store(Adj *a, const Expr *lv);

static void build(Adj *a, Stmt *s) {
    if (!s) return;
    Info *in = info(s);
    switch (s->kind) {
    case ST_BLOCK:
        for (int i = 0; i < s->n; i++) build(a, s->body[i]);
        break;
    case ST_EXPR:
        build_simple(a, s);
        reads_of_stmt(a, in->pre, in);
        reads_of_stmt(a, in->post, in);
        if (in->wmem && local_store(a, in->wmem) && in->wmem->kind == EX_INDEX)
            reads_of_expr(a, in->wmem->rhs, in);   /* the element to pop back into */
        if (in->pre_capture) st_prepend(in->pre, in->pre_capture);
        break;
    case ST_IF: {
        build(a, s->then);
        build(a, s->els);
        Writes w = {0};
        writes_of(a, s->then, &w);
        writes_of(a, s->els, &w);
        in->reeval = !expr_touches(a, s->cond, &w) && pure_int_expr(s->cond);
        if (!in->reeval) {
            /* memory reads in the condition: safe when nothing in the branches writes memory */
            in->reeval = !expr_touches(a, s->cond, &w) && w.classes.len == 0;
        }
        if (in->reeval) reads_of_expr(a, s->cond, in);
        break;
    }
    case ST_WHILE:
    case ST_DO:
    case ST_FOR:
        build(a, s->for_init);
        build(a, s->then);
        build(a, s->els);
        recognize_counted(a, s, in);
        if (in->counted) {
            reads_of_expr(a, in->lo, in);
            reads_of_expr(a, in->hi, in);
        }
        break;
    case ST_DECL:
    case ST_EMPTY: break;
    default: ICE("statement kind %d left in adjoint normal form", (int)s->kind);
    }
}

/* ---- dead stores -------------------------------------------------------------- */

static void set_remove(PtrVec *set, const void *x);
static PtrVec set_copy(const PtrVec *set);
static bool set_union(PtrVec *into, const PtrVec *from);

/* A value overwritten before anything reads it has a zero adjoint: its
 * statement's reverse would only add zero times its partials, which is NaN
 * where a partial is infinite (acosh at 1, log at 0) though the function is
 * fine.  Backward liveness over variables finds such stores; their adjoint
 * code is dropped (the forward sweep still runs them). */
static void var_read(const Expr *e, void *into) {
    if (e->kind == EX_VAR && !vec_contains(into, e->var)) vec_push(into, e->var);
}

static void vars_read(const Expr *e, PtrVec *into) { ex_visit(e, var_read, into); }

static void live_stmt(Stmt *s, PtrVec *live);

static void live_block(Stmt *s, PtrVec *live) {
    if (!s) return;
    if (s->kind != ST_BLOCK) {
        live_stmt(s, live);
        return;
    }
    for (int i = s->n - 1; i >= 0; i--) live_stmt(s->body[i], live);
}

static void live_stmt(Stmt *s, PtrVec *live) {
    Info *in = info(s);
    switch (s->kind) {
    case ST_EXPR: {
        Expr *e = s->expr;
        bool store = e->kind == EX_ASSIGN && e->lhs->kind == EX_VAR;
        bool pure = store && (e->rhs->kind != EX_CALL || rules_math(call_name(e->rhs) ? call_name(e->rhs) : ""));
        if (pure && !vec_contains(live, e->lhs->var)) {
            in->dead = true;   /* and its operands are not made live by it */
            return;
        }
        in->dead = false;
        if (store && e->op == OP_NONE) set_remove(live, e->lhs->var);
        /* `v = e` reads e; `v op= e`, stores to memory and calls read all */
        vars_read(store && e->op == OP_NONE ? e->rhs : e, live);
        return;
    }
    case ST_IF: {
        PtrVec a = set_copy(live);
        live_block(s->then, &a);
        live_block(s->els, live);
        set_union(live, &a);
        vars_read(s->cond, live);
        return;
    }
    case ST_WHILE:
    case ST_DO:
    case ST_FOR:
        /* around the back edge until nothing new is live */
        for (;;) {
            int n = live->len;
            PtrVec body = set_copy(live);
            vars_read(s->cond, &body);
            live_block(s->els, &body);
            live_block(s->then, &body);
            set_union(live, &body);
            if (live->len == n) break;
        }
        vars_read(s->cond, live);
        live_block(s->for_init, live);
        return;
    case ST_BLOCK: live_block(s, live); return;
    default: return;
    }
}

static void drop_dead_adjoints(Stmt *s) {
    if (!s) return;
    Info *in = s->aux;
    if (in && in->dead && in->pre) {
        in->pre->n = 0;
        in->post->n = 0;
        in->mreads.len = 0;
        in->mroots.len = 0;
        in->reads.len = 0;
        in->reads_result = NULL;
        in->pre_capture = NULL;
    }
    drop_dead_adjoints(s->for_init);
    drop_dead_adjoints(s->then);
    drop_dead_adjoints(s->els);
    for (int i = 0; i < s->n; i++) drop_dead_adjoints(s->body[i]);
}

/* ---- step 2: what to record (to-be-recorded analysis) ---------------------- */

/* The state of the walk: what the reverse code of the statements passed so
 * far has read since the last write of each variable.  A write must record
 * the value it overwrites exactly when that value was read since the write
 * that made it: otherwise an earlier write's record (or nothing) restores
 * everything the reverse sweep will read.  Memory is not killed by a store,
 * which may hit another element: a class once read stays read. */
typedef struct Tbr {
    Adj *a;
    PtrVec vars;
    PtrVec classes;
    PtrVec roots;   /* the variables the classes were read through */
} Tbr;

static void set_add(PtrVec *set, void *x) {
    if (!vec_contains(set, x)) vec_push(set, x);
}

static void set_remove(PtrVec *set, const void *x) {
    for (int i = 0; i < set->len; i++)
        if (set->data[i] == x) set->data[i--] = set->data[--set->len];
}

static PtrVec set_copy(const PtrVec *set) {
    PtrVec c = {0};
    for (int i = 0; i < set->len; i++) vec_push(&c, set->data[i]);
    return c;
}

/* Merges another path's state in; reports whether anything was new. */
static bool set_union(PtrVec *into, const PtrVec *from) {
    bool grew = false;
    for (int i = 0; i < from->len; i++)
        if (!vec_contains(into, from->data[i])) {
            vec_push(into, from->data[i]);
            grew = true;
        }
    return grew;
}

/* t's sets as they stand, for another path through the code */
static Tbr tbr_copy(const Tbr *t) { return (Tbr){t->a, set_copy(&t->vars), set_copy(&t->classes), set_copy(&t->roots)}; }

/* Another path's state merged in */
static void tbr_merge(Tbr *t, const Tbr *from) {
    set_union(&t->vars, &from->vars);
    set_union(&t->classes, &from->classes);
    set_union(&t->roots, &from->roots);
}

static void add_reads(Tbr *t, const Info *in) {
    for (int i = 0; i < in->reads.len; i++) set_add(&t->vars, in->reads.data[i]);
    for (int i = 0; i < in->mreads.len; i++) set_add(&t->classes, in->mreads.data[i]);
    for (int i = 0; i < in->mroots.len; i++) set_add(&t->roots, in->mroots.data[i]);
}

/* Every read of a tree, for the snapshot a split pair hands over. */
static void add_tree_reads(Tbr *t, Stmt *s) {
    if (!s) return;
    if (s->aux) {
        Info *in = s->aux;
        add_reads(t, in);
        if (in->reads_result) set_add(&t->vars, in->reads_result);
    }
    add_tree_reads(t, s->for_init);
    add_tree_reads(t, s->then);
    add_tree_reads(t, s->els);
    for (int i = 0; i < s->n; i++) add_tree_reads(t, s->body[i]);
}

/* The local struct whose member `s.f` (or `s.v[i]`) the lvalue is, or NULL.
 * Its reads are reads of the variable s. */
static Var *local_struct_of(Adj *a, const Expr *lv) {
    Var *root = lv ? ex_root_var(lv) : NULL;
    if (!root || root->kind != VAR_LOCAL || root->ty->kind != TY_STRUCT || !is_primal(a, root)) return NULL;
    for (const Expr *e = lv; e->kind != EX_VAR; e = e->lhs)
        if ((e->kind == EX_MEMBER && e->arrow) || e->kind == EX_DEREF) return NULL;
    return root;
}

/* May memory class c reach beyond the function's own locals (a parameter's
 * memory, a global)? */
static bool holds_caller_memory(Adj *a, int c) {
    if (c == aclass(a, NULL)) return true;   /* globals */
    for (int i = 0; i < a->f->vars.len; i++) {
        Var *v = a->f->vars.data[i];
        if (v->kind != VAR_LOCAL && aclass(a, v) == c) return true;
    }
    return false;
}

static bool invertible_step(const Expr *e) {
    if (!is_increment(e) && e->kind != EX_ASSIGN) return false;
    if (e->lhs->kind != EX_VAR || ty_is_float(e->lhs->ty)) return false;
    if (is_increment(e)) return true;
    return e->kind == EX_ASSIGN && (e->op == OP_ADD || e->op == OP_SUB) && e->rhs->kind == EX_INT;
}

static Var *class_local_array(Adj *a, int c, Loc loc);

/* A call run as it is cannot have its stores into globals undone.  That is
 * an error when the reverse sweep reads such a global afterwards, or, in a
 * split pair, when it holds floating values the caller's reverse sweep may
 * read (an integer counter stays allowed there). */
static bool plain_call_globals(Tbr *t, const Expr *call, const Info *in) {
    for (int i = 0; i < in->plain_globals.len; i++) {
        Var *v = in->plain_globals.data[i];
        if (vec_contains(&t->roots, v) || (t->a->split && ty_is_differentiable(v->ty))) {
            diag_error(call->loc, "'%s' stores into the global '%s', which the derivative reads afterwards; adjoint mode cannot "
                                  "undo stores of a call that carries no derivative: pass the value as an argument instead",
                       call->lhs->name, v->name);
            return false;
        }
    }
    return true;
}

/* A call run as it is (no argument carries a derivative) records none of
 * its stores.  A local array it overwrites that the reverse sweep reads
 * later is saved whole around it; other memory cannot be, yet. */
static void plain_call_writes(Tbr *t, Stmt *s, Info *in) {
    if (!plain_call_globals(t, s->expr->kind == EX_ASSIGN ? s->expr->rhs : s->expr, in)) return;
    for (int i = 0; i < in->plain_writes.len; i++) {
        const Expr *arg = in->plain_writes.data[i];
        int c = aclass(t->a, mem_root(t->a, arg));
        bool caller_visible = t->a->split && holds_caller_memory(t->a, c);
        if (!caller_visible && !vec_contains(&t->classes, (void *)(intptr_t)c)) continue;
        Var *arr = holds_caller_memory(t->a, c) ? NULL : class_local_array(t->a, c, s->loc);
        if (!arr) {
            diag_error(arg->loc, "adjoint mode cannot yet restore the memory that '%s' overwrites through this argument, which the "
                                 "derivative needs; pass a copy, or give the argument a derivative",
                       call_name(s->expr->kind == EX_ASSIGN ? s->expr->rhs : s->expr));
            return;
        }
        if (!vec_contains(&in->snap, arr)) vec_push(&in->snap, arr);
    }
}

/* A hand-written adjoint runs FUNC again (the contract), so it must find
 * the memory FUNC found: each local array the call may store into is saved
 * before it and put back before the adjoint runs.  If the reverse sweep
 * reads that array again further back (a read before the call), it is saved
 * once more around the adjoint, which leaves FUNC's results in it.  Memory
 * the function does not own cannot be saved whole: the adjoint finds FUNC's
 * results there (docs/contract.md), and when the reverse sweep reads that
 * pointer's memory before the call, that is an error rather than a wrong
 * derivative.  (Through the same pointer: parameters share one memory
 * class, so by class every tensor operation would be refused.)  In a split
 * pair the caller's reverse sweep may read it too, unseen from here. */
static void custom_call_writes(Tbr *t, Stmt *s, Info *in) {
    for (int i = 0; i < in->custom_writes.len; i++) {
        const Expr *arg = in->custom_writes.data[i];
        Var *root = mem_root(t->a, arg);
        if (!root || !is_primal(t->a, root)) continue;
        int c = aclass(t->a, root);
        bool read_before = vec_contains(&t->classes, (void *)(intptr_t)c);
        Var *arr = holds_caller_memory(t->a, c) ? NULL : class_local_array(t->a, c, s->loc);
        if (!arr) {
            bool read = vec_contains(&t->roots, root);
            if (read || t->a->split) {
                diag_error(arg->loc, "adjoint mode cannot yet restore the memory that '%s' overwrites through this argument, which the "
                                     "%s; only a local array can be saved whole: pass a local copy",
                           call_name(s->expr->kind == EX_ASSIGN ? s->expr->rhs : s->expr),
                           read ? "derivative reads before the call" : "caller's derivative may read");
                return;
            }
            continue;   /* documented: the adjoint finds FUNC's results there */
        }
        if (!vec_contains(&in->snap, arr)) vec_push(&in->snap, arr);
        if (read_before && !vec_contains(&in->resnap, arr)) vec_push(&in->resnap, arr);
    }
}

/* A value cheaper to compute again than to keep: no call, no division,
 * at most one floating operation (so that no contraction into an fma can
 * make the second evaluation differ from the first). */
static bool cheap(const Expr *e, int *ops) {
    if (!e) return true;
    switch (e->kind) {
    case EX_VAR:
    case EX_INT:
    case EX_FLOAT:
    case EX_SIZEOF: return true;
    case EX_CAST: return cheap(e->lhs, ops);
    case EX_INDEX: return cheap(e->lhs, ops) && cheap(e->rhs, ops);
    case EX_UNARY:
        if (e->op != OP_NEG && e->op != OP_PLUS) return false;
        *ops += ty_is_float(e->ty);
        return *ops <= 1 && cheap(e->lhs, ops);
    case EX_BINARY:
        if (e->op != OP_ADD && e->op != OP_SUB && e->op != OP_MUL) return false;
        *ops += ty_is_float(e->ty);
        return *ops <= 1 && cheap(e->lhs, ops) && cheap(e->rhs, ops);
    default: return false;
    }
}

/* The value statement at of block overwrites, as an expression that still
 * evaluates to it just before the write: `x = e` earlier in the same block,
 * e cheap and not reading x, nothing in between writing x or anything e
 * reads.  The reverse sweep then restores x by evaluating e, where it
 * would pop: TBR counts e's operands as read there, so a later overwrite
 * of one of them is recorded and e sees the values it saw. */
static Expr *recompute_source(Adj *a, const Stmt *block, int at) {
    const Stmt *s = block->body[at];
    const Info *in = s->aux;
    if (a->split || !in || !in->wvar || in->wmem || in->wshadow || !ty_is_float(in->wvar->ty)) return NULL;
    Writes own = {0};
    writes_of(a, s, &own);
    if (own.classes.len) return NULL;
    Var *x = in->wvar;
    for (int k = at - 1; k >= 0; k--) {
        const Stmt *d = block->body[k];
        if (d->kind != ST_EXPR) return NULL;
        const Expr *e = d->expr;
        if (e->kind == EX_ASSIGN && e->op == OP_NONE && e->lhs->kind == EX_VAR && e->lhs->var == x) {
            int ops = 0;
            if (!cheap(e->rhs, &ops) || ex_reads_var(e->rhs, x)) return NULL;
            Writes between = {0};
            for (int m = k + 1; m < at; m++) writes_of(a, block->body[m], &between);
            return expr_touches(a, e->rhs, &between) ? NULL : e->rhs;
        }
        Writes w = {0};
        writes_of(a, d, &w);
        if (vec_contains(&w.vars, x)) return NULL;
    }
    return NULL;
}

typedef struct LikeReads {
    Adj *a;
    int c;
    const Type *ty;
    int uses, stores;   /* accesses of that sort, and those that only store */
} LikeReads;

static bool like(const LikeReads *l, const Expr *e) {
    return (e->kind == EX_INDEX || e->kind == EX_DEREF || (e->kind == EX_MEMBER && e->arrow)) && !ty_is_float(e->ty) &&
           ty_is_integer(e->ty) == ty_is_integer(l->ty) && aclass(l->a, mem_root(l->a, e)) == l->c;
}

static void like_access(const Expr *e, void *ctx) {
    LikeReads *l = ctx;
    l->uses += like(l, e);
    l->stores += e->kind == EX_ASSIGN && e->op == OP_NONE && like(l, e->lhs);
}

/* Does the function read non-floating memory of class c, of ty's sort
 * (integer, or pointer), anywhere? */
static bool reads_memory_like(Adj *a, int c, const Type *ty) {
    LikeReads l = {a, c, ty, 0, 0};
    st_visit(a->f->body, like_access, &l);
    return l.uses > l.stores;
}

static void tbr(Tbr *t, Stmt *s) {
    if (!s) return;
    Info *in = info(s);
    switch (s->kind) {
    case ST_BLOCK:
        for (int i = 0; i < s->n; i++) {
            if (s->body[i]->kind == ST_EXPR) info(s->body[i])->recompute = recompute_source(t->a, s, i);
            tbr(t, s->body[i]);
        }
        return;
    case ST_EXPR: {
        custom_call_writes(t, s, in);   /* before its own reads: what was read earlier */
        add_reads(t, in);   /* a statement reads its operands before it writes */
        if (in->wvar && vec_contains(&t->vars, in->wvar)) {
            if (invertible_step(s->expr)) in->inverse = true;
            else if (in->recompute) {
                reads_of_expr(t->a, in->recompute, in);
                add_reads(t, in);
            } else in->push = true;
        } else {
            in->recompute = NULL;   /* the old value is not needed */
        }
        if (in->wvar) set_remove(&t->vars, in->wvar);
        if (in->reads_result) set_add(&t->vars, in->reads_result);
        /* undoing a step (p--) starts from the value the step made */
        if (in->inverse) set_add(&t->vars, in->wvar);
        /* a split forward sweep saves every store the caller can see: the
         * caller's reverse sweep relies on it */
        bool caller_visible = t->a->split && holds_caller_memory(t->a, in->wclass);
        /* s.f = ... overwrites part of s, which the reverse sweep reads as a variable */
        Var *st = local_struct_of(t->a, in->wmem);
        bool read_later = st ? vec_contains(&t->vars, st) : vec_contains(&t->classes, (void *)(intptr_t)in->wclass);
        /* an integer or pointer store cannot change the floating values the
         * reverse sweep reads (C's effective types): it matters only where
         * the function reads memory of that type through the class */
        if (in->wmem && read_later && !caller_visible && !ty_is_float(in->wmem->ty) && !local_store(t->a, in->wmem) &&
            !reads_memory_like(t->a, in->wclass, in->wmem->ty))
            read_later = false;
        if (in->wmem && (caller_visible || read_later)) {
            /* an integer or a pointer goes on the tape only from a local
             * array or struct: caller memory is restored through records
             * of floating values */
            if (!ty_is_float(in->wmem->ty) && !(local_store(t->a, in->wmem) && ty_is_scalar(in->wmem->ty))) {
                diag_error(s->loc, "the reverse sweep reads the value this store overwrites, and adjoint mode can put back an "
                                   "integer or a pointer only in a local variable, array or struct; keep it in one");
                return;
            }
            /* caller memory is restored through records of double or float */
            if (in->wmem->ty->kind == TY_LDOUBLE && !local_store(t->a, in->wmem)) {
                diag_error(s->loc, "adjoint mode cannot yet restore a long double that the caller's memory holds and the reverse "
                                   "sweep reads after this store; work on a local copy of the array");
                return;
            }
            in->push = true;
        }
        plain_call_writes(t, s, in);
        return;
    }
    case ST_IF: {
        add_reads(t, in);
        Tbr before = tbr_copy(t);
        tbr(t, s->then);
        Tbr after_then = *t;
        *t = before;
        tbr(t, s->els);
        tbr_merge(t, &after_then);
        return;
    }
    case ST_WHILE:
    case ST_DO:
    case ST_FOR: {
        tbr(t, s->for_init);
        /* around the back edge to a fixpoint: reads late in one iteration
         * precede the writes early in the next */
        for (;;) {
            Tbr entry = tbr_copy(t);
            tbr(t, s->then);
            tbr(t, s->els);
            /* the next iteration starts from this one's end, or the loop ends */
            tbr_merge(t, &entry);
            if (t->vars.len == entry.vars.len && t->classes.len == entry.classes.len && t->roots.len == entry.roots.len) break;
        }
        add_reads(t, in);   /* the reversed loop's bounds */
        if (in->counted) {
            /* the reversed loop sets i itself: the step records nothing, and
             * an index declared in the loop's header is dead outside it */
            Info *step = info(s->els->body[0]);
            step->push = step->inverse = false;
            if (in->ivar->loop_scoped) info(s->for_init->body[0])->push = false;
        }
        return;
    }
    default: return;
    }
}

/* ---- values kept per iteration ------------------------------------------------ */

/* A scalar that a counted loop sets afresh in every iteration and that
 * nothing outside the loop mentions (`double o = 0;` in the loop's body):
 * TBR pushes its old value at every `o = 0`, for the previous iteration's
 * reverse.  Instead the forward sweep stores o at the end of each iteration
 * in a local array, one slot per iteration, pushed whole after the loop;
 * the reverse sweep pops the array before its loop and reads o's slot at
 * the top of each iteration.  As many values, but the forward loop no
 * longer stores through the moving tape top and o's last value is dead
 * after it, so the C compiler can vectorize it (attention's
 * `o = sum over u of p[u] * v[u][j]`, two j at a time). */
enum { KEEP_MAX = 1024 };   /* slots per array, which lives on the stack */

static void keep_per_iteration(Adj *a, Stmt *root, Stmt *s) {
    if (!s) return;
    keep_per_iteration(a, root, s->for_init);
    keep_per_iteration(a, root, s->then);
    keep_per_iteration(a, root, s->els);
    for (int i = 0; i < s->n; i++) keep_per_iteration(a, root, s->body[i]);
    Info *in = s->aux;
    if (a->split || !in || !in->counted || in->empty_reverse || !s->then || s->then->kind != ST_BLOCK) return;
    long long first, last;
    if (!ex_int_value(in->lo, &first) || !ex_int_value(in->hi, &last)) return;
    long long trips = (in->down ? first - last : last - first) + 1;
    if (trips < 1 || trips > KEEP_MAX) return;
    for (int k = 0; k < s->then->n; k++) {
        Stmt *b = s->then->body[k];
        Info *bi = b->aux;
        if (b->kind != ST_EXPR || !bi || !bi->push || !bi->wvar || bi->wshadow || bi->fwd_call || bi->snap.len) continue;
        Var *v = bi->wvar;
        if (!ty_is_float(v->ty) || loop_private_start(root, s, v) != k) continue;
        bi->push = false;
        const char *name = fn_fresh_name(a->g, arena_printf("%s_kept", v->name));
        Var *arr = fn_new_var(a->g, name, ty_array_of(ty_unqualified(v->ty), trips), VAR_LOCAL, b->loc);
        st_append(a->decls, st_decl(arr, NULL, b->loc));
        vec_push(&in->kept, v);
        vec_push(&in->kept_in, arr);
    }
    if (!in->kept.len) return;
    /* the slot: how many iterations ran before this one */
    Loc l = s->loc;
    Expr *i = ex_var(in->ivar, l), *f = ex_int(first, NULL, l);
    in->iter = first == 0 && !in->down ? i : in->down ? ex_binary(OP_SUB, f, i, i->ty, l) : ex_binary(OP_SUB, i, f, i->ty, l);
}

/* kept[iter] = v in the forward loop, v = kept[iter] in the reverse one */
static void keep_moves(const Info *in, bool store, Stmt *out) {
    for (int k = 0; k < in->kept.len; k++) {
        Var *v = in->kept.data[k], *arr = in->kept_in.data[k];
        Loc l = v->loc;
        Expr *slot = ex_index(ex_var(arr, l), ex_copy(in->iter), l), *var = ex_var(v, l);
        st_append(out, store ? st_assign(slot, var, l) : st_assign(var, slot, l));
    }
}

/* ---- step 3: emitting the sweeps --------------------------------------------- */

static bool tape_used;

static Expr *tp(Adj *a, Loc loc) {
    tape_used = true;
    return ex_var(a->tp, loc);
}

static const char *kind_suffix(const Type *t) {
    if (t->kind == TY_FLOAT) return "f32";
    if (ty_is_float(t)) return "f64";
    if (t->kind == TY_PTR) return "ptr";
    return "int";
}

/* The local array in memory class c, or NULL.  A split pair's halves have
 * their own frames, so a pointer into such an array, and a store through
 * it, travel as offsets from the array; a call that may store through the
 * pointer gets the whole array saved around it.  Either way one array per
 * class is what can be expressed, and more is refused (once per class). */
static Var *class_local_array(Adj *a, int c, Loc loc) {
    PtrVec arrs = {0};
    local_arrays_of_class(a, c, &arrs);
    if (arrs.len > 1 && !vec_contains(&a->refused, (void *)(intptr_t)c)) {
        Var *x = arrs.data[0], *y = arrs.data[1];
        diag_error(loc, "adjoint mode cannot yet follow a pointer that may point into either of the local arrays '%s' and '%s' %s",
                   x->name, y->name, a->split ? "of a function called from differentiated code" : "when a call may store through it");
        vec_push(&a->refused, (void *)(intptr_t)c);
    }
    return arrs.len ? arrs.data[0] : NULL;
}

/* A pointer into a local array of a split pair's forward half would dangle
 * in the reverse half: such a pointer travels as its offset from the array.
 * Returns the array (or its shadow), or NULL. */
static Var *local_base(Adj *a, Var *v, Loc loc) {
    if (!a->split || v->ty->kind != TY_PTR) return NULL;
    Var *primal = is_primal(a, v) ? v : v->primal;
    if (!primal || !is_primal(a, primal)) return NULL;
    Var *arr = class_local_array(a, aclass(a, primal), loc);
    return !arr || primal == v ? arr : shadow_of(&a->sh, arr);
}

/* lv's value onto the tape, and back off it: in an 8-byte slot of its kind,
 * or byte for byte (a struct, an array, a long double: every bit), where
 * size is sizeof lv as the output spells it. */
static bool taped_as_bytes(const Type *t) { return t->kind == TY_STRUCT || t->kind == TY_ARRAY || t->kind == TY_LDOUBLE; }

static Stmt *push_value(Adj *a, Expr *lv, Expr *size, Loc loc) {
    if (taped_as_bytes(lv->ty))
        return st_expr(ex_call_n("cg_push_bytes", ty_basic(TY_VOID), loc, 3, tp(a, loc), ex_addr(lv, loc), size), loc);
    return st_expr(ex_call_n(arena_printf("cg_push_%s", kind_suffix(lv->ty)), ty_basic(TY_VOID), loc, 2, tp(a, loc), lv), loc);
}

static Stmt *pop_value(Adj *a, Expr *lv, Expr *size, Loc loc) {
    if (taped_as_bytes(lv->ty))
        return st_expr(ex_call_n("cg_pop_bytes", ty_basic(TY_VOID), loc, 3, tp(a, loc), ex_addr(lv, loc), size), loc);
    Expr *pop = ex_call_n(arena_printf("cg_pop_%s", kind_suffix(lv->ty)), lv->ty, loc, 1, tp(a, loc));
    if (lv->ty->kind == TY_PTR || ty_is_integer(lv->ty)) pop = ex_cast(ty_unqualified(lv->ty), pop, loc);
    return st_assign(lv, pop, loc);
}

static Stmt *push_var(Adj *a, Var *v, Loc loc) {
    Var *base = local_base(a, v, loc);
    if (base)
        return st_expr(ex_call_n("cg_push_into", ty_basic(TY_VOID), loc, 4, tp(a, loc), ex_var(v, loc),
                                 ex_var(base, loc), ex_sizeof_var(base, loc)), loc);
    return push_value(a, ex_var(v, loc), ex_sizeof_var(v, loc), loc);
}

static Stmt *pop_var(Adj *a, Var *v, Loc loc) {
    Var *base = local_base(a, v, loc);
    if (base) {
        Expr *p = ex_call_n("cg_pop_into", ty_pointer_to(ty_basic(TY_VOID)), loc, 2, tp(a, loc), ex_var(base, loc));
        return st_assign(ex_var(v, loc), ex_cast(ty_unqualified(v->ty), p, loc), loc);
    }
    return pop_value(a, ex_var(v, loc), ex_sizeof_var(v, loc), loc);
}

/* A store into caller-visible memory records its address and old value
 * (restored by a swap, replayed at the end).  A local array is dead after
 * the function and, in a split pair, lives in another frame in the reverse
 * half: its old value is pushed, and popped back into the element, whose
 * index the reverse sweep has restored.  A store through a pointer that
 * may point into such an array records its offset from the array. */
static bool local_store(Adj *a, const Expr *lv) {
    Var *root = ex_root_var(lv);
    return root && root->kind == VAR_LOCAL && (root->ty->kind == TY_ARRAY || root->ty->kind == TY_STRUCT) && is_primal(a, root);
}

static Var *store_base(Adj *a, const Expr *lv, Loc loc) {
    return a->split && !local_store(a, lv) ? class_local_array(a, aclass(a, mem_root(a, lv)), loc) : NULL;
}

static Stmt *save_mem(Adj *a, Expr *lv, Loc loc) {
    const char *f32 = lv->ty->kind == TY_FLOAT ? "f32" : "f64";
    Var *base = store_base(a, lv, loc);
    if (local_store(a, lv)) return push_value(a, ex_copy(lv), ex_sizeof_type(lv->ty, loc), loc);
    if (base)
        return st_expr(ex_call_n(arena_printf("cg_save_into_%s", f32), ty_basic(TY_VOID), loc, 4, tp(a, loc), ex_addr(ex_copy(lv), loc),
                                 ex_var(base, loc), ex_sizeof_var(base, loc)),
                       loc);
    return st_expr(ex_call_n(arena_printf("cg_save_%s", f32), ty_basic(TY_VOID), loc, 2, tp(a, loc), ex_addr(ex_copy(lv), loc)), loc);
}

static Stmt *restore_mem(Adj *a, const Expr *lv, Loc loc) {
    const char *f32 = lv->ty->kind == TY_FLOAT ? "f32" : "f64";
    Var *base = store_base(a, lv, loc);
    if (local_store(a, lv)) return pop_value(a, ex_copy(lv), ex_sizeof_type(lv->ty, loc), loc);
    if (base)
        return st_expr(ex_call_n(arena_printf("cg_restore_into_%s", f32), ty_basic(TY_VOID), loc, 2, tp(a, loc), ex_var(base, loc)), loc);
    return st_expr(ex_call_n(arena_printf("cg_restore_%s", f32), ty_basic(TY_VOID), loc, 1, tp(a, loc)), loc);
}

static Stmt *inverse_step(const Expr *e, Loc loc) {
    Expr *c = ex_copy(e);
    switch (e->kind) {
    case EX_PREINC:
    case EX_POSTINC: c->kind = EX_PREDEC; break;
    case EX_PREDEC:
    case EX_POSTDEC: c->kind = EX_PREINC; break;
    default: c->op = e->op == OP_ADD ? OP_SUB : OP_ADD; break;
    }
    return st_expr(c, loc);
}

/* The shadow pointer moves with its pointer in the forward sweep. */
static Stmt *shadow_pointer_update(Adj *a, const Stmt *s) {
    const Expr *e = s->expr;
    Var *sh = info((Stmt *)s)->wshadow;
    if (!sh) return NULL;
    Expr *c = ex_copy(e);
    c->lhs = ex_var(sh, s->loc);
    if (e->kind == EX_ASSIGN && e->op == OP_NONE) {
        c->rhs = shadow_expr(&a->sh, e->rhs);
        if (!c->rhs) {
            diag_no_pointer_shadow(s->loc, e->lhs->var->name, e->rhs);
            return NULL;
        }
    }
    return st_expr(c, s->loc);
}

static void splice(Stmt *out, Stmt *b) {
    for (int i = 0; b && i < b->n; i++) st_append(out, b->body[i]);
}

static void fwd(Adj *a, Stmt *s, Stmt *out);
static void rev(Adj *a, Stmt *s, Stmt *out);
static void snapshot_one(Adj *a, Var *v, bool push, Stmt *out);

static void fwd_block(Adj *a, Stmt *s, Stmt *out) {
    if (!s) return;
    if (s->kind == ST_BLOCK)
        for (int i = 0; i < s->n; i++) fwd(a, s->body[i], out);
    else
        fwd(a, s, out);
}

static Stmt *fwd_new_block(Adj *a, Stmt *s) {
    Stmt *b = st_block(s ? s->loc : a->f->loc);
    fwd_block(a, s, b);
    return b;
}

static Var *derived_var(Adj *a, const char *name, Type *ty, Expr *init, Loc loc) {
    Var *v = fn_new_var(a->g, fn_fresh_name(a->g, name), ty, VAR_LOCAL, loc);
    st_append(a->decls, st_decl(v, init, loc));
    return v;
}

/* A condition as 0 or 1, for the tape's bit. */
static Expr *truth(const Expr *c) {
    bool boolean = (c->kind == EX_BINARY && (op_is_comparison(c->op) || op_is_logical(c->op))) || (c->kind == EX_UNARY && c->op == OP_NOT);
    return boolean ? ex_copy(c) : ex_binary(OP_NE, ex_copy(c), ex_int(0, NULL, c->loc), ty_basic(TY_INT), c->loc);
}

static void fwd(Adj *a, Stmt *s, Stmt *out) {
    Info *in = info(s);
    switch (s->kind) {
    case ST_EXPR:
        if (in->fwd_call) {
            tape_used = true;   /* the callee records; only this function replays */
            /* the callee records first, the old value of the target after it:
             * the reverse sweep restores the target, then runs the callee back */
            Stmt *spans = st_block(s->loc);
            if (in->spanned.len) {
                Var *mark = derived_var(a, "_from", named_type("cg_tape_mark"), NULL, s->loc);
                st_append(out, st_assign(ex_var(mark, s->loc), ex_call_n("cg_tape_mem_mark", named_type("cg_tape_mark"), s->loc, 1, tp(a, s->loc)), s->loc));
                for (int k = 0; k < in->spanned.len; k++)
                    st_append(spans, st_expr(ex_call_n("cg_span_push", ty_basic(TY_VOID), s->loc, 3, tp(a, s->loc), ex_var(mark, s->loc),
                                                       ex_var(in->spanned.data[k], s->loc)), s->loc));
            }
            if (s->expr->kind != EX_ASSIGN) {
                st_append(out, st_expr(in->fwd_call, s->loc));
                splice(out, spans);
                return;
            }
            if (!in->push) {
                st_append(out, st_assign(ex_copy(s->expr->lhs), in->fwd_call, s->loc));
                splice(out, spans);
                return;
            }
            Var *r = derived_temp(a, s->expr->lhs->ty, s->loc);
            st_append(out, st_assign(ex_var(r, s->loc), in->fwd_call, s->loc));
            splice(out, spans);
            st_append(out, push_var(a, in->wvar, s->loc));
            st_append(out, st_assign(ex_copy(s->expr->lhs), ex_var(r, s->loc), s->loc));
            return;
        }
        if (in->push && in->wvar) {
            st_append(out, push_var(a, in->wvar, s->loc));
            if (in->wshadow) st_append(out, push_var(a, in->wshadow, s->loc));
        }
        if (in->push && in->wmem) st_append(out, save_mem(a, in->wmem, s->loc));
        for (int k = 0; k < in->snap.len; k++) snapshot_one(a, in->snap.data[k], true, out);
        st_append(out, st_copy(s));
        st_append(out, shadow_pointer_update(a, s));
        return;
    case ST_IF:
        if (!in->reeval && !in->empty_reverse) {
            /* the branch's own records go first: the reverse sweep pops the
             * bit, then undoes the branch it names */
            in->bit = derived_var(a, "_c", ty_basic(TY_INT), NULL, s->loc);
            st_append(out, st_assign(ex_var(in->bit, s->loc), truth(s->cond), s->loc));
            st_append(out, st_if(ex_var(in->bit, s->loc), fwd_new_block(a, s->then), s->els ? fwd_new_block(a, s->els) : NULL, s->loc));
            st_append(out, st_expr(ex_call_n("cg_push_bit", ty_basic(TY_VOID), s->loc, 2, tp(a, s->loc), ex_var(in->bit, s->loc)), s->loc));
            return;
        }
        st_append(out, st_if(ex_copy(s->cond), fwd_new_block(a, s->then), s->els ? fwd_new_block(a, s->els) : NULL, s->loc));
        return;
    case ST_WHILE:
    case ST_DO:
    case ST_FOR: {
        Stmt *init = st_block(s->loc);
        fwd_block(a, s->for_init, init);
        Stmt *body = fwd_new_block(a, s->then);
        keep_moves(in, true, body);
        fwd_block(a, s->els, body);   /* the step, recorded like the body */
        if (in->counted || in->empty_reverse) {
            Stmt *loop = st_new(s->kind == ST_DO ? ST_DO : ST_WHILE, s->loc);
            if (in->counted) {
                /* keep it a for loop: easier to read, same code */
                loop = st_new(ST_FOR, s->loc);
                body->n--;   /* the step returns to the header */
                loop->step = ex_copy(s->els->body[0]->expr);
                if (init->n == 1) {
                    loop->for_init = init->body[0];
                    init->n = 0;
                }
            }
            splice(out, init);
            loop->cond = ex_copy(s->cond);
            loop->then = body;
            if (!loop->cond && loop->kind != ST_FOR) loop->cond = ex_int(1, NULL, s->loc);
            st_append(out, loop);
            for (int k = 0; k < in->kept_in.len; k++) st_append(out, push_var(a, in->kept_in.data[k], s->loc));
            return;
        }
        splice(out, init);
        in->counter = derived_var(a, "_n", ty_basic(TY_LONG), NULL, s->loc);
        st_append(out, st_assign(ex_var(in->counter, s->loc), ex_int(0, NULL, s->loc), s->loc));
        Expr *inc = ex_step(EX_POSTINC, ex_var(in->counter, s->loc), s->loc);
        st_append(body, st_expr(inc, s->loc));
        Stmt *loop = st_new(s->kind == ST_DO ? ST_DO : ST_WHILE, s->loc);
        loop->cond = s->cond ? ex_copy(s->cond) : ex_int(1, NULL, s->loc);
        loop->then = body;
        st_append(out, loop);
        st_append(out, st_expr(ex_call_n("cg_push_int", ty_basic(TY_VOID), s->loc, 2, tp(a, s->loc), ex_var(in->counter, s->loc)), s->loc));
        return;
    }
    case ST_BLOCK: fwd_block(a, s, out); return;
    default: st_append(out, st_copy(s)); return;
    }
}

static void rev_block(Adj *a, Stmt *s, Stmt *out) {
    if (!s) return;
    if (s->kind == ST_BLOCK)
        for (int i = s->n - 1; i >= 0; i--) rev(a, s->body[i], out);
    else
        rev(a, s, out);
}

static Stmt *rev_new_block(Adj *a, Stmt *s) {
    Stmt *b = st_block(s ? s->loc : a->f->loc);
    rev_block(a, s, b);
    return b;
}

static void rev(Adj *a, Stmt *s, Stmt *out) {
    Info *in = info(s);
    switch (s->kind) {
    case ST_EXPR:
        splice(out, in->pre);
        if (in->push && in->wvar) {
            if (in->wshadow) st_append(out, pop_var(a, in->wshadow, s->loc));
            st_append(out, pop_var(a, in->wvar, s->loc));
        }
        if (in->recompute) st_append(out, st_assign(ex_var(in->wvar, s->loc), ex_copy(in->recompute), s->loc));
        if (in->inverse) {
            st_append(out, inverse_step(s->expr, s->loc));
            if (in->wshadow) {
                Stmt *sh = shadow_pointer_update(a, s);
                if (sh) st_append(out, inverse_step(sh->expr, s->loc));
            }
        }
        if (in->push && in->wmem) st_append(out, restore_mem(a, in->wmem, s->loc));
        for (int k = in->snap.len - 1; k >= 0; k--) snapshot_one(a, in->snap.data[k], false, out);
        for (int k = 0; k < in->resnap.len; k++) snapshot_one(a, in->resnap.data[k], true, out);
        splice(out, in->post);
        for (int k = in->resnap.len - 1; k >= 0; k--) snapshot_one(a, in->resnap.data[k], false, out);
        return;
    case ST_IF: {
        if (in->empty_reverse) return;
        Expr *c = in->reeval ? ex_copy(s->cond) : ex_call_n("cg_pop_bit", ty_basic(TY_INT), s->loc, 1, tp(a, s->loc));
        Stmt *t = rev_new_block(a, s->then), *e = s->els ? rev_new_block(a, s->els) : NULL;
        if (e && !e->n) e = NULL;
        if (!t->n && e) {
            c = ex_unary(OP_NOT, c, ty_basic(TY_INT), s->loc);
            t = e;
            e = NULL;
        }
        st_append(out, st_if(c, t, e, s->loc));
        return;
    }
    case ST_WHILE:
    case ST_DO:
    case ST_FOR: {
        if (in->empty_reverse) {
            rev_block(a, s->for_init, out);
            return;
        }
        Stmt *body = st_block(s->loc);
        if (!in->counted) rev_block(a, s->els, body);   /* the step ran last */
        keep_moves(in, false, body);
        rev_block(a, s->then, body);
        Stmt *loop = st_new(ST_FOR, s->loc);
        Loc l = s->loc;
        if (in->counted) {
            Expr *i = ex_var(in->ivar, l);
            if (in->past) {
                /* an unsigned i runs back through a signed copy, which may
                 * end below lo: for (_r = past - 1; _r >= lo; _r--), the
                 * shape the jam and interchange passes know */
                Type *lt = ty_basic(TY_LONG);
                Var *r = derived_var(a, "_r", lt, NULL, l);
                long long lo;
                body = st_substitute(body, in->ivar, ex_cast(ty_unqualified(in->ivar->ty), ex_var(r, l), l));
                loop->for_init = st_assign(ex_var(r, l), ex_binary(OP_SUB, ex_cast(lt, ex_copy(in->past), l), ex_int(1, lt, l), lt, l), l);
                loop->cond = ex_binary(OP_GE, ex_var(r, l), ex_int_value(in->lo, &lo) ? ex_int(lo, lt, l) : ex_cast(lt, ex_copy(in->lo), l),
                                       ty_basic(TY_INT), l);
                loop->step = ex_step(EX_POSTDEC, ex_var(r, l), l);
            } else {
                loop->for_init = st_assign(i, ex_copy(in->hi), l);
                loop->cond = ex_binary(in->down ? OP_LE : OP_GE, ex_copy(i), ex_copy(in->lo), ty_basic(TY_INT), l);
                loop->step = ex_step(in->down ? EX_POSTINC : EX_POSTDEC, ex_copy(i), l);
            }
        } else {
            Expr *n = ex_var(in->counter, l);
            loop->for_init = st_assign(n, ex_call_n("cg_pop_int", ty_basic(TY_LONG), l, 1, tp(a, l)), l);
            loop->cond = ex_binary(OP_GT, ex_copy(n), ex_int(0, NULL, l), ty_basic(TY_INT), l);
            loop->step = ex_step(EX_POSTDEC, ex_copy(n), l);
        }
        loop->then = body;
        for (int k = in->kept_in.len - 1; k >= 0; k--) st_append(out, pop_var(a, in->kept_in.data[k], l));
        st_append(out, loop);
        rev_block(a, s->for_init, out);
        return;
    }
    case ST_BLOCK: rev_block(a, s, out); return;
    default: return;
    }
}

/* Does the reverse of s do nothing at all?  Then loops and ifs skip it. */
static bool mark_empty(Stmt *s) {
    if (!s) return true;
    Info *in = info(s);
    bool empty;
    switch (s->kind) {
    case ST_EXPR: empty = !in->push && !in->inverse && !in->recompute && !in->snap.len && (!in->pre || !in->pre->n) && (!in->post || !in->post->n); break;
    case ST_BLOCK:
        empty = true;
        for (int i = 0; i < s->n; i++) empty &= mark_empty(s->body[i]);
        break;
    case ST_IF: {
        bool t = mark_empty(s->then), e = mark_empty(s->els);
        empty = t && e;
        break;
    }
    case ST_WHILE:
    case ST_DO:
    case ST_FOR: {
        bool b = mark_empty(s->then), st = mark_empty(s->els), i = mark_empty(s->for_init);
        empty = b && st;
        (void)i;
        break;
    }
    default: empty = true; break;
    }
    in->empty_reverse = empty;
    return s->kind == ST_FOR || s->kind == ST_WHILE || s->kind == ST_DO ? empty && mark_empty(s->for_init) : empty;
}

/* ---- merging accumulations --------------------------------------------------- */

/* Does e read adjoint memory (x_b[i]), or call anything? */
static bool reads_adjoint_memory(const Adj *a, const Expr *e) {
    if (!e) return false;
    if (e->kind == EX_CALL) return true;
    if (e->kind == EX_INDEX || e->kind == EX_DEREF || e->kind == EX_MEMBER) {
        Var *root = ex_root_var(e);
        if (!root || !is_primal(a, root)) return true;
    }
    if (reads_adjoint_memory(a, e->lhs) || reads_adjoint_memory(a, e->rhs) || reads_adjoint_memory(a, e->cond)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (reads_adjoint_memory(a, e->args[i])) return true;
    return false;
}

/* `T += E` where E reads only primal values and adjoint scalars: such
 * statements commute with each other, even when their targets alias,
 * because each only adds to memory none of the others reads. */
static bool plain_accumulation(const Adj *a, const Stmt *s) {
    return s->kind == ST_EXPR && s->expr->kind == EX_ASSIGN && s->expr->op == OP_ADD && !ex_has_side_effects(s->expr->lhs) &&
           !reads_adjoint_memory(a, s->expr->rhs) && !ex_has_side_effects(s->expr->rhs);
}

/* Moving statement m's right side up to statement k (same target) is safe
 * when nothing between them writes a variable it reads, and nothing between
 * them reads the target (scalar adjoints like s_b feed later statements). */
static bool can_hoist(const Stmt *block, int k, int m) {
    const Expr *target = block->body[k]->expr->lhs, *moved = block->body[m]->expr->rhs;
    if (target->kind == EX_VAR && ex_reads_var(moved, target->var)) return false;
    for (int z = k + 1; z < m; z++) {
        const Stmt *between = block->body[z];
        if (!between) continue;
        const Expr *t = between->expr->lhs;
        if (t->kind == EX_VAR && ex_reads_var(moved, t->var)) return false;
        if (target->kind == EX_VAR && ex_reads_var(between->expr->rhs, target->var)) return false;
    }
    return true;
}

/* x_b[i] += e1; w_b[j] += e2; x_b[i] += e3;  ->  x_b[i] += e1 + e3; w_b[j] += e2;
 * One read-modify-write per target instead of a chain of them through
 * memory, which is what a hand-written backward pass does. */
static void merge_accumulations(const Adj *a, Stmt *s) {
    if (!s) return;
    merge_accumulations(a, s->then);
    merge_accumulations(a, s->els);
    merge_accumulations(a, s->for_init);
    if (s->kind != ST_BLOCK) return;
    for (int i = 0; i < s->n; i++) merge_accumulations(a, s->body[i]);
    for (int i = 0; i < s->n; i++) {
        if (!plain_accumulation(a, s->body[i])) continue;
        int end = i;
        while (end + 1 < s->n && plain_accumulation(a, s->body[end + 1])) end++;
        for (int k = i; k <= end; k++) {
            Stmt *x = s->body[k];
            if (!x) continue;
            for (int m = k + 1; m <= end; m++) {
                Stmt *y = s->body[m];
                if (y && ex_same(y->expr->lhs, x->expr->lhs) && can_hoist(s, k, m)) {
                    x->expr->rhs = fold_add(x->expr->rhs, y->expr->rhs);
                    s->body[m] = NULL;
                }
            }
        }
        i = end;
    }
    int n = 0;
    for (int i = 0; i < s->n; i++)
        if (s->body[i]) s->body[n++] = s->body[i];
    s->n = n;
}

/* ---- the generated function --------------------------------------------------- */

static Expr *zero_of(Type *ty, Loc loc) {
    if (ty->kind == TY_ARRAY || ty->kind == TY_STRUCT) {
        Expr *init = NEW(Expr);
        *init = (Expr){.kind = EX_INIT, .ty = ty, .loc = loc};   /* printed as {0} */
        return init;
    }
    return ex_float(0.0, ty_is_float(ty) ? ty_unqualified(ty) : ty_basic(TY_DOUBLE), loc);
}

static bool wants_shadow(Adj *a, const Var *v) {
    if (!ty_is_differentiable(v->ty) && v->ty->kind != TY_STRUCT) return false;
    return act_var_active(a->act, v);
}

/* Variables the reverse sweep reads that the forward sweep changed: a split
 * pair hands them from NAME_fwd to NAME_rev on the tape. */
static void snapshot_set(Adj *a, PtrVec *vars) {
    Tbr all = {.a = a};
    add_tree_reads(&all, a->f->body);
    Writes w = {0};
    writes_of(a, a->f->body, &w);
    for (int i = 0; i < all.vars.len; i++) {
        Var *v = all.vars.data[i];
        if (vec_contains(&w.vars, v) && !vec_contains(vars, v)) vec_push(vars, v);
    }
    for (int i = 0; i < a->f->vars.len; i++) {
        Var *v = a->f->vars.data[i];
        /* a struct written member by member */
        if (v->kind == VAR_LOCAL && v->ty->kind == TY_STRUCT && vec_contains(&all.vars, v) && !vec_contains(vars, v) &&
            vec_contains(&w.classes, (void *)(intptr_t)aclass(a, v)))
            vec_push(vars, v);
        if (v->kind == VAR_LOCAL && v->ty->kind == TY_ARRAY && vec_contains(&all.classes, (void *)(intptr_t)aclass(a, v))) {
            if (v->ty->base->kind == TY_ARRAY || v->ty->array_len < 0)
                diag_error(v->loc, "adjoint mode cannot yet hand the multi-dimensional local array '%s' between sweeps", v->name);
            else
                vec_push(vars, v);
        }
    }
}

static void snapshot_one(Adj *a, Var *v, bool push, Stmt *out) {
    Loc loc = v->loc;
    if (v->ty->kind != TY_ARRAY) {
        st_append(out, push ? push_var(a, v, loc) : pop_var(a, v, loc));
        return;
    }
    /* element by element: for (k = 0; k < N; k++) push(v[k]), popped backwards */
    Var *k = derived_temp(a, ty_basic(TY_INT), loc);
    Var *elem = derived_temp(a, v->ty->base, loc);
    Stmt *loop = st_new(ST_FOR, loc);
    loop->for_init = st_assign(ex_var(k, loc), push ? ex_int(0, NULL, loc) : ex_int(v->ty->array_len - 1, NULL, loc), loc);
    loop->cond = ex_binary(push ? OP_LT : OP_GE, ex_var(k, loc), ex_int(push ? v->ty->array_len : 0, NULL, loc), ty_basic(TY_INT), loc);
    loop->step = ex_step(push ? EX_POSTINC : EX_POSTDEC, ex_var(k, loc), loc);
    loop->then = st_block(loc);
    Expr *cell = ex_index(ex_var(v, loc), ex_var(k, loc), loc);
    if (push) {
        st_append(loop->then, st_assign(ex_var(elem, loc), cell, loc));
        st_append(loop->then, push_var(a, elem, loc));
    } else {
        st_append(loop->then, pop_var(a, elem, loc));
        st_append(loop->then, st_assign(cell, ex_var(elem, loc), loc));
    }
    st_append(out, loop);
}

/* Does some write to v record its old value? */
static bool is_recorded(const Stmt *s, const Var *v) {
    if (!s) return false;
    const Info *in = s->aux;
    if (in && in->wvar == v && (in->push || in->inverse || in->recompute)) return true;
    if (is_recorded(s->for_init, v) || is_recorded(s->then, v) || is_recorded(s->els, v)) return true;
    for (int i = 0; i < s->n; i++)
        if (is_recorded(s->body[i], v)) return true;
    return false;
}

static Type *named_type(const char *name) {
    Type *t = NEW(Type);
    *t = (Type){.kind = TY_OTHER, .name = name};
    return t;
}

static Func *new_func(const char *name, Type *ret, bool is_static, Loc loc, PtrVec *params, Stmt *body) {
    Func *g = NEW(Func);
    g->name = name;
    g->ret = ret;
    g->is_static = is_static;
    g->loc = loc;
    g->params = (Var **)params->data;
    g->nparams = params->len;
    g->body = body;
    return g;
}

void adj_generate(Plan *p, Deriv *d) {
    Func *src = d->src;
    Var *ret = NULL;
    Func *f = norm_function(src, &ret);
    structure_function(f);
    if (diag_error_count()) return;

    Func *g = NEW(Func);   /* holds the variables of the generated function(s) */
    g->name = d->name;
    for (int i = 0; i < f->vars.len; i++) vec_push(&g->vars, f->vars.data[i]);

    Adj a = {.plan = p, .d = d, .f = f, .g = g, .ret = ret, .sh = {g, {0}, "_b"}, .decls = st_block(src->loc), .split = d->split};
    a.nprimal = f->vars.len;
    a.act = act_analyze(f, d->active, d->ret_active, ret);
    if (!act_check_lost(a.act, d->active, false, d->requested_at)) return;
    init_aliases(&a);
    tape_used = false;
    Loc loc = src->loc;

    /* parameters: each active p followed by p_b (scalars by pointer); the
     * forward half of a split pair takes only the pointers' shadows */
    PtrVec params = {0}, fwd_params = {0};
    Stmt *finish = st_block(loc);
    for (int i = 0; i < src->nparams; i++) {
        Var *pv = src->params[i];
        vec_push(&params, pv);
        vec_push(&fwd_params, pv);
        if (!d->active[i]) continue;
        if (ty_is_float(pv->ty)) {
            Var *out = fn_new_var(g, fn_fresh_name(g, arena_printf("%s_b", pv->name)), ty_pointer_to(ty_unqualified(pv->ty)), VAR_PARAM, pv->loc);
            vec_push(&params, out);
            /* a local accumulator: the body may assign the parameter */
            Var *acc = shadow_new(&a.sh, pv, ty_unqualified(pv->ty));
            acc->name = fn_fresh_name(g, arena_printf("_%s_b", pv->name));
            st_append(a.decls, st_decl(acc, zero_of(pv->ty, loc), loc));
            accumulate(finish, ex_deref(ex_var(out, loc), loc), ex_var(acc, loc), loc);
        } else {
            Var *sh = shadow_new(&a.sh, pv, ty_pointer_to(ty_qualified(pv->ty->base, false)));
            sh->kind = VAR_PARAM;
            vec_push(&params, sh);
            vec_push(&fwd_params, sh);
        }
    }
    if (d->ret_active) {
        a.ret_b = fn_new_var(g, fn_fresh_name(g, "ret_b"), ty_unqualified(src->ret), VAR_PARAM, loc);
        vec_push(&params, a.ret_b);
    }

    /* adjoints of active locals, zero at the start; a parameter outside
     * wrt/out that is assigned an active value needs one too */
    for (int i = 0; i < f->vars.len; i++) {
        Var *v = f->vars.data[i];
        bool local = v->kind == VAR_LOCAL || (v->kind == VAR_PARAM && ty_is_float(v->ty));
        if (!local || shadow_of(&a.sh, v) || !wants_shadow(&a, v)) continue;
        Type *t = v->ty->kind == TY_PTR ? ty_pointer_to(ty_qualified(v->ty->base, false)) : ty_padded(ty_unqualified(v->ty));
        Var *sh = shadow_new(&a.sh, v, t);
        st_append(a.decls, st_decl(sh, v->ty->kind == TY_PTR ? ex_int(0, t, loc) : zero_of(v->ty, loc), loc));
    }
    if (ret && d->ret_active && !shadow_of(&a.sh, ret)) {
        Var *sh = shadow_new(&a.sh, ret, ty_unqualified(ret->ty));
        st_append(a.decls, st_decl(sh, zero_of(ret->ty, loc), loc));
    }
    a.tp = fn_new_var(g, fn_fresh_name(g, "_tp"), ty_pointer_to(named_type("cg_tape")), VAR_LOCAL, loc);

    build(&a, f->body);
    PtrVec live = {0};
    if (ret) vec_push(&live, ret);
    live_block(f->body, &live);
    drop_dead_adjoints(f->body);
    Tbr t = {.a = &a};
    tbr(&t, f->body);
    mark_empty(f->body);
    keep_per_iteration(&a, f->body, f->body);
    if (diag_error_count()) return;

    Stmt *fwd_sweep = st_block(loc), *rev_sweep = st_block(loc);
    /* the primal's declarations stay first, as the user wrote them */
    Stmt *primal_decls = st_block(loc), *body_stmts = st_block(loc);
    for (int i = 0; i < f->body->n; i++) {
        Stmt *s = f->body->body[i];
        st_append(s->kind == ST_DECL ? primal_decls : body_stmts, s);
    }
    fwd_block(&a, body_stmts, fwd_sweep);
    if (a.ret_b) st_append(rev_sweep, st_assign(ex_var(shadow_of(&a.sh, ret), loc), ex_var(a.ret_b, loc), loc));
    rev_block(&a, body_stmts, rev_sweep);
    merge_accumulations(&a, rev_sweep);
    interchange_reverse(g, f, a.nprimal, d->disjoint, rev_sweep);

    if (d->split) {
        PtrVec snap = {0};
        snapshot_set(&a, &snap);
        Stmt *push = st_block(loc), *pop = st_block(loc);
        for (int i = 0; i < snap.len; i++) {
            Var *v = snap.data[i];
            snapshot_one(&a, v, true, push);
            Var *sh = v->ty->kind == TY_PTR ? shadow_of(&a.sh, v) : NULL;
            if (sh) st_append(push, push_var(&a, sh, loc));
        }
        for (int i = snap.len - 1; i >= 0; i--) {
            Var *v = snap.data[i];
            Var *sh = v->ty->kind == TY_PTR ? shadow_of(&a.sh, v) : NULL;
            if (sh) st_append(pop, pop_var(&a, sh, loc));
            snapshot_one(&a, v, false, pop);
        }
        /* NAME_fwd: the forward sweep, then the snapshot; returns the primal result */
        Stmt *fb = st_block(loc);
        splice(fb, primal_decls);
        splice(fb, a.decls);
        st_append(fb, st_decl(a.tp, ex_call_n("cg_tape_local", a.tp->ty, loc, 0), loc));
        splice(fb, fwd_sweep);
        splice(fb, push);
        if (ret) {
            Stmt *r = st_new(ST_RETURN, loc);
            r->expr = ex_var(ret, loc);
            st_append(fb, r);
        }
        Func *ff = new_func(d->fwd_name, src->ret, true, loc, &fwd_params, fb);
        ff->vars = g->vars;
        vec_push(&d->extra, ff);
        /* NAME_rev: the snapshot back, then the reverse sweep */
        Stmt *rb = st_block(loc);
        splice(rb, primal_decls);
        splice(rb, a.decls);
        st_append(rb, st_decl(a.tp, ex_call_n("cg_tape_local", a.tp->ty, loc, 0), loc));
        splice(rb, pop);
        splice(rb, rev_sweep);
        splice(rb, finish);
        Func *rf = new_func(d->name, ty_basic(TY_VOID), true, loc, &params, rb);
        rf->vars = g->vars;
        d->out = rf;
        return;
    }

    Stmt *gb = st_block(loc);
    splice(gb, primal_decls);
    splice(gb, a.decls);
    Var *m0 = NULL, *m1 = NULL;
    if (tape_used) {
        st_append(gb, st_decl(a.tp, ex_call_n("cg_tape_local", a.tp->ty, loc, 0), loc));
        Type *mark_ty = named_type("cg_tape_mark");
        m0 = fn_new_var(g, fn_fresh_name(g, "_m0"), mark_ty, VAR_LOCAL, loc);
        m1 = fn_new_var(g, fn_fresh_name(g, "_m1"), mark_ty, VAR_LOCAL, loc);
        st_append(gb, st_decl(m0, ex_call_n("cg_tape_mem_mark", mark_ty, loc, 1, ex_var(a.tp, loc)), loc));
    }
    splice(gb, fwd_sweep);
    /* if the reverse sweep restores _ret, the result is taken here */
    Var *result = ret;
    if (ret && is_recorded(f->body, ret)) {
        result = fn_new_var(g, fn_fresh_name(g, "_result"), ty_unqualified(ret->ty), VAR_LOCAL, loc);
        st_append(gb, st_decl(result, ex_var(ret, loc), loc));
    }
    if (tape_used) {
        st_append(gb, st_decl(m1, ex_call_n("cg_tape_mem_mark", m1->ty, loc, 1, ex_var(a.tp, loc)), loc));
        /* Out of tape memory: what the reverse sweep would pop is garbage
         * (trip counts, pointers, addresses), so skip it.  The forward sweep
         * only pushed, so memory and the result are FUNC's. */
        Stmt *bail = st_new(ST_RETURN, loc);
        if (ret) bail->expr = ex_var(result, loc);
        st_append(gb, st_if(ex_call_n("cg_tape_abandoned", ty_basic(TY_INT), loc, 1, ex_var(a.tp, loc)), bail, NULL, loc));
    }
    splice(gb, rev_sweep);
    if (tape_used)
        st_append(gb, st_expr(ex_call_n("cg_tape_replay", ty_basic(TY_VOID), loc, 3, ex_var(a.tp, loc), ex_var(m0, loc), ex_var(m1, loc)), loc));
    splice(gb, finish);
    if (ret) {
        Stmt *r = st_new(ST_RETURN, loc);
        r->expr = ex_var(result, loc);
        st_append(gb, r);
    }
    Func *out = new_func(d->name, src->ret, src->is_static, loc, &params, gb);
    out->vars = g->vars;
    d->out = out;
}
