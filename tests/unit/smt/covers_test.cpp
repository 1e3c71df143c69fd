// tests (smt): covers are decided per depth, on paths that end where the cover holds. A state
// at the end of a short branch (no simple path continues through it to the deepest depth)
// must still count: BMC used to decide covers after the last depth on the full-length
// unrolling and called such covers vacuous (two-phase commit's early_abort).
#include <algorithm>
#include <fstream>
#include <sstream>

#include "smt_test_util.h"

namespace smt_test {
namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(SmtCovers, CoverAtTheEndOfAShortBranch) {
  // x counts 0..5 (5 steps); from x == 0 a side step ends in a state without successors.
  auto l = lower(R"(
module t
var x: 0..5 = 0
var side: bool = false
action Count { require x < 5 and not side  x' = x + 1 }
action Side { require x == 0 and not side  side' = true }
cover side_reached: side
cover never: x == 5 and side
)");
  ASSERT_TRUE(l->sys);
  checker::CheckResult e = explicit_check(*l->sys, true);
  ASSERT_EQ(e.verdict, checker::Verdict::Ok);
  EXPECT_EQ(sorted(e.vacuous_covers), std::vector<std::string>{"never"});
  smt::SmtResult b = run(*l->sys, "bmc", std::max<std::uint64_t>(e.depth, 1), true);
  EXPECT_EQ(b.result.verdict, checker::Verdict::Ok) << b.result.inconclusive_reason;
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(sorted(b.result.vacuous_covers), sorted(e.vacuous_covers));
  // Induction's base case decides covers the same way.
  smt::SmtResult i = run(*l->sys, "induction", 10, true);
  EXPECT_TRUE(i.proved);
  EXPECT_EQ(sorted(i.result.vacuous_covers), sorted(e.vacuous_covers));
}

TEST(SmtCovers, TwoPhaseCommitEarlyAbort) {
  // TMAbort from the initial state reaches early_abort in 2 states; no longest simple path
  // passes through that state.
  std::ifstream in(std::string(WEFT_SOURCE_DIR) + "/examples/two_phase_commit.weft");
  std::stringstream ss;
  ss << in.rdbuf();
  auto l = lower(ss.str(), {{"N", "2"}});
  ASSERT_TRUE(l->sys);
  checker::CheckResult e = explicit_check(*l->sys);
  ASSERT_EQ(e.verdict, checker::Verdict::Ok);
  EXPECT_TRUE(e.vacuous_covers.empty());
  smt::SmtResult b = run(*l->sys, "bmc", std::max<std::uint64_t>(e.depth, 1));
  EXPECT_EQ(b.result.verdict, checker::Verdict::Ok) << b.result.inconclusive_reason;
  EXPECT_EQ(sorted(b.result.vacuous_covers), sorted(e.vacuous_covers));
  EXPECT_TRUE(b.result.warnings.empty());
}

}  // namespace
}  // namespace smt_test
