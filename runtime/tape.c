/*
 * The tape's slow paths: growing into a new chunk, stepping back into the
 * previous one, replaying memory records, per-thread creation and teardown.
 * The fast paths (push, pop, save, restore) are inline in cgrad/tape.h.
 *
 * Chunks form a doubly linked list per stack.  A pop that empties a chunk
 * keeps it: the next push that fills the previous chunk reuses it, so a loop
 * that calls a `_vjp` repeatedly allocates only on its first call.
 */
#include "cgrad/tape.h"
#include "cgrad/error.h"

#include <stdlib.h>
#include <threads.h>

struct cg_tape_chunk {
    cg_tape_chunk *prev, *next;
    size_t cap;                        /* bytes, a multiple of the slot size */
    _Alignas(16) unsigned char data[];
};

enum {
    FIRST_CHUNK_SLOTS = 8192,          /* 64 KiB of 8-byte slots: most calls never grow */
    MAX_CHUNK_BYTES = 64 << 20,        /* beyond this, doubling only wastes memory */
    SINK_BYTES = 1024
};

_Thread_local cg_tape *cg_tape_tls;
static _Thread_local size_t peak_bytes, used_bytes, last_forward_bytes;
static _Thread_local int last_call_failed;

/* Where pushes go once allocation has failed: a ring that is never freed.
 * A chunk header followed by its bytes, in static storage. */
static _Thread_local _Alignas(16) unsigned char sink_mem[sizeof(cg_tape_chunk) + SINK_BYTES];
#define SINK ((cg_tape_chunk *)(void *)sink_mem)

static void init_stack(cg_stack *s, size_t slot) {
    s->top = s->begin = s->end = NULL;
    s->chunk = NULL;
    s->slot = slot;
}

void cg_tape_init(cg_tape *t) {
    init_stack(&t->val, 8);
    init_stack(&t->bits, 1);
    init_stack(&t->mem64, sizeof(cg_memrec64));
    init_stack(&t->mem32, sizeof(cg_memrec32));
    t->failed = 0;
}

static void enter(cg_stack *s, cg_tape_chunk *c, int at_end) {
    s->chunk = c;
    s->begin = c->data;
    s->end = c->data + c->cap;
    s->top = at_end ? s->end : s->begin;
}

static void free_chain(cg_tape_chunk *c) {
    if (!c || c == SINK) return;
    while (c->prev) c = c->prev;
    while (c) {
        cg_tape_chunk *n = c->next;
        free(c);
        c = n;
    }
}

static void enter_sink(cg_tape *t, cg_stack *s) {
    /* The call's derivatives are lost; nothing will read this stack's
     * chunks again, and once it points at the sink nothing could free them. */
    free_chain(s->chunk);
    SINK->cap = SINK_BYTES - SINK_BYTES % s->slot;
    SINK->prev = SINK->next = NULL;
    if (!t->failed)
        cg_set_error(CG_ERR_NOMEM, "tape: cannot allocate memory for the adjoint's tape; "
                                   "the reverse sweep is skipped and this call adds nothing to the adjoints");
    t->failed = 1;
    s->chunk = SINK;
    s->begin = SINK->data;
    s->end = SINK->data + SINK->cap;
    s->top = s->begin;
}

void cg_stack_grow(cg_tape *t, cg_stack *s) {
    cg_tape_chunk *c = s->chunk;
    if (c == SINK) {             /* already failed: wrap around */
        s->top = s->begin;
        return;
    }
    if (c) {
        used_bytes += c->cap;
        if (used_bytes > peak_bytes) peak_bytes = used_bytes;
    }
    if (c && c->next) {
        enter(s, c->next, 0);
        return;
    }
    size_t cap = c ? 2 * c->cap : FIRST_CHUNK_SLOTS * s->slot;
    if (cap > MAX_CHUNK_BYTES) cap = MAX_CHUNK_BYTES - MAX_CHUNK_BYTES % s->slot;
    cg_tape_chunk *n = malloc(sizeof *n + cap);
    if (!n) {
        enter_sink(t, s);
        return;
    }
    n->cap = cap;
    n->prev = c;
    n->next = NULL;
    if (c) c->next = n;
    enter(s, n, 0);
}

void cg_stack_back(cg_stack *s) {
    cg_tape_chunk *c = s->chunk;
    if (c == SINK || !c || !c->prev) {
        /* Underflow only happens after a failed allocation; stay harmless. */
        if (c) s->top = s->end;
        else {
            static _Thread_local unsigned char zero[32];
            s->begin = zero;
            s->top = s->end = zero + s->slot;
        }
        return;
    }
    used_bytes -= c->prev->cap;
    enter(s, c->prev, 1);
}

static void free_stack(cg_stack *s) {
    free_chain(s->chunk);
    s->chunk = NULL;
}

void cg_tape_free(cg_tape *t) {
    free_stack(&t->val);
    free_stack(&t->bits);
    free_stack(&t->mem64);
    free_stack(&t->mem32);
    cg_tape_init(t);
}

static tss_t tape_key;
static once_flag tape_key_once = ONCE_FLAG_INIT;

static void destroy_tape(void *p) {
    cg_tape_free(p);
    free(p);
}

static void make_key(void) { tss_create(&tape_key, destroy_tape); }

cg_tape *cg_tape_local_slow(void) {
    call_once(&tape_key_once, make_key);
    cg_tape *t = malloc(sizeof *t);
    if (!t) {
        /* A tape with no chunks still works: every push diverts to the sink. */
        static _Thread_local cg_tape fallback;
        t = &fallback;
        cg_tape_init(t);
        cg_tape_tls = t;
        return t;
    }
    cg_tape_init(t);
    tss_set(tape_key, t);
    cg_tape_tls = t;
    return t;
}

void cg_tape_release(void) {
    cg_tape *t = cg_tape_tls;
    if (!t) return;
    cg_tape_free(t);
}

int cg_tape_failed(void) { return last_call_failed || (cg_tape_tls && cg_tape_tls->failed); }

int cg_tape_abandoned(cg_tape *t) {
    last_call_failed = t->failed;
    if (!t->failed) return 0;
    /* Start the next call from an empty tape; keep the answer for
     * cg_tape_failed() until the next call that gets this far. */
    cg_tape_free(t);
    used_bytes = 0;
    return 1;
}

cg_tape_mark cg_tape_mem_mark(const cg_tape *t) {
    cg_tape_mark m = {t->mem64.chunk, t->mem32.chunk, t->mem64.top, t->mem32.top, cg_tape_bytes_used(t)};
    if (m.used > peak_bytes) peak_bytes = m.used;
    return m;
}

static cg_tape_chunk *first_chunk(const cg_stack *s) {
    cg_tape_chunk *c = s->chunk;
    if (!c || c == SINK) return NULL;
    while (c->prev) c = c->prev;
    return c;
}

static void apply64(unsigned char *p, void *ctx) {
    (void)ctx;
    cg_memrec64 *r = (cg_memrec64 *)(void *)p;
    *r->addr = r->val;
}

static void apply32(unsigned char *p, void *ctx) {
    (void)ctx;
    cg_memrec32 *r = (cg_memrec32 *)(void *)p;
    *r->addr = r->val;
}

/* Visits one stack's records from (c, p) up to `stop`, oldest first. */
static void walk_stack(const cg_stack *s, cg_tape_chunk *c, unsigned char *p, const unsigned char *stop,
                       void (*visit)(unsigned char *, void *), void *ctx) {
    if (!c) {                          /* the mark was taken before the first push */
        c = first_chunk(s);
        p = c ? c->data : NULL;
    }
    while (c && p != stop) {
        if (p == c->data + c->cap) {
            c = c->next;
            p = c ? c->data : NULL;
            continue;
        }
        visit(p, ctx);
        p += s->slot;
    }
}

void cg_tape_replay(cg_tape *t, cg_tape_mark from, cg_tape_mark to) {
    /* `to` was taken at the end of the forward sweep */
    last_forward_bytes = to.used - from.used;
    if (t->failed) return;
    walk_stack(&t->mem64, from.c64, from.p64, to.p64, apply64, NULL);
    walk_stack(&t->mem32, from.c32, from.p32, to.p32, apply32, NULL);
}

/* ---- records of stores into a split caller's local array ---------------- */

/* Where retired records point: written by the final replay, never read. */
static _Thread_local double scratch64;
static _Thread_local float scratch32;

typedef struct Move {
    uintptr_t from;
    size_t bytes;
    unsigned char *to;       /* NULL: retire to scratch */
} Move;

static void move64(unsigned char *p, void *ctx) {
    const Move *m = ctx;
    cg_memrec64 *r = (cg_memrec64 *)(void *)p;
    uintptr_t d = (uintptr_t)r->addr - m->from;
    if (d < m->bytes) r->addr = m->to ? (double *)(void *)(m->to + d) : &scratch64;
}

static void move32(unsigned char *p, void *ctx) {
    const Move *m = ctx;
    cg_memrec32 *r = (cg_memrec32 *)(void *)p;
    uintptr_t d = (uintptr_t)r->addr - m->from;
    if (d < m->bytes) r->addr = m->to ? (float *)(void *)(m->to + d) : &scratch32;
}

static void move_span(cg_tape *t, const cg_span *s, Move *m) {
    walk_stack(&t->mem64, s->from.c64, s->from.p64, s->to.p64, move64, m);
    walk_stack(&t->mem32, s->from.c32, s->from.p32, s->to.p32, move32, m);
}

void cg_span_push(cg_tape *t, cg_tape_mark from, const void *base) {
    cg_span s = {from, cg_tape_mem_mark(t), base};
    cg_push_bytes(t, &s, sizeof s);
}

/* The arrays one call's records may point into, moved together by
 * cg_span_settle: moved one array at a time, a record already moved into
 * this frame's first array could fall in the forward frame's range of the
 * second (the two frames share stack addresses) and move again. */
enum { MAX_SPANS = 32 };
static _Thread_local Move pending[MAX_SPANS];
static _Thread_local int npending;
static _Thread_local cg_span pending_span;

/* Both kinds of record start with their address (cg_memrec64, cg_memrec32). */
static void move_any(unsigned char *p, void *ctx) {
    (void)ctx;
    unsigned char *addr;
    memcpy(&addr, p, sizeof addr);
    for (int k = 0; k < npending; k++) {
        uintptr_t d = (uintptr_t)addr - pending[k].from;
        if (d < pending[k].bytes) {
            addr = pending[k].to + d;
            memcpy(p, &addr, sizeof addr);
            return;
        }
    }
}

void cg_span_settle(cg_tape *t) {
    if (!t->failed && npending) {
        walk_stack(&t->mem64, pending_span.from.c64, pending_span.from.p64, pending_span.to.p64, move_any, NULL);
        walk_stack(&t->mem32, pending_span.from.c32, pending_span.from.p32, pending_span.to.p32, move_any, NULL);
    }
    npending = 0;
}

void cg_span_rebase(cg_tape *t, cg_span *s, void *base, size_t bytes) {
    cg_pop_bytes(t, s, sizeof *s);
    if (t->failed) return;
    if (npending == MAX_SPANS) cg_span_settle(t);   /* more arrays than that: never in practice */
    pending[npending++] = (Move){(uintptr_t)s->base, bytes, base};
    pending_span = *s;
}

void cg_span_retire(cg_tape *t, const cg_span *s, const void *base, size_t bytes) {
    if (t->failed) return;
    Move m = {(uintptr_t)base, bytes, NULL};
    move_span(t, s, &m);
}

size_t cg_tape_bytes_used(const cg_tape *t) {
    size_t n = used_bytes;
    const cg_stack *all[] = {&t->val, &t->bits, &t->mem64, &t->mem32};
    for (int i = 0; i < 4; i++)
        if (all[i]->chunk) n += (size_t)(all[i]->top - all[i]->begin);
    return n;
}

size_t cg_tape_bytes_peak(void) { return peak_bytes; }
size_t cg_tape_last_forward_bytes(void) { return last_forward_bytes; }
void cg_tape_peak_reset(void) { peak_bytes = used_bytes; }
