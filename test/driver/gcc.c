// CGRAD_CC=gcc: gcc compiles and links, the translated code and the runtime
// included; dependency files come out as with clang.
// REQUIRES: gcc
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s poly.c && cp %S/Inputs/poly-main.c main.c && cp %S/Inputs/plain.c plain.c
// RUN: env CGRAD_CC=gcc cgradcc --show -c poly.c | FileCheck --check-prefix=SHOW %s
// SHOW: {{^}}gcc -iquote . -c
// RUN: env CGRAD_CC=gcc cgradcc -O2 -Wall -Werror poly.c main.c plain.c -o prog
// RUN: ./prog | FileCheck --check-prefix=EXEC %s
// EXEC: poly(2) = 11, poly'(2) = 14 ok
// RUN: env CGRAD_CC=gcc cgradcc -MD -c poly.c -o poly.o
// RUN: FileCheck --check-prefix=DEP %s < poly.d
// DEP: poly.o: poly.c
// RUN: not grep cgradcc- poly.d
// Several words in CGRAD_CC, as in CC.
// RUN: env "CGRAD_CC=gcc -m64" cgradcc --show -c poly.c | FileCheck --check-prefix=WORDS %s
// WORDS: {{^}}gcc -m64 -iquote . -c
double poly(double x) { return x * x * x + 2.0 * x - 1.0; }
#pragma cgrad differentiate poly mode(tangent)
