// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// The tape: LIFO order across many chunks, branch bits, memory records that
// restore old values and replay new ones, byte spans (kept arrays, structs)
// in one copy or across chunks, reuse of chunks on a second pass.
#include <cgrad.h>
#include <stdio.h>

enum { N = 1000000 };   /* far beyond the first chunk */
static double mem[64];

static int run_once(void) {
    cg_tape *t = cg_tape_local();
    size_t base = cg_tape_bytes_used(t);
    for (int i = 0; i < N; i++) {
        cg_push_f64(t, i * 0.5);
        cg_push_int(t, -i);
        cg_push_bit(t, i % 3 == 0);
    }
    for (int i = N - 1; i >= 0; i--) {
        if (cg_pop_bit(t) != (i % 3 == 0)) return 1;
        if (cg_pop_int(t) != -i) return 2;
        if (cg_pop_f64(t) != i * 0.5) return 3;
    }
    if (cg_tape_bytes_used(t) != base) return 4;

    /* Byte spans of odd sizes between single values: 3000 spans of up to
     * 1000 bytes run over several chunks, so some straddle a boundary. */
    unsigned char span[1000], back[1000];
    for (int i = 0; i < 3000; i++) {
        size_t n = 1 + (size_t)i * 7919 % 1000;
        for (size_t k = 0; k < n; k++) span[k] = (unsigned char)(i + k);
        cg_push_bytes(t, span, n);
        cg_push_f64(t, i);
    }
    for (int i = 2999; i >= 0; i--) {
        size_t n = 1 + (size_t)i * 7919 % 1000;
        if (cg_pop_f64(t) != i) return 8;
        cg_pop_bytes(t, back, n);
        for (size_t k = 0; k < n; k++)
            if (back[k] != (unsigned char)(i + k)) return 9;
    }
    if (cg_tape_bytes_used(t) != base) return 10;

    /* Memory: 64 cells overwritten 1000 times each, then undone and redone. */
    for (int k = 0; k < 64; k++) mem[k] = k;
    cg_tape_mark m0 = cg_tape_mem_mark(t);
    for (int r = 1; r <= 1000; r++)
        for (int k = 0; k < 64; k++) {
            cg_save_f64(t, &mem[k]);
            mem[k] = k + 1000.0 * r;
        }
    cg_tape_mark m1 = cg_tape_mem_mark(t);
    for (int r = 1000; r >= 1; r--)
        for (int k = 63; k >= 0; k--) {
            if (mem[k] != k + 1000.0 * r) return 5;   /* reverse sweep sees forward state */
            cg_restore_f64(t);
        }
    for (int k = 0; k < 64; k++)
        if (mem[k] != k) return 6;
    cg_tape_replay(t, m0, m1);
    for (int k = 0; k < 64; k++)
        if (mem[k] != k + 1000.0 * 1000) return 7;
    return 0;
}

int main(void) {
    int a = run_once();
    size_t peak = cg_tape_bytes_peak();
    int b = run_once();
    // CHECK: first=0 second=0 peak-unchanged=1 failed=0
    printf("first=%d second=%d peak-unchanged=%d failed=%d\n", a, b, cg_tape_bytes_peak() == peak, cg_tape_failed());
    cg_tape_release();
    return 0;
}
