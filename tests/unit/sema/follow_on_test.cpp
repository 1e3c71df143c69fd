// tests/sema: one error per mistake (no follow-on errors from a poisoned expression or a bad
// domain type), "did you mean" suggestions (edit distance, names of the right kind), and the
// warnings W0001 (unused constant or def) and W0002 (constant condition).
#include "compiler/resolver.h"
#include "sema_test_util.h"

namespace sema_test {
namespace {

using compiler::sema::closest_name;

std::size_t warnings(const Checked& c, const std::string& code) {
  std::size_t n = 0;
  for (const auto& d : c.diags.all())
    if (d.severity == support::Severity::Warning && support::code_name(d.code) == code) ++n;
  return n;
}

TEST(FollowOn, IllTypedOperandDoesNotCascadeToEnclosingOperators) {
  auto c = check("module t\nvar x: 0..3 = 0\ninvariant i: x == 0 and x + true\n");
  expect_errors(*c, {{"E0302", 3}});
  auto d = check("module t\nvar x: 0..3 = 0\ninvariant i: (x + true) * 2 - -(true) > 1 or x == 0\n");
  // `x + true` and `-(true)`: two mistakes, two errors; nothing about `*`, `-`, `>` or `or`.
  EXPECT_EQ(d->count("E0302"), 2u) << d->rendered();
}

TEST(FollowOn, BadFunctionDomainIsReportedOnce) {
  auto c = check("module t\ntype Key = [a: bool, b: bool]\nvar f: [Key] -> bool = [k in Key |-> false]\n");
  expect_errors(*c, {{"E0315", 3}});
}

TEST(Suggestions, DamerauDistanceWithALengthRelativeLimit) {
  std::vector<std::string> names = {"count", "Writer", "x", "N", "holder"};
  EXPECT_EQ(closest_name("cuont", names), "count");    // transposition: one edit
  EXPECT_EQ(closest_name("Wirter", names), "Writer");
  EXPECT_EQ(closest_name("writer", names), "Writer");  // case only
  EXPECT_EQ(closest_name("NN", names), "N");
  EXPECT_EQ(closest_name("y", names), "");             // one letter is not a typo of another
  EXPECT_EQ(closest_name("cnt", names), "");           // two edits in three letters: too far
  EXPECT_EQ(closest_name("folder_lock", names), "");   // shares a suffix only
  EXPECT_EQ(closest_name(std::string(5000, 'a'), names), "");
}

TEST(Suggestions, OnlyNamesOfTheRightKind) {
  auto c = check(R"(module t
var x: 0..3 = 0
var stop: bool = false
action Step { require x < 3  x' = x + 1 }
invariant i: step or x <= 3
)");
  expect_errors(*c, {{"E0201", 5}});
  const support::Diagnostic* d = c->find("E0201");
  ASSERT_FALSE(d->notes.empty()) << c->rendered();
  EXPECT_NE(d->notes[0].message.find("`stop`"), std::string::npos) << c->rendered();
  // An enum value is a value too.
  auto e = check("module t\nenum Mode { Idle, Busy }\nvar m: Mode = Idle\ninvariant i: m != Bsuy\n");
  const support::Diagnostic* de = e->find("E0201");
  ASSERT_TRUE(de && !de->notes.empty()) << e->rendered();
  EXPECT_NE(de->notes[0].message.find("`Busy`"), std::string::npos) << e->rendered();
}

TEST(Warnings, UnusedConstantsAndDefs) {
  auto c = check_ok(R"(module t
const N = 3
const Unused = 5
const _Quiet = 1
var x: 0..N = 0
def used = x == N
def unused_def(v: 0..N) = v + 1
invariant i: not used or x <= N
)");
  EXPECT_EQ(warnings(*c, "W0001"), 2u) << c->rendered();
  std::string out = c->rendered();
  EXPECT_NE(out.find("constant `Unused` is never used"), std::string::npos) << out;
  EXPECT_NE(out.find("def `unused_def` is never used"), std::string::npos) << out;
  EXPECT_EQ(out.find("_Quiet"), std::string::npos) << out;
}

TEST(Warnings, ConstantConditions) {
  auto c = check_ok(R"(module t
const Debug = false
var x: 0..3 = 0
process p {
  if Debug { x := 3 }
  if 1 > 2 { x := 1 }
  while true { await x == 0 }
}
action Step {
  require true
  require x < 3
  x' = x + 1
}
)");
  EXPECT_EQ(warnings(*c, "W0002"), 2u) << c->rendered();
  EXPECT_EQ(c->diags.error_count(), 0u);
}

TEST(Warnings, ConstantConditionInACalledProcIsReportedOnce) {
  auto c = check_ok(R"(module t
var x: 0..3 = 0
proc bump() { if 1 == 1 { x := 1 } }
process p[i: 0..2] { call bump() }
process q { call bump() }
)");
  EXPECT_EQ(warnings(*c, "W0002"), 1u) << c->rendered();
}

}  // namespace
}  // namespace sema_test
