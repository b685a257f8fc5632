/*
 * The translator's one allocator.  Everything the compiler builds (IR, types,
 * strings, vectors) lives here until exit; nothing is freed individually, so
 * passes can share and rewrite nodes freely.  Out of memory is fatal.
 */
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_SIZE = 1 << 20 };

typedef struct Chunk {
    struct Chunk *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
} Chunk;

static Chunk *chunks;

void *arena_alloc(size_t size) {
    size = (size + 15) & ~(size_t)15;
    if (!chunks || chunks->used + size > chunks->cap) {
        size_t cap = size > CHUNK_SIZE ? size : CHUNK_SIZE;
        Chunk *c = malloc(sizeof *c + cap);
        if (!c) {
            fprintf(stderr, "cgrad: fatal error: out of memory\n");
            exit(2);
        }
        c->next = chunks;
        c->used = 0;
        c->cap = cap;
        chunks = c;
    }
    void *p = chunks->data + chunks->used;
    chunks->used += size;
    memset(p, 0, size);
    return p;
}

void arena_free_all(void) {
    while (chunks) {
        Chunk *n = chunks->next;
        free(chunks);
        chunks = n;
    }
}

char *arena_strndup(const char *s, size_t n) {
    char *p = arena_alloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(const char *s) { return arena_strndup(s, strlen(s)); }

char *arena_printf(const char *fmt, ...) {
    StrBuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    return (char *)sb_str(&b);
}

void vec_push(PtrVec *v, void *p) {
    if (v->len == v->cap) {
        int cap = v->cap ? 2 * v->cap : 8;
        void **d = arena_alloc(sizeof(void *) * (size_t)cap);
        if (v->len) memcpy(d, v->data, sizeof(void *) * (size_t)v->len);
        v->data = d;
        v->cap = cap;
    }
    v->data[v->len++] = p;
}

void *vec_pop(PtrVec *v) { return v->len ? v->data[--v->len] : NULL; }

bool vec_contains(const PtrVec *v, const void *p) {
    for (int i = 0; i < v->len; i++)
        if (v->data[i] == p) return true;
    return false;
}

static void sb_reserve(StrBuf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? 2 * b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    char *d = arena_alloc(cap);
    if (b->len) memcpy(d, b->data, b->len);
    b->data = d;
    b->cap = cap;
}

void sb_putc(StrBuf *b, char c) {
    sb_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void sb_puts(StrBuf *b, const char *s) {
    size_t n = strlen(s);
    sb_reserve(b, n);
    memcpy(b->data + b->len, s, n + 1);
    b->len += n;
}

void sb_vprintf(StrBuf *b, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return;
    sb_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sb_printf(StrBuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *sb_str(StrBuf *b) {
    sb_reserve(b, 0);
    return b->data;
}
