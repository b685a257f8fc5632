/*
 * libclang types to cgrad types.  Semantics come from the canonical type;
 * the spelling of typedefs, structs and enums is kept so generated code uses
 * the user's names (`real_t x_d`, not `double x_d`).
 */
#include "front/front_internal.h"

#include <string.h>

static bool is_tensor_name(const char *s) {
    return strcmp(s, "cg_tensor") == 0 || strcmp(s, "struct cg_tensor") == 0;
}

static Type *with_quals(Type *t, CXType ct) {
    bool c = clang_isConstQualifiedType(ct), v = clang_isVolatileQualifiedType(ct), r = clang_isRestrictQualifiedType(ct);
    if (!c && !v && !r) return t;
    Type *q = NEW(Type);
    *q = *t;
    q->is_const = c;
    q->is_volatile = v;
    q->is_restrict = r;
    return q;
}

static TypeKind basic_kind(enum CXTypeKind k) {
    switch (k) {
    case CXType_Void: return TY_VOID;
    case CXType_Bool: return TY_BOOL;
    case CXType_Char_S:
    case CXType_Char_U: return TY_CHAR;
    case CXType_SChar: return TY_SCHAR;
    case CXType_UChar: return TY_UCHAR;
    case CXType_Short: return TY_SHORT;
    case CXType_UShort: return TY_USHORT;
    case CXType_Int: return TY_INT;
    case CXType_UInt: return TY_UINT;
    case CXType_Long: return TY_LONG;
    case CXType_ULong: return TY_ULONG;
    case CXType_LongLong: return TY_LLONG;
    case CXType_ULongLong: return TY_ULLONG;
    case CXType_Float: return TY_FLOAT;
    case CXType_Double: return TY_DOUBLE;
    case CXType_LongDouble: return TY_LDOUBLE;
    default: return TY_OTHER;
    }
}

/* The spelling of t without qualifiers, e.g. "struct point" or "real_t". */
static const char *unqualified_spelling(CXType t) { return cx_string(clang_getTypeSpelling(clang_getUnqualifiedType(t))); }

Type *lower_type(CXType ct) {
    Type *t;
    switch (ct.kind) {
    case CXType_Invalid:
        /* a cursor that is no expression (a declaration where the caller
         * expected one): libclang crashes on the type's qualifiers */
        t = NEW(Type);
        t->kind = TY_OTHER;
        t->name = "<invalid>";
        return t;
    case CXType_Pointer:
        t = ty_pointer_to(lower_type(clang_getPointeeType(ct)));
        break;
    case CXType_ConstantArray:
        t = ty_array_of(lower_type(clang_getArrayElementType(ct)), clang_getArraySize(ct));
        break;
    case CXType_IncompleteArray:
        t = ty_array_of(lower_type(clang_getArrayElementType(ct)), -1);
        break;
    case CXType_Elaborated: {
        CXType named = clang_Type_getNamedType(ct);
        t = lower_type(named);
        if (named.kind != CXType_Typedef && (t->kind == TY_STRUCT || t->kind == TY_ENUM || t->kind == TY_OTHER)) {
            t = ty_unqualified(t);
            t->name = unqualified_spelling(ct);
        }
        break;
    }
    case CXType_Typedef: {
        Type *canon = lower_type(clang_getCanonicalType(ct));
        t = NEW(Type);
        *t = *canon;
        t->is_const = t->is_volatile = t->is_restrict = false;
        t->name = cx_string(clang_getTypedefName(ct));
        if (is_tensor_name(t->name)) t->is_tensor = true;
        break;
    }
    case CXType_Record: {
        t = NEW(Type);
        t->kind = TY_STRUCT;
        t->is_union = clang_getCursorKind(clang_getTypeDeclaration(ct)) == CXCursor_UnionDecl;
        t->name = unqualified_spelling(ct);
        t->is_tensor = is_tensor_name(t->name);
        /* Fields are not lowered: member types come from each member
         * expression, and structs may refer to themselves. */
        break;
    }
    case CXType_Enum:
        t = NEW(Type);
        t->kind = TY_ENUM;
        t->name = unqualified_spelling(ct);
        break;
    case CXType_FunctionProto:
    case CXType_FunctionNoProto:
        t = NEW(Type);
        t->kind = TY_FUNC;
        t->name = unqualified_spelling(ct);
        break;
    default: {
        TypeKind k = basic_kind(ct.kind);
        if (k != TY_OTHER) {
            t = ty_basic(k);
            break;
        }
        CXType canon = clang_getCanonicalType(ct);
        if (canon.kind != ct.kind && canon.kind != CXType_Invalid) return with_quals(lower_type(canon), ct);
        t = NEW(Type);
        t->kind = TY_OTHER;
        t->name = unqualified_spelling(ct);
        break;
    }
    }
    return with_quals(t, ct);
}
