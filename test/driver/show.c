// --show prints the commands without running them; the translator gets only
// preprocessor and language flags (no -MD/-MF that libclang would act on, no
// warnings, optimization or link flags); the compiler gets everything.
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s shown.c
// RUN: env CGRAD_CC=clang-19 cgradcc --show -c shown.c -o shown.o -MD -MF shown.d -O2 -g -Wall -I inc -Iinc2 -DA=1 -D B -UC -std=c99 -include stdio.h -isystem sys -fopenmp -march=x86-64 \
// RUN:   | FileCheck --check-prefix=SHOW %s
// RUN: not ls shown.o shown.d
// SHOW:      {{^[^ ]*}}cgrad -I inc -Iinc2 -DA=1 -D B -UC -std=c99 -include stdio.h -isystem sys -fopenmp -march=x86-64 -isystem {{[^ ]+}} shown.c -o {{[^ ]*}}/cgradcc-{{[^ /]+}}/0/shown.c{{$}}
// SHOW-NEXT: {{^}}clang-19 -iquote . -c -o shown.o -MD -MF shown.d -O2 -g -Wall -I inc -Iinc2 -DA=1 -D B -UC -std=c99 -include stdio.h -isystem sys -fopenmp -march=x86-64 -ffile-prefix-map={{[^ ]*}}/0/shown.c=shown.cgrad.c -isystem {{[^ ]+}} -x c {{[^ ]*}}/0/shown.c{{$}}
// SHOW-NOT: {{.}}
//
// Linking: the translated source becomes an object first, without link
// flags; the link line takes the object in the source's place and the runtime.
// RUN: env CGRAD_CC=clang-19 cgradcc --show shown.c -L/opt/lib -lfoo -Wl,--as-needed -o prog | FileCheck --check-prefix=LINK %s
// LINK:      cgrad {{.*}} shown.c -o [[T:[^ ]*/cgradcc-[^ /]+]]/0/shown.c{{$}}
// LINK-NEXT: {{^}}clang-19 -iquote . -ffile-prefix-map={{.*}} -x c [[T]]/0/shown.c -c -o [[T]]/0/shown.o{{$}}
// LINK-NEXT: {{^}}clang-19 [[T]]/0/shown.o -L/opt/lib -lfoo -Wl,--as-needed -o prog -isystem {{[^ ]+}} {{[^ ]*}}libcgrad.a -fopenmp -lopenblas -lm{{( -fsanitize=[^ ]+)*$}}
// RUN: not ls prog
//
// Words with spaces or quotes come out quoted for a POSIX shell.
// RUN: env CGRAD_CC=clang-19 cgradcc --show -c shown.c "-DMSG=it's here" | FileCheck --check-prefix=QUOTE %s
// QUOTE: cgrad '-DMSG=it'\''s here' -isystem
//
// What the translator really receives, seen by the stand-in translator.
// RUN: env CGRAD_TRANSLATOR=%S/Inputs/fake-cgrad CGRAD_FAKE_LOG=%t/args cgradcc -c shown.c -MD -O2 -Wall -Werror -DA=1 -I inc
// RUN: FileCheck --check-prefix=ARGS %s < %t/args
// ARGS:      -DA=1
// ARGS-NEXT: -I
// ARGS-NEXT: inc
// ARGS-NEXT: -isystem
// ARGS-NEXT: {{.*}}include
// ARGS-NEXT: shown.c
// ARGS-NEXT: -o
// ARGS-NEXT: {{.*}}/0/shown.c
// ARGS-NOT: {{.}}
double shown(double x) { return 3.0 * x; }
#pragma cgrad differentiate shown mode(tangent)
