/*
 * The front end's driver: parse the file with libclang, forward clang's
 * errors through our diagnostics, find the `#pragma cgrad` lines, and lower
 * every function to IR.
 *
 * Functions of the main file are lowered eagerly but tolerantly: a construct
 * the IR cannot express is remembered on the Func (Func.unsupported) and
 * reported only if that function is ever differentiated, so `main` may use
 * printf, goto or anything else.  Functions from headers are recorded as
 * declarations: their bodies are not differentiated.
 */
#include "front/front_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *cx_string(CXString s) {
    const char *c = clang_getCString(s);
    char *r = arena_strdup(c ? c : "");
    clang_disposeString(s);
    return r;
}

Loc source_loc(CXSourceLocation l) {
    CXFile file;
    unsigned line, col, off;
    clang_getExpansionLocation(l, &file, &line, &col, &off);
    Loc loc = {0, (int)line, (int)col};
    if (file) loc.file = diag_file_id(cx_string(clang_getFileName(file)));
    return loc;
}

Loc cursor_loc(CXCursor c) { return source_loc(clang_getCursorLocation(c)); }

unsigned cursor_offset(CXCursor c) {
    unsigned off;
    clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(c)), NULL, NULL, NULL, &off);
    return off;
}

typedef struct Kids {
    PtrVec v;
} Kids;

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    CXCursor *copy = NEW(CXCursor);
    *copy = c;
    vec_push(&((Kids *)data)->v, copy);
    return CXChildVisit_Continue;
}

int cursor_children(CXCursor c, CXCursor **out) {
    Kids k = {0};
    clang_visitChildren(c, collect, &k);
    *out = NEW_ARRAY(CXCursor, k.v.len + 1);
    for (int i = 0; i < k.v.len; i++) (*out)[i] = *(CXCursor *)k.v.data[i];
    return k.v.len;
}

int cursor_tokens(Lower *L, CXCursor c, char ***spellings, unsigned **offsets) {
    CXToken *toks;
    unsigned n;
    clang_tokenize(L->tu, clang_getCursorExtent(c), &toks, &n);
    *spellings = NEW_ARRAY(char *, n + 1);
    if (offsets) *offsets = NEW_ARRAY(unsigned, n + 1);
    for (unsigned i = 0; i < n; i++) {
        (*spellings)[i] = cx_string(clang_getTokenSpelling(L->tu, toks[i]));
        if (offsets) clang_getExpansionLocation(clang_getTokenLocation(L->tu, toks[i]), NULL, NULL, NULL, &(*offsets)[i]);
    }
    clang_disposeTokens(L->tu, toks, n);
    return (int)n;
}

void unsupported(Lower *L, CXCursor c, const char *fmt, ...) {
    if (!L->fn || L->fn->unsupported) return;
    StrBuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    L->fn->unsupported = sb_str(&b);
    L->fn->unsupported_loc = cursor_loc(c);
}

Var *varmap_get(VarMap *m, CXCursor key) {
    for (int i = 0; i < m->len; i++)
        if (clang_equalCursors(m->keys[i], key)) return m->vals[i];
    return NULL;
}

void varmap_put(VarMap *m, CXCursor key, Var *v) {
    if (m->len == m->cap) {
        int cap = m->cap ? 2 * m->cap : 32;
        CXCursor *k = NEW_ARRAY(CXCursor, cap);
        Var **vals = NEW_ARRAY(Var *, cap);
        if (m->len) {
            memcpy(k, m->keys, sizeof(CXCursor) * (size_t)m->len);
            memcpy(vals, m->vals, sizeof(Var *) * (size_t)m->len);
        }
        m->keys = k;
        m->vals = vals;
        m->cap = cap;
    }
    m->keys[m->len] = key;
    m->vals[m->len++] = v;
}

/* ---- clang's diagnostics ------------------------------------------------ */

static void load_file_text(CXTranslationUnit tu, CXFile file, int id) {
    size_t len;
    const char *text = clang_getFileContents(tu, file, &len);
    if (text) diag_set_file_text(id, arena_strndup(text, len), len);
}

static int forward_diagnostics(CXTranslationUnit tu) {
    int errors = 0;
    unsigned n = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
        if (sev >= CXDiagnostic_Error) {
            CXSourceLocation l = clang_getDiagnosticLocation(d);
            CXFile file;
            clang_getExpansionLocation(l, &file, NULL, NULL, NULL);
            Loc loc = source_loc(l);
            if (file) load_file_text(tu, file, loc.file);
            diag_error(loc, "%s", cx_string(clang_getDiagnosticSpelling(d)));
            errors++;
        }
        clang_disposeDiagnostic(d);
    }
    return errors;
}

/* ---- pragmas ------------------------------------------------------------ */

typedef struct Skipped {
    CXSourceRangeList *ranges;
} Skipped;

/* Is this offset inside a region the preprocessor skipped (#if 0 ...)? */
static bool in_skipped(void *ctx, unsigned offset) {
    CXSourceRangeList *r = ((Skipped *)ctx)->ranges;
    for (unsigned i = 0; r && i < r->count; i++) {
        unsigned a, b;
        clang_getExpansionLocation(clang_getRangeStart(r->ranges[i]), NULL, NULL, NULL, &a);
        clang_getExpansionLocation(clang_getRangeEnd(r->ranges[i]), NULL, NULL, NULL, &b);
        if (offset >= a && offset <= b) return true;
    }
    return false;
}

static bool mentions_cgrad(const char *text, size_t len) {
    for (size_t i = 0; i + 5 <= len; i++)
        if (text[i] == 'c' && memcmp(text + i, "cgrad", 5) == 0) return true;
    return false;
}

static void scan_file(CXTranslationUnit tu, Module *m, CXFile file) {
    size_t len;
    const char *text = clang_getFileContents(tu, file, &len);
    if (!text || !mentions_cgrad(text, len)) return;
    int id = diag_file_id(cx_string(clang_getFileName(file)));
    char *copy = arena_strndup(text, len);
    diag_set_file_text(id, copy, len);
    if (!memchr(text, '\n', len) && memchr(text, '\r', len)) {
        /* clang reads old Mac line ends; the pragma scan and the output's line map do not */
        diag_error((Loc){id, 1, 1}, "this file ends its lines with a carriage return alone; cgrad reads '#pragma cgrad' lines "
                                    "in files with LF or CRLF line ends only (convert it, e.g. tr '\\r' '\\n')");
        return;
    }
    Skipped sk = {clang_getSkippedRanges(tu, file)};
    scan_pragmas(m, id, copy, len, in_skipped, &sk);
    clang_disposeSourceRangeList(sk.ranges);
}

typedef struct InclusionCtx {
    CXTranslationUnit tu;
    Module *m;
    PtrVec seen;   /* file names already scanned */
} InclusionCtx;

static void visit_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data) {
    (void)stack;
    InclusionCtx *ctx = data;
    if (depth == 0) return;   /* the main file is scanned first, by front_parse */
    char *name = cx_string(clang_getFileName(file));
    for (int i = 0; i < ctx->seen.len; i++)
        if (strcmp(ctx->seen.data[i], name) == 0) return;
    vec_push(&ctx->seen, name);
    scan_file(ctx->tu, ctx->m, file);
}

/* ---- functions ---------------------------------------------------------- */

/* Does c come from a macro expanded in the file at path? */
static bool expanded_in(CXTranslationUnit tu, CXCursor c, const char *path) {
    CXFile file, main = clang_getFile(tu, path);
    clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, NULL);
    return file && main && clang_File_isEqual(file, main);
}

static void lower_function(CXTranslationUnit tu, Module *m, VarMap *globals, CXCursor c, bool in_main) {
    const char *name = cx_string(clang_getCursorSpelling(c));
    bool is_def = clang_isCursorDefinition(c);
    Func *existing = mod_find_func(m, name);
    if (existing && (existing->body || !is_def || !in_main)) return;

    Func *f = NEW(Func);
    f->name = name;
    f->loc = cursor_loc(c);
    f->in_main_file = in_main;
    if (is_def && !in_main && expanded_in(tu, c, m->path)) {
        /* its tokens all sit at the macro's use: nothing to copy or point at */
        f->unsupported = arena_printf("'%s' is defined by a macro expansion; cgrad differentiates functions written out in the file", name);
        f->unsupported_loc = f->loc;
    }
    CXType ft = clang_getCursorType(c);
    f->ret = lower_type(clang_getResultType(ft));
    f->is_variadic = clang_isFunctionTypeVariadic(ft);
    f->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
    f->is_inline = clang_Cursor_isFunctionInlined(c);
    int n = clang_Cursor_getNumArguments(c);
    f->nparams = n > 0 ? n : 0;
    f->params = NEW_ARRAY(Var *, f->nparams + 1);

    Lower L = {tu, m, f, {0}, globals};
    for (int i = 0; i < f->nparams; i++) {
        CXCursor p = clang_Cursor_getArgument(c, (unsigned)i);
        const char *pname = cx_string(clang_getCursorSpelling(p));
        if (!pname[0]) pname = arena_printf("_arg%d", i);
        CXType pt = clang_getCursorType(p);
        /* `double x[]`, `x[4]`, `x[static 4]`, `x[n]` and `m[][3]` are
         * pointer parameters (C11 6.7.6.3p7); a size expression may name
         * other parameters, which helpers would not see */
        bool array = pt.kind == CXType_VariableArray || pt.kind == CXType_ConstantArray || pt.kind == CXType_IncompleteArray ||
                     pt.kind == CXType_DependentSizedArray;
        Type *ty = array ? ty_pointer_to(lower_type(clang_getArrayElementType(pt))) : lower_type(pt);
        f->params[i] = fn_new_var(f, pname, ty, VAR_PARAM, cursor_loc(p));
        varmap_put(&L.locals, p, f->params[i]);
    }
    if (is_def && in_main) lower_function_body(&L, c);
    if (existing) {
        /* a definition after a prototype replaces it */
        for (int i = 0; i < m->funcs.len; i++)
            if (m->funcs.data[i] == existing) m->funcs.data[i] = f;
        return;
    }
    vec_push(&m->funcs, f);
}

typedef struct TopCtx {
    CXTranslationUnit tu;
    Module *m;
    VarMap globals;
} TopCtx;

/* The names a size expression of check(...) may use besides parameters. */
static enum CXChildVisitResult visit_enum(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_EnumConstantDecl) vec_push(data, cx_string(clang_getCursorSpelling(c)));
    return CXChildVisit_Continue;
}

static void note_file_name(Module *m, CXCursor c) {
    switch (clang_getCursorKind(c)) {
    case CXCursor_FunctionDecl:
    case CXCursor_VarDecl:
    case CXCursor_TypedefDecl:
    case CXCursor_MacroDefinition: vec_push(&m->file_names, cx_string(clang_getCursorSpelling(c))); break;
    case CXCursor_EnumDecl: clang_visitChildren(c, visit_enum, &m->file_names); break;
    default: break;
    }
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    TopCtx *ctx = data;
    note_file_name(ctx->m, c);
    if (clang_getCursorKind(c) == CXCursor_FunctionDecl)
        lower_function(ctx->tu, ctx->m, &ctx->globals, c, clang_Location_isFromMainFile(clang_getCursorLocation(c)));
    return CXChildVisit_Continue;
}

Module *front_parse(const char *path, int nflags, const char **flags) {
    Module *m = NEW(Module);
    m->path = path;

    /* Every pragma is found by scanning text; clang should not warn about ours. */
    const char **args = NEW_ARRAY(const char *, nflags + 4);
    int nargs = 0;
    args[nargs++] = "-xc";
    for (int i = 0; i < nflags; i++) args[nargs++] = flags[i];
    args[nargs++] = "-Wno-unknown-pragmas";
    args[nargs++] = "-ferror-limit=50";

    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;
    enum CXErrorCode rc = clang_parseTranslationUnit2(index, path, args, nargs, NULL, 0,
                                                      CXTranslationUnit_DetailedPreprocessingRecord |
                                                          CXTranslationUnit_KeepGoing,
                                                      &tu);
    if (rc != CXError_Success || !tu) {
        diag_plain_error("cannot parse '%s' (libclang error %d)", path, (int)rc);
        clang_disposeIndex(index);
        return NULL;
    }
    CXFile main_file = clang_getFile(tu, path);
    int main_id = diag_file_id(path);
    if (main_file) {
        size_t len = 0;
        const char *text = clang_getFileContents(tu, main_file, &len);
        if (text) {
            m->text = arena_strndup(text, len);
            m->text_len = len;
            diag_set_file_text(main_id, m->text, len);
        }
    }
    if (forward_diagnostics(tu) == 0 && main_file) {
        scan_file(tu, m, main_file);
        InclusionCtx ictx = {tu, m, {0}};
        clang_getInclusions(tu, visit_inclusion, &ictx);
        TopCtx tctx = {tu, m, {0}};
        clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, &tctx);
    }
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    return diag_error_count() ? NULL : m;
}
