// RUN: %cc %s -o %t %rt && %t | FileCheck %s
// cg_disjoint, the test in front of the restrict copies: written extents
// must not share a byte with any other; read-only ones may overlap; empty
// extents (lo > hi, a loop that runs zero times) take part in nothing.
#include <cgrad.h>
#include "check.h"

int main(void) {
    double a[16];
    float f[8];
    /* adjacent: a[0..7] written, a[8..15] read */
    cg_extent adj[2] = {{a, 0, 7, sizeof *a, 1}, {a + 8, 0, 7, sizeof *a, 0}};
    // CHECK: ok adjacent extents are disjoint
    check_true("adjacent extents are disjoint", cg_disjoint(adj, 2));
    /* one element of overlap, reached through a negative index */
    cg_extent neg[2] = {{a, 0, 8, sizeof *a, 1}, {a + 9, -1, 3, sizeof *a, 0}};
    // CHECK: ok one shared element through a negative index overlaps
    check_true("one shared element through a negative index overlaps", !cg_disjoint(neg, 2));
    /* two readers of one buffer, one writer elsewhere */
    cg_extent rr[3] = {{a, 0, 15, sizeof *a, 0}, {a + 4, 0, 3, sizeof *a, 0}, {f, 0, 7, sizeof *f, 1}};
    // CHECK: ok readers may share memory
    check_true("readers may share memory", cg_disjoint(rr, 3));
    /* a writer over a reader's last byte: element sizes differ */
    cg_extent mix[2] = {{f, 0, 1, sizeof *f, 0}, {(char *)f + 7, 0, 0, 1, 1}};
    // CHECK: ok a byte-sized writer into a float overlaps
    check_true("a byte-sized writer into a float overlaps", !cg_disjoint(mix, 2));
    /* an empty extent at the same address as a writer */
    cg_extent empty[2] = {{a, 0, 15, sizeof *a, 1}, {a, 0, -1, sizeof *a, 1}};
    // CHECK: ok an empty extent overlaps nothing
    check_true("an empty extent overlaps nothing", cg_disjoint(empty, 2));
    /* the same buffer passed twice, once written */
    cg_extent twice[2] = {{a, 0, 3, sizeof *a, 0}, {a, 3, 3, sizeof *a, 1}};
    // CHECK: ok a buffer passed twice and written overlaps
    check_true("a buffer passed twice and written overlaps", !cg_disjoint(twice, 2));
    // CHECK: ALL OK
    return check_done();
}
