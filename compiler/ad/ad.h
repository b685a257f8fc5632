/*
 * ad.h — the automatic-differentiation passes.
 *
 * plan.c turns pragma requests into Derivs (one per function to generate)
 * and checks them against the functions; tangent.c and adjoint.c build each
 * Deriv's function; callees that need derivatives become further Derivs,
 * generated in the same loop (ad_generate) until none is left.
 */
#ifndef CGRAD_AD_AD_H
#define CGRAD_AD_AD_H

#include "analysis/analysis.h"
#include "ir/ir.h"

typedef struct Deriv {
    Func *src;             /* the primal function */
    Mode mode;             /* MODE_TANGENT, MODE_ADJOINT, MODE_HVP or MODE_VECTOR */
    int width;             /* MODE_VECTOR: directions carried at once */
    bool *active;          /* per parameter of src: has a shadow */
    bool ret_active;
    const char *name;      /* the generated function's name */
    bool is_public;        /* asked for by a pragma: follows the contract exactly */
    /* An adjoint for a call site: two functions, NAME_fwd records, NAME_rev
     * (the Deriv's own name) runs backwards.  Public adjoints are joint. */
    bool split;
    const char *fwd_name;
    /* The caller's buffers do not overlap (ad/version.c checks at run time):
     * every pointer parameter is its own memory class, printed restrict. */
    bool disjoint;
    const char **sizes;    /* MODE_CHECK: per parameter, a pointer's element count (C text) */
    Loc requested_at;
    bool for_hvp;          /* a tangent that FUNC_hvp differentiates: its refusals say so */
    Func *out;             /* the generated function */
    PtrVec extra;          /* helper functions generated alongside (Func*) */
} Deriv;

typedef struct Plan {
    Module *mod;
    PtrVec derivs;         /* Deriv*, in generation order */
} Plan;

/* ---- plan.c ------------------------------------------------------------ */
Plan *ad_plan(Module *m);
void ad_generate(Plan *p);
/* Generates one Deriv now (if not done yet), with cleanup and verification;
 * false after an error. */
bool ad_generate_one(Plan *p, Deriv *d);
/* The Deriv of f in mode with this activity, created on first request.
 * Internal derivatives are named f_jvp_<active params> etc. */
Deriv *ad_request(Plan *p, Func *f, Mode mode, const bool *active, bool ret_active, Loc at);
/* The same for mode(vector) with `width` directions. */
Deriv *ad_request_vector(Plan *p, Func *f, int width, const bool *active, bool ret_active, Loc at);
/* Is this function's derivative available (body, custom, math, inactive)? */
bool ad_is_differentiable_param(const Var *v);
/* An active pointer argument bound to a parameter that cannot carry a
 * derivative (void *, char *, a pointer to an array): reports it and
 * answers true. */
bool ad_param_drops(const Func *callee, int i, const Expr *arg, bool arg_active);

/* ---- tangent.c --------------------------------------------------------- */
void tan_generate(Plan *p, Deriv *d);

/* ---- normalize.c / structure.c: the adjoint's view of a function ------ */
/* A copy of f in adjoint normal form (see normalize.c); *ret receives the
 * variable that holds the return value (NULL for void). */
Func *norm_function(Func *f, Var **ret);
/* Replaces return, break, continue and switch by flags and ifs. */
void structure_function(Func *f);

/* ---- hvp.c: Hessian-vector products, reverse over forward ------------- */
void hvp_generate(Plan *p, Deriv *d);

/* ---- harness.c: C written around the derivatives ------------------------ */
void check_generate(Plan *p, Deriv *d);      /* FUNC_check */
void jacobian_generate(Plan *p, Deriv *d);   /* FUNC_jacobian */
void hessian_generate(Plan *p, Deriv *d);    /* FUNC_hessian */

/* ---- version.c: a restrict copy for buffers that do not overlap -------- */
/* When the extents of d's buffers are known, generates NAME_noalias and
 * makes d's function call it when the buffers are disjoint. */
void version_generate(Plan *p, Deriv *d);
/* Prints g's pointer parameters restrict. */
void version_restrict_params(Func *g);

/* ---- interchange.c: reverse loop nests turned to run along rows ------- */
/* Rewrites nests of rev (the reverse sweep of an adjoint built from f, whose
 * first nprimal variables are primal) whose inner loop only accumulates, so
 * that the innermost loop runs along contiguous memory; new variables go
 * to g.  disjoint: the pointer parameters do not overlap. */
void interchange_reverse(Func *g, const Func *f, int nprimal, bool disjoint, Stmt *rev);
/* ---- jam.c: loop over rows i, JAM rows per pass of its inner loop ------ */
/* The rewritten loop (a block of the jammed loop and the loop for the rows
 * left), or NULL when it does not apply.  The caller guarantees that the
 * body's work for different rows commutes. */
Stmt *jam_rows(Func *g, const Stmt *loop);
/* The same for a loop whose body is P, an inner loop of increments at
 * body[at], and E: P and E run for each j in turn, and the scalars in kept
 * (set by P or E, read by the increments) get one copy per j.  The caller
 * has checked that P and E share no memory with the increments. */
Stmt *jam_prologue(Func *g, const Stmt *loop, int at, const PtrVec *kept);
/* The same one level out: loop's body is some statements S (the rows of an
 * interchanged nest) and last a row loop R of jam_rows' shape; four t per
 * pass run S for t, t - 1, t - 2, t - 3, then one R whose inner loop holds
 * the increments of all four.  Variables declared in S or R get one copy per
 * t.  The caller guarantees that S of one t commutes with R of another and
 * that the R of different t commute. */
Stmt *jam_outer(Func *g, const Stmt *loop);

/* ---- private.c: a scalar that lives within one iteration of a loop ---- */
/* The index in loop's body block of the statement that sets v afresh in
 * every iteration (`v = e`, e not reading v, the body's first mention of
 * v), when v is a local that nothing outside the body mentions (root: the
 * whole function); -1 otherwise. */
int loop_private_start(const Stmt *root, const Stmt *loop, const Var *v);

/* ---- cleanup.c ---------------------------------------------------------- */
void cleanup_function(Func *f);

/* ---- split.c: long expressions as statements of bounded size ---------- */
void ad_split_long_expressions(Module *m);

/* ---- adjoint.c --------------------------------------------------------- */
void adj_generate(Plan *p, Deriv *d);

/* ---- shadow.c: derivative variables and shadow expressions ------------- */

/* Per-transform map from primal Vars to their derivative Vars. */
typedef struct Shadows {
    Func *fn;              /* the function being generated */
    PtrVec map;            /* indexed by Var id */
    const char *suffix;    /* "_d" or "_b" */
} Shadows;

Var *shadow_of(Shadows *s, const Var *v);
void shadow_set(Shadows *s, const Var *v, Var *sh);
/* A new derivative Var for v, declared by the caller. */
Var *shadow_new(Shadows *s, const Var *v, Type *ty);
/* The shadow of an lvalue or pointer expression: the same expression with
 * its root variable replaced by that variable's shadow; NULL if the root has
 * none.  x[i] -> x_d[i], *(p + k) -> *(p_d + k), &a[j] -> &a_d[j]. */
Expr *shadow_expr(Shadows *s, const Expr *e);
/* L stores a non-floating member of a union that has a shadow (u.bits =
 * ...): the bytes of its floating members now hold a value that carries no
 * derivative.  Returns the statement `u_d = (U){0}` that clears the shadow,
 * else NULL; an error when the store reads the old bits (`u.bits ^= m`). */
Stmt *shadow_union_clear(Shadows *s, const Expr *L, bool reads_old);
/* A call to a function marked inactive runs as it is and leaves the
 * derivatives of what it overwrites stale: an error (reported, true) when
 * it may store into memory that has a shadow (plan.c). */
bool ad_inactive_stores(const Func *callee, const Expr *call, Shadows *sh);
/* memcpy, memmove or memset that ir/lower.c left as a call (other types, a
 * used result, a fill other than 0) touching memory with a shadow: an error
 * (reported, true) rather than derivatives silently not copied (plan.c). */
bool ad_memory_call_refused(const Expr *call, Shadows *sh);
/* Reports that pointer `name`, which carries a derivative, is set from
 * `source`, whose memory has none (or that cgrad cannot follow). */
void diag_no_pointer_shadow(Loc loc, const char *name, const Expr *source);
/* A fresh temporary in the generated function. */
Var *new_temp(Func *f, Type *ty, Loc loc);
/* The type of a derivative of a value of type t (same type, no const on scalars). */
Type *shadow_type(Type *t);

#endif
