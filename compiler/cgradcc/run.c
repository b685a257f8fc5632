/*
 * run.c — starting programs, printing commands, copying files.
 *
 * fork + execvp + waitpid; no shell, so file names are never re-split or
 * globbed.  A close-on-exec pipe carries execvp's errno back to the parent,
 * which then reports "cannot run" itself instead of leaving the message to a
 * half-started child.  The exit status of a program is returned unchanged so
 * cgradcc exits with the status of the step that failed; a program killed by
 * signal N gives 128+N, as in the shell.
 */
#include "cgradcc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Command lines longer than this go to the compiler in a response file: the
 * kernel limits one argument string to 128 KiB and all of them together to
 * a few MiB, and a build that used @file may well exceed that once expanded. */
enum { MAX_INLINE_COMMAND = 64 * 1024 };

static bool is_plain(const char *w) {
    if (!*w)
        return false;
    for (const char *p = w; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-", *p))
            return false;
    return true;
}

/* POSIX shell quoting: 'it'\''s'. */
static void print_quoted(FILE *out, const char *w) {
    if (is_plain(w)) {
        fputs(w, out);
        return;
    }
    fputc('\'', out);
    for (const char *p = w; *p; p++)
        if (*p == '\'')
            fputs("'\\''", out);
        else
            fputc(*p, out);
    fputc('\'', out);
}

void cg_print_command(void *out, const CgVec *argv, const char *prefix) {
    FILE *f = out;
    fputs(prefix, f);
    for (size_t i = 0; i < argv->n; i++) {
        if (i)
            fputc(' ', f);
        print_quoted(f, argv->v[i]);
    }
    fputc('\n', f);
    fflush(f);
}

/* Writes argv[1..] to a response file (backslash before every special
 * character, which both clang and gcc read back) and returns [argv0, @file]. */
static const CgVec *shorten(const CgVec *argv, CgVec *short_argv) {
    size_t total = 0;
    for (size_t i = 0; i < argv->n; i++)
        total += strlen(argv->v[i]) + 1;
    if (total <= MAX_INLINE_COMMAND)
        return argv;
    const char *rsp = cg_tmp_path(cg_fmt("args%zu.rsp", total));
    FILE *f = rsp ? fopen(rsp, "w") : NULL;
    if (!f)
        return argv;    /* try the long command; the kernel will say if it is too long */
    for (size_t i = 1; i < argv->n; i++) {
        for (const char *p = argv->v[i]; *p; p++) {
            if (!is_plain((char[]){*p, 0}))
                fputc('\\', f);
            fputc(*p, f);
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0)
        return argv;
    cg_vec_push(short_argv, argv->v[0]);
    cg_vec_push(short_argv, cg_fmt("@%s", rsp));
    return short_argv;
}

int cg_run(const CgVec *argv, bool is_compiler) {
    CgVec short_argv = {0};
    if (is_compiler)
        argv = shorten(argv, &short_argv);
    int fds[2];
    if (pipe(fds) != 0 || fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
        cg_error("cannot create a pipe: %s", strerror(errno));
        return 1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        cg_error("cannot fork: %s", strerror(errno));
        return 1;
    }
    if (pid == 0) {
        close(fds[0]);
        if (is_compiler)    /* a compiler that turns out to be cgradcc passes through */
            setenv(CG_NESTED_ENV, "1", 1);
        execvp(argv->v[0], (char *const *)argv->v);
        int err = errno;
        ssize_t ignored = write(fds[1], &err, sizeof err);
        (void)ignored;
        _exit(127);
    }
    cg_tmp_set_child((int)pid);
    close(fds[1]);
    int err = 0;
    ssize_t got;
    while ((got = read(fds[0], &err, sizeof err)) < 0 && errno == EINTR)
        ;
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            cg_tmp_set_child(0);
            cg_error("waiting for '%s': %s", argv->v[0], strerror(errno));
            return 1;
        }
    cg_tmp_set_child(0);
    if (got == (ssize_t)sizeof err) {
        cg_error("cannot run '%s': %s", argv->v[0], strerror(err));
        return 1;
    }
    if (WIFSIGNALED(status)) {
        cg_error("'%s' was killed by signal %d", argv->v[0], WTERMSIG(status));
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

bool cg_copy_file(const char *from, const char *to) {
    size_t len;
    char *text = cg_read_file(from, &len);
    FILE *f = text ? fopen(to, "wb") : NULL;
    bool ok = f && fwrite(text, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        cg_error("cannot copy '%s' to '%s': %s", from, to, strerror(errno));
    return ok;
}
