// -MD/-MMD/-MF/-MT/-MP: dependency files name the user's source and headers,
// never the translated copy, so make sees an up-to-date build as up to date.
// RUN: rm -rf %t && mkdir -p %t/obj && cd %t && cp %s dep.c && echo 'double dep_scale(void);' > dep.h
//
// -MD beside the object, target named after it.
// RUN: cgradcc -MD -c dep.c
// RUN: FileCheck --check-prefix=MD %s < dep.d
// MD: dep.o: dep.c dep.h
// RUN: cgradcc -MD -c dep.c -o obj/d.o
// RUN: FileCheck --check-prefix=MDO %s < obj/d.d
// MDO: obj/d.o: dep.c dep.h
//
// -MMD -MF -MT -MP, as CMake and Ninja write them.
// RUN: cgradcc -MMD -MT obj/x.o -MF obj/x.d -MP -c dep.c -o obj/x.o
// RUN: FileCheck --check-prefix=MMD %s < obj/x.d
// MMD: obj/x.o: dep.c dep.h
// MMD-NEXT: dep.h:
// RUN: not grep -e cgradcc- -e cgrad.h obj/x.d
//
// -E -MD: the target is the -E output, or the object clang would name.
// RUN: cgradcc -E -MD dep.c -o obj/dep.i
// RUN: FileCheck --check-prefix=EMD %s < obj/dep.d
// EMD: obj/dep.i: dep.c dep.h
// RUN: cgradcc -E -MD dep.c > dep.i
// RUN: FileCheck --check-prefix=MD %s < dep.d
//
// make: built once, then up to date (`make -q` exits 0).
// RUN: cp %S/Inputs/dep.mk Makefile
// RUN: make CC=cgradcc
// RUN: make -q CC=cgradcc
#include "dep.h"
double dep(double x) { return x * dep_scale(); }
#pragma cgrad differentiate dep mode(tangent)
double dep_scale(void) { return 2.0; }
