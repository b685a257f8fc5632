// A translator error keeps its file:line:col form, cgradcc exits with the
// translator's status, and nothing is compiled, written or left behind.
// RUN: rm -rf %t && mkdir -p %t/tmp && cd %t && cp %s bad.c
// RUN: env TMPDIR=%t/tmp %S/Inputs/status cgradcc -c bad.c -o bad.o 2>&1 | FileCheck %s
// CHECK: bad.c:[[@LINE+12]]:29: error: unknown function 'nosuch'
// CHECK: exit status 1
// RUN: not ls bad.o
// RUN: ls %t/tmp | count 0
// The stand-in translator fails with status 3: cgradcc passes it on.
// RUN: printf '#pragma cgrad fake-error\n' > fake.c
// RUN: env TMPDIR=%t/tmp CGRAD_TRANSLATOR=%S/Inputs/fake-cgrad %S/Inputs/status cgradcc fake.c -o prog 2>&1 \
// RUN:   | FileCheck --check-prefix=FAKE %s
// FAKE: fake.c:1:15: error: unknown cgrad directive 'fake-error'
// FAKE-NEXT: exit status 3
// RUN: ls %t/tmp | count 0
double fine(double x) { return x; }
#pragma cgrad differentiate nosuch mode(tangent)
