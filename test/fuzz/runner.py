#!/usr/bin/env python3
"""runner.py — generate, translate, compile (-O0 and -O2) and run random programs.

    python3 runner.py [--n N] [--seed FIRST] [--batch B] [--jobs J] [--out DIR]
                      [--build DIR | --cgrad CMD --cc CMD --link FLAGS] [--affine]

N defaults to $CGRAD_FUZZ_N (else 200); seeds are FIRST .. FIRST+N-1.  Programs
are checked in batches (B programs in one file: one translation, one compile
per optimization level) to amortize clang's start-up; a batch that fails is
split into its programs, and each failing program is then reduced (statements
removed and blocks unwrapped while it still fails the same way) and written
to DIR/fail-SEED/:

    reduced.c    a lit test, ready for test/regress/ (needs test/fuzz on -I)
    original.c   the program as generated
    standalone.c reduced.c with fuzz_check.h inlined, for a bug report
    log.txt      the failure: stage, optimization level, output

A summary (programs, passed, skipped points, failures by kind, seeds, time)
is printed and written to DIR/summary.json.  Exit status 1 when any failed.

--affine runs gen.py --affine programs (class AffineGen: what cgrad's extent
analysis accepts, so most _vjp get two copies, each kernel also called with
overlapping buffers) and reports how many _vjp definitions were versioned.
"""
import argparse
import json
import multiprocessing
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

CFG = {}


def sh(cmd, timeout, cwd=None):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout, cwd=cwd)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", "replace") if e.stdout else ""
        return "timeout", out


def normalize_diag(out):
    """The first error line without locations and names, as a signature."""
    for line in out.splitlines():
        if "error:" in line or "Assertion" in line or "AddressSanitizer" in line or "runtime error" in line:
            msg = line.split("error:", 1)[-1]
            msg = re.sub(r"'[^']*'", "'X'", msg)
            msg = re.sub(r"\d+", "N", msg)
            return msg.strip()[:120]
    return ""


def check_file(src_text, workdir, levels=("-O0", "-O2")):
    """Translates, compiles and runs one C file.  Returns (sig, detail, outputs):
    sig is None when everything passed, else a failure signature such as
    'translate-crash', 'translate-error: <msg>', 'cc-error -O2', 'run-crash -O0',
    'check -O2: dot-product'.  outputs maps '-O0'/'-O2' to the run's output."""
    src = os.path.join(workdir, "prog.c")
    out_c = os.path.join(workdir, "prog.out.c")
    with open(src, "w") as f:
        f.write(src_text)
    if os.path.exists(out_c):
        os.remove(out_c)
    rc, out = sh(CFG["cgrad"] + ["-I" + HERE, src, "-o", out_c], 120)
    if rc == "timeout":
        return "translate-hang", out, {}
    if rc != 0:
        if rc == 1 and "error:" in out:
            return "translate-error: " + normalize_diag(out), out, {}
        return "translate-crash (status %s)" % rc, out, {}
    outputs = {}
    for lvl in levels:
        exe = os.path.join(workdir, "prog" + lvl)
        # no FMA contraction: the generated code splits expressions differently
        # from the user's, and the primal checks compare bit for bit.  No
        # builtins: at -O2 clang folds a math call on constants with exact
        # arithmetic where the same call on a temporary goes to libm, one
        # unit in the last place apart in float (seed 911242)
        rc, out = sh(CFG["cc"] + [lvl, "-ffp-contract=off", "-fno-builtin", "-w", "-Wno-error", "-I" + HERE, out_c, "-o", exe] + CFG["link"], 300)
        if rc != 0:
            return "cc-error %s: %s" % (lvl, normalize_diag(out)), out, outputs
        rc, out = sh([exe], 120)
        outputs[lvl] = out
        if rc == "timeout":
            return "run-hang %s" % lvl, out, outputs
        fails = [l for l in out.splitlines() if l.startswith("FAIL ")]
        if fails:
            checks = sorted({l.split()[2].rstrip(":") for l in fails})
            return "check %s: %s" % (lvl, ",".join(checks)), out, outputs
        if rc != 0 or "ALL OK" not in out:
            return "run-crash %s (status %s)" % (lvl, rc), out, outputs
    return None, "", outputs


def batch_text(progs):
    parts = ['#include "fuzz_check.h"', ""]
    for p in progs:
        parts.append(p.text())
    for p in progs:
        parts.append(p.glue())
    parts.append("int main(void) {")
    for p in progs:
        parts.append("    fz_run(%stests, %sntests, %du);" % (p.pfx, p.pfx, p.seed))
    parts.append("    return fz_done();")
    parts.append("}")
    return "\n".join(parts) + "\n"


def make(seed):
    return gen.generate(seed, "p%d_" % seed, CFG.get("affine", False))


VJP_DEF = re.compile(r"^[A-Za-z].*\b(\w+)_vjp\(.*\) \{$", re.M)


def count_versioned(out_c):
    """(versioned, all) _vjp definitions in a translation: the versioned ones
    call cg_disjoint first and have a FUNC_vjp_noalias copy."""
    try:
        with open(out_c) as f:
            text = f.read()
    except OSError:
        return 0, 0
    defs = [m.group(1) for m in VJP_DEF.finditer(text) if not m.group(1).startswith("fz_")]
    noalias = set(d[:-len("_vjp_noalias")] for d in re.findall(r"\b(\w+_vjp_noalias)\(.*\) \{$", text, re.M))
    return sum(1 for d in defs if d in noalias), len(defs)


def count_skips(out):
    return sum(1 for l in out.splitlines() if l.startswith("skip "))


def run_batch(seeds):
    """Checks a batch; returns {'ok': [...], 'fail': {seed: (sig, detail)}, 'skips': n}."""
    res = {"ok": [], "fail": {}, "skips": 0, "gen_error": {}, "versioned": [0, 0]}
    progs = []
    for s in seeds:
        try:
            progs.append(make(s))
        except Exception as e:  # a generator bug, not a translator bug
            res["gen_error"][s] = repr(e)
    with tempfile.TemporaryDirectory(prefix="cgrad-fuzz-") as wd:
        def bisect(ps, known=None):
            sig, detail, outs = known if known else check_file(batch_text(ps), wd)
            if sig is None:
                res["ok"].extend(p.seed for p in ps)
                res["skips"] += sum(count_skips(o) for o in outs.values()) // 2
            elif len(ps) == 1:
                res["fail"][ps[0].seed] = (sig, detail)
            else:
                h = len(ps) // 2
                before = len(res["fail"])
                bisect(ps[:h])
                bisect(ps[h:])
                if len(res["fail"]) == before:
                    # only fails together: report the group under its first seed
                    res["ok"].remove(ps[0].seed)
                    res["fail"][ps[0].seed] = ("batch-only " + sig, detail)
        if progs:
            first = check_file(batch_text(progs), wd)
            res["versioned"] = list(count_versioned(os.path.join(wd, "prog.out.c")))
            bisect(progs, first)
    return res


# ------------------------------------------------------------------ reduction
def units(lines):
    """(start, end) line ranges that can be removed: a line, or a line opening a block and its close."""
    out = []
    for i, l in enumerate(lines):
        s = l.strip()
        if s.startswith("}") or (s.startswith("return") and l.startswith("    ") and not l.startswith("     ")):
            continue  # closing braces; the function's final return (dropping it is undefined behaviour)
        if s.endswith("{"):
            depth = 0
            for j in range(i, len(lines)):
                depth += lines[j].count("{") - lines[j].count("}")
                if depth <= 0 and j > i:
                    # include a trailing "} else {" ... "}" chain
                    if lines[j].strip().startswith("} else") and lines[j].strip().endswith("{"):
                        depth = 1
                        continue
                    out.append((i, j))
                    break
        else:
            out.append((i, i))
    return out


def level_of(sig):
    m = re.search(r"(-O[02])", sig)
    return (m.group(1),) if m else ("-O0",)


def same_failure(sig, want):
    if sig is not None and not want.startswith("check"):
        return sig == want
    return sig is not None and sig.split(":")[0] == want.split(":")[0] and (
        not want.startswith("check") or set(sig.split(": ", 1)[1].split(",")) & set(want.split(": ", 1)[1].split(",")))


def reduce(prog, sig, budget_s, wd):
    """Greedy removal of statements and unwrapping of blocks while the failure stays."""
    t0 = time.time()
    levels = level_of(sig)
    bodies = {f.name: list(f.lines) for f in prog.funcs}
    funcs = list(prog.funcs)
    tries = 0

    def build(b, fs):
        q = gen.Program.__new__(gen.Program)
        q.__dict__.update(prog.__dict__)
        q.funcs = fs
        return gen.single_test(q, b)

    def fails(b, fs):
        nonlocal tries
        tries += 1
        s, _, _ = check_file(build(b, fs), wd, levels)
        return same_failure(s, sig)

    changed = True
    while changed and time.time() - t0 < budget_s:
        changed = False
        # drop helpers nobody calls
        for f in list(funcs):
            if f is funcs[-1]:
                continue
            if not any(f.name + "(" in "\n".join(bodies[g.name]) for g in funcs if g is not f):
                if f.checked and not fails(bodies, [g for g in funcs if g is not f]):
                    continue
                funcs = [g for g in funcs if g is not f]
                changed = True
        for f in funcs:
            i = 0
            while time.time() - t0 < budget_s:
                us = [u for u in units(bodies[f.name]) if u[0] >= i]
                if not us:
                    break
                a, b = us[0]
                lines = bodies[f.name]
                trial = dict(bodies)
                trial[f.name] = lines[:a] + lines[b + 1:]
                if fails(trial, funcs):
                    bodies = trial
                    changed = True
                    continue
                if b > a:  # unwrap the block: keep its body
                    inner = [l for l in lines[a + 1:b] if not l.strip().startswith("} else")]
                    trial[f.name] = lines[:a] + [l[4:] if l.startswith("    " * 2) else l for l in inner] + lines[b + 1:]
                    if fails(trial, funcs):
                        bodies = trial
                        changed = True
                        continue
                i = a + 1
    return build(bodies, funcs), tries


def write_failure(outdir, seed, sig, detail, do_reduce, budget):
    d = os.path.join(outdir, "fail-%d" % seed)
    os.makedirs(d, exist_ok=True)
    prog = make(seed)
    with open(os.path.join(d, "original.c"), "w") as f:
        f.write(gen.single_test(prog))
    reduced, tries = None, 0
    if do_reduce:
        with tempfile.TemporaryDirectory(prefix="cgrad-fuzz-red-") as wd:
            # confirm alone, with the lit test's own layout
            s, det, _ = check_file(gen.single_test(prog), wd, ("-O0", "-O2"))
            if s is not None:
                sig, detail = s, det
                reduced, tries = reduce(prog, sig, budget, wd)
    text = reduced or gen.single_test(prog)
    flag = " --affine" if CFG.get("affine") else ""
    text = text.replace("// Generated by test/fuzz/gen.py%s, seed %d." % (flag, seed),
                        "// Generated by test/fuzz/gen.py%s, seed %d%s; it failed with: %s" %
                        (flag, seed, ", reduced" if reduced else "", sig))
    with open(os.path.join(d, "reduced.c"), "w") as f:
        f.write(text)
    with open(os.path.join(HERE, "fuzz_check.h")) as h:
        hdr = h.read()
    with open(os.path.join(d, "standalone.c"), "w") as f:
        f.write(text.replace('#include "fuzz_check.h"', "/* ---- test/fuzz/fuzz_check.h ---- */\n" + hdr +
                             "/* ---- end of fuzz_check.h ---- */").replace(" -I%S/../fuzz", ""))
    with open(os.path.join(d, "log.txt"), "w") as f:
        f.write("seed %d\nfailure: %s\nreduction tries: %d\n\n%s\n" % (seed, sig, tries, detail[-20000:]))
    return sig


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=int(os.environ.get("CGRAD_FUZZ_N", "200")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("CGRAD_FUZZ_SEED", "1")))
    ap.add_argument("--batch", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", default="fuzz-out")
    ap.add_argument("--build", default=None, help="a cgrad build folder (bin/cgrad, lib/libcgrad.a)")
    ap.add_argument("--cgrad", default=None, help="the translator command (default BUILD/bin/cgrad)")
    ap.add_argument("--cc", default=None, help="the C compiler command (default clang-19 -std=c11 -I include)")
    ap.add_argument("--link", default=None, help="link flags (default -L BUILD/lib -l:libcgrad.a -fopenmp -lm)")
    ap.add_argument("--no-reduce", action="store_true")
    ap.add_argument("--reduce-budget", type=float, default=180, help="seconds per failure")
    ap.add_argument("--max-reduce", type=int, default=3, help="failures reduced per kind")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--affine", action="store_true", help="gen.py --affine programs (two copies of each _vjp)")
    a = ap.parse_args()
    CFG["affine"] = a.affine
    root = os.path.dirname(os.path.dirname(HERE))
    build = a.build or os.path.join(root, "build")
    CFG["cgrad"] = shlex.split(a.cgrad) if a.cgrad else [os.path.join(build, "bin", "cgrad")]
    CFG["cc"] = shlex.split(a.cc) if a.cc else ["clang-19", "-std=c11", "-I" + os.path.join(root, "include")]
    CFG["link"] = shlex.split(a.link) if a.link else ["-L" + os.path.join(build, "lib"), "-l:libcgrad.a", "-fopenmp", "-lm"]
    os.makedirs(a.out, exist_ok=True)
    seeds = list(range(a.seed, a.seed + a.n))
    batches = [seeds[i:i + a.batch] for i in range(0, len(seeds), a.batch)]
    t0 = time.time()
    ok, fails, skips, gen_errors = 0, {}, 0, {}
    versioned = [0, 0]
    done_seeds = []
    interrupted = False
    pool = multiprocessing.Pool(a.jobs, initializer=CFG.update, initargs=(dict(CFG),))
    try:
        for k, r in enumerate(pool.imap_unordered(run_batch, batches)):
            done_seeds += r["ok"] + list(r["fail"]) + list(r["gen_error"])
            ok += len(r["ok"])
            skips += r["skips"]
            fails.update(r["fail"])
            gen_errors.update(r["gen_error"])
            versioned = [versioned[0] + r["versioned"][0], versioned[1] + r["versioned"][1]]
            for s, (sig, _) in r["fail"].items():
                print("seed %d: FAIL %s" % (s, sig), flush=True)
            if not a.quiet and (k + 1) % 10 == 0:
                print("... %d/%d batches, %d passed, %d failed, %.0f s" % (k + 1, len(batches), ok, len(fails), time.time() - t0),
                      flush=True)
    except KeyboardInterrupt:  # SIGINT to the runner: stop, and report what was done
        interrupted = True
        pool.terminate()
    else:
        pool.close()
    pool.join()
    if interrupted:
        seeds = sorted(done_seeds)
    t_run = time.time() - t0
    # write (and reduce a few of each kind of) the failures
    per_kind = {}
    kinds = {}
    for s in sorted(fails):
        sig, detail = fails[s]
        kind = re.sub(r" -O[02]", "", sig)
        kinds.setdefault(kind, []).append(s)
        per_kind[kind] = per_kind.get(kind, 0) + 1
        do_red = not a.no_reduce and per_kind[kind] <= a.max_reduce
        write_failure(a.out, s, sig, detail, do_red, a.reduce_budget)
    summary = {"interrupted": interrupted, "programs": len(seeds), "passed": ok, "failed": len(fails), "generator_errors": len(gen_errors),
               "skipped_points": skips, "seeds": [min(seeds), max(seeds)] if seeds else [], "contiguous": seeds == list(range(min(seeds), max(seeds) + 1)) if seeds else True, "seconds": round(t_run, 1),
               "seconds_with_reduction": round(time.time() - t0, 1), "failures_by_kind": kinds,
               "generator_error_seeds": gen_errors}
    if a.affine:
        summary["affine"] = True
        summary["vjp_versioned"] = versioned
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print("fuzz: %d programs (seeds %d..%d), %d passed, %d failed, %d generator errors, %d points skipped, %.0f s" % (
        len(seeds), min(seeds) if seeds else 0, max(seeds) if seeds else 0, ok, len(fails), len(gen_errors), skips, t_run))
    if a.affine:
        print("  _vjp definitions versioned (cg_disjoint, _noalias copy): %d of %d" % tuple(versioned))
    for kind, ss in sorted(kinds.items()):
        print("  %-60s %d  (seeds %s%s)" % (kind, len(ss), ", ".join(map(str, ss[:8])), "..." if len(ss) > 8 else ""))
    if fails:
        print("reproducers: %s/fail-SEED/" % a.out)
    return 1 if fails or gen_errors else 0


if __name__ == "__main__":
    sys.exit(main())
