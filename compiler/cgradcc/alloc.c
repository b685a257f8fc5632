/*
 * alloc.c — memory, argument vectors, diagnostics and path helpers.
 *
 * cgradcc is a short-lived process, so every allocation goes on one list that
 * cg_free_all() releases before exit; nothing is freed piecemeal.  Running out
 * of memory is reported and ends the process after removing the private
 * directory, like any other fatal error.
 */
#include "cgradcc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Block {
    struct Block *next;
    max_align_t data[];
} Block;

static Block *blocks;

void *cg_alloc(size_t size) {
    Block *b = calloc(1, sizeof(Block) + size);
    if (!b) {
        fputs("cgradcc: error: out of memory\n", stderr);
        cg_tmp_cleanup();
        exit(1);
    }
    b->next = blocks;
    blocks = b;
    return b->data;
}

void cg_free_all(void) {
    while (blocks) {
        Block *next = blocks->next;
        free(blocks);
        blocks = next;
    }
}

char *cg_strndup(const char *s, size_t n) {
    char *p = cg_alloc(n + 1);
    memcpy(p, s, n);
    return p;
}

char *cg_strdup(const char *s) { return cg_strndup(s, strlen(s)); }

char *cg_fmt(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = cg_alloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void cg_vec_push(CgVec *vec, const char *s) {
    if (vec->n + 2 > vec->cap) {    /* room for s and the terminating NULL */
        size_t cap = vec->cap ? vec->cap * 2 : 16;
        const char **v = cg_alloc(cap * sizeof *v);
        if (vec->n)
            memcpy(v, vec->v, vec->n * sizeof *v);
        vec->v = v;
        vec->cap = cap;
    }
    vec->v[vec->n++] = s;
    vec->v[vec->n] = NULL;
}

void cg_vec_append(CgVec *dst, const CgVec *src) {
    for (size_t i = 0; i < src->n; i++)
        cg_vec_push(dst, src->v[i]);
}

static void diag(const char *kind, const char *fmt, va_list ap) {
    fprintf(stderr, "cgradcc: %s: ", kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cg_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag("error", fmt, ap);
    va_end(ap);
}

void cg_warning(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag("warning", fmt, ap);
    va_end(ap);
}

const char *cg_basename(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *cg_dirname(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash)
        return cg_strdup(".");
    if (slash == path)
        return cg_strdup("/");
    return cg_strndup(path, (size_t)(slash - path));
}

char *cg_strip_ext(const char *path) {
    const char *base = cg_basename(path);
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)    /* ".hidden" has no extension */
        return cg_strdup(path);
    return cg_strndup(path, (size_t)(dot - path));
}

bool cg_has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

char *cg_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    int err = !buf ? ENOMEM : ferror(f) ? EIO : 0;
    fclose(f);
    char *text = err ? NULL : cg_strndup(buf, n);
    free(buf);
    errno = err;
    *len = n;
    return text;
}
