// tests (smt): lock state (mutex, rwsem, the queued rwsem's FIFO grant rule), held_at_exit,
// declared lock orders (`A < B`, `by index`), and each run-time error category with its
// shortest trace length, compared with the explicit engine.
#include "smt_test_util.h"

namespace smt_test {
namespace {

TEST(SmtLocks, AbbaDeadlock) {
  auto a = agree(R"(
module t
lock A: mutex
lock B: mutex
process p { acquire A  acquire B  release B  release A }
process q { acquire B  acquire A  release A  release B }
)");
  EXPECT_EQ(a, one("deadlock", "deadlock", 3));
}

TEST(SmtLocks, MutualExclusionHolds) {
  auto a = agree(R"(
module t
lock m: mutex
var inside: 0..2 = 0
process w[i: 0..1] {
  acquire m
  inside := inside + 1
  inside := inside - 1
  release m
}
invariant one_inside: inside <= 1
invariant holder: inside == 0 or locked(m)
)");
  EXPECT_TRUE(a.empty());
}

TEST(SmtLocks, QueuedRwsemWriterPreference) {
  // A reader that requests after a waiting writer waits behind it (LANGUAGE.md §11): the
  // three-thread deadlock of tests/corpus/process/rwsem_queued_deadlock.weft, length 8.
  auto a = agree(R"(
module t
lock i_rwsem: rwsem queued
lock mmap_lock: rwsem queued
process t1 { acquire i_rwsem  acquire mmap_lock shared  release mmap_lock  release i_rwsem }
process t2 { acquire mmap_lock shared  acquire i_rwsem  release i_rwsem  release mmap_lock }
process t3 { acquire mmap_lock  release mmap_lock }
)");
  EXPECT_EQ(a, one("deadlock", "deadlock", 8));
}

TEST(SmtLocks, QueuedRwsemReadersShare) {
  auto a = agree(R"(
module t
lock L: rwsem queued
process r[i: 0..1] { acquire L shared  release L }
process w { acquire L  release L }
invariant rw_exclusion: holds(w, L) implies not (holds(r[0], L) or holds(r[1], L))
invariant fails: not (holds(r[0], L) and holds(r[1], L))
)");
  // r[0] request, grant, r[1] request, grant: both hold in the 5th state.
  EXPECT_EQ(a, one("invariant", "fails", 5));
}

TEST(SmtLocks, HeldAtExit) {
  // p's only step acquires m and finishes: the step from the initial state.
  auto a = agree("module t\nlock m: mutex\nprocess p { acquire m }\n");
  EXPECT_EQ(a, one("held_at_exit", "held_at_exit", 1));
}

TEST(SmtLocks, DeclaredOrder) {
  auto a = agree(R"(
module t
lock A: mutex
lock B: mutex
lock_order A < B
process t { acquire B  acquire A  release A  release B }
)");
  EXPECT_EQ(a, one("lock_order", "declared order A < B", 2));
}

TEST(SmtLocks, DeclaredOrderByIndex) {
  // Ascending nesting is fine (p), descending is a violation at the acquiring step (q: 3rd state
  // after p finished? no: q alone takes f[1] then f[0] in its 2nd step).
  auto a = agree(R"(
module t
lock f[0..1]: mutex
lock_order f by index
process p { acquire f[0]  acquire f[1]  release f[1]  release f[0] }
process q { acquire f[1]  acquire f[0]  release f[0]  release f[1] }
)", {}, true);
  EXPECT_EQ(a, one("lock_order", "declared order f by index", 2));
}

TEST(SmtErrors, OutOfType) {
  auto a = agree("module t\nvar x: 0..2 = 0\naction Inc { x' = x + 1 }\n");
  EXPECT_EQ(a, one("runtime_error", "out_of_type", 3));
}

TEST(SmtErrors, Division) {
  auto a = agree("module t\nvar x: 0..2 = 2\nvar y: 0..9 = 0\naction Dec { require x > 0  x' = x - 1 }\naction Div { y' = 6 / x }\n");
  EXPECT_EQ(a, one("runtime_error", "division", 3));
}

TEST(SmtErrors, Domain) {
  auto a = agree(R"(
module t
var f: [0..2] -> bool = [i in 0..2 |-> false]
var i: 0..5 = 0
action Inc { require i < 5  i' = i + 1 }
action Read { f[i]' = true }
)");
  EXPECT_EQ(a, one("runtime_error", "domain", 4));
}

TEST(SmtErrors, SequenceBounds) {
  auto a = agree(R"(
module t
var q: seq of 0..1 max 2 = <<>>
var x: 0..1 = 0
action Push { require len(q) < 2  q' = append(q, 1) }
action Peek { require len(q) >= 1  x' = q[2] }
)");
  EXPECT_EQ(a, one("runtime_error", "sequence_bounds", 2));
}

TEST(SmtErrors, EmptySet) {
  auto a = agree("module t\nvar s: set of 0..2 = {1}\nvar m: 0..2 = 0\naction Drop { s' = {} }\naction Min { m' = min(s) }\n");
  EXPECT_EQ(a, one("runtime_error", "empty_set", 2));
}

TEST(SmtErrors, AssignTwice) {
  auto a = agree(R"(
module t
var f: [0..1] -> 0..2 = [i in 0..1 |-> 0]
action Set(i: 0..1, j: 0..1) { f[i]' = 1  f[j]' = 2 }
)");
  EXPECT_EQ(a, one("runtime_error", "assign_twice", 1));
}

TEST(SmtErrors, ReacquireAndReleaseNotHeld) {
  EXPECT_EQ(agree("module t\nlock m: mutex\nprocess p { acquire m  acquire m }\n"), one("runtime_error", "reacquire", 2));
  EXPECT_EQ(agree("module t\nlock m: mutex\nprocess p { release m }\n"), one("runtime_error", "release_not_held", 1));
}

TEST(SmtErrors, InInvariantAndInitialValue) {
  // An invariant that fails to evaluate is a run-time error of the state (length 2 here).
  EXPECT_EQ(agree("module t\nvar x: 0..1 = 1\naction Z { x' = 0 }\ninvariant inv: 6 / x > 0\n"),
            one("runtime_error", "division", 2));
  // An initial value outside its type: length 1, and the other initial states still count.
  EXPECT_EQ(agree("module t\nvar x: 0..3 in 0..5\naction S { x' = x }\ninvariant fails: x != 2\n"),
            (Answers{{{"runtime_error", "out_of_type"}, 1}, {{"invariant", "fails"}, 1}}));
}

}  // namespace
}  // namespace smt_test
