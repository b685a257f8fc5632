/*
 * plan.c — turns an invocation into the commands to run.
 *
 * Every command is rebuilt from the user's words in the user's order; only
 * inputs are swapped or dropped and a few flags appended, so the compiler
 * sees what it would have seen without cgradcc.  For each source that needs
 * translation:
 *
 *   translate  cgrad <preprocessor/language flags> -isystem <rt> src -o T/n/src
 *   compile    cc -iquote <dir of src> <user flags> -ffile-prefix-map=T/n/src=<gen>
 *                 -isystem <rt> [-MF dep] -x c T/n/src  [-c -o T/n/src.o]
 *
 * T/n/src keeps the user's file name, so default object, assembly and
 * dependency names come out as without cgradcc; -iquote makes `#include "x.h"`
 * find headers beside the user's file.  The user's code is named by the
 * translator's #line directives; -ffile-prefix-map names the rest (the
 * generated functions, in debug info) <src stem>.cgrad.c, the file --keep
 * writes, instead of a path that is gone after the build.  Inputs that need no translation keep their
 * commands: consecutive ones share one compiler run, as they would have.
 * When linking, translated sources are compiled to objects first (without the
 * link-only flags, which would warn) and the objects take the sources' places
 * on the link line, followed by the runtime: libcgrad.a, OpenMP, BLAS, libm.
 */
#include "cgradcc.h"

#include <string.h>

#ifndef CGRADCC_OPENMP_FLAG
#define CGRADCC_OPENMP_FLAG "-fopenmp"
#endif
#ifndef CGRADCC_SANITIZE_LINK    /* "-fsanitize=..." when libcgrad is sanitized */
#define CGRADCC_SANITIZE_LINK ""
#endif

static CgStep *add_step(CgPlan *plan, CgStepKind kind, CgInput *input) {
    if (plan->n_steps == plan->cap) {
        size_t cap = plan->cap ? plan->cap * 2 : 8;
        CgStep *bigger = cg_alloc(cap * sizeof *bigger);
        if (plan->n_steps)
            memcpy(bigger, plan->steps, plan->n_steps * sizeof *bigger);
        plan->steps = bigger;
        plan->cap = cap;
    }
    CgStep *s = &plan->steps[plan->n_steps++];
    *s = (CgStep){.kind = kind, .input = input};
    return s;
}

static void push_runtime_include(CgVec *cmd, const CgTools *tools) {
    /* -isystem keeps -Werror builds quiet about our headers; /usr/include is
     * already a system directory, and naming it again reorders the search. */
    if (strcmp(tools->include_dir, "/usr/include") == 0)
        return;
    cg_vec_push(cmd, "-isystem");
    cg_vec_push(cmd, tools->include_dir);
}

static void push_runtime_libs(CgVec *cmd, const CgInvocation *inv, const CgTools *tools) {
    if (inv->trailing_lang) {    /* else `-x c` would make libcgrad.a a C source */
        cg_vec_push(cmd, "-x");
        cg_vec_push(cmd, "none");
    }
    cg_vec_push(cmd, tools->lib_file);
    cg_vec_push(cmd, CGRADCC_OPENMP_FLAG);
    cg_vec_push(cmd, "-lopenblas");
    cg_vec_push(cmd, "-lm");
    if (*CGRADCC_SANITIZE_LINK)
        cg_vec_push(cmd, CGRADCC_SANITIZE_LINK);
}

/* Pushes the word at k (and its separate value); returns the next index. */
static size_t push_option(CgVec *cmd, const CgInvocation *inv, size_t k, bool keep) {
    if (keep)
        cg_vec_push(cmd, inv->args.v[k]);
    if (k + 1 < inv->args.n && inv->is_value[k + 1]) {
        if (keep)
            cg_vec_push(cmd, inv->args.v[k + 1]);
        return k + 2;
    }
    return k + 1;
}

static const CgInput *input_at(const CgInvocation *inv, size_t k) {
    for (size_t i = 0; i < inv->n_inputs; i++)
        if (inv->inputs[i].argi == k)
            return &inv->inputs[i];
    return NULL;
}

/* The file -MD writes when -MF is not given, by the rule clang and gcc share:
 * the output with its suffix replaced, else the input's base name. */
static const char *default_dep_file(const CgInvocation *inv, const CgInput *in) {
    if (inv->output)
        return cg_fmt("%s.d", cg_strip_ext(inv->output));
    return cg_fmt("%s.d", cg_strip_ext(cg_basename(in->path)));
}

/* --keep: beside the object (-c -o x.o → x.cgrad.c), else beside the output. */
static const char *keep_path(const CgInvocation *inv, const CgInput *in) {
    const char *stem = cg_strip_ext(cg_basename(in->path));
    bool one_output = inv->mode == CG_MODE_COMPILE || inv->mode == CG_MODE_ASM || inv->mode == CG_MODE_PREPROC;
    if (inv->output && one_output)
        return cg_fmt("%s.cgrad.c", cg_strip_ext(inv->output));
    if (inv->output)
        return cg_fmt("%s/%s.cgrad.c", cg_dirname(inv->output), stem);
    return cg_fmt("%s.cgrad.c", stem);
}

static void plan_translate(const CgInvocation *inv, const CgTools *tools, CgInput *in, size_t n, CgPlan *plan) {
    cg_tmp_mkdir(cg_fmt("%zu", n));    /* one directory each: a/m.c and b/m.c may meet */
    in->tmp_src = cg_tmp_path(cg_fmt("%zu/%s", n, cg_basename(in->path)));
    const char *stem = cg_strip_ext(cg_basename(in->path));
    in->tmp_obj = cg_tmp_path(cg_fmt("%zu/%s.o", n, stem));
    in->tmp_pp = cg_tmp_path(cg_fmt("%zu/%s.i", n, stem));
    in->gen_name = cg_fmt("%s.cgrad.c", cg_strip_ext(in->path));

    CgStep *s = add_step(plan, CG_STEP_TRANSLATE, in);
    cg_vec_push(&s->argv, tools->translator);
    for (size_t k = 0; k < inv->args.n;)
        k = push_option(&s->argv, inv, k, (inv->flags[k] & CG_OPT_PP) != 0);
    push_runtime_include(&s->argv, tools);
    if (in->lang) {
        cg_vec_push(&s->argv, "-x");
        cg_vec_push(&s->argv, in->lang);
    }
    cg_vec_push(&s->argv, in->path);
    cg_vec_push(&s->argv, "-o");
    cg_vec_push(&s->argv, in->tmp_src);
    if (inv->emit_header)
        cg_vec_push(&s->argv, cg_fmt("--emit-header=%s", inv->emit_header));
    if (inv->keep)
        s->keep_as = keep_path(inv, in);
}

static void plan_compile_translated(const CgInvocation *inv, const CgTools *tools, CgInput *in, CgPlan *plan) {
    bool linking = inv->mode == CG_MODE_LINK;
    const char *user_dir = cg_dirname(in->path);
    CgStep *s = add_step(plan, CG_STEP_COMPILE, in);
    CgVec *cmd = &s->argv;
    cg_vec_append(cmd, &tools->compiler);
    cg_vec_push(cmd, "-iquote");
    cg_vec_push(cmd, user_dir);
    /* -E output goes to a file first: its line markers name our copy. */
    bool preprocessing = inv->mode == CG_MODE_PREPROC;
    for (size_t k = 0; k < inv->args.n;) {
        unsigned f = inv->flags[k];
        bool drop = input_at(inv, k) || (f & CG_OPT_LANG) || ((linking || preprocessing) && (f & CG_OPT_OUTPUT)) ||
                    (linking && (f & CG_OPT_LINK));
        k = push_option(cmd, inv, k, !drop);
    }
    cg_vec_push(cmd, cg_fmt("-ffile-prefix-map=%s=%s", in->tmp_src, in->gen_name));
    push_runtime_include(cmd, tools);
    if (inv->make_deps) {
        s->dep_file = inv->dep_file ? inv->dep_file : default_dep_file(inv, in);
        if (!inv->dep_file) {
            cg_vec_push(cmd, "-MF");
            cg_vec_push(cmd, s->dep_file);
        }
        /* Else the target would be our object or our -E file; these are the
         * targets clang picks without cgradcc. */
        if (!inv->dep_target && (linking || preprocessing)) {
            cg_vec_push(cmd, "-MT");
            if (inv->output)
                cg_vec_push(cmd, inv->output);
            else if (linking)
                cg_vec_push(cmd, "a.out");
            else
                cg_vec_push(cmd, cg_fmt("%s.o", cg_strip_ext(cg_basename(in->path))));
        }
    }
    cg_vec_push(cmd, "-x");
    cg_vec_push(cmd, "c");
    cg_vec_push(cmd, in->tmp_src);
    if (linking) {
        cg_vec_push(cmd, "-c");
        cg_vec_push(cmd, "-o");
        cg_vec_push(cmd, in->tmp_obj);
    }
    if (preprocessing) {
        s->pp_file = in->tmp_pp;
        cg_vec_push(cmd, "-o");
        cg_vec_push(cmd, s->pp_file);
    }
}

/* The user's command with the inputs [first, last) of inv->inputs kept and the
 * others dropped; with all inputs kept, translated ones are replaced by their
 * objects (`use_objects`) or their translated sources. */
static CgVec *plan_user_command(const CgInvocation *inv, const CgTools *tools, size_t first, size_t last,
                                bool use_objects, CgPlan *plan) {
    CgStep *s = add_step(plan, CG_STEP_COMPILE, NULL);
    CgVec *cmd = &s->argv;
    cg_vec_append(cmd, &tools->compiler);
    for (size_t k = 0; k < inv->args.n;) {
        const CgInput *in = input_at(inv, k);
        if (!in) {
            k = push_option(cmd, inv, k, true);
            continue;
        }
        size_t i = (size_t)(in - inv->inputs);
        k++;
        if (i < first || i >= last)
            continue;
        if (!in->translate) {
            cg_vec_push(cmd, in->path);
        } else if (!use_objects) {
            cg_vec_push(cmd, in->tmp_src);
        } else if (in->lang) {    /* an object after `-x c` must not be read as C */
            cg_vec_push(cmd, "-x");
            cg_vec_push(cmd, "none");
            cg_vec_push(cmd, in->tmp_obj);
            cg_vec_push(cmd, "-x");
            cg_vec_push(cmd, in->lang);
        } else {
            cg_vec_push(cmd, in->tmp_obj);
        }
    }
    push_runtime_include(cmd, tools);
    return cmd;
}

void cg_plan(CgInvocation *inv, const CgTools *tools, CgPlan *plan) {
    if (inv->mode == CG_MODE_QUERY || tools->nested) {    /* untouched */
        CgStep *s = add_step(plan, CG_STEP_COMPILE, NULL);
        cg_vec_append(&s->argv, &tools->compiler);
        cg_vec_append(&s->argv, &inv->args);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < inv->n_inputs; i++)
        if (inv->inputs[i].translate)
            plan_translate(inv, tools, &inv->inputs[i], n++, plan);

    if (inv->mode == CG_MODE_LINK) {
        /* With -### nothing is compiled, so the link line names the sources. */
        for (size_t i = 0; i < inv->n_inputs && !inv->dry_run; i++)
            if (inv->inputs[i].translate)
                plan_compile_translated(inv, tools, &inv->inputs[i], plan);
        push_runtime_libs(plan_user_command(inv, tools, 0, inv->n_inputs, !inv->dry_run, plan), inv, tools);
        return;
    }
    /* -c/-S/-E with -o and several inputs is an error the compiler reports. */
    if (inv->mode == CG_MODE_DEPONLY || (inv->output && inv->n_inputs > 1)) {
        plan_user_command(inv, tools, 0, inv->n_inputs, false, plan);
        return;
    }
    size_t group = 0;    /* first input of the current run of plain inputs */
    for (size_t i = 0; i <= inv->n_inputs; i++) {
        if (i < inv->n_inputs && !inv->inputs[i].translate)
            continue;
        if (group < i)
            plan_user_command(inv, tools, group, i, false, plan);
        if (i < inv->n_inputs)
            plan_compile_translated(inv, tools, &inv->inputs[i], plan);
        group = i + 1;
    }
}
