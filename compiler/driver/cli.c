/*
 * cgrad_main: the translator's command line and its pipeline.
 *
 *   cgrad [options] [clang flags] input.c [-o output.c]
 *
 * The pipeline reads top to bottom in translate(): front end → plan →
 * per function: activity analysis, tangent and adjoint transforms → emitter.
 * Nothing is written unless every stage succeeded; the output file is
 * written to a temporary name and renamed, so it is never half written, and
 * the header (--emit-header) is written with it or not at all.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ad/ad.h"
#include "base/base.h"
#include "driver/driver.h"
#include "rules/rules.h"
#include "emit/emit.h"
#include "front/front.h"

typedef struct Options {
    const char *input, *output, *header;
    const char *line_file;     /* the name #line gives the generated part */
    const char *emit;          /* "c" (default), "derivatives" or "ir" */
    bool line_directives;
    PtrVec clang_flags;
} Options;

static void usage(FILE *f) {
    fputs("usage: cgrad [options] [clang flags] input.c [-o output.c]\n"
          "\n"
          "Writes input.c followed by the derivatives its '#pragma cgrad differentiate'\n"
          "lines ask for: FUNC_jvp (tangent mode) and FUNC_vjp (adjoint mode).\n"
          "\n"
          "options:\n"
          "  -o FILE              write the output here (default: standard output)\n"
          "  --emit=c             emit C: the input followed by its derivatives (default)\n"
          "  --emit=derivatives   emit only the generated functions, to read them\n"
          "  --emit=ir            print cgrad's IR of the file's functions instead\n"
          "  --emit-header=FILE   also write a header declaring the generated functions\n"
          "  --no-line            omit #line directives\n"
          "  --line-file=NAME     the file name #line gives the generated functions\n"
          "                       (default: the output file)\n"
          "  --help, --version\n"
          "\n"
          "Any other flag (-I, -D, -U, -std=, -include, ...) is passed to clang.\n"
          "docs/contract.md describes the pragma and the _jvp/_vjp contract.\n",
          f);
}

/* clang flags whose value may be the next argument. */
static bool takes_value(const char *a) {
    static const char *const with_value[] = {"-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter",
                                             "-imacros", "-x", "-target", "--target", "-isysroot"};
    for (size_t i = 0; i < sizeof with_value / sizeof *with_value; i++)
        if (strcmp(a, with_value[i]) == 0) return true;
    return false;
}

/* The same file under two names (a.c and ./a.c, or a link). */
static bool same_file(const char *a, const char *b) {
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && S_ISREG(sa.st_mode);
}

static bool parse_args(int argc, char **argv, Options *o, int *exit_code) {
    o->emit = "c";
    o->line_directives = true;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            *exit_code = 0;
            return false;
        }
        if (strcmp(a, "--version") == 0) {
            printf("cgrad %s (libclang, LLVM 19)\n", CGRAD_VERSION);
            *exit_code = 0;
            return false;
        }
        if (strcmp(a, "-o") == 0) {
            if (i + 1 >= argc) {
                diag_plain_error("missing file name after '-o'");
                return false;
            }
            o->output = argv[++i];
        } else if (strncmp(a, "--emit=", 7) == 0) {
            o->emit = a + 7;
            if (strcmp(o->emit, "c") != 0 && strcmp(o->emit, "ir") != 0 && strcmp(o->emit, "derivatives") != 0) {
                diag_plain_error("unknown --emit kind '%s'; expected 'c', 'derivatives' or 'ir'", o->emit);
                return false;
            }
        } else if (strncmp(a, "--emit-header=", 14) == 0) {
            o->header = a + 14;
        } else if (strncmp(a, "--line-file=", 12) == 0) {
            o->line_file = a + 12;
        } else if (strcmp(a, "--no-line") == 0) {
            o->line_directives = false;
        } else if (a[0] == '-' && a[1] == '-' && !strchr(a, '=') && strcmp(a, "--") != 0 && strncmp(a, "--target", 8) != 0) {
            diag_plain_error("unknown option '%s' (see cgrad --help)", a);
            return false;
        } else if (a[0] == '-' && a[1]) {
            vec_push(&o->clang_flags, (void *)a);
            if (takes_value(a) && i + 1 < argc) vec_push(&o->clang_flags, argv[++i]);
        } else {
            if (o->input) {
                diag_plain_error("more than one input file ('%s' and '%s'); cgrad translates one file at a time", o->input, a);
                return false;
            }
            o->input = a;
        }
    }
    if (!o->input) {
        diag_plain_error("no input file (see cgrad --help)");
        return false;
    }
    if (access(o->input, R_OK) != 0) {
        diag_plain_error("cannot read '%s'", o->input);
        return false;
    }
    const char *onto_input = same_file(o->input, o->output) ? o->output : same_file(o->input, o->header) ? o->header : NULL;
    if (onto_input) {
        diag_plain_error("the output '%s' is the input file; cgrad would overwrite your source", onto_input);
        return false;
    }
    if (o->output && o->header && (strcmp(o->output, o->header) == 0 || same_file(o->output, o->header))) {
        diag_plain_error("'-o' and '--emit-header' name the same file '%s'", o->header);
        return false;
    }
    return true;
}

/* Text on its way to a file: written to tmp first, then renamed over path,
 * so that a failed run leaves no half-written file.  A path that is not a
 * regular file (/dev/stdout, a pipe) is written in place: renaming over a
 * device would replace it. */
typedef struct Pending {
    const char *path, *tmp;
} Pending;

static bool put_text(FILE *f, const char *text) {
    bool ok = fputs(text, f) >= 0;
    ok = fflush(f) == 0 && ok;
    return !ferror(f) && ok;
}

/* Where the text goes: path itself, or, for a symbolic link to a regular
 * file, the file it names (renaming over the link would replace the link).
 * *in_place when the text must be written into the path as it is: a device
 * or a pipe, a link into /dev or /proc (/dev/stdout), a dangling link. */
static const char *target_of(const char *path, bool *in_place) {
    struct stat st;
    *in_place = false;
    if (lstat(path, &st) != 0) return path;   /* a new file */
    if (!S_ISLNK(st.st_mode)) {
        *in_place = !S_ISREG(st.st_mode);
        return path;
    }
    char *real = realpath(path, NULL);
    bool ok = real && strncmp(path, "/dev/", 5) != 0 && strncmp(real, "/proc/", 6) != 0 && stat(real, &st) == 0 && S_ISREG(st.st_mode);
    const char *to = ok ? arena_printf("%s", real) : path;
    free(real);
    *in_place = !ok;
    return to;
}

static bool stage(const char *path, const char *text, Pending *p) {
    *p = (Pending){path, NULL};
    if (!path || strcmp(path, "-") == 0) {
        if (put_text(stdout, text)) return true;
        diag_plain_error("cannot write the output: %s", strerror(errno));
        return false;
    }
    bool in_place;
    path = target_of(path, &in_place);
    p->path = path;
    const char *target = in_place ? path : arena_printf("%s.cgrad-tmp.%ld", path, (long)getpid());
    FILE *f = fopen(target, "w");
    if (!f) {
        diag_plain_error("cannot write '%s': %s", path, strerror(errno));
        return false;
    }
    bool ok = put_text(f, text);
    int err = errno;
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        if (!in_place) remove(target);
        diag_plain_error("cannot write '%s': %s", path, strerror(err ? err : errno));
        return false;
    }
    if (!in_place) p->tmp = target;
    return true;
}

static bool commit(const Pending *p) {
    if (!p->tmp || rename(p->tmp, p->path) == 0) return true;
    diag_plain_error("cannot write '%s': %s", p->path, strerror(errno));
    remove(p->tmp);
    return false;
}

static void discard(const Pending *p) {
    if (p->tmp) remove(p->tmp);
}

/* Writes text to path, whole or not at all. */
static bool write_file(const char *path, const char *text) {
    Pending p;
    return stage(path, text, &p) && commit(&p);
}

/* The runtime's headers, so `#include <cgrad.h>` works with no -I: first
 * beside an installed cgrad (<prefix>/include), then in the source tree. */
static void add_runtime_include(Options *o) {
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            const char *inc = arena_printf("%s/../include", exe);
            if (access(arena_printf("%s/cgrad.h", inc), R_OK) == 0) {
                vec_push(&o->clang_flags, (void *)arena_printf("-I%s", inc));
                return;
            }
        }
    }
    if (access(CGRAD_SOURCE_INCLUDE "/cgrad.h", R_OK) == 0) vec_push(&o->clang_flags, "-I" CGRAD_SOURCE_INCLUDE);
}

static int translate(const Options *o) {
    Module *m = front_parse(o->input, o->clang_flags.len, (const char **)o->clang_flags.data);
    if (!m) return 1;
    if (strcmp(o->emit, "ir") == 0) {
        StrBuf out = {0};
        ir_dump_module(&out, m);
        return write_file(o->output, sb_str(&out)) ? 0 : 1;
    }
    ir_lower_memory_calls(m);                  /* memcpy & co. as loops */
    ir_box_addressed_scalars(m);               /* double t; f(&t): t as an array */
    ad_split_long_expressions(m);              /* derivatives that grow linearly */
    Plan *plan = ad_plan(m);                   /* requests → checked, with callees */
    if (!plan || diag_error_count()) return 1;
    ad_generate(plan);                         /* activity, tangent, adjoint per request */
    if (diag_error_count()) return 1;
    StrBuf out = {0}, header = {0};
    emit_translation_unit(&out, m, plan, o->line_file ? o->line_file : o->output, o->line_directives, strcmp(o->emit, "derivatives") != 0);
    if (o->header) emit_header(&header, plan, o->header);
    if (diag_error_count()) return 1;
    /* both files, or neither */
    Pending po, ph = {0};
    if (!stage(o->output, sb_str(&out), &po)) return 1;
    if (o->header && !stage(o->header, sb_str(&header), &ph)) {
        discard(&po);
        return 1;
    }
    if (!commit(&po)) {
        discard(&ph);
        return 1;
    }
    return commit(&ph) ? 0 : 1;
}

int cgrad_main(int argc, char **argv) {
    Options o = {0};
    int code = 1;
    if (parse_args(argc, argv, &o, &code)) {
        add_runtime_include(&o);
        code = translate(&o);
    }
    /* everything lived in the arena: leave the process as we found it */
    arena_free_all();
    diag_reset();
    rules_reset();
    act_reset();
    ir_reset_names();
    return code;
}
