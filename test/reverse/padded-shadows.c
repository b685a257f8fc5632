// Arrays of 4 KB multiples in generated functions get a cache line more
// storage, so that no two sit a multiple of 4096 bytes apart (4K aliasing:
// see ir/type.c): derivative arrays always, the copies of the user's local
// arrays unless the function takes sizeof of something or the address of a
// whole array.  Arrays of other sizes are left alone.
// RUN: %cgrad %s -o %t.c
// RUN: %cgrad --emit=derivatives %s | FileCheck %s
// RUN: %cc %t.c -o %t %rt && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include <stdio.h>
#include "check.h"

enum { N = 512 };

double blocks(const double *x) {
    double a[N];              /* 4 KB: padded */
    double m[8][64];          /* 4 KB in rows: one row more */
    float f[1024];            /* 4 KB of float */
    double odd[100];          /* 800 bytes: as it is */
    double s = 0;
    for (int i = 0; i < N; i++) a[i] = sin(x[i % 16]);
    for (int r = 0; r < 8; r++)
        for (int c = 0; c < 64; c++) m[r][c] = a[r * 64 + c] * x[(r + c) % 16];
    for (int i = 0; i < 1024; i++) f[i] = (float)m[i % 8][i % 64];
    for (int i = 0; i < 100; i++) odd[i] = f[i * 10] * x[i % 16];
    for (int i = 0; i < 100; i++) s += odd[i] * odd[i];
    return s;
}
#pragma cgrad differentiate blocks mode(both)
// CHECK-LABEL: double blocks_jvp(const double *x, const double *x_d, double *ret_d) {
// CHECK:           double a[512 + 8];
// CHECK-NEXT:      double a_d[512 + 8];
// CHECK-NEXT:      double m[8 + 1][64];
// CHECK-NEXT:      double m_d[8 + 1][64];
// CHECK-NEXT:      float f[1024 + 16];
// CHECK-NEXT:      float f_d[1024 + 16];
// CHECK-NEXT:      double odd[100];
// CHECK-NEXT:      double odd_d[100];
// CHECK-LABEL: double blocks_vjp(const double *x, double *x_b, double ret_b) {
// CHECK-DAG:       double a_b[512 + 8] = {0};
// CHECK-DAG:       double m_b[8 + 1][64] = {0};
// CHECK-DAG:       float f_b[1024 + 16] = {0};
// CHECK-DAG:       double odd_b[100] = {0};

// sizeof in the function: `sizeof a` of a local is its value (4096) in the
// derivative code, so the user's array may be padded too
double sized(const double *x) {
    double a[N];
    double s = 0;
    for (int i = 0; i < (int)(sizeof a / sizeof a[0]); i++) a[i] = x[i % 16] * i;
    for (int i = 0; i < N; i++) s += a[i] * a[N - 1 - i];
    return s;
}
#pragma cgrad differentiate sized mode(both)
// CHECK-LABEL: double sized_jvp(const double *x, const double *x_d, double *ret_d) {
// CHECK:           double a[512 + 8];
// CHECK-NEXT:      double a_d[512 + 8];
// CHECK-LABEL: double sized_vjp(const double *x, double *x_b, double ret_b) {
// CHECK:           double a[512 + 8];
// CHECK:           double a_b[512 + 8] = {0};

double blocks_jvp(const double *x, const double *x_d, double *ret_d);
double sized_jvp(const double *x, const double *x_d, double *ret_d);
double sized_vjp(const double *x, double *x_b, double ret_b);
double blocks_vjp(const double *x, double *x_b, double ret_b);

int main(void) {
    unsigned seed = 11;
    double x[16], v[16], xb[16] = {0}, jv;
    for (int i = 0; i < 16; i++) x[i] = check_uniform(&seed, -1, 1), v[i] = check_uniform(&seed, -1, 1);
    double y = blocks_jvp(x, v, &jv);
    // EXEC: ok value unchanged by the padding
    check_near("value unchanged by the padding", y, blocks(x), 0);
    blocks_vjp(x, xb, 1.0);
    double vjt = 0;
    for (int i = 0; i < 16; i++) vjt += v[i] * xb[i];
    /* f holds floats: the derivatives agree to float precision */
    // EXEC: ok <J v, 1> = <v, J^T 1>
    check_near("<J v, 1> = <v, J^T 1>", vjt, jv, 1e-5);
    // EXEC: ok gradient against differences
    check_near("gradient against differences", vjt, fd_dir(blocks, x, v, 16, 1e-3), 1e-3);
    double sv, sb[16] = {0}, svjt = 0;
    sized_jvp(x, v, &sv);
    sized_vjp(x, sb, 1.0);
    for (int i = 0; i < 16; i++) svjt += v[i] * sb[i];
    // EXEC: ok sized: <J v, 1> = <v, J^T 1>
    check_near("sized: <J v, 1> = <v, J^T 1>", svjt, sv, 1e-12);
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
