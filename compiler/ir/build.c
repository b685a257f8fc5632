/*
 * Constructors, copies and small queries over expressions and statements.
 * The fold_* builders are what derivative code is made of: they drop the
 * multiplications by one and additions of zero that rule templates produce,
 * so generated code reads like code a person would write.
 */
#include "ir/ir.h"

#include <math.h>
#include <string.h>

static Expr *new_expr(ExprKind kind, Type *ty, Loc loc) {
    Expr *e = NEW(Expr);
    e->kind = kind;
    e->ty = ty;
    e->loc = loc;
    return e;
}

Expr *ex_int(long long v, Type *ty, Loc loc) {
    Expr *e = new_expr(EX_INT, ty ? ty : ty_basic(TY_INT), loc);
    e->ival = v;
    return e;
}

Expr *ex_sizeof_var(const Var *v, Loc loc) {
    Expr *e = new_expr(EX_SIZEOF, ty_basic(TY_ULONG), loc);
    e->text = arena_printf("sizeof %s", v->name);
    return e;
}

Expr *ex_sizeof_type(const Type *t, Loc loc) {
    Expr *e = new_expr(EX_SIZEOF, ty_basic(TY_ULONG), loc);
    e->text = arena_printf("sizeof(%s)", ty_keyword(t->kind));
    return e;
}

Expr *ex_float(double v, Type *ty, Loc loc) {
    Expr *e = new_expr(EX_FLOAT, ty ? ty : ty_basic(TY_DOUBLE), loc);
    e->fval = v;
    return e;
}

Expr *ex_var(Var *v, Loc loc) {
    Expr *e = new_expr(EX_VAR, v->ty, loc);
    e->var = v;
    return e;
}

Expr *ex_unary(Op op, Expr *a, Type *ty, Loc loc) {
    Expr *e = new_expr(EX_UNARY, ty ? ty : a->ty, loc);
    e->op = op;
    e->lhs = a;
    return e;
}

Expr *ex_binary(Op op, Expr *l, Expr *r, Type *ty, Loc loc) {
    Expr *e = new_expr(EX_BINARY, ty, loc);
    e->op = op;
    e->lhs = l;
    e->rhs = r;
    return e;
}

Expr *ex_assign(Op op, Expr *l, Expr *r, Loc loc) {
    Expr *e = new_expr(EX_ASSIGN, l->ty, loc);
    e->op = op;
    e->lhs = l;
    e->rhs = r;
    return e;
}

Expr *ex_call(const char *fn, Expr **args, int nargs, Type *ty, Loc loc) {
    Expr *e = new_expr(EX_CALL, ty ? ty : ty_basic(TY_VOID), loc);
    Expr *callee = new_expr(EX_FUNC, ty_basic(TY_FUNC), loc);
    callee->name = fn;
    e->lhs = callee;
    e->args = args;
    e->nargs = nargs;
    return e;
}

Expr *ex_call_n(const char *fn, Type *ty, Loc loc, int nargs, ...) {
    Expr **args = NEW_ARRAY(Expr *, nargs ? nargs : 1);
    va_list ap;
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++) args[i] = va_arg(ap, Expr *);
    va_end(ap);
    return ex_call(fn, args, nargs, ty, loc);
}

Expr *ex_index(Expr *base, Expr *idx, Loc loc) {
    Type *elem = base->ty && base->ty->base ? base->ty->base : ty_basic(TY_DOUBLE);
    Expr *e = new_expr(EX_INDEX, elem, loc);
    e->lhs = base;
    e->rhs = idx;
    return e;
}

Expr *ex_deref(Expr *p, Loc loc) {
    Expr *e = new_expr(EX_DEREF, p->ty && p->ty->base ? p->ty->base : ty_basic(TY_DOUBLE), loc);
    e->lhs = p;
    return e;
}

Expr *ex_addr(Expr *lv, Loc loc) {
    Expr *e = new_expr(EX_ADDR, ty_pointer_to(lv->ty), loc);
    e->lhs = lv;
    return e;
}

Expr *ex_cast(Type *ty, Expr *a, Loc loc) {
    Expr *e = new_expr(EX_CAST, ty, loc);
    e->lhs = a;
    return e;
}

Expr *ex_cond(Expr *c, Expr *a, Expr *b, Type *ty, Loc loc) {
    Expr *e = new_expr(EX_COND, ty, loc);
    e->cond = c;
    e->lhs = a;
    e->rhs = b;
    return e;
}

Expr *ex_step(ExprKind kind, Expr *lv, Loc loc) {
    Expr *e = new_expr(kind, lv->ty, loc);
    e->lhs = lv;
    return e;
}

Expr *ex_copy(const Expr *e) { return ex_substitute(e, NULL, NULL); }

Expr *ex_substitute(const Expr *e, const Var *from, const Expr *to) {
    if (!e) return NULL;
    if (from && e->kind == EX_VAR && e->var == from) return ex_copy(to);
    Expr *c = NEW(Expr);
    *c = *e;
    c->lhs = ex_substitute(e->lhs, from, to);
    c->rhs = ex_substitute(e->rhs, from, to);
    c->cond = ex_substitute(e->cond, from, to);
    if (e->nargs) {
        c->args = NEW_ARRAY(Expr *, e->nargs);
        for (int i = 0; i < e->nargs; i++) c->args[i] = ex_substitute(e->args[i], from, to);
    }
    return c;
}

bool ex_int_value(const Expr *e, long long *v) {
    long long a, b;
    switch (e->kind) {
    case EX_INT: *v = e->ival; return true;
    case EX_CAST: return ty_is_integer(e->ty) && ex_int_value(e->lhs, v);
    case EX_UNARY: return e->op == OP_NEG && ex_int_value(e->lhs, &a) && (*v = -a, true);
    case EX_BINARY:
        if (!ex_int_value(e->lhs, &a) || !ex_int_value(e->rhs, &b)) return false;
        if (e->op == OP_ADD) return *v = a + b, true;
        if (e->op == OP_SUB) return *v = a - b, true;
        if (e->op == OP_MUL) return *v = a * b, true;
        return false;
    default: return false;
    }
}

bool ex_is_const(const Expr *e, double *value) {
    if (e->kind == EX_INT || e->kind == EX_FLOAT) {
        if (value) *value = e->kind == EX_INT ? (double)e->ival : e->fval;
        return true;
    }
    if (e->kind == EX_CAST && ty_is_arith(e->ty)) return ex_is_const(e->lhs, value);
    if (e->kind == EX_UNARY && e->op == OP_NEG && ex_is_const(e->lhs, value)) {
        if (value) *value = -*value;
        return true;
    }
    return false;
}

bool ex_is_zero(const Expr *e) {
    double v;
    return ex_is_const(e, &v) && v == 0.0;
}

bool ex_is_one(const Expr *e) {
    double v;
    return ex_is_const(e, &v) && v == 1.0;
}

bool ex_is_lvalue(const Expr *e) {
    switch (e->kind) {
    case EX_VAR:
    case EX_INDEX:
    case EX_DEREF: return true;
    case EX_MEMBER: return e->arrow || ex_is_lvalue(e->lhs);
    default: return false;
    }
}

void ex_visit(const Expr *e, ExprFn *fn, void *ctx) {
    if (!e) return;
    fn(e, ctx);
    ex_visit(e->lhs, fn, ctx);
    ex_visit(e->rhs, fn, ctx);
    ex_visit(e->cond, fn, ctx);
    for (int i = 0; i < e->nargs; i++) ex_visit(e->args[i], fn, ctx);
}

bool ex_any(const Expr *e, ExprTest *test, const void *ctx) {
    if (!e) return false;
    if (test(e, ctx) || ex_any(e->lhs, test, ctx) || ex_any(e->rhs, test, ctx) || ex_any(e->cond, test, ctx)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (ex_any(e->args[i], test, ctx)) return true;
    return false;
}

static bool has_effect(const Expr *e, const void *unused) {
    (void)unused;
    return e->kind == EX_ASSIGN || (e->kind >= EX_PREINC && e->kind <= EX_POSTDEC) || e->kind == EX_CALL;
}

bool ex_has_side_effects(const Expr *e) { return ex_any(e, has_effect, NULL); }

static bool is_comma(const Expr *e, const void *ctx) {
    (void)ctx;
    return e->kind == EX_BINARY && e->op == OP_COMMA;
}

bool ex_has_comma(const Expr *e) { return ex_any(e, is_comma, NULL); }

const Expr *ex_strip_implicit(const Expr *e) {
    while (e->kind == EX_CAST && e->implicit) e = e->lhs;
    return e;
}

bool ex_same(const Expr *a, const Expr *b) {
    if (!a || !b) return a == b;
    if (a->kind != b->kind || a->op != b->op || a->nargs != b->nargs || a->arrow != b->arrow) return false;
    switch (a->kind) {
    case EX_INT: return a->ival == b->ival;
    case EX_FLOAT: return a->fval == b->fval;
    case EX_VAR: return a->var == b->var;
    case EX_FUNC: return strcmp(a->name, b->name) == 0;
    case EX_MEMBER:
        if (strcmp(a->name, b->name) != 0) return false;
        break;
    case EX_CAST:
        if (!ty_same(a->ty, b->ty)) return false;
        break;
    case EX_STR:
    case EX_SIZEOF: return strcmp(a->text, b->text) == 0;
    case EX_HOLE: return a->hole == b->hole;
    case EX_CALL:
    case EX_ASSIGN:
    case EX_PREINC:
    case EX_PREDEC:
    case EX_POSTINC:
    case EX_POSTDEC: return false;
    default: break;
    }
    if (!ex_same(a->lhs, b->lhs) || !ex_same(a->rhs, b->rhs) || !ex_same(a->cond, b->cond)) return false;
    for (int i = 0; i < a->nargs; i++)
        if (!ex_same(a->args[i], b->args[i])) return false;
    return true;
}

static bool is_use_of(const Expr *e, const void *v) { return e->kind == EX_VAR && e->var == v; }

bool ex_reads_var(const Expr *e, const Var *v) { return ex_any(e, is_use_of, v); }

const Expr *ex_minus_one_of(const Expr *e) {
    long long one;
    return e->kind == EX_BINARY && e->op == OP_SUB && ex_int_value(e->rhs, &one) && one == 1 ? e->lhs : NULL;
}

const Var *ex_written_var(const Expr *e) {
    bool w = e->kind == EX_ASSIGN || (e->kind >= EX_PREINC && e->kind <= EX_POSTDEC) || e->kind == EX_ADDR;
    return w && e->lhs->kind == EX_VAR ? e->lhs->var : NULL;
}

static bool is_write_of(const Expr *e, const void *v) { return ex_written_var(e) == v; }

bool ex_writes_var(const Expr *e, const Var *v) { return ex_any(e, is_write_of, v); }

void st_visit(const Stmt *s, ExprFn *fn, void *ctx) {
    if (!s) return;
    st_visit(s->for_init, fn, ctx);
    ex_visit(s->init, fn, ctx);
    ex_visit(s->expr, fn, ctx);
    ex_visit(s->cond, fn, ctx);
    ex_visit(s->step, fn, ctx);
    st_visit(s->then, fn, ctx);
    st_visit(s->els, fn, ctx);
    for (int i = 0; i < s->n; i++) st_visit(s->body[i], fn, ctx);
}

Stmt *st_rewrite(Stmt *s, StmtRewrite *fn, void *ctx) {
    if (!s) return NULL;
    Stmt *r = fn(s, ctx);
    if (r) return r;
    if (s->kind == ST_BLOCK) {   /* a replacement block joins this one */
        Stmt *old = st_block(s->loc);
        for (int i = 0; i < s->n; i++) st_append(old, s->body[i]);
        s->n = 0;
        for (int i = 0; i < old->n; i++) {
            Stmt *b = st_rewrite(old->body[i], fn, ctx);
            if (b != old->body[i] && b->kind == ST_BLOCK)
                for (int k = 0; k < b->n; k++) st_append(s, b->body[k]);
            else
                st_append(s, b);
        }
    }
    s->then = st_rewrite(s->then, fn, ctx);
    s->els = st_rewrite(s->els, fn, ctx);
    return s;
}

void st_walk(const Stmt *s, StmtFn *fn, void *ctx) {
    if (!s || !fn(s, ctx)) return;
    st_walk(s->for_init, fn, ctx);
    st_walk(s->then, fn, ctx);
    st_walk(s->els, fn, ctx);
    for (int i = 0; i < s->n; i++) st_walk(s->body[i], fn, ctx);
}

bool st_any(const Stmt *s, ExprTest *test, const void *ctx) {
    if (!s) return false;
    if (st_any(s->for_init, test, ctx) || ex_any(s->init, test, ctx) || ex_any(s->expr, test, ctx) || ex_any(s->cond, test, ctx) ||
        ex_any(s->step, test, ctx) || st_any(s->then, test, ctx) || st_any(s->els, test, ctx))
        return true;
    for (int i = 0; i < s->n; i++)
        if (st_any(s->body[i], test, ctx)) return true;
    return false;
}

Var *st_init_var(const Stmt *s) {
    const Stmt *init = s->for_init;
    return init && init->kind == ST_EXPR && init->expr->kind == EX_ASSIGN && init->expr->op == OP_NONE && init->expr->lhs->kind == EX_VAR
               ? init->expr->lhs->var
               : NULL;
}

Var *st_loop_counter(const Stmt *s, int *dir) {
    const Expr *c = s->cond, *st = s->step;
    Var *v = s->kind == ST_FOR ? st_init_var(s) : NULL;
    if (!v) return NULL;
    if (!c || !st || c->kind != EX_BINARY || c->lhs->kind != EX_VAR || c->lhs->var != v || !st->lhs || st->lhs->kind != EX_VAR ||
        st->lhs->var != v)
        return NULL;
    *dir = st->kind == EX_POSTINC || st->kind == EX_PREINC ? 1 : st->kind == EX_POSTDEC || st->kind == EX_PREDEC ? -1 : 0;
    return *dir ? v : NULL;
}

bool st_reads_var(const Stmt *s, const Var *v) { return st_any(s, is_use_of, v); }
bool st_writes_var(const Stmt *s, const Var *v) { return st_any(s, is_write_of, v); }

static bool is_memory_access(const Expr *e, const void *unused) {
    (void)unused;
    return e->kind == EX_INDEX || e->kind == EX_DEREF || e->kind == EX_MEMBER;
}

bool ex_reads_memory(const Expr *e) { return ex_any(e, is_memory_access, NULL); }

Var *ex_root_var(const Expr *e) {
    while (e) {
        switch (e->kind) {
        case EX_VAR: return e->var;
        case EX_INDEX:
            /* i[p] is p[i]: follow whichever side is the pointer */
            e = e->lhs->ty && (e->lhs->ty->kind == TY_PTR || e->lhs->ty->kind == TY_ARRAY) ? e->lhs : e->rhs;
            break;
        case EX_BINARY:
            if (e->op != OP_ADD && e->op != OP_SUB) return NULL;
            e = e->lhs->ty && (e->lhs->ty->kind == TY_PTR || e->lhs->ty->kind == TY_ARRAY) ? e->lhs : e->rhs;
            break;
        case EX_DEREF:
        case EX_MEMBER:
        case EX_CAST:
        case EX_ADDR: e = e->lhs; break;
        case EX_ASSIGN: e = e->lhs; break;
        case EX_PREINC:
        case EX_PREDEC:
        case EX_POSTINC:
        case EX_POSTDEC: e = e->lhs; break;
        default: return NULL;
        }
    }
    return NULL;
}

static bool is_allocator(const char *name) {
    static const char *const fresh[] = {"malloc", "calloc", "aligned_alloc", "alloca", "__builtin_alloca"};
    for (size_t i = 0; i < sizeof fresh / sizeof *fresh; i++)
        if (strcmp(name, fresh[i]) == 0) return true;
    return false;
}

bool ex_is_null_pointer(const Expr *e) {
    if (e->kind == EX_CAST && e->ty && e->ty->kind == TY_PTR) e = e->lhs;
    return e->kind == EX_INT && e->ival == 0;
}

static bool is_pointerish(const Expr *e) { return e->ty && (e->ty->kind == TY_PTR || e->ty->kind == TY_ARRAY); }

bool ex_pointer_roots(const Expr *e, PtrVec *out) {
    if (!e) return true;
    switch (e->kind) {
    case EX_VAR:
        if (!vec_contains(out, e->var)) vec_push(out, e->var);
        return true;
    case EX_INT: return true;   /* a null pointer */
    case EX_COND: return ex_pointer_roots(e->lhs, out) && ex_pointer_roots(e->rhs, out);
    case EX_INDEX: return ex_pointer_roots(is_pointerish(e->lhs) ? e->lhs : e->rhs, out);
    case EX_BINARY:
        if (e->op == OP_COMMA) return ex_pointer_roots(e->rhs, out);
        if (e->op != OP_ADD && e->op != OP_SUB) return false;
        return ex_pointer_roots(is_pointerish(e->lhs) ? e->lhs : e->rhs, out);
    case EX_DEREF:
    case EX_MEMBER:
    case EX_CAST:
    case EX_ADDR:
    case EX_ASSIGN:
    case EX_PREINC:
    case EX_PREDEC:
    case EX_POSTINC:
    case EX_POSTDEC: return ex_pointer_roots(e->lhs, out);
    case EX_CALL:
        /* fresh memory aliases nothing; what realloc returns is its argument's */
        if (e->lhs->kind != EX_FUNC) return false;
        if (is_allocator(e->lhs->name)) return true;
        if (strcmp(e->lhs->name, "realloc") == 0 && e->nargs == 2) return ex_pointer_roots(e->args[0], out);
        return false;
    default: return false;
    }
}

void fn_memory_roots(const Func *f, const Expr *e, PtrVec *out) {
    if (ex_pointer_roots(e, out)) return;
    for (int i = 0; i < f->nparams; i++) {
        const Type *t = f->params[i]->ty;
        if ((t->kind == TY_PTR || t->kind == TY_ARRAY || t->kind == TY_STRUCT) && !vec_contains(out, f->params[i]))
            vec_push(out, f->params[i]);
    }
}

bool op_is_comparison(Op op) { return op >= OP_LT && op <= OP_NE; }
bool op_is_logical(Op op) { return op == OP_LAND || op == OP_LOR || op == OP_NOT; }

const char *op_spelling(Op op) {
    static const char *const s[] = {
        [OP_NONE] = "", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/",
        [OP_MOD] = "%", [OP_SHL] = "<<", [OP_SHR] = ">>", [OP_BITAND] = "&", [OP_BITOR] = "|",
        [OP_BITXOR] = "^", [OP_LT] = "<", [OP_GT] = ">", [OP_LE] = "<=", [OP_GE] = ">=",
        [OP_EQ] = "==", [OP_NE] = "!=", [OP_LAND] = "&&", [OP_LOR] = "||", [OP_COMMA] = ",",
        [OP_NEG] = "-", [OP_PLUS] = "+", [OP_NOT] = "!", [OP_BITNOT] = "~",
    };
    return s[op];
}

/* ---- folding builders -------------------------------------------------- */

static int float_rank(const Type *t) {
    switch (t->kind) {
    case TY_LDOUBLE: return 3;
    case TY_DOUBLE: return 2;
    case TY_FLOAT: return 1;
    default: return 0;
    }
}

/* The type of a op b under C's usual arithmetic conversions, floats only. */
static Type *arith_type(const Expr *a, const Expr *b) {
    Type *ta = ty_unqualified(a->ty), *tb = ty_unqualified(b->ty);
    int ra = float_rank(ta), rb = float_rank(tb);
    if (ra == 0 && rb == 0) return ty_basic(TY_DOUBLE);
    return ra >= rb ? ta : tb;
}

static Expr *constant_like(double v, const Expr *a, const Expr *b) {
    return ex_float(v, arith_type(a, b), a->loc);
}

Expr *fold_add(Expr *a, Expr *b) {
    if (!a) return b;
    if (!b) return a;
    double x, y;
    if (ex_is_const(a, &x) && ex_is_const(b, &y)) return constant_like(x + y, a, b);
    if (ex_is_zero(a)) return b;
    if (ex_is_zero(b)) return a;
    if (b->kind == EX_UNARY && b->op == OP_NEG) return fold_sub(a, b->lhs);
    return ex_binary(OP_ADD, a, b, arith_type(a, b), a->loc);
}

Expr *fold_sub(Expr *a, Expr *b) {
    if (!b) return a;
    if (!a) return fold_neg(b);
    double x, y;
    if (ex_is_const(a, &x) && ex_is_const(b, &y)) return constant_like(x - y, a, b);
    if (ex_is_zero(b)) return a;
    if (ex_is_zero(a)) return fold_neg(b);
    if (b->kind == EX_UNARY && b->op == OP_NEG) return fold_add(a, b->lhs);
    return ex_binary(OP_SUB, a, b, arith_type(a, b), a->loc);
}

Expr *fold_mul(Expr *a, Expr *b) {
    if (!a || !b) return NULL;
    double x, y;
    if (ex_is_const(a, &x) && ex_is_const(b, &y)) return constant_like(x * y, a, b);
    if (ex_is_zero(a) || ex_is_zero(b)) return constant_like(0.0, a, b);
    if (ex_is_one(a)) return b;
    if (ex_is_one(b)) return a;
    if (ex_is_const(a, &x) && x == -1.0) return fold_neg(b);
    if (ex_is_const(b, &y) && y == -1.0) return fold_neg(a);
    /* (1 / y) * b reads better as b / y */
    if (a->kind == EX_BINARY && a->op == OP_DIV && ex_is_one(a->lhs)) return fold_div(b, a->rhs);
    if (b->kind == EX_BINARY && b->op == OP_DIV && ex_is_one(b->lhs)) return fold_div(a, b->rhs);
    if (a->kind == EX_UNARY && a->op == OP_NEG) return fold_neg(fold_mul(a->lhs, b));
    if (b->kind == EX_UNARY && b->op == OP_NEG) return fold_neg(fold_mul(a, b->lhs));
    return ex_binary(OP_MUL, a, b, arith_type(a, b), a->loc);
}

Expr *fold_div(Expr *a, Expr *b) {
    if (!a) return NULL;
    if (ex_is_zero(a)) return a;
    if (ex_is_one(b)) return a;
    return ex_binary(OP_DIV, a, b, arith_type(a, b), a->loc);
}

Expr *fold_neg(Expr *a) {
    if (!a) return NULL;
    double x;
    if (a->kind == EX_UNARY && a->op == OP_NEG) return a->lhs;
    if ((a->kind == EX_FLOAT || a->kind == EX_INT) && ex_is_const(a, &x)) return ex_float(-x, ty_is_float(a->ty) ? a->ty : ty_basic(TY_DOUBLE), a->loc);
    return ex_unary(OP_NEG, a, a->ty, a->loc);
}

/* ---- statements -------------------------------------------------------- */

Stmt *st_new(StmtKind kind, Loc loc) {
    Stmt *s = NEW(Stmt);
    s->kind = kind;
    s->loc = loc;
    return s;
}

Stmt *st_block(Loc loc) { return st_new(ST_BLOCK, loc); }

/* Capacity implied by a length: blocks grow by doubling from 8 slots. */
static int block_cap(int n) {
    if (n == 0) return 0;
    int cap = 8;
    while (cap < n) cap *= 2;
    return cap;
}

static void grow(Stmt *b) {
    if (b->n + 1 <= block_cap(b->n)) return;
    Stmt **body = NEW_ARRAY(Stmt *, block_cap(b->n + 1));
    if (b->n) memcpy(body, b->body, sizeof(Stmt *) * (size_t)b->n);
    b->body = body;
}

void st_append(Stmt *b, Stmt *s) {
    if (!s) return;
    grow(b);
    b->body[b->n++] = s;
}

void st_prepend(Stmt *b, Stmt *s) {
    if (!s) return;
    grow(b);
    memmove(b->body + 1, b->body, sizeof(Stmt *) * (size_t)b->n);
    b->body[0] = s;
    b->n++;
}

Stmt *st_decl(Var *v, Expr *init, Loc loc) {
    Stmt *s = st_new(ST_DECL, loc);
    s->var = v;
    s->init = init;
    return s;
}

Stmt *st_expr(Expr *e, Loc loc) {
    Stmt *s = st_new(ST_EXPR, loc);
    s->expr = e;
    return s;
}

Stmt *st_assign(Expr *lhs, Expr *rhs, Loc loc) { return st_expr(ex_assign(OP_NONE, lhs, rhs, loc), loc); }

Stmt *st_if(Expr *c, Stmt *then, Stmt *els, Loc loc) {
    Stmt *s = st_new(ST_IF, loc);
    s->cond = c;
    s->then = then;
    s->els = els;
    return s;
}

Stmt *st_copy(const Stmt *s) { return st_substitute(s, NULL, NULL); }

Stmt *st_substitute(const Stmt *s, const Var *from, const Expr *to) {
    if (!s) return NULL;
    Stmt *c = NEW(Stmt);
    *c = *s;
    c->init = ex_substitute(s->init, from, to);
    c->expr = ex_substitute(s->expr, from, to);
    c->cond = ex_substitute(s->cond, from, to);
    c->step = ex_substitute(s->step, from, to);
    c->then = st_substitute(s->then, from, to);
    c->els = st_substitute(s->els, from, to);
    c->for_init = st_substitute(s->for_init, from, to);
    c->body = NULL;
    c->n = 0;
    for (int i = 0; i < s->n; i++) st_append(c, st_substitute(s->body[i], from, to));
    return c;
}

/* ---- functions --------------------------------------------------------- */

Var *fn_new_var(Func *f, const char *name, Type *ty, VarKind kind, Loc loc) {
    Var *v = NEW(Var);
    v->name = name;
    v->ty = ty;
    v->kind = kind;
    v->loc = loc;
    v->id = f->vars.len;
    vec_push(&f->vars, v);
    return v;
}

/* File-scope objects the functions use: a generated name must not hide
 * one (a parameter x_d would shadow a global x_d that the code reads). */
static PtrVec file_scope_names;

void ir_reserve_name(const char *name) { vec_push(&file_scope_names, (void *)name); }

void ir_reset_names(void) { file_scope_names = (PtrVec){0}; }

static bool name_taken(Func *f, const char *name) {
    for (int i = 0; i < f->vars.len; i++)
        if (strcmp(((Var *)f->vars.data[i])->name, name) == 0) return true;
    for (int i = 0; i < file_scope_names.len; i++)
        if (strcmp(file_scope_names.data[i], name) == 0) return true;
    return false;
}

const char *fn_fresh_name(Func *f, const char *wanted) {
    if (!name_taken(f, wanted)) return wanted;
    for (int k = 1;; k++) {
        const char *n = arena_printf("%s_%d", wanted, k);
        if (!name_taken(f, n)) return n;
    }
}

Func *mod_find_func(const Module *m, const char *name) {
    Func *found = NULL;
    for (int i = 0; i < m->funcs.len; i++) {
        Func *f = m->funcs.data[i];
        if (strcmp(f->name, name) == 0 && (!found || f->body)) found = f;
    }
    return found;
}

Custom *mod_find_custom(const Module *m, const char *name) {
    for (int i = 0; i < m->customs.len; i++) {
        Custom *c = m->customs.data[i];
        if (strcmp(c->fname, name) == 0) return c;
    }
    return NULL;
}
