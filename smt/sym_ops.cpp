// smt: value operations on symbolic values (sym_value.h): structural equality, set membership
// and cardinality, the checker's representability tests (index_of, convert_fixed), coercion
// between representations, and normalisation of sets of constants into the checker's order.
#include <algorithm>
#include <map>

#include "checker/compiled_expr.h"
#include "checker/value_model.h"
#include "smt/sym_value.h"

namespace smt {

z3::expr Values::eq(const SVal& a, const SVal& b) {
  switch (a.k) {
    case SVal::K::Bool:
    case SVal::K::Int:
      if (b.k != SVal::K::Bool && b.k != SVal::K::Int) return fls();
      if (a.k == SVal::K::Int && b.k == SVal::K::Int && (a.iv.hi < b.iv.lo || b.iv.hi < a.iv.lo)) return fls();
      return mk_eq(a.e, b.e);
    case SVal::K::Record:
    case SVal::K::Func: {
      if (b.k != a.k || a.kids.size() != b.kids.size()) return fls();
      std::vector<z3::expr> c;
      for (std::size_t i = 0; i < a.kids.size(); ++i) {
        c.push_back(eq(a.kids[i], b.kids[i]));
        if (c.back().is_false()) return fls();
      }
      return conj(c);
    }
    case SVal::K::Seq: {
      if (b.k != SVal::K::Seq) return fls();
      std::vector<z3::expr> c{mk_eq(a.e, b.e)};
      std::size_t n = std::min(a.kids.size(), b.kids.size());
      for (std::size_t i = 0; i < n; ++i) {
        if (a.iv.hi <= static_cast<std::int64_t>(i)) break;
        z3::expr used = a.iv.lo > static_cast<std::int64_t>(i) ? tru() : (a.e > num(static_cast<std::int64_t>(i)));
        c.push_back(z3::implies(used, eq(a.kids[i], b.kids[i])));
      }
      return conj(c);
    }
    case SVal::K::Set: {
      if (b.k != SVal::K::Set) return fls();
      if (a.constant && b.constant && checker::same_repr(a.type->elem, b.type->elem)) {
        std::map<std::vector<std::int64_t>, std::pair<z3::expr, z3::expr>> m;
        for (std::size_t i = 0; i < a.keys.size(); ++i) m.emplace(a.keys[i], std::make_pair(a.pres[i], fls()));
        for (std::size_t i = 0; i < b.keys.size(); ++i) {
          auto it = m.find(b.keys[i]);
          if (it == m.end())
            m.emplace(b.keys[i], std::make_pair(fls(), b.pres[i]));
          else
            it->second.second = b.pres[i];
        }
        std::vector<z3::expr> c;
        for (auto& [k, p] : m) c.push_back(mk_eq(p.first, p.second));
        return conj(c);
      }
      std::vector<z3::expr> c;
      for (std::size_t i = 0; i < a.elems.size(); ++i) c.push_back(z3::implies(a.pres[i], member(a.elems[i], b)));
      for (std::size_t i = 0; i < b.elems.size(); ++i) c.push_back(z3::implies(b.pres[i], member(b.elems[i], a)));
      return conj(c);
    }
  }
  return fls();
}

z3::expr Values::member(const SVal& x, const SVal& s) {
  if (s.elems.empty()) return fls();
  if (s.constant) {
    std::vector<std::int64_t> key;
    if (to_cells(x, s.type->elem, key)) {
      for (std::size_t i = 0; i < s.keys.size(); ++i)
        if (s.keys[i] == key) return s.pres[i];
      return fls();
    }
  }
  std::vector<z3::expr> d;
  for (std::size_t i = 0; i < s.elems.size(); ++i) {
    if (s.pres[i].is_false()) continue;
    z3::expr e = eq(s.elems[i], x);
    if (e.is_false()) continue;
    d.push_back(mk_and(s.pres[i], e));
  }
  return disj(d);
}

z3::expr Values::index_ok(const SVal& v, const Type* t) {
  switch (t->kind) {
    case TypeKind::Bool:
      return tru();
    case TypeKind::Range:
    case TypeKind::Enum: {
      std::int64_t lo = t->kind == TypeKind::Range ? t->lo : 0;
      std::int64_t hi = t->kind == TypeKind::Range ? t->hi : static_cast<std::int64_t>(t->enum_size()) - 1;
      if (v.k != SVal::K::Int && v.k != SVal::K::Bool) return fls();
      if (v.iv.lo >= lo && v.iv.hi <= hi) return tru();
      if (v.iv.hi < lo || v.iv.lo > hi) return fls();
      z3::expr e = as_int(v.e);
      return mk_and(e >= num(lo), e <= num(hi));
    }
    case TypeKind::Set: {
      auto n = t->elem->cardinality();
      return ctx_.bool_val(n && *n < 63);
    }
    case TypeKind::Function: {
      if (!t->codomain->cardinality() || v.k != SVal::K::Func) return fls();
      std::vector<z3::expr> c;
      for (const SVal& k : v.kids) c.push_back(index_ok(k, t->codomain));
      return conj(c);
    }
    case TypeKind::Record: {
      if (v.k != SVal::K::Record || v.kids.size() != t->fields.size()) return fls();
      std::vector<z3::expr> c;
      for (std::size_t i = 0; i < t->fields.size(); ++i) {
        if (!t->fields[i].second->cardinality()) return fls();
        c.push_back(index_ok(v.kids[i], t->fields[i].second));
      }
      return conj(c);
    }
    case TypeKind::Seq: {
      if (v.k != SVal::K::Seq || !t->elem->cardinality()) return fls();
      std::vector<z3::expr> c{v.e >= num(0), v.e <= num(t->max_len)};
      for (std::size_t i = 0; i < v.kids.size(); ++i) {
        if (v.iv.hi <= static_cast<std::int64_t>(i)) break;
        c.push_back(z3::implies(v.e > num(static_cast<std::int64_t>(i)), index_ok(v.kids[i], t->elem)));
      }
      return conj(c);
    }
    default:
      return fls();
  }
}

z3::expr Values::convert_fails(const SVal& v, const Type* t) {
  if (v.type == t || (is_scalar(v.type) && is_scalar(t))) return fls();
  switch (t->kind) {
    case TypeKind::Set: {
      std::vector<z3::expr> d;
      for (std::size_t i = 0; i < v.elems.size(); ++i)
        d.push_back(mk_and(v.pres[i], mk_or(convert_fails(v.elems[i], t->elem), mk_not(index_ok(v.elems[i], t->elem)))));
      return disj(d);
    }
    case TypeKind::Function: {
      std::vector<z3::expr> d;
      for (const SVal& k : v.kids) d.push_back(convert_fails(k, t->codomain));
      return disj(d);
    }
    case TypeKind::Record: {
      std::vector<z3::expr> d;
      for (std::size_t i = 0; i < v.kids.size() && i < t->fields.size(); ++i)
        d.push_back(convert_fails(v.kids[i], t->fields[i].second));
      return disj(d);
    }
    case TypeKind::Seq: {
      if (v.k != SVal::K::Seq) return tru();
      std::vector<z3::expr> d;
      if (v.iv.hi > t->max_len) d.push_back(v.e > num(t->max_len));
      for (std::size_t i = 0; i < v.kids.size(); ++i) {
        if (v.iv.hi <= static_cast<std::int64_t>(i)) break;
        d.push_back(mk_and(v.e > num(static_cast<std::int64_t>(i)), convert_fails(v.kids[i], t->elem)));
      }
      return disj(d);
    }
    default:
      return fls();
  }
}

SVal Values::retype(const SVal& v, const Type* t) {
  if (v.type == t) return v;
  SVal r = v;
  r.type = t;
  switch (v.k) {
    case SVal::K::Bool:
    case SVal::K::Int:
      return r;
    case SVal::K::Record:
      for (std::size_t i = 0; i < r.kids.size() && i < t->fields.size(); ++i) r.kids[i] = retype(r.kids[i], t->fields[i].second);
      return r;
    case SVal::K::Func:
      for (auto& k : r.kids) k = retype(k, t->codomain);
      return r;
    case SVal::K::Seq: {
      for (auto& k : r.kids) k = retype(k, t->elem);
      std::size_t want = static_cast<std::size_t>(std::max<std::int64_t>(t->max_len, 0));
      if (r.kids.size() > want) r.kids.resize(want, SVal(ctx_));
      while (r.kids.size() < want) {
        std::vector<std::int64_t> zeros(checker::flat_size(t->elem), 0);
        // An unused slot: any value (only slots below the length are ever read).
        const auto& sh = shape(t->elem);
        for (std::size_t m = 0; m < sh.size(); ++m) zeros[m] = sh[m].is_bool ? 0 : sh[m].lo;
        r.kids.push_back(from_cells(t->elem, zeros.data()));
      }
      return r;
    }
    case SVal::K::Set: {
      for (auto& e : r.elems) e = retype(e, t->elem);
      if (r.constant) {
        r.constant = false;
        r.keys.clear();
      }
      normalize(r);
      return r;
    }
  }
  return r;
}

SVal Values::coerce(const SVal& v, const Type* to, z3::expr& fail) {
  fail = fls();
  if (!to || v.type == to) return v;
  if (is_scalar(to) && is_scalar(v.type)) return retype(v, to);
  checker::Shape ts = checker::shape_of(to), vs = checker::shape_of(v.type);
  if (!ts.ok || !vs.ok) throw Unsupported("cannot represent a value of type " + (ts.ok ? v.type : to)->str());
  if (ts.repr == vs.repr && checker::same_repr(v.type, to)) return retype(v, to);
  using checker::Repr;
  if (vs.repr == Repr::Fixed && ts.repr == Repr::Fixed) {
    fail = convert_fails(v, to);
    return retype(v, to);
  }
  if (v.k == SVal::K::Set && to->kind == TypeKind::Set) {
    if (vs.repr == Repr::Fixed && ts.repr == Repr::Dyn) return retype(v, to);
    if (vs.repr == Repr::Dyn && ts.repr == Repr::Dyn) {
      if (!checker::same_repr(v.type->elem, to->elem)) {
        std::vector<z3::expr> d;
        for (std::size_t i = 0; i < v.elems.size(); ++i) d.push_back(mk_and(v.pres[i], convert_fails(v.elems[i], to->elem)));
        fail = disj(d);
      }
      return retype(v, to);
    }
    if (vs.repr == Repr::Dyn && ts.repr == Repr::Fixed) {
      std::vector<z3::expr> d;
      for (std::size_t i = 0; i < v.elems.size(); ++i)
        d.push_back(mk_and(v.pres[i], mk_or(convert_fails(v.elems[i], to->elem), mk_not(index_ok(v.elems[i], to->elem)))));
      fail = disj(d);
      return retype(v, to);
    }
  }
  throw Unsupported("cannot convert a value of type " + v.type->str() + " to " + to->str());
}

z3::expr Values::card(const SVal& s) {
  std::vector<z3::expr> terms;
  for (std::size_t i = 0; i < s.elems.size(); ++i) {
    z3::expr counted = s.pres[i];
    if (!s.distinct) {
      for (std::size_t j = 0; j < i; ++j) counted = mk_and(counted, mk_not(mk_and(s.pres[j], eq(s.elems[j], s.elems[i]))));
    }
    if (counted.is_false()) continue;
    terms.push_back(as_int(counted));
  }
  if (terms.empty()) return num(0);
  z3::expr sum = terms[0];
  for (std::size_t i = 1; i < terms.size(); ++i) sum = sum + terms[i];
  return sum;
}

void Values::normalize(SVal& s) {
  if (s.k != SVal::K::Set || s.constant) return;
  const Type* et = s.type->elem;
  std::vector<std::vector<std::int64_t>> keys;
  keys.reserve(s.elems.size());
  for (const SVal& e : s.elems) {
    std::vector<std::int64_t> k;
    if (!to_cells(e, et, k)) return;  // some candidate is not a constant: keep the list
    keys.push_back(std::move(k));
  }
  bool fixed = fixed_set(s.type);
  // Merge duplicates and sort into the checker's iteration order.
  std::map<std::vector<std::int64_t>, std::size_t> first;
  std::vector<std::size_t> order;
  std::vector<z3::expr> pres;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto [it, fresh] = first.emplace(keys[i], order.size());
    if (fresh) {
      order.push_back(i);
      pres.push_back(s.pres[i]);
    } else {
      pres[it->second] = mk_or(pres[it->second], s.pres[i]);
    }
  }
  std::vector<std::size_t> idx(order.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::vector<std::int64_t> rank(order.size(), 0);
  if (fixed)
    for (std::size_t i = 0; i < order.size(); ++i) rank[i] = checker::index_of(et, keys[order[i]].data());
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    if (fixed) return rank[a] < rank[b];
    return keys[order[a]] < keys[order[b]];
  });
  SVal r = empty_set(s.type);
  for (std::size_t i : idx) {
    if (pres[i].is_false()) continue;
    r.elems.push_back(retype(s.elems[order[i]], et));
    r.pres.push_back(pres[i]);
    r.keys.push_back(keys[order[i]]);
  }
  s = std::move(r);
}

SVal Values::set_concat(const SVal& a, const SVal& b, const Type* t) {
  SVal r = a;
  r.type = t;
  r.constant = false;
  r.keys.clear();
  r.elems.insert(r.elems.end(), b.elems.begin(), b.elems.end());
  r.pres.insert(r.pres.end(), b.pres.begin(), b.pres.end());
  r.distinct = false;
  normalize(r);
  return r;
}

}  // namespace smt
