// compiler: semantic types: spelling, cardinality, interning in the TypeArena, and the
// "same type up to integer ranges" relation `compatible` used by the type checker.
#include "compiler/types.h"

#include <stdexcept>

#include "compiler/ast.h"

namespace compiler {

namespace {

Type make(TypeKind k) {
  Type t;
  t.kind = k;
  return t;
}

constexpr std::uint64_t kCardLimit = std::uint64_t{1} << 62;

// a * b, or nullopt beyond 2^62.
std::optional<std::uint64_t> mul_sat(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0) return 0;
  if (a > kCardLimit / b) return std::nullopt;
  return a * b;
}

std::optional<std::uint64_t> add_sat(std::uint64_t a, std::uint64_t b) {
  if (a > kCardLimit - b) return std::nullopt;
  return a + b;
}

// base^exp, or nullopt beyond 2^62.
std::optional<std::uint64_t> pow_sat(std::uint64_t base, std::uint64_t exp) {
  std::uint64_t r = 1;
  for (std::uint64_t i = 0; i < exp; ++i) {
    auto m = mul_sat(r, base);
    if (!m) return std::nullopt;
    r = *m;
    if (r <= 1 && base <= 1) break;  // 0^k and 1^k are fixed after one step
  }
  return r;
}

std::string ptr_key(const void* p) { return std::to_string(reinterpret_cast<std::uintptr_t>(p)); }

}  // namespace

std::optional<std::uint64_t> Type::cardinality() const {
  switch (kind) {
    case TypeKind::Bool:
      return 2;
    case TypeKind::Range: {
      if (hi < lo) return 0;
      // hi - lo + 1 computed without signed overflow.
      std::uint64_t width = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
      if (width >= kCardLimit) return std::nullopt;
      return width + 1;
    }
    case TypeKind::Enum:
      return enum_size();
    case TypeKind::Set: {
      auto c = elem ? elem->cardinality() : std::nullopt;
      if (!c || *c >= 62) return std::nullopt;
      return std::uint64_t{1} << *c;
    }
    case TypeKind::Function: {
      auto d = elem ? elem->cardinality() : std::nullopt;
      auto c = codomain ? codomain->cardinality() : std::nullopt;
      if (!d || !c) return std::nullopt;
      return pow_sat(*c, *d);
    }
    case TypeKind::Record: {
      std::uint64_t r = 1;
      for (const auto& f : fields) {
        auto c = f.second ? f.second->cardinality() : std::nullopt;
        if (!c) return std::nullopt;
        auto m = mul_sat(r, *c);
        if (!m) return std::nullopt;
        r = *m;
      }
      return r;
    }
    case TypeKind::Seq: {
      auto c = elem ? elem->cardinality() : std::nullopt;
      if (!c || max_len < 0) return std::nullopt;
      std::uint64_t total = 0, power = 1;
      for (std::int64_t k = 0; k <= max_len; ++k) {
        auto s = add_sat(total, power);
        if (!s) return std::nullopt;
        total = *s;
        if (k == max_len) break;
        auto m = mul_sat(power, *c);
        if (!m) return std::nullopt;
        power = *m;
        if (power == 0) break;  // only the empty sequence of an empty type
      }
      return total;
    }
    case TypeKind::Int:
    case TypeKind::String:
    case TypeKind::Process:
    case TypeKind::Lock:
      return std::nullopt;
  }
  return std::nullopt;
}

std::size_t Type::enum_size() const {
  if (kind != TypeKind::Enum || !decl) return 0;
  return decl->enum_values.size();
}

const std::string& Type::enum_value_name(std::size_t i) const {
  if (kind != TypeKind::Enum || !decl || i >= decl->enum_values.size())
    throw std::logic_error("enum_value_name: not an enum value");
  return decl->enum_values[i].name;
}

std::string Type::str() const {
  switch (kind) {
    case TypeKind::Bool:
      return "bool";
    case TypeKind::Int:
      return "int";
    case TypeKind::Range:
      return std::to_string(lo) + ".." + std::to_string(hi);
    case TypeKind::Enum:
      return decl ? decl->name.name : "enum";
    case TypeKind::Set:
      return "set of " + (elem ? elem->str() : std::string("?"));
    case TypeKind::Function:
      return "[" + (elem ? elem->str() : std::string("?")) + "] -> " +
             (codomain ? codomain->str() : std::string("?"));
    case TypeKind::Record: {
      std::string s = "[";
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) s += ", ";
        s += fields[i].first + ": " + (fields[i].second ? fields[i].second->str() : "?");
      }
      return s + "]";
    }
    case TypeKind::Seq:
      return "seq of " + (elem ? elem->str() : std::string("?")) + " max " + std::to_string(max_len);
    case TypeKind::String:
      return "string";
    case TypeKind::Process:
      return "process " + (decl ? decl->name.name : std::string("?"));
    case TypeKind::Lock:
      return "lock " + (decl ? decl->name.name : std::string("?"));
  }
  return "?";
}

int Type::field_index(const std::string& name) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].first == name) return static_cast<int>(i);
  return -1;
}

// ---------------------------------------------------------------- arena

const Type* TypeArena::intern(Type t) {
  std::string key;
  switch (t.kind) {
    case TypeKind::Bool: key = "b"; break;
    case TypeKind::Int: key = "i"; break;
    case TypeKind::String: key = "str"; break;
    case TypeKind::Range: key = "r" + std::to_string(t.lo) + ":" + std::to_string(t.hi); break;
    case TypeKind::Enum: key = "e" + ptr_key(t.decl); break;
    case TypeKind::Process: key = "p" + ptr_key(t.decl); break;
    case TypeKind::Lock: key = "l" + ptr_key(t.decl); break;
    case TypeKind::Set: key = "s" + ptr_key(t.elem); break;
    case TypeKind::Function: key = "f" + ptr_key(t.elem) + ">" + ptr_key(t.codomain); break;
    case TypeKind::Seq: key = "q" + ptr_key(t.elem) + ":" + std::to_string(t.max_len); break;
    case TypeKind::Record:
      key = "R";
      for (const auto& f : t.fields) key += f.first + ":" + ptr_key(f.second) + ";";
      break;
  }
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  types_.push_back(std::move(t));
  const Type* p = &types_.back();
  index_.emplace(std::move(key), p);
  return p;
}

const Type* TypeArena::bool_type() { return intern(make(TypeKind::Bool)); }
const Type* TypeArena::int_type() { return intern(make(TypeKind::Int)); }
const Type* TypeArena::string_type() { return intern(make(TypeKind::String)); }

const Type* TypeArena::range(std::int64_t lo, std::int64_t hi) {
  Type t = make(TypeKind::Range);
  t.lo = lo;
  t.hi = hi;
  return intern(std::move(t));
}

const Type* TypeArena::enum_type(const ast::Decl* decl) {
  Type t = make(TypeKind::Enum);
  t.decl = decl;
  return intern(std::move(t));
}

const Type* TypeArena::set_of(const Type* elem) {
  Type t = make(TypeKind::Set);
  t.elem = elem;
  return intern(std::move(t));
}

const Type* TypeArena::function(const Type* domain, const Type* codomain) {
  Type t = make(TypeKind::Function);
  t.elem = domain;
  t.codomain = codomain;
  return intern(std::move(t));
}

const Type* TypeArena::record(std::vector<std::pair<std::string, const Type*>> fields) {
  Type t = make(TypeKind::Record);
  t.fields = std::move(fields);
  return intern(std::move(t));
}

const Type* TypeArena::seq_of(const Type* elem, std::int64_t max_len) {
  Type t = make(TypeKind::Seq);
  t.elem = elem;
  t.max_len = max_len;
  return intern(std::move(t));
}

const Type* TypeArena::process(const ast::Decl* decl) {
  Type t = make(TypeKind::Process);
  t.decl = decl;
  return intern(std::move(t));
}

const Type* TypeArena::lock(const ast::Decl* decl) {
  Type t = make(TypeKind::Lock);
  t.decl = decl;
  return intern(std::move(t));
}

// ---------------------------------------------------------------- compatibility

bool compatible(const Type* a, const Type* b) {
  // A null type is the checker's error type: compatible with everything (no cascades).
  if (!a || !b || a == b) return true;
  if (a->is_int() && b->is_int()) return true;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Bool:
    case TypeKind::String:
    case TypeKind::Int:
    case TypeKind::Range:
      return true;
    case TypeKind::Enum:
    case TypeKind::Process:
    case TypeKind::Lock:
      return a->decl == b->decl;
    case TypeKind::Set:
    case TypeKind::Seq:  // the length bound is checked when a value is stored, like ranges
      return compatible(a->elem, b->elem);
    case TypeKind::Function:
      return compatible(a->elem, b->elem) && compatible(a->codomain, b->codomain);
    case TypeKind::Record: {
      // Same field names (in any order) with compatible types.
      if (a->fields.size() != b->fields.size()) return false;
      for (const auto& f : a->fields) {
        int j = b->field_index(f.first);
        if (j < 0 || !compatible(f.second, b->fields[static_cast<std::size_t>(j)].second)) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace compiler
