// tests (smt): statements (guard, assign to elements, either, with, if, assert, atomic, loops,
// await) and the state-level rules (constraint, initially, deadlock, covers), each on a small
// spec with a known answer, compared with the explicit engine.
#include "smt_test_util.h"

namespace smt_test {
namespace {

TEST(SmtStmt, EitherWithIfInActions) {
  // A: x + 1 or (x + 2 and y = 1); x = 0 -> 2 -> 4 is the shortest way to x == 4.
  auto a = agree(R"(
module t
var x: 0..5 = 0
var y: 0..5 = 0
action A {
  require x < 3
  either { x' = x + 1 } or { x' = x + 2  y' = 1 }
}
action B {
  with k in 1..2 {
    require y + k <= 5
    if k == 2 { y' = y + k } else { y' = y }
  }
}
invariant fails: x != 4
)", {}, true);
  EXPECT_EQ(a, one("invariant", "fails", 3));
}

TEST(SmtStmt, ElementAssignmentsCombine) {
  // f[i]' and f[j]' on one path combine (TLA+ EXCEPT); Set(0, 1) reaches [1, 2] in one step.
  auto a = agree(R"(
module t
var f: [0..1] -> 0..2 = [i in 0..1 |-> 0]
action Set(i: 0..1, j: 0..1) {
  require i != j
  f[i]' = 1
  f[j]' = 2
}
invariant fails: not (f[0] == 1 and f[1] == 2)
)");
  EXPECT_EQ(a, one("invariant", "fails", 2));
}

TEST(SmtStmt, WithEmptySetDisablesAndDeadlocks) {
  auto a = agree(R"(
module t
var x: 0..3 = 0
action A { require x == 0  x' = 1 }
action B { with k in {v in 0..3 : v < x - 1} { x' = k } }
)");
  EXPECT_EQ(a, one("deadlock", "deadlock", 2));
}

TEST(SmtStmt, ProcessesAssertAwaitLoops) {
  // The assert fails on the step after x becomes 1 (p's second step); the process goes on.
  auto a = agree(R"(
module t
var x: 0..3 = 0
process p {
  x := 1
  check_x: assert x == 0 "x changed"
  while x < 3 { x := x + 1 }
}
process q {
  await x == 3
}
)");
  EXPECT_EQ(a, one("assert", "check_x", 2));
}

TEST(SmtStmt, AtomicBlocksAndLabels) {
  // The atomic block is one step: `same` never sees a != b; p@mid is a real location.
  auto a = agree(R"(
module t
var a: 0..2 = 0
var b: 0..2 = 0
process p {
  atomic { a := a + 1  b := b + 1 }
  mid: skip
  a := a + 1
  b := b + 1
}
invariant same: a == b or p@mid == false
invariant fails: not p@end
)");
  EXPECT_EQ(a, one("invariant", "fails", 5));
}

TEST(SmtStmt, ConstraintStatesAreCheckedNotExpanded) {
  // constraint x <= 3: the state x = 4 is checked (bounded fails there, 5th state) but has no
  // successors, so x = 5 never appears and it is not a deadlock.
  auto a = agree(R"(
module t
var x: 0..9 = 0
constraint x <= 3
action StepX { x' = x + 1 }
invariant never_five: x != 5
invariant bounded: x <= 3
)");
  EXPECT_EQ(a, one("invariant", "bounded", 5));
}

TEST(SmtStmt, InitiallyFiltersInitialStates) {
  auto a = agree(R"(
module t
var x: 0..3 in 0..3
var y: bool in {false, true}
initially x != 3 or not y
action Stay { x' = x }
invariant not_both: not (x == 3 and y)
invariant fails: x + (if y then 1 else 0) < 3
)");
  // (2, true) and (3, false) are initial and violate `fails`; (3, true) is filtered out.
  EXPECT_EQ(a, one("invariant", "fails", 1));
}

TEST(SmtStmt, DeadlockRespectsFinishedProcessesAndNoDeadlock) {
  const char* text = R"(
module t
var x: 0..2 = 0
process p { x := 1 }
process q { await x == 2 }
)";
  EXPECT_EQ(agree(text), one("deadlock", "deadlock", 2));
  EXPECT_TRUE(agree(text, {}, true).empty());
  // Every process finished: a normal end, not a deadlock.
  EXPECT_TRUE(agree("module t\nvar x: 0..2 = 0\nprocess p { x := 1 }\nprocess q { await x == 1 }\n").empty());
}

TEST(SmtStmt, VacuousCoverAndCompleteness) {
  auto l = lower(R"(
module t
var x: 0..3 = 0
action Inc { require x < 2  x' = x + 1 }
action Reset { require x == 2  x' = 0 }
cover three: x == 3
cover two: x == 2
)");
  ASSERT_TRUE(l->sys);
  smt::SmtResult r = run(*l->sys, "bmc", 10);
  EXPECT_TRUE(r.complete);  // no simple path has more than 2 steps
  EXPECT_EQ(r.result.verdict, checker::Verdict::Ok);
  EXPECT_EQ(r.result.vacuous_covers, std::vector<std::string>{"three"});
  // With too small a bound BMC says so: inconclusive, never ok.
  smt::SmtResult s = run(*l->sys, "bmc", 1);
  EXPECT_EQ(s.result.verdict, checker::Verdict::Inconclusive);
  EXPECT_TRUE(s.result.vacuous_covers.empty());
}

}  // namespace
}  // namespace smt_test
