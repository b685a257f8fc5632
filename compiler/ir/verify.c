/*
 * Structural invariants of the IR, checked after the front end and after
 * every transform.  A violation is a bug in cgrad (an internal compiler
 * error naming the pass), never a user error.
 */
#include "ir/ir.h"

typedef struct Ctx {
    const Func *f;
    const char *pass;
} Ctx;

#define CHECK(cond, what)                                                                     \
    do {                                                                                      \
        if (!(cond)) ICE("IR invariant broken after %s in '%s': %s", c->pass, c->f->name, what); \
    } while (0)

static void expr(Ctx *c, const Expr *e) {
    CHECK(e != NULL, "missing expression");
    CHECK(e->ty != NULL, "expression without a type");
    switch (e->kind) {
    case EX_VAR: CHECK(e->var != NULL, "variable reference without a Var"); break;
    case EX_UNARY:
    case EX_DEREF:
    case EX_ADDR:
    case EX_CAST:
    case EX_PREINC:
    case EX_PREDEC:
    case EX_POSTINC:
    case EX_POSTDEC:
    case EX_MEMBER: CHECK(e->lhs != NULL, "operand missing"); break;
    case EX_BINARY:
    case EX_ASSIGN:
    case EX_INDEX: CHECK(e->lhs && e->rhs, "binary operand missing"); break;
    case EX_COND: CHECK(e->cond && e->lhs && e->rhs, "conditional operand missing"); break;
    case EX_CALL: CHECK(e->lhs != NULL, "call without callee"); break;
    case EX_FUNC: CHECK(e->name != NULL, "function designator without a name"); break;
    case EX_HOLE: CHECK(false, "rule placeholder left in code"); break;
    default: break;
    }
    if (e->kind == EX_ASSIGN || e->kind == EX_PREINC || e->kind == EX_POSTINC || e->kind == EX_PREDEC || e->kind == EX_POSTDEC)
        CHECK(ex_is_lvalue(e->lhs), "assignment to a non-lvalue");
    if (e->lhs) expr(c, e->lhs);
    if (e->rhs) expr(c, e->rhs);
    if (e->cond) expr(c, e->cond);
    for (int i = 0; i < e->nargs; i++) expr(c, e->args[i]);
}

static void stmt(Ctx *c, const Stmt *s) {
    CHECK(s != NULL, "missing statement");
    switch (s->kind) {
    case ST_BLOCK:
        for (int i = 0; i < s->n; i++) stmt(c, s->body[i]);
        break;
    case ST_DECL:
        CHECK(s->var != NULL, "declaration without a Var");
        if (s->init) expr(c, s->init);
        break;
    case ST_EXPR: expr(c, s->expr); break;
    case ST_IF:
        expr(c, s->cond);
        stmt(c, s->then);
        if (s->els) stmt(c, s->els);
        break;
    case ST_WHILE:
    case ST_DO:
    case ST_SWITCH:
        expr(c, s->cond);
        stmt(c, s->then);
        break;
    case ST_FOR:
        if (s->for_init) stmt(c, s->for_init);
        if (s->cond) expr(c, s->cond);
        if (s->step) expr(c, s->step);
        stmt(c, s->then);
        break;
    case ST_CASE:
        if (s->expr) expr(c, s->expr);
        if (s->then) stmt(c, s->then);
        break;
    case ST_RETURN:
        if (s->expr) expr(c, s->expr);
        break;
    default: break;
    }
}

void ir_verify_func(const Func *f, const char *after_pass) {
    Ctx ctx = {f, after_pass}, *c = &ctx;
    for (int i = 0; i < f->nparams; i++) CHECK(f->params[i] && f->params[i]->kind == VAR_PARAM, "bad parameter");
    if (f->body) stmt(c, f->body);
}
