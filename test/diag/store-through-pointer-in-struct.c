// Found by a blind test corpus: an active value stored through a pointer
// kept in a struct (`c->buf[i] = x[i] * x[i]`, or `c.buf[0]` of a struct
// passed by value) lost its derivative silently: f_jvp and f_vjp gave 0
// where the derivative is 4.  Such a pointer never points at memory with
// derivatives, so the store is refused.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
typedef struct {
    double *buf;
    int n;
    double scale;
} Ctx;

double by_pointer(const double *x, Ctx *c) {
// CHECK: {{^}}{{.*}}store-through-pointer-in-struct.c:[[@LINE+1]]:36: error: cgrad cannot carry a derivative into memory reached through a pointer kept in a struct or an array; pass that pointer to the function as a parameter of its own
    for (int i = 0; i < c->n; i++) c->buf[i] = x[i] * x[i];
    double s = 0;
    for (int i = 0; i < c->n; i++) s += c->buf[i] * c->scale;
    return s;
}
#pragma cgrad differentiate by_pointer

double by_value(const double *x, Ctx c) {
// CHECK: {{^}}{{.*}}store-through-pointer-in-struct.c:[[@LINE+1]]:5: error: cgrad cannot carry a derivative into memory
    *c.buf = x[0] * x[0];
    return c.buf[0] * 2.0;
}
#pragma cgrad differentiate by_value

// reading through such a pointer, and storing inactive values, are fine
double reads(const double *x, Ctx *c) {
    c->buf[0] = c->scale * 2;
    return x[0] * c->buf[0];
}
#pragma cgrad differentiate reads
