// compiler (sema): constant folding primitives and -D override validation.
#include "compiler/const_eval.h"
#include "support/int_math.h"

#include <limits>

namespace compiler::sema {

using ast::Op;

std::optional<std::int64_t> fold_unary(Op op, std::int64_t a) {
  switch (op) {
    case Op::Not:
      return a ? 0 : 1;
    case Op::Neg:
      if (a == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
      return -a;
    default:
      return std::nullopt;
  }
}

namespace {
std::optional<std::int64_t> power(std::int64_t base, std::int64_t exp) {
  if (exp < 0) return std::nullopt;
  std::int64_t r = 1;
  for (std::int64_t i = 0; i < exp; ++i) {
    if (__builtin_mul_overflow(r, base, &r)) return std::nullopt;
    if (r == 0 || r == 1) {
      if (base == 0 || base == 1) return r;  // fixed point
    }
    if (base == -1) return (exp % 2 == 0) ? 1 : -1;
  }
  return r;
}
}  // namespace

std::optional<std::int64_t> fold_binary(Op op, std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  switch (op) {
    case Op::Add:
      if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
      return r;
    case Op::Sub:
      if (__builtin_sub_overflow(a, b, &r)) return std::nullopt;
      return r;
    case Op::Mul:
      if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
      return r;
    case Op::Div: {
      // TLA+ \div: rounds toward negative infinity; the divisor must be positive.
      if (b <= 0) return std::nullopt;
      return support::floor_div(a, b);
    }
    case Op::Mod: {
      if (b <= 0) return std::nullopt;
      return support::floor_mod(a, b);
    }
    case Op::Pow:
      return power(a, b);
    case Op::Eq: return a == b ? 1 : 0;
    case Op::Ne: return a != b ? 1 : 0;
    case Op::Lt: return a < b ? 1 : 0;
    case Op::Le: return a <= b ? 1 : 0;
    case Op::Gt: return a > b ? 1 : 0;
    case Op::Ge: return a >= b ? 1 : 0;
    case Op::And: return (a && b) ? 1 : 0;
    case Op::Or: return (a || b) ? 1 : 0;
    case Op::Implies: return (!a || b) ? 1 : 0;
    case Op::Iff: return ((a != 0) == (b != 0)) ? 1 : 0;
    default:
      return std::nullopt;
  }
}

OverrideValue parse_override_value(const std::string& text) {
  OverrideValue v;
  if (text == "true" || text == "false") {
    v.kind = OverrideValue::Bool;
    v.value = text == "true" ? 1 : 0;
    return v;
  }
  std::size_t i = 0;
  bool neg = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    neg = text[i] == '-';
    ++i;
  }
  if (i == text.size()) return v;
  for (std::size_t k = i; k < text.size(); ++k)
    if (text[k] < '0' || text[k] > '9') return v;
  // Accumulate as a negative number so that INT64_MIN parses.
  std::int64_t acc = 0;
  for (; i < text.size(); ++i) {
    if (__builtin_mul_overflow(acc, 10, &acc) || __builtin_sub_overflow(acc, text[i] - '0', &acc)) {
      v.kind = OverrideValue::OutOfRange;
      return v;
    }
  }
  if (!neg) {
    if (acc == std::numeric_limits<std::int64_t>::min()) {
      v.kind = OverrideValue::OutOfRange;
      return v;
    }
    acc = -acc;
  }
  v.kind = OverrideValue::Int;
  v.value = acc;
  return v;
}

void ConstOverrides::validate(const FrontendOptions& options, const GlobalScope& globals,
                              Reporter& rep) {
  for (const auto& o : options.overrides) {
    const ast::Decl* d = globals.find(o.name);
    if (!d || d->kind != ast::DeclKind::Const) {
      std::string msg = "-D " + o.name + ": ";
      if (d)
        msg += "`" + o.name + "` is a " + std::string(decl_kind_name(d->kind)) + ", not a constant";
      else
        msg += "no constant named `" + o.name + "`";
      auto& diag = rep.error(DiagCode::E0212, SourceSpan{}, msg);
      if (d) {
        diag.notes.push_back({d->name.span, "declared here"});
      } else {
        std::vector<std::string> consts;
        for (const auto& n : globals.names()) {
          const ast::Decl* c = globals.find(n);
          if (c && c->kind == ast::DeclKind::Const) consts.push_back(n);
        }
        std::string s = closest_name(o.name, consts);
        if (!s.empty()) diag.notes.push_back({globals.find(s)->name.span, "did you mean `" + s + "`?"});
      }
      continue;
    }
    values_[o.name] = o.value;
  }
}

const std::string* ConstOverrides::find(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

void ConstOverrides::apply(const ast::Decl& decl, bool known, bool is_bool,
                           std::optional<std::int64_t>& value, Reporter& rep) const {
  const std::string* text = find(decl.name.name);
  if (!text) return;
  OverrideValue v = parse_override_value(*text);
  std::string what = (!known ? "a constant" : is_bool ? "a boolean" : "an integer");
  if (v.kind == OverrideValue::OutOfRange) {
    auto& diag = rep.error(DiagCode::E0106, SourceSpan{},
                           "-D " + decl.name.name + "=" + *text + ": integer out of range (constants lie in " +
                               std::to_string(std::numeric_limits<std::int64_t>::min()) + ".." +
                               std::to_string(std::numeric_limits<std::int64_t>::max()) + ")");
    diag.notes.push_back({decl.name.span, "`" + decl.name.name + "` is declared here as " + what});
    return;
  }
  if (v.kind == OverrideValue::Invalid) {
    auto& diag = rep.error(DiagCode::E0408, SourceSpan{},
                           "-D " + decl.name.name + "=" + *text + ": `" + *text +
                               "` is not a value: -D takes a decimal integer, true or false");
    diag.notes.push_back({decl.name.span, "`" + decl.name.name + "` is declared here as " + what});
    return;
  }
  bool ok = v.kind != OverrideValue::Invalid &&
            (!known || (is_bool ? v.kind == OverrideValue::Bool : v.kind == OverrideValue::Int));
  if (!ok) {
    std::string want = !known ? "an integer or true/false" : is_bool ? "true or false" : "an integer";
    auto& diag = rep.error(DiagCode::E0312, SourceSpan{},
                           "-D " + decl.name.name + "=" + *text + ": expected " + want);
    diag.notes.push_back({decl.name.span, "`" + decl.name.name + "` is declared here as " +
                                              (!known ? "a constant" : is_bool ? "a boolean" : "an integer")});
    return;
  }
  value = v.value;
}

}  // namespace compiler::sema
