#!/usr/bin/env python3
"""Compiles and runs the C snippets of the documentation pages.

Every ```c block of a page must be preceded (on the line before the fence)
by an HTML comment saying what to do with it:

  <!-- test: run [file=NAME.c] -->      a complete program: built with cgradcc
                                        (-std=c11 -Wall -Wextra -Werror) and run;
                                        it must exit 0.  If the next fenced
                                        block is marked <!-- test: output -->,
                                        the program's stdout must equal it.
  <!-- test: compile [file=NAME.c] -->  a complete translation unit: translated
                                        and compiled with cgradcc -c, -Werror.
  <!-- test: error [file=NAME.c] -->    the translator must reject it (exit 1);
                                        the next fenced block, marked
                                        <!-- test: stderr -->, must equal its
                                        standard error.

A ```c block without a marker fails the check, so no snippet goes untested.
Usage: check_snippets.py CGRADCC WORKDIR PAGE.md...   (cgrad is found next to
cgradcc; error snippets are translated with -I<source>/include)
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys

MARK = re.compile(r"<!--\s*test:\s*(\w+)((?:\s+\w+=\S+)*)\s*-->")


def blocks(text):
    """Yields (lang, body, marker, lineno) for each fenced block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        lang, start = m.group(1), i
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        body = "\n".join(lines[i + 1:j]) + "\n"
        k = start - 1
        while k >= 0 and lines[k].strip() == "":
            k -= 1
        marker = MARK.match(lines[k].strip()) if k >= 0 else None
        yield lang, body, marker, start + 1
        i = j + 1


def check_one(cgrad, cgradcc, include, where, kind, opts, body, nxt, d):
    """Checks one snippet; returns the list of failure messages."""
    os.makedirs(d)
    src = opts.get("file", "example.c")
    with open(os.path.join(d, src), "w") as f:
        f.write(body)
    nxt_kind = nxt[2].group(1) if nxt and nxt[2] else None
    if kind == "error":
        r = subprocess.run([cgrad, "-I" + os.path.normpath(include), src, "-o", "out.c"], cwd=d,
                           capture_output=True, text=True)
        if r.returncode != 1:
            return ["%s: expected the translator to fail with exit 1, got %d" % (where, r.returncode)]
        if nxt_kind != "stderr":
            return ["%s: an error snippet needs a following <!-- test: stderr --> block" % where]
        if r.stderr != nxt[1]:
            return ["%s: the translator's stderr differs from the page:\n--- page\n%s--- actual\n%s"
                    % (where, nxt[1], r.stderr)]
        if os.path.exists(os.path.join(d, "out.c")):
            return ["%s: the translator wrote out.c despite the error" % where]
        return []
    flags = ["-std=c11", "-O1", "-Wall", "-Wextra", "-Werror"]
    if kind == "compile":
        r = subprocess.run([cgradcc] + flags + ["-c", src], cwd=d, capture_output=True, text=True)
        return ["%s: does not compile:\n%s" % (where, r.stderr)] if r.returncode != 0 else []
    r = subprocess.run([cgradcc] + flags + [src, "-o", "prog"], cwd=d, capture_output=True, text=True)
    if r.returncode != 0:
        return ["%s: does not build:\n%s" % (where, r.stderr)]
    r = subprocess.run(["./prog"], cwd=d, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        return ["%s: exited %d:\n%s%s" % (where, r.returncode, r.stdout, r.stderr)]
    if nxt_kind == "output" and r.stdout != nxt[1]:
        return ["%s: output differs from the page:\n--- page\n%s--- actual\n%s" % (where, nxt[1], r.stdout)]
    return []


def main():
    cgradcc, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    pages = sys.argv[3:]
    cgrad = os.path.join(os.path.dirname(cgradcc), "cgrad")
    include = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "include")
    failures, count = [], 0
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    jobs = []
    for page in pages:
        items = list(blocks(open(page, encoding="utf-8").read()))
        name = os.path.basename(page)
        for idx, (lang, body, marker, line) in enumerate(items):
            where = "%s:%d" % (name, line)
            kind = marker.group(1) if marker else None
            if lang != "c":
                continue
            if kind not in ("run", "compile", "error"):
                failures.append("%s: C block without a <!-- test: run|compile|error --> marker" % where)
                continue
            count += 1
            nxt = items[idx + 1] if idx + 1 < len(items) else None
            d = os.path.join(work, "%s-%d" % (name.replace(".md", ""), line))
            jobs.append((where, kind, dict(o.split("=", 1) for o in marker.group(2).split()), body, nxt, d))
    # Each snippet is independent: run them on every core.
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for result in pool.map(lambda j: check_one(cgrad, cgradcc, include, *j), jobs):
            failures.extend(result)
    for f in failures:
        print("FAIL " + f)
    print("%d snippets checked, %d failures" % (count, len(failures)))
    return 1 if failures or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
