// checker: value model (value_model.h): shapes of types, value order of finite types,
// conversions between set representations, canonical form of sequences.
#include "checker/value_model.h"

#include <algorithm>
#include <cstring>

namespace checker {

bool is_scalar_type(const Type* t) {
  switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Range:
    case TypeKind::Enum:
      return true;
    default:
      return false;
  }
}

std::optional<std::uint64_t> card_of(const Type* t) { return t->cardinality(); }

namespace {
bool fixed_ok(const Type* t) {
  switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Range:
    case TypeKind::Enum:
      return true;
    case TypeKind::Set: {
      auto c = t->elem ? t->elem->cardinality() : std::nullopt;
      return c && *c <= kMaxBitsetCard;
    }
    case TypeKind::Function: {
      if (!t->elem || !is_scalar_type(t->elem) || t->elem->kind == TypeKind::Int) return false;
      return t->codomain && fixed_ok(t->codomain);
    }
    case TypeKind::Record:
      for (const auto& f : t->fields)
        if (!f.second || !fixed_ok(f.second)) return false;
      return true;
    case TypeKind::Seq:
      return t->elem && t->max_len >= 0 && fixed_ok(t->elem);
    default:
      return false;
  }
}
}  // namespace

std::uint32_t flat_size(const Type* t) {
  switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Range:
    case TypeKind::Enum:
      return 1;
    case TypeKind::Set:
      return static_cast<std::uint32_t>(*t->elem->cardinality());
    case TypeKind::Function:
      return static_cast<std::uint32_t>(*t->elem->cardinality()) * flat_size(t->codomain);
    case TypeKind::Record: {
      std::uint32_t n = 0;
      for (const auto& f : t->fields) n += flat_size(f.second);
      return n;
    }
    case TypeKind::Seq:
      return 1 + static_cast<std::uint32_t>(t->max_len) * flat_size(t->elem);
    default:
      return 1;
  }
}

Shape shape_of(const Type* t) {
  Shape s;
  if (!t) {
    s.ok = false;
    return s;
  }
  if (is_scalar_type(t)) return s;
  if (fixed_ok(t)) {
    s.repr = Repr::Fixed;
    s.size = flat_size(t);
    return s;
  }
  if (t->kind == TypeKind::Set && t->elem && fixed_ok(t->elem)) {
    s.repr = Repr::Dyn;
    s.size = 0;
    s.elem_size = flat_size(t->elem);
    return s;
  }
  s.ok = false;
  return s;
}

bool contains_seq(const Type* t) {
  switch (t->kind) {
    case TypeKind::Seq:
      return true;
    case TypeKind::Function:
      return contains_seq(t->codomain);
    case TypeKind::Record:
      for (const auto& f : t->fields)
        if (contains_seq(f.second)) return true;
      return false;
    case TypeKind::Set:
      return false;  // elements are membership bits
    default:
      return false;
  }
}

std::int64_t index_of(const Type* t, const std::int64_t* c) {
  switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::Range:
    case TypeKind::Enum:
      return scalar_index(t, c[0]);
    case TypeKind::Set: {
      std::uint64_t n = *t->elem->cardinality();
      if (n >= 63) return -1;
      std::int64_t r = 0;
      for (std::uint64_t i = 0; i < n; ++i)
        if (c[i]) r |= std::int64_t{1} << i;
      return r;
    }
    case TypeKind::Function: {
      std::uint64_t n = *t->elem->cardinality();
      auto cc = t->codomain->cardinality();
      if (!cc) return -1;
      std::uint32_t es = flat_size(t->codomain);
      std::int64_t r = 0;
      for (std::uint64_t i = 0; i < n; ++i) {
        std::int64_t k = index_of(t->codomain, c + i * es);
        if (k < 0) return -1;
        r = r * static_cast<std::int64_t>(*cc) + k;
      }
      return r;
    }
    case TypeKind::Record: {
      std::int64_t r = 0;
      std::uint32_t off = 0;
      for (const auto& f : t->fields) {
        auto cc = f.second->cardinality();
        if (!cc) return -1;
        std::int64_t k = index_of(f.second, c + off);
        if (k < 0) return -1;
        r = r * static_cast<std::int64_t>(*cc) + k;
        off += flat_size(f.second);
      }
      return r;
    }
    case TypeKind::Seq: {
      std::int64_t len = c[0];
      if (len < 0 || len > t->max_len) return -1;
      auto cc = t->elem->cardinality();
      if (!cc) return -1;
      std::int64_t base = 0, power = 1;
      for (std::int64_t l = 0; l < len; ++l) {
        base += power;
        power *= static_cast<std::int64_t>(*cc);
      }
      std::uint32_t es = flat_size(t->elem);
      std::int64_t r = 0;
      for (std::int64_t i = 0; i < len; ++i) {
        std::int64_t k = index_of(t->elem, c + 1 + i * es);
        if (k < 0) return -1;
        r = r * static_cast<std::int64_t>(*cc) + k;
      }
      return base + r;
    }
    default:
      return -1;
  }
}

void value_of(const Type* t, std::uint64_t index, std::int64_t* out) {
  switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::Range:
    case TypeKind::Enum:
      out[0] = scalar_value(t, static_cast<std::int64_t>(index));
      return;
    case TypeKind::Set: {
      std::uint64_t n = *t->elem->cardinality();
      for (std::uint64_t i = 0; i < n; ++i) out[i] = (i < 64) ? static_cast<std::int64_t>((index >> i) & 1) : 0;
      return;
    }
    case TypeKind::Function: {
      std::uint64_t n = *t->elem->cardinality();
      std::uint64_t cc = *t->codomain->cardinality();
      std::uint32_t es = flat_size(t->codomain);
      for (std::uint64_t i = n; i-- > 0;) {
        value_of(t->codomain, index % cc, out + i * es);
        index /= cc;
      }
      return;
    }
    case TypeKind::Record: {
      std::vector<std::uint32_t> offs;
      std::uint32_t off = 0;
      for (const auto& f : t->fields) {
        offs.push_back(off);
        off += flat_size(f.second);
      }
      for (std::size_t i = t->fields.size(); i-- > 0;) {
        std::uint64_t cc = *t->fields[i].second->cardinality();
        value_of(t->fields[i].second, index % cc, out + offs[i]);
        index /= cc;
      }
      return;
    }
    case TypeKind::Seq: {
      std::uint64_t cc = *t->elem->cardinality();
      std::uint32_t es = flat_size(t->elem);
      std::int64_t len = 0;
      std::uint64_t power = 1;
      while (len < t->max_len && index >= power) {
        index -= power;
        power *= cc;
        ++len;
      }
      std::fill(out, out + flat_size(t), 0);
      out[0] = len;
      for (std::int64_t i = len; i-- > 0;) {
        value_of(t->elem, index % cc, out + 1 + i * es);
        index /= cc;
      }
      return;
    }
    default:
      out[0] = static_cast<std::int64_t>(index);
      return;
  }
}

bool convert_fixed(const Type* from, const Type* to, const std::int64_t* src, std::int64_t* dst) {
  if (from == to || (is_scalar_type(from) && is_scalar_type(to))) {
    std::memcpy(dst, src, sizeof(std::int64_t) * flat_size(to));
    return true;
  }
  switch (to->kind) {
    case TypeKind::Set: {
      std::uint64_t n = *to->elem->cardinality();
      std::fill(dst, dst + n, 0);
      std::uint64_t m = *from->elem->cardinality();
      std::uint32_t fs = flat_size(from->elem), ts = flat_size(to->elem);
      std::vector<std::int64_t> e(fs), f(ts);
      for (std::uint64_t i = 0; i < m; ++i) {
        if (!src[i]) continue;
        value_of(from->elem, i, e.data());
        if (!convert_fixed(from->elem, to->elem, e.data(), f.data())) return false;
        std::int64_t k = index_of(to->elem, f.data());
        if (k < 0) return false;
        dst[k] = 1;
      }
      return true;
    }
    case TypeKind::Function: {
      std::uint64_t n = *to->elem->cardinality();
      std::uint32_t fs = flat_size(from->codomain), ts = flat_size(to->codomain);
      for (std::uint64_t i = 0; i < n; ++i)
        if (!convert_fixed(from->codomain, to->codomain, src + i * fs, dst + i * ts)) return false;
      return true;
    }
    case TypeKind::Record: {
      std::uint32_t fo = 0, to_off = 0;
      for (std::size_t i = 0; i < to->fields.size(); ++i) {
        if (!convert_fixed(from->fields[i].second, to->fields[i].second, src + fo, dst + to_off)) return false;
        fo += flat_size(from->fields[i].second);
        to_off += flat_size(to->fields[i].second);
      }
      return true;
    }
    case TypeKind::Seq: {
      std::fill(dst, dst + flat_size(to), 0);
      std::int64_t len = src[0];
      if (len > to->max_len) return false;
      dst[0] = len;
      std::uint32_t fs = flat_size(from->elem), ts = flat_size(to->elem);
      for (std::int64_t i = 0; i < len; ++i)
        if (!convert_fixed(from->elem, to->elem, src + 1 + i * fs, dst + 1 + i * ts)) return false;
      return true;
    }
    default:
      std::memcpy(dst, src, sizeof(std::int64_t) * flat_size(to));
      return true;
  }
}

void bitset_to_dyn(const Type* set_type, const std::int64_t* bits, const Type* to_elem,
                   std::vector<std::int64_t>& out) {
  out.clear();
  const Type* e = set_type->elem;
  std::uint64_t n = *e->cardinality();
  if (is_scalar_type(e)) {
    for (std::uint64_t i = 0; i < n; ++i)
      if (bits[i]) out.push_back(scalar_value(e, static_cast<std::int64_t>(i)));
    return;  // already sorted
  }
  std::uint32_t fs = flat_size(e), ts = flat_size(to_elem);
  std::vector<std::int64_t> a(fs), b(ts);
  for (std::uint64_t i = 0; i < n; ++i) {
    if (!bits[i]) continue;
    value_of(e, i, a.data());
    convert_fixed(e, to_elem, a.data(), b.data());
    out.insert(out.end(), b.begin(), b.end());
  }
  dyn_normalize(out, ts);
}

bool dyn_to_bitset(const Type* from_elem, const std::vector<std::int64_t>& elems, const Type* set_type,
                   std::int64_t* bits) {
  const Type* e = set_type->elem;
  std::uint64_t n = *e->cardinality();
  std::fill(bits, bits + n, 0);
  std::uint32_t fs = flat_size(from_elem), ts = flat_size(e);
  std::vector<std::int64_t> b(ts);
  for (std::size_t i = 0; i + fs <= elems.size() && fs > 0; i += fs) {
    if (!convert_fixed(from_elem, e, elems.data() + i, b.data())) return false;
    std::int64_t k = index_of(e, b.data());
    if (k < 0) return false;
    bits[k] = 1;
  }
  return true;
}

void dyn_normalize(std::vector<std::int64_t>& v, std::uint32_t es) {
  if (es == 1) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return;
  }
  std::size_t n = v.size() / es;
  if (n < 2) return;
  std::vector<std::uint32_t> idx(n);
  for (std::size_t i = 0; i < n; ++i) idx[i] = static_cast<std::uint32_t>(i);
  auto less = [&](std::uint32_t a, std::uint32_t b) {
    return std::lexicographical_compare(v.begin() + a * es, v.begin() + (a + 1) * es, v.begin() + b * es,
                                        v.begin() + (b + 1) * es);
  };
  std::sort(idx.begin(), idx.end(), less);
  std::vector<std::int64_t> out;
  out.reserve(v.size());
  for (std::size_t k = 0; k < n; ++k) {
    std::uint32_t i = idx[k];
    if (k > 0 && std::equal(v.begin() + i * es, v.begin() + (i + 1) * es, out.end() - es)) continue;
    out.insert(out.end(), v.begin() + i * es, v.begin() + (i + 1) * es);
  }
  v.swap(out);
}

bool dyn_contains(const std::vector<std::int64_t>& v, std::uint32_t es, const std::int64_t* e) {
  if (es == 1) return std::binary_search(v.begin(), v.end(), e[0]);
  std::size_t lo = 0, hi = v.size() / es;
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    const std::int64_t* m = v.data() + mid * es;
    if (std::lexicographical_compare(m, m + es, e, e + es))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < v.size() / es && std::equal(e, e + es, v.data() + lo * es);
}

void canonicalize(const Type* t, std::int64_t* c) {
  switch (t->kind) {
    case TypeKind::Seq: {
      std::uint32_t es = flat_size(t->elem);
      std::int64_t len = std::clamp<std::int64_t>(c[0], 0, t->max_len);
      for (std::int64_t i = 0; i < len; ++i) canonicalize(t->elem, c + 1 + i * es);
      std::fill(c + 1 + len * es, c + 1 + t->max_len * es, 0);
      return;
    }
    case TypeKind::Function: {
      if (!contains_seq(t->codomain)) return;
      std::uint64_t n = *t->elem->cardinality();
      std::uint32_t es = flat_size(t->codomain);
      for (std::uint64_t i = 0; i < n; ++i) canonicalize(t->codomain, c + i * es);
      return;
    }
    case TypeKind::Record: {
      std::uint32_t off = 0;
      for (const auto& f : t->fields) {
        canonicalize(f.second, c + off);
        off += flat_size(f.second);
      }
      return;
    }
    default:
      return;
  }
}

}  // namespace checker
