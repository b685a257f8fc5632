/*
 * base.h — what every part of the translator uses: the arena that owns all
 * compiler data, growable arrays and string building on top of it, and the
 * diagnostics sink.  Depends on nothing but libc.
 */
#ifndef CGRAD_BASE_BASE_H
#define CGRAD_BASE_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- arena.c ---------------------------------------------------------- */

/* Bump allocator: zeroed memory, freed all at once by arena_free_all at exit. */
void *arena_alloc(size_t size);
char *arena_strdup(const char *s);
char *arena_strndup(const char *s, size_t n);
char *arena_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void arena_free_all(void);

#define NEW(T) ((T *)arena_alloc(sizeof(T)))
#define NEW_ARRAY(T, n) ((T *)arena_alloc(sizeof(T) * (size_t)(n)))

/* A growable array of pointers living in the arena (old storage is abandoned). */
typedef struct PtrVec {
    void **data;
    int len, cap;
} PtrVec;

void vec_push(PtrVec *v, void *p);
void *vec_pop(PtrVec *v);
bool vec_contains(const PtrVec *v, const void *p);

/* A string being built (arena-backed). */
typedef struct StrBuf {
    char *data;
    size_t len, cap;
} StrBuf;

void sb_putc(StrBuf *b, char c);
void sb_puts(StrBuf *b, const char *s);
void sb_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *b, const char *fmt, va_list ap);
const char *sb_str(StrBuf *b);   /* always NUL-terminated */

/* ---- text.c ----------------------------------------------------------- */

/* If [line, end) starts with `#pragma cgrad` (spaces allowed), returns the
 * text after `cgrad`; else NULL.  The front end parses what follows; the
 * emitter comments these lines out of the copied source. */
const char *cgrad_pragma_match(const char *line, const char *end);
/* The '#' of the next `#pragma cgrad` directive in [p, end) as the
 * preprocessor sees it: first on its logical line but for blanks and
 * comments, not inside a comment or a literal; *line gets the start of its
 * physical line.  NULL when there is none.  p must start a line. */
const char *cgrad_next_pragma(const char *p, const char *end, const char **line);
const char *logical_line_end(const char *p, const char *end);   /* after the newline, continuations included */
/* After the comment or the string or character literal that starts at p
 * (a // comment: at its newline), or NULL when p starts none. */
const char *skip_comment_or_literal(const char *p, const char *end);

/* ---- diag.c ----------------------------------------------------------- */

/* A source position: files are interned by diag_file_id. line/col start at 1. */
typedef struct Loc {
    int file;
    int line, col;
} Loc;

int diag_file_id(const char *path);
const char *diag_file_name(int file);
/* Give the sink the text of a file so it can print the line under a message. */
void diag_set_file_text(int file, const char *text, size_t len);

void diag_error(Loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_warning(Loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_note(Loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A message without a location, e.g. about the command line. */
void diag_plain_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int diag_error_count(void);
/* Forgets files and errors, for a new translation in the same process. */
void diag_reset(void);
/* Internal compiler error: a bug in cgrad, never the user's fault. */
_Noreturn void diag_ice(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#define ICE(...) diag_ice(__FILE__, __LINE__, __VA_ARGS__)

#endif
