// report: the inputs of the multi-file report (index.html and `--out DIR`): a run's
// figures, one verdict per checked property, and the counterexample when there is one.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/trace.h"

namespace report {

// One checked property and its verdict (as in `--json`'s "violations", plus the ones
// that hold or were not decided).
struct VerdictSummary {
  std::string kind;     // "invariant", "assert", "deadlock", "lock_order", ...
  std::string name;     // property name
  std::string verdict;  // "violated", "holds", "inconclusive", "vacuous", ...
  std::string message;
  std::size_t trace_length = 0;
};

struct ReportItem {
  VerdictSummary summary;
  std::optional<Trace> trace;  // the counterexample, when there is one
};

// What the run as a whole found (the header of index.html).
struct RunInfo {
  std::string spec;
  std::string engine;
  std::string verdict;  // "ok|violated|inconclusive|error"
  std::optional<std::uint64_t> distinct_states;
  std::optional<std::uint64_t> transitions;
  std::optional<std::uint64_t> depth;
  std::optional<double> seconds;
  std::vector<std::string> warnings;
  std::vector<std::string> vacuous_covers;
};

// The files of one item with a trace (names relative to the output directory; empty when
// not written).
struct ItemFiles {
  std::string base;  // "invariant-no_double_owner"
  std::string txt, json, itf, svg, mmd, dot, waits_svg, waits_dot;
};

// File names for the items: "<kind>-<name>" made safe and unique among the items; items
// without a trace get an empty ItemFiles.
std::vector<ItemFiles> plan_item_files(const std::vector<ReportItem>& items);

}  // namespace report
