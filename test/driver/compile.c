// -c and -o in their combinations, several sources at once, .c/.o/.a mixed on
// one link line; every linked program checks the derivative cgradcc compiled.
// RUN: rm -rf %t && mkdir -p %t/sub && cd %t
// RUN: cp %s poly.c && cp %S/Inputs/poly-main.c main.c && cp %S/Inputs/plain.c plain.c
//
// -c without -o: objects named after the sources, in the current directory.
// RUN: cgradcc -c poly.c plain.c
// RUN: llvm-nm poly.o | FileCheck --check-prefix=SYMS %s
// RUN: llvm-nm plain.o | FileCheck --check-prefix=PLAIN %s
// SYMS-DAG: T poly
// SYMS-DAG: T poly_jvp
// PLAIN: T plain_offset
//
// -c -o into another directory, both spellings of -o.
// RUN: cgradcc -c poly.c -o sub/p1.o
// RUN: cgradcc -c -osub/p2.o poly.c
// RUN: llvm-nm sub/p2.o | FileCheck --check-prefix=SYMS %s
//
// Linking: sources only (a.out); a .c with an .o and an .a; -L and -l;
// the usual flags, -Werror included (the generated code is clean).
// RUN: cgradcc poly.c main.c plain.c
// RUN: ./a.out | FileCheck --check-prefix=EXEC %s
// RUN: llvm-ar rc libplain.a plain.o
// RUN: cgradcc main.c sub/p1.o libplain.a -o sub/prog
// RUN: ./sub/prog | FileCheck --check-prefix=EXEC %s
// RUN: cgradcc -c main.c && cgradcc main.o poly.c -L. -lplain -o prog2
// RUN: ./prog2 | FileCheck --check-prefix=EXEC %s
// RUN: cgradcc -g -O2 -Wall -Wextra -Werror -std=c11 -DSCALE=3 poly.c main.c plain.c -o prog3
// RUN: ./prog3 | FileCheck --check-prefix=EXEC3 %s
// RUN: ls | FileCheck --check-prefix=LS %s
//
// Debug info names the user's file for the user's code and poly.cgrad.c (what
// --keep writes) for the generated code, never the private directory.
// RUN: cgradcc -g -c poly.c -o dbg.o
// RUN: llvm-dwarfdump --debug-line --debug-info dbg.o | FileCheck --check-prefix=DWARF %s
// DWARF-NOT: cgradcc-
// DWARF: DW_AT_name ("poly.cgrad.c")
// DWARF-NOT: cgradcc-
// DWARF: name: "poly.c"
// DWARF-NOT: cgradcc-
// EXEC: poly(2) = 11, poly'(2) = 14 ok
// EXEC3: poly(2) = 33, poly'(2) = 42 ok
// LS-NOT: cgrad.c
// LS-NOT: .d{{$}}
#ifndef SCALE
#define SCALE 1
#endif

double poly(double x) { return SCALE * (x * x * x + 2.0 * x - 1.0); }
#pragma cgrad differentiate poly mode(tangent)
