// checker: the lock-order analysis after exploration: the recorded edges (LockOrderRecorder)
// become the class graph (lock_order_graph.h) and its cycles, the declared orders
// (`lock_order A < B`, `lock_order L by index`) are checked against them, and the results go
// into the CheckResult: `lock_order` violations with a lockdep-style explanation and a shortest
// trace per edge, warnings for cycles whose every edge is shared-after-shared, every edge for
// `lock_order_edges`, and the graph for the DOT/SVG writers. Also the CLI's views of them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "checker/check.h"
#include "checker/lock_order_recorder.h"
#include "checker/trace_builder.h"
#include "report/json.h"

namespace checker {

struct LockOrderAnalysisOptions {
  bool stop_at_first = false;    // keep one violation: the shortest of r's and the analysis' ones
  std::size_t max_cycles = 64;   // elementary circuits reported at most (then a warning)
};

// Appends the analysis' results to r (violations, warnings, lock_order_edges, lock_order_graph).
// level_start: the first state id of each BFS level (for trace lengths).
void analyze_lock_order(const ir::System& sys, const LockOrderRecorder& rec, TraceBuilder& tb,
                        const std::vector<std::uint32_t>& level_start, const LockOrderAnalysisOptions& opt,
                        CheckResult& r);

// `--json` views: "lock_order_edges" ([from, to] class pairs, each once, first recorded first) and
// "lock_order_graph" (classes, and every edge with its modes and first witness).
report::Json lock_order_edges_json(const CheckResult& r);
report::Json lock_order_graph_json(const CheckResult& r);

// The summary line of `weft check` ("  lock_order: ...\n"), empty for a spec without locks.
std::string lock_order_summary(const ir::System& sys, const CheckResult& r);

}  // namespace checker
