/*
 * Expressions: libclang cursors to typed Expr trees.
 *
 * libclang hides implicit conversions inside UnexposedExpr cursors; we make
 * arithmetic ones explicit as EX_CAST marked implicit (the emitter leaves
 * them implicit again), because the AD passes must know that `x * 2`
 * multiplies by a double.  Parentheses are dropped: the emitter puts back
 * the ones precedence needs.
 */
#include "front/front_internal.h"

#include <string.h>

static Expr *new_expr(ExprKind kind, CXCursor c) {
    Expr *e = NEW(Expr);
    e->kind = kind;
    e->ty = lower_type(clang_getCursorType(c));
    e->loc = cursor_loc(c);
    return e;
}

static Expr *placeholder(CXCursor c) { return new_expr(EX_INT, c); }

/* The expression children of c (skipping TypeRefs and the like). */
static int expr_children(CXCursor c, CXCursor **out) {
    CXCursor *all;
    int n = cursor_children(c, &all), k = 0;
    for (int i = 0; i < n; i++)
        if (clang_isExpression(clang_getCursorKind(all[i]))) all[k++] = all[i];
    *out = all;
    return k;
}

static enum CXChildVisitResult find_local(CXCursor c, CXCursor parent, CXClientData found) {
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
        CXCursor d = clang_getCursorReferenced(c);
        if (clang_getCursorKind(d) == CXCursor_VarDecl && !clang_Cursor_hasVarDeclGlobalStorage(d)) {
            *(bool *)found = true;
            return CXChildVisit_Break;
        }
    }
    return CXChildVisit_Recurse;
}

/* Does the expression c name a local variable (not a parameter or a global)? */
static bool names_local(CXCursor c) {
    bool found = false;
    clang_visitChildren(c, find_local, &found);
    return found;
}

static const char *joined_tokens(Lower *L, CXCursor c) {
    char **toks;
    int n = cursor_tokens(L, c, &toks, NULL);
    StrBuf b = {0};
    for (int i = 0; i < n; i++) {
        if (i) sb_putc(&b, ' ');
        sb_puts(&b, toks[i]);
    }
    return sb_str(&b);
}

/* The literal as written, when its single token is one; else NULL (a macro). */
static const char *literal_text(Lower *L, CXCursor c) {
    char **toks;
    int n = cursor_tokens(L, c, &toks, NULL);
    if (n != 1) return NULL;
    char ch = toks[0][0];
    return (ch >= '0' && ch <= '9') || ch == '.' || ch == '\'' || ch == 'L' || ch == 'u' || ch == 'U' ? toks[0] : NULL;
}

static Op binary_op(enum CXBinaryOperatorKind k, bool *is_assign) {
    *is_assign = false;
    switch (k) {
    case CXBinaryOperator_Mul: return OP_MUL;
    case CXBinaryOperator_Div: return OP_DIV;
    case CXBinaryOperator_Rem: return OP_MOD;
    case CXBinaryOperator_Add: return OP_ADD;
    case CXBinaryOperator_Sub: return OP_SUB;
    case CXBinaryOperator_Shl: return OP_SHL;
    case CXBinaryOperator_Shr: return OP_SHR;
    case CXBinaryOperator_LT: return OP_LT;
    case CXBinaryOperator_GT: return OP_GT;
    case CXBinaryOperator_LE: return OP_LE;
    case CXBinaryOperator_GE: return OP_GE;
    case CXBinaryOperator_EQ: return OP_EQ;
    case CXBinaryOperator_NE: return OP_NE;
    case CXBinaryOperator_And: return OP_BITAND;
    case CXBinaryOperator_Xor: return OP_BITXOR;
    case CXBinaryOperator_Or: return OP_BITOR;
    case CXBinaryOperator_LAnd: return OP_LAND;
    case CXBinaryOperator_LOr: return OP_LOR;
    case CXBinaryOperator_Comma: return OP_COMMA;
    default: break;
    }
    *is_assign = true;
    switch (k) {
    case CXBinaryOperator_Assign: return OP_NONE;
    case CXBinaryOperator_MulAssign: return OP_MUL;
    case CXBinaryOperator_DivAssign: return OP_DIV;
    case CXBinaryOperator_RemAssign: return OP_MOD;
    case CXBinaryOperator_AddAssign: return OP_ADD;
    case CXBinaryOperator_SubAssign: return OP_SUB;
    case CXBinaryOperator_ShlAssign: return OP_SHL;
    case CXBinaryOperator_ShrAssign: return OP_SHR;
    case CXBinaryOperator_AndAssign: return OP_BITAND;
    case CXBinaryOperator_XorAssign: return OP_BITXOR;
    case CXBinaryOperator_OrAssign: return OP_BITOR;
    default: *is_assign = false; return OP_NONE;
    }
}

static Expr *lower_binary(Lower *L, CXCursor c) {
    CXCursor *kids;
    if (expr_children(c, &kids) != 2) {
        unsupported(L, c, "malformed binary expression");
        return placeholder(c);
    }
    bool is_assign;
    Op op = binary_op(clang_getCursorBinaryOperatorKind(c), &is_assign);
    Expr *e = new_expr(is_assign ? EX_ASSIGN : EX_BINARY, c);
    e->op = op;
    e->lhs = lower_expr(L, kids[0]);
    e->rhs = lower_expr(L, kids[1]);
    if (!is_assign && op == OP_NONE) unsupported(L, c, "unsupported binary operator");
    return e;
}

static Expr *lower_unary(Lower *L, CXCursor c) {
    CXCursor *kids;
    if (expr_children(c, &kids) != 1) {
        unsupported(L, c, "malformed unary expression");
        return placeholder(c);
    }
    Expr *a = lower_expr(L, kids[0]);
    Expr *e = new_expr(EX_UNARY, c);
    e->lhs = a;
    switch (clang_getCursorUnaryOperatorKind(c)) {
    case CXUnaryOperator_PostInc: e->kind = EX_POSTINC; break;
    case CXUnaryOperator_PostDec: e->kind = EX_POSTDEC; break;
    case CXUnaryOperator_PreInc: e->kind = EX_PREINC; break;
    case CXUnaryOperator_PreDec: e->kind = EX_PREDEC; break;
    case CXUnaryOperator_AddrOf: e->kind = EX_ADDR; break;
    case CXUnaryOperator_Deref: e->kind = EX_DEREF; break;
    case CXUnaryOperator_Plus: e->op = OP_PLUS; break;
    case CXUnaryOperator_Minus: e->op = OP_NEG; break;
    case CXUnaryOperator_Not: e->op = OP_BITNOT; break;
    case CXUnaryOperator_LNot: e->op = OP_NOT; break;
    case CXUnaryOperator_Extension: return a;
    default: unsupported(L, c, "unsupported unary operator"); break;
    }
    return e;
}

static Expr *lower_ref(Lower *L, CXCursor c) {
    CXCursor ref = clang_getCursorReferenced(c);
    switch (clang_getCursorKind(ref)) {
    case CXCursor_VarDecl:
    case CXCursor_ParmDecl: {
        Var *v = varmap_get(&L->locals, ref);
        if (!v) v = varmap_get(L->globals, ref);
        if (!v) {
            /* A file-scope object: read as it is, never differentiated. */
            v = NEW(Var);
            v->name = cx_string(clang_getCursorSpelling(ref));
            v->ty = lower_type(clang_getCursorType(ref));
            v->kind = VAR_GLOBAL;
            v->id = -1;
            ir_reserve_name(v->name);
            v->loc = cursor_loc(ref);
            varmap_put(L->globals, ref, v);
        }
        Expr *e = new_expr(EX_VAR, c);
        e->var = v;
        e->ty = v->ty;
        return e;
    }
    case CXCursor_EnumConstantDecl: {
        Expr *e = new_expr(EX_INT, c);
        e->ival = clang_getEnumConstantDeclValue(ref);
        e->text = cx_string(clang_getCursorSpelling(ref));
        return e;
    }
    case CXCursor_FunctionDecl: {
        Expr *e = new_expr(EX_FUNC, c);
        e->name = cx_string(clang_getCursorSpelling(ref));
        return e;
    }
    default:
        unsupported(L, c, "reference to '%s' is not supported", cx_string(clang_getCursorSpelling(c)));
        return placeholder(c);
    }
}

static Expr *lower_call(Lower *L, CXCursor c) {
    Expr *e = new_expr(EX_CALL, c);
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
        Expr *f = NEW(Expr);
        f->kind = EX_FUNC;
        f->ty = ty_basic(TY_FUNC);
        f->loc = e->loc;
        f->name = cx_string(clang_getCursorSpelling(ref));
        e->lhs = f;
        static const char *const jumps[] = {"setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp", "longjmp", "_longjmp", "siglongjmp"};
        for (size_t i = 0; i < sizeof jumps / sizeof *jumps; i++)
            if (strcmp(f->name, jumps[i]) == 0)
                unsupported(L, c, "cannot differentiate through '%s': non-local jumps have no reverse; restructure with return values", f->name);
    } else {
        CXCursor *kids;
        if (expr_children(c, &kids) < 1) {
            unsupported(L, c, "malformed call");
            return placeholder(c);
        }
        e->lhs = lower_expr(L, kids[0]);
    }
    int n = clang_Cursor_getNumArguments(c);
    e->nargs = n > 0 ? n : 0;
    e->args = NEW_ARRAY(Expr *, e->nargs + 1);
    for (int i = 0; i < e->nargs; i++) e->args[i] = lower_expr(L, clang_Cursor_getArgument(c, (unsigned)i));
    return e;
}

/* Implicit conversions: keep arithmetic ones, pass everything else through. */
static Expr *lower_unexposed(Lower *L, CXCursor c) {
    CXCursor *kids;
    int n = expr_children(c, &kids);
    if (n != 1) {
        unsupported(L, c, "unsupported expression");
        return placeholder(c);
    }
    Expr *inner = lower_expr(L, kids[0]);
    Type *to = lower_type(clang_getCursorType(c));
    if (ty_is_arith(to) && ty_is_arith(inner->ty) && to->kind != inner->ty->kind) {
        Expr *e = ex_cast(to, inner, inner->loc);
        e->implicit = true;
        return e;
    }
    return inner;
}

static bool has_designator(Lower *L, CXCursor c) {
    char **toks;
    int n = cursor_tokens(L, c, &toks, NULL), depth = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(toks[i], "{") == 0 || strcmp(toks[i], "(") == 0) depth++;
        else if (strcmp(toks[i], "}") == 0 || strcmp(toks[i], ")") == 0) depth--;
        else if (depth == 1 && (strcmp(toks[i], "=") == 0)) return true;
    }
    return false;
}

Expr *lower_expr(Lower *L, CXCursor c) {
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor *kids;
    int n;
    switch (k) {
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral: {
        Expr *e = new_expr(EX_INT, c);
        CXEvalResult r = clang_Cursor_Evaluate(c);
        if (r) {
            e->ival = clang_EvalResult_getAsLongLong(r);
            clang_EvalResult_dispose(r);
        }
        e->text = literal_text(L, c);
        return e;
    }
    case CXCursor_FloatingLiteral: {
        Expr *e = new_expr(EX_FLOAT, c);
        CXEvalResult r = clang_Cursor_Evaluate(c);
        if (r) {
            e->fval = clang_EvalResult_getAsDouble(r);
            clang_EvalResult_dispose(r);
        }
        e->text = literal_text(L, c);
        return e;
    }
    case CXCursor_StringLiteral: {
        Expr *e = new_expr(EX_STR, c);
        e->text = joined_tokens(L, c);
        return e;
    }
    case CXCursor_ParenExpr:
        if (expr_children(c, &kids) == 1) return lower_expr(L, kids[0]);
        break;
    case CXCursor_UnexposedExpr: return lower_unexposed(L, c);
    case CXCursor_DeclRefExpr: return lower_ref(L, c);
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator: return lower_binary(L, c);
    case CXCursor_UnaryOperator: return lower_unary(L, c);
    case CXCursor_CallExpr: return lower_call(L, c);
    case CXCursor_ArraySubscriptExpr:
        if (expr_children(c, &kids) == 2) {
            Expr *e = new_expr(EX_INDEX, c);
            e->lhs = lower_expr(L, kids[0]);
            e->rhs = lower_expr(L, kids[1]);
            if (ty_is_integer(e->lhs->ty)) {   /* i[p] */
                Expr *t = e->lhs;
                e->lhs = e->rhs;
                e->rhs = t;
            }
            return e;
        }
        break;
    case CXCursor_MemberRefExpr:
        if (expr_children(c, &kids) == 1) {
            Expr *e = new_expr(EX_MEMBER, c);
            e->lhs = lower_expr(L, kids[0]);
            e->name = cx_string(clang_getCursorSpelling(c));
            e->arrow = e->lhs->ty->kind == TY_PTR;
            return e;
        }
        break;
    case CXCursor_CStyleCastExpr:
        n = expr_children(c, &kids);
        if (n >= 1) return ex_cast(lower_type(clang_getCursorType(c)), lower_expr(L, kids[n - 1]), cursor_loc(c));
        break;
    case CXCursor_ConditionalOperator:
        if (expr_children(c, &kids) == 3) {
            Expr *e = new_expr(EX_COND, c);
            e->cond = lower_expr(L, kids[0]);
            e->lhs = lower_expr(L, kids[1]);
            e->rhs = lower_expr(L, kids[2]);
            return e;
        }
        break;
    case CXCursor_UnaryExpr: {   /* sizeof, _Alignof */
        /* `sizeof T` of a local is its value: the reverse half of a split
         * pair may not declare T, and the text hides that it is used */
        CXEvalResult r = names_local(c) ? clang_Cursor_Evaluate(c) : NULL;
        if (r && clang_EvalResult_getKind(r) == CXEval_Int) {
            Expr *e = new_expr(EX_INT, c);
            e->ival = clang_EvalResult_getAsLongLong(r);
            clang_EvalResult_dispose(r);
            return e;
        }
        if (r) clang_EvalResult_dispose(r);
        Expr *e = new_expr(EX_SIZEOF, c);
        e->text = joined_tokens(L, c);
        return e;
    }
    case CXCursor_InitListExpr: {
        if (has_designator(L, c)) {
            unsupported(L, c, "designated initializers are not supported in differentiated functions");
            return placeholder(c);
        }
        Expr *e = new_expr(EX_INIT, c);
        e->nargs = expr_children(c, &kids);
        e->args = NEW_ARRAY(Expr *, e->nargs + 1);
        for (int i = 0; i < e->nargs; i++) e->args[i] = lower_expr(L, kids[i]);
        return e;
    }
    case CXCursor_CompoundLiteralExpr:
        unsupported(L, c, "compound literals are not supported in differentiated functions");
        return placeholder(c);
    case CXCursor_StmtExpr:
        unsupported(L, c, "statement expressions are not supported in differentiated functions");
        return placeholder(c);
    case CXCursor_GenericSelectionExpr:
        unsupported(L, c, "_Generic selections are not supported in differentiated functions; call the selected function directly");
        return placeholder(c);
    default: break;
    }
    unsupported(L, c, "unsupported expression ('%s')", cx_string(clang_getCursorKindSpelling(k)));
    return placeholder(c);
}
