/*
 * The scratch arena: a bump allocator over a list of chunks, for the
 * temporaries of one training step.
 *
 * Chunks are never moved or freed on reset, only rewound, so after the first
 * step an arena serves every allocation without calling malloc.  Requests
 * bigger than the chunk size get a chunk of their own.  All memory handed out
 * is CG_ALIGN-aligned and zero-filled.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    unsigned char *mem;   /* CG_ALIGN-aligned */
} chunk;

struct cg_arena {
    chunk *head;          /* chunks in allocation order */
    chunk *cur;           /* the chunk being filled */
    size_t chunk_bytes;
};

cg_status cg_arena_new(cg_arena **out, size_t chunk_bytes) {
    if (!out) return cg_set_error(CG_ERR_NULL, "arena_new: argument 'out' is NULL");
    *out = calloc(1, sizeof **out);
    if (!*out) return cg_set_error(CG_ERR_NOMEM, "arena_new: out of memory");
    (*out)->chunk_bytes = chunk_bytes ? chunk_bytes : (size_t)1 << 20;
    return CG_OK;
}

static chunk *chunk_new(size_t size) {
    size = (size + CG_ALIGN - 1) / CG_ALIGN * CG_ALIGN;
    chunk *c = malloc(sizeof *c);
    unsigned char *mem = aligned_alloc(CG_ALIGN, size);
    if (!c || !mem) {
        free(c);
        free(mem);
        return NULL;
    }
    c->next = NULL;
    c->size = size;
    c->used = 0;
    c->mem = mem;
    return c;
}

cg_status cg_arena_alloc(cg_arena *a, size_t bytes, void **out) {
    if (!a) return cg_set_error(CG_ERR_NULL, "arena_alloc: argument 'a' is NULL");
    if (!out) return cg_set_error(CG_ERR_NULL, "arena_alloc: argument 'out' is NULL");
    *out = NULL;
    if (bytes > SIZE_MAX - CG_ALIGN) return cg_set_error(CG_ERR_NOMEM, "arena_alloc: %zu bytes is too large", bytes);
    size_t need = (bytes + CG_ALIGN - 1) / CG_ALIGN * CG_ALIGN;
    if (need == 0) need = CG_ALIGN;
    /* Walk forward from the current chunk: after a reset the old chunks are reused in order. */
    chunk *c = a->cur, *prev = NULL;
    while (c && c->size - c->used < need) {
        prev = c;
        c = c->next;
    }
    if (!c) {
        c = chunk_new(need > a->chunk_bytes ? need : a->chunk_bytes);
        if (!c) return cg_set_error(CG_ERR_NOMEM, "arena_alloc: cannot allocate a chunk for %zu bytes", bytes);
        if (prev) {
            c->next = prev->next;
            prev->next = c;
        } else if (a->head) {   /* cur was NULL: append at the tail */
            chunk *t = a->head;
            while (t->next) t = t->next;
            t->next = c;
        } else {
            a->head = c;
        }
    }
    a->cur = c;
    *out = c->mem + c->used;
    c->used += need;
    memset(*out, 0, need);
    return CG_OK;
}

cg_status cg_arena_tensor(cg_arena *a, cg_tensor **out, cg_dtype dtype, int ndim, const int64_t *shape) {
    if (!out) return cg_set_error(CG_ERR_NULL, "arena_tensor: argument 'out' is NULL");
    *out = NULL;
    /* Borrow cg_tensor_wrap's validation with a dummy pointer, then allocate. */
    cg_tensor probe;
    static double dummy;
    cg_status st = cg_tensor_wrap(&probe, dtype, ndim, shape, &dummy);
    if (st) return st;
    void *t, *data;
    if ((st = cg_arena_alloc(a, sizeof(cg_tensor), &t)) ||
        (st = cg_arena_alloc(a, (size_t)cg_tensor_numel(&probe) * cg_dtype_size(dtype), &data)))
        return st;
    probe.data = data;
    probe.flags = CG_TENSOR_ARENA;
    *(cg_tensor *)t = probe;
    *out = t;
    return CG_OK;
}

void cg_arena_reset(cg_arena *a) {
    if (!a) return;
    for (chunk *c = a->head; c; c = c->next) c->used = 0;
    a->cur = a->head;
}

void cg_arena_free(cg_arena *a) {
    if (!a) return;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c->mem);
        free(c);
    }
    free(a);
}

size_t cg_arena_bytes_used(const cg_arena *a) {
    size_t n = 0;
    if (a)
        for (const chunk *c = a->head; c; c = c->next) n += c->used;
    return n;
}
