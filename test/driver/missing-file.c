// A missing source is reported in clang's style, with status 1, before any
// tool runs; a missing object or library is the compiler's to report.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: not cgradcc -c nothere.c 2>&1 | FileCheck --check-prefix=SRC %s
// RUN: %S/Inputs/status cgradcc -c nothere.c 2>&1 | FileCheck --check-prefix=STATUS %s
// RUN: not cgradcc %s nothere.o -o prog 2>&1 | FileCheck --check-prefix=OBJ %s
// RUN: not ls prog
// SRC: cgradcc: error: no such file or directory: 'nothere.c'
// STATUS: exit status 1
// OBJ: error: no such file or directory: 'nothere.o'
double here(double x) { return x; }
#pragma cgrad differentiate here mode(tangent)
