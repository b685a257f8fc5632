// -x c: any file name is a C source, and a cgrad pragma in it is translated;
// objects and the runtime after a `-x c` are not mistaken for C.  Standard
// input cannot be scanned, so it is compiled untranslated.
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s lang.txt && cp %S/Inputs/plain.c plain.c
// RUN: cgradcc -x c -c lang.txt -o lang.o
// RUN: llvm-nm lang.o | FileCheck --check-prefix=SYMS %s
// SYMS: T lang_jvp
// RUN: cgradcc -c plain.c && cgradcc plain.o -x c lang.txt -DWITH_MAIN -o prog && ./prog
// RUN: cgradcc -x c lang.txt -x none plain.o -DWITH_MAIN -o prog2 && ./prog2
// RUN: cgradcc -x c -c - -o stdin.o < lang.txt
// RUN: llvm-nm stdin.o | FileCheck --check-prefix=STDIN %s
// STDIN-NOT: lang_jvp
// STDIN: T lang
// STDIN-NOT: lang_jvp
double lang(double x) { return 5.0 * x; }
#pragma cgrad differentiate lang mode(tangent)
#ifdef WITH_MAIN
double lang_jvp(double x, double x_d, double *ret_d);
double plain_offset(void);
int main(void) {
    double d;
    return !(lang_jvp(1.0, 1.0, &d) == 5.0 + plain_offset() && d == 5.0);
}
#endif
