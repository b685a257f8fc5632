/*
 * scan.c — does a source need the translator?
 *
 * A plain text scan, without preprocessing: a file needs translation when a
 * line starts (after blanks) with `#`, blanks, `pragma`, blanks, `cgrad`, or
 * when its text contains `_Pragma`, `(`, `"cgrad` (blanks allowed between).
 * Consequences, documented in docs/driver.md: pragmas that reach the file only
 * through an #include or a macro expansion of another name are not seen, and
 * a pragma inside `#if 0` still sends the file through the translator (which
 * is harmless: the translator preprocesses properly).  Comments are not
 * skipped, but a `#pragma` in a comment rarely starts its line.
 */
#include "cgradcc.h"

#include <errno.h>
#include <string.h>

static bool is_blank(char c) { return c == ' ' || c == '\t'; }
static bool is_ident(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Skips blanks from p; returns the new position. */
static size_t skip_blanks(const char *t, size_t p, size_t len) {
    while (p < len && is_blank(t[p]))
        p++;
    return p;
}

/* Matches word at p as a whole identifier; returns the position after it or 0. */
static size_t match_word(const char *t, size_t p, size_t len, const char *word) {
    size_t n = strlen(word);
    if (p + n > len || memcmp(t + p, word, n) != 0)
        return 0;
    if (p + n < len && is_ident(t[p + n]))
        return 0;
    return p + n;
}

static bool directive_at(const char *t, size_t p, size_t len) {
    p = skip_blanks(t, p, len);
    if (p >= len || t[p] != '#')
        return false;
    p = match_word(t, skip_blanks(t, p + 1, len), len, "pragma");
    return p && match_word(t, skip_blanks(t, p, len), len, "cgrad");
}

static bool operator_at(const char *t, size_t p, size_t len) {
    p = match_word(t, p, len, "_Pragma");
    if (!p)
        return false;
    p = skip_blanks(t, p, len);
    if (p >= len || t[p] != '(')
        return false;
    p = skip_blanks(t, p + 1, len);
    if (p >= len || t[p] != '"')
        return false;
    p = skip_blanks(t, p + 1, len);
    return match_word(t, p, len, "cgrad") != 0;
}

bool cg_scan_text(const char *text, size_t len) {
    for (size_t p = 0; p < len; p++) {
        bool line_start = p == 0 || text[p - 1] == '\n';
        if (line_start && directive_at(text, p, len))
            return true;
        if (text[p] == '_' && (p == 0 || !is_ident(text[p - 1])) && operator_at(text, p, len))
            return true;
    }
    return false;
}

int cg_scan_file(const char *path) {
    size_t len;
    char *text = cg_read_file(path, &len);
    if (!text) {
        if (errno == ENOENT)
            cg_error("no such file or directory: '%s'", path);
        else
            cg_error("cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    return cg_scan_text(text, len);
}
