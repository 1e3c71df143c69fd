// tests (checker): the lock-order analysis end to end on small specs: cycles hidden behind a gate
// lock, consistent orders, ABBA, rwsem vs rwsem queued, declared orders, read-read cycles,
// same-class nesting and `lock_order L by index`, `check lock_order off`, witnesses and traces,
// and identical results for any number of workers.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "checker/check.h"
#include "compiler/frontend.h"
#include "compiler/lower.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace checker_test {
namespace {

struct Spec {
  support::SourceManager sm;
  support::DiagnosticSink diags;
  std::unique_ptr<compiler::CheckedModule> checked;
  std::unique_ptr<ir::System> sys;
};

std::unique_ptr<Spec> compile(const std::string& text) {
  auto s = std::make_unique<Spec>();
  auto file = s->sm.add("test.weft", text);
  compiler::FrontendOptions opts;
  s->checked = compiler::check_loaded(s->sm, file, opts, s->diags);
  if (s->checked && !s->diags.has_errors()) s->sys = compiler::lower(*s->checked, s->sm, "test.weft", s->diags);
  EXPECT_TRUE(s->sys && !s->diags.has_errors()) << s->diags.render(s->sm);
  return s;
}

checker::CheckResult run(const std::string& text, unsigned workers = 1) {
  auto s = compile(text);
  if (!s->sys) return {};
  checker::CheckOptions opt;
  opt.workers = workers;
  return checker::check(*s->sys, opt);
}

std::vector<std::string> names(const checker::CheckResult& r, const std::string& kind) {
  std::vector<std::string> out;
  for (const auto& v : r.violations)
    if (v.kind == kind) out.push_back(v.name);
  return out;
}

const checker::Violation* find(const checker::CheckResult& r, const std::string& name) {
  for (const auto& v : r.violations)
    if (v.name == name) return &v;
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> class_pairs(const checker::CheckResult& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : r.lock_order_edges)
    if (std::find(out.begin(), out.end(), std::make_pair(e.from, e.to)) == out.end()) out.push_back({e.from, e.to});
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

const char* kGate = R"(module gate
lock g: mutex
lock a: mutex
lock b: mutex
process t1 { acquire g; t1_a: acquire a; t1_b: acquire b; release b; release a; release g }
process t2 { acquire g; t2_b: acquire b; t2_a: acquire a; release a; release b; release g }
)";

TEST(LockOrder, InversionBehindAGateLockIsACycleWithoutDeadlock) {
  auto r = run(kGate);
  EXPECT_TRUE(names(r, "deadlock").empty());
  EXPECT_EQ(names(r, "lock_order"), std::vector<std::string>{"cycle a -> b -> a"});
  EXPECT_EQ(r.verdict, checker::Verdict::Violated);
  EXPECT_EQ(class_pairs(r), (Pairs{{"g", "a"}, {"g", "b"}, {"a", "b"}, {"b", "a"}}));
  const auto* v = find(r, "cycle a -> b -> a");
  ASSERT_NE(v, nullptr);
  ASSERT_EQ(v->edge_traces.size(), 2u);
  // Edge a -> b: t1 took g, a (2 steps) and acquires b in the 3rd state.
  EXPECT_EQ(v->edge_traces[0].length(), 3u);
  EXPECT_TRUE(v->edge_traces[0].step_violation);
  EXPECT_EQ(v->edge_traces[0].steps.back().lane, "t1");
  EXPECT_EQ(v->edge_traces[0].steps.back().what, "t1_b");
  EXPECT_EQ(v->edge_traces[1].steps.back().lane, "t2");
  EXPECT_EQ(v->edge_traces[1].steps.back().what, "t2_a");
  // Both edges are first recorded in state 3 (g is taken by t1 or by t2 first); t2's comes later
  // in BFS order, so it closes the cycle and is the violation's main trace.
  EXPECT_EQ(v->edge_traces[1].length(), 3u);
  EXPECT_EQ(v->trace.steps.back().lane, "t2");
  EXPECT_NE(v->details.find("t1 acquires b (exclusive) at t1_b"), std::string::npos) << v->details;
  EXPECT_NE(v->details.find("while holding a (exclusive), taken at t1_a"), std::string::npos) << v->details;
  EXPECT_NE(v->details.find("*** DEADLOCK ***"), std::string::npos) << v->details;
  // The graph for DOT/SVG: one edge per class pair, the cycle's two highlighted.
  ASSERT_EQ(r.lock_order_graph.edges.size(), 4u);
  EXPECT_EQ(r.lock_order_graph.cycle, (std::vector<std::size_t>{2, 3}));
}

TEST(LockOrder, ConsistentOrderHasNoViolation) {
  auto r = run(R"(module ok
lock a: mutex
lock b: rwsem
process t1 { acquire a; acquire b; release b; release a }
process t2 { acquire a; acquire b shared; release b; release a }
process t3 { acquire b; release b }
)");
  EXPECT_TRUE(r.violations.empty());
  EXPECT_EQ(r.verdict, checker::Verdict::Ok);
  ASSERT_EQ(r.lock_order_edges.size(), 2u);  // a -> b exclusive and shared
  EXPECT_EQ(r.lock_order_edges[0].to_mode, "exclusive");
  EXPECT_EQ(r.lock_order_edges[1].to_mode, "shared");
  EXPECT_EQ(class_pairs(r), (Pairs{{"a", "b"}}));
  EXPECT_TRUE(r.lock_order_graph.cycle.empty());
}

const char* kAbba = R"(module abba
lock a: mutex
lock b: mutex
process t1 { t1_a: acquire a; t1_b: acquire b; release b; release a }
process t2 { t2_b: acquire b; t2_a: acquire a; release a; release b }
)";

TEST(LockOrder, AbbaReportsDeadlockAndCycle) {
  auto r = run(kAbba);
  EXPECT_EQ(names(r, "deadlock").size(), 1u);
  EXPECT_EQ(names(r, "lock_order"), std::vector<std::string>{"cycle a -> b -> a"});
  ASSERT_EQ(r.lock_order_edges.size(), 2u);
  const auto& e = r.lock_order_edges[0];
  EXPECT_EQ(e.from, "a");
  EXPECT_EQ(e.to, "b");
  EXPECT_EQ(e.process, "t1");
  EXPECT_EQ(e.label, "t1_b");
  EXPECT_EQ(e.trace_length, 2u);
  EXPECT_EQ(e.location, "test.weft:4");
}

TEST(LockOrder, CheckOffKeepsTheEdgesButNoViolation) {
  std::string text = std::string(kAbba) + "check lock_order off\n";
  auto r = run(text);
  EXPECT_TRUE(names(r, "lock_order").empty());
  EXPECT_EQ(names(r, "deadlock").size(), 1u);
  EXPECT_EQ(class_pairs(r), (Pairs{{"a", "b"}, {"b", "a"}}));
  EXPECT_TRUE(r.lock_order_graph.cycle.empty());
}

std::string three_threads(bool queued) {
  std::string kind = queued ? "rwsem queued" : "rwsem";
  return "module three\nlock i_rwsem: " + kind + "\nlock mmap_lock: " + kind + R"(
process t1 { acquire i_rwsem; acquire mmap_lock shared; release mmap_lock; release i_rwsem }
process t2 { acquire mmap_lock shared; acquire i_rwsem; release i_rwsem; release mmap_lock }
process t3 { acquire mmap_lock; release mmap_lock }
)";
}

TEST(LockOrder, ThreeThreadRwsemPlainIsACycleWithoutDeadlock) {
  auto r = run(three_threads(false));
  EXPECT_TRUE(names(r, "deadlock").empty());
  EXPECT_EQ(names(r, "lock_order"), std::vector<std::string>{"cycle i_rwsem -> mmap_lock -> i_rwsem"});
  EXPECT_EQ(r.distinct_states, 52u);
}

TEST(LockOrder, ThreeThreadRwsemQueuedDeadlocksAndRecordsAtTheRequest) {
  auto r = run(three_threads(true));
  EXPECT_EQ(names(r, "deadlock").size(), 1u);
  const auto* v = find(r, "cycle i_rwsem -> mmap_lock -> i_rwsem");
  ASSERT_NE(v, nullptr);
  ASSERT_EQ(v->edge_traces.size(), 2u);
  // i_rwsem -> mmap_lock: t1's request of mmap_lock shared, after its request and grant of i_rwsem.
  const auto& last = v->edge_traces[0].steps.back();
  ASSERT_EQ(last.lock_events.size(), 1u);
  EXPECT_EQ(last.lock_events[0].kind, report::LockEventKind::Request);
  EXPECT_EQ(last.lock_events[0].mode, report::LockEventMode::Shared);
  EXPECT_EQ(v->edge_traces[0].length(), 3u);
  EXPECT_NE(v->details.find("t1 requests mmap_lock (shared)"), std::string::npos) << v->details;
}

TEST(LockOrder, DeclaredOrderIsCheckedAtTheStepWithoutACycle) {
  auto r = run(R"(module declared
lock A: mutex
lock B: mutex
lock C: mutex
lock_order A < B < C
process t { acquire C; acquire A; release A; release C }
)");
  EXPECT_EQ(names(r, "lock_order"), std::vector<std::string>{"declared order A < C"});
  const auto* v = find(r, "declared order A < C");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->trace.length(), 2u);
  EXPECT_TRUE(v->trace.step_violation);
  EXPECT_EQ(v->trace.kind, "lock_order");
  EXPECT_EQ(v->trace.property, "declared order A < C");
  EXPECT_TRUE(v->edge_traces.empty());
  EXPECT_EQ(r.verdict, checker::Verdict::Violated);
}

TEST(LockOrder, StopAtFirstKeepsTheShortestViolation) {
  auto s = compile(three_threads(true) + "lock_order i_rwsem < mmap_lock\n");
  ASSERT_TRUE(s->sys);
  checker::CheckOptions opt;
  opt.workers = 1;
  auto all = checker::check(*s->sys, opt);
  EXPECT_EQ(all.violations.size(), 3u);  // deadlock (8 states), cycle and declared order (3)
  opt.stop_at_first = true;
  auto first = checker::check(*s->sys, opt);
  ASSERT_EQ(first.violations.size(), 1u);
  EXPECT_EQ(first.violations[0].kind, "lock_order");
  EXPECT_EQ(first.violations[0].trace.length(), 3u);
}

TEST(LockOrder, ReadReadCycleIsAWarning) {
  auto r = run(R"(module rr
lock r1: rwsem
lock r2: rwsem
process t1 { acquire r1 shared; acquire r2 shared; release r2; release r1 }
process t2 { acquire r2 shared; acquire r1 shared; release r1; release r2 }
)");
  EXPECT_TRUE(r.violations.empty());
  EXPECT_EQ(r.verdict, checker::Verdict::Ok);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("cycle r1 -> r2 -> r1"), std::string::npos) << r.warnings[0];
}

TEST(LockOrder, OneExclusiveEdgeMakesAReadCycleAViolation) {
  auto r = run(R"(module rx
lock r1: rwsem
lock r2: rwsem
process t1 { acquire r1 shared; acquire r2 shared; release r2; release r1 }
process t2 { acquire r2 shared; acquire r1 shared; release r1; release r2 }
process t3 { acquire r2; acquire r1 shared; release r1; release r2 }
)");
  EXPECT_EQ(names(r, "lock_order"), std::vector<std::string>{"cycle r1 -> r2 -> r1"});
  const auto* v = find(r, "cycle r1 -> r2 -> r1");
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->details.find("r2 (exclusive) -> r1 (shared)"), std::string::npos) << v->details;
}

const char* kFolios = R"(module folios
lock folio[1..3]: mutex
process up { acquire folio[1]; acquire folio[2]; release folio[2]; release folio[1] }
)";

TEST(LockOrder, SameClassNestingIsASelfLoopViolation) {
  auto r = run(kFolios);
  EXPECT_EQ(names(r, "lock_order"), std::vector<std::string>{"same-class nesting folio"});
  EXPECT_EQ(class_pairs(r), (Pairs{{"folio", "folio"}}));
  const auto* v = find(r, "same-class nesting folio");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->trace.length(), 2u);
  EXPECT_NE(v->details.find("lock_order folio by index"), std::string::npos) << v->details;
}

TEST(LockOrder, NestingByIndexAllowsAscendingOnly) {
  auto ok = run(std::string(kFolios) + "lock_order folio by index\n");
  EXPECT_TRUE(ok.violations.empty());
  EXPECT_EQ(class_pairs(ok), (Pairs{{"folio", "folio"}}));
  auto bad = run(std::string(kFolios) + "lock_order folio by index\n" +
                 "process down { acquire folio[3]; d: acquire folio[1]; release folio[1]; release folio[3] }\n");
  EXPECT_EQ(names(bad, "lock_order"), std::vector<std::string>{"declared order folio by index"});
  const auto* v = find(bad, "declared order folio by index");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->trace.length(), 2u);
  EXPECT_EQ(v->trace.steps.back().what, "d");
}

TEST(LockOrder, ResultsDoNotDependOnTheNumberOfWorkers) {
  const std::string specs[] = {three_threads(true), kGate, std::string(kFolios) + R"(
process down { acquire folio[3]; acquire folio[1]; release folio[1]; release folio[3] }
process mid { acquire folio[2]; acquire folio[3]; release folio[3]; release folio[2] }
)"};
  for (const auto& text : specs) {
    auto one = run(text, 1);
    for (unsigned w : {2u, 3u}) {
      auto many = run(text, w);
      ASSERT_EQ(one.lock_order_edges.size(), many.lock_order_edges.size());
      for (std::size_t i = 0; i < one.lock_order_edges.size(); ++i) {
        const auto &x = one.lock_order_edges[i], &y = many.lock_order_edges[i];
        EXPECT_EQ(std::tie(x.from, x.to, x.from_mode, x.to_mode, x.from_lock, x.to_lock, x.process, x.label, x.trace_length),
                  std::tie(y.from, y.to, y.from_mode, y.to_mode, y.from_lock, y.to_lock, y.process, y.label, y.trace_length));
      }
      ASSERT_EQ(one.violations.size(), many.violations.size());
      for (std::size_t i = 0; i < one.violations.size(); ++i) {
        EXPECT_EQ(one.violations[i].name, many.violations[i].name);
        EXPECT_EQ(one.violations[i].details, many.violations[i].details);
        EXPECT_EQ(one.violations[i].trace, many.violations[i].trace);
      }
    }
  }
}

}  // namespace
}  // namespace checker_test
