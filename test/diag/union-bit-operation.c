// A floating value changed through a union's integer member with an
// operation that reads its bits (a sign flip `u.bits ^= sign`) has a
// derivative cgrad cannot know: refused in both modes.  Storing a whole new
// integer value is fine (regress/union-bits-overwrite-derivative.c).  Found
// by a blind corpus, which got zero where finite differences gave -2x.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
// RUN: sed 's/mode(adjoint)/mode(tangent)/' %s > %t.tan.c
// RUN: not %cgrad %t.tan.c -o %t.c 2>&1 | %filecheck %s
typedef union {
    double d;
    unsigned long long bits;
} DU;

double f(double x) {
    DU b;
    b.d = x * x;
// CHECK: {{^}}{{.*}}.c:[[@LINE+1]]:7: error: cgrad cannot differentiate bit operations on a floating value through a union's integer member; compute it in floating point (for a sign flip, -x)
    b.bits ^= 0x8000000000000000ull;
    return b.d;
}
#pragma cgrad differentiate f mode(adjoint)
