/*
 * Adjoint (reverse) mode: FUNC_vjp.  Under construction: see issue #3.
 */
#include "ad/ad.h"

void adj_generate(Plan *p, Deriv *d) {
    (void)p;
    diag_error(d->requested_at, "adjoint mode for '%s' is not available yet; use mode(tangent)", d->src->name);
}
