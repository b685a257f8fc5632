/*
 * analysis.h — facts about a function that the AD transforms consult.
 *
 * Activity: a value is *varied* if it depends on an active input and
 * *useful* if an active output depends on it; only values that are both get
 * derivative code.  Memory is tracked per "cell": a float variable, or the
 * memory behind a pointer parameter or local array, with local pointers
 * merged into the cells they may point to.
 */
#ifndef CGRAD_ANALYSIS_ANALYSIS_H
#define CGRAD_ANALYSIS_ANALYSIS_H

#include "ir/ir.h"

typedef struct Activity {
    const Func *fn;
    int nvars;
    int *parent;              /* union-find over var ids: a var's cell */
    bool *varied, *useful;    /* indexed by cell */
    bool ret_active;
} Activity;

/* active_param[i]: parameter i has a shadow (wrt or out); ret_active: the
 * return value is an output; ret_var (or NULL): a variable that holds the
 * return value, as in adjoint normal form. */
Activity *act_analyze(const Func *f, const bool *active_param, bool ret_active, const Var *ret_var);
int act_cell(Activity *a, const Var *v);
/* Does v (a float variable, or the memory a pointer/array variable reaches)
 * carry derivatives? */
bool act_var_active(Activity *a, const Var *v);
/* Does the value of e depend differentiably on an active cell? */
bool act_expr_varied(Activity *a, const Expr *e);
/* Reports, as errors, derivatives that would be lost: an inactive pointer
 * parameter whose memory is written with values that depend on the active
 * inputs and then read towards an output (it needs a derivative buffer, so
 * it must be in wrt or out), and active values stored in file-scope
 * objects.  Returns false if it reported anything. */
bool act_check_lost(Activity *a, const bool *active_param, bool for_hvp, Loc requested_at);
/* Forgets what act_check_lost reported (after arena_free_all). */
void act_reset(void);
/* Is some memory an active cell written through the pointer expression e? */
bool act_ptr_active(Activity *a, const Expr *e);

/* ---- extent.c ---- */

/* The element indices a function may touch through one pointer parameter:
 * [lo, hi], C expressions of the function's parameters; both NULL when it
 * touches none. */
typedef struct Extent {
    Expr *lo, *hi;
} Extent;

/* Fills out[i] for every pointer parameter i of f.  False when some access
 * is out of reach of the analysis (see extent.c); out is then meaningless. */
bool ext_analyze(const Func *f, Extent *out);

#endif
