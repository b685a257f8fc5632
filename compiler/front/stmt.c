/*
 * Statements and local declarations: libclang cursors to structured Stmt
 * trees.  Locals get names unique within their function (a shadowing `x`
 * becomes `x_1`), so later passes may hoist declarations freely.
 */
#include "front/front_internal.h"

#include <string.h>

static Stmt *placeholder(CXCursor c) { return st_new(ST_EMPTY, cursor_loc(c)); }

/* Does the declaration have an initializer, and which child is it?  The
 * children of a VarDecl also hold array bounds, so we find the `=` token. */
static int init_child(Lower *L, CXCursor decl, CXCursor *kids, int n) {
    char **toks;
    unsigned *offs;
    int nt = cursor_tokens(L, decl, &toks, &offs), depth = 0;
    unsigned eq = 0;
    bool found = false;
    for (int i = 0; i < nt && !found; i++) {
        if (strcmp(toks[i], "(") == 0 || strcmp(toks[i], "[") == 0) depth++;
        else if (strcmp(toks[i], ")") == 0 || strcmp(toks[i], "]") == 0) depth--;
        else if (depth == 0 && strcmp(toks[i], "=") == 0) {
            eq = offs[i];
            found = true;
        }
    }
    if (!found) return -1;
    for (int i = 0; i < n; i++)
        if (clang_isExpression(clang_getCursorKind(kids[i])) && cursor_offset(kids[i]) > eq) return i;
    return -1;
}

static Stmt *lower_var_decl(Lower *L, CXCursor c) {
    const char *name = cx_string(clang_getCursorSpelling(c));
    Type *ty = lower_type(clang_getCursorType(c));
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
    VarKind kind = VAR_LOCAL;
    if (sc == CX_SC_Static) {
        kind = VAR_STATIC;
        const Type *e = ty;
        while (e->kind == TY_ARRAY) e = e->base;
        if (!e->is_const) unsupported(L, c, "static local variable '%s' keeps state between calls; cgrad cannot differentiate through it", name);
    } else if (sc == CX_SC_Extern) {
        unsupported(L, c, "block-scope extern declaration of '%s' is not supported", name);
    }
    if (clang_getCursorType(c).kind == CXType_VariableArray)
        unsupported(L, c, "variable-length array '%s' is not supported; use a fixed size or a pointer", name);
    Var *v = fn_new_var(L->fn, fn_fresh_name(L->fn, name), ty, kind, cursor_loc(c));
    CXCursor *kids;
    int n = cursor_children(c, &kids);
    int k = init_child(L, c, kids, n);
    Expr *init = k >= 0 ? lower_expr(L, kids[k]) : NULL;
    varmap_put(&L->locals, c, v);   /* after the initializer: `double x = x;` is C's problem */
    if (kind == VAR_STATIC) v->static_init = init;
    return st_decl(v, init, cursor_loc(c));
}

/* A DeclStmt: one ST_DECL per declarator, in a block the caller flattens. */
static Stmt *lower_decl_stmt(Lower *L, CXCursor c) {
    Stmt *b = st_block(cursor_loc(c));
    CXCursor *kids;
    int n = cursor_children(c, &kids);
    for (int i = 0; i < n; i++) {
        enum CXCursorKind k = clang_getCursorKind(kids[i]);
        if (k == CXCursor_VarDecl) st_append(b, lower_var_decl(L, kids[i]));
        else if (k == CXCursor_StructDecl || k == CXCursor_EnumDecl || k == CXCursor_TypedefDecl || k == CXCursor_UnionDecl)
            unsupported(L, kids[i], "type declarations inside differentiated functions are not supported; move them to file scope");
    }
    b->text = "decls";   /* marks a block to be flattened into its parent */
    return b;
}

static void append_flat(Stmt *block, Stmt *s) {
    if (s->kind == ST_BLOCK && s->text && strcmp(s->text, "decls") == 0) {
        for (int i = 0; i < s->n; i++) st_append(block, s->body[i]);
        return;
    }
    st_append(block, s);
}

static Stmt *as_body(Stmt *s) {
    if (s->kind == ST_BLOCK && s->text) s->text = NULL;   /* a declaration as a whole body */
    return s;
}

/* `case k: double t = x;` (C23, accepted by clang as an extension) labels
 * a declaration that belongs to the switch's scope: the label goes on an
 * empty statement and the declarations follow it in the enclosing block. */
static Stmt *labelled(Stmt *label, Stmt *sub) {
    if (!(sub->kind == ST_BLOCK && sub->text && strcmp(sub->text, "decls") == 0)) {
        label->then = as_body(sub);
        return label;
    }
    label->then = st_new(ST_EMPTY, label->loc);
    Stmt *b = st_block(label->loc);
    b->text = "decls";
    st_append(b, label);
    for (int i = 0; i < sub->n; i++) st_append(b, sub->body[i]);
    return b;
}

static Stmt *lower_compound(Lower *L, CXCursor c) {
    Stmt *b = st_block(cursor_loc(c));
    CXCursor *kids;
    int n = cursor_children(c, &kids);
    for (int i = 0; i < n; i++) append_flat(b, lower_stmt(L, kids[i]));
    return b;
}

/* Is c's first token written in a macro's definition rather than here? */
static bool from_macro(CXCursor c) {
    CXSourceLocation at = clang_getCursorLocation(c);
    CXFile ef, sf;
    unsigned eoff, soff;
    clang_getExpansionLocation(at, &ef, NULL, NULL, &eoff);
    clang_getSpellingLocation(at, &sf, NULL, NULL, &soff);
    return eoff != soff || !clang_File_isEqual(ef, sf);
}

/* for (init; cond; step) body: libclang omits absent parts, so each child is
 * placed by comparing its offset with those of the two semicolons. */
static Stmt *lower_for(Lower *L, CXCursor c) {
    Stmt *s = st_new(ST_FOR, cursor_loc(c));
    char **toks;
    unsigned *offs;
    int nt = cursor_tokens(L, c, &toks, &offs), depth = 0, nsemi = 0;
    unsigned semi[2] = {0, 0}, close = 0;
    for (int i = 0; i < nt; i++) {
        if (strcmp(toks[i], "(") == 0) depth++;
        else if (strcmp(toks[i], ")") == 0 && --depth == 0) {
            close = offs[i];
            break;
        } else if (depth == 1 && strcmp(toks[i], ";") == 0 && nsemi < 2)
            semi[nsemi++] = offs[i];
    }
    CXCursor *kids;
    int n = cursor_children(c, &kids);
    /* The parts of a loop that a macro spells all sit at the macro call's
     * offset, and its tokens are the macro's: nothing can be placed. */
    if (from_macro(c)) {
        unsupported(L, c, "this for loop is written by a macro, whose tokens cgrad cannot place; write the loop out, or make the macro a function");
        return placeholder(c);
    }
    if (nsemi != 2 || close == 0 || n == 0) {
        unsupported(L, c, "cannot tell the parts of this for statement apart");
        return placeholder(c);
    }
    for (int i = 0; i < n; i++) {
        unsigned off = cursor_offset(kids[i]);
        if (i == n - 1 && off > close) {
            s->then = as_body(lower_stmt(L, kids[i]));
        } else if (off < semi[0]) {
            Stmt *init = lower_stmt(L, kids[i]);
            if (init->kind == ST_BLOCK) {
                init->text = NULL;
                for (int k = 0; k < init->n; k++)
                    if (init->body[k]->kind == ST_DECL) init->body[k]->var->loop_scoped = true;
            }
            s->for_init = init;
        } else if (off < semi[1]) {
            s->cond = lower_expr(L, kids[i]);
        } else {
            s->step = lower_expr(L, kids[i]);
        }
    }
    if (!s->then) s->then = st_new(ST_EMPTY, s->loc);
    return s;
}

Stmt *lower_stmt(Lower *L, CXCursor c) {
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor *kids;
    int n;
    Stmt *s;
    switch (k) {
    case CXCursor_CompoundStmt: return lower_compound(L, c);
    case CXCursor_DeclStmt: return lower_decl_stmt(L, c);
    case CXCursor_NullStmt: return st_new(ST_EMPTY, cursor_loc(c));
    case CXCursor_IfStmt:
        n = cursor_children(c, &kids);
        if (n < 2) break;
        return st_if(lower_expr(L, kids[0]), as_body(lower_stmt(L, kids[1])), n > 2 ? as_body(lower_stmt(L, kids[2])) : NULL,
                     cursor_loc(c));
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
        n = cursor_children(c, &kids);
        if (n != 2) break;
        s = st_new(k == CXCursor_WhileStmt ? ST_WHILE : ST_DO, cursor_loc(c));
        if (k == CXCursor_WhileStmt) {
            s->cond = lower_expr(L, kids[0]);
            s->then = as_body(lower_stmt(L, kids[1]));
        } else {
            s->then = as_body(lower_stmt(L, kids[0]));
            s->cond = lower_expr(L, kids[1]);
        }
        return s;
    case CXCursor_ForStmt: return lower_for(L, c);
    case CXCursor_SwitchStmt:
        n = cursor_children(c, &kids);
        if (n != 2) break;
        s = st_new(ST_SWITCH, cursor_loc(c));
        s->cond = lower_expr(L, kids[0]);
        s->then = as_body(lower_stmt(L, kids[1]));
        return s;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        n = cursor_children(c, &kids);
        if (n != (k == CXCursor_CaseStmt ? 2 : 1)) break;
        s = st_new(ST_CASE, cursor_loc(c));
        if (k == CXCursor_CaseStmt) s->expr = lower_expr(L, kids[0]);
        return labelled(s, lower_stmt(L, kids[n - 1]));
    case CXCursor_BreakStmt: return st_new(ST_BREAK, cursor_loc(c));
    case CXCursor_ContinueStmt: return st_new(ST_CONTINUE, cursor_loc(c));
    case CXCursor_ReturnStmt:
        s = st_new(ST_RETURN, cursor_loc(c));
        n = cursor_children(c, &kids);
        if (n == 1) s->expr = lower_expr(L, kids[0]);
        return s;
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
    case CXCursor_LabelStmt:
        unsupported(L, c, "cannot differentiate through 'goto' and labels; restructure the code with loops, 'break' or 'continue'");
        return placeholder(c);
    case CXCursor_GCCAsmStmt:
        unsupported(L, c, "cannot differentiate through inline assembly");
        return placeholder(c);
    case CXCursor_UnexposedStmt:
        /* an attributed statement, e.g. __attribute__((fallthrough)); */
        n = cursor_children(c, &kids);
        if (n == 1 && clang_isStatement(clang_getCursorKind(kids[0]))) return lower_stmt(L, kids[0]);
        if (n == 0) return st_new(ST_EMPTY, cursor_loc(c));
        break;
    default:
        if (clang_isExpression(k)) return st_expr(lower_expr(L, c), cursor_loc(c));
        if (k >= CXCursor_OMPParallelDirective && k <= CXCursor_LastStmt) {
            unsupported(L, c, "OpenMP directives in differentiated functions are not supported yet");
            return placeholder(c);
        }
        break;
    }
    unsupported(L, c, "unsupported statement ('%s')", cx_string(clang_getCursorKindSpelling(k)));
    return placeholder(c);
}

void lower_function_body(Lower *L, CXCursor fn) {
    CXCursor *kids;
    int n = cursor_children(fn, &kids);
    for (int i = 0; i < n; i++)
        if (clang_getCursorKind(kids[i]) == CXCursor_CompoundStmt) L->fn->body = lower_compound(L, kids[i]);
    if (L->fn->is_variadic) unsupported(L, fn, "variadic function '%s' cannot be differentiated", L->fn->name);
}
