/*
 * Recognizing `#pragma cgrad` lines in raw text.  Shared by the front end,
 * which parses them, and the emitter, which turns them into comments so the
 * generated file compiles without unknown-pragma warnings.
 */
#include "base/base.h"

#include <ctype.h>
#include <string.h>

static const char *spaces(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    return p;
}

const char *cgrad_pragma_match(const char *p, const char *end) {
    p = spaces(p, end);
    if (p >= end || *p != '#') return NULL;
    p = spaces(p + 1, end);
    if (end - p < 6 || strncmp(p, "pragma", 6) != 0) return NULL;
    p += 6;
    if (p >= end || (*p != ' ' && *p != '\t')) return NULL;
    p = spaces(p, end);
    if (end - p < 5 || strncmp(p, "cgrad", 5) != 0) return NULL;
    p += 5;
    if (p < end && (isalnum((unsigned char)*p) || *p == '_')) return NULL;
    return p;
}

/* The end of the logical line at p: after its newline, backslash-continued
 * lines included. */
const char *logical_line_end(const char *p, const char *end) {
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return end;
        if (nl > p && nl[-1] == '\\') {
            p = nl + 1;
            continue;
        }
        return nl + 1;
    }
    return end;
}

const char *skip_comment_or_literal(const char *p, const char *end) {
    if (p + 1 < end && p[0] == '/' && p[1] == '*') {
        const char *close = p + 2;
        while (close + 1 < end && !(close[0] == '*' && close[1] == '/')) close++;
        return close + 1 < end ? close + 2 : end;
    }
    if (p + 1 < end && p[0] == '/' && p[1] == '/') {
        while (p < end && *p != '\n') p++;
        return p;
    }
    if (p < end && (*p == '"' || *p == '\'')) {
        char q = *p;
        for (p++; p < end && *p != q && *p != '\n'; p++)
            if (*p == '\\') p++;
        return p < end && *p == q ? p + 1 : p;
    }
    return NULL;
}

const char *cgrad_next_pragma(const char *p, const char *end, const char **line) {
    bool first = true;   /* nothing but blanks and comments yet on this logical line */
    const char *start = p;
    while (p < end) {
        char c = *p;
        const char *past = skip_comment_or_literal(p, end);
        if (c == '\n') {
            first = true;
            start = ++p;
        } else if (c == '\\' && p + 1 < end && p[1] == '\n') {
            p += 2;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            p++;
        } else if (past && c == '/') {
            p = past;   /* a comment is a blank */
        } else if (c == '#' && first) {
            const char *eol = logical_line_end(p, end);
            if (cgrad_pragma_match(p, eol)) {
                *line = start;
                return p;
            }
            p = eol;   /* another directive: its text is no C */
            first = true;
            start = p;
        } else if (past) {   /* a literal */
            p = past;
            first = false;
        } else {
            first = false;
            p++;
        }
    }
    return NULL;
}
