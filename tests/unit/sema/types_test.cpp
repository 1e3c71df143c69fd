// tests/sema: semantic types (interning, spelling, cardinality, compatibility) and type
// expressions (§3): ranges, enums, aliases, set of, functions, records, sequences.
#include "sema_test_util.h"

namespace sema_test {
namespace {

using compiler::TypeArena;
using compiler::TypeKind;

TEST(TypeArena, InternsStructurallyEqualTypes) {
  TypeArena a;
  EXPECT_EQ(a.range(0, 3), a.range(0, 3));
  EXPECT_NE(a.range(0, 3), a.range(0, 4));
  EXPECT_EQ(a.set_of(a.range(1, 2)), a.set_of(a.range(1, 2)));
  EXPECT_EQ(a.function(a.bool_type(), a.int_type()), a.function(a.bool_type(), a.int_type()));
  EXPECT_EQ(a.record({{"x", a.bool_type()}}), a.record({{"x", a.bool_type()}}));
  EXPECT_NE(a.record({{"x", a.bool_type()}}), a.record({{"y", a.bool_type()}}));
  EXPECT_EQ(a.seq_of(a.bool_type(), 3), a.seq_of(a.bool_type(), 3));
  EXPECT_NE(a.seq_of(a.bool_type(), 3), a.seq_of(a.bool_type(), 2));
}

TEST(TypeArena, SpellsTypesAsWritten) {
  TypeArena a;
  EXPECT_EQ(a.bool_type()->str(), "bool");
  EXPECT_EQ(a.range(-1, 3)->str(), "-1..3");
  EXPECT_EQ(a.set_of(a.range(1, 2))->str(), "set of 1..2");
  EXPECT_EQ(a.function(a.range(1, 2), a.bool_type())->str(), "[1..2] -> bool");
  EXPECT_EQ(a.record({{"a", a.bool_type()}, {"b", a.range(0, 1)}})->str(), "[a: bool, b: 0..1]");
  EXPECT_EQ(a.seq_of(a.bool_type(), 4)->str(), "seq of bool max 4");
}

TEST(TypeArena, Cardinality) {
  TypeArena a;
  EXPECT_EQ(a.bool_type()->cardinality(), 2u);
  EXPECT_EQ(a.range(0, 3)->cardinality(), 4u);
  EXPECT_EQ(a.range(-5, -5)->cardinality(), 1u);
  EXPECT_EQ(a.set_of(a.range(0, 3))->cardinality(), 16u);
  EXPECT_EQ(a.function(a.range(1, 3), a.bool_type())->cardinality(), 8u);
  EXPECT_EQ(a.record({{"a", a.bool_type()}, {"b", a.range(0, 2)}})->cardinality(), 6u);
  // Sequences of length 0..2 over 2 values: 1 + 2 + 4.
  EXPECT_EQ(a.seq_of(a.bool_type(), 2)->cardinality(), 7u);
  EXPECT_FALSE(a.int_type()->cardinality().has_value());
  EXPECT_FALSE(a.set_of(a.range(0, 99))->cardinality().has_value());  // 2^100 saturates
  EXPECT_FALSE(a.range(INT64_MIN, INT64_MAX)->cardinality().has_value());
  EXPECT_FALSE(a.function(a.range(1, 100), a.range(0, 9))->cardinality().has_value());
}

TEST(TypeArena, CompatibleUpToRanges) {
  TypeArena a;
  EXPECT_TRUE(compiler::compatible(a.range(0, 3), a.int_type()));
  EXPECT_TRUE(compiler::compatible(a.range(0, 3), a.range(5, 9)));
  EXPECT_FALSE(compiler::compatible(a.range(0, 3), a.bool_type()));
  EXPECT_TRUE(compiler::compatible(a.set_of(a.range(0, 3)), a.set_of(a.int_type())));
  EXPECT_FALSE(compiler::compatible(a.set_of(a.bool_type()), a.set_of(a.int_type())));
  EXPECT_TRUE(compiler::compatible(a.seq_of(a.bool_type(), 1), a.seq_of(a.bool_type(), 5)));
  EXPECT_TRUE(compiler::compatible(a.record({{"a", a.bool_type()}, {"b", a.range(0, 1)}}),
                                   a.record({{"b", a.int_type()}, {"a", a.bool_type()}})));
  EXPECT_FALSE(compiler::compatible(a.record({{"a", a.bool_type()}}), a.record({{"b", a.bool_type()}})));
  // The checker's error type (null) is compatible with everything.
  EXPECT_TRUE(compiler::compatible(nullptr, a.bool_type()));
}

TEST(TypeExprs, ResolveEveryKind) {
  auto c = check_ok(R"(module t
const N = 3
enum Color { Red, Green }
type Idx = 1..N
type Pair = [a: Idx, b: Color]
var x: bool = false
var y: Idx = 1
var z: set of Color = {Red}
var f: [Idx] -> Color = [i in Idx |-> Red]
var p: Pair = [a |-> 1, b |-> Green]
var q: seq of Idx max N = <<1, 2>>
var g: [bool] -> [Color] -> 0..2 = [b in bool |-> [k in Color |-> 0]]
)");
  ASSERT_TRUE(c->result);
  EXPECT_EQ(type_str(c->decl("x")->resolved_type), "bool");
  EXPECT_EQ(type_str(c->decl("y")->resolved_type), "1..3");
  EXPECT_EQ(type_str(c->decl("z")->resolved_type), "set of Color");
  EXPECT_EQ(type_str(c->decl("f")->resolved_type), "[1..3] -> Color");
  EXPECT_EQ(type_str(c->decl("p")->resolved_type), "[a: 1..3, b: Color]");
  EXPECT_EQ(type_str(c->decl("q")->resolved_type), "seq of 1..3 max 3");
  EXPECT_EQ(type_str(c->decl("g")->resolved_type), "[bool] -> [Color] -> 0..2");
  EXPECT_EQ(type_str(c->decl("Idx")->resolved_type), "1..3");
  EXPECT_EQ(c->decl("y")->type->resolved, c->decl("y")->resolved_type);
  EXPECT_TRUE(untyped_exprs(*c).empty());
}

TEST(TypeExprs, AliasesInAnyOrderAndCycles) {
  check_ok(R"(module t
var x: B = 0
type B = A
type A = 0..3
)");
  auto c = check(R"(module t
type A = B
type B = set of A
)");
  expect_errors(*c, {{"E0213", 3}});
}

TEST(TypeExprs, EmptyRangeIsAnError) {
  auto c = check(R"(module t
const N = 0
var x: 1..N = 1
type T = 5..4
)");
  expect_errors(*c, {{"E0304", 3}, {"E0304", 4}});
  EXPECT_NE(c->find("E0304")->message.find("1..0"), std::string::npos) << c->rendered();
}

TEST(TypeExprs, RangeBoundsMustBeConstantIntegers) {
  auto c = check(R"(module t
var v: 0..3 = 0
var x: 0..v = 0
var y: 0..true = 0
)");
  expect_errors(*c, {{"E0303", 3}, {"E0301", 4}});
}

TEST(TypeExprs, SetElementTypeAtMost1024Values) {
  check_ok(R"(module t
var s: set of 1..1024 = {}
)");
  auto c = check(R"(module t
var s: set of 1..1025 = {}
var u: set of [1..4] -> 0..9 = {}
)");
  expect_errors(*c, {{"E0309", 2}, {"E0309", 3}});
}

TEST(TypeExprs, FunctionDomainKinds) {
  check_ok(R"(module t
enum E { a, b }
type D = E
var f1: [1..3] -> bool = [i in 1..3 |-> true]
var f2: [E] -> bool = [i in E |-> true]
var f3: [bool] -> bool = [i in bool |-> i]
var f4: [D] -> bool = [i in D |-> true]
)");
  auto c = check(R"(module t
var f: [set of 1..2] -> bool = [s in set of 1..2 |-> true]
var g: [[a: bool]] -> bool = [r in [a: bool] |-> true]
)");
  EXPECT_TRUE(c->has("E0315", 2)) << c->rendered();
  EXPECT_TRUE(c->has("E0315", 3)) << c->rendered();
}

TEST(TypeExprs, NamesThatAreNotTypes) {
  auto c = check(R"(module t
enum E { a, b }
var v: bool = false
var x: v = false
var y: a = false
var z: Colour = false
)");
  expect_errors(*c, {{"E0217", 4}, {"E0217", 5}, {"E0201", 6}});
}

TEST(TypeExprs, SequenceMaximum) {
  auto c = check(R"(module t
var q: seq of bool max -1 = <<>>
)");
  expect_errors(*c, {{"E0304", 2}});
}

TEST(TypeExprs, RecordFieldNamesMayBeKeywordsButNotRepeat) {
  auto ok = check_ok(R"(module t
var m: [type: 0..3, end: bool] = [type |-> 0, end |-> false]
invariant i: m.type < 3 or m.end
)");
  auto c = check(R"(module t
var m: [a: bool, a: bool] = [a |-> true]
)");
  EXPECT_TRUE(c->has("E0202", 2)) << c->rendered();
}

TEST(TypeExprs, TypeNamesDenoteTheSetOfTheirValues) {
  auto c = check_ok(R"(module t
enum Node { n1, n2 }
type W = 1..2
var cfg: [Node] -> bool in [Node] -> bool
var s: set of Node in set of Node
invariant i: forall w in W: w in W and card(Node) == 2
)");
  const ast::Expr* w = find_expr(c->decl("i"), [](const ast::Expr& e) {
    return e.kind == ast::ExprKind::Name && e.name == "W";
  });
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->ref.kind, ast::RefKind::Type);
  EXPECT_EQ(type_str(w->type), "set of 1..2");
  EXPECT_EQ(type_str(c->decl("cfg")->value->type), "set of [Node] -> bool");
  EXPECT_EQ(type_str(c->decl("s")->value->type), "set of set of Node");
}

TEST(TypeExprs, HugeTypeAsSetCannotBeEnumerated) {
  auto c = check(R"(module t
invariant i: exists f in [1..40] -> 0..9: f[1] == 0
)");
  expect_errors(*c, {{"E0310", 2}});
}

}  // namespace
}  // namespace sema_test
