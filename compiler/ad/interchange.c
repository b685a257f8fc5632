/*
 * Loop interchange in the reverse sweep.
 *
 * A matrix product written as loops, q[t][j] = sum_i x[t][i] W[i][j], runs
 * its inner loop down a column of W.  The forward sweep does not mind: the
 * C compiler vectorizes across j.  Its reverse does,
 *
 *     for (j = AD - 1; j >= 0; j--) {
 *         sq_b += q_b[t * AD + j] ...;                    P: scalars for row j
 *         for (i = AD - 1; i >= 0; i--) {
 *             x_b[t * AD + i] += sq_b * W[i * AD + j];
 *             W_b[i * AD + j] += sq_b * x[t * AD + i];    strided, read-modify-write
 *         }
 *         sq_b = 0.0;                                     E
 *     }
 *
 * since every increment of W_b jumps a row.  When the inner loop only adds
 * to memory (increments commute) and P and E share no memory with those
 * increments, the nest is rewritten as
 *
 *     for (j = AD - 1; j >= 0; j--) { P; sq_b_row[j] = sq_b; E }
 *     for (i = AD - 1; i >= 0; i--) {
 *         double _acc = 0.0;
 *         for (j = 0; j < AD; j++) {
 *             _acc += sq_b_row[j] * W[i * AD + j];
 *             W_b[i * AD + j] += sq_b_row[j] * x[t * AD + i];
 *         }
 *         x_b[t * AD + i] += _acc;
 *     }
 *
 * P and E still run in their order (they pop the tape); the scalars they
 * hand the inner loop are kept per j; an increment whose target does not
 * move with j becomes a running sum.  It is done only when it leaves fewer
 * strided accesses in the innermost loop, and only for a j loop of constant
 * trip count (the rows live in a local array).  Summation order changes,
 * which changes the last bits of the sums and nothing else.
 *
 * The row loop left behind, and a nest that passes the same tests but is
 * not worth turning (its inner loop already runs along rows, or its j loop
 * is triangular), run four rows per pass of their inner loop: jam.c.  A
 * turned nest that is the whole body of a loop over t runs four t per pass
 * instead (around, jam_outer).
 */
#include "ad/ad.h"
#include "rules/rules.h"

#include <limits.h>
#include <string.h>

enum {
    MAX_ROW = 1024,         /* elements of one kept row: 8 KB of stack in double */
    MAX_JAMMED_STMTS = 24,  /* statements of P and E that jam_prologue copies four times */
};

typedef struct Ctx {
    Func *g;
    const Func *f;   /* the primal, whose variables are primal values */
    int nprimal;
    bool disjoint;   /* pointer parameters do not overlap */
} Ctx;

static bool is_primal(const Ctx *c, const Var *v) {
    return v && v->id >= 0 && v->id < c->nprimal && c->f->vars.data[v->id] == v;
}

/* for (j = C - 1; j >= 0; j--), for (j = 0; j < C; j++) or
 * for (j = 0; j <= C - 1; j++) (the reverse of a loop counting down): j and C */
static Var *full_range(const Stmt *s, long long *count) {
    int dir;
    Var *v = st_loop_counter(s, &dir);
    long long a, b;
    if (!v || !ex_int_value(s->for_init->expr->rhs, &a) || !ex_int_value(s->cond->rhs, &b)) return NULL;
    const Expr *c = s->cond;
    bool down = dir < 0 && c->op == OP_GE && b == 0;
    bool up = dir > 0 && (c->op == OP_LT || c->op == OP_LE) && a == 0;
    *count = down ? a + 1 : c->op == OP_LE ? b + 1 : b;
    return (up || down) && *count > 0 && *count <= MAX_ROW ? v : NULL;
}

/* The trip count of the j loop s as the user spelled it (D for
 * `for (j = D - 1; ...)`), else as a number. */
static Expr *count_text(const Stmt *s, long long count) {
    /* the last j: D - 1 in `j >= 0` counting down from it, or `j <= D - 1` */
    const Expr *last = s->cond->op == OP_LE ? s->cond->rhs : s->for_init->expr->rhs;
    if (s->cond->op == OP_LT) return ex_copy(s->cond->rhs);
    if (ex_minus_one_of(last)) return ex_copy(ex_minus_one_of(last));
    return ex_int(count, ty_basic(TY_INT), s->loc);
}

/* Every variable written, and every memory root touched, by expression e. */
typedef struct Uses {
    PtrVec written;   /* Var*: assigned scalars */
    PtrVec memory;    /* Var*: roots of memory read or written */
    PtrVec stored;    /* Var*: roots of memory written */
    bool calls;       /* a call other than a tape pop */
} Uses;

static void use(const Expr *e, void *uses) {
    Uses *u = uses;
    if (e->kind == EX_ASSIGN || (e->kind >= EX_PREINC && e->kind <= EX_POSTDEC)) {
        if (e->lhs->kind == EX_VAR) vec_push(&u->written, e->lhs->var);
        else vec_push(&u->stored, ex_root_var(e->lhs));
    }
    if (e->kind == EX_INDEX || e->kind == EX_DEREF || e->kind == EX_MEMBER) vec_push(&u->memory, ex_root_var(e));
    /* tape pops and math.h functions touch no memory of the function's */
    if (e->kind == EX_CALL && !(e->lhs->kind == EX_FUNC && (strncmp(e->lhs->name, "cg_pop_", 7) == 0 || rules_math(e->lhs->name))))
        u->calls = true;
    if (e->kind == EX_ADDR) u->calls = true;   /* an address escapes: give up */
}

static void uses_of(const Expr *e, Uses *u) { ex_visit(e, use, u); }

/* Local arrays overlap nothing else; pointer parameters overlap each other
 * unless the caller checked they do not (the restrict copy). */
static bool may_alias(const Ctx *c, const Var *a, const Var *b) {
    if (!a || !b || a == b) return true;
    if (a->ty->kind == TY_ARRAY || b->ty->kind == TY_ARRAY) return false;
    return !(c->disjoint && a->kind == VAR_PARAM && b->kind == VAR_PARAM);
}

static bool any_alias(const Ctx *c, const PtrVec *xs, const PtrVec *ys) {
    for (int i = 0; i < xs->len; i++)
        for (int k = 0; k < ys->len; k++)
            if (may_alias(c, xs->data[i], ys->data[k])) return true;
    return false;
}

/* `M[idx] += rhs` where rhs reads primal memory only and calls nothing */
static bool increment(const Ctx *c, const Stmt *s) {
    if (s->kind != ST_EXPR || s->expr->kind != EX_ASSIGN || s->expr->op != OP_ADD || s->expr->lhs->kind != EX_INDEX) return false;
    if (ex_has_side_effects(s->expr->lhs) || ex_has_side_effects(s->expr->rhs)) return false;
    Uses u = {0};
    uses_of(s->expr->rhs, &u);
    if (u.calls || u.written.len || u.stored.len) return false;
    for (int i = 0; i < u.memory.len; i++)
        if (!is_primal(c, u.memory.data[i])) return false;
    return true;
}

/* The coefficient of v in the index e, LLONG_MIN when not affine. */
static long long coef(const Expr *e, const Var *v) {
    long long k;
    if (!ex_reads_var(e, v)) return 0;
    switch (e->kind) {
    case EX_VAR: return 1;
    case EX_CAST: return coef(e->lhs, v);
    case EX_UNARY: {
        long long a = e->op == OP_NEG ? coef(e->lhs, v) : LLONG_MIN;
        return a == LLONG_MIN ? a : -a;
    }
    case EX_BINARY: {
        if (e->op == OP_ADD || e->op == OP_SUB) {
            long long a = coef(e->lhs, v), b = coef(e->rhs, v);
            if (a == LLONG_MIN || b == LLONG_MIN) return LLONG_MIN;
            return e->op == OP_ADD ? a + b : a - b;
        }
        if (e->op == OP_MUL && ex_int_value(e->lhs, &k)) return k * coef(e->rhs, v);
        if (e->op == OP_MUL && ex_int_value(e->rhs, &k)) return k * coef(e->lhs, v);
        return LLONG_MIN;
    }
    default: return LLONG_MIN;
    }
}

static int strided_in(const Expr *e, const Var *v) {
    if (!e) return 0;
    int n = 0;
    if (e->kind == EX_INDEX) {
        long long k = coef(e->rhs, v);
        n += k == LLONG_MIN || k > 1 || k < -1;
    }
    n += strided_in(e->lhs, v) + strided_in(e->rhs, v) + strided_in(e->cond, v);
    for (int i = 0; i < e->nargs; i++) n += strided_in(e->args[i], v);
    return n;
}

static int strided(const Stmt *body, const Var *v) {
    int n = 0;
    for (int i = 0; i < body->n; i++) n += strided_in(body->body[i]->expr, v);
    return n;
}

static Stmt *loop_like(const Stmt *s, Stmt *body) {
    Stmt *l = st_copy(s);
    l->then = body;
    return l;
}

/* What statement s of P or E writes and touches, false for a statement
 * other than an expression or an if of them (a pop, a flag, an adjoint). */
static bool stmt_uses(const Stmt *s, Uses *u) {
    if (!s) return true;
    switch (s->kind) {
    case ST_EXPR: uses_of(s->expr, u); return true;
    case ST_IF: uses_of(s->cond, u); return stmt_uses(s->then, u) && stmt_uses(s->els, u);
    case ST_BLOCK:
        for (int k = 0; k < s->n; k++)
            if (!stmt_uses(s->body[k], u)) return false;
        return true;
    default: return false;
    }
}

/* statements in s, nested ones included */
static int st_count(const Stmt *s) {
    if (!s) return 0;
    int n = s->kind != ST_BLOCK;
    n += st_count(s->then) + st_count(s->els);
    for (int k = 0; k < s->n; k++) n += st_count(s->body[k]);
    return n;
}

/* Does this access of the increments stay put as j moves?  Then running
 * several j in one pass of the inner loop shares it. */
static bool stays_put(const Expr *e, const void *j) { return e->kind == EX_INDEX && !ex_reads_var(e->rhs, j); }

/* The rewritten nest for the j loop s, or NULL when it does not apply:
 * interchanged when that leaves fewer strided accesses and j has a constant
 * trip count (*turned: it ends with the row loop, i outside, j inside),
 * else four j per pass of the inner loop (jam.c) when some access stays
 * put as j moves. */
static Stmt *interchange(Ctx *c, const Stmt *s, bool *turned) {
    *turned = false;
    Var *j = st_init_var(s);
    if (!j || !s->then || s->then->kind != ST_BLOCK) return NULL;
    const Stmt *body = s->then, *inner = NULL;
    int at = -1;
    for (int k = 0; k < body->n; k++) {
        const Stmt *x = body->body[k];
        if (x->kind == ST_FOR && !inner) inner = x, at = k;
        else if (x->kind != ST_EXPR && x->kind != ST_IF) return NULL;
    }
    if (!inner || !inner->then || inner->then->kind != ST_BLOCK || !inner->then->n) return NULL;
    const Stmt *B = inner->then;
    Var *i = st_init_var(inner);
    if (!i || i == j) return NULL;
    for (int k = 0; k < B->n; k++)
        if (!increment(c, B->body[k])) return NULL;

    /* P and E: what they write, and the memory they touch */
    Uses pe = {0}, b = {0};
    for (int k = 0; k < body->n; k++)
        if (k != at && !stmt_uses(body->body[k], &pe)) return NULL;
    if (pe.calls) return NULL;
    for (int k = 0; k < B->n; k++) {
        vec_push(&b.stored, ex_root_var(B->body[k]->expr->lhs));
        uses_of(B->body[k]->expr->rhs, &b);
        uses_of(B->body[k]->expr->lhs->rhs, &b);
    }
    if (any_alias(c, &pe.memory, &b.stored) || any_alias(c, &pe.stored, &b.memory)) return NULL;
    /* P and E run apart from the inner loop: they must not see its counter */
    for (int k = 0; k < body->n; k++)
        if (k != at && st_reads_var(body->body[k], i)) return NULL;
    /* the inner loop's bounds and the targets' indices must not change with
     * P, E or j; the scalars the increments read from P or E are floats */
    const Expr *lo = inner->for_init->expr->rhs;
    if (ex_reads_var(inner->cond, j) || ex_reads_var(lo, j)) return NULL;
    for (int k = 0; k < pe.written.len; k++) {
        Var *w = pe.written.data[k];
        if (w == i || w == j || ex_reads_var(inner->cond, w) || ex_reads_var(lo, w)) return NULL;
        for (int m = 0; m < B->n; m++) {
            if (ex_reads_var(B->body[m]->expr->lhs, w)) return NULL;
            if (ex_reads_var(B->body[m]->expr->rhs, w) && !ty_is_float(w->ty)) return NULL;
        }
    }
    /* scalars P or E set that the increments read: kept per j */
    PtrVec kept = {0};
    for (int k = 0; k < pe.written.len; k++) {
        Var *w = pe.written.data[k];
        bool read = false;
        for (int m = 0; m < B->n; m++) read |= ex_reads_var(B->body[m]->expr->rhs, w);
        if (read && !vec_contains(&kept, w)) vec_push(&kept, w);
    }

    long long count = 0;
    if (full_range(s, &count) != j || strided(B, j) >= strided(B, i)) {
        /* P and E are written out four times: only when they are short */
        bool shared = false;
        for (int k = 0; k < B->n; k++) shared |= ex_any(B->body[k]->expr, stays_put, j);
        return shared && st_count(body) - st_count(inner) <= MAX_JAMMED_STMTS ? jam_prologue(c->g, s, at, &kept) : NULL;
    }

    Loc loc = s->loc;
    Stmt *out = st_block(loc), *rows = st_block(loc);
    Stmt *new_b = st_block(loc);
    for (int k = 0; k < B->n; k++) st_append(new_b, st_copy(B->body[k]));
    /* the kept scalars: one per j */
    for (int k = 0; k < kept.len; k++) {
        Var *w = kept.data[k];
        Var *row = fn_new_var(c->g, fn_fresh_name(c->g, arena_printf("%s_row", w->name)), ty_array_of(ty_unqualified(w->ty), count), VAR_LOCAL, loc);
        st_append(out, st_decl(row, NULL, loc));
        Expr *elem = ex_index(ex_var(row, loc), ex_var(j, loc), loc);
        st_append(rows, st_assign(ex_copy(elem), ex_var(w, loc), loc));
        for (int m = 0; m < new_b->n; m++) new_b->body[m]->expr->rhs = ex_substitute(new_b->body[m]->expr->rhs, w, elem);
    }
    /* the j loop: P, the rows, E */
    Stmt *jb = st_block(loc);
    for (int k = 0; k < body->n; k++) {
        if (k != at) st_append(jb, st_copy(body->body[k]));
        else
            for (int m = 0; m < rows->n; m++) st_append(jb, rows->body[m]);
    }
    st_append(out, loop_like(s, jb));
    /* then i outside, j inside, counting up; targets fixed in j sum first */
    Stmt *ib = st_block(loc), *jloop_body = st_block(loc), *flush = st_block(loc);
    for (int k = 0; k < new_b->n; k++) {
        Expr *e = new_b->body[k]->expr;
        if (ex_reads_var(e->lhs, j)) {
            st_append(jloop_body, new_b->body[k]);
            continue;
        }
        Var *acc = fn_new_var(c->g, fn_fresh_name(c->g, "_acc"), ty_unqualified(e->lhs->ty), VAR_LOCAL, loc);
        st_append(ib, st_decl(acc, ex_float(0.0, acc->ty, loc), loc));
        st_append(jloop_body, st_expr(ex_assign(OP_ADD, ex_var(acc, loc), e->rhs, loc), loc));
        st_append(flush, st_expr(ex_assign(OP_ADD, e->lhs, ex_var(acc, loc), loc), loc));
    }
    Stmt *jloop = st_new(ST_FOR, loc);
    jloop->for_init = st_assign(ex_var(j, loc), ex_int(0, j->ty, loc), loc);
    jloop->cond = ex_binary(OP_LT, ex_var(j, loc), count_text(s, count), ty_basic(TY_INT), loc);
    jloop->step = ex_step(EX_POSTINC, ex_var(j, loc), loc);
    jloop->then = jloop_body;
    st_append(ib, jloop);
    for (int k = 0; k < flush->n; k++) st_append(ib, flush->body[k]);
    st_append(out, loop_like(inner, ib));
    *turned = true;
    return out;
}

/* The row loop that ends a turned nest: four rows per pass. */
static void jam_last(Ctx *c, Stmt *nest) {
    Stmt *jammed = jam_rows(c->g, nest->body[nest->n - 1]);
    if (!jammed) return;
    nest->n--;
    for (int k = 0; k < jammed->n; k++) st_append(nest, jammed->body[k]);
}

/* The local array that `cg_pop_bytes(_tp, &A, sizeof A)` refills (values
 * kept per iteration), or NULL for any other expression. */
static Var *kept_pop(const Expr *e) {
    if (!e || e->kind != EX_CALL || e->lhs->kind != EX_FUNC || strcmp(e->lhs->name, "cg_pop_bytes") != 0 || e->nargs != 3) return NULL;
    const Expr *a = e->args[1];
    return a->kind == EX_ADDR && a->lhs->kind == EX_VAR && a->lhs->var->ty->kind == TY_ARRAY ? a->lhs->var : NULL;
}

/* A loop over t whose body is one nest the interchange turns (attention's
 * reverse projections): four t per pass share each load and store of W_b
 * (jam_outer); the t left over run the nest as usual.  Legal for the same
 * reasons as the interchange: the rows' loop of one t (P, E) shares no
 * memory with the increments of another, and increments commute. */
static Stmt *around(Ctx *c, const Stmt *T) {
    const Stmt *b = T->then;
    if (!b || b->kind != ST_BLOCK || !b->n || b->body[b->n - 1]->kind != ST_FOR) return NULL;
    for (int k = 0; k + 1 < b->n; k++)
        if (b->body[k]->kind != ST_EXPR) return NULL;
    bool turned;
    Stmt *nest = interchange(c, b->body[b->n - 1], &turned);
    if (!nest) return NULL;
    /* statements before the nest (a pop of kept values) run with their t's
     * rows; the row loop of another t must not read what they write */
    const Stmt *R = nest->body[nest->n - 1];
    Stmt *body = st_block(T->loc);
    bool apart = turned;
    for (int k = 0; k + 1 < b->n; k++) {
        const Stmt *x = b->body[k];
        Var *kept = kept_pop(x->expr);
        if (kept) {
            apart &= !st_reads_var(R, kept);
            st_append(body, st_copy(x));
            continue;
        }
        Uses u = {0};
        uses_of(x->expr, &u);
        /* any other call (a tape restore writes the memory it saved) may
         * change what the row loop of another t reads */
        apart &= !u.calls;
        for (int m = 0; m < u.written.len; m++) apart &= !st_reads_var(R, u.written.data[m]);
        for (int m = 0; m < u.stored.len; m++) {
            Var *root = u.stored.data[m];
            apart &= root && root->ty->kind == TY_ARRAY && !st_reads_var(R, root);
        }
        st_append(body, st_copy(x));
    }
    for (int k = 0; k < nest->n; k++) st_append(body, nest->body[k]);
    Stmt *out = apart ? jam_outer(c->g, loop_like(T, body)) : NULL;
    if (out) {
        if (out->n > 1) jam_last(c, out->body[1]->then);   /* the t left over */
        return out;
    }
    /* what the walk would make of the loop: the nest in place */
    if (turned) jam_last(c, body);
    out = st_block(T->loc);
    st_append(out, loop_like(T, body));
    return out;
}

/* The block that replaces loop x, turned or jammed, or NULL */
static Stmt *turned_loop(Stmt *x, void *ctx) {
    Ctx *c = ctx;
    if (x->kind != ST_FOR) return NULL;
    Stmt *r = around(c, x);
    if (r) return r;
    bool turned;
    r = interchange(c, x, &turned);
    if (r && turned) jam_last(c, r);
    return r;
}

void interchange_reverse(Func *g, const Func *f, int nprimal, bool disjoint, Stmt *rev) {
    Ctx c = {g, f, nprimal, disjoint};
    st_rewrite(rev, turned_loop, &c);
}
