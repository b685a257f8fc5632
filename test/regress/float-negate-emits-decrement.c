// cgrad fuzzer (test/fuzz), seed 21, reduced by hand.
// FIXED BUG, kept as a regression test (generated code does not compile): in a float function, the adjoint
// of cos(-s) (a double math call on a float argument) is printed as
//     _s_b += --(_g * sin(-s));
// two unary minuses with no space or parentheses between them, which C
// reads as the decrement operator: "error: expression is not assignable".
// The double version prints fine.
// RUN: %cgrad %s -o %t.c
// RUN: %cc -c %t.c -o %t.o
#include <math.h>
float f(float s) { return cos(-s); }
#pragma cgrad differentiate f
