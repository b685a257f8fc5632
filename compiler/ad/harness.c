/*
 * Harnesses written around the generated derivatives, as plain C text: they
 * call FUNC, FUNC_jvp, FUNC_vjp and FUNC_hvp on copies of the active
 * buffers, whose sizes the pragma gives as C expressions.
 *
 *   double f_check(<f's parameters>, double tol)
 *   R      f_jacobian(<f's parameters>, double *J)   J: m x n, row-major
 *   R      f_hessian(<f's parameters>, double *H)    H: n x n, row-major
 *
 * The inputs (n of them) are every active parameter's elements, in
 * parameter order; the outputs (m) are the return value, then the elements
 * of every active pointer to non-const data.  The Jacobian takes one
 * FUNC_jvp per input when n <= m, else one FUNC_vjp per output; the
 * Hessian one FUNC_hvp per input.  Both then run FUNC itself on the
 * caller's arguments, so memory ends as FUNC leaves it, and return its value.
 *
 * FUNC_check: the derivatives tested at a point the user gives, as
 * jax.test_util.check_grads or Tapenade's validation mode do.
 * At the given point, with a fixed pseudo-random direction v on every
 * active input and seed w on every output, it compares
 *   - J v from f_jvp with central differences of f along v, and
 *   - <J v, w> with <v, J^T w> from f_vjp (the dot-product test),
 * and returns the larger relative error; above tol it prints both on
 * stderr.  f is called on copies of the active buffers, so the caller's
 * memory is left as it was.  The body is plain C text: it is a test
 * harness around the generated functions, not derivative code.
 */
#include "ad/ad.h"

#include <string.h>

typedef struct Check {
    Func *f;
    Deriv *d;
    Stmt *body;
    int depth;
} Check;

static void line(Check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void line(Check *c, const char *fmt, ...) {
    StrBuf b = {0};
    for (int i = 0; i < c->depth; i++) sb_puts(&b, "    ");
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    Stmt *s = st_new(ST_PRAGMA, c->f->loc);
    s->text = sb_str(&b);
    st_append(c->body, s);
}

static const char *elem_type(const Type *t) {
    const Type *e = t->kind == TY_PTR ? t->base : t;
    return e->kind == TY_FLOAT ? "float" : e->kind == TY_LDOUBLE ? "long double" : "double";
}

static bool is_active_pointer(Check *c, int i) { return c->d->active[i] && c->f->params[i]->ty->kind == TY_PTR; }
static bool is_active_scalar(Check *c, int i) { return c->d->active[i] && ty_is_float(c->f->params[i]->ty); }

/* The argument list of a call to f (mode 0), f_jvp (1), f_vjp (2) or
 * f_hvp (3), with buffers suffixed by `buf` ("j", "p", "m", "b", ...). */
static const char *args(Check *c, int mode, const char *buf, const char *shadow, const char *scalar_shift) {
    StrBuf b = {0};
    for (int i = 0; i < c->f->nparams; i++) {
        const char *name = c->f->params[i]->name;
        if (i) sb_puts(&b, ", ");
        if (is_active_pointer(c, i)) {
            sb_printf(&b, "_c_%s_%s", name, buf);
            if (mode) sb_printf(&b, ", _c_%s_%s", name, shadow);
            if (mode == 3) sb_printf(&b, ", _c_%s_u", name);
        } else if (is_active_scalar(c, i)) {
            sb_printf(&b, "%s%s", name, scalar_shift ? arena_printf(" %s _c_%s_v", scalar_shift, name) : "");
            if (mode == 1) sb_printf(&b, ", (%s)_c_%s_v", elem_type(c->f->params[i]->ty), name);
            if (mode == 2) sb_printf(&b, ", &_c_%s_u", name);
            if (mode == 3) sb_printf(&b, ", (%s)_c_%s_v, &_c_%s_u", elem_type(c->f->params[i]->ty), name, name);
        } else {
            sb_puts(&b, name);
        }
    }
    return sb_str(&b);
}

/* For each active pointer p, a line of fmt, every %s of which is p. */
static void each_pointer(Check *c, const char *fmt) {
    for (int i = 0; i < c->f->nparams; i++) {
        if (!is_active_pointer(c, i)) continue;
        StrBuf b = {0};
        for (const char *q = fmt; *q; q++) {
            if (q[0] == '%' && q[1] == 's') {
                sb_puts(&b, c->f->params[i]->name);
                q++;
            } else {
                sb_putc(&b, *q);
            }
        }
        line(c, "%s", sb_str(&b));
    }
}

void check_generate(Plan *p, Deriv *d) {
    (void)p;
    Func *f = d->src;
    Func *g = NEW(Func);
    for (int i = 0; i < f->vars.len; i++) vec_push(&g->vars, f->vars.data[i]);
    Var *tol = fn_new_var(g, fn_fresh_name(g, "tol"), ty_basic(TY_DOUBLE), VAR_PARAM, f->loc);
    Check c = {f, d, st_block(f->loc), 0};
    bool ret = d->ret_active;
    const char *rt = ret ? elem_type(f->ret) : "double";
    bool single = false;
    for (int i = 0; i < f->nparams; i++)
        if (d->active[i] && !strcmp(elem_type(f->params[i]->ty), "float")) single = true;

    line(&c, "/* a fixed pseudo-random direction and seed, in [-1, 1) */");
    line(&c, "unsigned _c_state = 2463534242u;");
    line(&c, "double _c_h = %s, _c_jv_w = 0, _c_v_u = 0, _c_err = 0, _c_scale = 1e-300;", single ? "1e-3" : "1e-6");
    for (int i = 0; i < f->nparams; i++) {
        Var *pv = f->params[i];
        if (is_active_pointer(&c, i)) {
            const char *t = elem_type(pv->ty), *n = pv->name;
            line(&c, "size_t _c_%s_n = (size_t)(%s);", n, d->sizes[i]);
            /* entry, direction, tangent, seed, adjoint, and the work copies */
            line(&c, "%s *_c_%s_j = malloc(_c_%s_n * sizeof(%s)), *_c_%s_d = malloc(_c_%s_n * sizeof(%s));", t, n, n, t, n, n, t);
            line(&c, "%s *_c_%s_p = malloc(_c_%s_n * sizeof(%s)), *_c_%s_m = malloc(_c_%s_n * sizeof(%s));", t, n, n, t, n, n, t);
            line(&c, "%s *_c_%s_b = malloc(_c_%s_n * sizeof(%s)), *_c_%s_w = malloc(_c_%s_n * sizeof(%s));", t, n, n, t, n, n, t);
            line(&c, "double *_c_%s_v = malloc(_c_%s_n * sizeof(double));", n, n);
        } else if (is_active_scalar(&c, i)) {
            line(&c, "double _c_%s_v;", pv->name);
            line(&c, "%s _c_%s_u = 0;", elem_type(pv->ty), pv->name);
        }
    }
    StrBuf alloc_ok = {0};
    sb_puts(&alloc_ok, "1");
    for (int i = 0; i < f->nparams; i++)
        if (is_active_pointer(&c, i)) {
            const char *n = f->params[i]->name;
            sb_printf(&alloc_ok, " && _c_%s_j && _c_%s_d && _c_%s_p && _c_%s_m && _c_%s_b && _c_%s_w && _c_%s_v", n, n, n, n, n, n, n);
        }
    line(&c, "if (%s) {", sb_str(&alloc_ok));
    c.depth++;
    /* directions and seeds */
    for (int i = 0; i < f->nparams; i++) {
        const char *n = f->params[i]->name;
        if (is_active_pointer(&c, i)) {
            line(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) {", n);
            line(&c, "    _c_state = _c_state * 1664525u + 1013904223u;");
            line(&c, "    _c_%s_v[_c_i] = (_c_state >> 8) / 8388608.0 - 1;", n);
            line(&c, "    _c_state = _c_state * 1664525u + 1013904223u;");
            line(&c, "    _c_%s_w[_c_i] = (_c_state >> 8) / 8388608.0 - 1;", n);
            line(&c, "}");
        } else if (is_active_scalar(&c, i)) {
            line(&c, "_c_state = _c_state * 1664525u + 1013904223u;");
            line(&c, "_c_%s_v = (_c_state >> 8) / 8388608.0 - 1;", n);
        }
    }
    if (ret) line(&c, "double _c_ret_w = 0.5;");
    /* J v by the tangent */
    each_pointer(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) _c_%s_j[_c_i] = %s[_c_i], _c_%s_d[_c_i] = _c_%s_v[_c_i];");
    if (ret) {
        line(&c, "%s _c_rd = 0;", rt);
        line(&c, "%s_jvp(%s, &_c_rd);", f->name, args(&c, 1, "j", "d", NULL));
    } else {
        line(&c, "%s_jvp(%s);", f->name, args(&c, 1, "j", "d", NULL));
    }
    /* central differences of f along v */
    each_pointer(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) _c_%s_p[_c_i] = %s[_c_i] + _c_h * _c_%s_v[_c_i];");
    line(&c, "%s%s(%s);", ret ? "double _c_fp = " : "", f->name, args(&c, 0, "p", NULL, "+ _c_h *"));
    each_pointer(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) _c_%s_m[_c_i] = %s[_c_i] - _c_h * _c_%s_v[_c_i];");
    line(&c, "%s%s(%s);", ret ? "double _c_fm = " : "", f->name, args(&c, 0, "m", NULL, "- _c_h *"));
    for (int i = 0; i < f->nparams; i++)
        if (is_active_pointer(&c, i)) {
            const char *n = f->params[i]->name;
            line(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) {", n);
            line(&c, "    double _c_fd = (_c_%s_p[_c_i] - _c_%s_m[_c_i]) / (2 * _c_h);", n, n);
            line(&c, "    _c_err = fmax(_c_err, fabs(_c_%s_d[_c_i] - _c_fd));", n);
            line(&c, "    _c_scale = fmax(_c_scale, fabs(_c_fd));");
            line(&c, "    _c_jv_w += _c_%s_d[_c_i] * _c_%s_w[_c_i];", n, n);
            line(&c, "}");
        }
    if (ret) {
        line(&c, "double _c_fd_r = (_c_fp - _c_fm) / (2 * _c_h);");
        line(&c, "_c_err = fmax(_c_err, fabs(_c_rd - _c_fd_r));");
        line(&c, "_c_scale = fmax(_c_scale, fabs(_c_fd_r));");
        line(&c, "_c_jv_w += _c_rd * _c_ret_w;");
    }
    line(&c, "double _c_fd_err = _c_err / fmax(1.0, _c_scale);");
    /* J^T w by the adjoint, and the dot-product test */
    each_pointer(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) _c_%s_j[_c_i] = %s[_c_i], _c_%s_b[_c_i] = _c_%s_w[_c_i];");
    line(&c, "%s_vjp(%s%s);", f->name, args(&c, 2, "j", "b", NULL), ret ? arena_printf(", (%s)_c_ret_w", rt) : "");
    for (int i = 0; i < f->nparams; i++) {
        const char *n = f->params[i]->name;
        if (is_active_pointer(&c, i)) line(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) _c_v_u += _c_%s_v[_c_i] * _c_%s_b[_c_i];", n, n, n);
        else if (is_active_scalar(&c, i)) line(&c, "_c_v_u += _c_%s_v * _c_%s_u;", n, n);
    }
    line(&c, "double _c_dot_err = fabs(_c_jv_w - _c_v_u) / fmax(1e-300, fmax(fabs(_c_jv_w), fabs(_c_v_u)));");
    line(&c, "_c_err = fmax(_c_fd_err, _c_dot_err);");
    line(&c, "if (!(_c_err <= %s))", tol->name);
    line(&c, "    fprintf(stderr, \"%s_check: J v vs central differences: relative error %%.3g; dot-product test: relative error %%.3g\\n\", _c_fd_err, _c_dot_err);", f->name);
    c.depth--;
    line(&c, "} else {");
    line(&c, "    _c_err = HUGE_VAL;   /* could not allocate: nothing was checked */");
    line(&c, "}");
    each_pointer(&c, "free(_c_%s_j), free(_c_%s_d), free(_c_%s_p), free(_c_%s_m);");
    each_pointer(&c, "free(_c_%s_b), free(_c_%s_w), free(_c_%s_v);");
    line(&c, "return _c_err;");

    g->name = d->name;
    g->ret = ty_basic(TY_DOUBLE);
    g->is_static = f->is_static;
    g->loc = f->loc;
    g->nparams = f->nparams + 1;
    g->params = NEW_ARRAY(Var *, g->nparams + 1);
    for (int i = 0; i < f->nparams; i++) g->params[i] = f->params[i];
    g->params[f->nparams] = tol;
    g->body = c.body;
    d->out = g;
}

/* ---- FUNC_jacobian and FUNC_hessian ---------------------------------------- */

static bool writes(Check *c, int i) { return is_active_pointer(c, i) && !c->f->params[i]->ty->base->is_const; }

/* The function around a harness body: FUNC's parameters and one more. */
static Func *harness_func(Deriv *d, Func *g, Var *extra, Type *ret, Stmt *body) {
    Func *f = d->src;
    g->name = d->name;
    g->ret = ret;
    g->is_static = f->is_static;
    g->loc = f->loc;
    g->nparams = f->nparams + 1;
    g->params = NEW_ARRAY(Var *, g->nparams + 1);
    for (int i = 0; i < f->nparams; i++) g->params[i] = f->params[i];
    g->params[f->nparams] = extra;
    g->body = body;
    return g;
}

/* Sizes, work copies (_j), shadows (_s) and, for hvp, results (_u); _c_n
 * counts the inputs, _c_m the outputs.  Returns the allocation test. */
static const char *declare_buffers(Check *c, bool with_u) {
    if (with_u) line(c, "size_t _c_n = 0;");   /* a Hessian is square */
    else line(c, "size_t _c_n = 0, _c_m = %d;", c->d->ret_active ? 1 : 0);
    StrBuf ok = {0};
    sb_puts(&ok, "1");
    for (int i = 0; i < c->f->nparams; i++) {
        const char *n = c->f->params[i]->name, *t = elem_type(c->f->params[i]->ty);
        if (is_active_pointer(c, i)) {
            line(c, "size_t _c_%s_n = (size_t)(%s);", n, c->d->sizes[i]);
            line(c, "%s *_c_%s_j = malloc(_c_%s_n * sizeof(%s)), *_c_%s_s = malloc(_c_%s_n * sizeof(%s));", t, n, n, t, n, n, t);
            if (with_u) line(c, "%s *_c_%s_u = malloc(_c_%s_n * sizeof(%s));", t, n, n, t);
            line(c, "_c_n += _c_%s_n;", n);
            if (writes(c, i) && !with_u) line(c, "_c_m += _c_%s_n;", n);
            sb_printf(&ok, " && _c_%s_j && _c_%s_s%s", n, n, with_u ? arena_printf(" && _c_%s_u", n) : "");
        } else if (is_active_scalar(c, i)) {
            line(c, "double _c_%s_v = 0;", n);
            line(c, "%s _c_%s_u = 0;", t, n);
            line(c, "_c_n += 1;");
        }
    }
    return sb_str(&ok);
}

static void free_buffers(Check *c, bool with_u) {
    for (int i = 0; i < c->f->nparams; i++)
        if (is_active_pointer(c, i)) {
            const char *n = c->f->params[i]->name;
            line(c, "free(_c_%s_j), free(_c_%s_s)%s;", n, n, with_u ? arena_printf(", free(_c_%s_u)", n) : "");
        }
}

/* Sets the shadow of every input to the unit vector e_k (k = _c_k). */
static void unit_direction(Check *c) {
    line(c, "size_t _c_o = 0;");
    for (int i = 0; i < c->f->nparams; i++) {
        const char *n = c->f->params[i]->name;
        if (is_active_pointer(c, i)) {
            line(c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) _c_%s_j[_c_i] = %s[_c_i], _c_%s_s[_c_i] = _c_o + _c_i == _c_k;", n, n, n, n);
            line(c, "_c_o += _c_%s_n;", n);
        } else if (is_active_scalar(c, i)) {
            line(c, "_c_%s_v = _c_o == _c_k, _c_%s_u = 0;", n, n);
            line(c, "_c_o += 1;");
        }
    }
}

/* Ends a harness: FUNC on the caller's arguments, its value returned. */
static void finish(Check *c) {
    StrBuf b = {0};
    for (int i = 0; i < c->f->nparams; i++) sb_printf(&b, "%s%s", i ? ", " : "", c->f->params[i]->name);
    if (c->f->ret->kind == TY_VOID) line(c, "%s(%s);", c->f->name, sb_str(&b));
    else line(c, "return %s(%s);", c->f->name, sb_str(&b));
}

void jacobian_generate(Plan *p, Deriv *d) {
    (void)p;
    Func *f = d->src;
    Func *g = NEW(Func);
    for (int i = 0; i < f->vars.len; i++) vec_push(&g->vars, f->vars.data[i]);
    Var *J = fn_new_var(g, fn_fresh_name(g, "J"), ty_pointer_to(ty_basic(TY_DOUBLE)), VAR_PARAM, f->loc);
    Check c = {f, d, st_block(f->loc), 0};
    const char *ok = declare_buffers(&c, false);
    const char *rt = d->ret_active ? elem_type(f->ret) : "double";
    line(&c, "if (%s) {", ok);
    c.depth++;
    line(&c, "if (_c_n <= _c_m) {");
    c.depth++;
    line(&c, "/* column k: J e_k from the tangent */");
    line(&c, "for (size_t _c_k = 0; _c_k < _c_n; _c_k++) {");
    c.depth++;
    unit_direction(&c);
    if (d->ret_active) {
        line(&c, "%s _c_rd = 0;", rt);
        line(&c, "%s_jvp(%s, &_c_rd);", f->name, args(&c, 1, "j", "s", NULL));
        line(&c, "%s[_c_k] = _c_rd;", J->name);
    } else {
        line(&c, "%s_jvp(%s);", f->name, args(&c, 1, "j", "s", NULL));
    }
    bool any_writes = false;
    for (int i = 0; i < f->nparams; i++) any_writes |= writes(&c, i);
    if (any_writes) line(&c, "size_t _c_r = %d;", d->ret_active ? 1 : 0);
    for (int i = 0; i < f->nparams; i++)
        if (writes(&c, i))
            line(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) %s[(_c_r++) * _c_n + _c_k] = _c_%s_s[_c_i];", f->params[i]->name, J->name, f->params[i]->name);
    c.depth--;
    line(&c, "}");
    c.depth--;
    line(&c, "} else {");
    c.depth++;
    line(&c, "/* row k: e_k^T J from the adjoint */");
    line(&c, "for (size_t _c_k = 0; _c_k < _c_m; _c_k++) {");
    c.depth++;
    if (any_writes) line(&c, "size_t _c_o = %d;", d->ret_active ? 1 : 0);
    for (int i = 0; i < f->nparams; i++) {
        const char *n = f->params[i]->name;
        if (is_active_pointer(&c, i)) {
            if (writes(&c, i)) {
                line(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) _c_%s_j[_c_i] = %s[_c_i], _c_%s_s[_c_i] = _c_o + _c_i == _c_k;", n, n, n, n);
                line(&c, "_c_o += _c_%s_n;", n);
            } else {
                line(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) _c_%s_j[_c_i] = %s[_c_i], _c_%s_s[_c_i] = 0;", n, n, n, n);
            }
        } else if (is_active_scalar(&c, i)) {
            line(&c, "_c_%s_u = 0;", n);
        }
    }
    line(&c, "%s_vjp(%s%s);", f->name, args(&c, 2, "j", "s", NULL), d->ret_active ? arena_printf(", (%s)(_c_k == 0)", rt) : "");
    line(&c, "size_t _c_c = 0;");
    for (int i = 0; i < f->nparams; i++) {
        const char *n = f->params[i]->name;
        if (is_active_pointer(&c, i))
            line(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) %s[_c_k * _c_n + _c_c++] = _c_%s_s[_c_i];", n, J->name, n);
        else if (is_active_scalar(&c, i))
            line(&c, "%s[_c_k * _c_n + _c_c++] = _c_%s_u;", J->name, n);
    }
    c.depth--;
    line(&c, "}");
    c.depth--;
    line(&c, "}");
    c.depth--;
    line(&c, "}");
    free_buffers(&c, false);
    finish(&c);
    d->out = harness_func(d, g, J, f->ret, c.body);
}

void hessian_generate(Plan *p, Deriv *d) {
    (void)p;
    Func *f = d->src;
    Func *g = NEW(Func);
    for (int i = 0; i < f->vars.len; i++) vec_push(&g->vars, f->vars.data[i]);
    Var *H = fn_new_var(g, fn_fresh_name(g, "H"), ty_pointer_to(ty_basic(TY_DOUBLE)), VAR_PARAM, f->loc);
    Check c = {f, d, st_block(f->loc), 0};
    const char *ok = declare_buffers(&c, true);
    line(&c, "if (%s) {", ok);
    c.depth++;
    line(&c, "/* column k: H e_k, one Hessian-vector product */");
    line(&c, "for (size_t _c_k = 0; _c_k < _c_n; _c_k++) {");
    c.depth++;
    unit_direction(&c);
    for (int i = 0; i < f->nparams; i++)
        if (is_active_pointer(&c, i)) line(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) _c_%s_u[_c_i] = 0;", f->params[i]->name, f->params[i]->name);
    line(&c, "%s_hvp(%s);", f->name, args(&c, 3, "j", "s", NULL));
    line(&c, "size_t _c_r = 0;");
    for (int i = 0; i < f->nparams; i++) {
        const char *n = f->params[i]->name;
        if (is_active_pointer(&c, i))
            line(&c, "for (size_t _c_i = 0; _c_i < _c_%s_n; _c_i++) %s[(_c_r++) * _c_n + _c_k] = _c_%s_u[_c_i];", n, H->name, n);
        else if (is_active_scalar(&c, i))
            line(&c, "%s[(_c_r++) * _c_n + _c_k] = _c_%s_u;", H->name, n);
    }
    c.depth--;
    line(&c, "}");
    c.depth--;
    line(&c, "}");
    free_buffers(&c, true);
    finish(&c);
    d->out = harness_func(d, g, H, f->ret, c.body);
}
