/*
 * Unroll-and-jam in the reverse sweep: four rows per pass of an inner loop.
 *
 * After the interchange (interchange.c) the reverse of a matrix product is
 *
 *     for (i = AD - 1; i >= 0; i--) {
 *         double _acc = 0.0;
 *         for (j = 0; j < AD; j++) {
 *             _acc += sq_b_row[j] * W[i * AD + j];
 *             W_b[i * AD + j] += sq_b_row[j] * x[t * AD + i];
 *         }
 *         x_b[t * AD + i] += _acc;
 *     }
 *
 * Its inner loop does little arithmetic per load: every j loads the row
 * value again and reads, adds to and stores W_b.  At -O2 on plain x86-64
 * it is bound by loads, not by arithmetic.  Running JAM values of i in
 * one pass over j,
 *
 *     for (i = AD - 1; i >= 3; i -= 4) {
 *         double _acc_1 = 0.0, ...;
 *         for (j = 0; j < AD; j++) {
 *             _acc_1 += sq_b_row[j] * W[i * AD + j];
 *             W_b[i * AD + j] += sq_b_row[j] * x[t * AD + i];
 *             _acc_2 += sq_b_row[j] * W[(i - 1) * AD + j];
 *             ...
 *         }
 *         x_b[t * AD + i] += _acc_1;
 *         ...
 *     }
 *     for (; i >= 0; i--) { the loop as it was }
 *
 * loads each row value once for JAM rows and gives JAM independent sums.
 * Measured on the attention kernel: its reverse matrix products got 25%
 * faster.  The C compiler does this itself only at -O3
 * (-floop-unroll-and-jam), and only when it can prove what we know here.
 *
 * jam_prologue does the same for a nest the interchange checked but did not
 * turn: attention's reverse scores loop `for (u = t; u >= 0; u--) { P; for
 * (j) { q_b[t*D + j] += s_b * k[u*D + j]; k_b[u*D + j] += ...; } E }`, whose
 * q_b and q accesses stay put as u moves.  P and E (pops, a taped branch)
 * run for u, u - 1, u - 2, u - 3 in turn, each handing the inner loop its
 * own copy of s_b, and the jammed inner loop counts up.
 *
 * jam_outer goes one level out: the loop over t around an interchanged
 * nest, `for (t) { rows of t; for (i) { for (j) { increments } } }`,
 * becomes `for (t, four at a time) { rows of t, t - 1, t - 2, t - 3;
 * for (i) { for (j) { the increments of all four } } }`.  Each W_b[i][j]
 * is then loaded and stored once for four rows of x (attention's reverse
 * projections: 8% off the gradient).
 *
 * The caller guarantees what makes it legal: the body's work for one i
 * commutes with its work for another (the interchange's increments do).
 */
#include "ad/ad.h"

enum {
    JAM = 4,             /* rows per pass: 4 sums and a few row values fit the 16 SSE registers */
    OUTER_ARRAYS = 12,   /* jam_outer: arrays one t's increments may touch */
};

/* The trip count of a row loop whose first row is a constant, else -1. */
static long long trips(const Stmt *s, bool down, long long bound) {
    long long first;
    if (!ex_int_value(s->for_init->expr->rhs, &first)) return -1;
    Op op = s->cond->op;
    return (down ? first - bound : bound - first) + (op == OP_GE || op == OP_LE);
}

/* The loop's counter, direction and constant far bound, or NULL: a for with
 * an assignment as init, a comparison against a constant, and ++ or --, and
 * not known to run fewer than JAM times. */
static Var *row_counter(const Stmt *s, bool *down, long long *bound) {
    int dir;
    Var *v = st_loop_counter(s, &dir);
    if (!v || !ty_is_integer(v->ty) || !ex_int_value(s->cond->rhs, bound)) return NULL;
    /* far from the int limits, so that bound +- (JAM - 1) cannot overflow */
    if (*bound < -(1LL << 30) || *bound > (1LL << 30)) return NULL;
    Op op = s->cond->op;
    *down = dir < 0 && (op == OP_GE || op == OP_GT);
    bool up = dir > 0 && (op == OP_LT || op == OP_LE);
    long long n = trips(s, *down, *bound);
    return (*down || up) && (n < 0 || n >= JAM) ? v : NULL;
}

/* One copy of statement s for row `row` of counter i: each variable of
 * from becomes its copy in to (a declaration declares its copy's own). */
static Stmt *row_copy(const Stmt *s, const Var *i, const Expr *row, const PtrVec *from, const PtrVec *to) {
    Stmt *r = st_substitute(s, i, row);
    for (int k = 0; k < from->len; k++) r = st_substitute(r, from->data[k], ex_var(to->data[k], s->loc));
    if (r->kind == ST_DECL)
        for (int k = 0; k < from->len; k++)
            if (r->var == from->data[k]) r->var = to->data[k];
    return r;
}

/* A fresh variable for each of from: one row's own copies. */
static PtrVec fresh_copies(Func *g, const PtrVec *from, Loc loc) {
    PtrVec to = {0};
    for (int k = 0; k < from->len; k++) {
        Var *v = from->data[k];
        vec_push(&to, fn_new_var(g, fn_fresh_name(g, v->name), v->ty, VAR_LOCAL, loc));
    }
    return to;
}

/* The variables declared at the top level of block b, added to out. */
static void declared(const Stmt *b, PtrVec *out) {
    for (int k = 0; k < b->n; k++)
        if (b->body[k]->kind == ST_DECL) vec_push(out, b->body[k]->var);
}

/* The inner loop of a row loop's body of the shape jam_rows takes: scalar
 * declarations, one loop of expressions, expressions; else NULL. */
static const Stmt *inner_loop(const Stmt *body) {
    const Stmt *inner = NULL;
    for (int k = 0; k < body->n; k++) {
        const Stmt *x = body->body[k];
        if (x->kind == ST_DECL && !inner && x->var->ty->kind != TY_ARRAY) continue;
        if (x->kind == ST_FOR && !inner) inner = x;
        else if (x->kind != ST_EXPR || !inner) return NULL;
    }
    if (!inner || !inner->then || inner->then->kind != ST_BLOCK) return NULL;
    for (int k = 0; k < inner->then->n; k++)
        if (inner->then->body[k]->kind != ST_EXPR) return NULL;
    return inner;
}

/* One row's copies of such a body, by place: what stands before the inner
 * loop to pro, the inner loop's body to jb, what follows it to epi. */
static void copy_rows_body(const Stmt *body, const Stmt *inner, const Var *i, const Expr *row, const PtrVec *from, const PtrVec *to,
                           Stmt *pro, Stmt *jb, Stmt *epi) {
    Stmt *at = pro;
    for (int k = 0; k < body->n; k++) {
        const Stmt *x = body->body[k];
        if (x != inner) {
            st_append(at, row_copy(x, i, row, from, to));
            continue;
        }
        for (int m = 0; m < inner->then->n; m++) st_append(jb, row_copy(inner->then->body[m], i, row, from, to));
        at = epi;
    }
}

/* for (v = A; v >= B; v--) as for (v = B; v <= A; v++) (v < X for A = X - 1),
 * or NULL.  Only for a loop whose iterations commute: gcc -O2 vectorizes
 * the jammed increments counting up, not counting down (measured: the
 * attention kernel's reverse scores loop, 73 against 62 us). */
static Stmt *counting_up(const Stmt *loop) {
    int dir;
    Var *v = st_loop_counter(loop, &dir);
    if (!v || dir > 0 || loop->cond->op != OP_GE) return NULL;
    const Expr *a = loop->for_init->expr->rhs, *c = loop->cond;
    if (ex_reads_var(a, v) || ex_reads_var(c->rhs, v)) return NULL;
    Loc loc = loop->loc;
    Stmt *up = st_copy(loop);
    up->for_init = st_assign(ex_var(v, loc), ex_copy(c->rhs), loc);
    if (ex_minus_one_of(a))
        up->cond = ex_binary(OP_LT, ex_var(v, loc), ex_copy(ex_minus_one_of(a)), c->ty, loc);
    else
        up->cond = ex_binary(OP_LE, ex_var(v, loc), ex_copy(a), c->ty, loc);
    up->step = ex_step(EX_POSTINC, ex_var(v, loc), loc);
    return up;
}

static Expr *row_of(Var *i, int c, bool down, Loc loc) {
    return c == 0 ? ex_var(i, loc) : ex_binary(down ? OP_SUB : OP_ADD, ex_var(i, loc), ex_int(c, i->ty, loc), i->ty, loc);
}

/* JAM rows per pass while they last, each pass running jbody; then the loop
 * as it was for the rows left. */
static Stmt *passes(const Stmt *loop, Var *i, bool down, long long bound, Stmt *jbody) {
    Loc loc = loop->loc;
    Stmt *jammed = st_copy(loop), *rest = st_copy(loop);
    long long far = down ? bound + (JAM - 1) : bound - (JAM - 1);
    jammed->cond = ex_binary(loop->cond->op, ex_var(i, loc), ex_int(far, i->ty, loc), loop->cond->ty, loc);
    jammed->step = ex_assign(down ? OP_SUB : OP_ADD, ex_var(i, loc), ex_int(JAM, i->ty, loc), loc);
    jammed->then = jbody;
    rest->for_init = NULL;
    Stmt *out = st_block(loc);
    st_append(out, jammed);
    /* no rows left when a constant trip count is a multiple of JAM: gcc
     * would otherwise warn that the loop for them, which never runs,
     * indexes a local array out of bounds */
    if (trips(loop, down, bound) % JAM == 0) return out;
    st_append(out, rest);
    return out;
}

/* pro, the inner loop with body jb, epi: as one block */
static Stmt *around_inner(const Stmt *inner, Stmt *pro, Stmt *jb, Stmt *epi) {
    Stmt *jl = st_copy(inner), *b = st_block(inner->loc);
    jl->then = jb;
    for (int k = 0; k < pro->n; k++) st_append(b, pro->body[k]);
    st_append(b, jl);
    for (int k = 0; epi && k < epi->n; k++) st_append(b, epi->body[k]);
    return b;
}

Stmt *jam_rows(Func *g, const Stmt *loop) {
    bool down;
    long long bound;
    Var *i = row_counter(loop, &down, &bound);
    const Stmt *body = loop->then, *inner = NULL;
    if (!i || !body || body->kind != ST_BLOCK || !(inner = inner_loop(body))) return NULL;
    PtrVec decl = {0};
    declared(body, &decl);
    for (int k = 0; k < inner->then->n; k++)
        if (ex_writes_var(inner->then->body[k]->expr, i)) return NULL;
    for (int k = 0; k < body->n; k++)
        if (body->body[k]->kind == ST_EXPR && ex_writes_var(body->body[k]->expr, i)) return NULL;
    /* the inner loop's bounds are the same for every row */
    const Expr *bounds[] = {inner->for_init && inner->for_init->kind == ST_EXPR ? inner->for_init->expr : NULL, inner->cond, inner->step};
    if (!bounds[0] || bounds[0]->kind != EX_ASSIGN || bounds[0]->lhs->kind != EX_VAR || bounds[0]->lhs->var == i) return NULL;
    for (int b = 0; b < 3; b++) {
        if (ex_reads_var(bounds[b] == bounds[0] ? bounds[b]->rhs : bounds[b], i)) return NULL;
        for (int k = 0; k < decl.len; k++)
            if (ex_reads_var(bounds[b], decl.data[k])) return NULL;
    }

    Loc loc = loop->loc;
    Stmt *pro = st_block(loc), *jb = st_block(loc), *epi = st_block(loc);
    for (int c = 0; c < JAM; c++) {
        PtrVec mine = fresh_copies(g, &decl, loc);
        copy_rows_body(body, inner, i, row_of(i, c, down, loc), &decl, &mine, pro, jb, epi);
    }
    return passes(loop, i, down, bound, around_inner(inner, pro, jb, epi));
}

Stmt *jam_prologue(Func *g, const Stmt *loop, int at, const PtrVec *kept) {
    bool down;
    long long bound;
    Var *j = row_counter(loop, &down, &bound);
    if (!j) return NULL;
    const Stmt *body = loop->then, *inner = body->body[at];
    Loc loc = loop->loc;
    Stmt *pro = st_block(loc), *jb = st_block(loc);
    for (int c = 0; c < JAM; c++) {
        Expr *row = row_of(j, c, down, loc);
        Stmt *ib = st_block(loc);
        for (int m = 0; m < inner->then->n; m++) st_append(ib, st_substitute(inner->then->body[m], j, row));
        for (int k = 0; k < body->n; k++) {
            if (k != at) {
                st_append(pro, st_substitute(body->body[k], j, row));
                continue;
            }
            /* where the inner loop stood: this j's copy of each kept scalar */
            for (int m = 0; m < kept->len; m++) {
                Var *w = kept->data[m], *mine = fn_new_var(g, fn_fresh_name(g, w->name), ty_unqualified(w->ty), VAR_LOCAL, loc);
                st_append(pro, st_decl(mine, ex_var(w, loc), loc));
                for (int e = 0; e < ib->n; e++) ib->body[e]->expr = ex_substitute(ib->body[e]->expr, w, ex_var(mine, loc));
            }
        }
        for (int m = 0; m < ib->n; m++) st_append(jb, ib->body[m]);
    }
    Stmt *up = counting_up(inner);
    return passes(loop, j, down, bound, around_inner(up ? up : inner, pro, jb, NULL));
}

/* Is there a declaration anywhere below the top level of s? */
static bool nested_decl(const Stmt *s) {
    if (!s) return false;
    for (int k = 0; k < s->n; k++)
        if (s->body[k]->kind == ST_DECL || nested_decl(s->body[k])) return true;
    return nested_decl(s->then) || nested_decl(s->els) || nested_decl(s->for_init);
}

/* The arrays (roots of an index) that e reads or writes, added to out. */
static void array_of(const Expr *e, void *out) {
    Var *root = e->kind == EX_INDEX ? ex_root_var(e) : NULL;
    if (root && !vec_contains(out, root)) vec_push(out, root);
}

Stmt *jam_outer(Func *g, const Stmt *loop) {
    bool down;
    long long bound;
    Var *t = row_counter(loop, &down, &bound);
    const Stmt *body = loop->then;
    if (!t || !body || body->kind != ST_BLOCK || !body->n) return NULL;
    /* body: anything, then the row loop R: scalar declarations, the inner
     * loop J of expressions, expressions */
    const Stmt *R = body->body[body->n - 1], *J = NULL;
    if (R->kind != ST_FOR || !R->then || R->then->kind != ST_BLOCK || st_writes_var(body, t) || !(J = inner_loop(R->then))) return NULL;
    /* Four times the arrays of one t stream through the jammed inner loop.
     * Beyond a dozen per t it got slower, not faster: the Hessian-vector
     * product's projections (17 per t) went from 120 to 139 us. */
    PtrVec arrays = {0};
    for (int k = 0; k < J->then->n; k++) ex_visit(J->then->body[k]->expr, array_of, &arrays);
    if (arrays.len > OUTER_ARRAYS) return NULL;
    for (int k = 0; k + 1 < body->n; k++)
        if (nested_decl(body->body[k])) return NULL;
    PtrVec from = {0};
    declared(body, &from);
    declared(R->then, &from);
    /* R's and J's bounds are the same for every t */
    const Stmt *heads[] = {R, J};
    for (int h = 0; h < 2; h++) {
        const Stmt *x = heads[h];
        if (st_reads_var(x->for_init, t) || (x->cond && ex_reads_var(x->cond, t)) || (x->step && ex_reads_var(x->step, t))) return NULL;
        for (int k = 0; k < from.len; k++)
            if (st_reads_var(x->for_init, from.data[k]) || (x->cond && ex_reads_var(x->cond, from.data[k]))) return NULL;
    }

    Loc loc = loop->loc;
    Stmt *pro = st_block(loc), *rb = st_block(loc), *jb = st_block(loc), *flush = st_block(loc);
    for (int c = 0; c < JAM; c++) {
        Expr *row = row_of(t, c, down, loc);
        PtrVec to = fresh_copies(g, &from, loc);
        for (int k = 0; k + 1 < body->n; k++) st_append(pro, row_copy(body->body[k], t, row, &from, &to));
        copy_rows_body(R->then, J, t, row, &from, &to, rb, jb, flush);
    }
    Stmt *r = st_copy(R);
    r->then = around_inner(J, rb, jb, flush);
    st_append(pro, r);
    return passes(loop, t, down, bound, pro);
}
