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
