/*
 * main.c — cgradcc, a drop-in `cc` that differentiates what it compiles.
 *
 *   cgradcc [--show] [--keep] [--emit-header=FILE] [compiler] <cc arguments>
 *
 * The whole pipeline is in main(): expand @files, parse, locate the tools,
 * scan the C sources for cgrad pragmas, plan the commands, run them in order
 * (stopping at the first failure, whose exit status becomes ours), fix the
 * dependency files, and remove the private directory on every path out.
 * See docs/driver.md for the user's view.
 */
#include "cgradcc.h"

#include <stdio.h>
#include <string.h>

static bool is_c_source(const CgInput *in) {
    if (strcmp(in->path, "-") == 0)    /* standard input cannot be scanned twice */
        return false;
    if (in->lang)
        return strcmp(in->lang, "c") == 0;
    return cg_has_suffix(in->path, ".c");
}

/* Marks the inputs to translate; returns how many, or -1 after diagnostics. */
static int scan_inputs(CgInvocation *inv) {
    int n = 0;
    bool failed = false;
    for (size_t i = 0; i < inv->n_inputs; i++) {
        CgInput *in = &inv->inputs[i];
        if (!is_c_source(in))
            continue;
        int found = cg_scan_file(in->path);
        failed |= found < 0;
        in->translate = found > 0;
        n += found > 0;
    }
    return failed ? -1 : n;
}

static int run_steps(const CgInvocation *inv, const CgPlan *plan) {
    for (size_t i = 0; i < plan->n_steps; i++) {
        const CgStep *s = &plan->steps[i];
        bool translate = s->kind == CG_STEP_TRANSLATE;
        if (inv->show) {
            cg_print_command(stdout, &s->argv, "");
            continue;
        }
        if (inv->verbose && translate)    /* as clang -v shows its cc1 lines */
            cg_print_command(stderr, &s->argv, " ");
        int status = cg_run(&s->argv, !translate);
        if (status != 0)
            return status;
        if (s->keep_as && !cg_copy_file(s->input->tmp_src, s->keep_as))
            return 1;
        const CgInput *in = s->input;
        if (s->dep_file && !cg_rewrite_path(s->dep_file, s->dep_file, in->tmp_src, in->path, CG_ESCAPE_MAKE))
            return 1;
        if (s->pp_file && !cg_rewrite_path(s->pp_file, inv->output, in->tmp_src, in->gen_name, CG_ESCAPE_C))
            return 1;
    }
    return 0;
}

static int drive(int argc, char **argv) {
    CgVec words = {0};
    if (!cg_expand_response_files(argc, argv, &words))
        return 1;
    CgInvocation inv = {0};
    cg_parse(&words, &inv);
    CgTools tools = {0};
    cg_locate(argv[0], &inv, &tools);

    bool pass_through = tools.nested || inv.mode == CG_MODE_QUERY || inv.mode == CG_MODE_DEPONLY;
    int n_translate = pass_through ? 0 : scan_inputs(&inv);
    if (n_translate < 0)
        return 1;
    if (inv.emit_header && n_translate != 1) {
        cg_error("--emit-header needs exactly one input with '#pragma cgrad' (found %d)", n_translate);
        return 1;
    }
    if (n_translate > 0 && !cg_tmp_init())
        return 1;
    CgPlan plan = {0};
    cg_plan(&inv, &tools, &plan);
    return run_steps(&inv, &plan);
}

int main(int argc, char **argv) {
    int status = drive(argc, argv);
    cg_tmp_cleanup();
    cg_free_all();
    return status;
}
