// report: index.html of a report directory: the run's verdicts and every counterexample
// diagram inline. Self-contained: no scripts, no external resources.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "report/lock_graph.h"
#include "report/report_item.h"

namespace report {

// `files` (from plan_item_files) supplies the links to each item's other files; pass an
// empty vector for a page without links.
std::string write_html_index(const RunInfo& run, const std::vector<ReportItem>& items,
                             const std::vector<ItemFiles>& files,
                             const std::optional<LockOrderGraph>& lock_graph = std::nullopt);

}  // namespace report
