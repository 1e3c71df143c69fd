// smt: symbolic values (sym_value.h): intervals, type shapes and universes, construction from
// leaves and cells, conversion back to leaves, term helpers with light folding, ite-merge.
#include "smt/sym_value.h"

#include <algorithm>

#include "checker/compiled_expr.h"
#include "checker/value_model.h"

namespace smt {

namespace {
// Bounds beyond +-kBig are unknown: the value may even wrap around 64 bits, as in the checker.
Interval make(Wide lo, Wide hi) {
  if (lo <= -Interval::kBig || hi >= Interval::kBig) return Interval{};
  return Interval{static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)};
}
}  // namespace

Interval iv_add(Interval a, Interval b) {
  if (!a.bounded() || !b.bounded()) return Interval{};
  return make(static_cast<Wide>(a.lo) + b.lo, static_cast<Wide>(a.hi) + b.hi);
}
Interval iv_sub(Interval a, Interval b) {
  if (!a.bounded() || !b.bounded()) return Interval{};
  return make(static_cast<Wide>(a.lo) - b.hi, static_cast<Wide>(a.hi) - b.lo);
}
Interval iv_neg(Interval a) {
  if (!a.bounded()) return Interval{};
  return make(-static_cast<Wide>(a.hi), -static_cast<Wide>(a.lo));
}
Interval iv_mul(Interval a, Interval b) {
  if (!a.bounded() || !b.bounded()) return Interval{};
  Wide c[4] = {static_cast<Wide>(a.lo) * b.lo, static_cast<Wide>(a.lo) * b.hi, static_cast<Wide>(a.hi) * b.lo,
               static_cast<Wide>(a.hi) * b.hi};
  Wide lo = c[0], hi = c[0];
  for (auto x : c) {
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  return make(lo, hi);
}

// ------------------------------------------------------------------ terms
bool Values::literal(const z3::expr& e, std::int64_t& v) {
  if (e.is_true()) {
    v = 1;
    return true;
  }
  if (e.is_false()) {
    v = 0;
    return true;
  }
  if (e.is_numeral() && e.is_bv()) {
    uint64_t x = 0;
    if (!Z3_get_numeral_uint64(e.ctx(), e, &x)) return false;
    v = static_cast<std::int64_t>(x);
    return true;
  }
  return false;
}

z3::expr Values::mk_and(const z3::expr& a, const z3::expr& b) {
  if (a.is_false() || b.is_true()) return a;
  if (b.is_false() || a.is_true()) return b;
  if (z3::eq(a, b)) return a;
  return a && b;
}
z3::expr Values::mk_or(const z3::expr& a, const z3::expr& b) {
  if (a.is_true() || b.is_false()) return a;
  if (b.is_true() || a.is_false()) return b;
  if (z3::eq(a, b)) return a;
  return a || b;
}
z3::expr Values::mk_not(const z3::expr& a) {
  if (a.is_true()) return fls();
  if (a.is_false()) return tru();
  return !a;
}
z3::expr Values::mk_ite(const z3::expr& c, const z3::expr& a, const z3::expr& b) {
  if (c.is_true() || z3::eq(a, b)) return a;
  if (c.is_false()) return b;
  if (a.is_bool()) {
    if (a.is_true() && b.is_false()) return c;
    if (a.is_false() && b.is_true()) return !c;
  }
  return z3::ite(c, a, b);
}
z3::expr Values::mk_eq(const z3::expr& a0, const z3::expr& b0) {
  z3::expr a = a0, b = b0;
  if (a.is_bool() != b.is_bool()) {
    a = as_int(a);
    b = as_int(b);
  }
  if (z3::eq(a, b)) return tru();
  std::int64_t x, y;
  if (literal(a, x) && literal(b, y)) return ctx_.bool_val(x == y);
  if (a.is_bool()) {
    if (b.is_true()) return a;
    if (b.is_false()) return !a;
    if (a.is_true()) return b;
    if (a.is_false()) return !b;
  }
  return a == b;
}
z3::expr Values::conj(const std::vector<z3::expr>& v) {
  z3::expr_vector xs(ctx_);
  for (const auto& e : v) {
    if (e.is_false()) return fls();
    if (!e.is_true()) xs.push_back(e);
  }
  if (xs.empty()) return tru();
  if (xs.size() == 1) return xs[0];
  return z3::mk_and(xs);
}
z3::expr Values::disj(const std::vector<z3::expr>& v) {
  z3::expr_vector xs(ctx_);
  for (const auto& e : v) {
    if (e.is_true()) return tru();
    if (!e.is_false()) xs.push_back(e);
  }
  if (xs.empty()) return fls();
  if (xs.size() == 1) return xs[0];
  return z3::mk_or(xs);
}
z3::expr Values::as_int(const z3::expr& e) {
  if (!e.is_bool()) return e;
  if (e.is_true()) return num(1);
  if (e.is_false()) return num(0);
  return z3::ite(e, num(1), num(0));
}

// ------------------------------------------------------------------ types
bool Values::is_scalar(const Type* t) {
  return t && (t->kind == TypeKind::Bool || t->kind == TypeKind::Int || t->kind == TypeKind::Range ||
               t->kind == TypeKind::Enum);
}

bool Values::fixed_set(const Type* set_type) {
  return checker::shape_of(set_type).repr == checker::Repr::Fixed;
}

std::uint64_t Values::card(const Type* t, std::uint64_t limit) {
  auto c = t->cardinality();
  if (!c || *c > limit)
    throw Unsupported("the type " + t->str() + " has too many values to enumerate (more than " +
                      std::to_string(limit) + ")");
  return *c;
}

void Values::shape_rec(const Type* t, std::vector<LeafShape>& out) {
  switch (t->kind) {
    case TypeKind::Bool:
      out.push_back({true, 0, 1});
      return;
    case TypeKind::Range:
      out.push_back({false, t->lo, t->hi});
      return;
    case TypeKind::Enum:
      out.push_back({false, 0, static_cast<std::int64_t>(t->enum_size()) - 1});
      return;
    case TypeKind::Int:  // inside computed values only (never in the state)
      out.push_back({false, -Interval::kBig, Interval::kBig});
      return;
    case TypeKind::Set: {
      std::uint64_t n = card(t->elem, kMaxUniverse);
      for (std::uint64_t i = 0; i < n; ++i) out.push_back({true, 0, 1});
      return;
    }
    case TypeKind::Function: {
      std::uint64_t n = card(t->elem, kMaxUniverse);
      for (std::uint64_t i = 0; i < n; ++i) shape_rec(t->codomain, out);
      return;
    }
    case TypeKind::Record:
      for (const auto& f : t->fields) shape_rec(f.second, out);
      return;
    case TypeKind::Seq:
      out.push_back({false, 0, t->max_len});
      for (std::int64_t i = 0; i < t->max_len; ++i) shape_rec(t->elem, out);
      return;
    default:
      throw Unsupported("the type " + t->str() + " is not finite");
  }
}

const std::vector<LeafShape>& Values::shape(const Type* t) {
  auto it = shapes_.find(t);
  if (it != shapes_.end()) return it->second;
  std::vector<LeafShape> out;
  shape_rec(t, out);
  return shapes_.emplace(t, std::move(out)).first->second;
}

const std::vector<SVal>& Values::universe(const Type* t) {
  auto it = universes_.find(t);
  if (it != universes_.end()) return it->second;
  std::uint64_t n = card(t, kMaxUniverse);
  std::vector<SVal> vals;
  std::vector<std::vector<std::int64_t>> keys;
  vals.reserve(n);
  std::uint32_t fs = checker::flat_size(t);
  for (std::uint64_t i = 0; i < n; ++i) {
    std::vector<std::int64_t> cells(std::max<std::uint32_t>(fs, 1), 0);
    checker::value_of(t, i, cells.data());
    cells.resize(fs);
    vals.push_back(from_cells(t, cells.data()));
    keys.push_back(std::move(cells));
  }
  universe_keys_.emplace(t, std::move(keys));
  return universes_.emplace(t, std::move(vals)).first->second;
}

const std::vector<std::vector<std::int64_t>>& Values::universe_keys(const Type* t) {
  universe(t);
  return universe_keys_.at(t);
}

// ------------------------------------------------------------------ constructors
SVal Values::boolean(const z3::expr& b, const Type* t) {
  SVal v(ctx_);
  v.k = SVal::K::Bool;
  v.type = t ? t : sys_.types->bool_type();
  v.e = b.is_bool() ? b : (b != num(0));
  v.iv = Interval::of(0, 1);
  return v;
}

SVal Values::integer(const z3::expr& i, Interval iv, const Type* t) {
  SVal v(ctx_);
  v.k = SVal::K::Int;
  v.type = t;
  v.e = as_int(i);
  std::int64_t x;
  v.iv = literal(v.e, x) ? Interval::point(x) : iv;
  return v;
}

SVal Values::constant_int(std::int64_t x, const Type* t) { return integer(num(x), Interval::point(x), t); }

SVal Values::empty_set(const Type* set_type) {
  SVal v(ctx_);
  v.k = SVal::K::Set;
  v.type = set_type;
  v.constant = true;
  v.distinct = true;
  return v;
}

namespace {
SVal unflatten_at(Values& V, const Type* t, const std::vector<z3::expr>& terms, std::size_t& off) {
  switch (t->kind) {
    case TypeKind::Bool:
      return V.boolean(terms.at(off++), t);
    case TypeKind::Range:
      return V.integer(terms.at(off++), Interval::of(t->lo, t->hi), t);
    case TypeKind::Enum:
      return V.integer(terms.at(off++), Interval::of(0, static_cast<std::int64_t>(t->enum_size()) - 1), t);
    case TypeKind::Int:
      return V.integer(terms.at(off++), Interval{}, t);
    case TypeKind::Set: {
      SVal s = V.empty_set(t);
      const auto& u = V.universe(t->elem);
      s.elems = u;
      s.keys = V.universe_keys(t->elem);
      for (std::size_t i = 0; i < u.size(); ++i) s.pres.push_back(terms.at(off++));
      return s;
    }
    case TypeKind::Function: {
      SVal f(V.ctx());
      f.k = SVal::K::Func;
      f.type = t;
      std::uint64_t n = V.card(t->elem, kMaxUniverse);
      for (std::uint64_t i = 0; i < n; ++i) f.kids.push_back(unflatten_at(V, t->codomain, terms, off));
      return f;
    }
    case TypeKind::Record: {
      SVal r(V.ctx());
      r.k = SVal::K::Record;
      r.type = t;
      for (const auto& fd : t->fields) r.kids.push_back(unflatten_at(V, fd.second, terms, off));
      return r;
    }
    case TypeKind::Seq: {
      SVal s(V.ctx());
      s.k = SVal::K::Seq;
      s.type = t;
      s.e = V.as_int(terms.at(off++));
      std::int64_t x;
      s.iv = Values::literal(s.e, x) ? Interval::point(x) : Interval::of(0, t->max_len);
      for (std::int64_t i = 0; i < t->max_len; ++i) s.kids.push_back(unflatten_at(V, t->elem, terms, off));
      return s;
    }
    default:
      throw Unsupported("the type " + t->str() + " is not finite");
  }
}
}  // namespace

SVal Values::unflatten(const Type* t, const std::vector<z3::expr>& terms, std::size_t offset) {
  std::size_t off = offset;
  return unflatten_at(*this, t, terms, off);
}

SVal Values::from_cells(const Type* t, const std::int64_t* cells) {
  const auto& sh = shape(t);
  std::vector<z3::expr> terms;
  terms.reserve(sh.size());
  for (std::size_t i = 0; i < sh.size(); ++i)
    terms.push_back(sh[i].is_bool ? ctx_.bool_val(cells[i] != 0) : num(cells[i]));
  return unflatten(t, terms, 0);
}

bool Values::to_cells(const SVal& v, const Type* t, std::vector<std::int64_t>& out) {
  std::int64_t x;
  switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::Range:
    case TypeKind::Enum:
    case TypeKind::Int:
      if ((v.k != SVal::K::Bool && v.k != SVal::K::Int) || !literal(v.e, x)) return false;
      out.push_back(x);
      return true;
    case TypeKind::Record:
      if (v.k != SVal::K::Record || v.kids.size() != t->fields.size()) return false;
      for (std::size_t i = 0; i < t->fields.size(); ++i)
        if (!to_cells(v.kids[i], t->fields[i].second, out)) return false;
      return true;
    case TypeKind::Function: {
      auto n = t->elem->cardinality();
      if (v.k != SVal::K::Func || !n || v.kids.size() != *n || !checker::shape_of(t).ok ||
          checker::shape_of(t).repr != checker::Repr::Fixed)
        return false;
      for (const SVal& k : v.kids)
        if (!to_cells(k, t->codomain, out)) return false;
      return true;
    }
    case TypeKind::Seq: {
      if (v.k != SVal::K::Seq || !literal(v.e, x) || x < 0 || x > t->max_len ||
          checker::shape_of(t).repr != checker::Repr::Fixed)
        return false;
      out.push_back(x);
      std::uint32_t es = checker::flat_size(t->elem);
      for (std::int64_t i = 0; i < t->max_len; ++i) {
        if (i < x) {
          if (static_cast<std::size_t>(i) >= v.kids.size() || !to_cells(v.kids[static_cast<std::size_t>(i)], t->elem, out))
            return false;
        } else {
          out.insert(out.end(), es, 0);
        }
      }
      return true;
    }
    case TypeKind::Set: {
      if (v.k != SVal::K::Set || !fixed_set(t)) return false;
      std::uint64_t n = *t->elem->cardinality();
      std::vector<std::int64_t> bits(n, 0);
      for (std::size_t i = 0; i < v.elems.size(); ++i) {
        if (!literal(v.pres[i], x)) return false;
        if (!x) continue;
        std::vector<std::int64_t> c;
        if (!to_cells(v.elems[i], t->elem, c)) return false;
        std::int64_t k = checker::index_of(t->elem, c.data());
        if (k < 0) return false;
        bits[static_cast<std::size_t>(k)] = 1;
      }
      out.insert(out.end(), bits.begin(), bits.end());
      return true;
    }
    default:
      return false;
  }
}

void Values::flatten(const SVal& v, const Type* t, std::vector<z3::expr>& out, z3::expr& bad) {
  switch (t->kind) {
    case TypeKind::Bool:
      out.push_back(v.e.is_bool() ? v.e : (v.e != num(0)));
      return;
    case TypeKind::Range:
    case TypeKind::Enum: {
      std::int64_t lo = t->kind == TypeKind::Range ? t->lo : 0;
      std::int64_t hi = t->kind == TypeKind::Range ? t->hi : static_cast<std::int64_t>(t->enum_size()) - 1;
      z3::expr e = as_int(v.e);
      out.push_back(e);
      if (v.iv.lo < lo || v.iv.hi > hi) bad = mk_or(bad, mk_not(mk_and(e >= num(lo), e <= num(hi))));
      return;
    }
    case TypeKind::Set: {
      const auto& u = universe(t->elem);
      const auto& ukeys = universe_keys(t->elem);
      if (v.constant && checker::same_repr(v.type->elem, t->elem)) {
        std::vector<z3::expr> bits(u.size(), fls());
        for (std::size_t i = 0; i < v.elems.size(); ++i) {
          std::int64_t k = checker::index_of(t->elem, v.keys[i].data());
          if (k < 0 || static_cast<std::size_t>(k) >= bits.size()) {
            bad = mk_or(bad, v.pres[i]);
            continue;
          }
          bits[static_cast<std::size_t>(k)] = mk_or(bits[static_cast<std::size_t>(k)], v.pres[i]);
        }
        out.insert(out.end(), bits.begin(), bits.end());
        return;
      }
      (void)ukeys;
      for (std::size_t j = 0; j < u.size(); ++j) {
        std::vector<z3::expr> d;
        for (std::size_t i = 0; i < v.elems.size(); ++i) d.push_back(mk_and(v.pres[i], eq(v.elems[i], u[j])));
        out.push_back(disj(d));
      }
      std::vector<z3::expr> outside;
      for (std::size_t i = 0; i < v.elems.size(); ++i)
        outside.push_back(mk_and(v.pres[i], mk_not(index_ok(v.elems[i], t->elem))));
      bad = mk_or(bad, disj(outside));
      return;
    }
    case TypeKind::Function: {
      std::uint64_t n = card(t->elem, kMaxUniverse);
      if (v.k != SVal::K::Func || v.kids.size() != n) throw Unsupported("function value of the wrong shape for " + t->str());
      for (const SVal& k : v.kids) flatten(k, t->codomain, out, bad);
      return;
    }
    case TypeKind::Record:
      if (v.k != SVal::K::Record || v.kids.size() != t->fields.size())
        throw Unsupported("record value of the wrong shape for " + t->str());
      for (std::size_t i = 0; i < t->fields.size(); ++i) flatten(v.kids[i], t->fields[i].second, out, bad);
      return;
    case TypeKind::Seq: {
      if (v.k != SVal::K::Seq) throw Unsupported("sequence value of the wrong shape for " + t->str());
      z3::expr len = as_int(v.e);
      out.push_back(len);
      if (v.iv.hi > t->max_len) bad = mk_or(bad, len > num(t->max_len));
      const auto& esh = shape(t->elem);
      for (std::int64_t i = 0; i < t->max_len; ++i) {
        std::vector<z3::expr> sub;
        if (static_cast<std::size_t>(i) >= v.kids.size() || v.iv.hi <= i) {
          for (const auto& s : esh) sub.push_back(s.is_bool ? fls() : num(s.lo));
          out.insert(out.end(), sub.begin(), sub.end());
          continue;
        }
        z3::expr used = v.iv.lo > i ? tru() : (len > num(i));
        z3::expr sb = fls();
        flatten(v.kids[static_cast<std::size_t>(i)], t->elem, sub, sb);
        for (std::size_t m = 0; m < sub.size(); ++m)
          out.push_back(mk_ite(used, sub[m], esh[m].is_bool ? fls() : num(esh[m].lo)));
        bad = mk_or(bad, mk_and(used, sb));
      }
      return;
    }
    default:
      throw Unsupported("cannot store a value of type " + t->str());
  }
}

// ------------------------------------------------------------------ ite
SVal Values::ite(const z3::expr& c, const SVal& a, const SVal& b) {
  if (c.is_true()) return a;
  if (c.is_false()) return b;
  SVal r(ctx_);
  r.k = a.k;
  r.type = a.type;
  switch (a.k) {
    case SVal::K::Bool:
      r.e = mk_ite(c, a.e, b.e.is_bool() ? b.e : (b.e != num(0)));
      r.iv = Interval::of(0, 1);
      return r;
    case SVal::K::Int:
      r.e = mk_ite(c, a.e, as_int(b.e));
      r.iv = a.iv.join(b.iv);
      return r;
    case SVal::K::Record:
    case SVal::K::Func:
    case SVal::K::Seq:
      if (b.k != a.k || a.kids.size() != b.kids.size())
        throw Unsupported("cannot merge values of types " + a.type->str() + " and " + b.type->str());
      if (a.k == SVal::K::Seq) {
        r.e = mk_ite(c, a.e, b.e);
        r.iv = a.iv.join(b.iv);
      }
      for (std::size_t i = 0; i < a.kids.size(); ++i) r.kids.push_back(ite(c, a.kids[i], b.kids[i]));
      return r;
    case SVal::K::Set: {
      if (b.k != SVal::K::Set) throw Unsupported("cannot merge a set with a non-set");
      if (a.constant && b.constant && a.keys == b.keys) {
        r = a;
        for (std::size_t i = 0; i < a.pres.size(); ++i) r.pres[i] = mk_ite(c, a.pres[i], b.pres[i]);
        return r;
      }
      r = a;
      r.constant = false;
      r.keys.clear();
      for (auto& p : r.pres) p = mk_and(c, p);
      z3::expr nc = mk_not(c);
      for (std::size_t i = 0; i < b.elems.size(); ++i) {
        r.elems.push_back(b.elems[i]);
        r.pres.push_back(mk_and(nc, b.pres[i]));
      }
      r.distinct = a.distinct && b.distinct;
      normalize(r);
      return r;
    }
  }
  return r;
}

}  // namespace smt
