/*
 * rewrite.c — puts the user's file names back into compiler output.
 *
 * The compiler compiled the translated copy in the private directory, so its
 * -MD output and its -E line markers name that copy.  A dependency on a file
 * that vanishes makes make and Ninja rebuild every time, and line markers
 * that change every run defeat ccache.  The copy has the user's file name
 * (only its directory differs), so object and target names are already
 * right; only the copy's path needs replacing.  Paths are matched in the form
 * the compiler wrote them: make-escaped in dependency files (clang and gcc
 * escape ' ', '#' and '$' alike), C-string-escaped in line markers.
 */
#include "cgradcc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static char *escape(const char *path, CgEscape how) {
    char *out = cg_alloc(strlen(path) * 2 + 1), *q = out;
    for (const char *p = path; *p; p++) {
        if (how == CG_ESCAPE_MAKE && (*p == ' ' || *p == '#'))
            *q++ = '\\';
        else if (how == CG_ESCAPE_MAKE && *p == '$')
            *q++ = '$';
        else if (how == CG_ESCAPE_C && (*p == '"' || *p == '\\'))
            *q++ = '\\';
        *q++ = *p;
    }
    return out;
}

bool cg_rewrite_path(const char *in_file, const char *out_file, const char *from_path, const char *to_path,
                     CgEscape how) {
    size_t len;
    char *text = cg_read_file(in_file, &len);
    if (!text && errno == ENOENT)    /* nothing written (e.g. -MD with -###) */
        return true;
    if (!text) {
        cg_error("cannot read '%s': %s", in_file, strerror(errno));
        return false;
    }
    bool to_stdout = !out_file || strcmp(out_file, "-") == 0;
    FILE *f = to_stdout ? stdout : fopen(out_file, "wb");
    if (!f) {
        cg_error("cannot write '%s': %s", out_file, strerror(errno));
        return false;
    }
    const char *from = escape(from_path, how), *to = escape(to_path, how);
    size_t from_len = strlen(from);
    for (const char *p = text, *hit; p < text + len; p = hit + from_len) {
        hit = strstr(p, from);
        if (!hit) {
            fwrite(p, 1, (size_t)(text + len - p), f);
            break;
        }
        fwrite(p, 1, (size_t)(hit - p), f);
        fputs(to, f);
    }
    if (to_stdout ? fflush(f) != 0 : fclose(f) != 0) {
        cg_error("cannot write '%s': %s", to_stdout ? "standard output" : out_file, strerror(errno));
        return false;
    }
    return true;
}
