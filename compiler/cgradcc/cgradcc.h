/*
 * cgradcc.h — the one internal header of cgradcc, the cc-compatible driver.
 *
 * cgradcc sits where `cc` sits in a build.  It reads a clang/gcc command line,
 * runs the translator on the C sources that contain `#pragma cgrad`, compiles
 * the translated text in their place, leaves every other input to the real
 * compiler untouched, and adds the runtime's include path and libraries.
 * The pipeline (main.c) is: expand response files → parse → locate tools →
 * scan sources → plan commands → run them → rewrite dependency files →
 * clean up.  Each file below does one of those jobs.
 */
#ifndef CGRAD_CGRADCC_CGRADCC_H
#define CGRAD_CGRADCC_CGRADCC_H

#include <stdbool.h>
#include <stddef.h>

/* ---- alloc.c ------------------------------------------------------------ */

/* All memory is owned by one list freed by cg_free_all() before exit, so the
 * sanitizer build's leak checker stays quiet without per-object bookkeeping. */
void *cg_alloc(size_t size);
char *cg_strdup(const char *s);
char *cg_strndup(const char *s, size_t n);
char *cg_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cg_free_all(void);

/* A NULL-terminated, growable argument vector (strings are not copied). */
typedef struct CgVec {
    const char **v;
    size_t n, cap;
} CgVec;

void cg_vec_push(CgVec *vec, const char *s);
void cg_vec_append(CgVec *dst, const CgVec *src);

/* Diagnostics in clang's style: "cgradcc: error: ...". */
void cg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cg_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Small path helpers. */
const char *cg_basename(const char *path);
char *cg_dirname(const char *path);            /* "." when there is no slash */
char *cg_strip_ext(const char *path);           /* "dir/a.o" → "dir/a" */
bool cg_has_suffix(const char *s, const char *suffix);

/* The whole file, NUL-terminated; NULL with errno set when it cannot be read. */
char *cg_read_file(const char *path, size_t *len);

/* ---- rsp.c --------------------------------------------------------------- */

/* Replaces every `@file` argument by the words in the file (GNU quoting rules,
 * nested files allowed).  An `@file` that cannot be read stays as it is, as
 * gcc and clang do.  Returns false after a diagnostic on runaway nesting. */
bool cg_expand_response_files(int argc, char **argv, CgVec *out);

/* ---- options.c ----------------------------------------------------------- */

/* What an option means to cgradcc (bits). */
enum {
    CG_OPT_PP = 1 << 0,        /* preprocessor or language flag: the translator gets it */
    CG_OPT_LINK = 1 << 1,      /* only meaningful when linking */
    CG_OPT_OUTPUT = 1 << 2,    /* -o */
    CG_OPT_LANG = 1 << 3,      /* -x */
    CG_OPT_DEP = 1 << 4,       /* -MD, -MMD, -MF, -MT, -MQ, -MP ... */
    CG_OPT_DEPONLY = 1 << 5,   /* -M, -MM: dependencies instead of output */
    CG_OPT_COMPILE = 1 << 6,   /* -c */
    CG_OPT_ASM = 1 << 7,       /* -S */
    CG_OPT_PREPROC = 1 << 8,   /* -E */
    CG_OPT_SYNTAX = 1 << 9,    /* -fsyntax-only */
    CG_OPT_VERBOSE = 1 << 10,  /* -v */
};

/* Classifies argument `args[i]` (an option).  Returns how many words it spans
 * (1, or 2 when its value is the next word) and stores its bits in *flags and
 * its value (joined or separate; NULL if none) in *value. */
int cg_option_classify(const CgVec *args, size_t i, unsigned *flags, const char **value);

/* ---- parse.c ------------------------------------------------------------- */

typedef enum CgMode {
    CG_MODE_LINK,       /* no -c/-S/-E: compile and link */
    CG_MODE_COMPILE,    /* -c */
    CG_MODE_ASM,        /* -S */
    CG_MODE_PREPROC,    /* -E */
    CG_MODE_SYNTAX,     /* -fsyntax-only */
    CG_MODE_DEPONLY,    /* -M or -MM without -E's output: the user's own dependencies */
    CG_MODE_QUERY,      /* no inputs at all: --version, -dumpmachine, -print-*, -v ... */
} CgMode;

typedef struct CgInput {
    const char *path;       /* as written by the user */
    const char *lang;       /* -x language in effect, NULL for "by suffix" */
    size_t argi;            /* its index in CgInvocation.args */
    bool translate;         /* a C source that contains `#pragma cgrad` */
    const char *tmp_src;    /* translated text, in the private directory */
    const char *tmp_obj;    /* its object, when linking */
    const char *tmp_pp;     /* its preprocessed text, with -E */
    const char *gen_name;   /* what output calls tmp_src: <source stem>.cgrad.c, as --keep names it */
} CgInput;

typedef struct CgInvocation {
    CgVec launcher;         /* compiler words given before the flags (launcher mode) */
    CgVec args;             /* the user's arguments, response files expanded, cgradcc's own removed */
    unsigned *flags;        /* per word of args: option bits; 0 for inputs and option values */
    bool *is_value;         /* per word of args: the separate value of the option before it */
    CgInput *inputs;
    size_t n_inputs;
    CgMode mode;
    const char *output;     /* -o, or NULL */
    const char *dep_file;   /* -MF, or NULL */
    bool dep_target;        /* -MT or -MQ given */
    bool make_deps;         /* -MD or -MMD */
    bool verbose;           /* -v */
    bool dry_run;           /* -###: the compiler prints its commands instead of running them */
    const char *trailing_lang; /* the -x language still in effect after the last word */
    bool show;              /* --show: print the commands, run nothing */
    bool keep;              /* --keep or CGRAD_KEEP=1 */
    const char *emit_header;/* --emit-header=FILE */
} CgInvocation;

/* Fills inv (zeroed by the caller) from the expanded command line. */
void cg_parse(const CgVec *argv, CgInvocation *inv);

/* ---- locate.c ------------------------------------------------------------ */

typedef struct CgTools {
    CgVec compiler;         /* the real compiler command (may be several words) */
    const char *translator;
    const char *include_dir;/* the runtime headers */
    const char *lib_file;   /* libcgrad.a */
    bool nested;            /* we were started by another cgradcc as its "compiler" */
} CgTools;

/* Finds this executable, the real compiler (launcher words, $CGRAD_CC, or the
 * configured clang) never naming cgradcc itself, the translator ($CGRAD_TRANSLATOR
 * or `cgrad` beside cgradcc), and the runtime (build tree or install prefix). */
void cg_locate(const char *argv0, const CgInvocation *inv, CgTools *tools);

/* True when `word` names an executable program and not an input file. */
bool cg_is_program(const char *word);

/* The environment variable that marks a compiler started by cgradcc. */
#define CG_NESTED_ENV "CGRADCC_ACTIVE"

/* ---- scan.c -------------------------------------------------------------- */

/* Reads a source file and says whether its text contains a cgrad pragma.
 * Returns -1 (after a diagnostic) when the file cannot be read. */
int cg_scan_file(const char *path);
/* The same on text in memory (exposed for clarity; used by cg_scan_file). */
bool cg_scan_text(const char *text, size_t len);

/* ---- tmpdir.c ------------------------------------------------------------ */

/* Creates the private directory and installs the signal handlers that remove
 * it.  Returns its path, or NULL after a diagnostic. */
const char *cg_tmp_init(void);
/* A path inside the private directory (created on first use) that will be
 * removed on exit, or NULL after a diagnostic. */
const char *cg_tmp_path(const char *name);
/* Registers a subdirectory (created here) for removal; returns its path. */
const char *cg_tmp_mkdir(const char *name);
/* Removes everything registered and the directory itself. */
void cg_tmp_cleanup(void);
/* The child process being waited for, so a fatal signal reaches it too. */
void cg_tmp_set_child(int pid);

/* ---- run.c --------------------------------------------------------------- */

/* Runs argv and waits.  Returns the exit status (128+N for a signal N), or 1
 * after a diagnostic when the program cannot be started.  For a compiler
 * (is_compiler), a very long command goes through a response file, and the
 * child's environment is marked so a compiler that is cgradcc after all
 * passes its arguments through instead of translating again. */
int cg_run(const CgVec *argv, bool is_compiler);
/* Prints argv as one shell-quoted line on `out` (a FILE *). */
void cg_print_command(void *out, const CgVec *argv, const char *prefix);
/* Copies a file (for --keep).  Returns false after a diagnostic. */
bool cg_copy_file(const char *from, const char *to);

/* ---- plan.c -------------------------------------------------------------- */

typedef enum CgStepKind {
    CG_STEP_TRANSLATE,  /* run the translator on one input */
    CG_STEP_COMPILE,    /* run the real compiler */
} CgStepKind;

typedef struct CgStep {
    CgStepKind kind;
    CgVec argv;
    CgInput *input;       /* the translated input this step is about, or NULL */
    const char *dep_file; /* a dependency file to rewrite afterwards, or NULL */
    const char *pp_file;  /* -E: the compiler's output, copied to the user's -o or stdout */
    const char *keep_as;  /* --keep: copy input->tmp_src here after translating */
} CgStep;

typedef struct CgPlan {
    CgStep *steps;
    size_t n_steps, cap;
} CgPlan;

/* Builds the commands for inv.  Needs the private directory for translated inputs. */
void cg_plan(CgInvocation *inv, const CgTools *tools, CgPlan *plan);

/* ---- rewrite.c ----------------------------------------------------------- */

typedef enum CgEscape {
    CG_ESCAPE_MAKE,     /* dependency files: "a\ b.c" */
    CG_ESCAPE_C,        /* line markers: # 1 "a\"b.c" */
} CgEscape;

/* Copies in_file to out_file (NULL or "-": standard output; the same file:
 * rewritten in place) replacing from_path by to_path, both escaped as `how`.
 * A missing in_file is not an error: the compiler chose not to write it. */
bool cg_rewrite_path(const char *in_file, const char *out_file, const char *from_path, const char *to_path,
                     CgEscape how);

#endif
