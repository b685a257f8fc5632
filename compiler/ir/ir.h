/*
 * ir.h — cgrad's intermediate representation, the one data model every pass
 * shares.  The front end builds it from libclang; analyses annotate it;
 * transforms build new functions in it; the emitter prints it as C.
 *
 * Statements stay structured (if, loops, blocks) so the emitted C reads like
 * the input.  Expressions are typed trees.  Variables are Var objects that
 * expressions point at: after the front end nobody looks a variable up by
 * name.  docs/ir.md specifies the node kinds and the invariants verify.c
 * checks.
 */
#ifndef CGRAD_IR_IR_H
#define CGRAD_IR_IR_H

#include "base/base.h"

/* ---- types (type.c) ---------------------------------------------------- */

typedef enum TypeKind {
    TY_VOID,
    TY_BOOL,
    TY_CHAR, TY_SCHAR, TY_UCHAR,
    TY_SHORT, TY_USHORT, TY_INT, TY_UINT, TY_LONG, TY_ULONG, TY_LLONG, TY_ULLONG,
    TY_FLOAT, TY_DOUBLE, TY_LDOUBLE,
    TY_PTR,      /* base: the pointee */
    TY_ARRAY,    /* base: the element; array_len (-1 when unknown) */
    TY_STRUCT,   /* name: "struct tag" or the typedef name */
    TY_ENUM,     /* name */
    TY_FUNC,     /* spelling only: function types are never differentiated */
    TY_OTHER,    /* anything else; printed by its spelling */
} TypeKind;

typedef struct Type {
    TypeKind kind;
    struct Type *base;
    long long array_len;
    long long array_pad; /* TY_ARRAY: elements of storage past array_len, never indexed (ty_padded) */
    bool is_const, is_volatile, is_restrict;
    /* Spelling of a named type (typedef, struct, enum): printed instead of the
     * structure so the output keeps the user's names. */
    const char *name;
    bool is_tensor;   /* the runtime's cg_tensor: floating data for AD */
    bool is_union;    /* TY_STRUCT: a union, whose members share their bytes */
} Type;

Type *ty_basic(TypeKind kind);                 /* unqualified, shared */
Type *ty_pointer_to(Type *base);
Type *ty_array_of(Type *base, long long len);
/* t itself, or for an array of floats whose size is a multiple of 4 KB the
 * same array with a cache line of padding: see type.c. */
Type *ty_padded(Type *t);
Type *ty_qualified(Type *t, bool is_const);    /* copy with const set/cleared */
Type *ty_unqualified(Type *t);
bool ty_is_integer(const Type *t);             /* including bool, char, enum */
bool ty_is_unsigned(const Type *t);            /* an unsigned integer type (bool included) */
bool ty_is_float(const Type *t);               /* float, double, long double */
bool ty_is_arith(const Type *t);
bool ty_is_pointer(const Type *t);
/* A pointer, or an array (which a call argument or arithmetic decays to one). */
bool ty_is_address(const Type *t);
bool ty_is_scalar(const Type *t);              /* arithmetic or pointer */
/* Does a value of this type carry derivatives?  Floats, and pointers and
 * arrays whose elements do (any depth), and runtime tensors. */
bool ty_is_differentiable(const Type *t);
/* The floating element type reached through pointers and arrays, or NULL. */
Type *ty_float_elem(const Type *t);
bool ty_same(const Type *a, const Type *b);    /* same unqualified type */
const char *ty_keyword(TypeKind kind);

/* ---- variables --------------------------------------------------------- */

typedef enum VarKind {
    VAR_LOCAL,
    VAR_PARAM,
    VAR_GLOBAL,     /* file-scope object: never differentiated, read as a constant */
    VAR_STATIC,     /* static local: allowed only when const */
} VarKind;

typedef struct Var {
    const char *name;       /* unique within its function after the front end */
    Type *ty;
    VarKind kind;
    Loc loc;
    int id;                 /* index into Func.vars; globals: -1 */
    struct Var *primal;     /* for a derivative variable: the variable it shadows */
    bool loop_scoped;       /* declared in a for statement's header: dead after the loop */
    struct Expr *static_init;   /* VAR_STATIC: its initializer, re-emitted */
} Var;

/* ---- expressions (build.c) --------------------------------------------- */

typedef enum Op {
    OP_NONE,
    /* binary */
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
    OP_SHL, OP_SHR, OP_BITAND, OP_BITOR, OP_BITXOR,
    OP_LT, OP_GT, OP_LE, OP_GE, OP_EQ, OP_NE,
    OP_LAND, OP_LOR, OP_COMMA,
    /* unary */
    OP_NEG, OP_PLUS, OP_NOT, OP_BITNOT,
} Op;

typedef enum ExprKind {
    EX_INT,       /* text (as written), ival: integer, character or enum constant */
    EX_FLOAT,     /* text (as written, suffix kept), fval */
    EX_STR,       /* text: a string literal, verbatim */
    EX_VAR,       /* var */
    EX_FUNC,      /* name: a function designator */
    EX_UNARY,     /* op, lhs */
    EX_BINARY,    /* op, lhs, rhs */
    EX_ASSIGN,    /* op: OP_NONE for '=', else the compound operator; lhs, rhs */
    EX_PREINC, EX_PREDEC, EX_POSTINC, EX_POSTDEC,   /* lhs */
    EX_CALL,      /* lhs: callee (EX_FUNC for direct calls); args, nargs */
    EX_INDEX,     /* lhs[rhs] */
    EX_MEMBER,    /* lhs.name, or lhs->name when arrow */
    EX_DEREF,     /* *lhs */
    EX_ADDR,      /* &lhs */
    EX_CAST,      /* (ty)lhs; implicit: inserted for a conversion C does by itself */
    EX_COND,      /* cond ? lhs : rhs */
    EX_SIZEOF,    /* text: sizeof/alignof expression, verbatim */
    EX_INIT,      /* { args } */
    EX_HOLE,      /* hole: placeholder in a derivative-rule template */
} ExprKind;

typedef struct Expr {
    ExprKind kind;
    Op op;
    Type *ty;
    Loc loc;
    struct Expr *lhs, *rhs, *cond;
    struct Expr **args;
    int nargs;
    Var *var;
    const char *name;
    const char *text;
    long long ival;
    double fval;
    int hole;
    bool arrow;
    bool implicit;
} Expr;

Expr *ex_int(long long v, Type *ty, Loc loc);
Expr *ex_float(double v, Type *ty, Loc loc);   /* printed exactly (%.17g) */
Expr *ex_var(Var *v, Loc loc);
Expr *ex_sizeof_var(const Var *v, Loc loc);     /* sizeof NAME */
Expr *ex_sizeof_type(const Type *t, Loc loc);   /* sizeof(T), T a basic type */
Expr *ex_unary(Op op, Expr *e, Type *ty, Loc loc);
Expr *ex_binary(Op op, Expr *l, Expr *r, Type *ty, Loc loc);
Expr *ex_assign(Op op, Expr *l, Expr *r, Loc loc);
Expr *ex_call(const char *fn, Expr **args, int nargs, Type *ty, Loc loc);
Expr *ex_call_n(const char *fn, Type *ty, Loc loc, int nargs, ...);
Expr *ex_index(Expr *base, Expr *idx, Loc loc);
Expr *ex_deref(Expr *p, Loc loc);
Expr *ex_addr(Expr *lv, Loc loc);
Expr *ex_cast(Type *ty, Expr *e, Loc loc);
Expr *ex_cond(Expr *c, Expr *a, Expr *b, Type *ty, Loc loc);
/* lv++, lv--, ++lv or --lv: kind is one of EX_POSTINC ... EX_PREDEC. */
Expr *ex_step(ExprKind kind, Expr *lv, Loc loc);
Expr *ex_copy(const Expr *e);                  /* deep copy */
/* A deep copy of e with every use of from (reads and writes) replaced by a copy of to. */
Expr *ex_substitute(const Expr *e, const Var *from, const Expr *to);
bool ex_is_const(const Expr *e, double *value);
/* The value of an integer constant expression built of + - * and casts
 * (AD - 1 with AD an enumerator); false when e is not one. */
bool ex_int_value(const Expr *e, long long *v);
/* X when e is `X - 1` (a loop's last index written from its count), else NULL */
const Expr *ex_minus_one_of(const Expr *e);
bool ex_is_lvalue(const Expr *e);
bool ex_same(const Expr *a, const Expr *b);    /* structurally equal, side-effect free */
/* Walking expression trees.  ex_visit calls fn on e and on every expression
 * below it, parents first; ex_any says whether test holds for e or for one
 * below it, stopping at the first.  Neither calls its function on NULL. */
typedef void ExprFn(const Expr *e, void *ctx);
typedef bool ExprTest(const Expr *e, const void *ctx);
void ex_visit(const Expr *e, ExprFn *fn, void *ctx);
bool ex_any(const Expr *e, ExprTest *test, const void *ctx);
bool ex_has_side_effects(const Expr *e);
bool ex_has_comma(const Expr *e);
/* e without the implicit casts around it: the expression C prints */
const Expr *ex_strip_implicit(const Expr *e);
bool ex_reads_var(const Expr *e, const Var *v);   /* any use of v, written ones too */
/* The variable e itself assigns, steps or takes the address of (and so may
 * be written behind our back), or NULL. */
const Var *ex_written_var(const Expr *e);
bool ex_writes_var(const Expr *e, const Var *v);  /* e or a part of it is such a write of v */
bool ex_reads_memory(const Expr *e);           /* through an index, a dereference or a member */
/* The variable at the root of an lvalue or pointer expression (x in x[i].f,
 * *(p + 1), p->q[2]), or NULL. */
Var *ex_root_var(const Expr *e);
/* 0 or (T *)0, which C converts to a null pointer where one is wanted. */
bool ex_is_null_pointer(const Expr *e);
/* Every variable whose memory the pointer value e may address: x for x + i,
 * both arms of c ? x : y, none for a null pointer or fresh memory from
 * malloc.  Returns false when some of it is out of reach (a pointer that a
 * call returns). */
bool ex_pointer_roots(const Expr *e, PtrVec *out);
bool op_is_comparison(Op op);
bool op_is_logical(Op op);
const char *op_spelling(Op op);

/* Arithmetic builders that fold constants (x*1, x+0, 0*x, -(-x)): derivative
 * code is built from these so the output stays close to hand-written. */
Expr *fold_add(Expr *a, Expr *b);
Expr *fold_sub(Expr *a, Expr *b);
Expr *fold_mul(Expr *a, Expr *b);
Expr *fold_div(Expr *a, Expr *b);
Expr *fold_neg(Expr *a);
bool ex_is_zero(const Expr *e);
bool ex_is_one(const Expr *e);

/* ---- statements (build.c) ---------------------------------------------- */

typedef enum StmtKind {
    ST_BLOCK,     /* body[n] */
    ST_DECL,      /* var, init (NULL when none) */
    ST_EXPR,      /* expr */
    ST_IF,        /* cond, then, els (NULL when none) */
    ST_WHILE,     /* cond, then: the body */
    ST_DO,        /* then: the body, cond */
    ST_FOR,       /* init (ST_BLOCK of decls, ST_EXPR or NULL), cond, step (either may be NULL), then */
    ST_SWITCH,    /* cond, then: the body, holding ST_CASE labels */
    ST_CASE,      /* expr: the value, NULL for default; then: the labelled statement */
    ST_BREAK,
    ST_CONTINUE,
    ST_RETURN,    /* expr (NULL when none) */
    ST_EMPTY,
    ST_PRAGMA,    /* text: emitted verbatim on a line of its own */
} StmtKind;

typedef struct Stmt {
    StmtKind kind;
    Loc loc;
    struct Stmt **body;
    int n;
    Var *var;
    Expr *init, *expr, *cond, *step;
    struct Stmt *then, *els, *for_init;
    const char *text; /* ST_PRAGMA: its line; ST_FOR: a pragma line put before the loop */
    void *aux;        /* scratch for the pass that owns the statement */
} Stmt;

Stmt *st_new(StmtKind kind, Loc loc);
Stmt *st_block(Loc loc);
void st_append(Stmt *block, Stmt *s);
void st_prepend(Stmt *block, Stmt *s);
Stmt *st_decl(Var *v, Expr *init, Loc loc);
Stmt *st_expr(Expr *e, Loc loc);
Stmt *st_assign(Expr *lhs, Expr *rhs, Loc loc);
Stmt *st_if(Expr *c, Stmt *then, Stmt *els, Loc loc);
Stmt *st_copy(const Stmt *s);                  /* deep copy (same Vars) */
/* A deep copy of s with every use of from replaced by a copy of to. */
Stmt *st_substitute(const Stmt *s, const Var *from, const Expr *to);
/* ex_visit and ex_any over every expression of the statement tree s: its
 * own fields (for_init, init, expr, cond, step) and nested statements, in
 * the order the source spells them. */
void st_visit(const Stmt *s, ExprFn *fn, void *ctx);
/* fn on every statement of the tree s, parents first, in source order; a
 * statement for which fn returns false keeps its nested statements unseen */
typedef bool StmtFn(const Stmt *s, void *ctx);
void st_walk(const Stmt *s, StmtFn *fn, void *ctx);
/* The tree s, each statement for which fn returns a replacement replaced by
 * it (and not looked into); a replacement block joins the block around it.
 * Returns s or its own replacement.  (Not into a for's init.) */
typedef Stmt *StmtRewrite(Stmt *s, void *ctx);
Stmt *st_rewrite(Stmt *s, StmtRewrite *fn, void *ctx);
bool st_any(const Stmt *s, ExprTest *test, const void *ctx);
/* v when a for's init is the assignment `v = A`, else NULL */
Var *st_init_var(const Stmt *s);
/* for (v = A; v OP B; v++) (or ++v, v--, --v) with an assignment as its
 * init (the reverse sweep's loops): v, and *dir 1 counting up or -1 down;
 * else NULL. */
Var *st_loop_counter(const Stmt *s, int *dir);
/* ex_reads_var and ex_writes_var over every expression of the tree s */
bool st_reads_var(const Stmt *s, const Var *v);
bool st_writes_var(const Stmt *s, const Var *v);

/* ---- functions and the module ------------------------------------------ */

typedef struct Func {
    const char *name;
    Type *ret;
    Var **params;
    int nparams;
    Stmt *body;               /* NULL for a declaration without a body */
    bool is_static, is_inline, is_variadic;
    bool in_main_file;
    Loc loc;
    PtrVec vars;              /* every Var of the function, params first */
    /* The first construct the front end could not lower.  Reported only if
     * the function is ever differentiated: other functions may use any C. */
    const char *unsupported;
    Loc unsupported_loc;
} Func;

Var *fn_new_var(Func *f, const char *name, Type *ty, VarKind kind, Loc loc);
/* A fresh name not used by any variable, parameter or function in sight. */
const char *fn_fresh_name(Func *f, const char *wanted);
/* A file-scope name in use (a global the code reads): fresh names avoid it.
 * ir_reset_names forgets them all, for a new translation. */
void ir_reserve_name(const char *name);
void ir_reset_names(void);
/* ex_pointer_roots of e in f, added to out; a pointer out of reach (one a
 * call returns) may address any parameter's memory, so then every
 * parameter that holds memory is added. */
void fn_memory_roots(const Func *f, const Expr *e, PtrVec *out);

typedef enum Mode {
    MODE_TANGENT = 1,
    MODE_ADJOINT = 2,
    MODE_HVP = 4,         /* Hessian-vector product: the adjoint of the tangent */
    MODE_VECTOR = 8,      /* tangent mode carrying `width` directions at once */
    MODE_CHECK = 16,      /* FUNC_check: the derivatives against differences, at a point */
    MODE_JACOBIAN = 32,   /* FUNC_jacobian: the dense Jacobian, by columns or rows */
    MODE_HESSIAN = 64,    /* FUNC_hessian: the dense Hessian, from n Hessian-vector products */
} Mode;

/* One `#pragma cgrad differentiate` line, as written. */
typedef struct Request {
    Loc loc;                  /* the pragma */
    const char *fname;
    Loc fname_loc;
    unsigned modes;           /* Mode bits */
    int width;                /* width(K): directions of mode(vector); 0 when absent */
    Loc width_loc;
    bool check, jacobian, hessian;   /* clauses writing FUNC_check, FUNC_jacobian, FUNC_hessian */
    Loc check_loc, jacobian_loc, hessian_loc;
    PtrVec size_names, size_exprs, size_locs;   /* their (p = number of elements, ...) lists */
    PtrVec size_idents, size_ident_locs;        /* the names those expressions use (const char *, Loc *) */
    bool wrt_given, out_given;
    PtrVec wrt_names, out_names;   /* const char * */
    PtrVec wrt_locs, out_locs;     /* Loc * */
    /* Filled by plan.c: */
    Func *fn;
    bool *wrt, *out;          /* per parameter */
    bool out_return;
} Request;

/* `#pragma cgrad derivative F tangent(T) adjoint(A)` and `#pragma cgrad inactive F`. */
typedef struct Custom {
    Loc loc;
    const char *fname;
    const char *tangent, *adjoint;   /* NULL when not given */
    bool inactive;
} Custom;

typedef struct Module {
    const char *path;         /* the input file */
    const char *text;         /* its contents */
    size_t text_len;
    PtrVec funcs;             /* Func*: every function declared or defined */
    PtrVec requests;          /* Request* in source order */
    PtrVec customs;           /* Custom* */
    PtrVec file_names;        /* const char *: every name declared or #defined at file scope, headers included */
} Module;

Func *mod_find_func(const Module *m, const char *name);
Custom *mod_find_custom(const Module *m, const char *name);

/* lower.c: memcpy, memmove and memset(…, 0, …) over floating elements,
 * rewritten as element loops so that derivatives flow through them. */
void ir_lower_memory_calls(Module *m);
/* box.c: local scalars whose address is taken become one-element arrays */
void ir_box_addressed_scalars(Module *m);
void ir_box_addressed_scalars_of(Func *f);
bool ir_is_memory_function(const char *name);   /* memcpy, memmove, memset (or __builtin_) */

/* ---- dump.c / verify.c --------------------------------------------------- */

void ir_dump_func(StrBuf *out, const Func *f);
void ir_dump_module(StrBuf *out, const Module *m);
/* Checks structural invariants; a violation is an internal compiler error. */
void ir_verify_func(const Func *f, const char *after_pass);

#endif
