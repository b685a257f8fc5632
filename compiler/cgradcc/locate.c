/*
 * locate.c — finds cgradcc itself, the real compiler, the translator and the
 * runtime.
 *
 * The real compiler is, in order: the compiler words of launcher mode, the
 * words of $CGRAD_CC, or the clang found when cgradcc was configured
 * (CGRADCC_DEFAULT_CC).  A candidate that is cgradcc itself (same file, or
 * named cgradcc) is skipped: `CC=cgradcc` plus `CMAKE_C_COMPILER_LAUNCHER=
 * cgradcc`, or `CGRAD_CC=cgradcc`, must not loop.  A cgradcc started by
 * another one (CG_NESTED_ENV is set) only passes its arguments through.
 *
 * The runtime is found relative to the executable, so an installed prefix can
 * be moved: <bindir>/CGRADCC_REL_INCLUDEDIR and <bindir>/CGRADCC_REL_LIBDIR.
 * When the executable is the one in the build tree, the source tree's
 * include/ and the build tree's lib/ are used instead.
 */
#include "cgradcc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CGRADCC_DEFAULT_CC
#define CGRADCC_DEFAULT_CC "cc"
#endif

static char *real_path(const char *path) {
    char buf[PATH_MAX];
    return realpath(path, buf) ? cg_strdup(buf) : NULL;
}

static bool is_executable_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The full path of a program as execvp would find it, or NULL. */
static char *find_program(const char *name) {
    if (!*name)
        return NULL;
    if (strchr(name, '/'))
        return is_executable_file(name) ? cg_strdup(name) : NULL;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    for (const char *p = path;; p++) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *cand = len ? cg_fmt("%.*s/%s", (int)len, p, name) : cg_fmt("./%s", name);
        if (is_executable_file(cand))
            return cand;
        if (!end)
            return NULL;
        p = end;
    }
}

/* Suffixes of files compilers take as inputs; such a word is never a program. */
static const char *const input_suffixes[] = {
    ".c", ".i", ".h", ".s", ".S", ".o", ".a", ".so", ".cc", ".cpp", ".cxx", ".C",
    ".ii", ".m", ".bc", ".ll", ".ld", ".lds", ".rsp",
};

bool cg_is_program(const char *word) {
    if (word[0] == '-' || word[0] == '@' || !word[0])
        return false;
    for (size_t i = 0; i < sizeof input_suffixes / sizeof input_suffixes[0]; i++)
        if (cg_has_suffix(word, input_suffixes[i]))
            return false;
    if (strstr(cg_basename(word), ".so."))     /* libfoo.so.1 */
        return false;
    return find_program(word) != NULL;
}

static char *self_path(const char *argv0) {
    char *p = real_path("/proc/self/exe");
    if (!p) {
        char *found = find_program(argv0);
        p = found ? real_path(found) : NULL;
    }
    return p;
}

static bool is_self(const char *word, const char *self) {
    if (strcmp(cg_basename(word), "cgradcc") == 0)
        return true;
    char *found = find_program(word);
    char *real = found ? real_path(found) : NULL;
    return real && self && strcmp(real, self) == 0;
}

static void split_words(const char *s, CgVec *out) {
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        size_t n = strcspn(s, " \t");
        if (n)
            cg_vec_push(out, cg_strndup(s, n));
        s += n;
    }
}

static void pick_compiler(const CgInvocation *inv, const char *self, CgTools *tools) {
    for (size_t i = 0; i < inv->launcher.n; i++)
        if (!is_self(inv->launcher.v[i], self))
            cg_vec_push(&tools->compiler, inv->launcher.v[i]);
    if (tools->compiler.n)
        return;
    const char *env = tools->nested ? NULL : getenv("CGRAD_CC");
    if (env && *env) {
        split_words(env, &tools->compiler);
        if (tools->compiler.n && !is_self(tools->compiler.v[0], self))
            return;
        if (tools->compiler.n)
            cg_warning("CGRAD_CC names cgradcc itself; using %s", CGRADCC_DEFAULT_CC);
        tools->compiler.n = 0;
    }
    cg_vec_push(&tools->compiler, CGRADCC_DEFAULT_CC);
}

static void pick_runtime(const char *self, CgTools *tools) {
    char *bindir = self ? cg_dirname(self) : cg_strdup(".");
#ifdef CGRADCC_BUILD_BINDIR
    char *build_bindir = real_path(CGRADCC_BUILD_BINDIR);
    if (build_bindir && strcmp(build_bindir, bindir) == 0) {
        tools->include_dir = CGRADCC_BUILD_INCLUDEDIR;
        tools->lib_file = CGRADCC_BUILD_LIBDIR "/libcgrad.a";
        return;
    }
#endif
    tools->include_dir = cg_fmt("%s/%s", bindir, CGRADCC_REL_INCLUDEDIR);
    tools->lib_file = cg_fmt("%s/%s/libcgrad.a", bindir, CGRADCC_REL_LIBDIR);
    char *inc = real_path(tools->include_dir), *lib = real_path(tools->lib_file);
    if (inc)    /* shorter, readable paths in --show and -v output */
        tools->include_dir = inc;
    if (lib)
        tools->lib_file = lib;
}

void cg_locate(const char *argv0, const CgInvocation *inv, CgTools *tools) {
    char *self = self_path(argv0);
    const char *nested = getenv(CG_NESTED_ENV);
    tools->nested = nested && *nested;
    pick_compiler(inv, self, tools);

    const char *translator = getenv("CGRAD_TRANSLATOR");
    if (translator && *translator)
        tools->translator = translator;
    else if (self)
        tools->translator = cg_fmt("%s/cgrad", cg_dirname(self));
    else
        tools->translator = "cgrad";
    pick_runtime(self, tools);
}
