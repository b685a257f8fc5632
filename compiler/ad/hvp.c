/*
 * Hessian-vector products by reverse over forward.
 *
 * For a scalar f, the tangent f_jvp(x, v) returns the directional derivative
 * <grad f(x), v> in *ret_d.  Its gradient with respect to x, with v held
 * fixed, is H(x) v.  So FUNC_hvp is the adjoint of the generated tangent,
 * seeded with 1 on ret_d:
 *
 *     f_hvp(x, x_v, x_hv, ...)  =  core(x, x_hv, x_v, &ret_d, &ret_d_b = 1)
 *
 * where core is adj_generate applied to f's tangent with x active, the
 * direction inactive and ret_d the output.  Everything the first-order modes
 * accept works here, because both transforms are reused unchanged.
 */
#include "ad/ad.h"

#include <string.h>

void hvp_generate(Plan *p, Deriv *d) {
    Func *f = d->src;
    Loc loc = d->requested_at;
    Deriv *t = ad_request(p, f, MODE_TANGENT, d->active, true, loc);
    if (!t->out) t->for_hvp = true;
    if (!ad_generate_one(p, t)) return;
    /* the tangents T calls must exist before T is differentiated */
    for (int i = 0; i < p->derivs.len; i++) {
        Deriv *c = p->derivs.data[i];
        if (c->mode == MODE_TANGENT && !c->out && !ad_generate_one(p, c)) return;
    }
    /* the tangents pass their callees the address of a local tangent
     * (`&_t_d`); differentiated in reverse, that scalar must travel between
     * the halves of a split pair as an array does */
    for (int i = 0; i < p->derivs.len; i++) {
        Deriv *c = p->derivs.data[i];
        if (c->mode == MODE_TANGENT && c->out) ir_box_addressed_scalars_of(c->out);
    }
    Func *T = t->out;

    /* the adjoint of the tangent: primal inputs active, directions not */
    bool *active = NEW_ARRAY(bool, T->nparams + 1);
    /* T's parameters: f's, each active one followed by its tangent, then ret_d */
    int k = 0;
    for (int i = 0; i < f->nparams; i++, k++) {
        active[k] = d->active[i];
        if (d->active[i]) active[++k] = false;
    }
    active[k] = true;
    Deriv *core = NEW(Deriv);
    core->src = T;
    core->mode = MODE_ADJOINT;
    core->active = active;
    core->ret_active = false;
    core->requested_at = loc;
    core->disjoint = d->disjoint;
    core->name = arena_printf("%s_core", d->name);
    vec_push(&p->derivs, core);
    if (!ad_generate_one(p, core)) return;

    /* the public wrapper */
    Func *g = NEW(Func);
    g->name = d->name;
    g->ret = f->ret;
    g->is_static = f->is_static;
    g->loc = f->loc;
    for (int i = 0; i < f->vars.len; i++) vec_push(&g->vars, f->vars.data[i]);
    PtrVec params = {0}, args = {0};
    for (int i = 0; i < f->nparams; i++) {
        Var *pv = f->params[i];
        vec_push(&params, pv);
        vec_push(&args, ex_var(pv, loc));
        if (!d->active[i]) continue;
        bool scalar = ty_is_float(pv->ty);
        Type *dir_ty = scalar ? ty_unqualified(pv->ty) : ty_pointer_to(ty_qualified(pv->ty->base, true));
        Type *hv_ty = scalar ? ty_pointer_to(ty_unqualified(pv->ty)) : ty_pointer_to(ty_qualified(pv->ty->base, false));
        Var *dir = fn_new_var(g, fn_fresh_name(g, arena_printf("%s_v", pv->name)), dir_ty, VAR_PARAM, pv->loc);
        Var *hv = fn_new_var(g, fn_fresh_name(g, arena_printf("%s_hv", pv->name)), hv_ty, VAR_PARAM, pv->loc);
        vec_push(&params, dir);
        vec_push(&params, hv);
        vec_push(&args, ex_var(hv, loc));    /* core: x, x_b (= H v), x_d (= v) */
        vec_push(&args, ex_var(dir, loc));
    }
    Type *rt = ty_unqualified(f->ret);
    Var *rd = fn_new_var(g, fn_fresh_name(g, "_ret_d"), rt, VAR_LOCAL, loc);
    Var *rdb = fn_new_var(g, fn_fresh_name(g, "_ret_d_b"), rt, VAR_LOCAL, loc);
    vec_push(&args, ex_addr(ex_var(rd, loc), loc));
    vec_push(&args, ex_addr(ex_var(rdb, loc), loc));
    Stmt *body = st_block(loc);
    st_append(body, st_decl(rd, ex_float(0.0, rt, loc), loc));
    st_append(body, st_decl(rdb, ex_float(1.0, rt, loc), loc));   /* the seed */
    Stmt *ret = st_new(ST_RETURN, loc);
    ret->expr = ex_call(core->name, (Expr **)args.data, args.len, f->ret, loc);
    st_append(body, ret);
    g->params = (Var **)params.data;
    g->nparams = params.len;
    g->body = body;
    d->out = g;
}
