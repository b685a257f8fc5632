#!/usr/bin/env python3
"""Runs lit over the suite and ends with a plain 'N passed, N failed' line.

lit's own summary is kept; the last line is for CI, which reads it.
Extra lit flags can be given in CGRAD_LIT_OPTS (e.g. "--filter forward").
"""
import os
import re
import shlex
import subprocess
import sys

lit, suite = sys.argv[1], sys.argv[2]
jobs = os.environ.get("CGRAD_LIT_JOBS", str(os.cpu_count() or 2))
cmd = [sys.executable, lit, "-sv", "-j", jobs, suite] + shlex.split(os.environ.get("CGRAD_LIT_OPTS", ""))
proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
sys.stdout.write(proc.stdout)

counts = {}
for name, n in re.findall(r"^\s*(Passed|Failed|Unsupported|Expectedly Failed|Unresolved|Timed Out|Unexpectedly Passed)\s*:\s*(\d+)", proc.stdout, re.M):
    counts[name] = int(n)
passed = counts.get("Passed", 0) + counts.get("Expectedly Failed", 0)
failed = sum(counts.get(k, 0) for k in ("Failed", "Unresolved", "Timed Out", "Unexpectedly Passed"))
skipped = counts.get("Unsupported", 0)
print(f"check: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(proc.returncode if proc.returncode else (1 if failed or not passed else 0))
