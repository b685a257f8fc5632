/*
 * rsp.c — `@file` response files.
 *
 * Build tools pass long command lines through response files.  cgradcc must
 * see every word (to find sources and -o), so it expands them first, with the
 * GNU rules clang and gcc share on Unix: words split at white space, '...' and
 * "..." group, a backslash takes the next character literally, and a file may
 * name further @files.  An @file that cannot be read is kept as a word, as the
 * compilers do.  Commands that grow too long are put back into a response file
 * by run.c, so expanding here never hits the kernel's argument limit.
 */
#include "cgradcc.h"

/* Deeper nesting than this is a cycle (a file naming itself), not a build. */
enum { MAX_RSP_DEPTH = 32 };

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

/* Splits text into words with GNU quoting. */
static void tokenize(const char *text, size_t len, CgVec *words) {
    char *word = cg_alloc(len + 1);
    size_t i = 0;
    while (i < len) {
        while (i < len && is_space(text[i]))
            i++;
        if (i == len)
            break;
        size_t n = 0;
        char quote = 0;
        for (; i < len && (quote || !is_space(text[i])); i++) {
            char c = text[i];
            if (c == '\\' && i + 1 < len)
                word[n++] = text[++i];
            else if (quote && c == quote)
                quote = 0;
            else if (!quote && (c == '\'' || c == '"'))
                quote = c;
            else
                word[n++] = c;
        }
        cg_vec_push(words, cg_strndup(word, n));
    }
}

static bool expand(const char *word, int depth, CgVec *out) {
    size_t len;
    char *text;
    if (word[0] != '@' || !(text = cg_read_file(word + 1, &len))) {
        cg_vec_push(out, word);
        return true;
    }
    if (depth >= MAX_RSP_DEPTH) {
        cg_error("response files nested more than %d deep at '%s'", MAX_RSP_DEPTH, word);
        return false;
    }
    CgVec words = {0};
    tokenize(text, len, &words);
    for (size_t i = 0; i < words.n; i++)
        if (!expand(words.v[i], depth + 1, out))
            return false;
    return true;
}

bool cg_expand_response_files(int argc, char **argv, CgVec *out) {
    for (int i = 1; i < argc; i++)
        if (!expand(argv[i], 0, out))
            return false;
    return true;
}
