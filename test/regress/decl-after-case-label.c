// cgrad fuzzer (test/fuzz), seed 16, reduced by hand.
// FIXED BUG, kept as a regression test (generated code does not compile): a declaration right after a case
// label ("label followed by a declaration", C23 / clang extension, accepted
// by cgrad's front end) is emitted inside its own { } block in _jvp and
// _vjp, so its scope ends before the statements that use it:
//   u.out.c:30: error: use of undeclared identifier 'h_d'
//   u.out.c:31: error: use of undeclared identifier 'h'
// Either keep the declaration in the case's scope or reject it with a
// diagnostic (it is not C11).
// RUN: %cgrad %s -o %t.c
// RUN: %cc -Wno-error -w -c %t.c -o %t.o
double g(double x) {
    switch (0) {
    default:
        double h[2];
        for (int i = 0; i < 2; i++) h[i] = x * i;
        x = h[1];
        break;
    }
    return x;
}
#pragma cgrad differentiate g
