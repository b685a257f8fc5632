// RUN: %cc %s -o %t %rt && env ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 %t | FileCheck %s
// Every error path returns its status and names the operation and the
// shapes; nothing is printed by the library and nothing aborts.
#include <cgrad.h>
#include <stdio.h>
#include <stdlib.h>

#define E(call) report(#call, (call))
static void report(const char *what, cg_status st) {
    (void)what;
    printf("[%s] %s\n", cg_status_name(st), st ? cg_last_error() : "-");
    cg_clear_error();
}

static int hook_calls;
static void hook(cg_status st, const char *msg, void *user) {
    (void)msg;
    hook_calls += st == *(cg_status *)user;
}

int main(void) {
    cg_tensor *a, *b, *c, *m34, *m43, *m35, *f, *s0, v;
    cg_tensor_new(&a, CG_DTYPE_F64, 2, (int64_t[]){2, 3});
    cg_tensor_new(&b, CG_DTYPE_F64, 2, (int64_t[]){4, 3});
    cg_tensor_new(&c, CG_DTYPE_F64, 2, (int64_t[]){2, 3});
    cg_tensor_new(&m34, CG_DTYPE_F64, 2, (int64_t[]){3, 4});
    cg_tensor_new(&m43, CG_DTYPE_F64, 2, (int64_t[]){4, 3});
    cg_tensor_new(&m35, CG_DTYPE_F64, 2, (int64_t[]){3, 5});
    cg_tensor_new(&f, CG_DTYPE_F32, 2, (int64_t[]){2, 3});
    cg_tensor_new(&s0, CG_DTYPE_F64, 0, NULL);
    cg_tensor *big = NULL;

    // CHECK: [invalid argument] tensor_new: ndim 9 outside [0, 8]
    E(cg_tensor_new(&big, CG_DTYPE_F64, 9, (int64_t[]){1, 1, 1, 1, 1, 1, 1, 1, 1}));
    // CHECK: [invalid argument] tensor_new: extent -2 of axis 1 is negative
    E(cg_tensor_new(&big, CG_DTYPE_F64, 2, (int64_t[]){3, -2}));
    // CHECK: [null argument] tensor_new: argument 'out' is NULL
    E(cg_tensor_new(NULL, CG_DTYPE_F64, 1, (int64_t[]){3}));
    // CHECK: [out of memory] tensor_new: cannot allocate 36028797018963968 bytes for shape (67108864,67108864)
    E(cg_tensor_new(&big, CG_DTYPE_F64, 2, (int64_t[]){1 << 26, 1 << 26}));
    // CHECK: [null argument] tensor_wrap: argument 'data' is NULL
    E(cg_tensor_wrap(&v, CG_DTYPE_F64, 1, (int64_t[]){3}, NULL));
    // CHECK: [shape mismatch] reshape: cannot view (2,3) (6 elements) as (4,-1)
    E(cg_tensor_reshape(&v, a, 2, (int64_t[]){4, -1}));
    // CHECK: [invalid argument] reshape: more than one extent is -1
    E(cg_tensor_reshape(&v, a, 2, (int64_t[]){-1, -1}));
    cg_tensor_transpose(&v, a, 0, 1);
    // CHECK: [invalid argument] reshape: source of shape (3,2) is not contiguous
    E(cg_tensor_reshape(&v, &v, 1, (int64_t[]){6}));
    // CHECK: [invalid argument] permute: perm is not a permutation of 0..1
    E(cg_tensor_permute(&v, a, (int[]){1, 1}));
    // CHECK: [invalid argument] transpose: axis 2 out of range for 2 dims
    E(cg_tensor_transpose(&v, a, 0, 2));
    // CHECK: [invalid argument] slice: step is 0
    E(cg_tensor_slice(&v, a, 0, 0, 1, 0));
    // CHECK: [null argument] arena_alloc: argument 'a' is NULL
    void *p;
    E(cg_arena_alloc(NULL, 8, &p));

    // CHECK: [null argument] add: argument 'b' is NULL
    E(cg_add(c, a, NULL));
    // CHECK: [dtype mismatch] mul: 'a' is f32, expected f64
    E(cg_mul(c, f, a));
    // CHECK: [shape mismatch] add: cannot broadcast (2,3) with (4,3)
    E(cg_add(c, a, b));
    // CHECK: [shape mismatch] exp: cannot broadcast (4,3) to out shape (2,3)
    E(cg_exp(c, b));
    // CHECK: [shape mismatch] tanh_vjp: 'a_b' shape (4,3) != its primal's shape (2,3)
    E(cg_tanh_vjp(c, c, a, b));
    // CHECK: [dtype mismatch] add_jvp: 'out_d' is f32, expected f64
    E(cg_add_jvp(c, f, a, NULL, a, NULL));

    // CHECK: [invalid argument] sum: axis 2 out of range for 2 dims
    E(cg_sum(s0, a, 1, (int[]){2}));
    // CHECK: [invalid argument] mean: axis -1 given twice
    E(cg_mean(s0, a, 2, (int[]){1, -1}));
    // CHECK: [shape mismatch] max: out shape () != reduced shape (2) or (2,1)
    E(cg_max(s0, a, 1, (int[]){1}));
    // CHECK: [shape mismatch] softmax: 'out' shape (4,3) != 'a' shape (2,3)
    E(cg_softmax(b, a, 1));

    // CHECK: [shape mismatch] matmul: inner dims 3 != 4
    E(cg_matmul(c, a, b));
    // CHECK: [shape mismatch] matmul: a must be 2-D, got ()
    E(cg_matmul(c, s0, b));
    // CHECK: [shape mismatch] matmul: out shape (2,3) != (2,4)
    E(cg_matmul(c, a, m34));
    // CHECK: [invalid argument] matmul: out overlaps an input
    cg_tensor sq;
    cg_tensor_reshape(&sq, m34, 2, (int64_t[]){2, 6});
    cg_tensor_slice(&sq, &sq, 1, 0, 2, 1);   /* a (2,2) view inside m34 */
    E(cg_matmul(&sq, &sq, &sq));
    // CHECK: [shape mismatch] matmul_batched: cannot broadcast (2) with (3)
    cg_tensor *b23, *b34;
    cg_tensor_new(&b23, CG_DTYPE_F64, 3, (int64_t[]){2, 2, 3});
    cg_tensor_new(&b34, CG_DTYPE_F64, 3, (int64_t[]){3, 3, 4});
    E(cg_matmul_batched(c, b23, b34));
    // CHECK: [shape mismatch] dot: a and b must be 1-D, got (2,3) and (2,3)
    E(cg_dot(s0, a, c));
    // CHECK: [shape mismatch] gdot: 'a' shape (2,3) != 'b' shape (4,3)
    E(cg_gdot(s0, a, b));
    // CHECK: [shape mismatch] gdot: out shape (2,3) is not a single element
    E(cg_gdot(c, a, a));
    // CHECK: [shape mismatch] transpose: 'out' shape (2,3) != 'a^T' shape (3,2)
    E(cg_transpose(c, a));

    // CHECK: [bad specification] einsum: bad spec 'ij,jk->ik!': unexpected character '!'
    E(cg_einsum(c, "ij,jk->ik!", a, m34));
    // CHECK: [bad specification] einsum: bad spec 'i,j,k->ijk': more than two operands
    E(cg_einsum(c, "i,j,k->ijk", a, m34));
    // CHECK: [bad specification] einsum: bad spec '...ij->ij': '...' is not supported
    E(cg_einsum(c, "...ij->ij", a, NULL));
    // CHECK: [bad specification] einsum: bad spec 'ij->iz': output letter 'z' is in no input
    E(cg_einsum(c, "ij->iz", a, NULL));
    // CHECK: [bad specification] einsum: bad spec 'ij->ii': output letter 'i' is repeated
    E(cg_einsum(c, "ij->ii", a, NULL));
    // CHECK: [null argument] einsum: spec 'ij,jk->ik' has two operands but b is NULL
    E(cg_einsum(c, "ij,jk->ik", a, NULL));
    // CHECK: [bad specification] einsum: bad spec 'ij->ij': one operand but b is given
    E(cg_einsum(c, "ij->ij", a, a));
    // CHECK: [shape mismatch] einsum: a has 2 axes but its term has 3 letters
    E(cg_einsum(c, "ijk->ij", a, NULL));
    // CHECK: [shape mismatch] einsum: letter 'j' has extent 3 in a and 4 in b
    E(cg_einsum(c, "ij,jk->ik", a, b));
    // CHECK: [shape mismatch] einsum: out shape (2,3) != (2,5)
    E(cg_einsum(c, "ij,jk->ik", a, m35));
    // CHECK: [shape mismatch] einsum: letter 'i' has extents 2 and 3 in a
    E(cg_einsum(s0, "ii->", a, NULL));
    // CHECK: [null argument] einsum: argument 'spec' is NULL
    E(cg_einsum(c, NULL, a, NULL));

    // CHECK: [invalid argument] gather: index 3 of row 1 outside [0, 3)
    E(cg_gather(c, a, 1, (int64_t[]){0, 3, 1}));
    // CHECK: [invalid argument] cross_entropy: label -1 of row 1 outside [0, 3)
    E(cg_cross_entropy(s0, a, (int64_t[]){0, -1}));
    // CHECK: [shape mismatch] one_hot: out must be 2-D (N, C), got ()
    E(cg_one_hot(s0, (int64_t[]){0}));
    // CHECK: [null argument] cross_entropy: argument 'labels' is NULL
    E(cg_cross_entropy(s0, a, NULL));

    cg_adam_state st;
    cg_adam_config cfg = cg_adam_defaults();
    double x[3] = {0}, g[3] = {0};
    cg_adam_state_init(&st, 2);
    // CHECK: [invalid argument] adam_step: state holds 2 values, parameters 6
    E(cg_adam_step(&st, &cfg, a, c));
    // CHECK: [invalid argument] adamw_step: x is not contiguous
    cg_tensor_transpose(&v, a, 0, 1);
    E(cg_adamw_step(&st, &cfg, &v, c));
    // CHECK: [null argument] adam_step: argument 'cfg' is NULL
    E(cg_adam_step_f64(&st, NULL, x, g));
    // CHECK: [invalid argument] adam_state_save: buffer of 8 bytes is smaller than 64
    E(cg_adam_state_save(&st, x, 8));
    cg_momentum_state ms;
    cg_momentum_state_init(&ms, 2);
    char buf[256];
    cg_momentum_state_save(&ms, buf, sizeof buf);
    // CHECK: [invalid argument] adam_state_restore: buffer holds momentum state
    E(cg_adam_state_restore(&st, buf, sizeof buf));
    // CHECK: [invalid argument] momentum_state_init: n -1 is negative
    cg_momentum_state bad;
    E(cg_momentum_state_init(&bad, -1));
    // CHECK: [shape mismatch] sgd_step: x shape (2,3) and grad shape (4,3) differ in size
    E(cg_sgd_step(a, b, 0.1, 0));

    /* the hook sees every error */
    cg_status want = CG_ERR_SHAPE;
    cg_set_error_hook(hook, &want);
    cg_add(c, a, b);
    cg_matmul(c, a, b);
    cg_set_error_hook(NULL, NULL);
    // CHECK: hook calls 2, last status after clear: ok ''
    cg_clear_error();
    printf("hook calls %d, last status after clear: %s '%s'\n", hook_calls, cg_status_name(cg_last_status()),
           cg_last_error());

    cg_adam_state_free(&st);
    cg_momentum_state_free(&ms);
    cg_tensor *all[] = {a, b, c, m34, m43, m35, f, s0, b23, b34};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) cg_tensor_free(all[i]);
    return 0;
}
