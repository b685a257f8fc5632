/*
 * C types as the passes see them: a kind for semantics plus, for named types,
 * the user's spelling for printing.  Basic types are shared singletons;
 * qualified and derived types are fresh arena objects.
 */
#include "ir/ir.h"

#include <string.h>

static Type basics[TY_OTHER + 1];

Type *ty_basic(TypeKind kind) {
    Type *t = &basics[kind];
    t->kind = kind;
    return t;
}

Type *ty_pointer_to(Type *base) {
    Type *t = NEW(Type);
    t->kind = TY_PTR;
    t->base = base;
    return t;
}

Type *ty_array_of(Type *base, long long len) {
    Type *t = NEW(Type);
    t->kind = TY_ARRAY;
    t->base = base;
    t->array_len = len;
    return t;
}

/*
 * Arrays of 4 KB, 8 KB, ... placed one after another start at the same
 * address modulo 4096.  x86 cores compare only the low 12 address bits when
 * they check a load against earlier stores, so a loop that stores q_b[i]
 * and loads k[i] stalls as if they overlapped ("4K aliasing"); on the
 * attention kernel that cost 12% of its gradient, depending only on where
 * the C compiler put the arrays.  The arrays of generated functions get a
 * cache line more storage (ad/plan.c says which), so no two of them sit a
 * multiple of 4 KB apart.
 */
Type *ty_padded(Type *t) {
    long long elems = 1;
    const Type *e = t;
    for (; e->kind == TY_ARRAY; e = e->base) {
        if (e->array_len <= 0) return t;
        elems *= e->array_len;
    }
    if (t->kind != TY_ARRAY || !ty_is_float(e) || e->kind == TY_LDOUBLE) return t;
    long long bytes = elems * (e->kind == TY_FLOAT ? 4 : 8), row = bytes / t->array_len;
    if (bytes % 4096) return t;
    Type *p = NEW(Type);
    *p = *t;
    p->array_pad = row >= 64 ? 1 : 64 / row;
    return p;
}

Type *ty_qualified(Type *t, bool is_const) {
    if (t->is_const == is_const) return t;
    Type *q = NEW(Type);
    *q = *t;
    q->is_const = is_const;
    return q;
}

Type *ty_unqualified(Type *t) {
    if (!t->is_const && !t->is_volatile && !t->is_restrict) return t;
    Type *q = NEW(Type);
    *q = *t;
    q->is_const = q->is_volatile = q->is_restrict = false;
    return q;
}

bool ty_is_integer(const Type *t) {
    return (t->kind >= TY_BOOL && t->kind <= TY_ULLONG) || t->kind == TY_ENUM;
}

bool ty_is_unsigned(const Type *t) {
    switch (t->kind) {
    case TY_BOOL:
    case TY_UCHAR:
    case TY_USHORT:
    case TY_UINT:
    case TY_ULONG:
    case TY_ULLONG: return true;
    default: return false;
    }
}

bool ty_is_float(const Type *t) { return t->kind >= TY_FLOAT && t->kind <= TY_LDOUBLE; }
bool ty_is_arith(const Type *t) { return ty_is_integer(t) || ty_is_float(t); }
bool ty_is_pointer(const Type *t) { return t->kind == TY_PTR; }
bool ty_is_address(const Type *t) { return t->kind == TY_PTR || t->kind == TY_ARRAY; }
bool ty_is_scalar(const Type *t) { return ty_is_arith(t) || ty_is_pointer(t); }

Type *ty_float_elem(const Type *t) {
    while (t && (t->kind == TY_PTR || t->kind == TY_ARRAY)) t = t->base;
    return t && ty_is_float(t) ? (Type *)t : NULL;
}

bool ty_is_differentiable(const Type *t) {
    if (ty_is_float(t)) return true;
    const Type *e = t;
    while (e && (e->kind == TY_PTR || e->kind == TY_ARRAY)) {
        e = e->base;
        if (e && e->is_tensor) return true;
    }
    return e && ty_is_float(e);
}

bool ty_same(const Type *a, const Type *b) {
    if (a == b) return true;
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case TY_PTR: return ty_same(a->base, b->base) && a->base->is_const == b->base->is_const;
    case TY_ARRAY: return a->array_len == b->array_len && ty_same(a->base, b->base);
    case TY_STRUCT:
    case TY_ENUM:
    case TY_OTHER:
    case TY_FUNC: return a->name && b->name && strcmp(a->name, b->name) == 0;
    default: return true;
    }
}

const char *ty_keyword(TypeKind kind) {
    static const char *const names[] = {
        [TY_VOID] = "void", [TY_BOOL] = "_Bool", [TY_CHAR] = "char", [TY_SCHAR] = "signed char",
        [TY_UCHAR] = "unsigned char", [TY_SHORT] = "short", [TY_USHORT] = "unsigned short",
        [TY_INT] = "int", [TY_UINT] = "unsigned int", [TY_LONG] = "long",
        [TY_ULONG] = "unsigned long", [TY_LLONG] = "long long",
        [TY_ULLONG] = "unsigned long long", [TY_FLOAT] = "float", [TY_DOUBLE] = "double",
        [TY_LDOUBLE] = "long double",
    };
    return kind < (int)(sizeof names / sizeof *names) && names[kind] ? names[kind] : "int";
}
