/*
 * The overlap test of cgrad/extent.h.  Addresses are compared as integers:
 * the buffers are unrelated objects, which C's relational operators may not
 * compare.  A dozen extents make some sixty comparisons, once per call.
 */
#include <stdint.h>

#include "cgrad/extent.h"

typedef struct Span {
    uintptr_t begin, end;
} Span;

static Span span_of(const cg_extent *e) {
    uintptr_t base = (uintptr_t)e->base;
    /* unsigned arithmetic: a negative lo wraps to the right address */
    return (Span){base + (uintptr_t)e->lo * e->elem, base + ((uintptr_t)e->hi + 1) * e->elem};
}

int cg_disjoint(const cg_extent *e, int n) {
    for (int i = 0; i < n; i++) {
        if (e[i].lo > e[i].hi) continue;
        Span a = span_of(&e[i]);
        for (int j = i + 1; j < n; j++) {
            if (e[j].lo > e[j].hi || !(e[i].written || e[j].written)) continue;
            Span b = span_of(&e[j]);
            if (a.begin < b.end && b.begin < a.end) return 0;
        }
    }
    return 1;
}
