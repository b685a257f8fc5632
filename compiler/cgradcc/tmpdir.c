/*
 * tmpdir.c — the private directory for translated sources and objects.
 *
 * One mkdtemp directory per run ($TMPDIR or /tmp), mode 0700, so no other
 * user can read or swap the generated files.  Every path handed out is
 * registered; cg_tmp_cleanup removes them on every exit path.  A fatal signal
 * (make's SIGTERM, Ctrl-C) is forwarded to the child being waited for, then
 * the handler removes the registered paths with async-signal-safe calls only
 * (unlink, rmdir) and re-raises the signal so the parent sees how we died.
 * Signals are blocked while the registry grows, so the handler never sees it
 * half-updated.
 */
#include "cgradcc.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
enum { N_FATAL = sizeof fatal_signals / sizeof fatal_signals[0] };

static char *root;                  /* NULL until cg_tmp_init */
static const char **files, **dirs;  /* registered, removed in reverse order */
static size_t n_files, n_dirs, cap_files, cap_dirs;
static volatile sig_atomic_t child;

static void block_signals(sigset_t *old) {
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < N_FATAL; i++)
        sigaddset(&set, fatal_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void push(const char ***list, size_t *n, size_t *cap, const char *path) {
    sigset_t old;
    block_signals(&old);
    if (*n == *cap) {
        size_t new_cap = *cap ? *cap * 2 : 32;
        const char **bigger = cg_alloc(new_cap * sizeof *bigger);
        if (*n)
            memcpy(bigger, *list, *n * sizeof *bigger);
        *list = bigger;
        *cap = new_cap;
    }
    (*list)[(*n)++] = path;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Only async-signal-safe calls: used from the signal handler. */
static void remove_registered(void) {
    for (size_t i = n_files; i-- > 0;)
        unlink(files[i]);
    for (size_t i = n_dirs; i-- > 0;)
        rmdir(dirs[i]);
}

static void on_fatal_signal(int sig) {
    if (child > 0 && sig != SIGPIPE)
        kill((pid_t)child, sig);
    remove_registered();
    signal(sig, SIG_DFL);
    raise(sig);
}

const char *cg_tmp_init(void) {
    const char *base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    char *path = cg_fmt("%s/cgradcc-XXXXXX", base);
    if (!mkdtemp(path)) {
        cg_error("cannot create a temporary directory in '%s': %s", base, strerror(errno));
        return NULL;
    }
    root = path;
    push(&dirs, &n_dirs, &cap_dirs, root);
    for (int i = 0; i < N_FATAL; i++) {
        struct sigaction old, sa = {.sa_handler = on_fatal_signal};
        sigemptyset(&sa.sa_mask);
        /* A signal the parent ignores (nohup, background jobs) stays ignored. */
        if (sigaction(fatal_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(fatal_signals[i], &sa, NULL);
    }
    return root;
}

const char *cg_tmp_path(const char *name) {
    if (!root && !cg_tmp_init())
        return NULL;
    const char *path = cg_fmt("%s/%s", root, name);
    push(&files, &n_files, &cap_files, path);
    return path;
}

const char *cg_tmp_mkdir(const char *name) {
    const char *path = cg_fmt("%s/%s", root, name);
    push(&dirs, &n_dirs, &cap_dirs, path);
    if (mkdir(path, 0700) != 0)
        cg_warning("cannot create '%s': %s", path, strerror(errno));
    return path;
}

void cg_tmp_set_child(int pid) { child = pid; }

/* Outside a signal handler we can also remove what a tool left unasked
 * (a compiler's .d or .dwo beside our object, say). */
static void remove_tree(const char *path) {
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *sub = cg_fmt("%s/%s", path, e->d_name);
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(sub);
        else
            unlink(sub);
    }
    closedir(d);
    rmdir(path);
}

void cg_tmp_cleanup(void) {
    if (!root)
        return;
    sigset_t old;
    block_signals(&old);
    remove_registered();
    remove_tree(root);
    root = NULL;
    n_files = n_dirs = 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
}
