// compiler: semantic types (§3) interned in a TypeArena, so two types are equal iff their
// pointers are; finite types know their cardinality. Sema assigns them, lowering reads them.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ast {
struct Decl;
}

namespace compiler {

enum class TypeKind {
  Bool,
  Int,       // an unbounded integer (the type of arithmetic); not storable
  Range,     // lo..hi (finite); a subtype of Int
  Enum,      // enum_decl's values
  Set,       // set of elem
  Function,  // [elem] -> codomain
  Record,    // [fields...]
  Seq,       // seq of elem max max_len
  String,    // assertion messages, import paths only
  Process,   // a process instance (p, writer[i], self as an instance) — not a value type
  Lock,      // a lock instance (L, folio[i]) — not a value type
};

struct Type {
  TypeKind kind = TypeKind::Bool;
  std::int64_t lo = 0, hi = -1;          // Range
  const ast::Decl* decl = nullptr;       // Enum (the Enum decl), Process, Lock
  const Type* elem = nullptr;            // Set, Seq elements; Function domain
  const Type* codomain = nullptr;        // Function
  std::vector<std::pair<std::string, const Type*>> fields;  // Record, in declared order
  std::int64_t max_len = 0;              // Seq

  bool is_int() const { return kind == TypeKind::Int || kind == TypeKind::Range; }
  bool is_value() const { return kind != TypeKind::Process && kind != TypeKind::Lock && kind != TypeKind::String; }
  // Number of values, if finite and at most 2^62 (saturates to nullopt beyond).
  std::optional<std::uint64_t> cardinality() const;
  // Number of enum values (Enum only).
  std::size_t enum_size() const;
  const std::string& enum_value_name(std::size_t i) const;
  // Human-readable spelling, as a user would write it: "0..3", "set of Layout", "[Writer] -> bool".
  std::string str() const;
  // Index of a record field, or -1.
  int field_index(const std::string& name) const;
};

// Owns and interns every Type. Structural types with equal parts are the same pointer.
class TypeArena {
 public:
  const Type* bool_type();
  const Type* int_type();
  const Type* string_type();
  const Type* range(std::int64_t lo, std::int64_t hi);
  const Type* enum_type(const ast::Decl* decl);
  const Type* set_of(const Type* elem);
  const Type* function(const Type* domain, const Type* codomain);
  const Type* record(std::vector<std::pair<std::string, const Type*>> fields);
  const Type* seq_of(const Type* elem, std::int64_t max_len);
  const Type* process(const ast::Decl* decl);
  const Type* lock(const ast::Decl* decl);

 private:
  const Type* intern(Type t);
  std::deque<Type> types_;
  std::map<std::string, const Type*> index_;
};

// a and b are the same type up to integer ranges (e.g. set of 0..3 and set of Int).
bool compatible(const Type* a, const Type* b);

}  // namespace compiler
