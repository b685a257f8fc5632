// -E and -S pass through to the real compiler, on the translated text: the
// preprocessed output and the assembly contain the derivative, line markers
// name the user's file (the generated part as NAME.cgrad.c, the name --keep
// gives it), never the private directory.
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s sq.c
// RUN: cgradcc -E sq.c | FileCheck --check-prefix=PP %s
// RUN: cgradcc -E -DBIAS=7 sq.c -o sq.i && FileCheck --check-prefix=PP-BIAS %s < sq.i
// RUN: cgradcc -E -P sq.c | FileCheck --check-prefix=PP-P %s
// RUN: cgradcc -S sq.c && FileCheck --check-prefix=ASM %s < sq.s
// RUN: cgradcc -S -O2 sq.c -o - | FileCheck --check-prefix=ASM %s
// RUN: cgradcc -fsyntax-only -Wall -Werror sq.c
// RUN: cgradcc -E sq.c -o sq2.i && not grep -e cgradcc- sq2.i
//
// PP: # 1 "sq.cgrad.c"
// PP: # 1 "sq.c"
// PP: double sq(double x) { return x * x + 0; }
// PP: # {{[0-9]+}} "sq.cgrad.c"
// PP: double sq_jvp(double x, double x_d, double *ret_d)
// PP-BIAS: double sq(double x) { return x * x + 7; }
// PP-P-NOT: #
// PP-P: sq_jvp
// ASM: sq_jvp:
#ifndef BIAS
#define BIAS 0
#endif
double sq(double x) { return x * x + BIAS; }
#pragma cgrad differentiate sq mode(tangent)
