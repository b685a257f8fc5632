/*
 * Parses the partial-derivative templates of mathfn.def and ops.def once, on
 * first use, with a small recursive-descent parser for C expressions over
 * x, y, z, r, numbers, calls, + - * /, comparisons and ?:, and instantiates
 * them with the fold_* builders so constant factors disappear.
 */
#include "rules/rules.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static Rule math_rules[] = {
#define MATHFN(name, arity, dx, dy, dz) {#name, arity, {0}},
#include "rules/mathfn.def"
#undef MATHFN
};
static const char *math_text[][MAX_RULE_ARGS] = {
#define MATHFN(name, arity, dx, dy, dz) {dx, dy, dz},
#include "rules/mathfn.def"
#undef MATHFN
};
enum { NMATH = sizeof math_rules / sizeof *math_rules };

static Rule op_rules[] = {
#define OPRULE(op, dx, dy) {#op, 2, {0}},
#include "rules/ops.def"
#undef OPRULE
};
static const Op op_ids[] = {
#define OPRULE(op, dx, dy) op,
#include "rules/ops.def"
#undef OPRULE
};
static const char *op_text[][2] = {
#define OPRULE(op, dx, dy) {dx, dy},
#include "rules/ops.def"
#undef OPRULE
};
enum { NOPS = sizeof op_rules / sizeof *op_rules };

_Static_assert(sizeof math_text / sizeof *math_text == NMATH, "mathfn.def tables disagree");
_Static_assert(sizeof op_ids / sizeof *op_ids == NOPS, "ops.def tables disagree");

/* ---- template parser ---------------------------------------------------- */

typedef struct Parser {
    const char *p;
    const char *src;
} Parser;

static const Loc no_loc = {0, 0, 0};

static void skip(Parser *ps) {
    while (isspace((unsigned char)*ps->p)) ps->p++;
}

static bool accept(Parser *ps, const char *tok) {
    skip(ps);
    size_t n = strlen(tok);
    if (strncmp(ps->p, tok, n) != 0) return false;
    /* don't split '>=' into '>' and '=' */
    if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '=') && ps->p[1] == '=') return false;
    ps->p += n;
    return true;
}

static Expr *parse_expr(Parser *ps);

static Expr *parse_primary(Parser *ps) {
    skip(ps);
    if (accept(ps, "(")) {
        Expr *e = parse_expr(ps);
        if (!accept(ps, ")")) ICE("rule template '%s': expected ')'", ps->src);
        return e;
    }
    if (isdigit((unsigned char)*ps->p) || *ps->p == '.') {
        char *end;
        double v = strtod(ps->p, &end);
        ps->p = end;
        return ex_float(v, ty_basic(TY_DOUBLE), no_loc);
    }
    if (isalpha((unsigned char)*ps->p)) {
        const char *s = ps->p;
        while (isalnum((unsigned char)*ps->p) || *ps->p == '_') ps->p++;
        char *name = arena_strndup(s, (size_t)(ps->p - s));
        if (accept(ps, "(")) {
            PtrVec args = {0};
            if (!accept(ps, ")")) {
                do vec_push(&args, parse_expr(ps));
                while (accept(ps, ","));
                if (!accept(ps, ")")) ICE("rule template '%s': expected ')' after arguments", ps->src);
            }
            return ex_call(name, (Expr **)args.data, args.len, ty_basic(TY_DOUBLE), no_loc);
        }
        static const char holes[] = {'x', 'y', 'z', 'r'};
        for (int i = 0; i < 4; i++)
            if (name[0] == holes[i] && name[1] == '\0') {
                Expr *h = ex_float(0, ty_basic(TY_DOUBLE), no_loc);
                h->kind = EX_HOLE;
                h->hole = i;
                return h;
            }
        ICE("rule template '%s': unknown name '%s'", ps->src, name);
    }
    ICE("rule template '%s': unexpected '%s'", ps->src, ps->p);
}

static Expr *parse_unary(Parser *ps) {
    if (accept(ps, "-")) return ex_unary(OP_NEG, parse_unary(ps), ty_basic(TY_DOUBLE), no_loc);
    return parse_primary(ps);
}

static Expr *parse_mul(Parser *ps) {
    Expr *e = parse_unary(ps);
    for (;;) {
        if (accept(ps, "*")) e = ex_binary(OP_MUL, e, parse_unary(ps), ty_basic(TY_DOUBLE), no_loc);
        else if (accept(ps, "/")) e = ex_binary(OP_DIV, e, parse_unary(ps), ty_basic(TY_DOUBLE), no_loc);
        else return e;
    }
}

static Expr *parse_add(Parser *ps) {
    Expr *e = parse_mul(ps);
    for (;;) {
        if (accept(ps, "+")) e = ex_binary(OP_ADD, e, parse_mul(ps), ty_basic(TY_DOUBLE), no_loc);
        else if (accept(ps, "-")) e = ex_binary(OP_SUB, e, parse_mul(ps), ty_basic(TY_DOUBLE), no_loc);
        else return e;
    }
}

static Expr *parse_cmp(Parser *ps) {
    Expr *e = parse_add(ps);
    static const struct {
        const char *tok;
        Op op;
    } cmps[] = {{"<=", OP_LE}, {">=", OP_GE}, {"==", OP_EQ}, {"!=", OP_NE}, {"<", OP_LT}, {">", OP_GT}};
    for (;;) {
        bool found = false;
        for (size_t i = 0; i < sizeof cmps / sizeof *cmps && !found; i++)
            if (accept(ps, cmps[i].tok)) {
                e = ex_binary(cmps[i].op, e, parse_add(ps), ty_basic(TY_INT), no_loc);
                found = true;
            }
        if (!found) return e;
    }
}

static Expr *parse_expr(Parser *ps) {
    Expr *c = parse_cmp(ps);
    if (!accept(ps, "?")) return c;
    Expr *a = parse_expr(ps);
    if (!accept(ps, ":")) ICE("rule template '%s': expected ':'", ps->src);
    return ex_cond(c, a, parse_expr(ps), ty_basic(TY_DOUBLE), no_loc);
}

static Expr *parse_template(const char *text) {
    if (!text) return NULL;
    Parser ps = {text, text};
    Expr *e = parse_expr(&ps);
    skip(&ps);
    if (*ps.p) ICE("rule template '%s': trailing '%s'", text, ps.p);
    return e;
}

static bool loaded;

void rules_reset(void) { loaded = false; }   /* the templates lived in the arena */

static void load(void) {
    if (loaded) return;
    loaded = true;
    for (int i = 0; i < NMATH; i++)
        for (int k = 0; k < math_rules[i].arity; k++) math_rules[i].partial[k] = parse_template(math_text[i][k]);
    for (int i = 0; i < NOPS; i++) {
        op_rules[i].name = op_spelling(op_ids[i]);
        for (int k = 0; k < 2; k++) op_rules[i].partial[k] = parse_template(op_text[i][k]);
    }
}

/* ---- lookup and instantiation -------------------------------------------- */

const char *rules_base_name(const char *fname, TypeKind *variant) {
    load();
    for (int i = 0; i < NMATH; i++) {
        const char *n = math_rules[i].name;
        size_t len = strlen(n);
        if (strncmp(fname, n, len) != 0) continue;
        if (fname[len] == '\0') {
            if (variant) *variant = TY_DOUBLE;
            return n;
        }
        if ((fname[len] == 'f' || fname[len] == 'l') && fname[len + 1] == '\0') {
            if (variant) *variant = fname[len] == 'f' ? TY_FLOAT : TY_LDOUBLE;
            return n;
        }
    }
    return NULL;
}

const Rule *rules_math(const char *fname) {
    const char *base = rules_base_name(fname, NULL);
    if (!base) return NULL;
    for (int i = 0; i < NMATH; i++)
        if (strcmp(math_rules[i].name, base) == 0) return &math_rules[i];
    return NULL;
}

const Rule *rules_op(Op op) {
    load();
    for (int i = 0; i < NOPS; i++)
        if (op_ids[i] == op) return &op_rules[i];
    return NULL;
}

static bool uses_hole(const Expr *e, int hole) {
    if (!e) return false;
    if (e->kind == EX_HOLE) return e->hole == hole;
    if (uses_hole(e->lhs, hole) || uses_hole(e->rhs, hole) || uses_hole(e->cond, hole)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (uses_hole(e->args[i], hole)) return true;
    return false;
}

bool rules_uses_result(const Rule *r, int i) { return uses_hole(r->partial[i], HOLE_R); }

static const char *variant_name(const char *name, const Type *ty) {
    if (ty->kind == TY_FLOAT) return arena_printf("%sf", name);
    if (ty->kind == TY_LDOUBLE) return arena_printf("%sl", name);
    return name;
}

static Expr *inst(const Expr *t, Expr **args, Expr *result, Type *ty) {
    switch (t->kind) {
    case EX_HOLE:
        if (t->hole == HOLE_R) {
            if (!result) ICE("rule needs the result but none was given");
            return ex_copy(result);
        }
        return ex_copy(args[t->hole]);
    case EX_FLOAT: return ex_float(t->fval, ty, t->loc);
    case EX_UNARY: return fold_neg(inst(t->lhs, args, result, ty));
    case EX_BINARY: {
        Expr *a = inst(t->lhs, args, result, ty), *b = inst(t->rhs, args, result, ty);
        switch (t->op) {
        case OP_ADD: return fold_add(a, b);
        case OP_SUB: return fold_sub(a, b);
        case OP_MUL: return fold_mul(a, b);
        case OP_DIV: return fold_div(a, b);
        default: return ex_binary(t->op, a, b, ty_basic(TY_INT), t->loc);
        }
    }
    case EX_COND:
        return ex_cond(inst(t->cond, args, result, ty), inst(t->lhs, args, result, ty), inst(t->rhs, args, result, ty), ty, t->loc);
    case EX_CALL: {
        Expr **a = NEW_ARRAY(Expr *, t->nargs + 1);
        for (int i = 0; i < t->nargs; i++) a[i] = inst(t->args[i], args, result, ty);
        return ex_call(variant_name(t->lhs->name, ty), a, t->nargs, ty, t->loc);
    }
    default: return ex_copy(t);
    }
}

Expr *rules_partial(const Rule *r, int i, Expr **args, Expr *result, Type *ty) {
    if (i >= r->arity || !r->partial[i]) return NULL;
    return inst(r->partial[i], args, result, ty);
}
