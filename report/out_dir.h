// report: the files of `weft check --out DIR`: per violated property
// <kind>-<name>.{txt,json,itf.json,svg,mmd,dot} (deadlocks also .waits.svg/.waits.dot),
// lock-order.{svg,dot} when a lock-order graph is given, and index.html.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "report/lock_graph.h"
#include "report/report_item.h"

namespace report {

struct OutDirResult {
  bool ok = false;
  std::string error;                 // why writing failed (the directory or a file)
  std::vector<std::string> written;  // every file written, relative to the directory
};

// Creates `dir` if needed and writes every file. I/O problems are reported, never thrown.
OutDirResult write_out_dir(const std::string& dir, const RunInfo& run,
                           const std::vector<ReportItem>& items,
                           const std::optional<LockOrderGraph>& lock_graph = std::nullopt);

}  // namespace report
