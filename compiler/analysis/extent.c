/*
 * Extents: which elements a function may touch through each pointer
 * parameter, as C expressions of its parameters.
 *
 * Generated derivatives check at entry that the caller's buffers do not
 * overlap and then run a copy whose pointers are restrict (ad/version.c).
 * That needs, for every pointer parameter p, an interval [lo, hi] holding
 * every i of every access p[i] the function makes.  The intervals come from
 * interval arithmetic over the index expressions, where
 *   - integer parameters and locals that are never assigned after their
 *     declaration stand for themselves (their declaration's interval),
 *   - the variable of a counted loop `for (i = A; i < B; i++)` (also <=,
 *     counting down with > and >=, any constant step) whose body leaves i
 *     alone ranges over [lo A, hi B - 1],
 *   - + - * and unary minus combine intervals; min and max are cg_imin and
 *     cg_imax calls when the operands are not constants.
 * A local pointer declared as p + e (or &p[e]) and never assigned is p with
 * an offset.  Anything else that involves a pointer parameter (passing it to
 * a call, a while loop's counter in an index, an index read from memory, a
 * pointer walk) makes the whole function out of reach: no extents, no
 * restrict copy.  Over-approximation is safe, since a larger extent can only
 * make the overlap test fail and take the general path.
 */
#include "analysis/analysis.h"

#include <string.h>

typedef struct Ivl {
    Expr *lo, *hi;   /* NULL: unknown */
} Ivl;

typedef struct Ext {
    const Func *f;
    int *writes;     /* per var id: assignments after the declaration */
    Ivl *known;      /* per var id: the interval of an integer variable in scope */
    int *alias;      /* per var id: the parameter index a local pointer is based on, or -1 */
    Ivl *offset;     /* per var id: that pointer's offset */
    Extent *out;     /* per parameter */
    bool ok;
} Ext;

/* ---- interval arithmetic on expressions, constants folded ------------------ */

static Type *ll(void) { return ty_basic(TY_LLONG); }

static Expr *num(long long v, Loc loc) { return ex_int(v, ll(), loc); }

static Expr *arith(Op op, Expr *a, Expr *b) {
    long long x, y;
    bool ca = ex_int_value(a, &x), cb = ex_int_value(b, &y);
    if (ca && cb) return num(op == OP_ADD ? x + y : op == OP_SUB ? x - y : x * y, a->loc);
    if (op == OP_ADD && ca && x == 0) return b;
    if ((op == OP_ADD || op == OP_SUB) && cb && y == 0) return a;
    if (op == OP_MUL && ((ca && x == 0) || (cb && y == 0))) return num(0, a->loc);
    if (op == OP_MUL && ca && x == 1) return b;
    if (op == OP_MUL && cb && y == 1) return a;
    long long k;
    if ((op == OP_ADD || op == OP_SUB) && cb && a->kind == EX_BINARY && (a->op == OP_ADD || a->op == OP_SUB) && ex_int_value(a->rhs, &k)) {
        /* (e + k) + y  ->  e + (k + y) */
        long long c = (a->op == OP_ADD ? k : -k) + (op == OP_ADD ? y : -y);
        return c == 0 ? a->lhs : c > 0 ? ex_binary(OP_ADD, a->lhs, num(c, a->loc), ll(), a->loc) : ex_binary(OP_SUB, a->lhs, num(-c, a->loc), ll(), a->loc);
    }
    return ex_binary(op, a, b, ll(), a->loc);
}

/* e as base + c (base NULL for a constant), so n - 2 and n - 1 compare */
static const Expr *split_const(const Expr *e, long long *c) {
    long long k;
    if (ex_int_value(e, c)) return NULL;
    if (e->kind == EX_BINARY && (e->op == OP_ADD || e->op == OP_SUB) && ex_int_value(e->rhs, &k)) {
        *c = e->op == OP_ADD ? k : -k;
        return e->lhs;
    }
    *c = 0;
    return e;
}

/* min (want_max false) or max of a and b */
static Expr *pick(Expr *a, Expr *b, bool want_max) {
    if (!a || !b) return NULL;
    long long x, y;
    const Expr *ba = split_const(a, &x), *bb = split_const(b, &y);
    if (ba == bb || (ba && bb && ex_same(ba, bb))) return (want_max ? x >= y : x <= y) ? a : b;
    return ex_call_n(want_max ? "cg_imax" : "cg_imin", ll(), a->loc, 2, a, b);
}

static Ivl ivl_add(Ivl a, Ivl b, bool sub) {
    if (!a.lo || !b.lo) return (Ivl){0};
    if (sub) return (Ivl){arith(OP_SUB, a.lo, b.hi), arith(OP_SUB, a.hi, b.lo)};
    return (Ivl){arith(OP_ADD, a.lo, b.lo), arith(OP_ADD, a.hi, b.hi)};
}

static Ivl ivl_mul(Ivl a, Ivl b) {
    if (!a.lo || !b.lo) return (Ivl){0};
    long long k;
    /* a constant factor keeps the interval's ends in order (or swaps them) */
    if (ex_same(b.lo, b.hi) && ex_int_value(b.lo, &k)) {
        Expr *x = arith(OP_MUL, a.lo, b.lo), *y = arith(OP_MUL, a.hi, b.lo);
        return k >= 0 ? (Ivl){x, y} : (Ivl){y, x};
    }
    if (ex_same(a.lo, a.hi) && ex_int_value(a.lo, &k)) return ivl_mul(b, a);
    Expr *p[4] = {arith(OP_MUL, a.lo, b.lo), arith(OP_MUL, a.lo, b.hi), arith(OP_MUL, a.hi, b.lo), arith(OP_MUL, a.hi, b.hi)};
    return (Ivl){pick(pick(p[0], p[1], false), pick(p[2], p[3], false), false), pick(pick(p[0], p[1], true), pick(p[2], p[3], true), true)};
}

static Ivl ivl_join(Ivl a, Ivl b) {
    if (!a.lo) return b;
    return (Ivl){pick(a.lo, b.lo, false), pick(a.hi, b.hi, true)};
}

static Ivl point(Expr *e) { return (Ivl){e, e}; }

/* The interval of the integer expression e, or {0} when out of reach. */
static Ivl ivl_of(Ext *x, const Expr *e) {
    long long v;
    if (ex_int_value(e, &v)) return point(num(v, e->loc));
    switch (e->kind) {
    case EX_VAR:
        if (e->var->id >= 0 && ty_is_integer(e->var->ty)) return x->known[e->var->id];
        return (Ivl){0};
    case EX_CAST: return ty_is_integer(e->ty) && ty_is_integer(e->lhs->ty) ? ivl_of(x, e->lhs) : (Ivl){0};
    case EX_UNARY:
        if (e->op == OP_PLUS) return ivl_of(x, e->lhs);
        if (e->op == OP_NEG) return ivl_add(point(num(0, e->loc)), ivl_of(x, e->lhs), true);
        return (Ivl){0};
    case EX_BINARY:
        if (!ty_is_integer(e->ty)) return (Ivl){0};
        if (e->op == OP_ADD || e->op == OP_SUB) return ivl_add(ivl_of(x, e->lhs), ivl_of(x, e->rhs), e->op == OP_SUB);
        if (e->op == OP_MUL) return ivl_mul(ivl_of(x, e->lhs), ivl_of(x, e->rhs));
        return (Ivl){0};
    default: return (Ivl){0};
    }
}

/* ---- which variables are assigned ------------------------------------------ */

/* a declaration's initializer is not a write of the variable */
static void count_write(const Expr *e, void *ext) {
    Ext *x = ext;
    const Var *target = ex_written_var(e);
    if (target && target->id >= 0) x->writes[target->id]++;
}

/* ---- accesses through pointer parameters ------------------------------------ */

/* The parameter a pointer expression is based on and its offset interval;
 * -1 when it involves no pointer parameter. */
static int based_on(Ext *x, const Expr *e, Ivl *off) {
    switch (e->kind) {
    case EX_VAR: {
        const Var *v = e->var;
        if (v->id < 0) return -1;
        if (v->kind == VAR_PARAM && v->ty->kind == TY_PTR) {
            *off = point(num(0, e->loc));
            return v->id;   /* params come first in f->vars */
        }
        if (x->alias[v->id] >= 0) {
            *off = x->offset[v->id];
            return x->alias[v->id];
        }
        return -1;
    }
    case EX_CAST: return e->ty->kind == TY_PTR ? based_on(x, e->lhs, off) : -1;
    case EX_BINARY: {
        if (e->op != OP_ADD && e->op != OP_SUB) return -1;
        bool left = e->lhs->ty && ty_is_address(e->lhs->ty);
        const Expr *ptr = left ? e->lhs : e->rhs, *idx = left ? e->rhs : e->lhs;
        if (!ptr->ty || !ty_is_address(ptr->ty) || (!left && e->op == OP_SUB)) return -1;
        int p = based_on(x, ptr, off);
        if (p >= 0) *off = ivl_add(*off, ivl_of(x, idx), e->op == OP_SUB);
        return p;
    }
    case EX_ADDR:
        if (e->lhs->kind != EX_INDEX) return -1;
        {
            int p = based_on(x, e->lhs->lhs, off);
            if (p >= 0) *off = ivl_add(*off, ivl_of(x, e->lhs->rhs), false);
            return p;
        }
    default: return -1;
    }
}

static void access(Ext *x, int param, Ivl at) {
    if (!at.lo) {
        x->ok = false;
        return;
    }
    Extent *o = &x->out[param];
    Ivl joined = ivl_join((Ivl){o->lo, o->hi}, at);
    o->lo = joined.lo, o->hi = joined.hi;
}

static void scan_expr(Ext *x, const Expr *e) {
    if (!e || !x->ok) return;
    Ivl off;
    if (e->kind == EX_INDEX && ty_is_address(e->lhs->ty)) {
        int p = based_on(x, e->lhs, &off);
        if (p >= 0) {
            access(x, p, ivl_add(off, ivl_of(x, e->rhs), false));
            scan_expr(x, e->rhs);
            return;
        }
    }
    if (e->kind == EX_DEREF) {
        int p = based_on(x, e->lhs, &off);
        if (p >= 0) {
            access(x, p, off);
            return;
        }
    }
    if (e->kind == EX_VAR && e->var->id >= 0 && ((e->var->kind == VAR_PARAM && e->var->ty->kind == TY_PTR) || x->alias[e->var->id] >= 0)) {
        x->ok = false;   /* the pointer itself escapes: a call, a walk, a comparison */
        return;
    }
    scan_expr(x, e->lhs);
    scan_expr(x, e->rhs);
    scan_expr(x, e->cond);
    for (int i = 0; i < e->nargs; i++) scan_expr(x, e->args[i]);
}

/* ---- statements ------------------------------------------------------------- */

static void scan_stmt(Ext *x, const Stmt *s);

/* A counted loop's variable and its interval, or NULL. */
static Var *counted_loop(Ext *x, const Stmt *s, Ivl *range) {
    const Stmt *init = s->for_init;
    if (init && init->kind == ST_BLOCK && init->n == 1) init = init->body[0];
    Var *v = NULL;
    const Expr *start = NULL;
    if (init && init->kind == ST_DECL && init->init) v = init->var, start = init->init;
    else if (init && init->kind == ST_EXPR && init->expr->kind == EX_ASSIGN && init->expr->op == OP_NONE && init->expr->lhs->kind == EX_VAR)
        v = init->expr->lhs->var, start = init->expr->rhs;
    if (!v || v->id < 0 || !ty_is_integer(v->ty) || !s->cond || !s->step || s->cond->kind != EX_BINARY) return NULL;
    const Expr *c = s->cond, *lhs = ex_strip_implicit(c->lhs);
    if (lhs->kind != EX_VAR || lhs->var != v) return NULL;
    const Expr *st = s->step;
    int dir = 0;
    long long k;
    if (st->lhs && st->lhs->kind == EX_VAR && st->lhs->var == v) {
        if (st->kind == EX_PREINC || st->kind == EX_POSTINC) dir = 1;
        if (st->kind == EX_PREDEC || st->kind == EX_POSTDEC) dir = -1;
        if (st->kind == EX_ASSIGN && (st->op == OP_ADD || st->op == OP_SUB) && ex_int_value(st->rhs, &k) && k > 0) dir = st->op == OP_ADD ? 1 : -1;
    }
    if (!dir || st_writes_var(s->then, v) || ex_reads_var(c->rhs, v)) return NULL;
    Ivl a = ivl_of(x, start), b = ivl_of(x, c->rhs);
    if (!a.lo || !b.lo) return NULL;
    Expr *one = num(1, s->loc);
    if (dir > 0 && c->op == OP_LT) *range = (Ivl){a.lo, arith(OP_SUB, b.hi, one)};
    else if (dir > 0 && c->op == OP_LE) *range = (Ivl){a.lo, b.hi};
    else if (dir < 0 && c->op == OP_GT) *range = (Ivl){arith(OP_ADD, b.lo, one), a.hi};
    else if (dir < 0 && c->op == OP_GE) *range = (Ivl){b.lo, a.hi};
    else return NULL;
    return v;
}

static void scan_decl(Ext *x, const Stmt *s) {
    Var *v = s->var;
    Ivl off;
    if (s->init && v->id >= 0 && x->writes[v->id] == 0) {
        if (v->ty->kind == TY_PTR && s->init->kind != EX_INIT) {
            int p = based_on(x, s->init, &off);
            if (p >= 0) {
                if (!off.lo) x->ok = false;
                x->alias[v->id] = p, x->offset[v->id] = off;
                return;
            }
        }
        if (ty_is_integer(v->ty)) x->known[v->id] = ivl_of(x, s->init);
    }
    scan_expr(x, s->init);
}

static void scan_stmt(Ext *x, const Stmt *s) {
    if (!s || !x->ok) return;
    switch (s->kind) {
    case ST_DECL: scan_decl(x, s); return;
    case ST_FOR: {
        Ivl range;
        Var *v = counted_loop(x, s, &range);
        scan_stmt(x, s->for_init);
        if (v) x->known[v->id] = range;
        scan_expr(x, s->cond);
        scan_expr(x, s->step);
        scan_stmt(x, s->then);
        if (v) x->known[v->id] = (Ivl){0};   /* its exit value is another matter */
        return;
    }
    default: break;
    }
    scan_expr(x, s->expr);
    scan_expr(x, s->cond);
    scan_expr(x, s->init);
    scan_expr(x, s->step);
    scan_stmt(x, s->for_init);
    scan_stmt(x, s->then);
    scan_stmt(x, s->els);
    for (int i = 0; i < s->n; i++) scan_stmt(x, s->body[i]);
}

bool ext_analyze(const Func *f, Extent *out) {
    int n = f->vars.len;
    Ext x = {f, NEW_ARRAY(int, n + 1), NEW_ARRAY(Ivl, n + 1), NEW_ARRAY(int, n + 1), NEW_ARRAY(Ivl, n + 1), out, true};
    memset(out, 0, sizeof(Extent) * (size_t)(f->nparams + 1));
    for (int i = 0; i < f->nparams; i++) {
        const Var *p = f->params[i];
        if (p->id != i) return false;
        /* a pointer to pointers or to structs reaches memory no index names */
        if (p->ty->kind == TY_PTR && (!ty_is_arith(p->ty->base) || p->ty->base->is_tensor)) return false;
    }
    for (int i = 0; i < n; i++) x.alias[i] = -1;
    st_visit(f->body, count_write, &x);
    for (int i = 0; i < f->nparams; i++) {
        Var *p = f->params[i];
        if (ty_is_integer(p->ty) && x.writes[i] == 0) x.known[i] = point(ex_var(p, p->loc));
    }
    scan_stmt(&x, f->body);
    return x.ok;
}
