/*
 * cgrad/tape.h — the tape that generated adjoint code (`FUNC_vjp`) uses.
 *
 * The forward sweep of an adjoint pushes what the reverse sweep will need and
 * cannot recompute: overwritten values, loop trip counts, branch outcomes.  The
 * reverse sweep pops them in the opposite order.  Three stacks share one tape:
 *
 *   val   8-byte slots: double, float, integers, pointers, trip counts
 *   bits  1-byte slots: branch outcomes
 *   mem   (address, old value) records for stores into caller-visible memory.
 *         The reverse sweep swaps the old value back in (so every read it does
 *         sees memory as the forward sweep saw it) and keeps the newer value in
 *         the record; `cg_tape_replay` then re-applies the records in forward
 *         order, leaving memory as the primal function left it.
 *
 * Each stack is a list of chunks that is never moved, only extended, and the
 * chunks are kept for the next call, so a warm tape costs no allocation.  The
 * push and pop fast paths are inline: one compare, one store, one add.  Every
 * thread has its own tape (`cg_tape_local`), so generated code may run on
 * several OpenMP threads at once.  If growing the tape fails, pushes land in
 * a small sink and `cg_last_error()` says why; the generated code then skips
 * its reverse sweep, so that call adds nothing to the adjoints and
 * `cg_tape_failed()` is true, but nothing crashes.
 */
#ifndef CGRAD_TAPE_H
#define CGRAD_TAPE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define CG_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define CG_UNLIKELY(x) (x)
#endif

typedef struct cg_tape_chunk cg_tape_chunk;

/* One stack of fixed-size slots; top/begin/end point into the current chunk. */
typedef struct cg_stack {
    unsigned char *top, *begin, *end;
    cg_tape_chunk *chunk;
    size_t slot;            /* bytes per slot */
} cg_stack;

typedef struct cg_tape {
    cg_stack val, bits, mem64, mem32;
    int failed;
} cg_tape;

/* A position on the memory-record stacks, for `cg_tape_replay`. */
typedef struct cg_tape_mark {
    cg_tape_chunk *c64, *c32;
    unsigned char *p64, *p32;
    size_t used;            /* bytes on the tape when the mark was taken */
} cg_tape_mark;

typedef struct { double *addr; double val; } cg_memrec64;
typedef struct { float *addr; float val; } cg_memrec32;

/* Slow paths, out of line in runtime/tape.c. */
void cg_stack_grow(cg_tape *t, cg_stack *s);
void cg_stack_back(cg_stack *s);
void cg_tape_init(cg_tape *t);
void cg_tape_free(cg_tape *t);
cg_tape *cg_tape_local_slow(void);
cg_tape_mark cg_tape_mem_mark(const cg_tape *t);
void cg_tape_replay(cg_tape *t, cg_tape_mark from, cg_tape_mark to);

/* A split function that hands a pointer into its local array to a callee:
 * the callee's forward half records its stores into the array by address,
 * in the forward frame, and its reverse half runs in the reverse frame,
 * where the array lives elsewhere.  The caller's forward half pushes the
 * span of records the call made (cg_span_push, with the mark taken before
 * it); its reverse half moves the span's records into its own array before
 * the callee's reverse half (cg_span_rebase for each array, then one
 * cg_span_settle for the call) and retires them after it
 * (cg_span_retire: they point at scratch, so the final replay writes into
 * no dead frame). */
typedef struct cg_span {
    cg_tape_mark from, to;
    const void *base;       /* the array in the forward frame */
} cg_span;
void cg_span_push(cg_tape *t, cg_tape_mark from, const void *base);
void cg_span_rebase(cg_tape *t, cg_span *s, void *base, size_t bytes);
void cg_span_settle(cg_tape *t);   /* after the rebases of one call: moves them all at once */
void cg_span_retire(cg_tape *t, const cg_span *s, const void *base, size_t bytes);
size_t cg_tape_bytes_used(const cg_tape *t);   /* pushed and not yet popped */
size_t cg_tape_bytes_peak(void);               /* this thread's high-water mark */
void cg_tape_peak_reset(void);
/* Bytes the forward sweep of this thread's last completed FUNC_vjp left on
 * the tape for its reverse sweep: what that call needed to record. */
size_t cg_tape_last_forward_bytes(void);
/* True when the last FUNC_vjp on this thread ran out of tape memory: it
 * returned FUNC's result and left memory as FUNC does, but added nothing to
 * the adjoints.  The next call starts from an empty tape. */
int cg_tape_failed(void);
/* Called by generated code between the sweeps: if the tape has failed,
 * empties it and returns 1 so the reverse sweep is skipped. */
int cg_tape_abandoned(cg_tape *t);
void cg_tape_release(void);                    /* free this thread's chunks */

extern _Thread_local cg_tape *cg_tape_tls;

/* The calling thread's tape, created on first use. */
static inline cg_tape *cg_tape_local(void) {
    cg_tape *t = cg_tape_tls;
    return t ? t : cg_tape_local_slow();
}

static inline unsigned char *cg_stack_push_slot(cg_tape *t, cg_stack *s) {
    if (CG_UNLIKELY(s->top == s->end)) cg_stack_grow(t, s);
    unsigned char *p = s->top;
    s->top += s->slot;
    return p;
}

static inline unsigned char *cg_stack_pop_slot(cg_stack *s) {
    if (CG_UNLIKELY(s->top == s->begin)) cg_stack_back(s);
    s->top -= s->slot;
    return s->top;
}

static inline void cg_push_f64(cg_tape *t, double v) { memcpy(cg_stack_push_slot(t, &t->val), &v, sizeof v); }
static inline void cg_push_f32(cg_tape *t, float v) { memcpy(cg_stack_push_slot(t, &t->val), &v, sizeof v); }
static inline void cg_push_int(cg_tape *t, int64_t v) { memcpy(cg_stack_push_slot(t, &t->val), &v, sizeof v); }
static inline void cg_push_ptr(cg_tape *t, const void *v) { memcpy(cg_stack_push_slot(t, &t->val), &v, sizeof v); }
static inline void cg_push_bit(cg_tape *t, int b) { *cg_stack_push_slot(t, &t->bits) = (unsigned char)(b != 0); }

static inline double cg_pop_f64(cg_tape *t) { double v; memcpy(&v, cg_stack_pop_slot(&t->val), sizeof v); return v; }
static inline float cg_pop_f32(cg_tape *t) { float v; memcpy(&v, cg_stack_pop_slot(&t->val), sizeof v); return v; }
static inline int64_t cg_pop_int(cg_tape *t) { int64_t v; memcpy(&v, cg_stack_pop_slot(&t->val), sizeof v); return v; }
static inline void *cg_pop_ptr(cg_tape *t) { void *v; memcpy(&v, cg_stack_pop_slot(&t->val), sizeof v); return v; }
static inline int cg_pop_bit(cg_tape *t) { return *cg_stack_pop_slot(&t->bits); }

/* A local struct handed between the halves of a split pair, or an array of
 * values kept per loop iteration, in 8-byte slots: one copy when they fit
 * in the current chunk, slot by slot across chunks. */
static inline void cg_push_bytes(cg_tape *t, const void *p, size_t n) {
    size_t whole = (n + 7) & ~(size_t)7;
    cg_stack *s = &t->val;
    if ((size_t)(s->end - s->top) >= whole) {
        memcpy(s->top, p, n);
        memset(s->top + n, 0, whole - n);
        s->top += whole;
        return;
    }
    for (size_t off = 0; off < n; off += 8) {
        int64_t v = 0;
        memcpy(&v, (const unsigned char *)p + off, n - off < 8 ? n - off : 8);
        cg_push_int(t, v);
    }
}
static inline void cg_pop_bytes(cg_tape *t, void *p, size_t n) {
    size_t whole = (n + 7) & ~(size_t)7;
    cg_stack *s = &t->val;
    if ((size_t)(s->top - s->begin) >= whole) {
        s->top -= whole;
        memcpy(p, s->top, n);
        return;
    }
    for (size_t k = (n + 7) / 8; k-- > 0;) {
        int64_t v = cg_pop_int(t);
        size_t off = k * 8;
        memcpy((unsigned char *)p + off, &v, n - off < 8 ? n - off : 8);
    }
}
/* A pointer that may point into a local array whose frame is gone by the
 * time it is popped (a split pair's halves): it travels as its byte offset
 * when it points into [base, base + bytes], as itself otherwise (null, other
 * memory), and comes back relative to the new frame's array.  Integer
 * arithmetic, since the pointer may be null or unrelated to base. */
static inline void cg_push_into(cg_tape *t, const void *p, const void *base, size_t bytes) {
    uintptr_t d = (uintptr_t)p - (uintptr_t)base;
    cg_push_ptr(t, p);
    cg_push_int(t, d <= bytes ? (int64_t)d : -1);
}
static inline void *cg_pop_into(cg_tape *t, const void *base) {
    int64_t d = cg_pop_int(t);
    void *p = cg_pop_ptr(t);
    return d >= 0 ? (void *)((uintptr_t)base + (uintptr_t)d) : p;
}

/* Record the value about to be overwritten at addr. */
static inline void cg_save_f64(cg_tape *t, double *addr) {
    cg_memrec64 r = {addr, *addr};
    memcpy(cg_stack_push_slot(t, &t->mem64), &r, sizeof r);
}
static inline void cg_save_f32(cg_tape *t, float *addr) {
    cg_memrec32 r = {addr, *addr};
    memcpy(cg_stack_push_slot(t, &t->mem32), &r, sizeof r);
}

/* A store that may land in a local array of a split pair's forward half:
 * the reverse half has that array at another address, so a store into
 * [base, base + bytes) is recorded as its offset and old value (the array
 * is dead after the call: nothing to replay), any other as a memory record.
 * The trailing offset (-1 for a memory record) says which. */
static inline void cg_save_into_f64(cg_tape *t, double *addr, const void *base, size_t bytes) {
    uintptr_t d = (uintptr_t)addr - (uintptr_t)base;
    if (d < bytes) cg_push_f64(t, *addr);
    else cg_save_f64(t, addr);
    cg_push_int(t, d < bytes ? (int64_t)d : -1);
}
static inline void cg_save_into_f32(cg_tape *t, float *addr, const void *base, size_t bytes) {
    uintptr_t d = (uintptr_t)addr - (uintptr_t)base;
    if (d < bytes) cg_push_f32(t, *addr);
    else cg_save_f32(t, addr);
    cg_push_int(t, d < bytes ? (int64_t)d : -1);
}

/* Undo the newest store: put the old value back, keep the new one for replay. */
static inline void cg_restore_f64(cg_tape *t) {
    cg_memrec64 *r = (cg_memrec64 *)(void *)cg_stack_pop_slot(&t->mem64);
    double now = *r->addr;
    *r->addr = r->val;
    r->val = now;
}
static inline void cg_restore_f32(cg_tape *t) {
    cg_memrec32 *r = (cg_memrec32 *)(void *)cg_stack_pop_slot(&t->mem32);
    float now = *r->addr;
    *r->addr = r->val;
    r->val = now;
}

/* Undo a cg_save_into_* store, in the reverse half's copy of the array. */
static inline void cg_restore_into_f64(cg_tape *t, void *base) {
    int64_t d = cg_pop_int(t);
    if (d < 0) {
        cg_restore_f64(t);
    } else {
        double v = cg_pop_f64(t);
        memcpy((unsigned char *)base + d, &v, sizeof v);
    }
}
static inline void cg_restore_into_f32(cg_tape *t, void *base) {
    int64_t d = cg_pop_int(t);
    if (d < 0) {
        cg_restore_f32(t);
    } else {
        float v = cg_pop_f32(t);
        memcpy((unsigned char *)base + d, &v, sizeof v);
    }
}

#ifdef __cplusplus
}
#endif
#endif
