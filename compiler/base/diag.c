/*
 * The diagnostics sink.  Every message, ours or libclang's, is printed here in
 * clang's format (`file:line:col: error: message`, the source line, a caret),
 * so editors and FileCheck read them alike.  Errors accumulate: the pipeline
 * checks diag_error_count() between stages and writes no output after one.
 */
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_FILES = 4096, MAX_ERRORS = 50 };

static struct {
    const char *path;
    const char *text;
    size_t len;
} files[MAX_FILES];
static int nfiles;
static int nerrors;

int diag_file_id(const char *path) {
    for (int i = 0; i < nfiles; i++)
        if (strcmp(files[i].path, path) == 0) return i;
    if (nfiles == MAX_FILES) return 0;
    files[nfiles].path = arena_strdup(path);
    return nfiles++;
}

const char *diag_file_name(int file) { return file >= 0 && file < nfiles ? files[file].path : "<unknown>"; }

void diag_set_file_text(int file, const char *text, size_t len) {
    if (file < 0 || file >= nfiles) return;
    files[file].text = text;
    files[file].len = len;
}

/* Prints the source line of loc and a caret under its column, as clang does. */
static void show_line(Loc loc) {
    if (loc.file < 0 || loc.file >= nfiles || !files[loc.file].text || loc.line <= 0) return;
    const char *p = files[loc.file].text, *end = p + files[loc.file].len;
    for (int line = 1; line < loc.line && p < end; p++)
        if (*p == '\n') line++;
    if (p >= end) return;
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    fprintf(stderr, "%.*s\n", (int)(eol - p), p);
    for (int i = 1; i < loc.col && p + i - 1 < eol; i++) fputc(p[i - 1] == '\t' ? '\t' : ' ', stderr);
    fputs("^\n", stderr);
}

static void report(Loc loc, const char *kind, const char *fmt, va_list ap) {
    if (loc.line > 0)
        fprintf(stderr, "%s:%d:%d: %s: ", diag_file_name(loc.file), loc.line, loc.col, kind);
    else
        fprintf(stderr, "cgrad: %s: ", kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    show_line(loc);
}

/* Errors already shown, by place and text: a construct that several
 * derivatives (or several passes over a loop) refuse is reported once, and
 * the notes of a repeat are dropped with it. */
static struct {
    Loc loc;
    char text[256];
} shown[MAX_ERRORS];
static bool repeat;

static bool seen_before(Loc loc, const char *fmt, va_list ap) {
    char text[256];
    vsnprintf(text, sizeof text, fmt, ap);
    int n = nerrors < MAX_ERRORS ? nerrors : MAX_ERRORS;
    for (int i = 0; i < n; i++)
        if (shown[i].loc.file == loc.file && shown[i].loc.line == loc.line && shown[i].loc.col == loc.col && strcmp(shown[i].text, text) == 0)
            return true;
    if (n < MAX_ERRORS) {
        shown[n].loc = loc;
        memcpy(shown[n].text, text, sizeof text);
    }
    return false;
}

void diag_error(Loc loc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    repeat = loc.line > 0 && seen_before(loc, fmt, ap);
    va_end(ap);
    if (repeat || ++nerrors > MAX_ERRORS) return;
    va_start(ap, fmt);
    report(loc, "error", fmt, ap);
    va_end(ap);
    if (nerrors == MAX_ERRORS) fprintf(stderr, "cgrad: fatal error: too many errors emitted, stopping now\n");
}

void diag_warning(Loc loc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report(loc, "warning", fmt, ap);
    va_end(ap);
}

void diag_note(Loc loc, const char *fmt, ...) {
    if (nerrors > MAX_ERRORS || repeat) return;
    va_list ap;
    va_start(ap, fmt);
    report(loc, "note", fmt, ap);
    va_end(ap);
}

void diag_plain_error(const char *fmt, ...) {
    nerrors++;
    va_list ap;
    va_start(ap, fmt);
    fputs("cgrad: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int diag_error_count(void) { return nerrors; }

void diag_reset(void) {
    memset(files, 0, sizeof files);
    nfiles = 0;
    nerrors = 0;
    repeat = false;
}

void diag_ice(const char *file, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "cgrad: internal compiler error at %s:%d: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputs("\nplease report this with the input file\n", stderr);
    va_end(ap);
    exit(3);
}
