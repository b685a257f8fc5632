/*
 * The C library's memory functions, as the loops they stand for.
 *
 * memcpy, memmove and memset(…, 0, …) over floating elements move values
 * that carry derivatives, yet through `void *` parameters that say nothing
 * of it.  Written as element loops they need no rules of their own: the
 * activity analysis sees the flow, the tangent copies the tangents, the
 * adjoint accumulates into the source and saves what the destination held,
 * per element, aliasing included.  Calls on other element types, calls whose
 * result is used, and names the file gives a body or a pragma stay as
 * written.
 */
#include "ir/ir.h"

#include <string.h>

typedef enum MemFn { MEM_NONE, MEM_COPY, MEM_MOVE, MEM_SET } MemFn;

static MemFn mem_kind(const char *name) {
    if (strncmp(name, "__builtin_", 10) == 0) name += 10;
    return strcmp(name, "memcpy") == 0 ? MEM_COPY : strcmp(name, "memmove") == 0 ? MEM_MOVE : strcmp(name, "memset") == 0 ? MEM_SET : MEM_NONE;
}

bool ir_is_memory_function(const char *name) { return name && mem_kind(name) != MEM_NONE; }

static MemFn mem_fn(const Module *m, const char *name) {
    if (!name || mod_find_custom(m, name)) return MEM_NONE;
    Func *f = mod_find_func(m, name);
    return f && f->body ? MEM_NONE : mem_kind(name);
}

/* The floating element type a `void *` argument really points at, or NULL. */
static Type *float_target(const Expr *arg) {
    const Type *t = ex_strip_implicit(arg)->ty;
    if (!t || (t->kind != TY_PTR && t->kind != TY_ARRAY) || !ty_is_float(t->base)) return NULL;
    return t->base;
}

/* An operand evaluated once: the expression itself when it has no effects
 * (and, when stable, reads no memory the loop could change). */
static Expr *once(Func *f, Stmt *out, const Expr *e, Type *ty, bool stable) {
    if (!ex_has_side_effects(e) && !(stable && ex_reads_memory(e))) return ex_copy(e);
    Var *v = fn_new_var(f, fn_fresh_name(f, "_m"), ty, VAR_LOCAL, e->loc);
    st_append(out, st_decl(v, ex_copy(e), e->loc));
    return ex_var(v, e->loc);
}

/* for (long k = 0; k < count; k++) body(k), or counting down from count - 1 */
static Stmt *element_loop(Func *f, Expr *count, bool down, Expr *(*body)(Expr *k, void *), void *ctx, Loc loc) {
    Var *k = fn_new_var(f, fn_fresh_name(f, "_k"), ty_basic(TY_LONG), VAR_LOCAL, loc);
    k->loop_scoped = true;
    Stmt *loop = st_new(ST_FOR, loc);
    loop->for_init = st_block(loc);
    Type *lt = ty_basic(TY_LONG);
    Expr *n = ex_cast(lt, count, loc);
    Expr *one = ex_int(1, lt, loc);
    st_append(loop->for_init, st_decl(k, down ? ex_binary(OP_SUB, n, one, lt, loc) : ex_int(0, lt, loc), loc));
    loop->cond = down ? ex_binary(OP_GE, ex_var(k, loc), ex_int(0, lt, loc), ty_basic(TY_INT), loc)
                      : ex_binary(OP_LT, ex_var(k, loc), ex_copy(n), ty_basic(TY_INT), loc);
    loop->step = ex_step(down ? EX_POSTDEC : EX_POSTINC, ex_var(k, loc), loc);
    loop->then = st_block(loc);
    st_append(loop->then, st_expr(body(ex_var(k, loc), ctx), loc));
    return loop;
}

typedef struct Move {
    Expr *dst, *src;   /* typed pointers; src NULL: store zero */
    Type *elem;
} Move;

static Expr *move_one(Expr *k, void *ctx) {
    Move *m = ctx;
    Expr *to = ex_index(ex_copy(m->dst), k, k->loc);
    Expr *from = m->src ? ex_index(ex_copy(m->src), ex_copy(k), k->loc) : ex_float(0.0, m->elem, k->loc);
    return ex_assign(OP_NONE, to, from, k->loc);
}

/* The loops for one statement-level call, or NULL to keep it. */
static Stmt *lower_call(const Module *mod, Func *f, const Expr *call) {
    MemFn fn = call->lhs->kind == EX_FUNC ? mem_fn(mod, call->lhs->name) : MEM_NONE;
    if (fn == MEM_NONE || call->nargs != 3) return NULL;
    Type *elem = float_target(call->args[0]);
    if (!elem) return NULL;
    long long fill;
    if (fn == MEM_SET ? !ex_int_value(ex_strip_implicit(call->args[1]), &fill) || fill != 0
                      : !float_target(call->args[1]) || !ty_same(float_target(call->args[1]), elem))
        return NULL;
    /* a constant count of bytes that is no whole number of elements stays a
     * call (refused by the transforms when it touches derivatives) */
    long long bytes, width = elem->kind == TY_FLOAT ? 4 : elem->kind == TY_DOUBLE ? 8 : 16;
    if (ex_int_value(ex_strip_implicit(call->args[2]), &bytes) && bytes % width != 0) return NULL;
    Loc loc = call->loc;
    Stmt *out = st_block(loc);
    Type *pt = ty_pointer_to(ty_unqualified(elem));
    /* a pointer read from memory stays an expression: cgrad follows no
     * pointer kept in a variable that memory gave it */
    Move m = {once(f, out, ex_strip_implicit(call->args[0]), pt, false), NULL, elem};
    if (fn != MEM_SET) m.src = once(f, out, ex_strip_implicit(call->args[1]), ty_pointer_to(ty_qualified(elem, true)), false);
    Expr *size = ex_sizeof_type(elem, loc);
    Expr *count = ex_binary(OP_DIV, once(f, out, call->args[2], ty_basic(TY_ULONG), true), size, ty_basic(TY_ULONG), loc);
    if (fn != MEM_MOVE) {
        st_append(out, element_loop(f, count, false, move_one, &m, loc));
        return out;
    }
    /* overlapping: copy away from the overlap, as memmove does */
    Expr *before = ex_binary(OP_LE, ex_copy(m.dst), ex_copy(m.src), ty_basic(TY_INT), loc);
    st_append(out, st_if(before, element_loop(f, count, false, move_one, &m, loc), element_loop(f, ex_copy(count), true, move_one, &m, loc), loc));
    return out;
}

typedef struct Lower {
    const Module *mod;
    Func *f;
} Lower;

/* The loops that replace statement s, or NULL */
static Stmt *lowered(Stmt *s, void *ctx) {
    Lower *l = ctx;
    const Expr *e = s->kind == ST_EXPR ? s->expr : NULL;
    if (e && e->kind == EX_CAST && e->ty->kind == TY_VOID) e = e->lhs;   /* (void)memcpy(...) */
    return e && e->kind == EX_CALL ? lower_call(l->mod, l->f, e) : NULL;
}

void ir_lower_memory_calls(Module *m) {
    for (int i = 0; i < m->funcs.len; i++) {
        Lower l = {m, m->funcs.data[i]};
        if (l.f->body) l.f->body = st_rewrite(l.f->body, lowered, &l);
    }
}
