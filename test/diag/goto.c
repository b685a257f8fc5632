// goto and labels in a differentiated function are rejected at the goto.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x) {
    if (x > 0)
// CHECK: {{^}}{{.*}}goto.c:[[@LINE+2]]:9: error: cannot differentiate through 'goto' and labels; restructure the code with loops, 'break' or 'continue'
// CHECK-NEXT: {{^}}        goto done;
        goto done;
    x = -x;
done:
    return x * x;
}
// CHECK: {{^}}{{.*}}goto.c:[[@LINE+1]]:1: note: while differentiating 'f', requested here
#pragma cgrad differentiate f mode(tangent)

// A goto in a function that is not differentiated is fine.
int g(int n) {
    if (n > 0) goto out;
    n = 0;
out:
    return n;
}
