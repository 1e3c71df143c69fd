// tests/lower: process control flow (§6, §11): one step per simple statement, tests folded
// into the next step, either/with/atomic/call, end steps, step-free cycles, kept with binders.
#include <set>

#include "lower_test_util.h"

namespace lower_test {
namespace {

TEST(Process, SimpleStatementsAreOneStepEach) {
  auto l = lower_ok("module m\nvar x: 0..3 = 0\nprocess p { x := 1\n x := 2\n skip }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  ASSERT_EQ(s.processes.size(), 1u);
  EXPECT_EQ(s.processes[0].locations.size(), 4u);  // 3 statements + end
  EXPECT_EQ(s.processes[0].end_pc, 3);
  auto steps = steps_of(s, 0);
  ASSERT_EQ(steps.size(), 3u);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i]->from_pc, static_cast<std::int64_t>(i));
    EXPECT_EQ(target_pc(s, *steps[i]), static_cast<std::int64_t>(i + 1));
  }
}

TEST(Process, IfTestIsFoldedIntoTheNextStep) {
  auto l = lower_ok(
      "module m\nvar x: 0..3 = 0\n"
      "process p { if x == 0 { x := 1 } else { x := 2 }\n x := 3 }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  // Locations: the if (start), the last assignment, end.
  EXPECT_EQ(s.processes[0].locations.size(), 3u);
  auto first = steps_from(s, 0, 0);
  ASSERT_EQ(first.size(), 2u);
  for (const auto* t : first) {
    EXPECT_EQ(count_ops(t->body, ir::StmtOp::Guard), 1);
    EXPECT_EQ(target_pc(s, *t), 1);
  }
}

TEST(Process, TrailingIfMayEndInAStepOfItsOwn) {
  auto l = lower_ok("module m\nvar x: 0..3 = 0\nprocess p { x := 1\n if x == 0 { x := 2 } }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  auto at_if = steps_from(s, 0, 1);
  ASSERT_EQ(at_if.size(), 2u);  // the assignment, or straight to end
  int to_end = 0;
  for (const auto* t : at_if) to_end += target_pc(s, *t) == s.processes[0].end_pc ? 1 : 0;
  EXPECT_EQ(to_end, 2);
}

TEST(Process, WhileLoopsBackAndEmptyWhileIsAnAwait) {
  auto l = lower_ok(
      "module m\nvar x: 0..3 = 0\nvar go: bool = false\n"
      "process p { while x < 2 { x := x + 1 }\n skip\n while not go { }\n x := 0 }\n"
      "process q { go := true }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  // Locations: the loop head, the empty while, end (skip and x := 0 are only reached by
  // folded paths: the loop's exit test is folded into skip).
  EXPECT_EQ(s.processes[0].locations.size(), 3u);
  auto head = steps_from(s, 0, 0);
  ASSERT_EQ(head.size(), 2u);  // the body (back to the head) and the exit with skip
  std::set<std::int64_t> targets;
  for (const auto* t : head) targets.insert(target_pc(s, *t));
  EXPECT_EQ(targets, (std::set<std::int64_t>{0, 1}));
  // The empty while: only the exit path exists (the cycle takes no step).
  auto wait = steps_from(s, 0, 1);
  ASSERT_EQ(wait.size(), 1u);
  EXPECT_EQ(target_pc(s, *wait[0]), 2);
  EXPECT_EQ(count_ops(wait[0]->body, ir::StmtOp::Guard), 1);
}

TEST(Process, EitherBranchesAreSeparateSteps) {
  auto l = lower_ok(
      "module m\nvar x: 0..3 = 0\n"
      "process p { either { await x == 1; x := 2 } or { x := 3 } or { skip }\n x := 0 }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  auto start = steps_from(s, 0, 0);
  ASSERT_EQ(start.size(), 3u);
  int waits = 0;
  for (const auto* t : start) waits += t->wait.kind == ir::WaitInfo::Await ? 1 : 0;
  EXPECT_EQ(waits, 1);
}

TEST(Process, AtomicIsOneStep) {
  auto l = lower_ok(
      "module m\nvar x: 0..3 = 0\nvar y: 0..3 = 0\n"
      "process p { atomic { await x == 0; x := 1; if x == 1 { y := 2 } else { y := 3 } } }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  EXPECT_EQ(s.processes[0].locations.size(), 2u);
  auto steps = steps_of(s, 0);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0]->wait.kind, ir::WaitInfo::Await);
  EXPECT_EQ(count_ops(steps[0]->body, ir::StmtOp::If), 1);
  EXPECT_EQ(count_ops(steps[0]->body, ir::StmtOp::Guard), 1);
}

TEST(Process, EmptyAtomicIsStillOneStep) {
  auto l = lower_ok("module m\nvar x: 0..3 = 0\nprocess p { atomic { if x == 1 { x := 2 } } }\n");
  ASSERT_TRUE(l->sys);
  EXPECT_EQ(steps_of(*l->sys, 0).size(), 1u);
}

TEST(Process, ProcsExpandInlineWithTheirArguments) {
  auto l = lower_ok(
      "module m\nvar f: [1..2] -> 0..3 = [i in 1..2 |-> 0]\n"
      "proc bump(k: 1..2) { f[k] := f[k] + 1\n f[k] := f[k] + 1 }\n"
      "process p[i: 1..2] { call bump(i)\n call bump(3 - i) }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  EXPECT_EQ(s.processes[0].locations.size(), 5u);
  EXPECT_EQ(steps_of(s, 0).size(), 4u);
  // The parameter is substituted: p[1]'s first step assigns f[1], its third f[2].
  auto idx = [&](const ir::Transition* t) {
    std::int64_t v = -1;
    walk(t->body, [&](const ir::Stmt& st) {
      if (st.op == ir::StmtOp::Assign && !st.path.empty() && st.path[0].index &&
          st.path[0].index->op == ir::ExprOp::Const)
        v = st.path[0].index->value;
    });
    return v;
  };
  auto steps = steps_of(s, 0);
  EXPECT_EQ(idx(steps[0]), 1);
  EXPECT_EQ(idx(steps[2]), 2);
}

TEST(Process, WithBinderIsKeptOnlyAcrossSteps) {
  auto one = lower_ok("module m\nvar x: 0..3 = 0\nprocess p { with v in 1..3 { x := v } }\n");
  ASSERT_TRUE(one->sys);
  for (const auto& v : one->sys->vars) EXPECT_NE(v.role, ir::VarRole::WithBinder);
  EXPECT_EQ(count_ops(steps_of(*one->sys, 0)[0]->body, ir::StmtOp::Choose), 1);

  auto two = lower_ok(
      "module m\nvar x: 0..3 = 0\nprocess p { with v in 1..3 { x := v\n x := v - 1 }\n skip }\n");
  ASSERT_TRUE(two->sys);
  const auto& s = *two->sys;
  int kept = var_index(s, "p.with.v");
  ASSERT_GE(kept, 0);
  EXPECT_EQ(s.vars[kept].role, ir::VarRole::WithBinder);
  auto steps = steps_of(s, 0);
  ASSERT_EQ(steps.size(), 3u);
  // Entering stores the choice; leaving resets it to the smallest value (1).
  auto assigns_to = [&](const ir::Transition* t) {
    std::vector<const ir::Expr*> vals;
    walk(t->body, [&](const ir::Stmt& st) {
      if (st.op == ir::StmtOp::Assign && st.var == static_cast<std::uint32_t>(kept))
        vals.push_back(st.expr);
    });
    return vals;
  };
  ASSERT_EQ(assigns_to(steps[0]).size(), 1u);
  EXPECT_EQ(assigns_to(steps[0])[0]->op, ir::ExprOp::Bound);
  ASSERT_EQ(assigns_to(steps[1]).size(), 1u);
  EXPECT_EQ(assigns_to(steps[1])[0]->op, ir::ExprOp::Const);
  EXPECT_EQ(assigns_to(steps[1])[0]->value, 1);
  EXPECT_TRUE(assigns_to(steps[2]).empty());
}

TEST(Process, LabelsNameSteps) {
  auto l = lower_ok("module m\nvar x: 0..3 = 0\nprocess p { a: x := 1\n b: await x == 2 }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  auto steps = steps_of(s, 0);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]->label, "a");
  EXPECT_EQ(steps[0]->name, "p a");
  EXPECT_EQ(steps[1]->label, "b");
  EXPECT_EQ(s.processes[0].locations[1].label, "b");
}

TEST(Process, AtExpressionsAreOverThePc) {
  auto l = lower_ok(
      "module m\nvar x: 0..3 = 0\n"
      "process p[i: 1..2] { a: x := i\n if x == 1 { b: skip } }\n"
      "invariant at_a: p[1]@a implies x == 0\n"
      "invariant at_b: p[2]@b or true\n"
      "invariant fin: forall i in 1..2: p[i]@end or x < 4\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  ASSERT_EQ(s.invariants.size(), 3u);
  // p[1]@a: pc of p[1] == 0.
  const ir::Expr* a = s.invariants[0].expr->args[0];
  ASSERT_EQ(a->op, ir::ExprOp::Eq);
  EXPECT_EQ(a->args[0]->op, ir::ExprOp::Var);
  EXPECT_EQ(a->args[0]->var, s.processes[0].pc_var);
  EXPECT_EQ(a->args[1]->value, 0);
  // p[2]@b: at the if (pc 1) and its test holds: the folded condition is part of it.
  const ir::Expr* b = s.invariants[1].expr->args[0];
  ASSERT_EQ(b->op, ir::ExprOp::And);
  EXPECT_EQ(b->args[0]->args[0]->var, s.processes[1].pc_var);
  // A non-constant instance: an If chain over the instances.
  const ir::Expr* fin = s.invariants[2].expr;
  ASSERT_EQ(fin->op, ir::ExprOp::Forall);
  EXPECT_EQ(fin->args[0]->args[0]->op, ir::ExprOp::If);
}

TEST(Process, EquivalentPointsShareOneLocation) {
  // Both breaks and the loop head are no-op points: after `x := 1` and after `x := 2` the
  // process is at the same location (the step `x := 3`), so one pc value, as in PlusCal/TLC.
  auto l = lower_ok(
      "module m\nvar x: 0..3 = 0\n"
      "process p { loop { either { x := 1\n break } or { x := 2\n break } }\n x := 3 }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  EXPECT_EQ(s.processes[0].locations.size(), 3u);  // start, before x := 3, end
  auto start = steps_from(s, 0, 0);
  ASSERT_EQ(start.size(), 2u);
  EXPECT_EQ(target_pc(s, *start[0]), target_pc(s, *start[1]));
}

TEST(Process, EmptyBodyStartsFinished) {
  auto l = lower_ok("module m\nprocess p { }\n");
  ASSERT_TRUE(l->sys);
  EXPECT_EQ(l->sys->processes[0].end_pc, 0);
  EXPECT_TRUE(steps_of(*l->sys, 0).empty());
}

}  // namespace
}  // namespace lower_test
