// report: LockOrderGraph helpers.
#include "report/lock_graph.h"

#include <algorithm>

namespace report {

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
