/*
 * The C emitter.  Expressions are printed with the fewest parentheses that
 * keep C's precedence; implicit casts the front end made explicit are left
 * implicit again.  Statements are indented four spaces per level.  Output for
 * a given IR is always the same text, which tests rely on.
 */
#include "emit/emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- types ------------------------------------------------------------- */

static void quals(StrBuf *out, const Type *t) {
    if (t->is_const) sb_puts(out, "const ");
    if (t->is_volatile) sb_puts(out, "volatile ");
}

static void declarator(StrBuf *out, const Type *t, const char *inner) {
    if (t->name || (t->kind != TY_PTR && t->kind != TY_ARRAY)) {
        quals(out, t);
        sb_puts(out, t->name ? t->name : ty_keyword(t->kind));
        if (inner[0]) {
            sb_putc(out, ' ');
            sb_puts(out, inner);
        }
        return;
    }
    if (t->kind == TY_PTR) {
        const char *q = t->is_const ? (t->is_restrict ? "const restrict " : "const ") : (t->is_restrict ? "restrict " : "");
        const char *fmt = t->base->kind == TY_ARRAY && !t->base->name ? "(*%s%s)" : "*%s%s";
        declarator(out, t->base, arena_printf(fmt, q, inner));
        return;
    }
    const char *dim = t->array_len < 0 ? "[]"
                      : t->array_pad ? arena_printf("[%lld + %lld]", t->array_len, t->array_pad)
                                     : arena_printf("[%lld]", t->array_len);
    declarator(out, t->base, arena_printf("%s%s", inner, dim));
}

void emit_declarator(StrBuf *out, const Type *t, const char *name) { declarator(out, t, name ? name : ""); }

/* ---- expressions ------------------------------------------------------- */

enum {
    PREC_COMMA = 1, PREC_ASSIGN, PREC_COND, PREC_LOR, PREC_LAND, PREC_BITOR, PREC_BITXOR,
    PREC_BITAND, PREC_EQ, PREC_REL, PREC_SHIFT, PREC_ADD, PREC_MUL, PREC_UNARY, PREC_POSTFIX,
    PREC_PRIMARY
};

static int binary_prec(Op op) {
    switch (op) {
    case OP_COMMA: return PREC_COMMA;
    case OP_LOR: return PREC_LOR;
    case OP_LAND: return PREC_LAND;
    case OP_BITOR: return PREC_BITOR;
    case OP_BITXOR: return PREC_BITXOR;
    case OP_BITAND: return PREC_BITAND;
    case OP_EQ:
    case OP_NE: return PREC_EQ;
    case OP_LT:
    case OP_GT:
    case OP_LE:
    case OP_GE: return PREC_REL;
    case OP_SHL:
    case OP_SHR: return PREC_SHIFT;
    case OP_ADD:
    case OP_SUB: return PREC_ADD;
    default: return PREC_MUL;
    }
}

static int prec(const Expr *e) {
    switch (e->kind) {
    case EX_BINARY: return binary_prec(e->op);
    case EX_ASSIGN: return PREC_ASSIGN;
    case EX_COND: return PREC_COND;
    case EX_UNARY:
    case EX_PREINC:
    case EX_PREDEC:
    case EX_DEREF:
    case EX_ADDR:
    case EX_SIZEOF: return PREC_UNARY;
    case EX_CAST: return e->implicit ? prec(e->lhs) : PREC_UNARY;
    case EX_FLOAT: return e->fval < 0 || (e->text && e->text[0] == '-') ? PREC_UNARY : PREC_PRIMARY;
    case EX_INT: return e->ival < 0 && !e->text ? PREC_UNARY : PREC_PRIMARY;
    case EX_INDEX:
    case EX_CALL:
    case EX_MEMBER:
    case EX_POSTINC:
    case EX_POSTDEC: return PREC_POSTFIX;
    default: return PREC_PRIMARY;
    }
}

const char *emit_float_text(double v, const Type *ty) {
    char buf[64];
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v) break;
    }
    if (!strpbrk(buf, ".eEn")) strcat(buf, ".0");   /* keep it a floating literal */
    const char *suffix = ty && ty->kind == TY_FLOAT ? "f" : ty && ty->kind == TY_LDOUBLE ? "L" : "";
    return arena_printf("%s%s", buf, suffix);
}

static void expr(StrBuf *out, const Expr *e, int min_prec);

static bool is_cmp(Op op) { return op_is_comparison(op); }
static bool is_bitwise(Op op) { return op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR; }

/* Parentheses C does not need but compilers ask for (-Wparentheses):
 * a == b < c, a && b || c, a + b << c, a & b == c. */
static int operand_prec(const Expr *parent, const Expr *child, int p) {
    const Expr *c = ex_strip_implicit(child);
    if (c->kind != EX_BINARY || c->op == parent->op) return p;
    Op po = parent->op, co = c->op;
    bool noisy = (is_cmp(po) && is_cmp(co)) || (po == OP_LOR && co == OP_LAND) ||
                 ((po == OP_SHL || po == OP_SHR) && (co == OP_ADD || co == OP_SUB)) ||
                 (is_bitwise(po) && (is_cmp(co) || co == OP_ADD || co == OP_SUB || is_bitwise(co)));
    return noisy ? PREC_PRIMARY : p;
}

static void args(StrBuf *out, Expr **a, int n) {
    for (int i = 0; i < n; i++) {
        if (i) sb_puts(out, ", ");
        expr(out, a[i], PREC_ASSIGN);
    }
}

static void expr(StrBuf *out, const Expr *e, int min_prec) {
    if (e->kind == EX_CAST && e->implicit) {
        expr(out, e->lhs, min_prec);
        return;
    }
    int p = prec(e);
    bool paren = p < min_prec;
    if (paren) sb_putc(out, '(');
    switch (e->kind) {
    case EX_INT:
        if (e->text) sb_puts(out, e->text);
        else sb_printf(out, "%lld", e->ival);
        break;
    case EX_FLOAT: sb_puts(out, e->text ? e->text : emit_float_text(e->fval, e->ty)); break;
    case EX_STR:
    case EX_SIZEOF: sb_puts(out, e->text); break;
    case EX_VAR: sb_puts(out, e->var->name); break;
    case EX_FUNC: sb_puts(out, e->name); break;
    case EX_HOLE: sb_printf(out, "$%d", e->hole); break;
    case EX_UNARY: {
        sb_puts(out, op_spelling(e->op));
        const Expr *a = ex_strip_implicit(e->lhs);   /* printed as its operand */
        /* - -x and - --x would print as a decrement: separate them */
        bool clash = (e->op == OP_NEG && (a->kind == EX_PREDEC || (a->kind == EX_UNARY && a->op == OP_NEG) ||
                                          (a->kind == EX_FLOAT && a->fval < 0) || (a->kind == EX_INT && a->ival < 0))) ||
                     (e->op == OP_PLUS && (a->kind == EX_PREINC || (a->kind == EX_UNARY && a->op == OP_PLUS)));
        expr(out, a, clash ? PREC_PRIMARY : PREC_UNARY);
        break;
    }
    case EX_BINARY:
        expr(out, e->lhs, operand_prec(e, e->lhs, p));
        sb_printf(out, e->op == OP_COMMA ? "%s " : " %s ", op_spelling(e->op));
        expr(out, e->rhs, operand_prec(e, e->rhs, p + 1));
        break;
    case EX_ASSIGN:
        expr(out, e->lhs, PREC_UNARY);
        sb_printf(out, " %s= ", op_spelling(e->op));
        expr(out, e->rhs, PREC_ASSIGN);
        break;
    case EX_PREINC: sb_puts(out, "++"); expr(out, e->lhs, PREC_UNARY); break;
    case EX_PREDEC: sb_puts(out, "--"); expr(out, e->lhs, PREC_UNARY); break;
    case EX_POSTINC: expr(out, e->lhs, PREC_POSTFIX); sb_puts(out, "++"); break;
    case EX_POSTDEC: expr(out, e->lhs, PREC_POSTFIX); sb_puts(out, "--"); break;
    case EX_CALL:
        expr(out, e->lhs, PREC_POSTFIX);
        sb_putc(out, '(');
        args(out, e->args, e->nargs);
        sb_putc(out, ')');
        break;
    case EX_INDEX:
        expr(out, e->lhs, PREC_POSTFIX);
        sb_putc(out, '[');
        expr(out, e->rhs, PREC_COMMA);
        sb_putc(out, ']');
        break;
    case EX_MEMBER:
        expr(out, e->lhs, PREC_POSTFIX);
        sb_puts(out, e->arrow ? "->" : ".");
        sb_puts(out, e->name);
        break;
    case EX_DEREF: sb_putc(out, '*'); expr(out, e->lhs, PREC_UNARY); break;
    case EX_ADDR: sb_putc(out, '&'); expr(out, e->lhs, PREC_UNARY); break;
    case EX_CAST:
        sb_putc(out, '(');
        emit_declarator(out, e->ty, "");
        sb_putc(out, ')');
        expr(out, e->lhs, PREC_UNARY);
        break;
    case EX_COND:
        expr(out, e->cond, PREC_LOR);
        sb_puts(out, " ? ");
        expr(out, e->lhs, PREC_COMMA + 1);
        sb_puts(out, " : ");
        expr(out, e->rhs, PREC_COND);
        break;
    case EX_INIT:
        sb_putc(out, '{');
        if (e->nargs) args(out, e->args, e->nargs);
        else sb_putc(out, '0');
        sb_putc(out, '}');
        break;
    }
    if (paren) sb_putc(out, ')');
}

void emit_expr(StrBuf *out, const Expr *e) { expr(out, e, PREC_COMMA); }

/* ---- statements -------------------------------------------------------- */

static void indent_to(StrBuf *out, int n) {
    for (int i = 0; i < n; i++) sb_puts(out, "    ");
}

static void decl_text(StrBuf *out, const Var *v, const Expr *init) {
    if (v->kind == VAR_STATIC) sb_puts(out, "static ");
    emit_declarator(out, v->ty, v->name);
    if (init) {
        sb_puts(out, " = ");
        expr(out, init, PREC_ASSIGN);
    }
}

static bool is_table(const Expr *init) {
    if (!init || init->kind != EX_INIT || init->nargs < 2) return false;
    for (int i = 0; i < init->nargs; i++)
        if (init->args[i]->kind != EX_INIT) return false;
    return true;
}

/* The body of a compound statement, or a single statement as a block. */
static bool ends_in_jump(const Stmt *s) {
    while (s && s->kind == ST_CASE) s = s->then;
    while (s && s->kind == ST_BLOCK && s->n) s = s->body[s->n - 1];
    return s && (s->kind == ST_BREAK || s->kind == ST_CONTINUE || s->kind == ST_RETURN);
}

static void sub_block(StrBuf *out, const Stmt *s, int indent) {
    sb_puts(out, "{\n");
    if (s->kind == ST_BLOCK)
        for (int i = 0; i < s->n; i++) {
            /* a case reached from the one above: say so, as -Wimplicit-fallthrough asks */
            if (s->body[i]->kind == ST_CASE && i > 0 && !ends_in_jump(s->body[i - 1]) && !(s->body[i - 1]->kind == ST_CASE && !s->body[i - 1]->then)) {
                const Stmt *prev = s->body[i - 1];
                if (!(prev->kind == ST_CASE && prev->then && prev->then->kind == ST_CASE)) {
                    indent_to(out, indent);
                    sb_puts(out, "/* fall through */\n");
                }
            }
            emit_stmt(out, s->body[i], indent + 1);
        }
    else
        emit_stmt(out, s, indent + 1);
    indent_to(out, indent);
    sb_putc(out, '}');
}

void emit_stmt(StrBuf *out, const Stmt *s, int indent) {
    indent_to(out, s->kind == ST_CASE && indent > 0 ? indent - 1 : indent);
    switch (s->kind) {
    case ST_BLOCK:
        sub_block(out, s, indent);
        sb_putc(out, '\n');
        break;
    case ST_DECL:
        if (is_table(s->init)) {
            /* a table of rows (the cg_extent list): one row per line */
            decl_text(out, s->var, NULL);
            sb_puts(out, " = {\n");
            for (int i = 0; i < s->init->nargs; i++) {
                indent_to(out, indent + 1);
                emit_expr(out, s->init->args[i]);
                sb_puts(out, i + 1 < s->init->nargs ? ",\n" : "\n");
            }
            indent_to(out, indent);
            sb_puts(out, "};\n");
            break;
        }
        decl_text(out, s->var, s->init);
        sb_puts(out, ";\n");
        break;
    case ST_EXPR:
        emit_expr(out, s->expr);
        sb_puts(out, ";\n");
        break;
    case ST_IF:
        sb_puts(out, "if (");
        emit_expr(out, s->cond);
        sb_puts(out, ") ");
        sub_block(out, s->then, indent);
        while (s->els) {
            sb_puts(out, " else ");
            if (s->els->kind == ST_IF) {
                s = s->els;
                sb_puts(out, "if (");
                emit_expr(out, s->cond);
                sb_puts(out, ") ");
                sub_block(out, s->then, indent);
                continue;
            }
            sub_block(out, s->els, indent);
            break;
        }
        sb_putc(out, '\n');
        break;
    case ST_WHILE:
        sb_puts(out, "while (");
        emit_expr(out, s->cond);
        sb_puts(out, ") ");
        sub_block(out, s->then, indent);
        sb_putc(out, '\n');
        break;
    case ST_DO:
        sb_puts(out, "do ");
        sub_block(out, s->then, indent);
        sb_puts(out, " while (");
        emit_expr(out, s->cond);
        sb_puts(out, ");\n");
        break;
    case ST_FOR: {
        if (s->text) {
            sb_printf(out, "%s\n", s->text);
            indent_to(out, indent);
        }
        const Stmt *init = s->for_init;
        bool wrap = init && init->kind == ST_BLOCK && init->n > 1;
        if (wrap) {
            /* several declarations of possibly different types: scope them in a block */
            sb_puts(out, "{\n");
            for (int i = 0; i < init->n; i++) emit_stmt(out, init->body[i], indent + 1);
            indent++;
            indent_to(out, indent);
            init = NULL;
        }
        sb_puts(out, "for (");
        if (init && init->kind == ST_BLOCK && init->n == 1) init = init->body[0];
        if (init && init->kind == ST_DECL) decl_text(out, init->var, init->init);
        else if (init && init->kind == ST_EXPR) emit_expr(out, init->expr);
        sb_puts(out, "; ");
        if (s->cond) emit_expr(out, s->cond);
        sb_puts(out, "; ");
        if (s->step) emit_expr(out, s->step);
        sb_puts(out, ") ");
        sub_block(out, s->then, indent);
        sb_putc(out, '\n');
        if (wrap) {
            indent_to(out, indent - 1);
            sb_puts(out, "}\n");
        }
        break;
    }
    case ST_SWITCH:
        sb_puts(out, "switch (");
        emit_expr(out, s->cond);
        sb_puts(out, ") ");
        sub_block(out, s->then, indent);
        sb_putc(out, '\n');
        break;
    case ST_CASE:
        if (s->expr) {
            sb_puts(out, "case ");
            emit_expr(out, s->expr);
            sb_puts(out, ":\n");
        } else {
            sb_puts(out, "default:\n");
        }
        if (s->then) emit_stmt(out, s->then, indent);
        break;
    case ST_BREAK: sb_puts(out, "break;\n"); break;
    case ST_CONTINUE: sb_puts(out, "continue;\n"); break;
    case ST_RETURN:
        if (s->expr) {
            sb_puts(out, "return ");
            emit_expr(out, s->expr);
            sb_puts(out, ";\n");
        } else {
            sb_puts(out, "return;\n");
        }
        break;
    case ST_EMPTY: sb_puts(out, ";\n"); break;
    case ST_PRAGMA: sb_printf(out, "%s\n", s->text); break;
    }
}

/* ---- functions --------------------------------------------------------- */

void emit_signature(StrBuf *out, const Func *f) {
    if (f->is_static) sb_puts(out, "static ");
    if (f->is_inline) sb_puts(out, "inline ");
    StrBuf inner = {0};
    sb_printf(&inner, "%s(", f->name);
    for (int i = 0; i < f->nparams; i++) {
        if (i) sb_puts(&inner, ", ");
        emit_declarator(&inner, f->params[i]->ty, f->params[i]->name);
    }
    if (f->nparams == 0) sb_puts(&inner, "void");
    sb_putc(&inner, ')');
    emit_declarator(out, f->ret, sb_str(&inner));
}

void emit_func(StrBuf *out, const Func *f) {
    emit_signature(out, f);
    sb_putc(out, ' ');
    sub_block(out, f->body, 0);
    sb_putc(out, '\n');
}
