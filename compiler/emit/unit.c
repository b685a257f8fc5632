/*
 * The translation unit cgrad writes: the user's file unchanged (under a
 * #line that names it, so the compiler's messages point at the user's
 * source), then the generated functions: prototypes first, so derivatives
 * may call each other in any order, then definitions.
 */
#include "emit/emit.h"

#include <string.h>

static bool memmem_text(const char *from, const char *to, const char *needle) {
    size_t n = strlen(needle);
    for (const char *p = from; p + n <= to; p++)
        if (memcmp(p, needle, n) == 0) return true;
    return false;
}

static int count_lines(const StrBuf *b) {
    int n = 0;
    for (size_t i = 0; i < b->len; i++) n += b->data[i] == '\n';
    return n;
}

static void quoted(StrBuf *out, const char *path) {
    sb_putc(out, '"');
    for (const char *p = path; *p; p++) {
        if (*p == '"' || *p == '\\') sb_putc(out, '\\');
        sb_putc(out, *p);
    }
    sb_putc(out, '"');
}

static void calls_in_expr(const Expr *e, PtrVec *names) {
    if (!e) return;
    if (e->kind == EX_CALL && e->lhs->kind == EX_FUNC) vec_push(names, (void *)e->lhs->name);
    calls_in_expr(e->lhs, names);
    calls_in_expr(e->rhs, names);
    calls_in_expr(e->cond, names);
    for (int i = 0; i < e->nargs; i++) calls_in_expr(e->args[i], names);
}

static void calls_in_stmt(const Stmt *s, PtrVec *names) {
    if (!s) return;
    calls_in_expr(s->expr, names);
    calls_in_expr(s->init, names);
    calls_in_expr(s->cond, names);
    calls_in_expr(s->step, names);
    calls_in_stmt(s->for_init, names);
    calls_in_stmt(s->then, names);
    calls_in_stmt(s->els, names);
    for (int i = 0; i < s->n; i++) calls_in_stmt(s->body[i], names);
}

static bool named(const PtrVec *names, const char *name) {
    for (int i = 0; i < names->len; i++)
        if (strcmp(names->data[i], name) == 0) return true;
    return false;
}

/* Every generated function, in order; a static one only if a public one
 * reaches it (a tangent made only to be differentiated again is not). */
static void for_each_generated(const Plan *p, StrBuf *out, void (*fn)(StrBuf *, const Func *)) {
    PtrVec all = {0}, reached = {0}, called = {0};
    for (int i = 0; i < p->derivs.len; i++) {
        const Deriv *d = p->derivs.data[i];
        for (int k = 0; k < d->extra.len; k++) vec_push(&all, d->extra.data[k]);
        if (d->out) vec_push(&all, d->out);
    }
    for (int k = 0; k < p->derivs.len; k++) {
        const Deriv *d = p->derivs.data[k];
        if (!d->is_public || !d->out) continue;
        vec_push(&reached, d->out);
        calls_in_stmt(d->out->body, &called);
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (int i = 0; i < all.len; i++) {
            const Func *f = all.data[i];
            if (vec_contains(&reached, f) || !named(&called, f->name)) continue;
            vec_push(&reached, (void *)f);
            calls_in_stmt(f->body, &called);
            grew = true;
        }
    }
    for (int i = 0; i < all.len; i++)
        if (vec_contains(&reached, all.data[i])) fn(out, all.data[i]);
}

static void prototype(StrBuf *out, const Func *f) {
    emit_signature(out, f);
    sb_puts(out, ";\n");
}

static void definition(StrBuf *out, const Func *f) {
    sb_putc(out, '\n');
    emit_func(out, f);
}

void emit_translation_unit(StrBuf *out, const Module *m, const Plan *p, const char *out_path, bool line_directives, bool user_code) {
    if (!user_code) goto generated;
    if (line_directives) {
        sb_puts(out, "#line 1 ");
        quoted(out, m->path);
        sb_putc(out, '\n');
    }
    /* The user's code, with `#pragma cgrad` lines turned into comments in
     * place, backslash-continued lines included, so every line stays where
     * it was. */
    for (const char *line = m->text, *end = m->text + m->text_len; line && line < end;) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        eol = eol ? eol + 1 : end;
        if (!cgrad_pragma_match(line, eol)) {
            sb_printf(out, "%.*s", (int)(eol - line), line);
            line = eol;
            continue;
        }
        const char *last = eol;   /* the end of the logical line */
        while (last - line >= 2 && last[-1] == '\n' && last[-2] == '\\' && last < end) {
            const char *next = memchr(last, '\n', (size_t)(end - last));
            last = next ? next + 1 : end;
        }
        const char *hash = strchr(line, '#');
        bool block = !memmem_text(line, last, "*/") && !memmem_text(line, last, "/*");
        for (const char *c = line; c < last; c++) {
            if (c == hash) sb_puts(out, block ? "/*" : "//");
            else if (block && c == last - 1 && *c == '\n') sb_puts(out, " */\n");
            else sb_putc(out, *c);
        }
        if (block && last[-1] != '\n') sb_puts(out, " */");
        line = last;
    }
    if (m->text_len && m->text[m->text_len - 1] != '\n') sb_putc(out, '\n');
    if (!p->derivs.len) return;
    if (line_directives) {
        /* from here on, messages should point at this generated file */
        sb_printf(out, "#line %d ", count_lines(out) + 2);
        quoted(out, out_path && strcmp(out_path, "-") != 0 ? out_path : "<cgrad output>");
        sb_putc(out, '\n');
    }
generated:
    sb_puts(out, "\n/* ---- Generated by cgrad " CGRAD_VERSION ": derivatives of the functions above. ---- */\n");
    sb_puts(out, "#include <math.h>\n");
    bool needs_runtime = false;
    for (int i = 0; i < p->derivs.len; i++) needs_runtime |= ((Deriv *)p->derivs.data[i])->mode == MODE_ADJOINT;
    if (needs_runtime) sb_puts(out, "#include <cgrad/extent.h>\n#include <cgrad/tape.h>\n");
    bool checks = false;
    for (int i = 0; i < p->derivs.len; i++) checks |= ((Deriv *)p->derivs.data[i])->mode >= MODE_CHECK;
    if (checks) sb_puts(out, "#include <stdio.h>\n#include <stdlib.h>\n");
    sb_putc(out, '\n');
    for_each_generated(p, out, prototype);
    for_each_generated(p, out, definition);
}

void emit_header(StrBuf *out, const Plan *p, const char *path) {
    StrBuf guard = {0};
    sb_puts(&guard, "CGRAD_GENERATED_");
    const char *base = strrchr(path, '/');
    for (const char *c = base ? base + 1 : path; *c; c++)
        sb_putc(&guard, (*c >= 'a' && *c <= 'z') ? (char)(*c - 32) : ((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')) ? *c : '_');
    sb_printf(out, "/* Generated by cgrad " CGRAD_VERSION ": prototypes of the derivatives of %s. */\n", p->mod->path);
    sb_printf(out, "#ifndef %s\n#define %s\n\n", sb_str(&guard), sb_str(&guard));
    for (int i = 0; i < p->derivs.len; i++) {
        const Deriv *d = p->derivs.data[i];
        if (d->is_public && d->out && !d->out->is_static) prototype(out, d->out);
    }
    sb_printf(out, "\n#endif\n");
}
