// tests/sema: expression typing (§4): operators, sets, functions, sequences, records,
// constructors and updates, `{}`/`<<>>` from context, conditions, and the absence of cascades.
#include "sema_test_util.h"

namespace sema_test {
namespace {

TEST(Expressions, EveryConstructTypes) {
  auto c = check_ok(R"(module t
enum Node { n1, n2, n3 }
type R = [id: Node, ok: bool]
var s: set of Node = {n1}
var f: [Node] -> 0..3 = [n in Node |-> 0]
var q: seq of Node max 3 = <<>>
var r: R = [id |-> n1, ok |-> true]
var x: 0..7 = 0
def arith = (x + 1) * 2 - x / 2 + x % 3 + 2 ^ 3 + -x
def cmp = x < 3 and x <= 3 and x > 0 and x >= 0 and x == 1 and x != 2
def logic = (true implies false) iff (true or not false)
def sets = (s union {n2}) \ ({n3} inter s)
def member = n1 in s and n2 notin s and s subset Node
def app = f[n1] + len(q)
def upd = f with [n2] = 3
def updr = r with .ok = false
def fld = r.id
def ifx = if x > 0 then s else {}
def lt = let y = x + 1 in y * y
def q2 = q with [1] = n2
def seqidx = q[1]
def filt = {n in Node : f[n] > 0}
def mp = {f[n] : n in s}
def fc = [n in s |-> n == n1]
def ex = exists n in Node: n in s
def sm = sum n in Node: f[n]
def rec = [a |-> 1, b |-> {n1}]
)");
  auto t = [&](const char* name) { return type_str(c->decl(name)->resolved_type); };
  EXPECT_EQ(t("arith"), "int");
  EXPECT_EQ(t("cmp"), "bool");
  EXPECT_EQ(t("logic"), "bool");
  EXPECT_EQ(t("sets"), "set of Node");
  EXPECT_EQ(t("member"), "bool");
  EXPECT_EQ(t("app"), "int");
  EXPECT_EQ(t("upd"), "[Node] -> 0..3");
  EXPECT_EQ(t("updr"), "[id: Node, ok: bool]");
  EXPECT_EQ(t("fld"), "Node");
  EXPECT_EQ(t("ifx"), "set of Node");
  EXPECT_EQ(t("lt"), "int");
  EXPECT_EQ(t("q2"), "seq of Node max 3");
  EXPECT_EQ(t("seqidx"), "Node");
  EXPECT_EQ(t("filt"), "set of Node");
  EXPECT_EQ(t("mp"), "set of 0..3");
  EXPECT_EQ(t("fc"), "[Node] -> bool");
  EXPECT_EQ(t("ex"), "bool");
  EXPECT_EQ(t("sm"), "int");
  EXPECT_EQ(t("rec"), "[a: int, b: set of Node]");
  EXPECT_TRUE(untyped_exprs(*c).empty());
}

TEST(Expressions, EmptyLiteralsTakeTheirTypeFromContext) {
  auto c = check_ok(R"(module t
var s: set of 1..3 = {}
var q: seq of bool max 2 = <<>>
var ss: set of set of 1..2 = {{}, {1}}
def e1 = s == {}
def e2 = {} subset s
def e3 = s union {}
def e4 = append(q, true) != <<>>
def e5 = {} in ss
)");
  EXPECT_EQ(type_str(c->decl("s")->value->type), "set of 1..3");
  EXPECT_EQ(type_str(c->decl("q")->value->type), "seq of bool max 2");
  const ast::Expr* inner = c->decl("ss")->value->args[0].get();
  EXPECT_EQ(type_str(inner->type), "set of 1..2");
  auto bad = check(R"(module t
def d = {}
def e = <<>>
def f = card({})
var x: 0..3 = {}
)");
  expect_errors(*bad, {{"E0317", 2}, {"E0317", 3}, {"E0317", 4}, {"E0301", 5}});
}

TEST(Expressions, IllTypedOperatorsNameBothTypes) {
  auto c = check(R"(module t
enum E { a, b }
var x: 0..3 = 0
var y: bool = false
def d1 = x + true
def d2 = x == a
def d3 = y < 1
def d4 = x and y
def d5 = {1} union {true}
def d6 = x in {a}
def d7 = x[1]
def d8 = y.f
def d9 = not x
)");
  expect_errors(*c, {{"E0302", 5}, {"E0302", 6}, {"E0302", 7}, {"E0302", 8}, {"E0302", 9}, {"E0302", 10},
                     {"E0306", 11}, {"E0307", 12}, {"E0302", 13}});
  bool found = false;
  for (const auto& d : c->diags.all())
    if (d.span.line == 6 && d.severity == support::Severity::Error) found = d.message.find("0..3") != std::string::npos && d.message.find("E") != std::string::npos;
  EXPECT_TRUE(found) << c->rendered();
}

TEST(Expressions, ConditionsMustBeBooleans) {
  auto c = check(R"(module t
var x: 0..3 = 0
invariant i: x
cover cv: x + 1
initially 3
constraint x
def d = if x then 1 else 2
def e = forall k in 0..1: k
def f = {k in 0..3 : k + 1}
action a { require x }
)");
  expect_errors(*c, {{"E0314", 3}, {"E0314", 4}, {"E0314", 5}, {"E0314", 6}, {"E0314", 7}, {"E0314", 8},
                     {"E0314", 9}, {"E0314", 10}});
}

TEST(Expressions, InitialValues) {
  check_ok(R"(module t
const N = 2
var a: 0..N = N
var b: 0..N in 0..N
var c: set of 0..N in set of 0..N
var d: bool
)");
  auto c = check(R"(module t
var a: 0..3 = 0
var b: 0..3 = a
var c: bool in {1, 2}
var d: bool = 1
var e: bool in true
)");
  expect_errors(*c, {{"E0313", 3}, {"E0301", 4}, {"E0301", 5}, {"E0308", 6}});
}

TEST(Expressions, FunctionsAndSequencesApplication) {
  auto c = check(R"(module t
enum E { a, b }
var f: [E] -> bool = [e in E |-> false]
var q: seq of E max 2 = <<>>
def d1 = f[1]
def d2 = q[a]
def d3 = f with [1] = true
def d4 = f with [a] = 1
def d5 = [r in {true} |-> r] == f
)");
  expect_errors(*c, {{"E0301", 5}, {"E0301", 6}, {"E0301", 7}, {"E0301", 8}, {"E0302", 9}});
}

TEST(Expressions, RecordsFieldsAndUpdates) {
  auto c = check(R"(module t
var r: [a: bool, b: 0..3] = [a |-> true, b |-> 1]
def d1 = r.c
def d2 = r with .c = 1
def d3 = r with .a = 1
def d4 = [a |-> 1, a |-> 2]
var r2: [a: bool, b: 0..3] = [a |-> true]
)");
  expect_errors(*c, {{"E0214", 3}, {"E0214", 4}, {"E0301", 5}, {"E0202", 6}, {"E0301", 7}});
}

TEST(Expressions, NoCascadesAfterAnError) {
  auto c = check(R"(module t
var x: 0..3 = 0
def d = (unknown + 1) * 2 == x and unknown2
invariant i: d or d
)");
  expect_errors(*c, {{"E0201", 3}, {"E0201", 3}});
}

TEST(Expressions, SeveralIndependentErrorsInOneRun) {
  auto c = check(R"(module t
var x: 0..3 = true
invariant i: x + false
process p { y := 1 }
lock_order a < b
)");
  EXPECT_GE(c->diags.error_count(), 4u) << c->rendered();
  EXPECT_TRUE(c->has("E0301", 2));
  EXPECT_TRUE(c->has("E0302", 3));
  EXPECT_TRUE(c->has("E0201", 4));
  EXPECT_TRUE(c->has("E0201", 5));
}

TEST(Expressions, PrimesOnlyInActionsAndOnVariables) {
  auto c = check(R"(module t
const N = 1
var x: 0..3 = 0
invariant i: x' == 0
def d = x'
process p { x := x' }
action a(v: 0..3) { x' = N' + v' }
)");
  expect_errors(*c, {{"E0311", 4}, {"E0311", 5}, {"E0311", 6}, {"E0322", 7}, {"E0322", 7}});
}

}  // namespace
}  // namespace sema_test
