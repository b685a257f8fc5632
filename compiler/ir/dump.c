/*
 * A stable textual form of the IR for tests (`cgrad --emit=ir`).  It shows
 * what the C text hides: every expression's type, implicit conversions,
 * unique variable names, and the statement structure.  Expressions print as
 * s-expressions: (op:type operands...).
 */
#include "ir/ir.h"

static void type_str(StrBuf *out, const Type *t) {
    if (t->is_const) sb_puts(out, "const ");
    if (t->name) {
        sb_puts(out, t->name);
        return;
    }
    switch (t->kind) {
    case TY_PTR: type_str(out, t->base); sb_puts(out, t->is_restrict ? "*restrict" : "*"); break;
    case TY_ARRAY: type_str(out, t->base); sb_printf(out, "[%lld]", t->array_len); break;
    default: sb_puts(out, ty_keyword(t->kind)); break;
    }
}

static const char *kind_name(const Expr *e) {
    switch (e->kind) {
    case EX_UNARY:
    case EX_BINARY: return op_spelling(e->op);
    case EX_ASSIGN: return e->op ? arena_printf("%s=", op_spelling(e->op)) : "=";
    case EX_PREINC: return "pre++";
    case EX_PREDEC: return "pre--";
    case EX_POSTINC: return "post++";
    case EX_POSTDEC: return "post--";
    case EX_CALL: return "call";
    case EX_INDEX: return "index";
    case EX_MEMBER: return e->arrow ? "->" : ".";
    case EX_DEREF: return "deref";
    case EX_ADDR: return "addr";
    case EX_CAST: return e->implicit ? "implicit-cast" : "cast";
    case EX_COND: return "?:";
    case EX_INIT: return "init";
    default: return "?";
    }
}

static void expr(StrBuf *out, const Expr *e) {
    switch (e->kind) {
    case EX_INT: sb_printf(out, "%s", e->text ? e->text : arena_printf("%lld", e->ival)); return;
    case EX_FLOAT: sb_printf(out, "%s", e->text ? e->text : arena_printf("%.17g", e->fval)); return;
    case EX_STR:
    case EX_SIZEOF: sb_puts(out, e->text); return;
    case EX_VAR: sb_puts(out, e->var->name); return;
    case EX_FUNC: sb_printf(out, "@%s", e->name); return;
    case EX_HOLE: sb_printf(out, "$%d", e->hole); return;
    default: break;
    }
    sb_printf(out, "(%s:", kind_name(e));
    type_str(out, e->ty);
    if (e->kind == EX_MEMBER) sb_printf(out, " %s", e->name);
    if (e->cond) {
        sb_putc(out, ' ');
        expr(out, e->cond);
    }
    if (e->lhs) {
        sb_putc(out, ' ');
        expr(out, e->lhs);
    }
    if (e->rhs) {
        sb_putc(out, ' ');
        expr(out, e->rhs);
    }
    for (int i = 0; i < e->nargs; i++) {
        sb_putc(out, ' ');
        expr(out, e->args[i]);
    }
    sb_putc(out, ')');
}

static void line(StrBuf *out, int depth) {
    for (int i = 0; i < depth; i++) sb_puts(out, "  ");
}

static void stmt(StrBuf *out, const Stmt *s, int depth) {
    line(out, depth);
    switch (s->kind) {
    case ST_BLOCK:
        sb_puts(out, "block\n");
        for (int i = 0; i < s->n; i++) stmt(out, s->body[i], depth + 1);
        return;
    case ST_DECL:
        sb_printf(out, "decl %s%s: ", s->var->kind == VAR_STATIC ? "static " : "", s->var->name);
        type_str(out, s->var->ty);
        if (s->init) {
            sb_puts(out, " = ");
            expr(out, s->init);
        }
        break;
    case ST_EXPR: expr(out, s->expr); break;
    case ST_IF:
    case ST_WHILE:
    case ST_SWITCH:
        sb_puts(out, s->kind == ST_IF ? "if " : s->kind == ST_WHILE ? "while " : "switch ");
        expr(out, s->cond);
        sb_putc(out, '\n');
        stmt(out, s->then, depth + 1);
        if (s->els) {
            line(out, depth);
            sb_puts(out, "else\n");
            stmt(out, s->els, depth + 1);
        }
        return;
    case ST_DO:
        sb_puts(out, "do\n");
        stmt(out, s->then, depth + 1);
        line(out, depth);
        sb_puts(out, "while ");
        expr(out, s->cond);
        break;
    case ST_FOR:
        sb_puts(out, "for\n");
        if (s->for_init) stmt(out, s->for_init, depth + 1);
        line(out, depth + 1);
        sb_puts(out, "cond ");
        if (s->cond) expr(out, s->cond);
        sb_putc(out, '\n');
        line(out, depth + 1);
        sb_puts(out, "step ");
        if (s->step) expr(out, s->step);
        sb_putc(out, '\n');
        stmt(out, s->then, depth + 1);
        return;
    case ST_CASE:
        if (s->expr) {
            sb_puts(out, "case ");
            expr(out, s->expr);
        } else {
            sb_puts(out, "default");
        }
        sb_putc(out, '\n');
        if (s->then) stmt(out, s->then, depth + 1);
        return;
    case ST_BREAK: sb_puts(out, "break"); break;
    case ST_CONTINUE: sb_puts(out, "continue"); break;
    case ST_RETURN:
        sb_puts(out, "return");
        if (s->expr) {
            sb_putc(out, ' ');
            expr(out, s->expr);
        }
        break;
    case ST_EMPTY: sb_puts(out, "empty"); break;
    case ST_PRAGMA: sb_printf(out, "pragma %s", s->text); break;
    }
    sb_putc(out, '\n');
}

void ir_dump_func(StrBuf *out, const Func *f) {
    sb_printf(out, "func %s%s(", f->is_static ? "static " : "", f->name);
    for (int i = 0; i < f->nparams; i++) {
        if (i) sb_puts(out, ", ");
        sb_printf(out, "%s: ", f->params[i]->name);
        type_str(out, f->params[i]->ty);
    }
    sb_puts(out, ") -> ");
    type_str(out, f->ret);
    sb_putc(out, '\n');
    if (f->unsupported) sb_printf(out, "  unsupported %d:%d: %s\n", f->unsupported_loc.line, f->unsupported_loc.col, f->unsupported);
    else if (f->body) stmt(out, f->body, 1);
}

void ir_dump_module(StrBuf *out, const Module *m) {
    for (int i = 0; i < m->funcs.len; i++) {
        const Func *f = m->funcs.data[i];
        if (f->in_main_file && (f->body || f->unsupported)) ir_dump_func(out, f);
    }
}
