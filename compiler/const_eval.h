// compiler (sema): constant folding of int/bool/enum operations with weft's semantics
// (TLA+ \div and %, no overflow: an operation that overflows int64 or divides by a
// non-positive number does not fold), and parsing/validation of -D NAME=VALUE overrides.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "compiler/ast.h"
#include "compiler/frontend.h"
#include "compiler/resolver.h"

namespace compiler::sema {

// Folds a unary operator on a constant operand (bools as 0/1).
std::optional<std::int64_t> fold_unary(ast::Op op, std::int64_t a);
// Folds a binary operator on constant operands (bools as 0/1, enums as indices). Logical
// operators here are the strict versions; short-circuit folding is the caller's job.
std::optional<std::int64_t> fold_binary(ast::Op op, std::int64_t a, std::int64_t b);

// A -D value: an integer (decimal, optional sign) or true/false.
struct OverrideValue {
  // OutOfRange: a decimal integer outside int64; Invalid: neither an integer nor true/false.
  enum Kind { Int, Bool, Invalid, OutOfRange } kind = Invalid;
  std::int64_t value = 0;
};
OverrideValue parse_override_value(const std::string& text);

// The -D overrides after validation against the module's constants (E0212 for unknown
// names). The cli rejects a NAME given twice (a usage error), so each name has one value.
class ConstOverrides {
 public:
  void validate(const FrontendOptions& options, const GlobalScope& globals, Reporter& rep);
  // The override text for a constant, if any.
  const std::string* find(const std::string& name) const;
  // Applies the override of `decl` (a Const whose expression has type `is_bool ? bool : int`,
  // or unknown kind when `known` is false) to `value`; E0312 on a value of the wrong kind.
  void apply(const ast::Decl& decl, bool known, bool is_bool, std::optional<std::int64_t>& value,
             Reporter& rep) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace compiler::sema
