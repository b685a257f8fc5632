#!/usr/bin/env python3
"""gen.py — a seeded generator of random differentiable C kernels for cgrad.

    python3 gen.py SEED [--prefix P] > prog.c     (a complete lit-style test)

Each seed gives one *program*: a few functions (helpers first, then a main
kernel) that mix scalar and array parameters, in-place updates, nested and
data-dependent loops, break/continue/early return, branches on active and
inactive values, local arrays, pointer walking, calls, multi-declarator
declarations in loops and the math.h table (arguments kept inside each
function's domain and, where it is cheap, away from kinks).  Same seed, same
program, on every machine (random.Random(seed) only).

The program is written once as a template over the real type; a float
program is also instantiated in double (its *twin*, prefix + "d"), and the
driver compares the two, since float finite differences are too coarse.

`Program.text()` is the C source of the functions and their pragmas;
`Program.glue()` is the driver glue (see fuzz_check.h) that runs every
differentiated function through the checks.
"""
import random
import re
import sys

# math.h functions the generator calls, by how their arguments are kept safe.
UNARY_ANY = ["sin", "cos", "atan", "tanh", "asinh", "erf", "erfc"]
UNARY_BOUNDED = ["exp", "exp2", "expm1", "sinh", "cosh", "tan"]      # argument squashed into [-1, 1]
UNARY_POS = ["log", "log2", "log10", "sqrt", "cbrt"]                 # argument >= 0.5
UNARY_UNIT = ["asin", "acos", "atanh"]                               # argument in [-0.8, 0.8]
PIECEWISE = ["floor", "ceil", "round", "trunc", "rint", "nearbyint"]
KINKED = ["fabs"]
BINARY = ["fmin", "fmax", "fdim", "hypot", "atan2", "pow", "fmod", "copysign"]


class Var:
    def __init__(self, name, ty, kind, size=None, size_expr=None, const=False, writable=True):
        self.name, self.ty, self.kind = name, ty, kind      # ty: 'R', 'D', 'int'; kind: scalar, array, ptr
        self.size, self.size_expr = size, size_expr         # arrays and pointers: element count (concrete, symbolic)
        self.const, self.writable = const, writable


class Func:
    def __init__(self, name, ret, params, static):
        self.name, self.ret, self.params, self.static = name, ret, params, static
        self.lines = []         # body lines (indented), one statement or brace per line
        self.pragma = None      # "#pragma ..." or None
        self.checked = False    # whether the driver checks its _jvp/_vjp


class Param:
    # role: in (const R *), out (R *, fully overwritten first), inout (R *, updated in place),
    #       scalar (R, active), iscalar (R, left out of wrt), int
    def __init__(self, name, role, size=None, size_expr=None, value=None):
        self.name, self.role, self.size, self.size_expr, self.value = name, role, size, size_expr, value


class Gen:
    def __init__(self, seed, prefix="p0_"):
        self.r = random.Random(seed)
        self.seed = seed
        self.pfx = prefix
        self.is_float = self.r.random() < 0.3
        self.funcs = []
        self.tmp = 0
        self.stmt_budget = 0

    # ---------------------------------------------------------------- helpers
    def chance(self, p):
        return self.r.random() < p

    def pick(self, xs):
        return self.r.choice(xs)

    def fresh(self, base):
        self.tmp += 1
        return "%s%d" % (base, self.tmp)

    def lit(self, v=None):
        if v is None:
            v = self.pick([0.5, 0.25, 1.5, 2.0, 0.75, 0.1, 0.3, 1.25, 3.0, 0.9, 0.05, 1.0])
        s = repr(float(v))
        return s + "$F"

    def m(self, name):
        """A math call's name: the template's $f picks sinf in float programs; sometimes the double form."""
        if self.is_float and self.chance(0.15):
            return name
        return name + "$f"

    # ------------------------------------------------------------ expressions
    def leaves(self, scope, forbid):
        out = []
        for v in scope:
            if v.name in forbid:
                continue
            if v.ty in ("R", "D") and v.kind == "scalar":
                out.append(v.name)
            elif v.ty in ("R", "D") and v.kind in ("array", "ptr") and v.size and getattr(v, "readable", True):
                out.append(v)
        return out

    def int_vars(self, scope):
        return [v for v in scope if v.ty == "int" and v.kind == "scalar" and getattr(v, "lo", None) is not None]

    def index(self, arr, scope):
        """An index expression that is always inside arr (concrete bounds known)."""
        ivs = [v for v in self.int_vars(scope) if v.lo >= 0]
        choices = []
        for v in ivs:
            if v.hi < arr.size:
                choices += ["%s" % v.name] * 3
                choices.append("%s - 1 - %s" % (arr.size_expr, v.name) if arr.size_expr != str(arr.size) or True else None)
            choices.append("(%s + %d) %% %s" % (v.name, self.r.randint(0, 3), self.paren(arr.size_expr)))
        choices.append(str(self.r.randint(0, arr.size - 1)))
        if self.chance(0.15) and not self.in_index:
            # a data-dependent index: always in [0, size)
            self.in_index = True
            e = self.expr(scope, 1, set())
            self.in_index = False
            # fmax: a NaN (an input grown to inf) becomes 0, not INT_MIN.  The
            # range [0, 4.8] ends away from an integer: many inputs land near
            # sin's extremes, and float and double could round them apart.
            choices.append("((int)fmax$f(2.4$F * (1 + sin$f(%s)), 0.0$F) %% %s)" % (e, self.paren(arr.size_expr)))
        c = self.pick([c for c in choices if c])
        return "%s[%s]" % (arr.name, c)

    def depth_ok(self):
        return True

    @staticmethod
    def paren(s):
        return s if s.replace("_", "").isalnum() else "(%s)" % s

    def squash(self, e):
        k = self.r.randint(0, 4)
        if k == 0:
            return "%s(%s)" % (self.m("sin"), e)
        if k == 1:
            return "%s(%s)" % (self.m("tanh"), e)
        if k == 2:
            return "%s(%s)" % (self.m("cos"), e)
        if k == 3:
            return "(%s) / (1 + %s(%s))" % (e, self.m("fabs"), e)
        return "%s(0.5$F * %s)" % (self.m("tanh"), self.paren(e))

    def square_plus(self, lo, a):
        """lo + a * a, positive and smooth; a is evaluated twice there, so an a
        that calls a function of the program (which may change what a reads
        between the two) gets lo + 1 + sin(a) instead."""
        a = self.paren(a)
        if self.pfx in a:
            return "%s$F + %s(%s)" % (lo + 1, self.m("sin"), a)
        return "%s$F + %s * %s" % (lo, a, a)

    def mathcall(self, scope, d, forbid):
        e = lambda: self.expr(scope, d - 1, forbid)
        k = self.r.random()
        if k < 0.25:
            return "%s(%s)" % (self.m(self.pick(UNARY_ANY)), e())
        if k < 0.42:
            f = self.pick(UNARY_BOUNDED)
            scale = "0.8$F * " if f == "tan" else ""
            return "%s(%s%s)" % (self.m(f), scale, self.squash(e()))
        if k < 0.57:
            f = self.pick(UNARY_POS)
            a = e()
            arg = self.pick(["1.5$F + %s" % self.squash(a), self.square_plus(0.5, a),
                             "2 + %s(%s)" % (self.m("cos"), a)])
            return "%s(%s)" % (self.m(f), arg)
        if k < 0.65:
            f = self.pick(UNARY_UNIT)
            return "%s(0.8$F * %s)" % (self.m(f), self.pick(["%s(%s)" % (self.m("sin"), e()), "%s(%s)" % (self.m("tanh"), e())]))
        if k < 0.69:
            # >= 1.5: inside acosh's domain, away from its kink at 1
            return "%s(%s)" % (self.m("acosh"), self.square_plus(1.5, e()))
        if k < 0.74:
            f = self.pick(PIECEWISE)
            a = e()
            return "(%s(3 * %s) * 0.1$F + %s)" % (self.m(f), self.paren(a), self.paren(a))
        if k < 0.78:
            return "%s(%s)" % (self.m("fabs"), e())
        if k < 0.92:
            f = self.pick(BINARY)
            a, b = e(), e()
            if f == "hypot":
                return "%s(%s, %s)" % (self.m(f), a, self.square_plus(0.3, b))
            if f == "atan2":
                return "%s(%s, 1.5$F + %s)" % (self.m(f), a, self.squash(b))
            if f == "pow":
                if self.chance(0.4):
                    return "%s(%s, %s)" % (self.m(f), a, self.pick(["2.0$F", "3.0$F", "2", "1.0$F"]))
                return "%s(1.2$F + %s, %s)" % (self.m(f), self.squash(a), self.squash(b))
            if f == "fmod":
                return "%s(%s, %s)" % (self.m(f), a, self.square_plus(0.7, b))
            return "%s(%s, %s)" % (self.m(f), a, b)
        return "%s(%s, %s, %s)" % (self.m("fma"), e(), e(), e())

    def expr(self, scope, d, forbid):
        """A real-valued expression of depth <= d over scope (names in forbid are not read)."""
        leaves = self.leaves(scope, forbid)
        if d <= 0 or self.chance(0.25):
            k = self.r.random()
            if leaves and k < 0.7:
                v = self.pick(leaves)
                return v if isinstance(v, str) else self.index(v, scope)
            if k < 0.8:
                ivs = self.int_vars(scope)
                if ivs:
                    return "%s * %s" % (self.pick(ivs).name, self.lit(self.pick([0.1, 0.25, 0.5])))
            return self.lit()
        k = self.r.random()
        sub = lambda: self.expr(scope, d - 1, forbid)
        if k < 0.35:
            op = self.pick(["+", "-", "*", "*", "+"])
            return "%s %s %s" % (self.paren_e(sub()), op, self.paren_e(sub()))
        if k < 0.42:
            a = sub()
            return "%s / (%s)" % (self.paren_e(sub()), self.square_plus(1.5, a))
        if k < 0.47:
            return "-%s" % self.paren_e(sub())
        if k < 0.75:
            return self.mathcall(scope, d, forbid)
        if k < 0.82:
            return "(%s ? %s : %s)" % (self.cond(scope, forbid), sub(), sub())
        if k < 0.88 and self.is_float:
            return "(%s)(%s)" % (self.pick(["double", "float", "$R"]), sub())
        if k < 0.95:
            c = self.call_expr(scope, forbid)
            if c:
                return c
        return "%s * %s" % (self.lit(), self.paren_e(sub()))

    def paren_e(self, s):
        if s.startswith("(") and s.endswith(")") and s.count("(") == 1:
            return s
        simple = all(ch.isalnum() or ch in "_.$[]" for ch in s)
        return s if simple else "(%s)" % s

    def cond(self, scope, forbid):
        ivs = self.int_vars(scope)
        if ivs and self.chance(0.4):
            v = self.pick(ivs)
            return self.pick(["%s %% 2 == 0" % v.name, "%s > %d" % (v.name, self.r.randint(0, 3)),
                              "%s == %d" % (v.name, self.r.randint(0, 3)), "%s != %d" % (v.name, self.r.randint(0, 2))])
        e = self.expr(scope, 1, forbid)
        return "%s %s %s" % (self.paren_e(e), self.pick([">", "<", ">=", "<="]), self.lit(self.pick([0.0, 0.2, -0.3, 0.5])))

    def call_expr(self, scope, forbid):
        """A call to a helper that returns a real, with arguments from scope."""
        cands = [f for f in self.funcs if f.ret == "R"]
        if not cands or self.calldepth > 0:
            return None
        f = self.pick(cands)
        args = self.call_args(f, scope, forbid, write=False)
        if args is None:
            return None
        return "%s(%s)" % (f.name, ", ".join(args))

    def call_args(self, f, scope, forbid, write):
        args = []
        self.calldepth += 1
        try:
            for p in f.params:
                if p.role in ("scalar", "iscalar"):
                    args.append(self.expr(scope, 1, forbid))
                elif p.role == "int":
                    args.append(str(p.value))
                else:
                    need = p.size
                    arrs = [v for v in scope if v.kind in ("array", "ptr") and v.ty == "R" and v.size and v.size >= need
                            and v.name not in forbid and getattr(v, "readable", True)]
                    if p.role in ("out", "inout"):
                        arrs = [v for v in arrs if v.writable and not v.const]
                    if not arrs:
                        return None
                    a = self.pick(arrs)
                    if p.role in ("out", "inout") and a.name in self.written_via_call:
                        return None
                    off = self.r.randint(0, a.size - need)
                    args.append(a.name if off == 0 else "%s + %d" % (a.name, off))
                    if p.role in ("out", "inout"):
                        self.written_via_call.add(a.name)
            return args
        finally:
            self.calldepth -= 1

    # ------------------------------------------------------------- statements
    def emit(self, fn, ind, s):
        fn.lines.append("    " * ind + s)

    def block(self, fn, scope, ind, nstmts, loopdepth, inloop, outer_names):
        scope = list(scope)
        for _ in range(nstmts):
            if self.stmt_budget <= 0:
                break
            self.stmt_budget -= 1
            self.stmt(fn, scope, ind, loopdepth, inloop, outer_names)

    def targets(self, scope):
        """Assignable real scalars and writable arrays."""
        sc = [v for v in scope if v.kind == "scalar" and v.ty in ("R", "D") and v.writable]
        arrs = [v for v in scope if v.kind in ("array", "ptr") and v.ty in ("R", "D") and v.writable and not v.const and v.size]
        return sc, arrs

    def update(self, fn, scope, ind, inloop, outer_names):
        sc, arrs = self.targets(scope)
        if arrs and (not sc or self.chance(0.5)):
            a = self.pick(arrs)
            lhs = self.index(a, scope)
            target = a.name
        elif sc:
            v = self.pick(sc)
            lhs, target = v.name, v.name
        else:
            return
        carried = inloop and target in outer_names
        forbid = {target} if carried else set()
        e = self.expr(scope, self.r.randint(1, 3), forbid)
        k = self.r.random()
        if carried:
            if k < 0.45:
                self.emit(fn, ind, "%s += %s * %s;" % (lhs, self.lit(self.pick([0.1, 0.5, 0.3])), self.paren_e(e)))
            elif k < 0.6:
                self.emit(fn, ind, "%s -= %s;" % (lhs, self.paren_e(self.squash(e))))
            elif k < 0.75:
                e2 = self.expr(scope, 2, set())
                self.emit(fn, ind, "%s = %s;" % (lhs, self.squash(e2)))
            elif k < 0.87:
                self.emit(fn, ind, "%s *= 0.5$F + 0.4$F * %s(%s);" % (lhs, self.m("tanh"), e))
            elif k < 0.95:
                self.emit(fn, ind, "%s = 0.5$F * %s + %s;" % (lhs, lhs, self.paren_e(e)))
            else:
                self.emit(fn, ind, "%s /= 1.5$F + %s * %s;" % (lhs, self.paren_e(e), self.paren_e(e)))
        else:
            if k < 0.5:
                e = self.expr(scope, self.r.randint(1, 3), set())
                self.emit(fn, ind, "%s = %s;" % (lhs, e))
            elif k < 0.8:
                self.emit(fn, ind, "%s += %s;" % (lhs, e))
            elif k < 0.9:
                self.emit(fn, ind, "%s *= %s;" % (lhs, self.paren_e(self.squash(e))))
            elif k < 0.95 and lhs == target:
                self.emit(fn, ind, "%s%s;" % (lhs, self.pick(["++", "--"])) if self.chance(0.5) else "%s%s;" % (self.pick(["++", "--"]), lhs))
            else:
                self.emit(fn, ind, "%s -= %s;" % (lhs, self.paren_e(e)))

    def decl(self, fn, scope, ind):
        ty = "$R" if (not self.is_float or self.chance(0.8)) else "double"
        vty = "R" if ty == "$R" else "D"
        k = self.r.random()
        if k < 0.1:
            self.decl_struct(fn, scope, ind)
        elif k < 0.45:
            self.decl_scalars(fn, scope, ind, ty, vty)
        elif k < 0.7:
            nm = self.fresh("k")
            e = self.expr(scope, 1, set())
            self.emit(fn, ind, "int %s = (int)%s(2.4 * (1 + %s(%s)), 0);" % (nm, self.m("fmax"), self.m("sin"), e))
            v = Var(nm, "int", "scalar")
            v.lo, v.hi = 0, 4
            v.writable = False
            scope.append(v)
        else:
            self.local_array(fn, scope, ind, 0.4)

    def decl_struct(self, fn, scope, ind):
        """A local struct whose members hold active values (pfx + "pair",
        declared at file scope by template())."""
        nm = self.fresh("st")
        e1, e2 = self.expr(scope, self.r.randint(0, 2), set()), self.expr(scope, self.r.randint(0, 2), set())
        # (member by member: adjoint mode refuses a struct's brace initializer)
        self.emit(fn, ind, "%spair %s;" % (self.pfx, nm))
        self.emit(fn, ind, "%s.a = %s;" % (nm, e1))
        self.emit(fn, ind, "%s.b = %s;" % (nm, e2))
        scope.append(Var(nm + ".a", "R", "scalar"))
        scope.append(Var(nm + ".b", "R", "scalar"))

    def decl_scalars(self, fn, scope, ind, ty, vty):
        """One declaration of one to three scalars, each 0 or an expression."""
        names, parts = [], []
        for _ in range(self.r.randint(1, 3)):
            nm = self.fresh("t")
            parts.append("%s = %s" % (nm, self.pick(["0", self.expr(scope, self.r.randint(0, 2), set())])))
            names.append(nm)
        self.emit(fn, ind, "%s %s;" % (ty, ", ".join(parts)))
        for nm in names:
            scope.append(Var(nm, vty, "scalar"))

    def local_array(self, fn, scope, ind, zeroed):
        """A local array: zeroed (with that chance), brace-initialized, or filled by a loop."""
        nm = self.fresh("h")
        size = self.r.randint(2, 5)
        if self.chance(zeroed):
            self.emit(fn, ind, "$R %s[%d] = {0};" % (nm, size))
        elif self.chance(0.5):
            vals = [self.pick(["0", self.lit(), self.expr(scope, 1, set())]) for _ in range(size)]
            self.emit(fn, ind, "$R %s[%d] = {%s};" % (nm, size, ", ".join(vals)))
        else:
            self.emit(fn, ind, "$R %s[%d];" % (nm, size))
            iv = self.fresh("i")
            self.emit(fn, ind, "for (int %s = 0; %s < %d; %s++)" % (iv, iv, size, iv))
            ivar = self.fill_index(iv, size)
            self.emit(fn, ind + 1, "%s[%s] = %s;" % (nm, iv, self.expr(scope + [ivar], 2, set())))
        scope.append(Var(nm, "R", "array", size, str(size)))

    def fill_index(self, name, size):
        """The variable of a loop filling a local array of that size."""
        v = Var(name, "int", "scalar")
        v.lo, v.hi = 0, size - 1
        return v

    def loop_bound(self, scope):
        ints = [v for v in scope if v.ty == "int" and v.kind == "scalar" and getattr(v, "value", None) is not None]
        if ints and self.chance(0.7):
            v = self.pick(ints)
            return v.name, v.value
        c = self.r.randint(1, 4)
        return str(c), c

    def loop(self, fn, scope, ind, loopdepth, outer_names):
        outer = set(outer_names) | {v.name for v in scope}
        k = self.r.random()
        body_n = self.r.randint(1, 4)
        if k < 0.55:
            iv = self.fresh("i")
            bexpr, bval = self.loop_bound(scope)
            ivar = Var(iv, "int", "scalar")
            ivar.writable = False
            kk = self.r.random()
            if kk < 0.6 or bval < 1:
                self.emit(fn, ind, "for (int %s = 0; %s < %s; %s++) {" % (iv, iv, bexpr, iv))
                ivar.lo, ivar.hi = 0, max(bval - 1, 0)
            elif kk < 0.8:
                self.emit(fn, ind, "for (int %s = %s - 1; %s >= 0; %s--) {" % (iv, bexpr, iv, iv))
                ivar.lo, ivar.hi = 0, max(bval - 1, 0)
            else:
                ivs = [v for v in self.int_vars(scope) if v.lo >= 0 and v.hi < bval]
                if ivs:
                    j = self.pick(ivs)
                    self.emit(fn, ind, "for (int %s = %s; %s < %s; %s++) {" % (iv, j.name, iv, bexpr, iv))
                else:
                    self.emit(fn, ind, "for (int %s = 0; %s < %s; %s += 2) {" % (iv, iv, bexpr, iv))
                ivar.lo, ivar.hi = 0, max(bval - 1, 0)
            inner = scope + [ivar]
            self.loop_body(fn, inner, ind + 1, loopdepth + 1, outer, body_n)
            self.emit(fn, ind, "}")
        elif k < 0.75:
            # a data-dependent while loop with an iteration cap
            kv = self.fresh("n")
            cap = self.r.randint(1, 6)
            self.emit(fn, ind, "int %s = 0;" % kv)
            c = self.cond(scope, set())
            do = self.chance(0.35)
            if do:
                self.emit(fn, ind, "do {")
            else:
                self.emit(fn, ind, "while (%s < %d && %s) {" % (kv, cap, c))
            self.emit(fn, ind + 1, "%s++;" % kv)
            kvar = Var(kv, "int", "scalar")
            kvar.lo, kvar.hi, kvar.writable = 1, cap, False
            self.loop_body(fn, scope + [kvar], ind + 1, loopdepth + 1, outer | {kv}, body_n)
            if do:
                self.emit(fn, ind, "} while (%s < %d && %s);" % (kv, cap, c))
            else:
                self.emit(fn, ind, "}")
            scope.append(kvar)
        else:
            # pointer walking over an array
            arrs = [v for v in scope if v.kind in ("array", "ptr") and v.ty == "R" and v.size and getattr(v, "readable", True)]
            if not arrs:
                return
            a = self.pick(arrs)
            pv = self.fresh("p")
            writable = a.writable and not a.const and self.chance(0.4)
            start = self.r.randint(0, a.size - 1)
            cnt = a.size - start
            at = lambda arr: arr.name if start == 0 else "%s + %d" % (arr.name, start)
            init = at(a)
            # or over either of two arrays, chosen by ?:
            others = [b for b in arrs if b is not a and b.size >= a.size and (not writable or (b.writable and not b.const))]
            b = self.pick(others) if others and self.chance(0.3) else None
            if b:
                init = "%s ? %s : %s" % (self.paren_e(self.cond(scope, set())), at(a), at(b))
            chosen = {a.name} | ({b.name} if b else set())
            self.emit(fn, ind, "%s$R *%s = %s;" % ("" if writable else "const ", pv, init))
            wv = self.fresh("cnt")
            self.emit(fn, ind, "int %s = %d;" % (wv, cnt))
            self.emit(fn, ind, "while (%s-- > 0) {" % wv)
            sc, _ = self.targets(scope)
            sc = [v for v in sc]
            if writable:
                e = self.expr(scope, 2, chosen)
                if self.chance(0.5):
                    self.emit(fn, ind + 1, "*%s = %s(*%s) + %s;" % (pv, self.m("sin"), pv, self.paren_e(e)) if self.chance(0.5) else
                              "*%s += 0.5$F * %s;" % (pv, self.paren_e(e)))
                    self.emit(fn, ind + 1, "%s++;" % pv)
                else:
                    self.emit(fn, ind + 1, "*%s++ = %s;" % (pv, e))
            else:
                tgt = [v for v in sc if v.name not in chosen]
                if tgt:
                    t = self.pick(tgt)
                    # (no exp: t may be in the array walked, and t += exp(t) runs away to inf)
                    self.emit(fn, ind + 1, "%s += %s * %s(*%s);" % (t.name, self.lit(0.5), self.m(self.pick(["sin", "tanh", "cos", "atan"])), pv)
                              if self.chance(0.5) else "%s += *%s++ * %s;" % (t.name, pv, self.lit()))
                    if not self.lines_end_with(fn, "++ * "):
                        pass
                    if "*%s++" % pv not in fn.lines[-1]:
                        self.emit(fn, ind + 1, "%s++;" % pv)
                else:
                    self.emit(fn, ind + 1, "%s++;" % pv)
            self.emit(fn, ind, "}")

    def lines_end_with(self, fn, s):
        return fn.lines and fn.lines[-1].endswith(s)

    def loop_body(self, fn, scope, ind, loopdepth, outer, n):
        scope = list(scope)
        for _ in range(n):
            if self.stmt_budget <= 0:
                break
            self.stmt_budget -= 1
            k = self.r.random()
            if k < 0.12:
                c = self.cond(scope, set())
                self.emit(fn, ind, "if (%s) %s;" % (c, self.pick(["break", "continue"])))
            else:
                self.stmt(fn, scope, ind, loopdepth, True, outer)

    def stmt(self, fn, scope, ind, loopdepth, inloop, outer):
        k = self.r.random()
        if self.case_first:
            # a declaration right after a case label is C23, not C11: keep labels before statements
            self.case_first = False
            if 0.3 <= k < 0.6 or 0.77 <= k < 0.85:   # declarations, loops (they declare), calls
                k = 0.0
        if k < 0.3:
            self.update(fn, scope, ind, inloop, outer)
        elif k < 0.45:
            self.decl(fn, scope, ind)
        elif k < 0.6 and loopdepth < 3:
            self.loop(fn, scope, ind, loopdepth, outer)
        elif k < 0.72:
            c = self.cond(scope, set())
            self.emit(fn, ind, "if (%s) {" % c)
            self.block(fn, scope, ind + 1, self.r.randint(1, 3), loopdepth, inloop, outer)
            if self.chance(0.5):
                self.emit(fn, ind, "} else {")
                self.block(fn, scope, ind + 1, self.r.randint(1, 2), loopdepth, inloop, outer)
            self.emit(fn, ind, "}")
        elif k < 0.77:
            ivs = self.int_vars(scope)
            sel = "(%s + %d) %% 3" % (self.pick(ivs).name, self.r.randint(0, 2)) if ivs else "%d" % self.r.randint(0, 2)
            self.emit(fn, ind, "switch (%s) {" % sel)
            for case in ["case 0:", "case 1:", "default:"]:
                self.emit(fn, ind, case)
                self.case_first = True
                self.block(fn, scope, ind + 1, 1, loopdepth, inloop, outer)
                if case == "default:" or not self.chance(0.2):
                    self.emit(fn, ind + 1, "break;")
            self.emit(fn, ind, "}")
        elif k < 0.85 and self.funcs:
            self.call_stmt(fn, scope, ind, inloop, outer)
        elif k < 0.9 and fn.ret == "R" and self.allow_return:
            c = self.cond(scope, set())
            self.emit(fn, ind, "if (%s) return %s;" % (c, self.expr(scope, 2, set())))
        elif k < 0.93 and fn.ret == "void" and self.allow_return:
            self.emit(fn, ind, "if (%s) return;" % self.cond(scope, set()))
        else:
            self.update(fn, scope, ind, inloop, outer)

    def call_stmt(self, fn, scope, ind, inloop, outer):
        f = self.pick(self.funcs)
        self.written_via_call = set()
        forbid = set()
        args = self.call_args(f, scope, forbid, write=True)
        if args is None:
            return
        # an array written through the call must not also be read by another argument
        if f.ret == "R":
            sc, _ = self.targets(scope)
            sc = [v for v in sc if v.name not in self.written_via_call and not (inloop and v.name in outer)]
            if sc and self.chance(0.7):
                self.emit(fn, ind, "%s += %s(%s);" % (self.pick(sc).name, f.name, ", ".join(args)))
                return
            nm = self.fresh("cr")
            self.emit(fn, ind, "$R %s = %s(%s);" % (nm, f.name, ", ".join(args)))
            scope.append(Var(nm, "R", "scalar"))
        else:
            self.emit(fn, ind, "%s(%s);" % (f.name, ", ".join(args)))

    # -------------------------------------------------------------- functions
    def named_params(self, params, chosen, sizes, ints):
        """Parameters for the roles chosen, sized from sizes, with ints among them."""
        names = iter(["x", "y", "z", "u", "v", "w", "a", "b"])
        for role in chosen:
            if role in ("scalar", "iscalar"):
                params.append(Param(self.pick(["a", "b", "c", "s", "q"]) + str(len(params)), role, value=round(self.r.uniform(-1, 1), 3)))
            else:
                se, sv = self.pick(sizes)
                params.append(Param(next(names) + str(len(params)), role, sv, se))
        for p in ints:
            params.insert(self.r.randint(0, len(params)), p)
        return params

    def make_params(self, is_main):
        n = self.r.randint(1, 6)
        m = self.r.randint(1, 4)
        params = []
        ints = [Param("n", "int", value=n)]
        if self.chance(0.5):
            ints.append(Param("m", "int", value=m))
        sizes = [("n", n)] + ([("m", m), ("n * m", n * m)] if len(ints) > 1 else [])
        roles = ["in", "in", "scalar", "scalar", "inout", "out", "iscalar"]
        if not is_main:
            roles = ["in", "scalar", "inout", "out"]
        count = self.r.randint(1, 4 if is_main else 3)
        chosen = [self.pick(roles) for _ in range(count)]
        if is_main and not any(c in ("in", "scalar") for c in chosen):
            chosen.append("in")
        return self.named_params(params, chosen, sizes, ints)

    def function(self, name, is_main, static):
        params = self.make_params(is_main)
        has_out = any(p.role in ("out", "inout") for p in params)
        ret = "R" if (not has_out or self.chance(0.6)) else "void"
        fn = Func(self.pfx + name, ret, params, static)
        scope = []
        for p in params:
            if p.role == "int":
                v = Var(p.name, "int", "scalar")
                v.value, v.writable = p.value, False
                scope.append(v)
            elif p.role in ("scalar", "iscalar"):
                # parameters left out of wrt() are written too (test/regress/inactive-param-reassigned.c)
                scope.append(Var(p.name, "R", "scalar", writable=True))
            else:
                v = Var(p.name, "R", "ptr", p.size, p.size_expr, const=(p.role == "in"), writable=(p.role != "in"))
                v.readable = p.role != "out"
                scope.append(v)
        self.allow_return = False
        ind = 1
        # outputs are overwritten first, from inputs only
        for p in params:
            if p.role == "out":
                iv = self.fresh("i")
                ivar = Var(iv, "int", "scalar")
                ivar.lo, ivar.hi = 0, p.size - 1
                self.emit(fn, ind, "for (int %s = 0; %s < %s; %s++) {" % (iv, iv, p.size_expr, iv))
                self.emit(fn, ind + 1, "%s[%s] = %s;" % (p.name, iv, self.expr(scope + [ivar], 2, set())))
                self.emit(fn, ind, "}")
        for v in scope:
            v.readable = True
        acc = self.accumulator(fn, scope, ind, ret)
        self.allow_return = True
        self.stmt_budget = self.r.randint(4, 14) if is_main else self.r.randint(2, 7)
        self.block(fn, scope, ind, 99, 0, False, set())
        self.finish(fn, scope, ind, ret, acc)
        return fn

    def accumulator(self, fn, scope, ind, ret):
        """The local a function returning R sums into, or None."""
        if ret != "R":
            return None
        acc = self.fresh("r")
        self.emit(fn, ind, "$R %s = %s;" % (acc, self.pick(["0", self.expr(scope, 1, set())])))
        scope.append(Var(acc, "R", "scalar"))
        return acc

    def finish(self, fn, scope, ind, ret, acc):
        if ret == "R":
            self.emit(fn, ind, "return %s;" % (acc if self.chance(0.6) else "%s + %s" % (acc, self.paren_e(self.expr(scope, 2, set())))))

    def pragma_for(self, fn):
        active = [p for p in fn.params if p.role in ("in", "scalar", "inout", "out", "iscalar")]
        has_iscalar = any(p.role == "iscalar" for p in fn.params)
        clauses = []
        wrt = [p.name for p in fn.params if p.role in ("in", "scalar", "inout")]
        if has_iscalar and not wrt:
            for p in fn.params:
                if p.role == "iscalar":
                    p.role = "scalar"
            has_iscalar = False
            wrt = [p.name for p in fn.params if p.role in ("in", "scalar", "inout")]
        if wrt and (has_iscalar or self.chance(0.2)):
            clauses.append("wrt(%s)" % ", ".join(wrt))
        if self.chance(0.2):
            outs = [p.name for p in fn.params if p.role in ("inout", "out")] + (["return"] if fn.ret == "R" else [])
            if outs:
                self.r.shuffle(outs)
                clauses.append("out(%s)" % ", ".join(outs))
        if self.chance(0.15):
            clauses.insert(0, "mode(both)")
        if not has_iscalar:
            pass
        return "#pragma cgrad differentiate %s%s" % (fn.name, "".join(" " + c for c in clauses))

    def generate(self):
        self.calldepth = 0
        self.in_index = False
        self.case_first = False
        self.written_via_call = set()
        nh = self.pick([0, 0, 1, 1, 2, 3])
        for i in range(nh):
            static = self.chance(0.6)
            fn = self.function("h%d" % (i + 1), False, static)
            if not static and self.chance(0.4) and self.has_active_output(fn):
                fn.pragma = self.pragma_for(fn)
                fn.checked = True
            self.funcs.append(fn)
        main = self.function("f", True, False)
        if not self.has_active_output(main):
            # make sure something comes out: return a value
            pass
        main.pragma = self.pragma_for(main)
        main.checked = True
        self.funcs.append(main)
        return Program(self)

    @staticmethod
    def has_active_output(fn):
        return fn.ret == "R" or any(p.role in ("out", "inout") for p in fn.params)


# ------------------------------------------------------------------ affine mode
class Lin:
    """An integer polynomial over int names ({monomial: coefficient}, () the
    constant), for the concrete interval of an index expression: the same
    interval arithmetic cgrad's extent analysis runs at the function's entry."""

    def __init__(self, terms=None):
        self.t = dict(terms or {})

    @staticmethod
    def of(x):
        if isinstance(x, Lin):
            return x
        if isinstance(x, str):
            return Lin({(x,): 1})
        return Lin({(): x})

    def __add__(self, o):
        o, t = Lin.of(o), dict(self.t)
        for k, c in o.t.items():
            t[k] = t.get(k, 0) + c
        return Lin(t)

    __radd__ = __add__

    def __neg__(self):
        return Lin({k: -c for k, c in self.t.items()})

    def __sub__(self, o):
        return self + (-Lin.of(o))

    def __rsub__(self, o):
        return Lin.of(o) - self

    def __mul__(self, o):
        o, t = Lin.of(o), {}
        for k1, c1 in self.t.items():
            for k2, c2 in o.t.items():
                k = k1 + k2
                t[k] = t.get(k, 0) + c1 * c2
        return Lin(t)

    __rmul__ = __mul__

    def interval(self, iv):
        lo = hi = 0
        for k, c in self.t.items():
            a, b = 1, 1
            for nm in k:
                x, y = iv[nm]
                ps = [a * x, a * y, b * x, b * y]
                a, b = min(ps), max(ps)
            a, b = (c * a, c * b) if c >= 0 else (c * b, c * a)
            lo, hi = lo + a, hi + b
        return lo, hi

    def text(self):
        out = ""
        for k, c in self.t.items():
            if c == 0:
                continue
            body = " * ".join(k)
            a = abs(c)
            s = str(a) if not body else (body if a == 1 else "%d * %s" % (a, body))
            if not out:
                out = ("-" if c < 0 else "") + s
            else:
                out += (" - " if c < 0 else " + ") + s
        return out or "0"


def size_lin(size_expr):
    """A parameter's size expression (n, m, n * m, or a constant) as a Lin."""
    if size_expr.isdigit():
        return Lin.of(int(size_expr))
    lin = Lin.of(1)
    for nm in size_expr.split(" * "):
        lin = lin * nm
    return lin


class AffineGen(Gen):
    """gen.py --affine: programs that cgrad's extent analysis accepts, so that
    their _vjp gets two copies (docs/design.md, "Two copies").  Every access
    through a pointer parameter is p[e] with e an affine expression of the
    int parameters n, m, of counted-for variables (up, down, triangular,
    stride 2) and of int locals set once from them; a pointer parameter is
    never passed to a call, walked or compared, only copied into a local
    `const R *row = p + e`.  Indices are kept inside their arrays by the
    interval arithmetic the analysis itself runs (Lin.interval), so the
    extents at run time lie within the caller's buffers.  Helpers are
    scalar-only (called from the kernels) or further array kernels with
    their own pragma; a while loop touches scalars and local arrays only.
    Each checked kernel with two or more pointer parameters also gets an
    *aliased* driver entry (Program.glue_alias): some of its parameters share
    one buffer (in place, or shifted by an element), which sends its _vjp
    down the general path, while the ordinary entry (separate buffers) takes
    the _noalias copy.  Some kernels also get a matrix-product nest with
    constant trip counts (nest_plan, emit_nest), for the reverse sweep's loop
    interchange and unroll-and-jam."""

    # The j trip counts of the matrix-product nests (nest_plan): multiples of
    # four and not, so that the jammed row loop has a remainder or none.
    NEST_DIMS = [3, 4, 5, 7, 8, 3, 4, 5, 7, 8, 2, 6]

    def __init__(self, seed, prefix="p0_"):
        Gen.__init__(self, seed, prefix)
        # The matrix-product nests draw from a stream of their own: a program
        # without one is the same, byte for byte, as before they existed.
        self.mr = random.Random("nest-%d" % seed)
        self.enums = {}

    # ------------------------------------------------ matrix-product nests
    def nest_plan(self, params, is_main):
        """Whether this kernel gets a matrix-product nest (emit_nest), and its
        shape; the parameters it reads and writes are added to params.  All
        drawn from self.mr.  Every size is a concrete number: the nest's
        indices stay inside its buffers by construction (checked below)."""
        r = self.mr
        if r.random() >= (0.36 if is_main else 0.2):
            return None
        ints = {p.name: p.value for p in params if p.role == "int"}
        scalars = [p.name for p in params if p.role in ("scalar", "iscalar")]

        def const_dim():
            v = r.choice(self.NEST_DIMS)
            if r.random() < 0.6:      # an enum constant, else a literal
                nm = "%sD%d" % (self.pfx, v)
                self.enums[nm] = v
                return nm, v
            return str(v), v

        def any_dim():
            if r.random() < 0.2:      # n or m: no constant far bound, so no jam (interchange still may)
                nm = r.choice(sorted(ints))
                return nm, ints[nm]
            return const_dim()

        N = type("Nest", (), {})()
        N.tri = r.random() < 0.3                  # for (i = 0; i <= t; i++)
        N.dj = const_dim()                        # the j loop: its constant trip count
        N.j_down = r.random() < 0.08              # (its reverse counts up with <=: not interchanged today)
        if N.tri:
            N.t = any_dim()
            N.di = N.t                            # rows 0..t of W
        else:
            N.t = any_dim() if r.random() < 0.8 else None
            N.di = any_dim() if r.random() < 0.85 else N.dj
        N.t_down = r.random() < 0.3
        N.i_down = r.random() < 0.45
        N.transposed = r.random() < 0.07         # W[j * DI + i]: already unit stride in i, not interchanged
        N.k = r.choice([1, 1, 1, 1, 1, 1, 2, 2, 3, 3])   # accumulators sharing X (q, k, v)
        N.packed = N.k > 1 and r.random() < 0.5   # one W with k blocks per row, or one W each
        N.multi_decl = r.random() < 0.5
        N.init = [("0.1$F * %s" % r.choice(scalars)) if scalars and r.random() < 0.15 else "0" for _ in range(N.k)]
        tv = N.t[1] if N.t else 1
        div, djv = N.di[1], N.dj[1]
        # X: its own parameter, an existing one big enough, or rows of it through a row pointer
        x_row_of = N.t is not None and r.random() < 0.8   # x[t * DI + i] (else x[i], shared by all t)
        if N.tri and x_row_of:
            x_need = tv * div
        elif x_row_of:
            x_need = tv * div
        else:
            x_need = div
        N.x_row_of = x_row_of
        N.x_rowptr = x_row_of and r.random() < 0.3
        new = []
        reuse = [p for p in params if p.role in ("in", "inout") and p.size >= x_need]
        if reuse and r.random() < 0.3:
            N.x = r.choice(reuse).name
        else:
            p = Param("X%d" % (len(params) + len(new)), r.choice(["in", "in", "in", "inout"]), x_need, str(x_need))
            new.append(p)
            N.x = p.name
        w_rows = div
        w_cols = djv * (N.k if N.packed else 1)
        N.w = []
        for c in range(1 if N.packed else N.k):
            p = Param("W%d" % (len(params) + len(new)), r.choice(["in", "in", "in", "inout"]), w_rows * w_cols, str(w_rows * w_cols))
            new.append(p)
            N.w.append(p.name)
        # where the products go: a nonlinear loss into the return value, or an output array
        N.loss = r.random() < 0.6
        if not N.loss:
            y_need = tv * djv if N.t else djv
            p = Param("Y%d" % (len(params) + len(new)), r.choice(["out", "out", "out", "inout", "inout"]), y_need, str(y_need))
            new.append(p)
            N.y = p.name
            # only the nest touches it (else its old values are saved and restored around
            # the nest's stores, which the interchange does not take)
            N.y_private = r.random() < 0.6
        for p in new:
            params.insert(r.randint(0, len(params)), p)
        N.new = [p.name for p in new]
        N.where = r.choice([0, 1, 1, 2, 2])       # before the first loop, after it, at the end
        N.t_extra = N.t is not None and r.random() < 0.3
        # the indices' largest values, against the buffers
        sizes = {p.name: p.size for p in params}
        x_hi = (tv - 1) * div + div - 1 if x_row_of else div - 1
        assert x_hi < sizes[N.x]
        assert (w_rows - 1) * w_cols + w_cols - 1 < sizes[N.w[0]]
        if not N.loss:
            assert ((tv - 1) * djv if N.t else 0) + djv - 1 < sizes[N.y]
        return N

    def emit_nest(self, fn, scope, ind, N, acc):
        """The matrix-product nest of plan N (nest_plan), as the interchange
        and the unroll-and-jam of the reverse sweep want it (compiler/ad/
        interchange.c, jam.c):

            for (t = 0; t < T; t++)                        (or none, or down)
                for (j = 0; j < DJ; j++) {                 DJ a constant
                    R d = 0;                               (or q, k, v)
                    for (i = 0; i < DI; i++)               (down, i <= t, DI = n)
                        d += x[t * DI + i] * W[i * DJ + j];
                    acc += sin(d);                         (or y[t * DJ + j] = d)
                }

        Its random choices come from self.mr."""
        saved, self.r = self.r, self.mr
        try:
            self._emit_nest(fn, scope, ind, N, acc)
        finally:
            self.r = saved

    def _emit_nest(self, fn, scope, ind, N, acc):
        r = self.r
        DJ, djv = N.dj
        DI, div = N.di
        outer = {v.name for v in scope}
        tname = jname = iname = None
        inner_scope = list(scope)
        if N.t:
            T, tv = N.t
            tname = self.fresh("i")
            if N.t_down:
                self.emit(fn, ind, "for (int %s = %s - 1; %s >= 0; %s--) {" % (tname, T, tname, tname))
            else:
                self.emit(fn, ind, "for (int %s = 0; %s < %s; %s++) {" % (tname, tname, T, tname))
            ind += 1
            tvar = Var(tname, "int", "scalar")
            tvar.lo, tvar.hi, tvar.aff, tvar.writable = 0, tv - 1, True, False
            inner_scope.append(tvar)
        xname = N.x
        if N.x_rowptr:
            xr = self.fresh("row")
            self.emit(fn, ind, "const $R *%s = %s + %s * %s;" % (xr, N.x, tname, DI))
            xname = xr
        jname = self.fresh("j")
        if N.j_down:
            self.emit(fn, ind, "for (int %s = %s - 1; %s >= 0; %s--) {" % (jname, DJ, jname, jname))
        else:
            self.emit(fn, ind, "for (int %s = 0; %s < %s; %s++) {" % (jname, jname, DJ, jname))
        ind += 1
        accs = [self.fresh("dot") for _ in range(N.k)]
        if N.multi_decl:
            self.emit(fn, ind, "$R %s;" % ", ".join("%s = %s" % (a, e) for a, e in zip(accs, N.init)))
        else:
            for a, e in zip(accs, N.init):
                self.emit(fn, ind, "$R %s = %s;" % (a, e))
        iname = self.fresh("i")
        if N.tri:
            hdr = ("for (int %s = %s; %s >= 0; %s--) {" % (iname, tname, iname, iname) if N.i_down else
                   "for (int %s = 0; %s <= %s; %s++) {" % (iname, iname, tname, iname))
        else:
            hdr = ("for (int %s = %s - 1; %s >= 0; %s--) {" % (iname, DI, iname, iname) if N.i_down else
                   "for (int %s = 0; %s < %s; %s++) {" % (iname, iname, DI, iname))
        self.emit(fn, ind, hdr)
        if N.x_rowptr:
            xi = "%s[%s]" % (xname, iname)
        elif N.x_row_of:
            xi = "%s[%s * %s + %s]" % (xname, tname, DI, iname)
        else:
            xi = "%s[%s]" % (xname, iname)
        for c, a in enumerate(accs):
            W = N.w[0] if N.packed else N.w[c]
            if N.packed:
                wi = "%s[%s * %d + %s%s]" % (W, iname, djv * N.k, jname, " + %d" % (c * djv) if c else "")
            elif N.transposed:
                wi = "%s[%s * %s + %s]" % (W, jname, DI, iname)
            else:
                wi = "%s[%s * %s + %s]" % (W, iname, DJ, jname)
            form = r.random()
            if form < 0.5:
                rhs = "%s * %s" % (xi, wi)
            elif form < 0.8:
                rhs = "%s * %s" % (wi, xi)
            else:
                rhs = "%s * %s * %s" % (self.lit(r.choice([0.5, 0.25, 1.5])), xi, wi)
            self.emit(fn, ind + 1, "%s += %s;" % (a, rhs))
        self.emit(fn, ind, "}")
        # the products, through a nonlinearity, into the loss or an output
        terms = []
        for a in accs:
            k = r.random()
            if k < 0.3:
                terms.append("%s(%s)" % (self.m(r.choice(["sin", "cos", "tanh", "atan"])), a))
            elif k < 0.45:
                terms.append("%s * %s" % (a, a))
            elif k < 0.6:
                terms.append("%s(1.5$F + %s(%s))" % (self.m("log"), self.m("sin"), a))
            elif k < 0.75 and tname:
                terms.append("%s(%s) * (%s + 1)" % (self.m("tanh"), a, tname))
            else:
                terms.append(a)
        e = terms[0]
        for t in terms[1:]:
            e = "%s %s %s" % (e, r.choice(["+", "*", "-"]), t)
        if N.loss:
            if r.random() < 0.5:
                self.emit(fn, ind, "%s += %s;" % (acc, e))
            else:
                self.emit(fn, ind, "%s += %s * %s;" % (acc, self.lit(r.choice([0.5, 0.1, 0.25])), self.paren_e(e)))
        else:
            yi = "%s[%s * %s + %s]" % (N.y, tname, DJ, jname) if tname else "%s[%s]" % (N.y, jname)
            k = r.random()
            if k < 0.55:
                self.emit(fn, ind, "%s = %s;" % (yi, e))
            elif k < 0.8:
                self.emit(fn, ind, "%s += %s * %s;" % (yi, self.lit(0.5), self.paren_e(e)))
            else:
                self.emit(fn, ind, "%s = %s(%s);" % (yi, self.m("tanh"), e))
        ind -= 1
        self.emit(fn, ind, "}")
        if N.t:
            if N.t_extra:
                # a statement of the t loop after the nest (it may write x or W again)
                budget, self.stmt_budget = self.stmt_budget, 1
                self.loop_body(fn, inner_scope, ind, 1, outer, 1)
                self.stmt_budget = budget
            ind -= 1
            self.emit(fn, ind, "}")

    # ------------------------------------------------------------- int terms
    def aff_vars(self, scope):
        return [v for v in scope if v.ty == "int" and v.kind == "scalar" and getattr(v, "aff", False)]

    def ivals(self, scope):
        return {v.name: (v.lo, v.hi) for v in self.aff_vars(scope)}

    def leaves(self, scope, forbid):
        # a row pointer into an array that is forbidden is forbidden too
        return [v for v in Gen.leaves(self, scope, forbid) if isinstance(v, str) or getattr(v, "base", None) not in forbid]

    def int_vars(self, scope):
        # conditions, switch selectors and `i * 0.25` leaves: any int with a range
        return [v for v in scope if v.ty == "int" and v.kind == "scalar" and getattr(v, "lo", None) is not None]

    def index_candidates(self, arr, scope):
        """(text, Lin) index expressions over the affine ints in scope."""
        avs = self.aff_vars(scope)
        loops = [v.name for v in avs if not getattr(v, "param", False)]
        params = [v.name for v in avs if getattr(v, "param", False)]
        S = arr.size_expr
        SL = getattr(arr, "size_lin", None) or Lin.of(arr.size)
        c = []
        for v in self.r.sample(loops, min(len(loops), 4)):
            V = Lin.of(v)
            c += [(v, V)] * 4
            d = self.pick([1, 1, 2, -1, -2])
            c.append(("%s %s %d" % (v, "+" if d > 0 else "-", abs(d)), V + d))
            c += [("%s - 1 - %s" % (S, v), SL - 1 - V)] * 2
            c.append(("2 * %s" % v, 2 * V))
            c.append(("2 * %s + 1" % v, 2 * V + 1))
            c.append(("-%s + (%s - 1)" % (v, S), -V + SL - 1))
            for p in params:
                c.append(("%s + %s" % (v, p), V + p))
                c.append(("%s * %s" % (v, p), V * p))
            for w in loops:
                if w == v:
                    continue
                W = Lin.of(w)
                c.append(("%s + %s" % (v, w), V + W))
                for p in params:
                    c += [("%s * %s + %s" % (v, p, w), V * p + W)] * 3
                    for q in params:
                        c.append(("(%s - 1 - %s) * %s + %s" % (q, v, p, w), (Lin.of(q) - 1 - V) * p + W))
        for p in params:
            c.append(("%s - 1" % p, Lin.of(p) - 1))
        if S != str(arr.size):
            c.append(("%s - 1" % S, SL - 1))
        k = self.r.randint(0, arr.size - 1)
        c.append((str(k), Lin.of(k)))
        return c

    def index(self, arr, scope):
        iv = self.ivals(scope)
        params = {v.name for v in self.aff_vars(scope) if getattr(v, "param", False)}
        moving, fixed = [], []
        for t, lin in self.index_candidates(arr, scope):
            lo, hi = lin.interval(iv)
            if 0 <= lo and hi <= arr.size - 1:
                # (an index over loop variables and locals, or one over n, m and constants)
                (moving if any(nm not in params for k in lin.t for nm in k) else fixed).append(t)
        if moving and (not fixed or self.chance(0.85)):
            return "%s[%s]" % (arr.name, self.pick(moving))
        return "%s[%s]" % (arr.name, self.pick(fixed) if fixed else "0")

    # ------------------------------------------------------------ statements
    def call_expr(self, scope, forbid):
        """Calls go to scalar helpers only (a pointer passed to a call defeats the analysis)."""
        cands = [f for f in self.funcs if f.ret == "R" and all(p.role in ("scalar", "iscalar", "int") for p in f.params)]
        if not cands or self.calldepth > 0:
            return None
        f = self.pick(cands)
        args = self.call_args(f, scope, forbid, write=False)
        return None if args is None else "%s(%s)" % (f.name, ", ".join(args))

    def call_stmt(self, fn, scope, ind, inloop, outer):
        c = self.call_expr(scope, set())
        sc, _ = self.targets(scope)
        sc = [v for v in sc if not (inloop and v.name in outer)]
        if c is None:
            self.update(fn, scope, ind, inloop, outer)
        elif sc and self.chance(0.7):
            self.emit(fn, ind, "%s += %s;" % (self.pick(sc).name, c))
        else:
            nm = self.fresh("cr")
            self.emit(fn, ind, "$R %s = %s;" % (nm, c))
            scope.append(Var(nm, "R", "scalar"))

    def decl(self, fn, scope, ind):
        ty = "$R" if (not self.is_float or self.chance(0.8)) else "double"
        vty = "R" if ty == "$R" else "D"
        k = self.r.random()
        if k < 0.08:
            self.decl_struct(fn, scope, ind)
        elif k < 0.38:
            self.decl_scalars(fn, scope, ind, ty, vty)
        elif k < 0.52 and self.int_local(fn, scope, ind):
            pass
        elif k < 0.76 and self.row_pointer(fn, scope, ind):
            pass
        else:
            self.local_array(fn, scope, ind, 0.35)

    def fill_index(self, name, size):
        v = Gen.fill_index(self, name, size)
        v.aff, v.writable = True, False   # an index the extent analysis reads
        return v

    def int_local(self, fn, scope, ind):
        """`int k = <affine>;`, never assigned again: the analysis reads it as its definition."""
        avs = self.aff_vars(scope)
        loops = [v.name for v in avs if not getattr(v, "param", False)]
        params = [v.name for v in avs if getattr(v, "param", False)]
        c = []
        for v in loops:
            V = Lin.of(v)
            c += [V + 1, 2 * V, V - 1]
            for p in params:
                c += [Lin.of(p) - 1 - V, V * p]
        for p in params:
            c += [Lin.of(p) - 1, Lin.of(p) + 1]
        if not c:
            return False
        lin = self.pick(c)
        lo, hi = lin.interval(self.ivals(scope))
        nm = self.fresh("k")
        # (const: rarely, cgrad's adjoint assigns hoisted const locals, test/fuzz/README.md)
        self.emit(fn, ind, "%sint %s = %s;" % ("const " if self.chance(0.15) else "", nm, lin.text()))
        v = Var(nm, "int", "scalar")
        v.lo, v.hi, v.aff, v.writable = lo, hi, True, False
        scope.append(v)
        return True

    def row_pointer(self, fn, scope, ind):
        """`const R *row = p + e;` into a pointer parameter, read as row[j]."""
        ptrs = [v for v in scope if v.kind == "ptr" and getattr(v, "param", False) and getattr(v, "readable", True)]
        if not ptrs:
            return False
        a = self.pick(ptrs)
        iv = self.ivals(scope)
        avs = self.aff_vars(scope)
        loops = [v.name for v in avs if not getattr(v, "param", False)]
        params = [v.name for v in avs if getattr(v, "param", False)]
        c = []
        for v in loops:
            for p in params:
                c += [Lin.of(v) * p] * 3
            c += [Lin.of(v), Lin.of(v) + 1]
        c += [Lin.of(1), Lin.of(2)] + [Lin.of(p) for p in params]
        ok = []
        for lin in c:
            lo, hi = lin.interval(iv)
            if lo >= 0 and hi <= a.size - 1:
                ok.append((lin, hi))
        if not ok:
            return False
        lin, hi = self.pick(ok)
        size = a.size - hi
        nm = self.fresh("row")
        t = lin.text()
        self.emit(fn, ind, "const $R *%s = %s + %s;" % (nm, a.name, t if len(lin.t) == 1 else "(%s)" % t))
        se, sl = str(size), Lin.of(size)
        for p in params:
            if next(v for v in avs if v.name == p).value == size and self.chance(0.7):
                se, sl = p, Lin.of(p)
        v = Var(nm, "R", "ptr", size, se, const=True, writable=False)
        v.size_lin, v.readable, v.base = sl, True, a.name
        scope.append(v)
        # and a sweep over the row, into a scalar (contracting, it may be carried)
        sc, _ = self.targets(scope)
        if sc and self.chance(0.8):
            t = self.pick(sc).name
            j = self.fresh("j")
            jv = Var(j, "int", "scalar")
            jv.lo, jv.hi, jv.aff, jv.writable = 0, size - 1, True, False
            e = self.expr(scope + [jv], 1, {t})
            self.emit(fn, ind, "for (int %s = 0; %s < %s; %s++)" % (j, j, se, j))
            self.emit(fn, ind + 1, "%s += %s * %s(%s[%s] * %s);" % (t, self.lit(self.pick([0.1, 0.25, 0.5])),
                                                                  self.m(self.pick(["sin", "tanh", "atan"])), nm, j, self.paren_e(e)))
        return True

    def counted_for(self, scope):
        """(header, loop variable) of a counted for loop over affine bounds, or None."""
        avs = self.aff_vars(scope)
        iv = self.ivals(scope)
        loops = [v.name for v in avs if not getattr(v, "param", False) and v.lo >= 0]
        params = [v.name for v in avs if getattr(v, "param", False)]
        ends = [Lin.of(p) for p in params] * 3 + [Lin.of(p) - 1 for p in params] + \
               [Lin.of(self.r.randint(1, 4))]
        if len(params) > 1:
            ends.append(Lin.of(params[0]) * params[1])
        starts = [Lin.of(0)] * 4 + [Lin.of(1)]
        for w in loops:
            # triangular: bounds from an enclosing loop
            ends += [Lin.of(w), Lin.of(w) + 1] * 2
            starts += [Lin.of(w), Lin.of(w) + 1]
        for _ in range(8):
            iv_name = self.fresh("i")
            A, B = self.pick(starts), self.pick(ends)
            (alo, ahi), (blo, bhi) = A.interval(iv), B.interval(iv)
            form = self.r.random()
            step = 2 if self.chance(0.15) else 1
            inc = "++" if step == 1 else " += 2"
            dec = "--" if step == 1 else " -= 2"
            if form < 0.4:
                hdr = "for (int %s = %s; %s < %s; %s%s)" % (iv_name, A.text(), iv_name, B.text(), iv_name, inc)
                lo, hi = alo, bhi - 1
            elif form < 0.6:
                # i <= n - 1 or, from an enclosing loop, j <= i
                E = B if (len(B.t) == 1 and list(B.t)[0] in [(w,) for w in loops] and self.chance(0.8)) else B - 1
                elo, ehi = E.interval(iv)
                hdr = "for (int %s = %s; %s <= %s; %s%s)" % (iv_name, A.text(), iv_name, E.text(), iv_name, inc)
                lo, hi = alo, ehi
            elif form < 0.85:
                E = B - 1
                elo, ehi = E.interval(iv)
                hdr = "for (int %s = %s; %s >= %s; %s%s)" % (iv_name, E.text(), iv_name, A.text(), iv_name, dec)
                lo, hi = alo, ehi
            else:
                # for (i = n; i > 0; i--): indices i - 1
                hdr = "for (int %s = %s; %s > %s; %s%s)" % (iv_name, B.text(), iv_name, A.text(), iv_name, dec)
                lo, hi = alo + 1, bhi
            if lo <= hi and lo >= 0:
                v = Var(iv_name, "int", "scalar")
                v.lo, v.hi, v.aff, v.writable = lo, hi, True, False
                return hdr, v
        return None

    def loop(self, fn, scope, ind, loopdepth, outer_names, counted=False):
        outer = set(outer_names) | {v.name for v in scope}
        body_n = self.r.randint(1, 4)
        if counted or self.chance(0.9):
            got = self.counted_for(scope)
            if got:
                hdr, ivar = got
                self.emit(fn, ind, hdr + " {")
                if loopdepth < 2 and self.chance(0.3):
                    # a nest: rows and columns, or a triangle
                    self.stmt_budget -= 1
                    self.loop(fn, scope + [ivar], ind + 1, loopdepth + 1, outer, counted=True)
                    body_n = self.r.randint(0, 2)
                self.loop_body(fn, scope + [ivar], ind + 1, loopdepth + 1, outer, body_n)
                self.emit(fn, ind, "}")
                return
        # a data-dependent while loop, on scalars and local arrays only
        kv = self.fresh("n")
        cap = self.r.randint(1, 6)
        inner = [v for v in scope if v.kind != "ptr"]
        self.emit(fn, ind, "int %s = 0;" % kv)
        c = self.cond(inner, set())
        self.emit(fn, ind, "while (%s < %d && %s) {" % (kv, cap, c))
        self.emit(fn, ind + 1, "%s++;" % kv)
        kvar = Var(kv, "int", "scalar")
        kvar.lo, kvar.hi, kvar.writable = 1, cap, False     # not affine: never in an index
        self.loop_body(fn, inner + [kvar], ind + 1, loopdepth + 1, outer | {kv}, body_n)
        self.emit(fn, ind, "}")

    # ------------------------------------------------------------- functions
    def make_params(self, is_main, scalar_only=False):
        if scalar_only:
            return [Param(self.pick(["a", "b", "c", "s", "q"]) + str(i), "scalar", value=round(self.r.uniform(-1, 1), 3))
                    for i in range(self.r.randint(1, 3))]
        n = self.pick([1, 2, 3, 3, 4, 4, 5, 6])
        m = self.r.randint(1, 4)
        ints = [Param("n", "int", value=n)]
        if self.chance(0.6):
            ints.append(Param("m", "int", value=m))
        sizes = [("n", n)] * 2 + ([("m", m), ("n * m", n * m), ("n * m", n * m)] if len(ints) > 1 else [])
        ptr_roles = ["in", "in", "inout", "inout", "out"]
        chosen = [self.pick(ptr_roles) for _ in range(self.r.randint(2, 4))]
        chosen += [self.pick(["scalar", "scalar", "iscalar"]) for _ in range(self.pick([0, 0, 1, 2]))]
        self.r.shuffle(chosen)
        if not any(c in ("in", "scalar") for c in chosen):
            chosen.append("in")
        params = []
        return self.named_params(params, chosen, sizes, ints)

    def function(self, name, is_main, static, scalar_only=False):
        params = self.make_params(is_main, scalar_only)
        nest = None if scalar_only else self.nest_plan(params, is_main)
        has_out = any(p.role in ("out", "inout") for p in params)
        ret = "R" if (not has_out or self.chance(0.6)) else "void"
        if nest and nest.loss:
            ret = "R"
        fn = Func(self.pfx + name, ret, params, static)
        fn.nest_params = nest.new if nest else []
        scope = []
        for p in params:
            if p.role == "int":
                v = Var(p.name, "int", "scalar")
                v.value, v.writable = p.value, False
                v.lo = v.hi = p.value
                v.aff = v.param = True
                scope.append(v)
            elif p.role in ("scalar", "iscalar"):
                scope.append(Var(p.name, "R", "scalar", writable=True))
            else:
                v = Var(p.name, "R", "ptr", p.size, p.size_expr, const=(p.role == "in"), writable=(p.role != "in"))
                v.readable, v.param, v.size_lin = p.role != "out", True, size_lin(p.size_expr)
                scope.append(v)
        self.allow_return = False
        ind = 1
        # outputs are overwritten first, from inputs only (n * m ones by rows, or flat)
        for p in params:
            if p.role != "out":
                continue
            if p.size_expr == "n * m" and self.chance(0.6):
                i, j = self.fresh("i"), self.fresh("j")
                vi, vj = Var(i, "int", "scalar"), Var(j, "int", "scalar")
                n = next(q.value for q in params if q.name == "n")
                m = next(q.value for q in params if q.name == "m")
                vi.lo, vi.hi, vj.lo, vj.hi = 0, n - 1, 0, m - 1
                vi.aff = vj.aff = True
                self.emit(fn, ind, "for (int %s = 0; %s < n; %s++) {" % (i, i, i))
                self.emit(fn, ind + 1, "for (int %s = 0; %s < m; %s++) {" % (j, j, j))
                self.emit(fn, ind + 2, "%s[%s * m + %s] = %s;" % (p.name, i, j, self.expr(scope + [vi, vj], 2, set())))
                self.emit(fn, ind + 1, "}")
                self.emit(fn, ind, "}")
            else:
                iv = self.fresh("i")
                ivar = Var(iv, "int", "scalar")
                ivar.lo, ivar.hi, ivar.aff = 0, p.size - 1, True
                self.emit(fn, ind, "for (int %s = 0; %s < %s; %s++) {" % (iv, iv, p.size_expr, iv))
                self.emit(fn, ind + 1, "%s[%s] = %s;" % (p.name, iv, self.expr(scope + [ivar], 2, set())))
                self.emit(fn, ind, "}")
        for v in scope:
            v.readable = True
        if nest and not nest.loss and nest.y_private:
            scope = [v for v in scope if v.name != nest.y]
        acc = self.accumulator(fn, scope, ind, ret)
        self.allow_return = True
        self.stmt_budget = self.r.randint(2, 6) if scalar_only else self.r.randint(5, 16)
        if nest and nest.where == 0:
            self.emit_nest(fn, scope, ind, nest, acc)
        if not scalar_only:
            # at least one loop: functions without one get one copy only
            self.stmt_budget -= 1
            self.loop(fn, scope, ind, 0, set(), counted=True)
        if nest and nest.where == 1:
            self.emit_nest(fn, scope, ind, nest, acc)
        self.block(fn, scope, ind, 99, 0, False, set())
        if nest and nest.where == 2:
            self.emit_nest(fn, scope, ind, nest, acc)
        self.finish(fn, scope, ind, ret, acc)
        return fn

    def alias_plan(self, fn):
        """Parameters that share one buffer in the aliased driver entry: [[(name, offset), ...]]."""
        ptrs = [p for p in fn.params if p.role in ("in", "out", "inout")]
        body = "\n".join(fn.lines)
        used = [p for p in ptrs if re.search(r"\b%s\b" % p.name, body)]
        if len(used) >= 2:
            ptrs = used     # sharing a buffer with a parameter nothing touches changes nothing
        pairs = [(a, b) for i, a in enumerate(ptrs) for b in ptrs[i + 1:]]
        writing = [(a, b) for a, b in pairs if a.role != "in" or b.role != "in"]
        nest = [(a, b) for a, b in pairs if a.name in fn.nest_params or b.name in fn.nest_params]
        if nest and self.mr.random() < 0.6:
            # a matrix-product nest's buffers overlapping: its general copy (x and W in one buffer, say)
            writing = pairs = nest
        a, b = self.pick(writing if writing and self.chance(0.85) else pairs)
        if self.chance(0.5):
            a, b = b, a
        k = self.r.random()
        if k < 0.45:
            off = 0                                       # in place: b is a
        elif k < 0.7:
            off = 1                                       # b one element past a
        elif k < 0.85:
            off = a.size - 1                              # a's last element is b's first
        else:
            off = self.r.randint(0, a.size - 1)
        group = [(a.name, 0), (b.name, off)]
        rest = [p for p in ptrs if p is not a and p is not b]
        if rest and self.chance(0.2):
            group.append((self.pick(rest).name, 0))
        return [group]

    def generate(self):
        self.calldepth = 0
        self.in_index = False
        self.case_first = False
        self.written_via_call = set()
        for i in range(self.pick([0, 0, 1, 1, 2])):
            if self.chance(0.5):
                static = self.chance(0.6)
                fn = self.function("h%d" % (i + 1), False, static, scalar_only=True)
                if not static and self.chance(0.4):
                    fn.pragma = self.pragma_for(fn)
                    fn.checked = True
            else:
                fn = self.function("k%d" % (i + 1), False, False)
                fn.pragma = self.pragma_for(fn)
                fn.checked = True
            self.funcs.append(fn)
        main = self.function("f", True, False)
        main.pragma = self.pragma_for(main)
        main.checked = True
        self.funcs.append(main)
        for fn in self.funcs:
            if fn.checked and sum(p.role in ("in", "out", "inout") for p in fn.params) >= 2:
                fn.aliases = [self.alias_plan(fn) for _ in range(self.pick([1, 1, 2]))]
        prog = Program(self)
        prog.affine = True
        return prog


class Program:
    def __init__(self, g):
        self.seed, self.pfx, self.is_float, self.funcs = g.seed, g.pfx, g.is_float, g.funcs
        self.affine = False     # AffineGen sets it; checked Funcs may then carry .aliases
        self.enums = dict(getattr(g, "enums", {}))   # file-scope int constants (AffineGen's nests)

    def derivative_prototype(self, fn, real, fname, mode):
        """fname_jvp or fname_vjp as the contract declares it."""
        shadow = {"jvp": ("const %s *%s_d", "%s *%s_d", "%s %s_d", "%s *ret_d"),
                  "vjp": ("%s *%s_b", "%s *%s_b", "%s *%s_b", "%s ret_b")}[mode]
        in_sh, out_sh, scalar_sh, ret_sh = shadow
        ps = []
        for p in fn.params:
            if p.role == "int":
                ps.append("int %s" % p.name)
            elif p.role == "iscalar":
                ps.append("%s %s" % (real, p.name))
            elif p.role == "scalar":
                ps.append("%s %s, " % (real, p.name) + scalar_sh % (real, p.name))
            elif p.role == "in":
                ps.append("const %s *%s, " % (real, p.name) + in_sh % (real, p.name))
            else:
                ps.append("%s *%s, " % (real, p.name) + out_sh % (real, p.name))
        if fn.ret == "R":
            ps.append(ret_sh % real)
        rt = real if fn.ret == "R" else "void"
        st = "static " if fn.static else ""
        return "%s%s %s_%s(%s);" % (st, rt, fname, mode, ", ".join(ps))

    def signature(self, fn, real):
        ps = []
        for p in fn.params:
            if p.role == "int":
                ps.append("int %s" % p.name)
            elif p.role in ("scalar", "iscalar"):
                ps.append("%s %s" % (real, p.name))
            elif p.role == "in":
                ps.append("const %s *%s" % (real, p.name))
            else:
                ps.append("%s *%s" % (real, p.name))
        return "%s%s %s(%s)" % ("static " if fn.static else "", real if fn.ret == "R" else "void", fn.name, ", ".join(ps))

    @staticmethod
    def inst(text, real, pfx_from=None, pfx_to=None):
        f = "f" if real == "float" else ""
        text = text.replace("$R", real).replace("$f", f).replace("$F", f)
        if pfx_from is not None:
            text = text.replace(pfx_from, pfx_to)
        return text

    def template(self, lines=None):
        """The functions as one template (lines is an optional replacement body map for reduction)."""
        out = []
        body = "\n".join(ln for fn in self.funcs for ln in (fn.lines if lines is None else lines[fn.name]))
        used = [(k, v) for k, v in sorted(self.enums.items(), key=lambda kv: kv[1]) if re.search(r"\b%s\b" % k, body)]
        if used:
            out += ["enum { %s };" % ", ".join("%s = %d" % kv for kv in used), ""]
        pair = self.pfx + "pair"
        if any(pair in ln for fn in self.funcs for ln in (fn.lines if lines is None else lines[fn.name])):
            out += ["typedef struct { $R a, b; } %s;" % pair, ""]
        for fn in self.funcs:
            body = fn.lines if lines is None else lines[fn.name]
            out.append(self.signature(fn, "$R") + " {")
            out += body
            out.append("}")
            if fn.pragma:
                out.append(fn.pragma)
            out.append("")
        return "\n".join(out)

    def text(self, lines=None):
        t = self.template(lines)
        if not self.is_float:
            return self.inst(t, "double")
        return self.inst(t, "float") + "\n/* the double twin, for comparison */\n" + \
            self.inst(t, "double", self.pfx, self.pfx + "d")

    # -------------------------------------------------------------- the glue
    def layout(self, fn):
        """State layout: [(param, offset, length)] for active params, the state length and the return count."""
        lay, off = [], 0
        for p in fn.params:
            if p.role in ("in", "out", "inout"):
                lay.append((p, off, p.size))
                off += p.size
            elif p.role == "scalar":
                lay.append((p, off, 1))
                off += 1
        return lay, off, 1 if fn.ret == "R" else 0

    def entry_functions(self, fn, fname, real, name, ents, where, n, nr):
        """NAME_eval, NAME_jvp and NAME_vjp for the driver: unpack the state
        into the buffers and scalars of ents ([(kind, buffer, length, _)],
        kind 'buf' or 'scalar', in state order), call fname (or its _jvp or
        _vjp) with each pointer parameter at where[name], and pack the state,
        its tangent or adjoint, and the result back."""
        sent = "1e30f" if real == "float" else "1e300"
        L = []

        def setup(with_shadow, src):
            off = 0
            for kind, buf, ln, _ in ents:
                if kind == "buf":
                    L.append("    %s %s[%d];" % (real, buf, ln))
                    L.append("    for (int k = 0; k < %d; k++) %s[k] = (%s)s[%d + k];" % (ln, buf, real, off))
                    if with_shadow:
                        L.append("    %s %s_s[%d];" % (real, buf, ln))
                        L.append("    for (int k = 0; k < %d; k++) %s_s[k] = (%s)%s[%d + k];" % (ln, buf, real, src, off))
                else:
                    L.append("    %s %s = (%s)s[%d];" % (real, buf, real, off))
                    if with_shadow:
                        L.append("    %s %s_s = (%s)%s[%d];" % (real, buf, real, src, off))
                off += ln

        def args(mode):
            a = []
            for p in fn.params:
                if p.role == "int":
                    a.append(str(p.value))
                elif p.role == "iscalar":
                    a.append("(%s)%r" % (real, p.value))
                elif p.role == "scalar":
                    a.append(p.name)
                    if mode != "eval":
                        a.append("&%s_s" % p.name if mode == "vjp" else "%s_s" % p.name)
                else:
                    a.append(where[p.name])
                    if mode != "eval":
                        a.append(where[p.name].replace(" + ", "_s + ", 1) if " + " in where[p.name] else where[p.name] + "_s")
            return a

        def store(dst, sfx):
            off = 0
            for kind, buf, ln, _ in ents:
                if kind == "scalar":
                    L.append("    %s[%d] = %s%s;" % (dst, off, buf, sfx))
                else:
                    L.append("    for (int k = 0; k < %d; k++) %s[%d + k] = %s%s[k];" % (ln, dst, off, buf, sfx))
                off += ln

        call = "%s%s(%%s);" % ("%s r = " % real if nr else "", fname)
        L.append("static void %s_eval(const double *s, double *o) {" % name)
        setup(False, None)
        L.append("    " + call % ", ".join(args("eval")))
        store("o", "")
        if nr:
            L.append("    o[%d] = r;" % n)
        L.append("}")
        L.append("static void %s_jvp(const double *s, const double *v, double *o, double *jv) {" % name)
        setup(True, "v")
        a = args("jvp")
        if nr:
            L.append("    %s r_d = %s;" % (real, sent))
            a.append("&r_d")
        L.append("    " + (call % ", ".join(a)).replace(fname + "(", fname + "_jvp("))
        store("o", "")
        store("jv", "_s")
        if nr:
            L.append("    o[%d] = r;" % n)
            L.append("    jv[%d] = r_d;" % n)
        L.append("}")
        L.append("static void %s_vjp(const double *s, const double *w, double *o, double *u) {" % name)
        setup(True, "w")
        a = args("vjp")
        if nr:
            a.append("(%s)w[%d]" % (real, n))
        L.append("    " + (call % ", ".join(a)).replace(fname + "(", fname + "_vjp("))
        store("o", "")
        store("u", "_s")
        if nr:
            L.append("    o[%d] = r;" % n)
        L.append("}")
        return L

    def glue_one(self, fn, real, name):
        lay, n, nr = self.layout(fn)
        ents = [("scalar" if p.role == "scalar" else "buf", p.name, ln, [(p, 0)]) for p, off, ln in lay]
        where = {p.name: p.name for p, off, ln in lay}
        return self.entry_functions(fn, fn.name, real, name, ents, where, n, nr), lay, n, nr

    def alias_layout(self, fn, plan):
        """The state of fn called with the parameters of each group of plan in one
        buffer (each at its offset): [(kind, buffer, length, members)] in
        parameter order (kind 'buf' or 'scalar'; members [(Param, offset)]),
        and per state entry the zero and acc flags (fuzz_check.h)."""
        by_name = {p.name: p for p in fn.params}
        group = {}
        for gi, g in enumerate(plan):
            for pn, off in g:
                group[pn] = gi
        ents, seen = [], set()
        for p in fn.params:
            if p.role in ("in", "out", "inout"):
                if p.name not in group:
                    ents.append(("buf", p.name, p.size, [(p, 0)]))
                elif group[p.name] not in seen:
                    gi = group[p.name]
                    seen.add(gi)
                    mem = [(by_name[pn], off) for pn, off in plan[gi]]
                    ents.append(("buf", "al%d" % gi, max(off + q.size for q, off in mem), mem))
            elif p.role == "scalar":
                ents.append(("scalar", p.name, 1, [(p, 0)]))
        zero, acc = [], []
        for kind, _, ln, mem in ents:
            for k in range(ln):
                cover = [q.role for q, off in mem if off <= k < off + (q.size if kind == "buf" else 1)]
                # an element one output alone covers is overwritten before it is read
                zero.append("1" if cover == ["out"] else "0")
                acc.append("1" if cover and all(r in ("in", "scalar") for r in cover) else "0")
        return ents, zero, acc

    def glue_alias(self, fn, plan, ai, twin):
        """A driver entry that calls fn (and its twin) with the groups of plan
        sharing memory: overlapping buffers, the general path of a versioned _vjp."""
        ents, zero, acc = self.alias_layout(fn, plan)
        n, nr = sum(e[2] for e in ents), 1 if fn.ret == "R" else 0
        where = {}
        for kind, buf, _, mem in ents:
            for q, off in mem:
                where[q.name] = buf if off == 0 else "%s + %d" % (buf, off)
        tag = ",".join("%s@%d" % (pn, off) for g in plan for pn, off in g)
        L = []
        reals = [("float" if self.is_float else "double", fn.name)] + ([("double", twin)] if twin else [])
        for real, fname in reals:
            L += self.entry_functions(fn, fname, real, "fz_%s_a%d" % (fname, ai), ents, where, n, nr)
        g = "fz_%s_a%d" % (fn.name, ai)
        t = "fz_%s_a%d" % (twin, ai) if twin else None
        L.append("static const unsigned char %s_zero[] = {%s};" % (g, ", ".join(zero or ["0"])))
        L.append("static const unsigned char %s_acc[] = {%s};" % (g, ", ".join(acc or ["0"])))
        desc = '{"%s@%s", %d, %d, %d, %s_eval, %s_jvp, %s_vjp, %s_zero, %s_acc, %s, %s, %s}' % (
            fn.name, tag, n, nr, 1 if self.is_float else 0, g, g, g, g, g,
            t + "_eval" if t else "0", t + "_jvp" if t else "0", t + "_vjp" if t else "0")
        return L, desc

    def glue(self):
        """Prototypes, per-function wrappers, and an fz_fn table named <pfx>tests."""
        L = []
        descs = []
        for fn in self.funcs:
            if not fn.checked:
                continue
            reals = [("float", fn.name, fn.name)] if self.is_float else [("double", fn.name, fn.name)]
            twin = None
            if self.is_float:
                twin = fn.name.replace(self.pfx, self.pfx + "d", 1)
                reals.append(("double", twin, twin))
            for real, fname, gname in reals:
                # prototypes of the generated functions (in the output they follow the driver)
                L.append(self.derivative_prototype(fn, real, fname, "jvp"))
                L.append(self.derivative_prototype(fn, real, fname, "vjp"))
                sub = Func(fname, fn.ret, fn.params, fn.static)
                gl, lay, n, nr = self.glue_one(sub, real, "fz_" + gname)
                L += gl
            lay, n, nr = self.layout(fn)
            zero = ["0"] * max(n, 1)
            acc = ["0"] * max(n, 1)
            for p, off, ln in lay:
                for k in range(ln):
                    if p.role == "out":
                        zero[off + k] = "1"
                    if p.role in ("in", "scalar"):
                        acc[off + k] = "1"
            g = "fz_" + fn.name
            L.append("static const unsigned char %s_zero[] = {%s};" % (g, ", ".join(zero)))
            L.append("static const unsigned char %s_acc[] = {%s};" % (g, ", ".join(acc)))
            t = "fz_" + twin if twin else None
            descs.append('{"%s", %d, %d, %d, %s_eval, %s_jvp, %s_vjp, %s_zero, %s_acc, %s, %s, %s}' % (
                fn.name, n, nr, 1 if self.is_float else 0, g, g, g, g, g,
                t + "_eval" if t else "0", t + "_jvp" if t else "0", t + "_vjp" if t else "0"))
            for ai, plan in enumerate(getattr(fn, "aliases", None) or []):
                L2, desc = self.glue_alias(fn, plan, ai, twin)
                L += L2
                descs.append(desc)
        L.append("static const fz_fn %stests[] = {%s};" % (self.pfx, ", ".join(descs)))
        L.append("enum { %sntests = %d };" % (self.pfx, len(descs)))
        return "\n".join(L)


def generate(seed, prefix="p0_", affine=False):
    return (AffineGen if affine else Gen)(seed, prefix).generate()


def single_test(prog, body_lines=None, header='"fuzz_check.h"', note=""):
    """A complete lit test for one program."""
    out = []
    out.append("// Generated by test/fuzz/gen.py%s, seed %d%s." % (" --affine" if getattr(prog, "affine", False) else "", prog.seed, note))
    out.append("// RUN: %cgrad -I%S/../fuzz %s -o %t.c")
    out.append("// RUN: %cc -Wno-error -w -I%S/../fuzz %t.c -o %t %rt && %t | FileCheck %s")
    out.append("// CHECK-NOT: FAIL")
    out.append("// CHECK: ALL OK")
    out.append("#include %s" % header)
    out.append("")
    out.append(prog.text(body_lines))
    out.append(prog.glue())
    out.append("")
    out.append("int main(void) {")
    out.append("    fz_run(%stests, %sntests, %d);" % (prog.pfx, prog.pfx, prog.seed))
    out.append("    return fz_done();")
    out.append("}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("seed", type=int)
    ap.add_argument("--prefix", default="p0_")
    ap.add_argument("--functions-only", action="store_true")
    ap.add_argument("--affine", action="store_true", help="programs the extent analysis accepts (class AffineGen)")
    a = ap.parse_args()
    p = generate(a.seed, a.prefix, a.affine)
    sys.stdout.write(p.text() + "\n" if a.functions_only else single_test(p))
