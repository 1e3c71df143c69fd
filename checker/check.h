// checker: the explicit-state engine's entry point: breadth-first exploration of an
// ir::System (levels, so every counterexample is shortest), parallel with identical results
// for any number of workers, checking invariants, asserts, run-time errors, deadlock,
// held_at_exit and covers; counterexamples as report::Trace.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "report/lock_graph.h"
#include "report/trace.h"

namespace checker {

struct Progress {
  std::uint64_t generated = 0;  // successors generated so far
  std::uint64_t distinct = 0;   // distinct states stored
  std::uint64_t queue = 0;      // states not yet expanded
  std::uint64_t depth = 0;      // current BFS depth
  double seconds = 0;
  double states_per_second = 0;  // generated / s
};

struct CheckOptions {
  unsigned workers = 0;            // 0: hardware concurrency
  std::uint64_t max_states = 0;    // 0: no limit
  std::uint64_t max_depth = 0;     // 0: no limit
  std::uint64_t memory = 0;        // bytes; 0: default_memory_limit()
  bool fingerprint = false;
  bool no_deadlock = false;
  bool stop_at_first = false;
  // --compile: generate C++ for the transitions and predicates (native_codegen.h), compile it
  // with the system compiler and run it natively; results are identical to interpreting.
  bool compile = false;
  double progress_interval = 3.0;  // seconds between progress reports
  std::function<void(const Progress&)> progress;  // called from the exploring thread
};

struct Violation {
  std::string kind;      // invariant, assert, deadlock, held_at_exit, runtime_error
  std::string name;      // invariant name, assert property, "deadlock", process, error category
  std::string message;
  std::string location;  // "specs/x.weft:42"
  report::Trace trace;
  // lock_order (lock_order_analysis.h): a lockdep-style explanation (the chain, modes, where each
  // edge was taken) and, for a cycle, a shortest trace to each edge in chain order (`trace` is
  // the one of the edge recorded last, which closes the cycle).
  std::string details;
  std::vector<report::Trace> edge_traces;
};

// One edge of the lock-order graph (a class pair and both modes) with its first witness.
struct LockOrderEdgeInfo {
  std::string from, to;            // lock classes: `to` was acquired while `from` was held
  std::string from_mode, to_mode;  // "exclusive" / "shared"
  std::string from_lock, to_lock;  // the instances of the first witness ("folio[2]")
  std::string process;             // the acquiring process instance
  std::string label;               // its step: the label, or what the step does
  std::string location;            // file:line of the acquiring statement
  std::size_t trace_length = 0;    // states up to the one in which the acquiring step is taken
};

enum class Verdict { Ok, Violated, Inconclusive, Error };

struct CheckResult {
  Verdict verdict = Verdict::Ok;
  std::uint64_t distinct_states = 0;
  std::uint64_t initial_states = 0;
  std::uint64_t transitions = 0;
  std::uint64_t depth = 0;
  double seconds = 0;
  std::vector<Violation> violations;  // ordered: kind class, then trace length, then name
  std::vector<std::string> vacuous_covers;
  std::vector<std::string> warnings;
  std::vector<std::string> notes;   // how the run was made (e.g. what --compile compiled)
  std::string inconclusive_reason;  // "--max-states 1000 reached", ...
  std::string error;                // Verdict::Error: why the engine could not run
  bool fingerprint = false;
  double collision_probability = 0;  // fingerprint mode: n (n - 1) / 2 / 2^64 ... see check.cpp
  std::uint64_t memory_bytes = 0;     // peak bytes of the state store
  unsigned workers = 1;
  // Every reachable state was examined (explicit: no limit and no --stop-at-first stopped the
  // search; bmc: complete; induction: proved), so a property without a violation holds. False
  // with a violation found means the others are only "not violated" as far as the search went.
  bool exhaustive = true;
  // Lock-order analysis, listed whether or not `check lock_order` is on: every recorded edge
  // (first witness first), and the class graph for DOT/SVG (one edge per class pair, the edges
  // of reported cycles highlighted).
  std::vector<LockOrderEdgeInfo> lock_order_edges;
  report::LockOrderGraph lock_order_graph;
};

CheckResult check(const ir::System& system, const CheckOptions& options);

// Why a property without a violation in r is only "not violated": "inconclusive", "search
// not exhaustive", or null when it holds (a conclusive, exhaustive search).
inline const char* not_proved_because(const CheckResult& r) {
  if (r.verdict == Verdict::Inconclusive) return "inconclusive";
  return r.exhaustive ? nullptr : "search not exhaustive";
}

// Default budget for --memory: 80% of physical memory (within a cgroup limit if any).
std::uint64_t default_memory_budget();

}  // namespace checker
