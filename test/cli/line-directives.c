// The output starts with #line 1 "INPUT" so that the compiler's messages about
// the user's code point at the user's source, and switches to the output file
// before the generated code; --no-line leaves both out.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --no-line %s -o %t.noline.c
// RUN: not %cc -DBREAK -c %t.c -o %t.o 2>&1 | FileCheck %s --check-prefix=USER -DSRC=%s
// RUN: %cc -Wno-error -Wunused-function -c %t.c -o %t.o 2>&1 | FileCheck %s --check-prefix=GEN -DOUT=%t.c
// RUN: FileCheck %s --check-prefix=NOLINE < %t.noline.c
// RUN: %cc -Wno-unused-function -c %t.noline.c -o %t.o

static double sq(double x) { return x * x; }
#pragma cgrad differentiate sq mode(tangent)

#ifdef BREAK
// USER: [[SRC]]:[[@LINE+1]]:2: error: this line is in the user's source
#error this line is in the user's source
#endif

double use(double x) { return sq(x); }

// The generated static sq_jvp is unused: the warning points into the output.
// GEN: [[OUT]]:{{[0-9]+}}:15: warning: unused function 'sq_jvp'

// NOLINE-NOT: {{^}}#line
// NOLINE:     static double sq_jvp(double x, double x_d, double *ret_d) {
// NOLINE-NOT: {{^}}#line
