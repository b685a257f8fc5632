// A call to a function whose body cgrad cannot see, with an active argument, needs a derivative.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double ext(double);

double f(double x) {
// CHECK: {{^}}{{.*}}call-without-body.c:[[@LINE+2]]:16: error: no derivative for 'ext': it has no body in this file; declare one with '#pragma cgrad derivative ext tangent(NAME) adjoint(NAME)' or mark it '#pragma cgrad inactive ext'
// CHECK-NEXT: {{^}}    return 2 * ext(x * x);
    return 2 * ext(x * x);
}
#pragma cgrad differentiate f mode(tangent)

