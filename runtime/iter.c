/*
 * Strided loops over several operands at once: the engine under element-wise
 * operations, broadcasting, and every backward rule that writes one element
 * per input element.
 *
 * Before running, dimensions of extent 1 are dropped and neighbouring
 * dimensions that are contiguous in every operand are merged, so the common
 * case (contiguous, same shape) becomes a single run the row function can
 * vectorize.  Runs are grouped into blocks of at least CG_PAR_MIN / 8
 * elements; with OpenMP each thread takes whole blocks, and each block walks
 * its runs with an odometer instead of dividing per run.
 */
#include <string.h>

#include "internal.h"

void cg_iter_init(cg_iter *it, int ndim, const int64_t *shape) {
    memset(it, 0, sizeof *it);
    it->ndim = ndim;
    it->weight = 1;
    for (int i = 0; i < ndim; i++) it->shape[i] = shape[i];
}

void cg_iter_add_raw(cg_iter *it, const void *data, const int64_t *strides, size_t elem) {
    int k = it->nops++;
    it->base[k] = (char *)data;
    for (int i = 0; i < it->ndim; i++) it->strides[k][i] = data ? strides[i] * (int64_t)elem : 0;
}

void cg_iter_add(cg_iter *it, const cg_tensor *t) {
    int64_t strides[CG_MAX_DIMS] = {0};
    if (t) {
        int lead = it->ndim - t->ndim;
        for (int i = 0; i < t->ndim; i++) strides[lead + i] = t->shape[i] == 1 ? 0 : t->strides[i];
    }
    cg_iter_add_raw(it, t ? t->data : NULL, strides, t ? cg_dtype_size(t->dtype) : 0);
}

/* Drops extent-1 dimensions and merges dimension i into i+1 where every
 * operand steps through them as one. */
static void coalesce(cg_iter *it) {
    int nd = 0;
    for (int i = 0; i < it->ndim; i++) {
        if (it->shape[i] == 1) continue;
        if (nd > 0) {
            int merge = 1;
            for (int k = 0; k < it->nops && merge; k++)
                merge = it->strides[k][nd - 1] == it->strides[k][i] * it->shape[i];
            if (merge) {
                it->shape[nd - 1] *= it->shape[i];
                for (int k = 0; k < it->nops; k++) it->strides[k][nd - 1] = it->strides[k][i];
                continue;
            }
        }
        it->shape[nd] = it->shape[i];
        for (int k = 0; k < it->nops; k++) it->strides[k][nd] = it->strides[k][i];
        nd++;
    }
    it->ndim = nd;
}

/* Runs rows [r0, r1) of the outer index space (all dimensions but the last). */
static void run_rows(const cg_iter *it, int64_t r0, int64_t r1, cg_row_fn row, void *ctx) {
    int outer = it->ndim - 1;
    int64_t n = it->shape[outer], idx[CG_MAX_DIMS] = {0}, off[CG_ITER_MAX_OPS] = {0}, s[CG_ITER_MAX_OPS];
    for (int k = 0; k < it->nops; k++) s[k] = it->strides[k][outer];
    int64_t r = r0;
    for (int d = outer - 1; d >= 0; d--) {
        idx[d] = r % it->shape[d];
        r /= it->shape[d];
        for (int k = 0; k < it->nops; k++) off[k] += idx[d] * it->strides[k][d];
    }
    char *p[CG_ITER_MAX_OPS];
    for (r = r0; r < r1; r++) {
        for (int k = 0; k < it->nops; k++) p[k] = it->base[k] ? it->base[k] + off[k] : NULL;
        row(ctx, n, p, s);
        for (int d = outer - 1; d >= 0; d--) {
            for (int k = 0; k < it->nops; k++) off[k] += it->strides[k][d];
            if (++idx[d] < it->shape[d]) break;
            for (int k = 0; k < it->nops; k++) off[k] -= idx[d] * it->strides[k][d];
            idx[d] = 0;
        }
    }
}

void cg_iter_run(cg_iter *it, cg_row_fn row, void *ctx, int parallel) {
    for (int i = 0; i < it->ndim; i++)
        if (it->shape[i] == 0) return;
    coalesce(it);
    if (it->ndim == 0) {   /* a single element */
        it->ndim = 1;
        it->shape[0] = 1;
        for (int k = 0; k < it->nops; k++) it->strides[k][0] = 0;
    }
    int64_t n = it->shape[it->ndim - 1], rows = 1;
    for (int i = 0; i < it->ndim - 1; i++) rows *= it->shape[i];
    if (!parallel || rows * n * it->weight < CG_PAR_MIN) {
        run_rows(it, 0, rows, row, ctx);
        return;
    }
    if (rows == 1) {   /* one long run: split it into pieces */
        int64_t piece = (CG_PAR_MIN / 8 + it->weight - 1) / it->weight;
        int64_t pieces = (n + piece - 1) / piece;
        #pragma omp parallel for schedule(static)
        for (int64_t b = 0; b < pieces; b++) {
            int64_t lo = b * piece, len = n - lo < piece ? n - lo : piece;
            char *p[CG_ITER_MAX_OPS];
            int64_t s[CG_ITER_MAX_OPS];
            for (int k = 0; k < it->nops; k++) {
                s[k] = it->strides[k][0];
                p[k] = it->base[k] ? it->base[k] + lo * s[k] : NULL;
            }
            row(ctx, len, p, s);
        }
        return;
    }
    int64_t per = (CG_PAR_MIN / 8 + n * it->weight - 1) / (n * it->weight);   /* rows per block */
    int64_t blocks = (rows + per - 1) / per;
    #pragma omp parallel for schedule(static)
    for (int64_t b = 0; b < blocks; b++) {
        int64_t r0 = b * per, r1 = r0 + per < rows ? r0 + per : rows;
        run_rows(it, r0, r1, row, ctx);
    }
}

void cg_iter_rows(cg_iter *it, const cg_tensor *like, int axis, int nops, const cg_tensor *const *ops,
                  int64_t *axis_strides) {
    int64_t shape[CG_MAX_DIMS];
    for (int i = 0; i < like->ndim; i++) shape[i] = i == axis ? 1 : like->shape[i];
    cg_iter_init(it, like->ndim, shape);
    for (int k = 0; k < nops; k++) {
        axis_strides[k] = ops[k] ? ops[k]->strides[axis] : 0;
        cg_iter_add_raw(it, ops[k] ? ops[k]->data : NULL, ops[k] ? ops[k]->strides : shape, cg_dtype_size(like->dtype));
    }
    it->weight = like->shape[axis];
}

cg_status cg_broadcast_shape(const char *op, const cg_tensor *a, const cg_tensor *b, int *ndim, int64_t *shape) {
    int nd = a->ndim > b->ndim ? a->ndim : b->ndim;
    for (int i = 0; i < nd; i++) {
        int ia = i - (nd - a->ndim), ib = i - (nd - b->ndim);
        int64_t ea = ia >= 0 ? a->shape[ia] : 1, eb = ib >= 0 ? b->shape[ib] : 1;
        if (ea != eb && ea != 1 && eb != 1)
            return cg_set_error(CG_ERR_SHAPE, "%s: cannot broadcast %s with %s", op, CG_SHAPE(a), CG_SHAPE(b));
        shape[i] = ea == 1 ? eb : ea;
    }
    *ndim = nd;
    return CG_OK;
}
