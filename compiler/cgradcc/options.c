/*
 * options.c — what each clang/gcc option means to cgradcc.
 *
 * cgradcc never interprets most options; it only has to know (1) which ones
 * take their value as the next word, so that value is not mistaken for an
 * input file, (2) which ones the translator needs (preprocessor and language
 * flags: libclang must see the same macros, include paths and dialect, but
 * acts on -MD/-MF itself and warns about link flags), (3) which ones only the
 * link step wants, and (4) the few that select the mode (-c -S -E -M ...).
 * Anything not in the table is an ordinary one-word option passed through.
 */
#include "cgradcc.h"

#include <string.h>

typedef enum Form {
    EXACT,          /* the word is exactly the name: -c */
    JOINED,         /* the value follows in the same word: -std=c11, -Wl,-z */
    SEPARATE,       /* the value is the next word: -Xlinker x */
    JOINED_OR_SEP,  /* -Ifoo or -I foo */
} Form;

typedef struct OptInfo {
    const char *name;
    Form form;
    unsigned flags;
} OptInfo;

/* Longer names come before their prefixes (-include-pch before -include,
 * -MMD before -M), because the first match wins. */
static const OptInfo options[] = {
    /* mode */
    {"-c", EXACT, CG_OPT_COMPILE},
    {"-S", EXACT, CG_OPT_ASM},
    {"-E", EXACT, CG_OPT_PREPROC},
    {"-fsyntax-only", EXACT, CG_OPT_SYNTAX},
    {"-v", EXACT, CG_OPT_VERBOSE},
    {"-o", JOINED_OR_SEP, CG_OPT_OUTPUT},
    {"-x", JOINED_OR_SEP, CG_OPT_LANG},
    /* dependency output (the translator must not write these) */
    {"-MMD", EXACT, CG_OPT_DEP},
    {"-MD", EXACT, CG_OPT_DEP},
    {"-MF", JOINED_OR_SEP, CG_OPT_DEP},
    {"-MT", JOINED_OR_SEP, CG_OPT_DEP},
    {"-MQ", JOINED_OR_SEP, CG_OPT_DEP},
    {"-MP", EXACT, CG_OPT_DEP},
    {"-MG", EXACT, CG_OPT_DEP},
    {"-MV", EXACT, CG_OPT_DEP},
    {"-MM", EXACT, CG_OPT_DEPONLY},
    {"-M", EXACT, CG_OPT_DEPONLY},
    /* preprocessor */
    {"-I", JOINED_OR_SEP, CG_OPT_PP},
    {"-D", JOINED_OR_SEP, CG_OPT_PP},
    {"-U", JOINED_OR_SEP, CG_OPT_PP},
    {"-include-pch", SEPARATE, 0},
    {"-include", JOINED_OR_SEP, CG_OPT_PP},
    {"-imacros", JOINED_OR_SEP, CG_OPT_PP},
    {"-isystem-after", SEPARATE, CG_OPT_PP},
    {"-isystem", JOINED_OR_SEP, CG_OPT_PP},
    {"-iquote", JOINED_OR_SEP, CG_OPT_PP},
    {"-idirafter", JOINED_OR_SEP, CG_OPT_PP},
    {"-iprefix", JOINED_OR_SEP, CG_OPT_PP},
    {"-iwithprefixbefore", JOINED_OR_SEP, CG_OPT_PP},
    {"-iwithprefix", JOINED_OR_SEP, CG_OPT_PP},
    {"-isysroot", JOINED_OR_SEP, CG_OPT_PP},
    {"-imultilib", SEPARATE, CG_OPT_PP},
    {"-ivfsoverlay", SEPARATE, CG_OPT_PP},
    {"--sysroot=", JOINED, CG_OPT_PP},
    {"--sysroot", SEPARATE, CG_OPT_PP},
    {"-nostdinc", EXACT, CG_OPT_PP},
    {"-nostdlibinc", EXACT, CG_OPT_PP},
    {"-nobuiltininc", EXACT, CG_OPT_PP},
    {"-Wp,", JOINED, CG_OPT_PP},
    {"-Xpreprocessor", SEPARATE, CG_OPT_PP},
    {"-undef", EXACT, CG_OPT_PP},
    /* language and target: they change macros, types and what parses */
    {"-std=", JOINED, CG_OPT_PP},
    {"--std=", JOINED, CG_OPT_PP},
    {"-std", SEPARATE, CG_OPT_PP},
    {"-ansi", EXACT, CG_OPT_PP},
    {"-target", SEPARATE, CG_OPT_PP},
    {"--target=", JOINED, CG_OPT_PP},
    {"-mllvm", SEPARATE, 0},
    {"-m", JOINED, CG_OPT_PP},
    {"-pthread", EXACT, CG_OPT_PP},
    {"-fopenmp", JOINED, CG_OPT_PP},         /* also -fopenmp=libomp, -fopenmp-simd */
    {"-fno-openmp", EXACT, CG_OPT_PP},
    {"-fms-extensions", EXACT, CG_OPT_PP},
    {"-fgnu89-inline", EXACT, CG_OPT_PP},
    {"-fgnu-keywords", EXACT, CG_OPT_PP},
    {"-fno-gnu-keywords", EXACT, CG_OPT_PP},
    {"-fsigned-char", EXACT, CG_OPT_PP},
    {"-funsigned-char", EXACT, CG_OPT_PP},
    {"-fshort-enums", EXACT, CG_OPT_PP},
    {"-fshort-wchar", EXACT, CG_OPT_PP},
    {"-fblocks", EXACT, CG_OPT_PP},
    {"-fdollars-in-identifiers", EXACT, CG_OPT_PP},
    {"-ffreestanding", EXACT, CG_OPT_PP},
    {"-fno-builtin", JOINED, CG_OPT_PP},
    {"-ffast-math", EXACT, CG_OPT_PP},
    {"-fno-fast-math", EXACT, CG_OPT_PP},
    /* link only */
    {"-Wl,", JOINED, CG_OPT_LINK},
    {"-Xlinker", SEPARATE, CG_OPT_LINK},
    {"-L", JOINED_OR_SEP, CG_OPT_LINK},
    {"-l", JOINED_OR_SEP, CG_OPT_LINK},
    {"-unwindlib=", JOINED, CG_OPT_LINK},
    {"-u", JOINED_OR_SEP, CG_OPT_LINK},
    {"-T", JOINED_OR_SEP, CG_OPT_LINK},
    {"-z", SEPARATE, CG_OPT_LINK},
    {"-e", SEPARATE, CG_OPT_LINK},
    {"-shared", EXACT, CG_OPT_LINK},
    {"-static", JOINED, CG_OPT_LINK},       /* -static, -static-libgcc, -static-pie */
    {"-rdynamic", EXACT, CG_OPT_LINK},
    {"-pie", EXACT, CG_OPT_LINK},
    {"-no-pie", EXACT, CG_OPT_LINK},
    {"-s", EXACT, CG_OPT_LINK},
    {"-nostdlib", EXACT, CG_OPT_LINK},
    {"-nodefaultlibs", EXACT, CG_OPT_LINK},
    {"-nostartfiles", EXACT, CG_OPT_LINK},
    {"-fuse-ld=", JOINED, CG_OPT_LINK},
    {"--ld-path=", JOINED, CG_OPT_LINK},
    {"-rtlib=", JOINED, CG_OPT_LINK},
    {"--rtlib=", JOINED, CG_OPT_LINK},
    /* other options whose value is the next word */
    {"-Xassembler", SEPARATE, 0},
    {"-Xclang", SEPARATE, 0},
    {"-Xopenmp-target", SEPARATE, 0},
    {"-aux-info", SEPARATE, 0},
    {"-dumpbase-ext", SEPARATE, 0},
    {"-dumpbase", SEPARATE, 0},
    {"-dumpdir", SEPARATE, 0},
    {"--param", SEPARATE, 0},
    {"-arch", SEPARATE, 0},
    {"-resource-dir", SEPARATE, 0},
    {"-working-directory", SEPARATE, 0},
    {"--serialize-diagnostics", SEPARATE, 0},
    {"-B", JOINED_OR_SEP, 0},
};

int cg_option_classify(const CgVec *args, size_t i, unsigned *flags, const char **value) {
    const char *word = args->v[i];
    bool has_next = i + 1 < args->n;
    *flags = 0;
    *value = NULL;
    for (size_t k = 0; k < sizeof options / sizeof options[0]; k++) {
        const OptInfo *o = &options[k];
        size_t len = strlen(o->name);
        bool exact = strcmp(word, o->name) == 0;
        bool prefix = strncmp(word, o->name, len) == 0;
        switch (o->form) {
        case EXACT:
            if (!exact)
                continue;
            *flags = o->flags;
            return 1;
        case JOINED:
            if (!prefix)
                continue;
            *flags = o->flags;
            *value = word + len;
            return 1;
        case SEPARATE:
            if (!exact)
                continue;
            *flags = o->flags;
            *value = has_next ? args->v[i + 1] : NULL;
            return has_next ? 2 : 1;
        case JOINED_OR_SEP:
            if (!prefix)
                continue;
            *flags = o->flags;
            if (!exact) {
                *value = word + len;
                return 1;
            }
            *value = has_next ? args->v[i + 1] : NULL;
            return has_next ? 2 : 1;
        }
    }
    return 1;
}
