/*
 * Structured control flow for the reverse sweep.
 *
 * The reverse sweep walks blocks backwards and reverses loops and ifs as
 * wholes; jumps out of the middle of a block (return, break, continue, the
 * cases of a switch) have no reverse of their own.  This pass turns each
 * into a flag and guards what follows it:
 *
 *   return;      ->  _done = 1;   and the rest of every enclosing block runs
 *                                 under if (!_done), loops stop on _done
 *   break;       ->  _brk = 1;    the loop also tests !_brk
 *   continue;    ->  _cont = 1;   reset at the top of every iteration
 *   switch       ->  the index of the entered case, then one guarded block
 *                    per case: `if (_case <= k && !_brk)`, which is exactly
 *                    C's fall-through
 *
 * In: adjoint normal form.  Out: the same without ST_RETURN, ST_BREAK,
 * ST_CONTINUE, ST_SWITCH or ST_CASE.  Functions that use none of them are
 * left untouched.
 */
#include "ad/ad.h"

typedef struct Flags {
    Var *brk, *cont;     /* of the innermost loop or switch; cont of the innermost loop */
} Flags;

typedef struct Structure {
    Func *f;
    Stmt *decls;         /* where new flag declarations go */
    Var *done;
} Structure;

static Var *flag(Structure *st, const char *name, Loc loc) {
    /* a flag is primal state: the reverse sweep may need its old values */
    Var *v = fn_new_var(st->f, fn_fresh_name(st->f, name), ty_basic(TY_INT), VAR_LOCAL, loc);
    st_append(st->decls, st_decl(v, ex_int(0, NULL, loc), loc));
    return v;
}

static Stmt *set_flag(Var *v, Loc loc) { return st_assign(ex_var(v, loc), ex_int(1, NULL, loc), loc); }

static Expr *not_flag(Var *v, Loc loc) { return ex_unary(OP_NOT, ex_var(v, loc), ty_basic(TY_INT), loc); }

static Expr *and(Expr *a, Expr *b) {
    if (!a) return b;
    if (!b) return a;
    return ex_binary(OP_LAND, a, b, ty_basic(TY_INT), a->loc);
}

/* Which jumps can leave s? */
enum { J_RETURN = 1, J_BREAK = 2, J_CONTINUE = 4 };

static int jumps(const Stmt *s, bool in_loop) {
    if (!s) return 0;
    switch (s->kind) {
    case ST_RETURN: return J_RETURN;
    case ST_BREAK: return in_loop ? 0 : J_BREAK;
    case ST_CONTINUE: return in_loop ? 0 : J_CONTINUE;
    case ST_WHILE:
    case ST_DO:
    case ST_FOR: return jumps(s->then, true) & J_RETURN;
    case ST_SWITCH: return jumps(s->then, false) & (J_RETURN | J_CONTINUE);
    default: break;
    }
    int j = jumps(s->then, in_loop) | jumps(s->els, in_loop);
    for (int i = 0; i < s->n; i++) j |= jumps(s->body[i], in_loop);
    return j;
}

static bool uses_jumps(const Stmt *s) {
    if (!s) return false;
    if (s->kind == ST_RETURN || s->kind == ST_BREAK || s->kind == ST_CONTINUE || s->kind == ST_SWITCH) return true;
    if (uses_jumps(s->then) || uses_jumps(s->els) || uses_jumps(s->for_init)) return true;
    for (int i = 0; i < s->n; i++)
        if (uses_jumps(s->body[i])) return true;
    return false;
}

static Stmt *lower(Structure *st, const Stmt *s, Flags fl);

/* The guard for what follows a statement that may jump. */
static Expr *guard(Structure *st, int j, Flags fl, Loc loc) {
    Expr *g = NULL;
    if (j & J_RETURN) g = and(g, not_flag(st->done, loc));
    if ((j & J_BREAK) && fl.brk) g = and(g, not_flag(fl.brk, loc));
    if ((j & J_CONTINUE) && fl.cont) g = and(g, not_flag(fl.cont, loc));
    return g;
}

/* Lowers the statements [from, n) of a block into out, guarding the tail
 * after any statement that may jump. */
static void lower_list(Structure *st, Stmt **body, int n, Flags fl, Stmt *out) {
    for (int i = 0; i < n; i++) {
        Stmt *x = lower(st, body[i], fl);
        st_append(out, x);
        int j = jumps(body[i], false);
        if (body[i]->kind == ST_RETURN || body[i]->kind == ST_BREAK || body[i]->kind == ST_CONTINUE) return;   /* dead code follows */
        if (j && i + 1 < n) {
            Stmt *rest = st_block(body[i]->loc);
            lower_list(st, body + i + 1, n - i - 1, fl, rest);
            if (rest->n) st_append(out, st_if(guard(st, j, fl, body[i]->loc), rest, NULL, body[i]->loc));
            return;
        }
    }
}

static Stmt *lower_block(Structure *st, const Stmt *s, Flags fl) {
    Stmt *out = st_block(s->loc);
    if (s->kind == ST_BLOCK) lower_list(st, s->body, s->n, fl, out);
    else lower_list(st, (Stmt **)&s, 1, fl, out);
    return out;
}

static Stmt *lower_loop(Structure *st, const Stmt *s) {
    int j = jumps(s->then, false);
    Stmt *loop = st_new(s->kind, s->loc);
    loop->for_init = s->for_init;
    Flags fl = {0};
    Stmt *pre = st_block(s->loc);
    if (j & J_BREAK) {
        fl.brk = flag(st, "_brk", s->loc);
        st_append(pre, st_assign(ex_var(fl.brk, s->loc), ex_int(0, NULL, s->loc), s->loc));
    }
    if (j & J_CONTINUE) fl.cont = flag(st, "_cont", s->loc);
    Stmt *body = lower_block(st, s->then, fl);
    if (fl.cont) st_prepend(body, st_assign(ex_var(fl.cont, s->loc), ex_int(0, NULL, s->loc), s->loc));
    loop->then = body;
    /* the step runs after a continue, not after a break or return */
    Expr *stop = NULL;
    if (fl.brk) stop = and(stop, not_flag(fl.brk, s->loc));
    if (j & J_RETURN) stop = and(stop, not_flag(st->done, s->loc));
    if (s->els) {
        if (stop) {
            loop->els = st_block(s->loc);
            st_append(loop->els, st_if(ex_copy(stop), s->els, NULL, s->loc));
        } else {
            loop->els = s->els;
        }
    }
    loop->cond = stop ? (s->cond ? and(stop, ex_copy(s->cond)) : stop) : ex_copy(s->cond);
    if (!pre->n) return loop;
    st_append(pre, loop);
    return pre;
}

/* switch (c) { case v0: A  case v1: B  default: C } */
static Stmt *lower_switch(Structure *st, const Stmt *s, Flags outer) {
    Loc loc = s->loc;
    Stmt *out = st_block(loc);
    const Stmt *body = s->then;
    int nseg = 0, deflt = -1;
    for (int i = 0; i < body->n; i++) nseg += body->body[i]->kind == ST_CASE;
    Var *entry = flag(st, "_case", loc);
    Flags fl = {flag(st, "_brk", loc), outer.cont};
    st_append(out, st_assign(ex_var(fl.brk, loc), ex_int(0, NULL, loc), loc));
    /* which case is entered: an if-chain over the case values */
    Stmt *chain = st_assign(ex_var(entry, loc), ex_int(nseg, NULL, loc), loc);
    int k = nseg;
    for (int i = body->n - 1; i >= 0; i--) {
        const Stmt *c = body->body[i];
        if (c->kind != ST_CASE) continue;
        k--;
        if (!c->expr) {
            deflt = k;
            continue;
        }
        Expr *test = ex_binary(OP_EQ, ex_copy(s->cond), ex_copy(c->expr), ty_basic(TY_INT), c->loc);
        Stmt *then = st_assign(ex_var(entry, c->loc), ex_int(k, NULL, c->loc), c->loc);
        chain = st_if(test, then, chain, c->loc);
    }
    if (deflt >= 0) {
        /* no match enters the default */
        Stmt *last = chain;
        while (last->kind == ST_IF && last->els && last->els->kind == ST_IF) last = last->els;
        Stmt *dflt = st_assign(ex_var(entry, loc), ex_int(deflt, NULL, loc), loc);
        if (last->kind == ST_IF) last->els = dflt;
        else chain = dflt;
    }
    st_append(out, chain);
    /* one guarded block per case, in order: entering at k falls through */
    int seg = -1;
    Stmt *cur = NULL;
    int first = 0;
    for (int i = 0; i <= body->n; i++) {
        bool boundary = i == body->n || body->body[i]->kind == ST_CASE;
        if (!boundary) continue;
        if (seg >= 0) {
            cur = st_block(loc);
            lower_list(st, body->body + first, i - first, fl, cur);
            Expr *g = ex_binary(OP_LE, ex_var(entry, loc), ex_int(seg, NULL, loc), ty_basic(TY_INT), loc);
            g = and(g, not_flag(fl.brk, loc));
            if (jumps(s->then, false) & J_RETURN) g = and(g, not_flag(st->done, loc));
            if (fl.cont) g = and(g, not_flag(fl.cont, loc));
            if (cur->n) st_append(out, st_if(g, cur, NULL, loc));
        }
        seg++;
        first = i + 1;
    }
    return out;
}

static Stmt *lower(Structure *st, const Stmt *s, Flags fl) {
    switch (s->kind) {
    case ST_RETURN: return set_flag(st->done, s->loc);
    case ST_BREAK: return fl.brk ? set_flag(fl.brk, s->loc) : st_new(ST_EMPTY, s->loc);
    case ST_CONTINUE: return fl.cont ? set_flag(fl.cont, s->loc) : st_new(ST_EMPTY, s->loc);
    case ST_BLOCK: return lower_block(st, s, fl);
    case ST_IF: return st_if(ex_copy(s->cond), lower_block(st, s->then, fl), s->els ? lower_block(st, s->els, fl) : NULL, s->loc);
    case ST_WHILE:
    case ST_DO:
    case ST_FOR: return lower_loop(st, s);
    case ST_SWITCH: return lower_switch(st, s, fl);
    default: return (Stmt *)s;
    }
}

void structure_function(Func *f) {
    if (!uses_jumps(f->body)) return;
    Stmt *body = f->body;
    /* a return at the very end needs no flag */
    while (body->n && body->body[body->n - 1]->kind == ST_RETURN) body->n--;
    if (!uses_jumps(body)) return;
    Structure st = {f, st_block(f->loc), NULL};
    st.done = flag(&st, "_done", f->loc);
    Stmt *lowered = lower_block(&st, body, (Flags){0});
    Stmt *all = st_block(f->loc);
    for (int i = 0; i < st.decls->n; i++) st_append(all, st.decls->body[i]);
    for (int i = 0; i < lowered->n; i++) st_append(all, lowered->body[i]);
    f->body = all;
}
