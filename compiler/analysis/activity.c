/*
 * Activity analysis, flow-insensitive, to a fixpoint.
 *
 * In: a function and which parameters are active.  Out: for every cell,
 * varied (reached forward from active inputs) and useful (reaching an active
 * output backward).  Flow-insensitivity makes it conservative — a variable
 * active anywhere is active everywhere — which costs a little dead derivative
 * code at worst and never a missing derivative.
 *
 * Aliasing for activity follows the contract: each active pointer parameter
 * is its own cell, and a local pointer joins the cells of every pointer
 * expression assigned to it.
 */
#include "analysis/analysis.h"
#include "rules/rules.h"

#include <string.h>

int act_cell(Activity *a, const Var *v) {
    if (!v || v->id < 0 || v->id >= a->nvars) return -1;
    int c = v->id;
    while (a->parent[c] != c) c = a->parent[c] = a->parent[a->parent[c]];
    return c;
}

static void unite_cells(Activity *a, int cx, int cy) {
    if (cx < 0 || cy < 0) return;
    while (a->parent[cx] != cx) cx = a->parent[cx];
    while (a->parent[cy] != cy) cy = a->parent[cy];
    if (cx == cy) return;
    a->parent[cy] = cx;
    a->varied[cx] |= a->varied[cy];
    a->useful[cx] |= a->useful[cy];
}

static bool is_memory_type(const Type *t) { return t->kind == TY_PTR || t->kind == TY_ARRAY || t->kind == TY_STRUCT; }

/* Cells whose values flow differentiably into e's value. */
typedef struct Cells {
    int *c;
    int n, cap;
} Cells;

static void add(Cells *s, int c) {
    if (c < 0) return;
    for (int i = 0; i < s->n; i++)
        if (s->c[i] == c) return;
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 8;
        int *d = NEW_ARRAY(int, cap);
        if (s->n) memcpy(d, s->c, sizeof(int) * (size_t)s->n);
        s->c = d;
        s->cap = cap;
    }
    s->c[s->n++] = c;
}

/* The cells of the memory that the pointer (or array) value e may address. */
static void memory_cells(Activity *a, const Expr *e, Cells *out) {
    PtrVec roots = {0};
    fn_memory_roots(a->fn, e, &roots);
    for (int i = 0; i < roots.len; i++) add(out, act_cell(a, roots.data[i]));
}

/* The cells of the memory that the lvalue e lies in. */
static void lvalue_cells(Activity *a, const Expr *e, Cells *out) {
    if (e->kind == EX_VAR) add(out, act_cell(a, e->var));
    else memory_cells(a, e, out);
}

static void diff_reads(Activity *a, const Expr *e, Cells *out) {
    if (!e) return;
    switch (e->kind) {
    case EX_VAR:
        if (ty_is_float(e->ty) || e->ty->kind == TY_STRUCT) add(out, act_cell(a, e->var));
        return;
    case EX_INDEX:
    case EX_DEREF:
    case EX_MEMBER:
        if (ty_is_float(e->ty) || e->ty->is_tensor) lvalue_cells(a, e, out);
        return;
    case EX_CAST:
        if (ty_is_float(e->ty)) diff_reads(a, e->lhs, out);
        return;
    case EX_UNARY:
        if (e->op == OP_NEG || e->op == OP_PLUS) diff_reads(a, e->lhs, out);
        return;
    case EX_BINARY:
        if (e->op == OP_ADD || e->op == OP_SUB || e->op == OP_MUL || e->op == OP_DIV) {
            if (!ty_is_float(e->ty)) return;
            diff_reads(a, e->lhs, out);
            diff_reads(a, e->rhs, out);
        } else if (e->op == OP_COMMA) {
            diff_reads(a, e->rhs, out);
        }
        return;
    case EX_COND:
        diff_reads(a, e->lhs, out);
        diff_reads(a, e->rhs, out);
        return;
    case EX_ASSIGN:
    case EX_PREINC:
    case EX_PREDEC:
    case EX_POSTINC:
    case EX_POSTDEC: diff_reads(a, e->lhs, out); return;
    case EX_CALL:
        /* Conservatively, the result depends on every argument, and on the
         * memory every pointer argument reaches (through a `void *`
         * parameter too: memcpy's) */
        for (int i = 0; i < e->nargs; i++) {
            const Expr *x = ex_strip_implicit(e->args[i]);
            bool to_struct = x->ty->kind == TY_PTR && x->ty->base->kind == TY_STRUCT;   /* memcpy(&r, &s, ...) */
            if (is_memory_type(x->ty) && (ty_is_differentiable(x->ty) || to_struct)) memory_cells(a, x, out);
            else diff_reads(a, x, out);
        }
        return;
    default: return;
    }
}

static bool any(const bool *flags, const Cells *s) {
    for (int i = 0; i < s->n; i++)
        if (flags[s->c[i]]) return true;
    return false;
}

typedef struct Walk {
    Activity *a;
    bool changed;
} Walk;

static void set(Walk *w, bool *flags, int c) {
    if (c >= 0 && !flags[c]) {
        flags[c] = true;
        w->changed = true;
    }
}

/* One flow of values: target cell t receives reads r. */
static void flow(Walk *w, int t, const Cells *r) {
    Activity *a = w->a;
    if (t < 0) return;
    if (any(a->varied, r)) set(w, a->varied, t);
    if (a->useful[t])
        for (int i = 0; i < r->n; i++) set(w, a->useful, r->c[i]);
}

static void walk_expr(Walk *w, const Expr *e);

static void assignment(Walk *w, const Expr *lhs, const Expr *rhs, bool reads_self) {
    Activity *a = w->a;
    Cells targets = {0};
    if (lhs->ty->kind == TY_PTR && lhs->kind == EX_VAR) {
        if (!rhs || !ty_is_differentiable(lhs->ty)) return;
        memory_cells(a, rhs, &targets);
        for (int i = 0; i < targets.n; i++) unite_cells(a, act_cell(a, lhs->var), targets.c[i]);
        return;
    }
    if (!ty_is_differentiable(lhs->ty) && lhs->ty->kind != TY_STRUCT) return;
    lvalue_cells(a, lhs, &targets);
    Cells r = {0};
    diff_reads(a, rhs, &r);
    for (int i = 0; i < targets.n; i++) {
        Cells ri = r;
        if (reads_self) {
            ri = (Cells){0};
            for (int j = 0; j < r.n; j++) add(&ri, r.c[j]);
            add(&ri, targets.c[i]);
        }
        flow(w, targets.c[i], &ri);
    }
}

static void call(Walk *w, const Expr *e) {
    Activity *a = w->a;
    Cells all = {0};
    diff_reads(a, e, &all);
    /* a callee may write through any pointer to non-const floating data */
    for (int i = 0; i < e->nargs; i++) {
        const Expr *x = ex_strip_implicit(e->args[i]);
        const Type *t = x->ty;
        if (!ty_is_address(t) || !(ty_is_differentiable(t) || (t->kind == TY_PTR && t->base->kind == TY_STRUCT)) || t->base->is_const ||
            e->args[i]->ty->base->is_const)
            continue;
        Cells targets = {0};
        memory_cells(a, x, &targets);
        for (int j = 0; j < targets.n; j++) flow(w, targets.c[j], &all);
    }
}

static void walk_node(const Expr *e, void *walk) {
    Walk *w = walk;
    switch (e->kind) {
    case EX_ASSIGN: assignment(w, e->lhs, e->rhs, e->op != OP_NONE); break;
    case EX_PREINC:
    case EX_PREDEC:
    case EX_POSTINC:
    case EX_POSTDEC: assignment(w, e->lhs, NULL, true); break;
    case EX_CALL: call(w, e); break;
    default: break;
    }
}

static void walk_expr(Walk *w, const Expr *e) { ex_visit(e, walk_node, w); }

static void walk_stmt(Walk *w, const Stmt *s) {
    if (!s) return;
    switch (s->kind) {
    case ST_DECL:
        if (s->init) {
            Expr lhs = {.kind = EX_VAR, .var = s->var, .ty = s->var->ty};
            if (s->init->kind == EX_INIT) {
                for (int i = 0; i < s->init->nargs; i++) {
                    Cells r = {0};
                    diff_reads(w->a, s->init->args[i], &r);
                    flow(w, act_cell(w->a, s->var), &r);
                }
            } else {
                assignment(w, &lhs, s->init, false);
            }
            walk_expr(w, s->init);
        }
        break;
    case ST_RETURN:
        if (s->expr && w->a->ret_active) {
            Cells r = {0};
            diff_reads(w->a, s->expr, &r);
            for (int i = 0; i < r.n; i++) set(w, w->a->useful, r.c[i]);
        }
        walk_expr(w, s->expr);
        break;
    default:
        walk_expr(w, s->expr);
        walk_expr(w, s->cond);
        walk_expr(w, s->step);
        break;
    }
    walk_stmt(w, s->for_init);
    walk_stmt(w, s->then);
    walk_stmt(w, s->els);
    for (int i = 0; i < s->n; i++) walk_stmt(w, s->body[i]);
}

Activity *act_analyze(const Func *f, const bool *active_param, bool ret_active, const Var *ret_var) {
    Activity *a = NEW(Activity);
    a->fn = f;
    a->nvars = f->vars.len;
    a->parent = NEW_ARRAY(int, a->nvars + 1);
    a->varied = NEW_ARRAY(bool, a->nvars + 1);
    a->useful = NEW_ARRAY(bool, a->nvars + 1);
    a->ret_active = ret_active;
    for (int i = 0; i < a->nvars; i++) a->parent[i] = i;
    for (int i = 0; i < f->nparams; i++) {
        if (!active_param[i]) continue;
        int c = act_cell(a, f->params[i]);
        a->varied[c] = true;
        /* a by-value parameter's final value is invisible to the caller */
        if (is_memory_type(f->params[i]->ty)) a->useful[c] = true;
    }
    if (ret_var && ret_active) a->useful[act_cell(a, ret_var)] = true;
    Walk w = {a, true};
    for (int rounds = 0; w.changed && rounds < 1000; rounds++) {
        w.changed = false;
        walk_stmt(&w, f->body);
    }
    return a;
}

bool act_var_active(Activity *a, const Var *v) {
    int c = act_cell(a, v);
    return c >= 0 && a->varied[c] && a->useful[c];
}

static bool any_active(const Activity *a, const Cells *s) {
    for (int i = 0; i < s->n; i++)
        if (a->varied[s->c[i]] && a->useful[s->c[i]]) return true;
    return false;
}

bool act_expr_varied(Activity *a, const Expr *e) {
    Cells r = {0};
    diff_reads(a, e, &r);
    return any_active(a, &r);
}

bool act_ptr_active(Activity *a, const Expr *e) {
    Cells c = {0};
    memory_cells(a, e, &c);
    return any_active(a, &c);
}

typedef struct Lost {
    Activity *a;
    bool ok;
    Loc at;
} Lost;

static void global_store(const Expr *e, void *lost) {
    Lost *l = lost;
    if (e->kind == EX_ASSIGN) {
        Var *root = ex_root_var(e->lhs);
        Cells r = {0};
        diff_reads(l->a, e->rhs, &r);
        /* varied is enough: what the global feeds is invisible to the analysis */
        if (root && root->kind == VAR_GLOBAL && ty_is_float(e->lhs->ty) && any(l->a->varied, &r)) {
            diag_error(e->loc, "the value stored in the file-scope object '%s' depends on the differentiated inputs; "
                               "cgrad cannot carry its derivative through a global (pass it as a parameter instead)",
                       root->name);
            l->ok = false;
        }
    }
}

/* ---- values cgrad would lose on the way -------------------------------
 * Derivatives live in shadows of variables, of the memory of pointers to
 * floating data, and of members of local struct variables.  A value that
 * depends on the inputs and goes anywhere else (a whole struct copied, a
 * struct passed or returned by value, a member reached through an array or
 * a pointer, memory seen through a pointer of another type, a pointer kept
 * in memory) would lose its derivative, so each is an error. */

static bool varied_cells(Activity *a, const Cells *c) { return any(a->varied, c); }

/* A struct-typed value that holds values depending on the inputs. */
static bool struct_varied(Activity *a, const Expr *e) {
    e = ex_strip_implicit(e);
    Cells c = {0};
    switch (e->kind) {
    case EX_VAR: add(&c, act_cell(a, e->var)); break;
    case EX_INDEX:
    case EX_DEREF:
    case EX_MEMBER: lvalue_cells(a, e, &c); break;
    case EX_CALL: diff_reads(a, e, &c); break;
    case EX_ASSIGN: return struct_varied(a, e->lhs) || struct_varied(a, e->rhs);
    case EX_COND: return struct_varied(a, e->lhs) || struct_varied(a, e->rhs);
    default: return false;
    }
    return varied_cells(a, &c);
}

static bool value_varied(Activity *a, const Expr *e) {
    Cells c = {0};
    diff_reads(a, e, &c);
    return varied_cells(a, &c);
}

static bool memory_varied(Activity *a, const Expr *e) {
    Cells c = {0};
    memory_cells(a, e, &c);
    return varied_cells(a, &c);
}

/* A member reached through an index, a dereference or '->' on the way
 * from the variable: p->a, b[1].m, (*q).x. */
static bool member_in_memory(const Expr *e) {
    if (e->kind != EX_MEMBER) return false;
    for (const Expr *x = e; x; x = x->lhs) {
        x = ex_strip_implicit(x);
        if (x->kind == EX_VAR) return false;
        if (x->kind == EX_INDEX || x->kind == EX_DEREF || (x->kind == EX_MEMBER && x->arrow)) return true;
        if (x->kind != EX_MEMBER) return true;
    }
    return false;
}

static bool is_user_call(const Expr *e) { return e->kind == EX_CALL && !(e->lhs->kind == EX_FUNC && rules_math(e->lhs->name)); }

/* A pointer conversion that reinterprets floating memory as another type. */
static bool reinterprets(const Expr *e) {
    if (e->kind != EX_CAST || e->ty->kind != TY_PTR || !ty_is_address(e->lhs->ty)) return false;
    const Type *from = e->lhs->ty->base, *to = e->ty->base;
    return ty_is_float(from) && from->kind != to->kind;
}

/* Places already reported: the tangent and the adjoint of one function
 * would each say the same. */
static PtrVec reported_at;

static void lost_error(Loc at, const char *why, Lost *l) {
    l->ok = false;
    for (int i = 0; i < reported_at.len; i++) {
        const Loc *r = reported_at.data[i];
        if (r->file == at.file && r->line == at.line && r->col == at.col) return;
    }
    Loc *keep = NEW(Loc);
    *keep = at;
    vec_push(&reported_at, keep);
    diag_error(at, "%s", why);
}

static const char pointer_kept[] =
    "a pointer to memory that carries derivatives cannot be stored in an array or a struct; keep it in a local pointer variable";

static void lost_value(const Expr *e, void *lost) {
    Lost *l = lost;
    Activity *a = l->a;
    const char *why = NULL;
    Loc at = e->loc;
    if (e->kind == EX_ASSIGN && e->lhs->ty->kind == TY_STRUCT && !is_user_call(ex_strip_implicit(e->rhs)) &&
        (struct_varied(a, e->rhs) || struct_varied(a, e->lhs)))
        why = "cgrad cannot carry derivatives through an assignment of a whole struct; assign its floating members one by one";
    else if ((e->kind == EX_ASSIGN || e->kind == EX_PREINC || e->kind == EX_PREDEC || e->kind == EX_POSTINC || e->kind == EX_POSTDEC) &&
             ty_is_float(e->lhs->ty) && member_in_memory(e->lhs) &&
             ((e->kind == EX_ASSIGN && value_varied(a, e->rhs)) || (!(e->kind == EX_ASSIGN && e->op == OP_NONE) && value_varied(a, e->lhs))))
        why = "cgrad keeps derivatives only in members of local struct variables ('s.a = ...'); this member is reached "
              "through an array or a pointer";
    else if (e->kind == EX_ASSIGN && ty_is_float(e->lhs->ty) && (e->lhs->kind == EX_INDEX || e->lhs->kind == EX_DEREF) &&
             e->lhs->lhs->ty->kind == TY_PTR && ex_reads_memory(e->lhs->lhs) && value_varied(a, e->rhs))
        /* no pointer to memory with derivatives is ever kept in memory
         * (pointer_kept), so this one points where derivatives are lost */
        why = "cgrad cannot carry a derivative into memory reached through a pointer kept in a struct or an array; pass that "
              "pointer to the function as a parameter of its own";
    else if ((e->kind == EX_ASSIGN && e->op == OP_NONE && e->lhs->ty->kind == TY_PTR && ex_reads_memory(e->lhs) &&
              ty_is_differentiable(e->lhs->ty) && memory_varied(a, e->rhs)))
        why = pointer_kept;
    else if (e->kind == EX_ADDR && e->lhs->ty->kind == TY_PTR && ty_is_differentiable(e->lhs->ty) && memory_varied(a, e->lhs))
        why = "cgrad cannot follow the address of a pointer to memory that carries derivatives; pass or use the pointer itself";
    else if (reinterprets(e) && memory_varied(a, e->lhs))
        why = "memory that carries derivatives cannot be seen through a pointer to another type; cgrad follows it only "
              "through pointers to its own floating type";
    else if (is_user_call(e) && e->ty->kind == TY_STRUCT && value_varied(a, e))
        why = "a function that returns a struct cannot carry derivatives in it; return the values through pointer parameters";
    else if (is_user_call(e)) {
        for (int i = 0; i < e->nargs && !why; i++)
            if (ex_strip_implicit(e->args[i])->ty->kind == TY_STRUCT && struct_varied(a, e->args[i])) {
                why = "a struct that holds derivatives cannot be passed by value; pass its floating members as separate arguments";
                at = e->args[i]->loc;
            }
    }
    if (why) lost_error(at, why, l);
}

/* A declaration's initializer is an assignment the expression walk does not
 * see as one. */
static bool lost_in_decl(const Stmt *s, void *lost) {
    Lost *l = lost;
    if (s->kind == ST_DECL && s->init) {
        Expr as = {.kind = EX_ASSIGN, .op = OP_NONE, .ty = s->var->ty, .loc = s->loc, .lhs = ex_var(s->var, s->loc), .rhs = s->init};
        if (s->init->kind == EX_INIT) {
            for (int i = 0; i < s->init->nargs; i++) {
                Expr *x = s->init->args[i];
                if (x->ty->kind == TY_PTR && ty_is_differentiable(x->ty) && memory_varied(l->a, x))
                    lost_error(x->loc, pointer_kept, l);
            }
        } else if (s->var->ty->kind == TY_STRUCT) {
            lost_value(&as, l);
        }
    }
    return true;
}

/* Functions already reported by act_check_lost: several derivatives of one
 * function would say the same, and once is enough. */
static PtrVec reported;

void act_reset(void) {
    reported = (PtrVec){0};
    reported_at = (PtrVec){0};
}

bool act_check_lost(Activity *a, const bool *active_param, bool for_hvp, Loc requested_at) {
    if (vec_contains(&reported, a->fn)) return false;
    Lost l = {a, true, requested_at};
    for (int i = 0; i < a->fn->nparams; i++) {
        const Var *p = a->fn->params[i];
        if (active_param[i] || p->ty->kind != TY_PTR || !ty_is_differentiable(p->ty)) continue;
        if (act_var_active(a, p) && (p->primal || for_hvp)) {
            /* the tangent of a buffer FUNC writes, inside FUNC_hvp's core */
            diag_error(p->loc, "mode(hvp) cannot differentiate through the buffer '%s', which the function writes: FUNC_hvp has no "
                               "buffers for the derivatives of its contents; make it a local array",
                       p->primal ? p->primal->name : p->name);
            diag_note(requested_at, "derivative requested here");
            l.ok = false;
        } else if (act_var_active(a, p) && (ty_is_float(p->ty->base) || p->ty->base->is_tensor)) {
            /* (a double ** or a struct pointer cannot be in out(...): the
             * store through it is reported below) */
            diag_error(p->loc, "'%s' holds values that depend on the differentiated inputs and are read on the way to an output, "
                               "but it has no derivative buffer; add it to out(...)",
                       p->name);
            diag_note(requested_at, "derivative requested here");
            l.ok = false;
        }
    }
    st_visit(a->fn->body, global_store, &l);
    st_visit(a->fn->body, lost_value, &l);
    st_walk(a->fn->body, lost_in_decl, &l);
    if (!l.ok) vec_push(&reported, (void *)a->fn);
    return l.ok;
}
