// tests (smt): k-induction: proofs of inductive and k-inductive invariants (Peterson in both
// styles, two-phase commit), an honest "not proved" below the k needed, base-case violations
// that are real counterexamples, and --engine all agreeing (or failing loudly).
#include <fstream>
#include <sstream>

#include "smt_test_util.h"

namespace smt_test {
namespace {

std::string read(const std::string& rel) {
  std::ifstream in(std::string(WEFT_SOURCE_DIR) + "/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// tests/smt/not_k_inductive.weft: never_50 holds but needs k = 20 (its header explains).
std::string chain() { return read("tests/smt/not_k_inductive.weft"); }

TEST(SmtInduction, OneInductive) {
  auto l = lower("module t\nvar x: 0..5 = 0\naction S { x' = (x + 1) % 3 }\ninvariant small: x < 3\n");
  smt::SmtResult r = run(*l->sys, "induction", 5);
  EXPECT_TRUE(r.proved);
  EXPECT_EQ(r.result.verdict, checker::Verdict::Ok);
  EXPECT_EQ(r.k, 1u);
}

// A counterexample to induction is marked as not starting in an initial state.
TEST(SmtInduction, CounterexampleToInductionIsNotFromAnInitialState) {
  auto l = lower(chain());
  smt::SmtResult low = run(*l->sys, "induction", 3, false, false);
  ASSERT_EQ(low.cti.size(), 1u);
  EXPECT_FALSE(low.cti[0].from_initial);
  EXPECT_FALSE(low.result.exhaustive);
}

// --depth 0: BMC examines the initial states only (it used to mean "the default bound").
TEST(SmtBmc, DepthZeroExaminesOnlyTheInitialStates) {
  auto at0 = lower("module t\nvar x: 0..5 = 0\naction S { x' = x + 1 }\ninvariant zero: x == 0\n");
  smt::SmtResult r = run(*at0->sys, "bmc", 0);
  EXPECT_EQ(r.result.verdict, checker::Verdict::Inconclusive);
  EXPECT_TRUE(r.result.violations.empty());
  EXPECT_EQ(r.result.depth, 1u);
  auto bad = lower("module t\nvar x: 0..5 = 1\naction S { x' = 0 }\ninvariant zero: x == 0\n");
  smt::SmtResult b = run(*bad->sys, "bmc", 0);
  ASSERT_EQ(b.result.violations.size(), 1u);
  EXPECT_EQ(b.result.violations[0].trace.length(), 1u);
}

// BMC is complete once no longer path exists. Every run of the first system stops after 3
// steps: complete at k = 3 (no path at all reaches depth 4). The second one cycles through 4
// states forever: paths of any length exist, but none of 4 steps is simple, which BMC asks on
// its separate simple-path unrolling (its main one has no distinctness constraints).
TEST(SmtBmc, CompleteAtTheLongestSimplePath) {
  auto stops = lower("module t\nvar x: 0..3 = 0\naction Up { require x < 3\n x' = x + 1 }\ninvariant ok: x <= 3\n");
  smt::SmtResult a = run(*stops->sys, "bmc", 10, true);
  EXPECT_EQ(a.result.verdict, checker::Verdict::Ok);
  EXPECT_TRUE(a.complete);
  EXPECT_EQ(a.k, 3u);
  auto cycle = lower("module t\nvar x: 0..3 = 0\naction Next { x' = (x + 1) % 4 }\ninvariant ok: x <= 3\n");
  smt::SmtResult c = run(*cycle->sys, "bmc", 10);
  EXPECT_EQ(c.result.verdict, checker::Verdict::Ok);
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.k, 3u);
  EXPECT_TRUE(c.result.exhaustive);
}

// A property without a violation "holds" only after an exhaustive search: BMC that stops at
// its bound with a violation found is not exhaustive; BMC that runs out of paths is.
TEST(SmtBmc, ExhaustiveOnlyWhenComplete) {
  auto l = lower("module t\nvar x: 0..3 = 0\nvar y: 0..1 = 0\n"
                 "action Up { require x < 3\n x' = x + 1 }\ninvariant low: x < 2\ninvariant y0: y == 0\n");
  smt::SmtResult bounded = run(*l->sys, "bmc", 2);
  EXPECT_EQ(bounded.result.verdict, checker::Verdict::Violated);
  EXPECT_FALSE(bounded.result.exhaustive);
  smt::SmtResult full = run(*l->sys, "bmc", 10);
  EXPECT_EQ(full.result.verdict, checker::Verdict::Violated);
  EXPECT_TRUE(full.complete);
  EXPECT_TRUE(full.result.exhaustive);
}

// Plain k-induction (--no-lemmas); with the lemmas, see ProvedAtKOneWithLemmas.
TEST(SmtInduction, NotKInductiveBelowTheChainLength) {
  auto l = lower(chain());
  smt::SmtResult low = run(*l->sys, "induction", 19, false, false);
  EXPECT_FALSE(low.proved);
  EXPECT_EQ(low.result.verdict, checker::Verdict::Inconclusive);
  EXPECT_TRUE(low.result.violations.empty());
  ASSERT_EQ(low.cti.size(), 1u);  // the counterexample to induction: 19 states, then x = 50
  EXPECT_EQ(low.cti[0].length(), 20u);
  EXPECT_EQ(low.cti[0].kind, "invariant");
  EXPECT_EQ(low.cti[0].property, "never_50");
  // At k = 20 the same invariant is proved (by induction, before the base case is exhausted).
  smt::SmtResult high = run(*l->sys, "induction", 20, false, false);
  EXPECT_TRUE(high.proved);
  EXPECT_EQ(high.k, 20u);
}

// Houdini proves "x is never 31, ..., never 50" (each unit clause is inductive: nothing
// reachable steps into the chain), so with the lemmas the step case holds at k = 1.
TEST(SmtInduction, ProvedAtKOneWithLemmas) {
  auto l = lower(chain());
  smt::SmtResult r = run(*l->sys, "induction", 19);
  EXPECT_TRUE(r.proved);
  EXPECT_EQ(r.k, 1u);
}

TEST(SmtInduction, BaseCaseFindsRealViolations) {
  auto l = lower(read("examples/peterson.weft"), {{"BROKEN", "true"}});
  ASSERT_TRUE(l->sys);
  smt::SmtResult r = run(*l->sys, "induction", 20);
  EXPECT_FALSE(r.proved);
  EXPECT_EQ(r.result.verdict, checker::Verdict::Violated);
  checker::CheckResult e = explicit_check(*l->sys);
  EXPECT_EQ(answers(r.result.violations), answers(e.violations));
  ASSERT_FALSE(r.result.violations.empty());
  EXPECT_EQ(r.result.violations[0].trace.engine, "induction");
}

TEST(SmtInduction, PetersonProcessStyle) {
  auto l = lower(read("examples/peterson.weft"));
  ASSERT_TRUE(l->sys);
  // Plain k-induction: not 20-inductive (one CPU may loop through unreachable states for a
  // while), proved at k <= 40.
  smt::SmtResult low = run(*l->sys, "induction", 20, false, false);
  EXPECT_FALSE(low.proved);
  EXPECT_EQ(low.result.verdict, checker::Verdict::Inconclusive);
  smt::SmtResult r = run(*l->sys, "induction", 40, false, false);
  EXPECT_TRUE(r.proved) << r.result.inconclusive_reason;
  EXPECT_EQ(r.result.verdict, checker::Verdict::Ok);
  // With the lemmas (which CPU is where against flag and turn), much earlier.
  smt::SmtResult with = run(*l->sys, "induction", 20);
  EXPECT_TRUE(with.proved) << with.result.inconclusive_reason;
  EXPECT_LE(with.k, 4u);
}

TEST(SmtInduction, PetersonActionStyle) {
  auto l = lower(read("tests/corpus/peers/peterson_actions.weft"), {{"N", "2"}});
  ASSERT_TRUE(l->sys);
  smt::SmtResult r = run(*l->sys, "induction", 20);
  EXPECT_TRUE(r.proved) << r.result.inconclusive_reason;
}

TEST(SmtInduction, TwoPhaseCommit) {
  auto l = lower(read("examples/two_phase_commit.weft"), {{"N", "2"}});
  ASSERT_TRUE(l->sys);
  smt::SmtResult r = run(*l->sys, "induction", 20);
  EXPECT_TRUE(r.proved) << r.result.inconclusive_reason;
}

TEST(SmtAll, EnginesAgree) {
  auto l = lower(chain());
  smt::SmtOptions o;
  o.engine = "all";
  o.depth = 20;
  o.depth_set = true;
  o.explicit_options.workers = 1;  // bmc runs to the explicit depth (31), induction to k = 20
  smt::SmtResult r = smt::run_check(*l->sys, o);
  EXPECT_FALSE(r.disagreement) << r.result.error;
  EXPECT_EQ(r.result.verdict, checker::Verdict::Ok);
}

}  // namespace
}  // namespace smt_test
