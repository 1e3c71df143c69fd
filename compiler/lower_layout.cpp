// compiler (lower): state layout: variables are flattened into scalar leaves per ir.h's rules
// and packed first-fit into 64-bit words (no leaf straddles a word); E0409 for absurd sizes.
#include <algorithm>
#include <optional>

#include "compiler/lower_internal.h"

namespace compiler::lowering {

namespace {

constexpr std::uint64_t kMaxStateBits = 1ull << 19;  // 64 KiB per state: far beyond any useful spec
constexpr std::uint64_t kSaturate = 1ull << 40;

std::uint64_t sat_mul(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0) return 0;
  if (a > kSaturate / b) return kSaturate;
  return a * b;
}

std::uint64_t sat_add(std::uint64_t a, std::uint64_t b) { return std::min(kSaturate, a + b); }

// Number of leaves of a type (saturating), or nullopt when it is not a finite storable type.
std::optional<std::uint64_t> leaf_count(const Type* t) {
  if (!t) return std::nullopt;
  switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::Enum:
      return 1;
    case TypeKind::Range:
      if (!t->cardinality()) return std::nullopt;
      return 1;
    case TypeKind::Set: {
      auto n = t->elem ? t->elem->cardinality() : std::nullopt;
      if (!n) return std::nullopt;
      return std::min<std::uint64_t>(*n, kSaturate);
    }
    case TypeKind::Function: {
      auto n = t->elem ? t->elem->cardinality() : std::nullopt;
      auto c = leaf_count(t->codomain);
      if (!n || !c) return std::nullopt;
      return sat_mul(*n, *c);
    }
    case TypeKind::Record: {
      std::uint64_t s = 0;
      for (const auto& [name, ft] : t->fields) {
        auto c = leaf_count(ft);
        if (!c) return std::nullopt;
        s = sat_add(s, *c);
      }
      return s;
    }
    case TypeKind::Seq: {
      auto c = leaf_count(t->elem);
      if (!c || t->max_len < 0) return std::nullopt;
      return sat_add(1, sat_mul(static_cast<std::uint64_t>(t->max_len), *c));
    }
    default:
      return std::nullopt;
  }
}

std::uint8_t width_of(std::uint64_t card) {
  std::uint8_t w = 0;
  while (w < 64 && ((card - 1) >> w) != 0) ++w;
  return std::max<std::uint8_t>(w, 1);
}

// Number of state bits of a type (saturating); only called on types leaf_count accepts.
std::uint64_t bit_count(const Type* t) {
  switch (t->kind) {
    case TypeKind::Bool:
      return 1;
    case TypeKind::Enum:
      return width_of(std::max<std::uint64_t>(t->enum_size(), 1));
    case TypeKind::Range:
      return width_of(*t->cardinality());
    case TypeKind::Set:
      return std::min<std::uint64_t>(*t->elem->cardinality(), kSaturate);
    case TypeKind::Function:
      return sat_mul(*t->elem->cardinality(), bit_count(t->codomain));
    case TypeKind::Record: {
      std::uint64_t s = 0;
      for (const auto& [name, ft] : t->fields) s = sat_add(s, bit_count(ft));
      return s;
    }
    case TypeKind::Seq:
      return sat_add(width_of(static_cast<std::uint64_t>(t->max_len) + 1),
                     sat_mul(static_cast<std::uint64_t>(t->max_len), bit_count(t->elem)));
    default:
      return 0;
  }
}

void push_leaf(std::vector<ir::Leaf>& out, std::uint32_t var, std::int64_t lo, std::uint64_t card) {
  ir::Leaf l;
  l.var = var;
  l.lo = lo;
  l.card = card;
  l.width = width_of(card);
  out.push_back(l);
}

void flatten(const Type* t, std::uint32_t var, std::vector<ir::Leaf>& out) {
  switch (t->kind) {
    case TypeKind::Bool:
      push_leaf(out, var, 0, 2);
      return;
    case TypeKind::Range:
      push_leaf(out, var, t->lo, static_cast<std::uint64_t>(t->hi - t->lo) + 1);
      return;
    case TypeKind::Enum:
      push_leaf(out, var, 0, std::max<std::uint64_t>(t->enum_size(), 1));
      return;
    case TypeKind::Set: {
      std::uint64_t n = *t->elem->cardinality();
      for (std::uint64_t i = 0; i < n; ++i) push_leaf(out, var, 0, 2);
      return;
    }
    case TypeKind::Function: {
      std::uint64_t n = *t->elem->cardinality();
      for (std::uint64_t i = 0; i < n; ++i) flatten(t->codomain, var, out);
      return;
    }
    case TypeKind::Record:
      for (const auto& [name, ft] : t->fields) flatten(ft, var, out);
      return;
    case TypeKind::Seq:
      push_leaf(out, var, 0, static_cast<std::uint64_t>(t->max_len) + 1);
      for (std::int64_t i = 0; i < t->max_len; ++i) flatten(t->elem, var, out);
      return;
    default:
      return;
  }
}

}  // namespace

bool Lowerer::is_scalar(const Type* t) {
  return t && (t->kind == TypeKind::Bool || t->kind == TypeKind::Range || t->kind == TypeKind::Enum);
}

std::vector<std::int64_t> Lowerer::scalar_values(const Type* t) const {
  std::vector<std::int64_t> v;
  if (!t) return v;
  switch (t->kind) {
    case TypeKind::Bool:
      return {0, 1};
    case TypeKind::Range:
      for (std::int64_t x = t->lo; x <= t->hi; ++x) {
        v.push_back(x);
        if (v.size() > (1u << 20)) break;  // callers reject such sizes
      }
      return v;
    case TypeKind::Enum:
      for (std::size_t i = 0; i < t->enum_size(); ++i) v.push_back(static_cast<std::int64_t>(i));
      return v;
    default:
      return v;
  }
}

std::string Lowerer::value_name(const Type* t, std::int64_t v) const {
  if (t && t->kind == TypeKind::Bool) return v ? "true" : "false";
  if (t && t->kind == TypeKind::Enum && v >= 0 && static_cast<std::size_t>(v) < t->enum_size())
    return t->enum_value_name(static_cast<std::size_t>(v));
  return std::to_string(v);
}

std::int64_t Lowerer::ordinal_lo(const Type* t) const {
  return t && t->kind == TypeKind::Range ? t->lo : 0;
}

std::uint32_t Lowerer::add_var(std::string name, ir::VarRole role, const Type* type,
                               SourceSpan decl, int process, int lock) {
  ir::Var v;
  std::string unique = name;
  for (int n = 2; var_names_.count(unique); ++n) unique = name + "#" + std::to_string(n);
  var_names_.insert(unique);
  v.name = unique;
  v.role = role;
  v.type = type;
  v.process = process;
  v.lock = lock;
  v.decl = decl;
  sys_.vars.push_back(std::move(v));
  return static_cast<std::uint32_t>(sys_.vars.size() - 1);
}

bool Lowerer::flatten_smallest(const Type* t, std::vector<std::int64_t>& out) const {
  if (!t) return false;
  switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::Enum:
      out.push_back(0);
      return true;
    case TypeKind::Range:
      out.push_back(t->lo);
      return true;
    case TypeKind::Set: {
      auto n = t->elem ? t->elem->cardinality() : std::nullopt;
      if (!n) return false;
      out.insert(out.end(), *n, 0);
      return true;
    }
    case TypeKind::Function: {
      auto n = t->elem ? t->elem->cardinality() : std::nullopt;
      if (!n) return false;
      for (std::uint64_t i = 0; i < *n; ++i)
        if (!flatten_smallest(t->codomain, out)) return false;
      return true;
    }
    case TypeKind::Record:
      for (const auto& [name, ft] : t->fields)
        if (!flatten_smallest(ft, out)) return false;
      return true;
    case TypeKind::Seq:
      out.push_back(0);
      for (std::int64_t i = 0; i < t->max_len; ++i)
        if (!flatten_smallest(t->elem, out)) return false;
      return true;
    default:
      return false;
  }
}

const ir::Expr* Lowerer::smallest_value(const Type* t) {
  if (is_scalar(t)) return k(t->kind == TypeKind::Range ? t->lo : 0, t);
  auto* e = sys_.new_expr();
  e->op = ir::ExprOp::ConstValue;
  e->type = t;
  auto n = leaf_count(t);
  if (!n || *n > kMaxStateBits || !flatten_smallest(t, e->leaves)) e->leaves.clear();
  return e;
}

bool Lowerer::layout() {
  // Size check first, so that absurd types never get flattened.
  std::uint64_t total = 0, largest = 0;
  const ir::Var* largest_var = nullptr;
  for (const auto& v : sys_.vars) {
    auto c = leaf_count(v.type);
    if (!c) {
      error(DiagCode::E0409, v.decl,
            "variable `" + v.name + "` has type " + (v.type ? v.type->str() : "?") +
                ", which is not a finite storable type");
      return false;
    }
    std::uint64_t b = bit_count(v.type);
    total = sat_add(total, b);
    if (b > largest) {
      largest = b;
      largest_var = &v;
    }
  }
  if (total > kMaxStateBits) {
    auto& d = diags_.error(
        DiagCode::E0409, largest_var ? largest_var->decl : SourceSpan{},
        "the state needs " + (total >= kSaturate ? std::string("more than 2^40") : std::to_string(total)) +
            " bits, more than the limit of " + std::to_string(kMaxStateBits) + " bits");
    ++errors_;
    if (largest_var)
      d.notes.push_back({SourceSpan{}, "the largest variable is `" + largest_var->name + "` (" +
                                           (largest >= kSaturate ? std::string("more than 2^40")
                                                                 : std::to_string(largest)) +
                                           " bits, type " + largest_var->type->str() + ")"});
    return false;
  }
  sys_.leaves.clear();
  for (std::uint32_t i = 0; i < sys_.vars.size(); ++i) {
    auto& v = sys_.vars[i];
    v.first_leaf = static_cast<std::uint32_t>(sys_.leaves.size());
    flatten(v.type, i, sys_.leaves);
    v.leaf_count = static_cast<std::uint32_t>(sys_.leaves.size()) - v.first_leaf;
  }
  // First fit in variable order: each leaf goes to the first word with room for it.
  std::vector<std::uint32_t> used;  // bits used per word
  std::size_t first_open = 0;
  std::uint64_t bits = 0;
  for (auto& l : sys_.leaves) {
    std::size_t w = first_open;
    while (w < used.size() && used[w] + l.width > 64) ++w;
    if (w == used.size()) used.push_back(0);
    l.offset = static_cast<std::uint32_t>(w * 64 + used[w]);
    used[w] += l.width;
    bits += l.width;
    while (first_open < used.size() && used[first_open] >= 64) ++first_open;
  }
  if (bits > kMaxStateBits) {
    error(DiagCode::E0409, {}, "the state needs " + std::to_string(bits) + " bits (limit " +
                                   std::to_string(kMaxStateBits) + ")");
    return false;
  }
  sys_.state_words = static_cast<std::uint32_t>(std::max<std::size_t>(used.size(), 1));
  return true;
}

}  // namespace compiler::lowering
