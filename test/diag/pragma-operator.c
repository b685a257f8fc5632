// cgrad reads its directives from the text, before macros expand, so a
// `_Pragma("cgrad ...")` was silently never seen (cgradcc even routes such
// files to the translator): now it is an error, wherever it stands outside
// comments, literals and skipped #if regions.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
/* a comment quoting _Pragma("cgrad differentiate f") is fine */
// CHECK: {{^}}{{.*}}pragma-operator.c:[[@LINE+1]]:14: error: cgrad reads its directives as '#pragma cgrad' lines, before macros expand, so it never sees this one; write it as a '#pragma cgrad' line
#define DIFF _Pragma("cgrad differentiate f")
double f(double x) { return x * x; }
const char *quoted = "_Pragma(\"cgrad inactive g\")";
// CHECK: {{^}}{{.*}}pragma-operator.c:[[@LINE+1]]:1: error: cgrad reads its directives
_Pragma( "cgrad differentiate f")
#if 0
_Pragma("cgrad differentiate f")
#endif
_Pragma("GCC diagnostic push")
