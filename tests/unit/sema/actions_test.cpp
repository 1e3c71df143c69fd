// tests/sema: actions (§5, §11): allowed statements (E0406 with hints), assignment targets
// (E0316), assigned-twice (E0401, conditions ignored) and primed reads (E0402).
#include "sema_test_util.h"

namespace sema_test {
namespace {

TEST(Actions, AllowedStatementsType) {
  auto c = check_ok(R"(module t
type W = 1..2
var owner: 0..2 = 0
var log: seq of W max 3 = <<>>
var dropped: 0..5 = 0
var slot: 0..2 = 0
var f: [W] -> bool = [w in W |-> false]
var r: [a: bool, b: 0..3] = [a |-> false, b |-> 0]
action Deposit(w: W, v: 1..3) {
  require owner == 0
  owner' = w
  either { log' = append(log, w) } or { dropped' = dropped + 1 }
  with k in 1..2 { slot' = k }
  if v > 1 { f[w]' = true } else { skip }
  r.a' = true
  r.b' = owner' + 1
  assert owner' == w "owner set"
}
)");
  const ast::Decl* a = c->decl("Deposit");
  ASSERT_NE(a, nullptr);
  const ast::Stmt& st = *a->body.stmts[1];
  EXPECT_EQ(st.kind, ast::StmtKind::PrimedAssign);
  EXPECT_EQ(st.exprs[0]->ref.kind, ast::RefKind::GlobalVar);
  EXPECT_EQ(type_str(st.exprs[0]->type), "0..2");
  const ast::Expr* prime = find_expr(a, [](const ast::Expr& e) { return e.kind == ast::ExprKind::Prime; });
  ASSERT_NE(prime, nullptr);
  EXPECT_EQ(prime->ref.kind, ast::RefKind::GlobalVar);
  EXPECT_EQ(type_str(prime->type), "0..2");
  EXPECT_TRUE(untyped_exprs(*c).empty());
}

TEST(Actions, ProcessStatementsAreRejectedWithAHint) {
  auto c = check(R"(module t
var x: 0..3 = 0
lock m: mutex
proc pr() { skip }
action a {
  x := 1
  await x == 0
  acquire m
  release m
  atomic { skip }
  while x > 0 { skip }
  loop { break }
  call pr()
  l: skip
}
)");
  expect_errors(*c, {{"E0406", 6}, {"E0406", 7}, {"E0406", 8}, {"E0406", 9}, {"E0406", 10}, {"E0406", 11},
                     {"E0406", 12}, {"E0406", 12}, {"E0406", 13}, {"E0406", 14}});
  const support::Diagnostic* d = c->find("E0406");
  ASSERT_FALSE(d->notes.empty());
  EXPECT_NE(d->notes[0].message.find("x' = e"), std::string::npos) << c->rendered();
}

TEST(Actions, TargetsMustBeGlobalVariables) {
  auto c = check(R"(module t
const N = 1
enum E { a, b }
var x: 0..3 = 0
action act(v: 0..3) {
  N' = 1
  v' = 1
  a' = 1
  with k in 0..1 { k' = 1 }
  nothere' = 1
}
)");
  expect_errors(*c, {{"E0316", 6}, {"E0316", 7}, {"E0316", 8}, {"E0316", 9}, {"E0201", 10}});
}

TEST(Actions, AssignedTwiceIgnoresConditions) {
  auto c = check(R"(module t
var x: 0..3 = 0
var f: [1..2] -> bool = [i in 1..2 |-> false]
action a1 { x' = 1
  x' = 2 }
action a2 { if x > 0 { x' = 1 } else { skip }
  x' = 2 }
action a3 { f' = [i in 1..2 |-> true]
  f[1]' = false }
action a4 { f[1]' = false
  f' = [i in 1..2 |-> true] }
action a5 { either { x' = 1 } or { x' = 2 } }
action a6 { f[1]' = true
  f[2]' = true
  f[1]' = false }
)");
  expect_errors(*c, {{"E0401", 5}, {"E0401", 7}, {"E0401", 9}, {"E0401", 11}});
  const support::Diagnostic* d = c->find("E0401");
  ASSERT_FALSE(d->notes.empty());
  EXPECT_EQ(d->notes[0].span.line, 4u);
}

TEST(Actions, PrimedReadNeedsAnAssignmentOnEveryPath) {
  auto c = check(R"(module t
var x: 0..3 = 0
var y: 0..3 = 0
var f: [1..2] -> 0..3 = [i in 1..2 |-> 0]
action ok1 { x' = 1
  y' = x' + 1 }
action ok2 { if x > 0 { x' = 1 } else { x' = 2 }
  y' = x' }
action ok3 { f[1]' = 1
  require f'[1] == 1 }
action bad1 { y' = x' }
action bad2 { if x > 0 { x' = 1 }
  y' = x' }
action bad3 { x' = x' + 1 }
action bad4 { either { x' = 1 } or { skip }
  require x' > 0 }
)");
  expect_errors(*c, {{"E0402", 11}, {"E0402", 13}, {"E0402", 14}, {"E0402", 16}});
}

}  // namespace
}  // namespace sema_test
