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

TEST(SmtInduction, NotKInductiveBelowTheChainLength) {
  auto l = lower(chain());
  smt::SmtResult low = run(*l->sys, "induction", 19);
  EXPECT_FALSE(low.proved);
  EXPECT_EQ(low.result.verdict, checker::Verdict::Inconclusive);
  EXPECT_TRUE(low.result.violations.empty());
  ASSERT_EQ(low.cti.size(), 1u);  // the counterexample to induction: 19 states, then x = 50
  EXPECT_EQ(low.cti[0].length(), 20u);
  EXPECT_EQ(low.cti[0].kind, "invariant");
  EXPECT_EQ(low.cti[0].property, "never_50");
  // At k = 20 the same invariant is proved (by induction, before the base case is exhausted).
  smt::SmtResult high = run(*l->sys, "induction", 20);
  EXPECT_TRUE(high.proved);
  EXPECT_EQ(high.k, 20u);
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
  // Not 20-inductive: one CPU may loop through unreachable states for a while.
  smt::SmtResult low = run(*l->sys, "induction", 20);
  EXPECT_FALSE(low.proved);
  EXPECT_EQ(low.result.verdict, checker::Verdict::Inconclusive);
  smt::SmtResult r = run(*l->sys, "induction", 40);
  EXPECT_TRUE(r.proved) << r.result.inconclusive_reason;
  EXPECT_EQ(r.result.verdict, checker::Verdict::Ok);
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
  o.explicit_options.workers = 1;  // bmc runs to the explicit depth (31), induction to k = 20
  smt::SmtResult r = smt::run_check(*l->sys, o);
  EXPECT_FALSE(r.disagreement) << r.result.error;
  EXPECT_EQ(r.result.verdict, checker::Verdict::Ok);
}

}  // namespace
}  // namespace smt_test
