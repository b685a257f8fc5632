/*
 * parse.c — reads the command line into a CgInvocation.
 *
 * In:  the words after argv[0], response files already expanded.
 * Out: cgradcc's own options removed (--show, --keep, --emit-header=FILE),
 *      leading compiler words split off (launcher mode: `cgradcc gcc -c x.c`),
 *      every remaining word tagged as option, option value or input, each
 *      input with the -x language in effect, and the mode the compiler will
 *      run in.  Nothing is reordered: the plan rebuilds commands from `args`
 *      so the compiler sees the user's options in the user's order.
 */
#include "cgradcc.h"

#include <stdlib.h>
#include <string.h>

/* cgradcc's own options.  Neither clang nor gcc has options by these names,
 * so taking them out of the command line cannot steal a compiler option. */
static bool take_own_option(const CgVec *argv, size_t *i, CgInvocation *inv) {
    const char *w = argv->v[*i];
    if (strcmp(w, "--show") == 0)
        inv->show = true;
    else if (strcmp(w, "--keep") == 0)
        inv->keep = true;
    else if (strncmp(w, "--emit-header=", 14) == 0)
        inv->emit_header = w + 14;
    else if (strcmp(w, "--emit-header") == 0 && *i + 1 < argv->n)
        inv->emit_header = argv->v[++*i];
    else
        return false;
    return true;
}

static CgMode pick_mode(unsigned seen, size_t n_inputs) {
    if (n_inputs == 0)
        return CG_MODE_QUERY;
    if (seen & CG_OPT_DEPONLY)
        return CG_MODE_DEPONLY;
    if (seen & CG_OPT_PREPROC)
        return CG_MODE_PREPROC;
    if (seen & CG_OPT_SYNTAX)
        return CG_MODE_SYNTAX;
    if (seen & CG_OPT_ASM)
        return CG_MODE_ASM;
    if (seen & CG_OPT_COMPILE)
        return CG_MODE_COMPILE;
    return CG_MODE_LINK;
}

void cg_parse(const CgVec *argv, CgInvocation *inv) {
    const char *keep = getenv("CGRAD_KEEP");
    inv->keep = keep && *keep && strcmp(keep, "0") != 0;

    /* Launcher mode: compiler words come first, before any option or input;
     * cgradcc's own options may precede them. */
    size_t i = 0;
    for (; i < argv->n; i++) {
        if (take_own_option(argv, &i, inv))
            continue;
        if (!cg_is_program(argv->v[i]))
            break;
        cg_vec_push(&inv->launcher, argv->v[i]);
    }
    for (; i < argv->n; i++)
        if (!take_own_option(argv, &i, inv))
            cg_vec_push(&inv->args, argv->v[i]);

    const CgVec *args = &inv->args;
    inv->flags = cg_alloc((args->n + 1) * sizeof *inv->flags);
    inv->is_value = cg_alloc((args->n + 1) * sizeof *inv->is_value);
    inv->inputs = cg_alloc((args->n + 1) * sizeof *inv->inputs);

    const char *lang = NULL;
    unsigned seen = 0;
    for (size_t k = 0; k < args->n; k++) {
        const char *w = args->v[k];
        if (w[0] != '-' || w[1] == '\0') {    /* "-" is standard input */
            inv->inputs[inv->n_inputs++] = (CgInput){.path = w, .lang = lang, .argi = k};
            continue;
        }
        if (strcmp(w, "-###") == 0)
            inv->dry_run = true;
        unsigned flags;
        const char *value;
        int span = cg_option_classify(args, k, &flags, &value);
        inv->flags[k] = flags;
        seen |= flags;
        if (span == 2)
            inv->is_value[k + 1] = true;
        if (flags & CG_OPT_OUTPUT)
            inv->output = value;
        if (flags & CG_OPT_LANG)
            lang = value && strcmp(value, "none") != 0 ? value : NULL;
        if (flags & CG_OPT_VERBOSE)
            inv->verbose = true;
        if (strcmp(w, "-MD") == 0 || strcmp(w, "-MMD") == 0)
            inv->make_deps = true;
        if (strncmp(w, "-MF", 3) == 0)
            inv->dep_file = value;
        if (strncmp(w, "-MT", 3) == 0 || strncmp(w, "-MQ", 3) == 0)
            inv->dep_target = true;
        k += (size_t)span - 1;
    }
    inv->mode = pick_mode(seen, inv->n_inputs);
    inv->trailing_lang = lang;
}
