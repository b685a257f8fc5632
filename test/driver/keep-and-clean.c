// --keep and CGRAD_KEEP=1 keep the generated C beside the object; the private
// directory is removed after success, after a failure, and on a signal.
// RUN: rm -rf %t && mkdir -p %t/tmp %t/obj && cd %t && cp %s kept.c
// RUN: env TMPDIR=%t/tmp cgradcc --keep -c kept.c -o obj/k.o
// RUN: FileCheck --check-prefix=KEPT %s < obj/k.cgrad.c
// KEPT: double kept(double x)
// KEPT: double kept_jvp(double x, double x_d, double *ret_d)
// RUN: env TMPDIR=%t/tmp CGRAD_KEEP=1 cgradcc -c kept.c
// RUN: FileCheck --check-prefix=KEPT %s < kept.cgrad.c
// RUN: env TMPDIR=%t/tmp CGRAD_KEEP=1 cgradcc kept.c -DWITH_MAIN -o obj/prog
// RUN: FileCheck --check-prefix=KEPT %s < obj/kept.cgrad.c
// RUN: ./obj/prog
// RUN: env TMPDIR=%t/tmp CGRAD_KEEP=0 cgradcc -c kept.c -o obj/n.o
// RUN: not ls obj/n.cgrad.c
// RUN: ls %t/tmp | count 0
//
// The compile fails after the translation: the kept file is there to look at.
// RUN: env TMPDIR=%t/tmp not cgradcc --keep -c kept.c -DUNUSED_VAR -Wall -Werror -o obj/bad.o
// RUN: FileCheck --check-prefix=KEPT %s < obj/bad.cgrad.c
// RUN: ls %t/tmp | count 0
//
// SIGTERM while the translator runs: cgradcc cleans up and dies of it.
// RUN: env TMPDIR=%t/tmp CGRAD_TRANSLATOR=%S/Inputs/kill-parent %S/Inputs/status cgradcc -c kept.c | FileCheck --check-prefix=SIG %s
// SIG: exit status 143
// RUN: ls %t/tmp | count 0
double kept(double x) { return 2.0 * x; }
#pragma cgrad differentiate kept mode(tangent)
#ifdef UNUSED_VAR
int unused_var(void) {
    int unused;
    return 0;
}
#endif
#ifdef WITH_MAIN
double kept_jvp(double x, double x_d, double *ret_d);    /* generated below this file */
int main(void) {
    double d;
    return !(kept_jvp(1.0, 1.0, &d) == 2.0 && d == 2.0);
}
#endif
