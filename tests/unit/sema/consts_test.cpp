// tests/sema: constants (§2, §11): evaluation in any order, cycles, -D overrides (unknown name,
// wrong kind), constant folding into Expr::const_value, and constant-expression errors.
#include <limits>

#include "sema_test_util.h"

namespace sema_test {
namespace {

TEST(Consts, EvaluatedInAnyOrder) {
  auto c = check_ok(R"(module t
const A = B * 2 + C
const B = C - 1
const C = 4
const F = A > 10 and not false
const G = if F then -7 / 2 else 0
const H = -7 % 3 + 2 ^ 10
)");
  EXPECT_EQ(c->decl("C")->const_value, 4);
  EXPECT_EQ(c->decl("B")->const_value, 3);
  EXPECT_EQ(c->decl("A")->const_value, 10);
  EXPECT_EQ(c->decl("F")->const_value, 0);
  EXPECT_EQ(type_str(c->decl("F")->resolved_type), "bool");
  EXPECT_EQ(type_str(c->decl("A")->resolved_type), "int");
  EXPECT_EQ(c->decl("G")->const_value, 0);
  // -7 % 3 is 2 (0..b-1) and 2^10 is 1024.
  EXPECT_EQ(c->decl("H")->const_value, 1026);
}

TEST(Consts, DivisionRoundsTowardNegativeInfinity) {
  auto c = check_ok(R"(module t
const A = -7 / 2
const B = 7 / 2
const C = 7 % 3
)");
  EXPECT_EQ(c->decl("A")->const_value, -4);
  EXPECT_EQ(c->decl("B")->const_value, 3);
  EXPECT_EQ(c->decl("C")->const_value, 1);
}

TEST(Consts, CyclesAreErrors) {
  auto c = check(R"(module t
const A = B + 1
const B = A
)");
  EXPECT_EQ(c->count("E0213"), 1u) << c->rendered();
  EXPECT_EQ(c->diags.error_count(), 1u) << c->rendered();
}

TEST(Consts, MustBeConstantIntOrBool) {
  auto c = check(R"(module t
var x: 0..3 = 0
const A = x + 1
const B = {1, 2}
const C = 1 / 0
)");
  expect_errors(*c, {{"E0303", 3}, {"E0301", 4}, {"E0320", 5}});
}

TEST(Consts, OverridesReplaceTheValueBeforeDependentsUseIt) {
  auto c = check_ok(R"(module t
const N = 2
const M = N + 1
const FLAG = false
var x: 0..M = 0
)",
                    {{"N", "5"}, {"FLAG", "true"}});
  EXPECT_EQ(c->decl("N")->const_value, 5);
  EXPECT_EQ(c->decl("M")->const_value, 6);
  EXPECT_EQ(c->decl("FLAG")->const_value, 1);
  EXPECT_EQ(type_str(c->decl("x")->resolved_type), "0..6");
}

TEST(Consts, NegativeOverride) {
  auto c = check_ok("module t\nconst N = 2\n", {{"N", "-3"}});
  EXPECT_EQ(c->decl("N")->const_value, -3);
}

TEST(Consts, UnknownOverrideHasNoLocation) {
  auto c = check("module t\nconst N = 2\nvar v: bool = false\n", {{"NN", "3"}, {"v", "1"}});
  EXPECT_EQ(c->count("E0212"), 2u) << c->rendered();
  for (const auto& d : c->diags.all())
    if (d.severity == support::Severity::Error) {
      EXPECT_FALSE(d.span.valid()) << c->rendered();
    }
  const support::Diagnostic* d = c->find("E0212");
  ASSERT_FALSE(d->notes.empty());
  EXPECT_NE(d->notes[0].message.find("`N`"), std::string::npos);  // did you mean
}

TEST(Consts, OverrideOfTheWrongKind) {
  auto c = check("module t\nconst N = 2\nconst B = true\nconst C = 1\n",
                 {{"N", "true"}, {"B", "7"}, {"C", "abc"}});
  EXPECT_EQ(c->count("E0312"), 2u) << c->rendered();
  EXPECT_EQ(c->count("E0408"), 1u) << c->rendered();  // `abc` is no value at all
  for (const auto& d : c->diags.all()) {
    if (d.severity != support::Severity::Error) continue;  // W0001: the constants are unused
    EXPECT_FALSE(d.span.valid());
    ASSERT_FALSE(d.notes.empty());
    EXPECT_TRUE(d.notes[0].span.valid());  // at the constant's declaration
  }
}

TEST(Consts, OverrideOutOfRangeSaysSo) {
  for (std::string v : {"99999999999999999999", "9223372036854775808", "-9223372036854775809"}) {
    auto c = check("module t\nconst N = 2\n", {{"N", v}});
    ASSERT_EQ(c->count("E0106"), 1u) << v << "\n" << c->rendered();
    const support::Diagnostic* d = c->find("E0106");
    EXPECT_NE(d->message.find("out of range"), std::string::npos) << d->message;
    EXPECT_NE(d->message.find("9223372036854775807"), std::string::npos) << d->message;
    EXPECT_EQ(d->message.find("expected an integer"), std::string::npos) << d->message;
  }
  // The extremes themselves fit.
  auto lo = check_ok("module t\nconst N = 2\n", {{"N", "-9223372036854775808"}});
  EXPECT_EQ(lo->decl("N")->const_value, std::numeric_limits<std::int64_t>::min());
}

TEST(Consts, FoldedIntoExpressions) {
  auto c = check_ok(R"(module t
const N = 3
enum E { a, b, c }
var x: 0..N = 0
def k = N * 2 + 1
invariant i: x <= N + 1 and (if N > 2 then b else c) == b
def short = false and x > 0
def notc = x + 1
)");
  EXPECT_EQ(c->decl("k")->value->const_value, 7);
  const ast::Expr* plus = find_expr(c->decl("i"), [](const ast::Expr& e) {
    return e.kind == ast::ExprKind::Binary && e.op == ast::Op::Add;
  });
  ASSERT_NE(plus, nullptr);
  EXPECT_EQ(plus->const_value, 4);
  const ast::Expr* ifx = find_expr(c->decl("i"), [](const ast::Expr& e) { return e.kind == ast::ExprKind::If; });
  EXPECT_EQ(ifx->const_value, 1);  // enum value b
  EXPECT_EQ(c->decl("short")->value->const_value, 0);
  EXPECT_FALSE(c->decl("notc")->value->const_value.has_value());
}

TEST(Consts, ConstantDefsFoldIntoTypes) {
  auto c = check_ok(R"(module t
const N = 2
def K = N + 1
var x: 0..K = 0
var q: seq of bool max K * 2 = <<>>
lock l[1..K]: mutex
)");
  EXPECT_EQ(type_str(c->decl("x")->resolved_type), "0..3");
  EXPECT_EQ(type_str(c->decl("q")->resolved_type), "seq of bool max 6");
  EXPECT_EQ(type_str(c->decl("l")->resolved_type), "1..3");
}

TEST(Consts, RangeExpressionsWithConstantBoundsHaveARangeElementType) {
  auto c = check_ok(R"(module t
const N = 3
var x: 0..N = 0
def s = 1..N
def t = 0..x
)");
  EXPECT_EQ(type_str(c->decl("s")->resolved_type), "set of 1..3");
  EXPECT_EQ(type_str(c->decl("t")->resolved_type), "set of int");
}

}  // namespace
}  // namespace sema_test
