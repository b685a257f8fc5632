/*
 * rules.h — derivative rules as data.  mathfn.def (libm) and ops.def (C
 * operators) hold each partial derivative as a C expression template; this
 * module parses them once into Expr trees with holes and instantiates them
 * on the operands of a call or operator.
 */
#ifndef CGRAD_RULES_RULES_H
#define CGRAD_RULES_RULES_H

#include "ir/ir.h"

enum { HOLE_X, HOLE_Y, HOLE_Z, HOLE_R, MAX_RULE_ARGS = 3 };

typedef struct Rule {
    const char *name;      /* "sin", or the operator's spelling */
    int arity;
    Expr *partial[MAX_RULE_ARGS];   /* templates; NULL when the argument has no derivative */
} Rule;

/* The rule for a math.h call such as sin, sinf or sinl, or NULL. */
const Rule *rules_math(const char *fname);
/* The rule for a binary arithmetic operator, or NULL. */
const Rule *rules_op(Op op);
/* Partial i of rule instantiated on args (already side-effect free) and the
 * result r (may be NULL when the template does not use it), in type ty. */
Expr *rules_partial(const Rule *r, int i, Expr **args, Expr *result, Type *ty);
bool rules_uses_result(const Rule *r, int i);
/* Drops the parsed templates (after arena_free_all). */
void rules_reset(void);
/* Is name a math.h function in its float (`f`) or long double (`l`) form? */
const char *rules_base_name(const char *fname, TypeKind *variant);

#endif
