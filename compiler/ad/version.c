/*
 * Two copies of a public derivative: one for buffers that overlap, one for
 * buffers that do not.
 *
 * C lets a caller pass overlapping pointers, so FUNC_vjp assumes that any
 * two may overlap: every pointer parameter shares one memory class (more
 * values recorded) and the C compiler must reload after every store through
 * any of them (no vectorized loops).  Most calls pass separate buffers.  So
 * when the extent analysis (analysis/extent.c) bounds every access through
 * every pointer parameter, the derivative becomes
 *
 *     double f_vjp(const double *x, double *x_b, ...) {
 *         const cg_extent _ext[4] = {
 *             {x, 0, n - 1, sizeof *x, 0},
 *             ...
 *         };
 *         if (cg_disjoint(_ext, 4)) return f_vjp_noalias(x, x_b, ...);
 *         ... the general code, as before ...
 *     }
 *
 * where f_vjp_noalias is the same derivative generated with every pointer
 * parameter in its own memory class and printed restrict.  The shadow of a
 * pointer touches the same elements as the pointer (it is indexed the same
 * way), and the shadow of a scalar is one element.  Only functions with a
 * loop get the second copy: elsewhere there is nothing for it to win.
 */
#include "ad/ad.h"

static bool has_loop(const Stmt *s) {
    if (!s) return false;
    if (s->kind == ST_FOR || s->kind == ST_WHILE || s->kind == ST_DO) return true;
    if (has_loop(s->then) || has_loop(s->els)) return true;
    for (int i = 0; i < s->n; i++)
        if (has_loop(s->body[i])) return true;
    return false;
}

static Type *extent_type(void) {
    Type *t = NEW(Type);
    *t = (Type){.kind = TY_OTHER, .name = "cg_extent", .is_const = true};
    return t;
}

/* {v, lo, hi, sizeof *v, written} */
static Expr *extent_of(Var *v, Extent e, Loc loc) {
    Expr *size = ex_sizeof_var(v, loc);
    size->text = arena_printf("sizeof *%s", v->name);
    Expr *item = NEW(Expr);
    *item = (Expr){.kind = EX_INIT, .ty = extent_type(), .loc = loc, .nargs = 5};
    item->args = NEW_ARRAY(Expr *, 5);
    item->args[0] = ex_var(v, loc);
    item->args[1] = ex_copy(e.lo);
    item->args[2] = ex_copy(e.hi);
    item->args[3] = size;
    item->args[4] = ex_int(!v->ty->base->is_const, NULL, loc);
    return item;
}

/* The extents of g's pointer parameters, g being d's generated function:
 * each of f's parameters, followed by its derivatives when active. */
static PtrVec extents(const Deriv *d, const Extent *ext, Loc loc) {
    const Func *f = d->src, *g = d->out;
    PtrVec items = {0};
    int per_active = d->mode == MODE_HVP ? 2 : 1;   /* p_b, or p_v and p_hv */
    for (int i = 0, k = 0; i < f->nparams; i++) {
        Extent one = {ex_int(0, ty_basic(TY_LLONG), loc), ex_int(0, ty_basic(TY_LLONG), loc)};
        Extent e = f->params[i]->ty->kind == TY_PTR ? ext[i] : one;
        for (int j = 0; j <= (d->active[i] ? per_active : 0) && k < g->nparams; j++, k++) {
            Var *v = g->params[k];
            if (v->ty->kind == TY_PTR && e.lo) vec_push(&items, extent_of(v, e, loc));
        }
    }
    return items;
}

static bool any_written(const PtrVec *items) {
    for (int i = 0; i < items->len; i++)
        if (((Expr *)items->data[i])->args[4]->ival) return true;   /* the row's written flag */
    return false;
}

void version_generate(Plan *p, Deriv *d) {
    Func *f = d->src, *g = d->out;
    Loc loc = f->loc;
    Extent *ext = NEW_ARRAY(Extent, f->nparams + 1);
    if (!has_loop(f->body) || !ext_analyze(f, ext)) return;
    PtrVec items = extents(d, ext, loc);
    if (items.len < 2 || !any_written(&items)) return;

    Deriv *v = NEW(Deriv);
    *v = *d;
    v->out = NULL;
    v->extra = (PtrVec){0};
    v->disjoint = true;
    v->name = fn_fresh_name(g, arena_printf("%s_noalias", d->name));
    vec_push(&p->derivs, v);
    if (!ad_generate_one(p, v)) return;
    v->out->is_static = true;

    /* const cg_extent _ext[N] = {...}; if (cg_disjoint(_ext, N)) return NAME_noalias(...); */
    Var *table = fn_new_var(g, fn_fresh_name(g, "_ext"), ty_array_of(extent_type(), items.len), VAR_LOCAL, loc);
    Expr *init = NEW(Expr);
    *init = (Expr){.kind = EX_INIT, .ty = table->ty, .loc = loc, .args = (Expr **)items.data, .nargs = items.len};
    Expr **args = NEW_ARRAY(Expr *, g->nparams + 1);
    for (int i = 0; i < g->nparams; i++) args[i] = ex_var(g->params[i], loc);
    Expr *call = ex_call(v->name, args, g->nparams, g->ret, loc);
    Stmt *go = st_new(ST_RETURN, loc);
    if (g->ret->kind == TY_VOID) {
        Stmt *both = st_block(loc);
        st_append(both, st_expr(call, loc));
        st_append(both, go);
        go = both;
    } else {
        go->expr = call;
    }
    Expr *test = ex_call_n("cg_disjoint", ty_basic(TY_INT), loc, 2, ex_var(table, loc), ex_int(items.len, NULL, loc));
    st_prepend(g->body, st_if(test, go, NULL, loc));
    st_prepend(g->body, st_decl(table, init, loc));
}

void version_restrict_params(Func *g) {
    for (int i = 0; i < g->nparams; i++) {
        Var *v = g->params[i];
        if (v->ty->kind != TY_PTR || v->ty->is_restrict) continue;
        Var *r = NEW(Var);
        *r = *v;   /* same name and id: the body's references print the same */
        r->ty = NEW(Type);
        *r->ty = *v->ty;
        r->ty->is_restrict = true;
        g->params[i] = r;
    }
}
