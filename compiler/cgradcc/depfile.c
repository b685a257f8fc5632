/*
 * depfile.c — makes dependency files name the user's source.
 *
 * The compiler compiled the translated copy in the private directory, so the
 * -MD output names that copy; make or Ninja would then see a prerequisite
 * that vanishes and rebuild every time.  The copy has the user's file name
 * (only its directory differs), so the object and target names are already
 * right; this swaps the copy's path for the user's path.  Paths are compared
 * in their make-escaped form (clang and gcc escape ' ', '#' and '$' alike).
 */
#include "cgradcc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static char *make_escape(const char *path) {
    char *out = cg_alloc(strlen(path) * 2 + 1), *q = out;
    for (const char *p = path; *p; p++) {
        if (*p == ' ' || *p == '#')
            *q++ = '\\';
        else if (*p == '$')
            *q++ = '$';
        *q++ = *p;
    }
    return out;
}

bool cg_depfile_rewrite(const char *dep_file, const char *tmp_src, const char *user_src) {
    size_t len;
    char *text = cg_read_file(dep_file, &len);
    if (!text && errno == ENOENT)    /* nothing written (e.g. -MD with -###) */
        return true;
    if (!text) {
        cg_error("cannot read '%s': %s", dep_file, strerror(errno));
        return false;
    }
    const char *from = make_escape(tmp_src), *to = make_escape(user_src);
    size_t from_len = strlen(from), to_len = strlen(to);
    FILE *f = fopen(dep_file, "wb");
    if (!f) {
        cg_error("cannot rewrite '%s': %s", dep_file, strerror(errno));
        return false;
    }
    for (const char *p = text, *hit; p < text + len; p = hit + from_len) {
        hit = strstr(p, from);
        if (!hit) {
            fwrite(p, 1, (size_t)(text + len - p), f);
            break;
        }
        fwrite(p, 1, (size_t)(hit - p), f);
        fwrite(to, 1, to_len, f);
    }
    if (fclose(f) != 0) {
        cg_error("cannot rewrite '%s': %s", dep_file, strerror(errno));
        return false;
    }
    return true;
}
