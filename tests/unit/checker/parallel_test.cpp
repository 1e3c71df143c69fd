// tests (checker): results, counts and counterexamples are identical for any number of
// workers (deterministic parents and violation choice), exact and fingerprint modes.
#include <gtest/gtest.h>

#include "checker/check.h"
#include "ir_builder.h"

namespace checker_test {
namespace {

using Op = ir::ExprOp;

// Three counters 0..15 with increments, a nondeterministic jump and an assert.
IrBuilder counters() {
  IrBuilder b;
  std::uint32_t v[3];
  for (int i = 0; i < 3; ++i) {
    v[i] = b.var(std::string(1, static_cast<char>('a' + i)), b.range(0, 15));
    b.init(v[i], b.c(0));
  }
  for (int i = 0; i < 3; ++i) {
    b.action(std::string("Inc") + static_cast<char>('A' + i),
             b.seq({b.guard(b.bin(Op::Lt, b.v(v[i]), b.c(15))), b.assign(v[i], b.bin(Op::Add, b.v(v[i]), b.c(1)))}));
  }
  // Jump: require a == b; with k in 0..3 { c' = k } or { a' = 0 }
  ir::Stmt* choose = b.st(ir::StmtOp::Choose);
  choose->binder.slot = 0;
  choose->binder.set = b.op(Op::Range, {b.c(0), b.c(3)}, b.T().set_of(b.integer()));
  ir::Expr* bound = const_cast<ir::Expr*>(b.op(Op::Bound, {}, b.integer()));
  bound->slot = 0;
  choose->children = {b.assign(v[2], bound)};
  ir::Stmt* either = b.st(ir::StmtOp::Either);
  either->children = {choose, b.assign(v[0], b.c(0))};
  ir::Stmt* as = b.st(ir::StmtOp::Assert);
  as->expr = b.bin(Op::Ne, b.bin(Op::Add, b.v(v[0]), b.v(v[2])), b.c(17));
  as->property = "sum_not_17";
  as->message = "a + c reached 17";
  b.action("Jump", b.seq({b.guard(b.bin(Op::Eq, b.v(v[0]), b.v(v[1]))), as, either}));
  b.invariant("not_corner", b.op(Op::Not, {b.bin(Op::And, b.bin(Op::Eq, b.v(v[0]), b.c(9)),
                                                  b.bin(Op::And, b.bin(Op::Eq, b.v(v[1]), b.c(4)),
                                                        b.bin(Op::Eq, b.v(v[2]), b.c(11))))},
                                 b.boolean()));
  return b;
}

void expect_same(const checker::CheckResult& a, const checker::CheckResult& b) {
  EXPECT_EQ(a.distinct_states, b.distinct_states);
  EXPECT_EQ(a.transitions, b.transitions);
  EXPECT_EQ(a.depth, b.depth);
  EXPECT_EQ(a.verdict, b.verdict);
  ASSERT_EQ(a.violations.size(), b.violations.size());
  for (std::size_t i = 0; i < a.violations.size(); ++i) {
    const auto& x = a.violations[i].trace;
    const auto& y = b.violations[i].trace;
    EXPECT_EQ(a.violations[i].kind, b.violations[i].kind);
    EXPECT_EQ(a.violations[i].name, b.violations[i].name);
    ASSERT_EQ(x.states.size(), y.states.size());
    for (std::size_t s = 0; s < x.states.size(); ++s)
      for (std::size_t k = 0; k < x.states[s].vars.size(); ++k)
        EXPECT_TRUE(x.states[s].vars[k].value == y.states[s].vars[k].value);
    ASSERT_EQ(x.steps.size(), y.steps.size());
    for (std::size_t s = 0; s < x.steps.size(); ++s) EXPECT_EQ(x.steps[s].what, y.steps[s].what);
  }
}

TEST(Parallel, IdenticalResultsForAnyWorkerCount) {
  IrBuilder b = counters();
  checker::CheckOptions opt;
  opt.workers = 1;
  auto r1 = checker::check(*b.sys, opt);
  EXPECT_EQ(r1.distinct_states, 4096u);
  ASSERT_EQ(r1.verdict, checker::Verdict::Violated);
  ASSERT_GE(r1.violations.size(), 2u);
  for (unsigned w : {2u, 3u, 4u}) {
    opt.workers = w;
    auto rw = checker::check(*b.sys, opt);
    expect_same(r1, rw);
  }
  opt.fingerprint = true;
  opt.workers = 2;
  expect_same(r1, checker::check(*b.sys, opt));
}

// Four counters 0..15 (65536 states): levels large enough for the parallel insertion phase.
TEST(Parallel, LargeLevelsIdenticalForAnyWorkerCount) {
  IrBuilder b;
  std::uint32_t v[4];
  for (int i = 0; i < 4; ++i) {
    v[i] = b.var(std::string(1, static_cast<char>('a' + i)), b.range(0, 15));
    b.init(v[i], b.c(0));
    b.action(std::string("Inc") + static_cast<char>('A' + i),
             b.seq({b.guard(b.bin(Op::Lt, b.v(v[i]), b.c(15))), b.assign(v[i], b.bin(Op::Add, b.v(v[i]), b.c(1)))}));
  }
  b.invariant("not_all_twelve", b.op(Op::Not, {b.bin(Op::And, b.bin(Op::Eq, b.v(v[0]), b.c(12)),
                                                      b.bin(Op::Eq, b.v(v[3]), b.c(12)))},
                                     b.boolean()));
  checker::CheckOptions opt;
  opt.workers = 1;
  opt.no_deadlock = true;
  auto r1 = checker::check(*b.sys, opt);
  EXPECT_EQ(r1.distinct_states, 65536u);
  EXPECT_EQ(r1.depth, 61u);
  ASSERT_EQ(r1.violations.size(), 1u);
  EXPECT_EQ(r1.violations[0].trace.length(), 25u);
  for (unsigned w : {2u, 3u}) {
    opt.workers = w;
    expect_same(r1, checker::check(*b.sys, opt));
  }
}

// Eight 8-bit counters fill a whole word: no spare bit, so the store keeps ids into an arena
// (not states in the slots). Same counts and traces in every store mode and worker count.
TEST(Parallel, FullWordStatesUseTheArenaStore) {
  IrBuilder b;
  std::uint32_t v[8];
  for (int i = 0; i < 8; ++i) {
    v[i] = b.var("x" + std::to_string(i), b.range(0, 255));
    b.init(v[i], b.c(0));
    b.action("Inc" + std::to_string(i),
             b.seq({b.guard(b.bin(Op::Lt, b.v(v[i]), b.c(3))), b.assign(v[i], b.bin(Op::Add, b.v(v[i]), b.c(1)))}));
  }
  ASSERT_EQ(b.sys->state_words, 1u);
  b.invariant("not_corner", b.op(Op::Not, {b.bin(Op::And, b.bin(Op::Eq, b.v(v[0]), b.c(3)), b.bin(Op::Eq, b.v(v[7]), b.c(2)))},
                                 b.boolean()));
  checker::CheckOptions opt;
  opt.no_deadlock = true;
  opt.workers = 1;
  auto r1 = checker::check(*b.sys, opt);
  EXPECT_EQ(r1.distinct_states, 65536u);
  EXPECT_EQ(r1.depth, 25u);
  ASSERT_EQ(r1.violations.size(), 1u);
  EXPECT_EQ(r1.violations[0].trace.length(), 6u);
  opt.workers = 2;
  expect_same(r1, checker::check(*b.sys, opt));
  opt.fingerprint = true;
  expect_same(r1, checker::check(*b.sys, opt));
}

TEST(Parallel, ShortestCounterexample) {
  IrBuilder b = counters();
  checker::CheckOptions opt;
  opt.workers = 2;
  auto r = checker::check(*b.sys, opt);
  for (const auto& v : r.violations) {
    if (v.kind != "invariant") continue;
    // (9, 4, 11): the jump sets c to at most 3 and resets a, so c needs >= 8 increments:
    // at least 9 + 4 + 8 steps after the initial state.
    EXPECT_GE(v.trace.length(), 9u + 4u + 8u + 1u);
    EXPECT_LE(v.trace.length(), 9u + 4u + 11u + 1u);
  }
}

TEST(Parallel, StopAtFirstIsDeterministic) {
  IrBuilder b = counters();
  checker::CheckOptions opt;
  opt.stop_at_first = true;
  opt.workers = 1;
  auto r1 = checker::check(*b.sys, opt);
  ASSERT_EQ(r1.violations.size(), 1u);
  opt.workers = 2;
  expect_same(r1, checker::check(*b.sys, opt));
  // Stopped at the first violation: the search is not exhaustive, so nothing else "holds".
  EXPECT_FALSE(r1.exhaustive);
  opt.stop_at_first = false;
  EXPECT_TRUE(checker::check(*b.sys, opt).exhaustive);
}

}  // namespace
}  // namespace checker_test
