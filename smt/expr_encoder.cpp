// smt: ExprEncoder, part 1 (expr_encoder.h): dispatch, errors and short-circuit evaluation,
// scalar operators and arithmetic (linear where the checker's values allow it), variable reads
// through index/field paths, generic indexing, if/let.
#include "smt/expr_encoder.h"

#include <algorithm>

#include "checker/compiled_expr.h"
#include "checker/value_model.h"
#include "support/int_math.h"

namespace smt {

using Op = ir::ExprOp;

void ExprEncoder::fail(Eval& ev, const z3::expr& c, const std::string& category, const support::SourceSpan& span) {
  if (c.is_false() || ev.ok.is_false()) return;
  ev.errs->push_back(ErrRec{V.mk_and(ev.ok, c), category, span});
  ev.ok = V.mk_and(ev.ok, V.mk_not(c));
}

void ExprEncoder::under(Eval& ev, const z3::expr& c, const std::function<void()>& f) {
  if (c.is_true()) {
    f();
    return;
  }
  z3::expr saved = ev.ok;
  std::size_t n = ev.errs->size();
  ev.ok = V.mk_and(saved, c);
  f();
  if (ev.errs->size() == n) {
    ev.ok = saved;
    return;
  }
  ev.ok = V.mk_or(V.mk_and(saved, V.mk_not(c)), ev.ok);
}

z3::expr ExprEncoder::eval_bool(const ir::Expr* e, Eval& ev) {
  SVal v = eval(e, ev);
  if (v.k == SVal::K::Bool) return v.e;
  if (v.k == SVal::K::Int) return v.e != V.num(0);
  throw Unsupported("a non-scalar value used as a condition");
}

SVal ExprEncoder::eval_as(const ir::Expr* e, const Type* to, Eval& ev) {
  SVal v = eval(e, ev);
  if (!to || v.type == to) return v;
  z3::expr bad = V.fls();
  SVal r = V.coerce(v, to, bad);
  fail(ev, bad, "out_of_type", e->span);
  return r;
}

void ExprEncoder::bind(Eval& ev, std::uint32_t slot, const SVal& v) {
  while (ev.env->size() <= slot) ev.env->push_back(SVal(V.ctx()));
  (*ev.env)[slot] = v;
}

bool ExprEncoder::path_of(const ir::Expr* e, std::uint32_t& var, std::vector<ir::PathElem>& path, bool& old) {
  std::vector<ir::PathElem> rev;
  while (e->op == Op::Index || e->op == Op::Field) {
    ir::PathElem pe;
    if (e->op == Op::Field) {
      pe.field = true;
      pe.slot = e->slot;
    } else {
      pe.index = e->args.at(1);
    }
    rev.push_back(pe);
    e = e->args.at(0);
  }
  if (e->op != Op::Var) return false;
  var = e->var;
  old = e->old;
  path.assign(rev.rbegin(), rev.rend());
  return true;
}

namespace {
std::int64_t dom_lo(const Type* d) { return d->kind == TypeKind::Range ? d->lo : 0; }
std::int64_t dom_hi(const Type* d) {
  if (d->kind == TypeKind::Range) return d->hi;
  if (d->kind == TypeKind::Enum) return static_cast<std::int64_t>(d->enum_size()) - 1;
  return 1;  // bool
}
}  // namespace

ExprEncoder::Target ExprEncoder::resolve(std::uint32_t var, const std::vector<ir::PathElem>& path, const State& s,
                                         Eval& ev) {
  const ir::Var& v = sys_.vars.at(var);
  Target t;
  t.cands.push_back({V.tru(), v.first_leaf});
  t.type = v.type;
  for (const ir::PathElem& pe : path) {
    if (pe.field) {
      std::size_t off = 0;
      for (std::uint32_t i = 0; i < pe.slot && i < t.type->fields.size(); ++i) off += V.shape(t.type->fields[i].second).size();
      for (auto& c : t.cands) c.second += off;
      t.type = t.type->fields.at(pe.slot).second;
      continue;
    }
    if (t.type->kind == TypeKind::Seq) {
      SVal idx = eval(pe.index, ev);
      z3::expr i = V.as_int(idx.e);
      std::size_t stride = V.shape(t.type->elem).size();
      std::vector<z3::expr> bad;
      std::vector<std::pair<z3::expr, std::size_t>> next;
      for (const auto& c : t.cands) {
        const z3::expr& len = s.at(c.second);
        bad.push_back(V.mk_and(c.first, V.mk_or(i < V.num(1), i > len)));
        for (std::int64_t p = std::max<std::int64_t>(1, idx.iv.lo); p <= std::min(t.type->max_len, idx.iv.hi); ++p)
          next.push_back({V.mk_and(c.first, V.mk_eq(i, V.num(p))), c.second + 1 + static_cast<std::size_t>(p - 1) * stride});
      }
      fail(ev, V.disj(bad), "sequence_bounds", pe.index->span);
      t.cands = std::move(next);
      t.type = t.type->elem;
      continue;
    }
    if (t.type->kind != TypeKind::Function) throw Unsupported("an index path through a value of type " + t.type->str());
    const Type* dom = t.type->elem;
    std::size_t stride = V.shape(t.type->codomain).size();
    std::int64_t lo = dom_lo(dom), hi = dom_hi(dom);
    if (pe.index->op == Op::Const && pe.index->value >= lo && pe.index->value <= hi) {
      for (auto& c : t.cands) c.second += static_cast<std::size_t>(pe.index->value - lo) * stride;
    } else {
      SVal idx = eval(pe.index, ev);
      z3::expr i = V.as_int(idx.e);
      if (idx.iv.lo < lo || idx.iv.hi > hi) fail(ev, V.mk_not(V.mk_and(i >= V.num(lo), i <= V.num(hi))), "domain", pe.index->span);
      std::vector<std::pair<z3::expr, std::size_t>> next;
      for (const auto& c : t.cands)
        for (std::int64_t d = std::max(lo, idx.iv.lo); d <= std::min(hi, idx.iv.hi); ++d)
          next.push_back({V.mk_and(c.first, V.mk_eq(i, V.num(d))), c.second + static_cast<std::size_t>(d - lo) * stride});
      t.cands = std::move(next);
    }
    t.type = t.type->codomain;
  }
  return t;
}

SVal ExprEncoder::read(const Target& t, const State& s) {
  if (t.cands.empty()) {
    std::vector<std::int64_t> zeros(V.shape(t.type).size(), 0);
    const auto& sh = V.shape(t.type);
    for (std::size_t m = 0; m < sh.size(); ++m) zeros[m] = sh[m].is_bool ? 0 : sh[m].lo;
    return V.from_cells(t.type, zeros.data());
  }
  SVal r = V.unflatten(t.type, s, t.cands.back().second);
  for (std::size_t i = t.cands.size() - 1; i-- > 0;) r = V.ite(t.cands[i].first, V.unflatten(t.type, s, t.cands[i].second), r);
  return r;
}

SVal ExprEncoder::index_value(const SVal& base, const SVal& idx, const support::SourceSpan& span, Eval& ev) {
  z3::expr i = V.as_int(idx.e);
  if (base.k == SVal::K::Seq) {
    fail(ev, V.mk_or(i < V.num(1), i > base.e), "sequence_bounds", span);
    std::vector<std::pair<z3::expr, const SVal*>> c;
    for (std::int64_t p = std::max<std::int64_t>(1, idx.iv.lo);
         p <= std::min<std::int64_t>(static_cast<std::int64_t>(base.kids.size()), idx.iv.hi); ++p)
      c.push_back({V.mk_eq(i, V.num(p)), &base.kids[static_cast<std::size_t>(p - 1)]});
    if (c.empty()) return base.kids.empty() ? V.constant_int(0, base.type->elem) : base.kids[0];
    SVal r = *c.back().second;
    for (std::size_t k = c.size() - 1; k-- > 0;) r = V.ite(c[k].first, *c[k].second, r);
    return r;
  }
  if (base.k != SVal::K::Func) throw Unsupported("indexing a value of type " + base.type->str());
  const Type* dom = base.type->elem;
  std::int64_t lo = dom_lo(dom), hi = dom_hi(dom);
  if (idx.iv.lo < lo || idx.iv.hi > hi) fail(ev, V.mk_not(V.mk_and(i >= V.num(lo), i <= V.num(hi))), "domain", span);
  std::vector<std::pair<z3::expr, const SVal*>> c;
  for (std::int64_t d = std::max(lo, idx.iv.lo); d <= std::min(hi, idx.iv.hi); ++d)
    c.push_back({V.mk_eq(i, V.num(d)), &base.kids.at(static_cast<std::size_t>(d - lo))});
  if (c.empty()) return base.kids.at(0);
  SVal r = *c.back().second;
  for (std::size_t k = c.size() - 1; k-- > 0;) r = V.ite(c[k].first, *c[k].second, r);
  return r;
}

SVal ExprEncoder::eval_index(const ir::Expr* e, Eval& ev) {
  const Type* T = e->type;
  std::uint32_t var;
  std::vector<ir::PathElem> path;
  bool old = false;
  if (path_of(e, var, path, old)) {
    const State& s = old ? *ev.old : *ev.cur;
    Target t = resolve(var, path, s, ev);
    SVal r = read(t, s);
    if (V.is_scalar(T)) return V.retype(r, T);
    z3::expr bad = V.fls();
    SVal c = V.coerce(r, T, bad);
    fail(ev, bad, "out_of_type", e->span);
    return c;
  }
  SVal base = eval(e->args.at(0), ev);
  if (e->op == Op::Field) {
    if (base.k != SVal::K::Record || e->slot >= base.kids.size()) throw Unsupported("field of a non-record value");
    return base.kids[e->slot];
  }
  SVal idx = eval(e->args.at(1), ev);
  return index_value(base, idx, e->args.at(1)->span, ev);
}


SVal ExprEncoder::eval_arith(const ir::Expr* e, Eval& ev) {
  const Type* T = e->type;
  SVal a = eval(e->args.at(0), ev);
  SVal b = eval(e->args.at(1), ev);
  z3::expr x = V.as_int(a.e), y = V.as_int(b.e);
  std::int64_t cx = 0, cy = 0;
  bool kx = Values::literal(x, cx), ky = Values::literal(y, cy);
  // f(x, yv) for every value of a small-interval operand: linear case splits.
  auto split = [&](const SVal& s, const std::function<z3::expr(std::int64_t)>& f) {
    z3::expr t = V.as_int(s.e);
    z3::expr r = f(s.iv.hi);
    for (std::int64_t v = s.iv.hi - 1; v >= s.iv.lo; --v) r = V.mk_ite(V.mk_eq(t, V.num(v)), f(v), r);
    return r;
  };
  const std::uint64_t kSplit = 64;
  switch (e->op) {
    case Op::Add:
      if (kx && ky) return V.constant_int(static_cast<std::int64_t>(static_cast<std::uint64_t>(cx) + static_cast<std::uint64_t>(cy)), T);
      if (ky && cy == 0) return V.integer(x, a.iv, T);
      return V.integer(x + y, iv_add(a.iv, b.iv), T);
    case Op::Sub:
      if (kx && ky) return V.constant_int(static_cast<std::int64_t>(static_cast<std::uint64_t>(cx) - static_cast<std::uint64_t>(cy)), T);
      if (ky && cy == 0) return V.integer(x, a.iv, T);
      return V.integer(x - y, iv_sub(a.iv, b.iv), T);
    case Op::Mul: {
      Interval iv = iv_mul(a.iv, b.iv);
      if (kx && ky) return V.constant_int(static_cast<std::int64_t>(static_cast<std::uint64_t>(cx) * static_cast<std::uint64_t>(cy)), T);
      if (kx || ky) return V.integer(x * y, iv, T);
      if (b.iv.size() <= kSplit && b.iv.size() <= a.iv.size()) return V.integer(split(b, [&](std::int64_t v) { return x * V.num(v); }), iv, T);
      if (a.iv.size() <= kSplit) return V.integer(split(a, [&](std::int64_t v) { return V.num(v) * y; }), iv, T);
      return V.integer(x * y, iv, T);
    }
    case Op::Div:
    case Op::Mod: {
      if (b.iv.lo <= 0) fail(ev, y <= V.num(0), "division", e->span);
      bool div = e->op == Op::Div;
      Interval iv;
      std::int64_t ylo = std::max<std::int64_t>(1, b.iv.lo), yhi = std::max<std::int64_t>(1, b.iv.hi);
      if (div) {
        if (a.iv.bounded() && b.iv.bounded()) {
          using support::floor_div;
          std::int64_t c[4] = {floor_div(a.iv.lo, ylo), floor_div(a.iv.lo, yhi), floor_div(a.iv.hi, ylo),
                               floor_div(a.iv.hi, yhi)};
          iv = Interval::of(*std::min_element(c, c + 4), *std::max_element(c, c + 4));
        }
      } else {
        if (b.iv.bounded()) iv = Interval::of(0, yhi - 1);
        if (a.iv.lo >= 0 && a.iv.hi < ylo) iv = a.iv;
      }
      // Divisor > 0: floor division is exact signed division of x - (x mod y); mod as bvsmod.
      auto op = [&](const z3::expr& p, const z3::expr& q) { return div ? z3::expr((p - z3::smod(p, q)) / q) : z3::smod(p, q); };
      if (ky) {
        if (cy <= 0) return V.integer(V.num(0), Interval::point(0), T);
        if (kx) return V.constant_int(div ? support::floor_div(cx, cy) : support::floor_mod(cx, cy), T);
        return V.integer(op(x, y), iv, T);
      }
      if (b.iv.size() <= kSplit)
        return V.integer(split(b, [&](std::int64_t v) { return v <= 0 ? V.num(0) : op(x, V.num(v)); }), iv, T);
      return V.integer(op(x, y), iv, T);
    }
    case Op::Pow: {
      // The checker: y < 0 gives (x == 1 ? 1 : 0); otherwise x multiplied y times (64-bit).
      // x multiplied k times in 64-bit two's complement, as the explicit engine computes it.
      auto wrap_pow = [](std::int64_t base, std::int64_t k) {
        if (k > 4096) throw Unsupported("a power with an exponent above 4096");
        std::uint64_t r = 1;
        for (std::int64_t j = 0; j < k; ++j) r *= static_cast<std::uint64_t>(base);
        return static_cast<std::int64_t>(r);
      };
      auto power = [&](const z3::expr& base, const SVal& bs, std::int64_t k) -> z3::expr {
        if (k < 0) return V.mk_ite(V.mk_eq(base, V.num(1)), V.num(1), V.num(0));
        std::int64_t bv;
        if (Values::literal(base, bv)) return V.num(wrap_pow(bv, k));
        if (k == 0) return V.num(1);
        if (k == 1) return base;
        if (bs.iv.size() <= kSplit) {
          z3::expr t = V.as_int(bs.e);
          z3::expr r = V.num(wrap_pow(bs.iv.hi, k));
          for (std::int64_t v = bs.iv.hi - 1; v >= bs.iv.lo; --v) r = V.mk_ite(V.mk_eq(t, V.num(v)), V.num(wrap_pow(v, k)), r);
          return r;
        }
        if (k > 4096) throw Unsupported("a power with an exponent above 4096");
        z3::expr r = base;
        for (std::int64_t j = 1; j < k; ++j) r = r * base;
        return r;
      };
      Interval iv;
      if (a.iv.size() <= kSplit && b.iv.size() <= kSplit) {
        Wide lo = 0, hi = 0;
        bool first = true, wide = false;
        for (std::int64_t u = a.iv.lo; u <= a.iv.hi; ++u)
          for (std::int64_t w = b.iv.lo; w <= b.iv.hi; ++w) {
            Wide p = 1;
            if (w < 0) {
              p = u == 1 ? 1 : 0;
            } else {
              for (std::int64_t j = 0; j < w && p < Interval::kBig && p > -Interval::kBig; ++j) p *= u;
            }
            if (p >= Interval::kBig || p <= -Interval::kBig) wide = true;
            if (first || p < lo) lo = p;
            if (first || p > hi) hi = p;
            first = false;
          }
        if (!wide) iv = Interval::of(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi));
      }
      if (ky) return V.integer(power(x, a, cy), iv, T);
      if (b.iv.size() > kSplit) throw Unsupported("a power with an unbounded exponent");
      return V.integer(split(b, [&](std::int64_t k) { return power(x, a, k); }), iv, T);
    }
    default:
      break;
  }
  throw Unsupported("arithmetic operator");
}

SVal ExprEncoder::eval(const ir::Expr* e, Eval& ev) {
  const Type* T = e->type;
  switch (e->op) {
    case Op::Const:
      if (Values::is_bool(T)) return V.boolean(V.ctx().bool_val(e->value != 0), T);
      return V.constant_int(e->value, T);
    case Op::ConstValue: {
      if (T->kind == TypeKind::Set && !Values::fixed_set(T)) {
        std::size_t es = V.shape(T->elem).size();
        SVal s = V.empty_set(T);
        for (std::size_t i = 0; es > 0 && i + es <= e->leaves.size(); i += es) {
          s.elems.push_back(V.from_cells(T->elem, e->leaves.data() + i));
          s.pres.push_back(V.tru());
        }
        s.constant = false;
        V.normalize(s);
        return s;
      }
      std::vector<std::int64_t> cells(V.shape(T).size(), 0);
      for (std::size_t i = 0; i < cells.size() && i < e->leaves.size(); ++i) cells[i] = e->leaves[i];
      if (checker::contains_seq(T)) checker::canonicalize(T, cells.data());
      return V.from_cells(T, cells.data());
    }
    case Op::Var: {
      const ir::Var& v = sys_.vars.at(e->var);
      const State& s = e->old ? *ev.old : *ev.cur;
      SVal r = V.unflatten(v.type, s, v.first_leaf);
      if (!T || T == v.type) return r;
      if (V.is_scalar(T)) return V.retype(r, T);
      z3::expr bad = V.fls();
      SVal c = V.coerce(r, T, bad);
      fail(ev, bad, "out_of_type", e->span);
      return c;
    }
    case Op::Bound: {
      if (e->slot >= ev.env->size() || !(*ev.env)[e->slot].type) throw Unsupported("internal: unbound environment slot");
      const SVal& v = (*ev.env)[e->slot];
      if (V.is_scalar(T) && V.is_scalar(v.type)) return V.retype(v, T);
      return v;
    }
    case Op::Not:
      return V.boolean(V.mk_not(eval_bool(e->args.at(0), ev)), T);
    case Op::Neg: {
      SVal a = eval(e->args.at(0), ev);
      return V.integer(-V.as_int(a.e), iv_neg(a.iv), T);
    }
    case Op::And:
    case Op::Or:
    case Op::Implies: {
      z3::expr a = eval_bool(e->args.at(0), ev);
      z3::expr b = V.tru();
      z3::expr gate = e->op == Op::Or ? V.mk_not(a) : a;
      under(ev, gate, [&] { b = eval_bool(e->args.at(1), ev); });
      if (e->op == Op::And) return V.boolean(V.mk_and(a, b), T);
      if (e->op == Op::Or) return V.boolean(V.mk_or(a, b), T);
      return V.boolean(V.mk_or(V.mk_not(a), b), T);
    }
    case Op::Iff: {
      z3::expr a = eval_bool(e->args.at(0), ev);
      z3::expr b = eval_bool(e->args.at(1), ev);
      return V.boolean(V.mk_eq(a, b), T);
    }
    case Op::Eq:
    case Op::Ne: {
      if (V.is_scalar(e->args.at(0)->type) && V.is_scalar(e->args.at(1)->type)) {
        SVal a = eval(e->args[0], ev);
        SVal b = eval(e->args[1], ev);
        z3::expr r = V.eq(a, b);
        return V.boolean(e->op == Op::Eq ? r : V.mk_not(r), T);
      }
      return eval_composite_eq(e, ev, e->op == Op::Ne);
    }
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: {
      SVal a = eval(e->args.at(0), ev);
      SVal b = eval(e->args.at(1), ev);
      z3::expr x = V.as_int(a.e), y = V.as_int(b.e);
      switch (e->op) {
        case Op::Lt:
          if (a.iv.hi < b.iv.lo) return V.boolean(V.tru(), T);
          if (a.iv.lo >= b.iv.hi) return V.boolean(V.fls(), T);
          return V.boolean(x < y, T);
        case Op::Le:
          if (a.iv.hi <= b.iv.lo) return V.boolean(V.tru(), T);
          if (a.iv.lo > b.iv.hi) return V.boolean(V.fls(), T);
          return V.boolean(x <= y, T);
        case Op::Gt:
          if (a.iv.lo > b.iv.hi) return V.boolean(V.tru(), T);
          if (a.iv.hi <= b.iv.lo) return V.boolean(V.fls(), T);
          return V.boolean(x > y, T);
        default:
          if (a.iv.lo >= b.iv.hi) return V.boolean(V.tru(), T);
          if (a.iv.hi < b.iv.lo) return V.boolean(V.fls(), T);
          return V.boolean(x >= y, T);
      }
    }
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Mod:
    case Op::Pow:
      return eval_arith(e, ev);
    case Op::Index:
    case Op::Field:
      return eval_index(e, ev);
    case Op::If: {
      z3::expr c = eval_bool(e->args.at(0), ev);
      bool composite = !V.is_scalar(T);
      SVal a(V.ctx()), b(V.ctx());
      under(ev, c, [&] { a = composite ? eval_as(e->args.at(1), T, ev) : eval(e->args.at(1), ev); });
      under(ev, V.mk_not(c), [&] { b = composite ? eval_as(e->args.at(2), T, ev) : eval(e->args.at(2), ev); });
      if (!composite) {
        if (Values::is_bool(T)) return V.boolean(V.mk_ite(c, a.e.is_bool() ? a.e : a.e != V.num(0), b.e.is_bool() ? b.e : b.e != V.num(0)), T);
        SVal r = V.integer(V.mk_ite(c, V.as_int(a.e), V.as_int(b.e)), a.iv.join(b.iv), T);
        return r;
      }
      return V.ite(c, a, b);
    }
    case Op::Let: {
      SVal v = eval(e->args.at(0), ev);
      bind(ev, e->slot, v);
      return eval(e->args.at(1), ev);
    }
    case Op::In:
    case Op::NotIn:
      return eval_in(e, ev, e->op == Op::NotIn);
    case Op::Forall:
    case Op::Exists:
    case Op::Sum:
      return eval_binder_op(e, ev);
    case Op::Card:
    case Op::Min:
    case Op::Max:
      return eval_agg(e, ev);
    case Op::Len:
    case Op::Head:
    case Op::Tail:
    case Op::Append:
      return eval_seq_op(e, ev);
    case Op::FuncCtor:
    case Op::RecordCtor:
    case Op::SeqLit:
    case Op::FuncUpdate:
    case Op::RecordUpdate:
      return eval_ctor(e, ev);
    default:
      return eval_set_op(e, ev);
  }
}

SVal ExprEncoder::eval_composite_eq(const ir::Expr* e, Eval& ev, bool negate) {
  const ir::Expr* A = e->args.at(0);
  const ir::Expr* B = e->args.at(1);
  checker::Shape sa = checker::shape_of(A->type), sb = checker::shape_of(B->type);
  z3::expr r = V.fls();
  if (sa.repr == sb.repr && checker::same_repr(A->type, B->type)) {
    SVal a = eval(A, ev);
    SVal b = eval(B, ev);
    r = V.eq(a, b);
  } else {
    // The checker converts b to a's type first (failure: not equal, a never evaluated).
    SVal b = eval(B, ev);
    z3::expr cf = V.fls();
    SVal bc = V.coerce(b, A->type, cf);
    SVal a(V.ctx());
    under(ev, V.mk_not(cf), [&] { a = eval(A, ev); });
    r = V.mk_and(V.mk_not(cf), V.eq(a, bc));
  }
  return V.boolean(negate ? V.mk_not(r) : r, e->type);
}

}  // namespace smt
