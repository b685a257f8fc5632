/*
 * emit.h — IR to C text.  Precedence-aware, so only needed parentheses
 * appear; stable, so tests can match generated code line by line.
 */
#ifndef CGRAD_EMIT_EMIT_H
#define CGRAD_EMIT_EMIT_H

#include "ad/ad.h"
#include "ir/ir.h"

/* `T name` in C declarator syntax (pointers, arrays, qualifiers). */
void emit_declarator(StrBuf *out, const Type *t, const char *name);
void emit_expr(StrBuf *out, const Expr *e);
void emit_stmt(StrBuf *out, const Stmt *s, int indent);
/* `static double f_jvp(const double *x, ...)` without the body or semicolon. */
void emit_signature(StrBuf *out, const Func *f);
void emit_func(StrBuf *out, const Func *f);
/* A float constant in the shortest spelling that reads back exactly. */
const char *emit_float_text(double v, const Type *ty);

/* ---- unit.c ---- */
/* The output file: the user's source (unless !user_code), then every
 * generated function. */
void emit_translation_unit(StrBuf *out, const Module *m, const Plan *p, const char *out_path, bool line_directives, bool user_code);
/* A header declaring the public generated functions. */
void emit_header(StrBuf *out, const Plan *p, const char *path);

#endif
