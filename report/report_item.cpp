// report: plan_item_files, safe and unique file names for the counterexamples of a report.
#include "report/report_item.h"

#include <algorithm>

#include "report/text_util.h"

namespace report {

std::vector<ItemFiles> plan_item_files(const std::vector<ReportItem>& items) {
  std::vector<ItemFiles> out(items.size());
  std::vector<std::string> used{"index", "lock-order"};
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (!items[k].trace) continue;
    const VerdictSummary& s = items[k].summary;
    const std::string kind = safe_file_name(s.kind.empty() ? items[k].trace->kind : s.kind, 20);
    const std::string name = s.name.empty() ? items[k].trace->property : s.name;
    std::string base = kind;
    if (!name.empty() && name != kind) base += "-" + safe_file_name(name, 60);
    const std::string stem = base;
    for (int n = 2; std::find(used.begin(), used.end(), base) != used.end(); ++n)
      base = stem + "-" + std::to_string(n);
    used.push_back(base);
    ItemFiles& f = out[k];
    f.base = base;
    f.txt = base + ".txt";
    f.json = base + ".json";
    f.itf = base + ".itf.json";
    f.svg = base + ".svg";
    f.mmd = base + ".mmd";
    f.dot = base + ".dot";
    if (items[k].trace->kind == "deadlock" && !items[k].trace->waits.empty()) {
      f.waits_svg = base + ".waits.svg";
      f.waits_dot = base + ".waits.dot";
    }
  }
  return out;
}

}  // namespace report
