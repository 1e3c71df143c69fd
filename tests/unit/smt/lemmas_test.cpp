// tests (smt): Houdini lemmas: what they let induction prove, that BMC with them gives the
// explicit engine's answers, that a clause true in every state the sampler visits but false
// later is never assumed (the proof, not the sample, decides), and the give-up paths.
#include "smt_test_util.h"

namespace smt_test {
namespace {

smt::SmtResult run_with(const ir::System& sys, const std::string& engine, std::uint64_t depth, bool lemmas,
                        std::uint64_t after = 0, double seconds = 60) {
  smt::SmtOptions o = options(engine, depth, false, lemmas);
  o.lemmas_after = after;
  o.lemmas_seconds = seconds;
  return smt::run_check(sys, o);
}

bool has_note(const smt::SmtResult& r, const std::string& part) {
  for (const std::string& n : r.notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

// Two threads, one mutex: mutual exclusion follows from "a thread in its critical section owns
// the lock", a clause between a program counter and the lock owner that Houdini proves. Plain
// 1-induction fails on a state where both are inside and the owner is one of them.
const char* kMutex =
    "module t\n"
    "lock m: mutex\n"
    "var inside: 0..2 = 0\n"
    "process p[i: 1..2] {\n"
    "  take: acquire m\n"
    "  enter: inside := inside + 1\n"
    "  leave: inside := inside - 1\n"
    "  drop: release m\n"
    "}\n"
    "invariant one_inside: inside <= 1\n";

TEST(SmtLemmas, InductionProvesMutualExclusionAtKOne) {
  auto l = lower(kMutex);
  smt::SmtResult with = run_with(*l->sys, "induction", 1, true);
  EXPECT_TRUE(with.proved);
  EXPECT_EQ(with.result.verdict, checker::Verdict::Ok);
  EXPECT_TRUE(has_note(with, "proved inductive by Houdini")) << (with.notes.empty() ? "" : with.notes[0]);
  smt::SmtResult without = run_with(*l->sys, "induction", 1, false);
  EXPECT_FALSE(without.proved);
  EXPECT_EQ(without.result.verdict, checker::Verdict::Inconclusive);
  EXPECT_FALSE(has_note(without, "Houdini"));
}

// BMC assuming the lemmas from its first depth finds what the explicit engine finds, with the
// same lengths, on a spec with a violation and a deadlock.
TEST(SmtLemmas, BmcWithLemmasAgreesWithExplicit) {
  auto l = lower(
      "module t\n"
      "lock a: mutex\nlock b: mutex\n"
      "var n: 0..3 = 0\n"
      "process p { x: acquire a\n y: acquire b\n n := n + 1\n release b\n release a }\n"
      "process q { x: acquire b\n y: acquire a\n n := n + 2\n release a\n release b }\n"
      "invariant small: n < 3\n");
  checker::CheckResult e = explicit_check(*l->sys);
  smt::SmtResult b = run_with(*l->sys, "bmc", e.depth, true);
  EXPECT_TRUE(has_note(b, "proved inductive by Houdini"));
  EXPECT_EQ(answers(e.violations), answers(b.result.violations));
  EXPECT_FALSE(answers(e.violations).empty());
}

// `flag` becomes true only after 30000 steps, beyond the 20000 states the sampler visits, so
// "flag is false" survives the sample; Z3 must drop it (a step from c = 29999 breaks it), and
// induction must not prove the false invariant. (c wraps around: no deadlock to fail first.)
TEST(SmtLemmas, AClauseTrueOnlyInTheSampleIsNeverAssumed) {
  auto l = lower(
      "module t\n"
      "var c: 0..40000 = 0\n"
      "var flag: bool = false\n"
      "action Step { c' = (c + 1) % 40001\n if c == 29999 { flag' = true } }\n"
      "invariant never: not flag\n");
  smt::SmtResult r = run_with(*l->sys, "induction", 2, true);
  EXPECT_FALSE(r.proved);
  EXPECT_NE(r.result.verdict, checker::Verdict::Ok);
  EXPECT_TRUE(has_note(r, "Houdini"));
}

// With the lemmas on (the default), an invariant they cannot help with is still reported
// honestly: x has 101 values (no atoms), 0..60 is a cycle, 61 -> ... -> 80 an unreachable
// chain; "never 80" holds but is not k-inductive below k = 19.
TEST(SmtLemmas, NotKInductiveWhereTheLemmasCannotHelp) {
  auto l = lower(
      "module t\nvar x: 0..100 = 0\n"
      "action Step { if x < 60 { x' = x + 1 } else if x == 60 { x' = 0 } else if x < 80 { x' = x + 1 } }\n"
      "invariant never_80: x != 80\n");
  smt::SmtResult low = run_with(*l->sys, "induction", 10, true);
  EXPECT_FALSE(low.proved);
  EXPECT_EQ(low.result.verdict, checker::Verdict::Inconclusive);
  EXPECT_EQ(low.cti.size(), 1u);
  EXPECT_TRUE(has_note(low, "proved inductive by Houdini"));
  smt::SmtResult high = run_with(*l->sys, "induction", 20, true);
  EXPECT_TRUE(high.proved);
}

// No time for Houdini: nothing is assumed, and the answers do not change.
TEST(SmtLemmas, GivingUpAssumesNothing) {
  auto l = lower(kMutex);
  smt::SmtResult r = run_with(*l->sys, "induction", 1, true, 0, 0);
  EXPECT_FALSE(r.proved);
  EXPECT_TRUE(has_note(r, "no lemmas: Houdini gave up")) << (r.notes.empty() ? "" : r.notes[0]);
  smt::SmtResult b = run_with(*l->sys, "bmc", 10, true, 0, 0);
  EXPECT_EQ(b.result.verdict, checker::Verdict::Ok);
}

}  // namespace
}  // namespace smt_test
