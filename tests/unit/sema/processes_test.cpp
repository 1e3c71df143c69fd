// tests/sema: processes and procs (§6, §11): statements, targets, locks (E0210, E0318, E0319),
// atomic blocks (E0403), break (E0404), labels (E0208), calls (E0211, E0305, E0213), procs
// seeing the caller's locals, and lock_order (E0210, E0405).
#include "sema_test_util.h"

namespace sema_test {
namespace {

using ast::ExprKind;
using ast::RefKind;

TEST(Processes, EveryStatementTypes) {
  auto c = check_ok(R"(module t
type W = 1..2
var owner: 0..2 = 0
var flags: [W] -> bool = [w in W |-> false]
lock i_rwsem: rwsem queued
lock folio[W]: mutex
lock spin: spinlock
process writer[w: W] {
  var saw: bool = false
  var r: [a: bool] = [a |-> false]
  acquire i_rwsem
  acquire i_rwsem shared
  acquire folio[w] exclusive
  begin: saw := owner == 0
  flags[w] := true
  r.a := saw
  await owner == 0
  assert saw "message"
  atomic { owner := w; saw := false }
  if saw { skip } else if owner > 0 { skip } else { skip }
  while owner > 0 { owner := owner - 1 }
  loop { if saw { break } else { saw := true } }
  either { skip } or { owner := 0 }
  with k in W { flags[k] := false }
  release folio[w]
  release i_rwsem
  acquire spin
  release spin
}
)");
  const ast::Decl* p = c->decl("writer");
  const ast::Stmt& acq = *p->body.stmts[2];
  ASSERT_EQ(acq.kind, ast::StmtKind::Acquire);
  EXPECT_EQ(type_str(acq.exprs[0]->type), "lock folio");
  EXPECT_EQ(acq.exprs[0]->args[0]->ref.kind, RefKind::Lock);
  EXPECT_EQ(type_str(c->decl("folio")->resolved_type), "1..2");
  const ast::Stmt& assign = *p->body.stmts[3];
  EXPECT_EQ(assign.exprs[0]->ref.kind, RefKind::LocalVar);
  EXPECT_TRUE(untyped_exprs(*c).empty());
}

TEST(Processes, ActionStatementsAreRejected) {
  auto c = check(R"(module t
var x: 0..3 = 0
process p {
  require x == 0
  x' = 1
}
)");
  expect_errors(*c, {{"E0406", 4}, {"E0406", 5}});
  const support::Diagnostic* d = c->find("E0406");
  ASSERT_FALSE(d->notes.empty());
  EXPECT_NE(d->notes[0].message.find("await"), std::string::npos);
}

TEST(Processes, AssignmentTargets) {
  auto c = check(R"(module t
const N = 1
var g: 0..3 = 0
process q { var mine: bool = false
  skip }
process p[i: 1..2] {
  var l: 0..3 = 0
  N := 1
  i := 1
  with k in 0..1 { k := 1 }
  q.mine := true
  g := true
  l := g + 1
}
)");
  expect_errors(*c, {{"E0316", 8}, {"E0316", 9}, {"E0316", 10}, {"E0316", 11}, {"E0301", 12}});
}

TEST(Processes, LockStatements) {
  auto c = check(R"(module t
var x: bool = false
lock m: mutex
lock s: spinlock
lock a[1..2]: rwsem
process p {
  acquire x
  acquire m shared
  acquire s shared
  acquire a
  acquire m[1]
  acquire a[true]
  acquire a[1] shared
  release nolock
}
)");
  expect_errors(*c, {{"E0210", 7}, {"E0318", 8}, {"E0318", 9}, {"E0319", 10}, {"E0319", 11}, {"E0319", 12},
                     {"E0201", 14}});
}

TEST(Processes, OnlyTheFirstStatementOfAtomicMayBlock) {
  check_ok(R"(module t
var x: 0..3 = 0
lock m: mutex
lock q: rwsem queued
proc grab() { acquire m }
process p {
  atomic { acquire m; x := 1 }
  atomic { await x > 0; x := 0 }
  atomic { if x > 0 { await x > 1 } else { acquire q shared }; x := 2 }
  atomic { call grab(); x := 3 }
  atomic { acquire q; x := 1 }
  release m
}
)");
  auto c = check(R"(module t
var x: 0..3 = 0
lock m: mutex
proc grab() { acquire m }
process p {
  atomic { x := 1
    acquire m }
  atomic { if x > 0 { x := 1 } else { skip }
    await x > 0 }
  atomic { x := 1; call grab() }
  atomic { while x > 0 { await x > 1 } }
}
)");
  expect_errors(*c, {{"E0403", 7}, {"E0403", 9}, {"E0403", 4}, {"E0403", 11}});
}

TEST(Processes, BreakOnlyInsideALoopOfTheSameBody) {
  check_ok(R"(module t
var x: 0..3 = 0
process p { while x < 3 { if x == 2 { break } else { x := x + 1 } }
  loop { atomic { x := 0; break } } }
)");
  auto c = check(R"(module t
var x: 0..3 = 0
proc pr() { break }
process p {
  break
  loop { call pr() }
}
)");
  expect_errors(*c, {{"E0404", 3}, {"E0404", 5}});
}

TEST(Processes, LabelsAreUniquePerBody) {
  check_ok(R"(module t
proc pr() { a: skip }
process p { a: skip
  call pr() }
process q { a: skip }
)");
  auto c = check(R"(module t
process p { a: skip
  if true { a: skip } else { skip } }
proc pr() { b: skip; b: skip }
)");
  expect_errors(*c, {{"E0208", 3}, {"E0208", 4}});
  EXPECT_EQ(c->find("E0208")->notes.at(0).span.line, 2u);
}

TEST(Processes, Calls) {
  auto c = check(R"(module t
var x: 0..3 = 0
def d = 1
proc one(v: 0..3) { x := v }
process p {
  call one(1, 2)
  call one(true)
  call nope()
  call d()
}
)");
  expect_errors(*c, {{"E0305", 6}, {"E0301", 7}, {"E0211", 8}, {"E0211", 9}});
}

TEST(Processes, RecursiveProcsAreErrors) {
  auto c = check(R"(module t
proc a() { call b() }
proc b() { call a() }
process p { call a() }
)");
  EXPECT_EQ(c->count("E0213"), 1u) << c->rendered();
}

TEST(Processes, ProcsSeeTheCallersLocalsAndSelf) {
  auto c = check_ok(R"(module t
type W = 1..2
var owner: 0..2 = 0
lock m[W]: mutex
proc take(i) {
  acquire m[i]
  taken: done := true
  owner := self
  release m[i]
}
proc untyped_unused() { whatever := 1 }
process writer[w: W] {
  var done: bool = false
  call take(w)
}
invariant i: writer[1]@taken implies writer[1].done
)");
  const ast::Decl* take = c->decl("take");
  const ast::Expr* done = find_expr(take, [](const ast::Expr& e) { return e.kind == ExprKind::Name && e.name == "done"; });
  ASSERT_NE(done, nullptr);
  EXPECT_EQ(done->ref.kind, RefKind::LocalVar);
  EXPECT_EQ(done->ref.decl, take);
  EXPECT_EQ(done->ref.index, -1);
  EXPECT_EQ(type_str(done->type), "bool");
  const ast::Expr* i = find_name(take, "i");
  EXPECT_EQ(i->ref.kind, RefKind::Param);
  EXPECT_EQ(type_str(i->type), "1..2");  // the argument's type
  EXPECT_EQ(take->body.stmts.size(), 4u);
}

TEST(Processes, ProcBodyErrorsAreReportedOncePerPlace) {
  auto c = check(R"(module t
proc pr() { missing := 1 }
process a { call pr() }
process b { call pr() }
)");
  expect_errors(*c, {{"E0201", 2}});
}

TEST(Processes, CallerLocalsMustAgreeInType) {
  auto c = check(R"(module t
proc pr() { await flag }
process a { var flag: bool = false
  call pr() }
process b { var flag: 0..1 = 0
  call pr() }
)");
  EXPECT_TRUE(c->has("E0301", 2) || c->has("E0314", 2)) << c->rendered();
}

TEST(Processes, ProcessParameterMustBeADomainType) {
  auto c = check(R"(module t
process p[s: set of 1..2] { skip }
)");
  expect_errors(*c, {{"E0315", 2}});
}

TEST(LockOrder, ItemsMustBeLocksAndOrdersConsistent) {
  check_ok(R"(module t
lock a: mutex
lock b: rwsem
lock c[1..2]: mutex
lock_order a < b < c
lock_order a < c
lock_order c < c
)");
  auto c = check(R"(module t
lock a: mutex
lock b: mutex
lock c: mutex
var v: bool = false
lock_order a < b
lock_order b < c
lock_order c < a
lock_order v < zz
)");
  expect_errors(*c, {{"E0405", 8}, {"E0210", 9}, {"E0201", 9}});
  EXPECT_NE(c->find("E0405")->message.find("a < b < c < a"), std::string::npos) << c->rendered();
}

TEST(Locks, IndexTypeMustBeADomainType) {
  auto c = check(R"(module t
lock l[set of 1..2]: mutex
)");
  expect_errors(*c, {{"E0315", 2}});
}

}  // namespace
}  // namespace sema_test
