// tests (checker): `--compile` (native_codegen.h, native_module.h): what the generator compiles
// and leaves interpreted, and that compiled runs give exactly the interpreter's results —
// counts, verdicts, trace lengths, run-time errors (redone by the interpreter), asserts, lock
// events — on small specs through the front end. Needs a C++ compiler (the build has one).
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "checker/check.h"
#include "checker/native_codegen.h"
#include "compiler/frontend.h"
#include "compiler/lower.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace checker_test {
namespace {

struct Compiled {
  support::SourceManager sm;
  support::DiagnosticSink diags;
  std::unique_ptr<compiler::CheckedModule> checked;
  std::unique_ptr<ir::System> sys;
};

std::unique_ptr<Compiled> compile(const std::string& text) {
  auto c = std::make_unique<Compiled>();
  auto file = c->sm.add("test.weft", text);
  compiler::FrontendOptions opts;
  c->checked = compiler::check_loaded(c->sm, file, opts, c->diags);
  if (c->checked && !c->diags.has_errors()) c->sys = compiler::lower(*c->checked, c->sm, "test.weft", c->diags);
  return c;
}

checker::CheckResult run(const ir::System& sys, bool native, unsigned workers = 1) {
  ::setenv("WEFT_CACHE_DIR", (std::string(::testing::TempDir()) + "/weft-native-test").c_str(), 1);
  checker::CheckOptions opt;
  opt.workers = workers;
  opt.compile = native;
  return checker::check(sys, opt);
}

bool has_prefix(const std::vector<std::string>& v, const std::string& p) {
  for (const auto& s : v)
    if (s.rfind(p, 0) == 0) return true;
  return false;
}

// Both runs agree on every figure and violation; the native one says it compiled.
void expect_same(const ir::System& sys) {
  auto a = run(sys, false);
  auto b = run(sys, true);
  EXPECT_TRUE(has_prefix(b.notes, "compiled:")) << (b.warnings.empty() ? "" : b.warnings[0]);
  EXPECT_FALSE(has_prefix(b.warnings, "--compile")) << b.warnings[0];
  EXPECT_EQ(a.verdict, b.verdict);
  EXPECT_EQ(a.distinct_states, b.distinct_states);
  EXPECT_EQ(a.transitions, b.transitions);
  EXPECT_EQ(a.depth, b.depth);
  ASSERT_EQ(a.violations.size(), b.violations.size());
  for (std::size_t i = 0; i < a.violations.size(); ++i) {
    EXPECT_EQ(a.violations[i].kind, b.violations[i].kind);
    EXPECT_EQ(a.violations[i].name, b.violations[i].name);
    EXPECT_EQ(a.violations[i].message, b.violations[i].message);
    EXPECT_EQ(a.violations[i].trace.length(), b.violations[i].trace.length());
  }
}

const char* kPeterson = R"(module peterson
const N = 3
type Proc = 0..N-1
enum Pc { ncs, sv, wait, cs }
var level: [Proc] -> Proc = [i in Proc |-> 0]
var victim: [Proc] -> Proc = [l in Proc |-> 0]
var pc: [Proc] -> Pc = [i in Proc |-> ncs]
def Pass(i: Proc) = (forall k in Proc: k == i or level[k] < level[i]) or victim[level[i]] != i
action Enter(i: Proc) { require pc[i] == ncs  level[i]' = 1  pc[i]' = sv }
action SetVictim(i: Proc) { require pc[i] == sv  victim[level[i]]' = i  pc[i]' = wait }
action Up(i: Proc) { require pc[i] == wait  require Pass(i)  require level[i] < N - 1  level[i]' = level[i] + 1  pc[i]' = sv }
action ToCS(i: Proc) { require pc[i] == wait  require Pass(i)  require level[i] == N - 1  pc[i]' = cs }
action Exit(i: Proc) { require pc[i] == cs  level[i]' = 0  pc[i]' = ncs }
invariant MutualExclusion: forall i, j in Proc: i != j implies not (pc[i] == cs and pc[j] == cs)
)";

TEST(NativeCodegen, CompilesEveryStepOfThePetersonModel) {
  auto c = compile(kPeterson);
  ASSERT_TRUE(c->sys) << c->diags.render(c->sm);
  checker::NativeSource src = checker::NativeCodegen(*c->sys).generate();
  EXPECT_EQ(src.compiled_transitions(), c->sys->transitions.size());
  EXPECT_EQ(src.compiled_predicates(), 1u);
  EXPECT_TRUE(src.interpreted.empty());
  EXPECT_NE(src.code.find("extern \"C\" int weft_t0("), std::string::npos);
}

TEST(NativeCodegen, PetersonCountsMatchTheInterpreter) {
  auto c = compile(kPeterson);
  ASSERT_TRUE(c->sys) << c->diags.render(c->sm);
  auto r = run(*c->sys, true, 2);
  EXPECT_EQ(r.distinct_states, 288u);  // TLC's count for N = 3
  expect_same(*c->sys);
}

TEST(NativeCodegen, LeavesSetValuedStepsInterpreted) {
  auto c = compile(R"(module s
type E = 0..3
var s: set of E = {}
var n: 0..4 = 0
action Add(e: E) { require not (e in s)  s' = s union {e}  n' = n + 1 }
invariant Small: n <= 4
)");
  ASSERT_TRUE(c->sys) << c->diags.render(c->sm);
  checker::NativeSource src = checker::NativeCodegen(*c->sys).generate();
  EXPECT_EQ(src.compiled_transitions(), 0u);  // a whole-set assignment is outside the subset
  EXPECT_EQ(src.interpreted.size(), c->sys->transitions.size());
  expect_same(*c->sys);
}

TEST(NativeCodegen, ConstantIndexArithmeticIsFoldedForTheAssignOnceRule) {
  // Lowering leaves `(i + 1) % N` as arithmetic on constants: two element assignments with
  // such paths must still be seen as distinct elements (compiled), as in the philosophers.
  auto c = compile(R"(module f
const N = 3
type P = 0..N-1
var fork: [P] -> bool = [p in P |-> false]
action Take(i: P) { require not fork[i]  fork[i]' = true  fork[(i + 1) % N]' = true }
action Drop(i: P) { require fork[i]  fork[i]' = false  fork[(i + 1) % N]' = false }
)");
  ASSERT_TRUE(c->sys) << c->diags.render(c->sm);
  checker::NativeSource src = checker::NativeCodegen(*c->sys).generate();
  EXPECT_EQ(src.compiled_transitions(), c->sys->transitions.size());
  expect_same(*c->sys);
}

TEST(NativeCodegen, RunTimeErrorsAreRedoneByTheInterpreter) {
  // Division by a value that reaches zero, an assignment out of its range, an index outside
  // the domain: the compiled step gives up and the interpreter reports the exact error.
  auto c = compile(R"(module e
var x: 0..3 = 3
var a: [0..2] -> 0..9 = [i in 0..2 |-> 0]
action Dec { require x > 0  x' = x - 1 }
action Div { a[0]' = 6 / x }
action Grow { require x == 2  a[x + 1]' = 1 }
)");
  ASSERT_TRUE(c->sys) << c->diags.render(c->sm);
  EXPECT_EQ(checker::NativeCodegen(*c->sys).generate().compiled_transitions(), 3u);
  auto r = run(*c->sys, true);
  ASSERT_EQ(r.verdict, checker::Verdict::Violated);
  expect_same(*c->sys);
}

TEST(NativeCodegen, EitherWithAssertsAndProcessLocks) {
  auto c = compile(R"(module p
lock m: mutex
var x: 0..3 = 0
process w[i: 0..1] {
  acquire m
  either { x := x + 1 } or { x := 0 }
  assert x < 2 "x stays small"
  release m
}
)");
  ASSERT_TRUE(c->sys) << c->diags.render(c->sm);
  checker::NativeSource src = checker::NativeCodegen(*c->sys).generate();
  EXPECT_EQ(src.compiled_transitions(), c->sys->transitions.size());
  EXPECT_EQ(src.asserts.size(), 2u);  // the assert step of each instance
  expect_same(*c->sys);
  auto r = run(*c->sys, true);
  ASSERT_EQ(r.verdict, checker::Verdict::Violated);
}

}  // namespace
}  // namespace checker_test
