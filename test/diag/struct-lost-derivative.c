// Derivatives live in members of local struct variables ('s.a = ...').  A
// blind test corpus found every other way a struct can hold a value that
// depends on the inputs dropping its derivative without a word, or emitting
// 'V a_d = 0.0' that does not compile.  Each is now an error.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
typedef struct { double x, m; } V;

static double dot(V a, V b) { return a.x * b.x + a.m * b.m; }
static V make(double x, double m) {
    V v;
    v.x = x;
    v.m = m;
    return v;
}
static void scale(V *v, double s) {
    v->x *= s;   // reported with the derivative of through_helper, which calls it
}

double whole_copy(const double *q) {
    V a, b;
    a.x = q[0];
    a.m = q[1];
// CHECK: {{^}}{{.*}}struct-lost-derivative.c:[[@LINE+1]]:5: error: cgrad cannot carry derivatives through an assignment of a whole struct; assign its floating members one by one
    b = a;
    return b.x * b.m;
}
#pragma cgrad differentiate whole_copy

double by_value(const double *q) {
    V a;
    a.x = q[0];
    a.m = q[1];
// CHECK: {{^}}{{.*}}struct-lost-derivative.c:[[@LINE+1]]:16: error: a struct that holds derivatives cannot be passed by value; pass its floating members as separate arguments
    return dot(a, a);
}
#pragma cgrad differentiate by_value

double returned(const double *q) {
// CHECK: {{^}}{{.*}}struct-lost-derivative.c:[[@LINE+1]]:11: error: a function that returns a struct cannot carry derivatives in it; return the values through pointer parameters
    V a = make(q[0], q[1]);
    return a.x * a.m;
}
#pragma cgrad differentiate returned

double array_of_structs(const double *q) {
    V b[2];
// CHECK: {{^}}{{.*}}struct-lost-derivative.c:[[@LINE+1]]:5: error: cgrad keeps derivatives only in members of local struct variables ('s.a = ...'); this member is reached through an array or a pointer
    b[0].x = q[0];
    b[1].m = 2.0;
    return b[0].x * b[1].m;
}
#pragma cgrad differentiate array_of_structs

double through_helper(const double *q) {
    V a;
    a.x = q[0];
    a.m = q[1];
// CHECK: {{^}}{{.*}}struct-lost-derivative.c:18:5: error: cgrad keeps derivatives only in members of local struct variables ('s.a = ...'); this member is reached through an array or a pointer
    scale(&a, q[1]);
    return a.x;
}
#pragma cgrad differentiate through_helper

// reads of a struct passed in stay constants, and members of a local struct
// keep their derivatives: no error below
double fine(const double *q, const V *opts) {
    V a;
    a.x = q[0] * opts->m;
    a.m = q[1];
    return a.x * a.m;
}
#pragma cgrad differentiate fine
