/*
 * cgrad/extent.h — the overlap test in front of generated derivatives.
 *
 * C pointers may alias, so generated code must be right when a caller's
 * buffers overlap; it is faster when the compiler may assume they do not.
 * When cgrad can bound the elements a function touches through each pointer
 * (docs/design.md, "Two copies"), the generated FUNC_vjp and FUNC_hvp start by
 * describing every buffer as a cg_extent and call cg_disjoint: if no buffer
 * that is written overlaps another, they run a copy of themselves whose
 * pointers are restrict; otherwise the general code, which assumes nothing.
 */
#ifndef CGRAD_EXTENT_H
#define CGRAD_EXTENT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cg_extent {
    const void *base;   /* the pointer the caller passed */
    long long lo, hi;   /* first and last element index touched; lo > hi: none */
    size_t elem;        /* bytes per element */
    int written;        /* the function may store through it */
} cg_extent;

/* 1 when no written extent shares a byte with another extent, else 0.
 * Extents that are only read may overlap each other. */
int cg_disjoint(const cg_extent *e, int n);

static inline long long cg_imin(long long a, long long b) { return a < b ? a : b; }
static inline long long cg_imax(long long a, long long b) { return a > b ? a : b; }

#ifdef __cplusplus
}
#endif

#endif
