// smt: ExprEncoder, part 2 (expr_encoder.h): sets (literals, ranges, type sets, filters, maps,
// union/inter/difference, membership, subset, card/min/max), binders in the checker's order
// with its short-circuit rules, constructors and updates, sequence builtins.
#include <algorithm>

#include "checker/compiled_expr.h"
#include "checker/value_model.h"
#include "smt/expr_encoder.h"

namespace smt {

using Op = ir::ExprOp;

ExprEncoder::Domain ExprEncoder::domain(const ir::Expr* set, Eval& ev) {
  Domain d;
  if (set->op == Op::Range) {
    SVal a = eval(set->args.at(0), ev);
    SVal b = eval(set->args.at(1), ev);
    const Type* et = set->type && set->type->elem ? set->type->elem : sys_.types->int_type();
    std::int64_t lo = a.iv.lo, hi = b.iv.hi;
    if (hi >= lo && (!a.iv.bounded() || !b.iv.bounded() || static_cast<std::uint64_t>(hi - lo) >= kMaxRange))
      throw Unsupported("a range whose bounds are not known to lie within " + std::to_string(kMaxRange) + " values");
    z3::expr x = V.as_int(a.e), y = V.as_int(b.e);
    for (std::int64_t v = lo; v <= hi; ++v) {
      z3::expr p = V.mk_and(v >= a.iv.hi ? V.tru() : (x <= V.num(v)), v <= b.iv.lo ? V.tru() : (y >= V.num(v)));
      if (p.is_false()) continue;
      d.elems.push_back(V.constant_int(v, et));
      d.pres.push_back(p);
    }
    return d;
  }
  if (set->op == Op::TypeSet) {
    d.elems = V.universe(set->set_type);
    d.pres.assign(d.elems.size(), V.tru());
    return d;
  }
  SVal s = eval(set, ev);
  d.constant = s.constant;
  d.elems = s.elems;
  d.pres = s.pres;
  if (!s.distinct) {
    // The checker's sets never hold duplicates: count each value at its first candidate.
    for (std::size_t j = 0; j < d.pres.size(); ++j)
      for (std::size_t i = 0; i < j; ++i)
        d.pres[j] = V.mk_and(d.pres[j], V.mk_not(V.mk_and(s.pres[i], V.eq(s.elems[i], s.elems[j]))));
  }
  return d;
}

void ExprEncoder::nest(const std::vector<ir::Binder>& bs, std::size_t k, const z3::expr& pres, Eval& ev,
                       const std::function<z3::expr()>& gate, const std::function<void(const z3::expr&)>& body,
                       bool& symbolic) {
  if (k == bs.size()) {
    body(pres);
    return;
  }
  Domain d;
  under(ev, V.mk_and(gate(), pres), [&] { d = domain(bs[k].set, ev); });
  if (!d.constant) symbolic = true;
  for (std::size_t j = 0; j < d.elems.size(); ++j) {
    bind(ev, bs[k].slot, d.elems[j]);
    nest(bs, k + 1, V.mk_and(pres, d.pres[j]), ev, gate, body, symbolic);
  }
}

void ExprEncoder::add_check(const SVal& x, const Type* set_type, const z3::expr& when, const support::SourceSpan& span,
                            Eval& ev) {
  const Type* E = set_type->elem;
  z3::expr bad = V.fls();
  if (Values::fixed_set(set_type)) {
    if (Values::is_scalar(E) || checker::same_repr(x.type, E))
      bad = V.mk_not(V.index_ok(x, E));
    else
      bad = V.mk_or(V.convert_fails(x, E), V.mk_not(V.index_ok(x, E)));
  } else if (!(Values::is_scalar(E) || checker::same_repr(x.type, E))) {
    bad = V.convert_fails(x, E);
  }
  fail(ev, V.mk_and(when, bad), "out_of_type", span);
}

namespace {
// Errors recorded while iterating a domain whose order is not the checker's: exact only when
// they cannot depend on the order.
void order_check(const std::vector<ErrRec>& errs, std::size_t from, bool symbolic, bool short_circuit) {
  if (!symbolic || errs.size() <= from) return;
  bool mixed = false;
  for (std::size_t i = from + 1; i < errs.size(); ++i) mixed = mixed || errs[i].category != errs[from].category;
  if (short_circuit || mixed)
    throw Unsupported("a quantifier over a set of computed elements whose body may fail at run time (the "
                      "error would depend on the checker's iteration order)");
}
}  // namespace

SVal ExprEncoder::eval_binder_op(const ir::Expr* e, Eval& ev) {
  const Type* T = e->type;
  bool symbolic = false;
  std::size_t n0 = ev.errs->size();
  const ir::Expr* body = e->args.at(0);
  if (e->op == Op::Forall) {
    z3::expr acc = V.tru();
    nest(e->binders, 0, V.tru(), ev, [&] { return acc; },
         [&](const z3::expr& pres) {
           z3::expr r = V.tru();
           under(ev, V.mk_and(acc, pres), [&] { r = eval_bool(body, ev); });
           acc = V.mk_and(acc, V.mk_or(V.mk_not(pres), r));
         },
         symbolic);
    order_check(*ev.errs, n0, symbolic, true);
    return V.boolean(acc, T);
  }
  if (e->op == Op::Exists) {
    z3::expr found = V.fls();
    nest(e->binders, 0, V.tru(), ev, [&] { return V.mk_not(found); },
         [&](const z3::expr& pres) {
           z3::expr r = V.fls();
           under(ev, V.mk_and(V.mk_not(found), pres), [&] { r = eval_bool(body, ev); });
           found = V.mk_or(found, V.mk_and(pres, r));
         },
         symbolic);
    order_check(*ev.errs, n0, symbolic, true);
    return V.boolean(found, T);
  }
  // Sum
  std::vector<z3::expr> terms;
  Interval iv = Interval::point(0);
  nest(e->binders, 0, V.tru(), ev, [&] { return V.tru(); },
       [&](const z3::expr& pres) {
         SVal v(V.ctx());
         under(ev, pres, [&] { v = eval(body, ev); });
         if (pres.is_false()) return;
         terms.push_back(V.mk_ite(pres, V.as_int(v.e), V.num(0)));
         iv = iv_add(iv, v.iv.join(Interval::point(0)));
       },
       symbolic);
  order_check(*ev.errs, n0, symbolic, false);
  if (terms.empty()) return V.constant_int(0, T);
  z3::expr sum = terms[0];
  for (std::size_t i = 1; i < terms.size(); ++i) sum = sum + terms[i];
  return V.integer(sum, iv, T);
}

SVal ExprEncoder::eval_in(const ir::Expr* e, Eval& ev, bool negate) {
  const ir::Expr* X = e->args.at(0);
  const ir::Expr* S = e->args.at(1);
  bool scalar_x = Values::is_scalar(X->type);
  z3::expr r = V.fls();
  if (S->op == Op::Range && scalar_x) {
    SVal x = eval(X, ev);
    SVal lo = eval(S->args.at(0), ev);
    z3::expr xi = V.as_int(x.e);
    z3::expr ge = V.as_int(lo.e) <= xi;
    z3::expr le = V.tru();
    under(ev, ge, [&] {
      SVal hi = eval(S->args.at(1), ev);
      le = xi <= V.as_int(hi.e);
    });
    r = V.mk_and(ge, le);
  } else if (S->op == Op::TypeSet) {
    SVal x = eval(X, ev);
    const Type* E = S->set_type;
    if (E->kind == TypeKind::Int)
      r = V.tru();
    else
      r = V.mk_and(V.mk_not(V.convert_fails(x, E)), V.index_ok(x, E));
  } else if (S->op == Op::SetLit && scalar_x) {
    SVal x = eval(X, ev);
    z3::expr found = V.fls();
    for (const ir::Expr* a : S->args) {
      under(ev, V.mk_not(found), [&] {
        SVal v = eval(a, ev);
        found = V.mk_or(found, V.eq(v, x));
      });
    }
    r = found;
  } else {
    SVal x = eval(X, ev);
    const Type* E = S->type->elem;
    z3::expr cf = V.fls();
    SVal xc = V.coerce(x, E, cf);
    z3::expr gate = V.mk_not(cf);
    if (Values::fixed_set(S->type)) gate = V.mk_and(gate, V.index_ok(xc, E));
    SVal s(V.ctx());
    under(ev, gate, [&] { s = eval(S, ev); });
    r = V.mk_and(gate, V.member(xc, s));
  }
  return V.boolean(negate ? V.mk_not(r) : r, e->type);
}

SVal ExprEncoder::eval_set_op(const ir::Expr* e, Eval& ev) {
  const Type* T = e->type;
  switch (e->op) {
    case Op::Union:
    case Op::Inter:
    case Op::Diff: {
      SVal a = eval_as(e->args.at(0), T, ev);
      SVal b = eval_as(e->args.at(1), T, ev);
      if (e->op == Op::Union) {
        if (a.constant && b.constant) {
          SVal r = a;
          r.constant = false;
          r.keys.clear();
          r.elems.insert(r.elems.end(), b.elems.begin(), b.elems.end());
          r.pres.insert(r.pres.end(), b.pres.begin(), b.pres.end());
          V.normalize(r);
          return r;
        }
        return V.set_concat(a, b, T);
      }
      SVal r = a;
      for (std::size_t i = 0; i < a.elems.size(); ++i) {
        z3::expr m = V.member(a.elems[i], b);
        r.pres[i] = V.mk_and(a.pres[i], e->op == Op::Inter ? m : V.mk_not(m));
      }
      return r;
    }
    case Op::Subset: {
      SVal a = eval(e->args.at(0), ev);
      const Type* BT = e->args.at(1)->type;
      z3::expr cf = V.fls();
      SVal ac = V.coerce(a, BT, cf);
      SVal b(V.ctx());
      under(ev, V.mk_not(cf), [&] { b = eval(e->args.at(1), ev); });
      std::vector<z3::expr> c{V.mk_not(cf)};
      for (std::size_t i = 0; i < ac.elems.size(); ++i) c.push_back(V.mk_or(V.mk_not(ac.pres[i]), V.member(ac.elems[i], b)));
      return V.boolean(V.conj(c), T);
    }
    case Op::Range: {
      SVal a = eval(e->args.at(0), ev);
      SVal b = eval(e->args.at(1), ev);
      std::int64_t lo = a.iv.lo, hi = b.iv.hi;
      if (hi >= lo && (!a.iv.bounded() || !b.iv.bounded() || static_cast<std::uint64_t>(hi - lo) >= kMaxRange))
        throw Unsupported("a range whose bounds are not known to lie within " + std::to_string(kMaxRange) + " values");
      z3::expr x = V.as_int(a.e), y = V.as_int(b.e);
      SVal s = V.empty_set(T);
      bool fixed = Values::fixed_set(T);
      std::int64_t elo = T->elem->kind == TypeKind::Range ? T->elem->lo : Interval::kBig;
      std::int64_t ehi = T->elem->kind == TypeKind::Range ? T->elem->hi : -Interval::kBig;
      std::vector<z3::expr> outside;
      for (std::int64_t v = lo; v <= hi; ++v) {
        z3::expr p = V.mk_and(v >= a.iv.hi ? V.tru() : (x <= V.num(v)), v <= b.iv.lo ? V.tru() : (y >= V.num(v)));
        if (p.is_false()) continue;
        if (fixed && (v < elo || v > ehi)) {
          outside.push_back(p);
          continue;
        }
        s.elems.push_back(V.constant_int(v, T->elem));
        s.pres.push_back(p);
        s.keys.push_back({v});
      }
      fail(ev, V.disj(outside), "out_of_type", e->span);
      return s;
    }
    case Op::TypeSet: {
      SVal s = V.empty_set(T);
      s.elems = V.universe(e->set_type);
      s.keys = V.universe_keys(e->set_type);
      s.pres.assign(s.elems.size(), V.tru());
      if (e->set_type != T->elem || !Values::fixed_set(T)) {
        s.constant = false;
        s.keys.clear();
        for (auto& x : s.elems) x = V.retype(x, T->elem);
        V.normalize(s);
      }
      return s;
    }
    case Op::SetLit: {
      SVal s = V.empty_set(T);
      s.constant = false;
      for (const ir::Expr* a : e->args) {
        SVal v = eval(a, ev);
        add_check(v, T, V.tru(), a->span, ev);
        s.elems.push_back(V.retype(v, T->elem));
        s.pres.push_back(V.tru());
      }
      s.distinct = s.elems.size() <= 1;
      V.normalize(s);
      return s;
    }
    case Op::SetFilter: {
      SVal s = V.empty_set(T);
      s.constant = false;
      bool symbolic = false;
      std::size_t n0 = ev.errs->size();
      const ir::Expr* pred = e->args.at(0);
      const ir::Binder& b0 = e->binders.at(0);
      nest(e->binders, 0, V.tru(), ev, [&] { return V.tru(); },
           [&](const z3::expr& pres) {
             SVal x = (*ev.env)[b0.slot];
             z3::expr keep = V.fls();
             under(ev, pres, [&] {
               keep = eval_bool(pred, ev);
               add_check(x, T, keep, e->span, ev);
             });
             s.elems.push_back(V.retype(x, T->elem));
             s.pres.push_back(V.mk_and(pres, keep));
           },
           symbolic);
      order_check(*ev.errs, n0, symbolic, false);
      s.distinct = !symbolic;
      V.normalize(s);
      return s;
    }
    case Op::SetMap: {
      SVal s = V.empty_set(T);
      s.constant = false;
      bool symbolic = false;
      std::size_t n0 = ev.errs->size();
      const ir::Expr* body = e->args.at(0);
      nest(e->binders, 0, V.tru(), ev, [&] { return V.tru(); },
           [&](const z3::expr& pres) {
             SVal v(V.ctx());
             under(ev, pres, [&] {
               v = eval(body, ev);
               add_check(v, T, V.tru(), body->span, ev);
             });
             if (pres.is_false()) return;
             s.elems.push_back(V.retype(v, T->elem));
             s.pres.push_back(pres);
           },
           symbolic);
      order_check(*ev.errs, n0, symbolic, false);
      s.distinct = false;
      V.normalize(s);
      return s;
    }
    default:
      break;
  }
  throw Unsupported("expression operator " + std::to_string(static_cast<int>(e->op)));
}

SVal ExprEncoder::eval_agg(const ir::Expr* e, Eval& ev) {
  const Type* T = e->type;
  const ir::Expr* A = e->args.at(0);
  if (A->op == Op::Range) {
    SVal a = eval(A->args.at(0), ev);
    SVal b = eval(A->args.at(1), ev);
    z3::expr x = V.as_int(a.e), y = V.as_int(b.e);
    if (e->op == Op::Card) {
      Interval iv = iv_add(iv_sub(b.iv, a.iv), Interval::point(1)).join(Interval::point(0));
      iv.lo = std::max<std::int64_t>(iv.lo, 0);
      return V.integer(V.mk_ite(y >= x, y - x + V.num(1), V.num(0)), iv, T);
    }
    fail(ev, y < x, "empty_set", e->span);
    return e->op == Op::Min ? V.integer(x, a.iv, T) : V.integer(y, b.iv, T);
  }
  if (A->op == Op::TypeSet && e->op == Op::Card) {
    auto c = A->set_type->cardinality();
    return V.constant_int(c ? static_cast<std::int64_t>(*c) : 0, T);
  }
  SVal s = eval(A, ev);
  if (e->op == Op::Card) return V.integer(V.card(s), Interval::of(0, static_cast<std::int64_t>(s.elems.size())), T);
  std::vector<z3::expr> none;
  for (const auto& p : s.pres) none.push_back(V.mk_not(p));
  fail(ev, V.conj(none), "empty_set", e->span);
  if (s.elems.empty()) return V.constant_int(0, T);
  bool is_min = e->op == Op::Min;
  Interval iv = s.elems[0].iv;
  for (const auto& x : s.elems) iv = iv.join(x.iv);
  if (s.constant) {
    // Candidates are sorted in the checker's order: the first (last) present one.
    z3::expr r = V.num(0);
    if (is_min)
      for (std::size_t i = s.elems.size(); i-- > 0;) r = V.mk_ite(s.pres[i], V.as_int(s.elems[i].e), r);
    else
      for (std::size_t i = 0; i < s.elems.size(); ++i) r = V.mk_ite(s.pres[i], V.as_int(s.elems[i].e), r);
    return V.integer(r, iv, T);
  }
  z3::expr r = V.as_int(s.elems[0].e);
  z3::expr any = s.pres[0];
  for (std::size_t i = 1; i < s.elems.size(); ++i) {
    z3::expr x = V.as_int(s.elems[i].e);
    z3::expr better = is_min ? (x < r) : (x > r);
    r = V.mk_ite(V.mk_and(s.pres[i], V.mk_or(V.mk_not(any), better)), x, r);
    any = V.mk_or(any, s.pres[i]);
  }
  return V.integer(r, iv, T);
}

SVal ExprEncoder::eval_seq_op(const ir::Expr* e, Eval& ev) {
  const Type* T = e->type;
  switch (e->op) {
    case Op::Len: {
      SVal s = eval(e->args.at(0), ev);
      return V.integer(s.e, s.iv, T);
    }
    case Op::Head: {
      SVal s = eval(e->args.at(0), ev);
      fail(ev, s.e <= V.num(0), "sequence_bounds", e->span);
      if (s.kids.empty()) return V.constant_int(0, T);
      return s.kids[0];
    }
    case Op::Tail: {
      SVal s = eval_as(e->args.at(0), T, ev);
      fail(ev, s.e <= V.num(0), "sequence_bounds", e->span);
      SVal r = s;
      r.e = V.mk_ite(s.e > V.num(0), s.e - V.num(1), V.num(0));
      r.iv = Interval::of(std::max<std::int64_t>(0, s.iv.lo - 1), std::max<std::int64_t>(0, s.iv.hi - 1));
      if (!r.kids.empty()) {
        r.kids.erase(r.kids.begin());
        r.kids.push_back(s.kids.back());
      }
      return r;
    }
    case Op::Append: {
      SVal s = eval_as(e->args.at(0), T, ev);
      fail(ev, s.e >= V.num(T->max_len), "out_of_type", e->span);
      SVal x = eval_as(e->args.at(1), T->elem, ev);
      SVal r = s;
      r.e = s.e + V.num(1);
      r.iv = Interval::of(s.iv.lo + 1, std::min<std::int64_t>(s.iv.hi + 1, T->max_len));
      for (std::size_t i = 0; i < r.kids.size(); ++i) {
        auto p = static_cast<std::int64_t>(i);
        if (p < s.iv.lo || p > s.iv.hi) continue;
        r.kids[i] = V.ite(V.mk_eq(s.e, V.num(p)), x, r.kids[i]);
      }
      return r;
    }
    default:
      break;
  }
  throw Unsupported("sequence operator");
}

SVal ExprEncoder::eval_ctor(const ir::Expr* e, Eval& ev) {
  const Type* T = e->type;
  switch (e->op) {
    case Op::RecordCtor: {
      SVal r(V.ctx());
      r.k = SVal::K::Record;
      r.type = T;
      for (std::size_t i = 0; i < e->args.size(); ++i) r.kids.push_back(eval_as(e->args[i], T->fields.at(i).second, ev));
      return r;
    }
    case Op::SeqLit: {
      SVal r(V.ctx());
      r.k = SVal::K::Seq;
      r.type = T;
      std::vector<std::int64_t> zeros(V.shape(T->elem).size(), 0);
      auto n = static_cast<std::int64_t>(e->args.size());
      if (n > T->max_len) {
        fail(ev, V.tru(), "out_of_type", e->span);
        r.e = V.num(0);
        r.iv = Interval::point(0);
      } else {
        r.e = V.num(n);
        r.iv = Interval::point(n);
        for (const ir::Expr* a : e->args) r.kids.push_back(eval_as(a, T->elem, ev));
      }
      while (static_cast<std::int64_t>(r.kids.size()) < T->max_len) r.kids.push_back(V.from_cells(T->elem, zeros.data()));
      return r;
    }
    case Op::FuncCtor: {
      SVal f(V.ctx());
      f.k = SVal::K::Func;
      f.type = T;
      const Type* dom = T->elem;
      std::uint64_t n = V.card(dom, kMaxUniverse);
      std::vector<std::int64_t> zeros(V.shape(T->codomain).size(), 0);
      for (std::uint64_t i = 0; i < n; ++i) f.kids.push_back(V.from_cells(T->codomain, zeros.data()));
      std::int64_t lo = dom->kind == TypeKind::Range ? dom->lo : 0;
      bool symbolic = false;
      std::size_t n0 = ev.errs->size();
      const ir::Binder& b0 = e->binders.at(0);
      nest(e->binders, 0, V.tru(), ev, [&] { return V.tru(); },
           [&](const z3::expr& pres) {
             SVal x = (*ev.env)[b0.slot];
             z3::expr xi = V.as_int(x.e);
             under(ev, pres, [&] {
               z3::expr ok = V.index_ok(x, dom);
               fail(ev, V.mk_not(ok), "domain", e->span);
               SVal v = eval_as(e->args.at(0), T->codomain, ev);
               for (std::uint64_t j = 0; j < n; ++j) {
                 std::int64_t d = lo + static_cast<std::int64_t>(j);
                 if (d < x.iv.lo || d > x.iv.hi) continue;
                 f.kids[j] = V.ite(V.mk_and(pres, V.mk_eq(xi, V.num(d))), v, f.kids[j]);
               }
             });
           },
           symbolic);
      order_check(*ev.errs, n0, symbolic, false);
      return f;
    }
    case Op::FuncUpdate: {
      SVal base = eval_as(e->args.at(0), T, ev);
      SVal idx = eval(e->args.at(1), ev);
      z3::expr i = V.as_int(idx.e);
      SVal r = base;
      if (T->kind == TypeKind::Seq) {
        fail(ev, V.mk_or(i < V.num(1), i > base.e), "sequence_bounds", e->args.at(1)->span);
        SVal v = eval_as(e->args.at(2), T->elem, ev);
        for (std::size_t k = 0; k < r.kids.size(); ++k) {
          auto p = static_cast<std::int64_t>(k) + 1;
          if (p < idx.iv.lo || p > idx.iv.hi) continue;
          r.kids[k] = V.ite(V.mk_eq(i, V.num(p)), v, r.kids[k]);
        }
        return r;
      }
      const Type* dom = T->elem;
      fail(ev, V.mk_not(V.index_ok(idx, dom)), "domain", e->args.at(1)->span);
      SVal v = eval_as(e->args.at(2), T->codomain, ev);
      std::int64_t lo = dom->kind == TypeKind::Range ? dom->lo : 0;
      for (std::size_t k = 0; k < r.kids.size(); ++k) {
        std::int64_t d = lo + static_cast<std::int64_t>(k);
        if (d < idx.iv.lo || d > idx.iv.hi) continue;
        r.kids[k] = V.ite(V.mk_eq(i, V.num(d)), v, r.kids[k]);
      }
      return r;
    }
    case Op::RecordUpdate: {
      SVal base = eval_as(e->args.at(0), T, ev);
      SVal v = eval_as(e->args.at(1), T->fields.at(e->slot).second, ev);
      SVal r = base;
      r.kids.at(e->slot) = v;
      return r;
    }
    default:
      break;
  }
  throw Unsupported("constructor");
}

}  // namespace smt
