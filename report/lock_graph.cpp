// report: LockOrderGraph helpers.
#include "report/lock_graph.h"

#include <algorithm>

#include "report/text_util.h"

namespace report {

std::vector<std::string> lock_edge_label(const LockOrderEdge& e) {
  std::vector<std::string> out;
  std::string who = e.witness, where;
  const std::size_t open = who.rfind(" (");
  if (open != std::string::npos && !who.empty() && who.back() == ')') {
    where = short_location(who.substr(open + 2, who.size() - open - 3));
    who = who.substr(0, open);
  }
  if (e.from_mode == "shared" || e.to_mode == "shared") {
    where += (where.empty() ? "" : ", ") + (e.from_mode.empty() ? std::string("?") : e.from_mode) + " -> " +
             (e.to_mode.empty() ? std::string("?") : e.to_mode);
  }
  if (!who.empty()) out.push_back(who);
  if (!where.empty()) out.push_back(where);
  return out;
}

bool LockOrderGraph::on_cycle(std::size_t edge) const {
  return std::find(cycle.begin(), cycle.end(), edge) != cycle.end();
}

std::vector<std::string> LockOrderGraph::all_nodes() const {
  std::vector<std::string> out;
  auto add = [&](const std::string& n) {
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  };
  for (const auto& n : nodes) add(n);
  for (const auto& e : edges) {
    add(e.from);
    add(e.to);
  }
  return out;
}

}  // namespace report
