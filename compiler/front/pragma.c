/*
 * `#pragma cgrad` lines.  They are found by scanning each file's text (so a
 * header may declare derivatives even under `#pragma GCC diagnostic ignored
 * "-Wunknown-pragmas"`), skipping regions the preprocessor skipped, and
 * parsed here with a tiny lexer that keeps every token's position, so each
 * error points at the offending token.
 *
 *   #pragma cgrad differentiate F [mode(tangent|adjoint|both|hvp|vector, ...)] [width(K)] [wrt(P, ...)] [out(Q|return, ...)]
 *   #pragma cgrad derivative F [tangent(F_JVP)] [adjoint(F_VJP)]
 *   #pragma cgrad inactive F
 *
 * Whether the names refer to real functions and parameters is checked later
 * (ad/plan.c), when the functions are known.
 */
#include "front/front_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_IDENT, T_LPAREN, T_RPAREN, T_COMMA, T_OTHER, T_END } TokKind;

typedef struct Tok {
    TokKind kind;
    const char *text;
    Loc loc;
} Tok;

typedef struct Lexer {
    const char *text, *p, *end;
    int file;
    Tok toks[256];
    int n, pos;
} Lexer;

static Loc loc_at(Lexer *lx, const char *p) {
    Loc l = {lx->file, 1, 1};
    for (const char *q = lx->text; q < p; q++) {
        if (*q == '\n') {
            l.line++;
            l.col = 1;
        } else {
            l.col++;
        }
    }
    return l;
}

/* Tokenizes from p to the end of the logical line (backslash-newline joins). */
static void lex_line(Lexer *lx) {
    const char *p = lx->p;
    while (p < lx->end && lx->n < 255) {
        if (*p == '\\' && p + 1 < lx->end && p[1] == '\n') {
            p += 2;
            continue;
        }
        if (*p == '\n') break;
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        if (p[0] == '/' && p + 1 < lx->end && p[1] == '/') break;
        if (p[0] == '/' && p + 1 < lx->end && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : lx->end;
            continue;
        }
        Tok *t = &lx->toks[lx->n++];
        t->loc = loc_at(lx, p);
        if (isalnum((unsigned char)*p) || *p == '_') {   /* names, and width(8)'s number */
            const char *s = p;
            while (p < lx->end && (isalnum((unsigned char)*p) || *p == '_')) p++;
            t->kind = T_IDENT;
            t->text = arena_strndup(s, (size_t)(p - s));
            continue;
        }
        t->kind = *p == '(' ? T_LPAREN : *p == ')' ? T_RPAREN : *p == ',' ? T_COMMA : T_OTHER;
        t->text = arena_strndup(p, 1);
        p++;
    }
    Tok *t = &lx->toks[lx->n];
    t->kind = T_END;
    t->text = "end of line";
    t->loc = loc_at(lx, p);
    lx->p = p;
}

static Tok *peek(Lexer *lx) { return &lx->toks[lx->pos]; }
static Tok *next(Lexer *lx) { return lx->pos < lx->n ? &lx->toks[lx->pos++] : &lx->toks[lx->n]; }

static const char *describe(const Tok *t) {
    return t->kind == T_END ? "end of line" : arena_printf("'%s'", t->text);
}

/* `(` NAME {`,` NAME} `)` after a clause keyword; names and locs appended. */
static bool name_list(Lexer *lx, const char *clause, PtrVec *names, PtrVec *locs) {
    Tok *t = next(lx);
    if (t->kind != T_LPAREN) {
        diag_error(t->loc, "expected '(' after '%s'", clause);
        return false;
    }
    for (;;) {
        t = next(lx);
        if (t->kind != T_IDENT) {
            if (t->kind == T_END) diag_error(t->loc, "unterminated '%s(' clause: expected a name and ')'", clause);
            else diag_error(t->loc, "expected a name in '%s(...)', found %s", clause, describe(t));
            return false;
        }
        vec_push(names, (void *)t->text);
        Loc *l = NEW(Loc);
        *l = t->loc;
        vec_push(locs, l);
        t = next(lx);
        if (t->kind == T_RPAREN) return true;
        if (t->kind != T_COMMA) {
            if (t->kind == T_END) diag_error(t->loc, "unterminated '%s(' clause: expected ')'", clause);
            else diag_error(t->loc, "expected ',' or ')' in '%s(...)', found %s", clause, describe(t));
            return false;
        }
    }
}

/* check(p = n, q = n * m): for each pointer, the number of elements, as C
 * text over the function's parameters. */
static bool size_list(Lexer *lx, Request *r) {
    next(lx);   /* ( */
    int first = r->size_names.len;   /* this clause's entries start here */
    for (;;) {
        Tok *name = next(lx);
        Tok *eq = next(lx);
        if (name->kind != T_IDENT || strcmp(eq->text, "=") != 0) {
            diag_error(name->loc, "expected 'parameter = number of elements', found %s", describe(name));
            return false;
        }
        for (int k = first; k < r->size_names.len; k++)
            if (strcmp(r->size_names.data[k], name->text) == 0) {
                diag_error(name->loc, "'%s' is given a size twice", name->text);
                return false;
            }
        StrBuf b = {0};
        int depth = 0;
        for (;;) {
            Tok *t = peek(lx);
            if (t->kind == T_END) {
                diag_error(t->loc, "unterminated list of sizes: expected ')'");
                return false;
            }
            if (depth == 0 && (t->kind == T_COMMA || t->kind == T_RPAREN)) break;
            depth += t->kind == T_LPAREN ? 1 : t->kind == T_RPAREN ? -1 : 0;
            const Tok *p1 = &lx->toks[lx->pos - 1], *p2 = lx->pos >= 2 ? &lx->toks[lx->pos - 2] : p1;
            bool member = strcmp(p1->text, ".") == 0 || (strcmp(p1->text, ">") == 0 && strcmp(p2->text, "-") == 0);
            if (t->kind == T_IDENT && !isdigit((unsigned char)t->text[0]) && !member) {   /* checked against the parameters later */
                Loc *at = NEW(Loc);
                *at = t->loc;
                vec_push(&r->size_idents, (void *)t->text);
                vec_push(&r->size_ident_locs, at);
            }
            if (b.len) sb_putc(&b, ' ');
            sb_puts(&b, next(lx)->text);
        }
        if (!b.len) {
            diag_error(peek(lx)->loc, "missing the number of elements of '%s'", name->text);
            return false;
        }
        vec_push(&r->size_names, (void *)name->text);
        vec_push(&r->size_exprs, (void *)sb_str(&b));
        Loc *l = NEW(Loc);
        *l = name->loc;
        vec_push(&r->size_locs, l);
        if (next(lx)->kind == T_RPAREN) return true;
    }
}

static bool one_name(Lexer *lx, const char *clause, const char **name) {
    PtrVec names = {0}, locs = {0};
    if (!name_list(lx, clause, &names, &locs)) return false;
    if (names.len != 1) {
        diag_error(*(Loc *)locs.data[1], "'%s(...)' takes exactly one name", clause);
        return false;
    }
    *name = names.data[0];
    return true;
}

static bool expect_function(Lexer *lx, const char *directive, Tok **fn) {
    *fn = next(lx);
    if ((*fn)->kind != T_IDENT) {
        diag_error((*fn)->loc, "expected a function name after '%s', found %s", directive, describe(*fn));
        return false;
    }
    return true;
}

static void parse_differentiate(Module *m, Lexer *lx, Loc at) {
    Tok *fn;
    if (!expect_function(lx, "differentiate", &fn)) return;
    Request *r = NEW(Request);
    r->loc = at;
    r->fname = fn->text;
    r->fname_loc = fn->loc;
    r->modes = MODE_TANGENT | MODE_ADJOINT;
    bool seen_mode = false;
    while (peek(lx)->kind != T_END) {
        Tok *c = next(lx);
        if (c->kind != T_IDENT || isdigit((unsigned char)c->text[0])) {
            diag_error(c->loc, "expected a clause (mode, wrt, out, width, check, jacobian or hessian), found %s", describe(c));
            return;
        }
        if (strcmp(c->text, "mode") == 0) {
            if (seen_mode) {
                diag_error(c->loc, "duplicate 'mode' clause");
                return;
            }
            seen_mode = true;
            /* mode(tangent), mode(adjoint, hvp), mode(both) ... */
            PtrVec names = {0}, locs = {0};
            if (!name_list(lx, "mode", &names, &locs)) return;
            r->modes = 0;
            for (int k = 0; k < names.len; k++) {
                const char *mode = names.data[k];
                for (int j = 0; j < k; j++)
                    if (strcmp(names.data[j], mode) == 0) {
                        diag_error(*(Loc *)locs.data[k], "'%s' is listed twice in mode(...)", mode);
                        return;
                    }
                if (strcmp(mode, "tangent") == 0) r->modes |= MODE_TANGENT;
                else if (strcmp(mode, "adjoint") == 0) r->modes |= MODE_ADJOINT;
                else if (strcmp(mode, "both") == 0) r->modes |= MODE_TANGENT | MODE_ADJOINT;
                else if (strcmp(mode, "hvp") == 0) r->modes |= MODE_HVP;
                else if (strcmp(mode, "vector") == 0) r->modes |= MODE_VECTOR;
                else {
                    diag_error(*(Loc *)locs.data[k], "unknown mode '%s'; expected 'tangent', 'adjoint', 'both', 'hvp' or 'vector'", mode);
                    return;
                }
            }
        } else if (strcmp(c->text, "check") == 0 || strcmp(c->text, "jacobian") == 0 || strcmp(c->text, "hessian") == 0) {
            bool *flag = c->text[0] == 'c' ? &r->check : c->text[0] == 'j' ? &r->jacobian : &r->hessian;
            Loc *at = c->text[0] == 'c' ? &r->check_loc : c->text[0] == 'j' ? &r->jacobian_loc : &r->hessian_loc;
            if (*flag) {
                diag_error(c->loc, "duplicate '%s' clause", c->text);
                return;
            }
            *flag = true;
            *at = c->loc;
            if (peek(lx)->kind == T_LPAREN && !size_list(lx, r)) return;
        } else if (strcmp(c->text, "width") == 0) {
            const char *k;
            if (r->width) {
                diag_error(c->loc, "duplicate 'width' clause");
                return;
            }
            Tok *arg = &lx->toks[lx->pos + 1 < lx->n ? lx->pos + 1 : lx->n];
            if (arg->kind == T_OTHER) {   /* width(-1): the sign lexes apart from the number */
                diag_error(arg->loc, "width(...) takes a number of directions from 1 to 1024, not %s", describe(arg));
                return;
            }
            if (!one_name(lx, "width", &k)) return;
            char *end;
            long v = strtol(k, &end, 10);
            if (*end || v < 1 || v > 1024) {
                diag_error(arg->loc, "width(...) takes a number of directions from 1 to 1024, not '%s'", k);
                return;
            }
            r->width = (int)v;
            r->width_loc = c->loc;
        } else if (strcmp(c->text, "wrt") == 0 || strcmp(c->text, "out") == 0) {
            bool wrt = c->text[0] == 'w';
            if (wrt ? r->wrt_given : r->out_given) {
                diag_error(c->loc, "duplicate '%s' clause", c->text);
                return;
            }
            if (wrt) r->wrt_given = true;
            else r->out_given = true;
            if (!name_list(lx, c->text, wrt ? &r->wrt_names : &r->out_names, wrt ? &r->wrt_locs : &r->out_locs)) return;
        } else {
            diag_error(c->loc, "unknown clause '%s' in '#pragma cgrad differentiate'; expected 'mode', 'wrt', 'out', 'width', 'check', 'jacobian' or 'hessian'", c->text);
            return;
        }
    }
    if ((r->modes & MODE_VECTOR) && !r->width) {
        diag_error(r->loc, "mode(vector) needs a width(K) clause: the number of directions carried at once");
        return;
    }
    if (r->width && !(r->modes & MODE_VECTOR)) {
        diag_error(r->width_loc, "width(...) applies to mode(vector) only");
        return;
    }
    vec_push(&m->requests, r);
}

static void parse_derivative(Module *m, Lexer *lx, Loc at) {
    Tok *fn;
    if (!expect_function(lx, "derivative", &fn)) return;
    Custom *c = NEW(Custom);
    c->loc = fn->loc;
    c->fname = fn->text;
    while (peek(lx)->kind != T_END) {
        Tok *t = next(lx);
        const char **slot = t->kind != T_IDENT ? NULL
                            : strcmp(t->text, "tangent") == 0 ? &c->tangent
                            : strcmp(t->text, "adjoint") == 0 ? &c->adjoint
                                                              : NULL;
        if (!slot) {
            diag_error(t->loc, "expected 'tangent(NAME)' or 'adjoint(NAME)', found %s", describe(t));
            return;
        }
        if (*slot) {
            diag_error(t->loc, "duplicate '%s' clause", t->text);
            return;
        }
        if (!one_name(lx, t->text, slot)) return;
    }
    if (!c->tangent && !c->adjoint) {
        diag_error(at, "'#pragma cgrad derivative %s' names no derivative; add tangent(NAME) and/or adjoint(NAME)", fn->text);
        return;
    }
    vec_push(&m->customs, c);
}

static void parse_inactive(Module *m, Lexer *lx) {
    Tok *fn;
    if (!expect_function(lx, "inactive", &fn)) return;
    Custom *c = NEW(Custom);
    c->loc = fn->loc;
    c->fname = fn->text;
    c->inactive = true;
    if (peek(lx)->kind != T_END) {
        diag_error(peek(lx)->loc, "unexpected %s after '#pragma cgrad inactive %s'", describe(peek(lx)), fn->text);
        return;
    }
    vec_push(&m->customs, c);
}

static void parse_pragma(Module *m, Lexer *lx, Loc at) {
    Tok *d = next(lx);
    if (d->kind == T_END) {
        diag_error(d->loc, "'#pragma cgrad' needs a directive: 'differentiate', 'derivative' or 'inactive'");
        return;
    }
    if (d->kind == T_IDENT && strcmp(d->text, "differentiate") == 0) parse_differentiate(m, lx, at);
    else if (d->kind == T_IDENT && strcmp(d->text, "derivative") == 0) parse_derivative(m, lx, at);
    else if (d->kind == T_IDENT && strcmp(d->text, "inactive") == 0) parse_inactive(m, lx);
    else
        diag_error(d->loc, "unknown cgrad directive %s; expected 'differentiate', 'derivative' or 'inactive'", describe(d));
}

static bool ident_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* After `_Pragma` at p: blanks, `(`, blanks, `"`, blanks, `cgrad` as a word? */
static bool cgrad_operator(const char *p, const char *end) {
    const char *want[] = {"(", "\"", "cgrad"};
    for (int k = 0; k < 3; k++) {
        while (p < end && (*p == ' ' || *p == '\t')) p++;
        size_t n = strlen(want[k]);
        if ((size_t)(end - p) < n || memcmp(p, want[k], n) != 0) return false;
        p += n;
    }
    return p == end || !ident_char(*p);
}

/* `_Pragma("cgrad ...")` outside comments and literals.  cgrad reads its
 * directives from the text, before macros expand, so such an operator (in
 * a macro, where it is useful) would be silently missed: say so instead. */
static void refuse_pragma_operators(int file, const char *text, size_t len, bool (*skipped)(void *, unsigned), void *ctx) {
    const char *end = text + len;
    for (const char *p = text; p < end;) {
        const char *past = skip_comment_or_literal(p, end);
        if (past) {
            p = past;
        } else if (*p == '_' && (p == text || !ident_char(p[-1])) && (size_t)(end - p) > 7 && memcmp(p, "_Pragma", 7) == 0 &&
                   cgrad_operator(p + 7, end) && !skipped(ctx, (unsigned)(p - text))) {
            Lexer lx = {.text = text, .file = file};
            diag_error(loc_at(&lx, p), "cgrad reads its directives as '#pragma cgrad' lines, before macros expand, so it never "
                                      "sees this one; write it as a '#pragma cgrad' line");
            p += 7;
        } else {
            p++;
        }
    }
}

void scan_pragmas(Module *m, int file, const char *text, size_t len, bool (*skipped)(void *, unsigned), void *ctx) {
    refuse_pragma_operators(file, text, len, skipped, ctx);
    const char *end = text + len, *line;
    for (const char *p = text, *hash; (hash = cgrad_next_pragma(p, end, &line));) {
        const char *eol = logical_line_end(hash, end);
        p = eol;
        if (skipped(ctx, (unsigned)(line - text))) continue;
        Lexer lx = {.text = text, .p = cgrad_pragma_match(hash, eol), .end = end, .file = file};
        lex_line(&lx);
        parse_pragma(m, &lx, loc_at(&lx, line));
        if (lx.p > p) p = lx.p;
    }
}
