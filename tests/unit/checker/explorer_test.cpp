// tests (checker): BFS semantics on hand-built systems: counts, depth, deadlock (actions and
// processes), held_at_exit, constraints, asserts, covers, limits and shortest traces.
#include <gtest/gtest.h>

#include "checker/check.h"
#include "ir_builder.h"

namespace checker_test {
namespace {

using Op = ir::ExprOp;

checker::CheckResult run(const ir::System& sys, checker::CheckOptions opt = {}) {
  if (!opt.workers) opt.workers = 1;
  return checker::check(sys, opt);
}

const checker::Violation* find(const checker::CheckResult& r, const std::string& kind) {
  for (const auto& v : r.violations)
    if (v.kind == kind) return &v;
  return nullptr;
}

// var x: 0..5 = 0; action Inc { require x < top; x' = x + 1 }
IrBuilder counter(std::int64_t top) {
  IrBuilder b;
  auto x = b.var("x", b.range(0, 5));
  b.init(x, b.c(0));
  b.action("Inc", b.seq({b.guard(b.bin(Op::Lt, b.v(x), b.c(top))), b.assign(x, b.bin(Op::Add, b.v(x), b.c(1)))}));
  return b;
}

TEST(Explorer, CounterCountsAndDeadlock) {
  IrBuilder b = counter(5);
  auto r = run(*b.sys);
  EXPECT_EQ(r.distinct_states, 6u);
  EXPECT_EQ(r.transitions, 5u);
  EXPECT_EQ(r.depth, 6u);
  ASSERT_EQ(r.verdict, checker::Verdict::Violated);
  const auto* d = find(r, "deadlock");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->trace.length(), 6u);
  EXPECT_EQ(d->trace.steps.size(), 5u);
  EXPECT_EQ(d->trace.steps[0].lane, "actions");
  EXPECT_EQ(d->trace.steps[0].what, "Inc");
  ASSERT_EQ(d->trace.states.back().vars.size(), 1u);
  EXPECT_EQ(d->trace.states.back().vars[0].value.i, 5);
  EXPECT_EQ(d->trace.steps[4].changed, std::vector<std::string>{"x"});

  checker::CheckOptions opt;
  opt.no_deadlock = true;
  auto r2 = run(*b.sys, opt);
  EXPECT_EQ(r2.verdict, checker::Verdict::Ok);
  EXPECT_TRUE(r2.violations.empty());
}

TEST(Explorer, NondeterministicInitialStatesAndInitially) {
  IrBuilder b;
  auto x = b.var("x", b.range(0, 3));
  auto y = b.var("y", b.boolean());
  b.init_set(x, b.op(Op::Range, {b.c(0), b.c(3)}, b.T().set_of(b.integer())));
  b.init_set(y, b.op(Op::TypeSet, {}, b.T().set_of(b.boolean())));
  const_cast<ir::Expr*>(b.sys->init.back().set)->set_type = b.boolean();
  b.sys->initially.push_back({"not_both", b.bin(Op::Or, b.bin(Op::Ne, b.v(x), b.c(3)), b.bin(Op::Eq, b.v(y), b.fls())), {}});
  b.action("Stay", b.seq({}));
  auto r = run(*b.sys);
  EXPECT_EQ(r.distinct_states, 7u);  // 4 * 2 minus (3, true)
  EXPECT_EQ(r.initial_states, 7u);
  EXPECT_EQ(r.transitions, 7u);      // one self-loop each
  EXPECT_EQ(r.depth, 1u);
  EXPECT_EQ(r.verdict, checker::Verdict::Ok);
}

// Two processes sharing a mutex encoded by hand: pc 0 acquire, 1 release, 2 end.
IrBuilder mutex(bool release_clears_owner) {
  IrBuilder b;
  auto owner = b.var("lock m.owner", b.range(0, 2), ir::VarRole::LockOwner, -1, 0);
  b.init(owner, b.c(0));
  ir::LockInstance li;
  li.name = "m";
  li.lock_class = "m";
  li.owner_var = owner;
  b.sys->locks.push_back(li);
  for (int p = 0; p < 2; ++p) {
    int id = b.process("t" + std::to_string(p + 1), {"take", "give"}, p);
    std::uint32_t pc = b.sys->processes[static_cast<std::size_t>(id)].pc_var;
    ir::WaitInfo w;
    w.kind = ir::WaitInfo::Lock;
    w.lock_base = 0;
    ir::Stmt* acq = b.st(ir::StmtOp::LockEvent);
    acq->lock_base = 0;
    b.step(id, 0, "take",
           b.seq({b.guard(b.bin(Op::Eq, b.v(owner, false), b.c(0))), acq, b.assign(owner, b.c(p + 1), {}, false),
                  b.assign(pc, b.c(1), {}, false)}),
           w);
    ir::Stmt* rel = b.st(ir::StmtOp::LockEvent);
    rel->event = ir::LockEventKind::Release;
    std::vector<const ir::Stmt*> give{rel};
    if (release_clears_owner) give.push_back(b.assign(owner, b.c(0), {}, false));
    give.push_back(b.assign(pc, b.c(2), {}, false));
    b.step(id, 1, "give", b.seq(give));
  }
  auto pc0 = b.sys->processes[0].pc_var, pc1 = b.sys->processes[1].pc_var;
  b.invariant("mutual_exclusion",
              b.op(Op::Not, {b.bin(Op::And, b.bin(Op::Eq, b.v(pc0), b.c(1)), b.bin(Op::Eq, b.v(pc1), b.c(1)))}, b.boolean()));
  b.cover("both_done", b.bin(Op::And, b.bin(Op::Eq, b.v(pc0), b.c(2)), b.bin(Op::Eq, b.v(pc1), b.c(2))));
  return b;
}

TEST(Explorer, TwoProcessMutex) {
  IrBuilder b = mutex(true);
  auto r = run(*b.sys);
  EXPECT_EQ(r.distinct_states, 8u);
  EXPECT_EQ(r.transitions, 8u);
  EXPECT_EQ(r.depth, 5u);
  EXPECT_EQ(r.verdict, checker::Verdict::Ok) << (r.violations.empty() ? "" : r.violations[0].message);
  EXPECT_TRUE(r.vacuous_covers.empty());
}

TEST(Explorer, HeldAtExitIsAStepViolation) {
  IrBuilder b = mutex(false);
  b.sys->covers.clear();
  auto r = run(*b.sys);
  const auto* h = find(r, "held_at_exit");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->trace.length(), 2u);  // initial, t1 holds; the failing step is t1's give
  EXPECT_TRUE(h->trace.step_violation);
  ASSERT_EQ(h->trace.steps.size(), 2u);
  EXPECT_EQ(h->trace.steps[1].what, "give");
  // t2 then waits forever for m: a deadlock with t1 finished and t2 blocked.
  const auto* d = find(r, "deadlock");
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->trace.waits.size(), 1u);
  EXPECT_EQ(d->trace.waits[0].process, "t2");
  EXPECT_EQ(d->trace.waits[0].lock, "m");
  EXPECT_EQ(d->trace.waits[0].holders, std::vector<std::string>{"t1"});
}

TEST(Explorer, AwaitDeadlockAtInitialState) {
  IrBuilder b;
  auto x = b.var("x", b.range(0, 3));
  b.init(x, b.c(0));
  for (int p = 0; p < 2; ++p) {
    int id = b.process("p" + std::to_string(p), {"wait"}, p);
    ir::WaitInfo w;
    w.kind = ir::WaitInfo::Await;
    w.condition = "x == " + std::to_string(p + 1);
    b.step(id, 0, "wait",
           b.seq({b.guard(b.bin(Op::Eq, b.v(x, false), b.c(p + 1))),
                  b.assign(b.sys->processes[static_cast<std::size_t>(id)].pc_var, b.c(1), {}, false)}),
           w);
  }
  auto r = run(*b.sys);
  EXPECT_EQ(r.distinct_states, 1u);
  const auto* d = find(r, "deadlock");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->trace.length(), 1u);
  ASSERT_EQ(d->trace.waits.size(), 2u);
  EXPECT_EQ(d->trace.waits[1].condition, "x == 2");
  EXPECT_EQ(d->trace.states[0].vars[1].name, "p0@");
  EXPECT_EQ(d->trace.states[0].vars[1].value.name, "wait");
}

TEST(Explorer, ConstraintExcludesStatesButChecksThem) {
  IrBuilder b;
  auto x = b.var("x", b.range(0, 10));
  b.init(x, b.c(0));
  b.action("Inc", b.seq({b.guard(b.bin(Op::Lt, b.v(x), b.c(10))), b.assign(x, b.bin(Op::Add, b.v(x), b.c(1)))}));
  b.constraint(b.bin(Op::Lt, b.v(x), b.c(3)));
  auto r = run(*b.sys);
  EXPECT_EQ(r.distinct_states, 3u);  // 0, 1, 2; 3 is generated but not counted
  EXPECT_EQ(r.transitions, 3u);
  EXPECT_EQ(r.depth, 3u);
  EXPECT_EQ(r.verdict, checker::Verdict::Ok);  // 2 has a successor (3): not a deadlock

  b.invariant("small", b.bin(Op::Lt, b.v(x), b.c(3)));
  auto r2 = run(*b.sys);
  const auto* v = find(r2, "invariant");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->trace.length(), 4u);  // the excluded state is still checked
  EXPECT_EQ(v->trace.states.back().vars[0].value.i, 3);
}

TEST(Explorer, AssertViolationContinuesExploration) {
  IrBuilder b = counter(5);
  auto x = 0u;
  ir::Stmt* a = b.st(ir::StmtOp::Assert);
  a->expr = b.bin(Op::Ne, b.v(x), b.c(2));
  a->property = "not_two";
  a->message = "x reached 2";
  const_cast<ir::Stmt*>(b.sys->transitions[0].body)->children.insert(
      const_cast<ir::Stmt*>(b.sys->transitions[0].body)->children.begin() + 1, a);
  checker::CheckOptions opt;
  opt.no_deadlock = true;
  auto r = run(*b.sys, opt);
  EXPECT_EQ(r.distinct_states, 6u);  // the step still happens
  const auto* v = find(r, "assert");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->name, "not_two");
  EXPECT_EQ(v->message, "x reached 2");
  EXPECT_EQ(v->trace.length(), 3u);  // states 0, 1, 2; the failing step is taken in x = 2
  EXPECT_TRUE(v->trace.step_violation);
}

TEST(Explorer, LimitsAreInconclusive) {
  IrBuilder b = counter(5);
  checker::CheckOptions opt;
  opt.no_deadlock = true;
  opt.max_states = 3;
  auto r = run(*b.sys, opt);
  EXPECT_EQ(r.verdict, checker::Verdict::Inconclusive);
  EXPECT_EQ(r.distinct_states, 3u);
  opt.max_states = 0;
  opt.max_depth = 2;
  auto r2 = run(*b.sys, opt);
  EXPECT_EQ(r2.verdict, checker::Verdict::Inconclusive);
  EXPECT_EQ(r2.depth, 2u);
  opt.max_depth = 6;  // exactly the diameter: complete
  EXPECT_EQ(run(*b.sys, opt).verdict, checker::Verdict::Ok);
  opt.max_depth = 0;
  opt.memory = 1000;  // below the first table allocation
  EXPECT_EQ(run(*b.sys, opt).verdict, checker::Verdict::Inconclusive);
}

TEST(Explorer, VacuousCover) {
  IrBuilder b = counter(5);
  b.cover("reach_three", b.bin(Op::Eq, b.v(0), b.c(3)));
  b.cover("reach_seven", b.bin(Op::Gt, b.v(0), b.c(5)));
  checker::CheckOptions opt;
  opt.no_deadlock = true;
  auto r = run(*b.sys, opt);
  EXPECT_EQ(r.vacuous_covers, std::vector<std::string>{"reach_seven"});
}

TEST(Explorer, FingerprintModeMatchesExact) {
  IrBuilder b = mutex(false);
  b.sys->covers.clear();
  checker::CheckOptions opt;
  auto exact = run(*b.sys, opt);
  opt.fingerprint = true;
  auto fp = run(*b.sys, opt);
  EXPECT_EQ(fp.distinct_states, exact.distinct_states);
  EXPECT_EQ(fp.transitions, exact.transitions);
  ASSERT_EQ(fp.violations.size(), exact.violations.size());
  for (std::size_t i = 0; i < fp.violations.size(); ++i)
    EXPECT_EQ(fp.violations[i].trace.length(), exact.violations[i].trace.length());
  EXPECT_GE(fp.collision_probability, 0.0);
}

}  // namespace
}  // namespace checker_test
