/*
 * front_internal.h — shared by the front end's files, and the only header in
 * the translator that includes libclang.
 */
#ifndef CGRAD_FRONT_FRONT_INTERNAL_H
#define CGRAD_FRONT_FRONT_INTERNAL_H

#include <clang-c/Index.h>

#include "front/front.h"

/* A small map from declaration cursors to our Vars. */
typedef struct VarMap {
    CXCursor *keys;
    Var **vals;
    int len, cap;
} VarMap;

typedef struct Lower {
    CXTranslationUnit tu;
    Module *mod;
    Func *fn;              /* the function being lowered */
    VarMap locals;         /* this function's params and locals */
    VarMap *globals;       /* file-scope objects, shared by all functions */
} Lower;

/* ---- front.c ---------------------------------------------------------- */
Loc cursor_loc(CXCursor c);
Loc source_loc(CXSourceLocation l);
char *cx_string(CXString s);                   /* copies into the arena and disposes */
int cursor_children(CXCursor c, CXCursor **out);
/* Spellings of the tokens in the cursor's extent, with their offsets. */
int cursor_tokens(Lower *L, CXCursor c, char ***spellings, unsigned **offsets);
unsigned cursor_offset(CXCursor c);
void unsupported(Lower *L, CXCursor c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
Var *varmap_get(VarMap *m, CXCursor key);
void varmap_put(VarMap *m, CXCursor key, Var *v);

/* ---- type.c ------------------------------------------------------------ */
Type *lower_type(CXType t);

/* ---- expr.c ------------------------------------------------------------ */
Expr *lower_expr(Lower *L, CXCursor c);

/* ---- stmt.c ------------------------------------------------------------ */
Stmt *lower_stmt(Lower *L, CXCursor c);
void lower_function_body(Lower *L, CXCursor fn_cursor);

/* ---- pragma.c ---------------------------------------------------------- */
/* Finds and parses every `#pragma cgrad` line of one file's text. */
void scan_pragmas(Module *m, int file, const char *text, size_t len, bool (*skipped)(void *, unsigned), void *ctx);

#endif
