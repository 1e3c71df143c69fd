// report: the candidate comparison of `weft compare`: one row per spec run with a verdict per
// column (P1, deadlock, lock order, P3, other properties) against the spec header's expected
// verdicts; rendered as a text table (stdout), report.md (Mermaid diagrams inline) and
// report.html (SVG inline), with every counterexample's files under DIR/<candidate>/.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/lock_graph.h"
#include "report/trace.h"

namespace report {

// The four fixed columns, in table order.
inline constexpr const char* kCompareColumns[] = {"P1", "deadlock", "lock_order", "P3"};

// One verdict: what the engine found and what the header expects.
struct CompareCell {
  std::string found;             // "ok", "violated", "inconclusive", "error"; covers: "reached"/"vacuous"
  std::string expected;          // from the header; "" when the header says nothing
  std::size_t shortest = 0;      // violated: states in the shortest counterexample
  bool matches() const { return expected.empty() || expected == found; }
};

// A property the four columns do not cover (another invariant or assert, a run-time error,
// held_at_exit, a cover), shown when violated or when the header names it.
struct CompareExtra {
  std::string name;
  CompareCell cell;
};

// One counterexample of the explicit engine.
struct CompareViolation {
  std::string column;    // "P1", "deadlock", "lock_order", "P3" or "other"
  std::string kind;      // invariant, assert, deadlock, lock_order, held_at_exit, runtime_error
  std::string name;
  std::string message;
  std::string details;   // lock_order: the lockdep-style explanation
  Trace trace;
  std::vector<Trace> edge_traces;  // lock-order cycle: a shortest trace to each edge
};

// The symbolic cross-check of one run.
struct CompareBmc {
  std::string status;    // "agrees", "disagrees", "skipped", "unavailable", "inconclusive", "error"
  std::uint64_t depth = 0;  // steps examined
  double seconds = 0;
  std::string detail;    // what disagreed, or why it did not run
};

// One `//! run:` block of a spec.
struct CompareRun {
  std::string args;       // the run's arguments as written ("" for the defaults)
  std::string scenario;   // the header's scenario text for this run
  std::string dir;        // its files, relative to the output directory ("F0", "F6/run-2")
  std::string error;      // the run could not be checked (spec error, bad header, engine error)
  std::string verdict;    // the engine's overall verdict: ok, violated, inconclusive, error
  std::string inconclusive_reason;
  CompareCell columns[4];             // kCompareColumns order
  std::vector<CompareExtra> extras;   // other properties and covers
  std::uint64_t distinct_states = 0;
  std::uint64_t transitions = 0;
  std::uint64_t depth = 0;
  double seconds = 0;
  unsigned workers = 1;
  CompareBmc bmc;
  std::vector<CompareViolation> violations;  // the checker's order (kind, length, name)
  std::vector<std::string> reached_covers, vacuous_covers, warnings;
  std::optional<LockOrderGraph> lock_graph;

  // Every stated expectation holds, the run was checked, and the BMC cross-check did not
  // disagree.
  bool matches() const;
  // The mismatches in words ("P1: expected violated, found ok").
  std::vector<std::string> mismatches() const;
};

// One spec file: a fix candidate and its runs.
struct CompareCandidate {
  std::string spec;       // path as given
  std::string candidate;  // "F0"
  std::string title, source;
  std::vector<CompareRun> runs;
};

struct CompareReport {
  std::vector<CompareCandidate> candidates;
  std::string engines;    // one line: "explicit engine (BFS), 2 workers; BMC cross-check ..."
};

struct CompareTextOptions {
  bool mask_time = false;  // print "-" in the time column (golden tests)
};

// The verdict table as plain text (stdout): one row per run, then a line per mismatch.
std::string compare_table_text(const CompareReport& report, const CompareTextOptions& options = {});

struct CompareWriteResult {
  bool ok = false;
  std::string error;
  std::vector<std::string> written;  // relative to the directory
};

// Writes DIR/report.md, DIR/report.html and, per run, DIR/<run.dir>/ (every counterexample as
// text, JSON, ITF, SVG, Mermaid and DOT, the lock-order graph, index.html) with the writers of
// out_dir.h. I/O problems are reported, never thrown.
CompareWriteResult write_compare_report(const std::string& dir, const CompareReport& report);

// The two documents alone (tests): links point into the per-run directories.
std::string compare_report_markdown(const CompareReport& report);
std::string compare_report_html(const CompareReport& report);

}  // namespace report
