// checker: find_lock_cycles (lock_order_graph.h) on Boost.Graph: strong_components splits the
// class graph, then hawick_circuits enumerates the elementary circuits of each non-trivial
// component, stopping once `limit` circuits are collected.
#include "checker/lock_order_graph.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/hawick_circuits.hpp>
#include <boost/graph/strong_components.hpp>

namespace checker {

namespace {

// setS out-edges: parallel edges collapse, so each circuit is visited once.
using Graph = boost::adjacency_list<boost::setS, boost::vecS, boost::directedS>;

// hawick_circuits has no way to stop early but to leave the visitor by an exception; this one
// never escapes find_lock_cycles.
struct EnoughCircuits {};

struct Collector {
  std::vector<std::vector<std::uint32_t>>* out;
  const std::vector<std::uint32_t>* to_class;  // component-local vertex -> class
  std::size_t limit;
  bool* truncated;
  template <class Path, class G>
  void cycle(const Path& path, const G&) {
    if (path.size() < 2) return;
    if (out->size() >= limit) {
      *truncated = true;
      throw EnoughCircuits{};
    }
    std::vector<std::uint32_t> c;
    c.reserve(path.size());
    for (auto v : path) c.push_back((*to_class)[static_cast<std::size_t>(v)]);
    std::rotate(c.begin(), std::min_element(c.begin(), c.end()), c.end());
    out->push_back(std::move(c));
  }
};

}  // namespace

LockCycles find_lock_cycles(const LockClassGraph& lg, std::size_t limit) {
  LockCycles res;
  const std::size_t n = lg.vertices;
  Graph g(n);
  for (const auto& [a, b] : lg.edges)
    if (a < n && b < n && a != b) boost::add_edge(a, b, g);
  std::vector<int> comp(n, 0);
  res.components = n ? static_cast<std::size_t>(boost::strong_components(g, comp.data())) : 0;
  res.component.assign(comp.begin(), comp.end());
  std::vector<std::size_t> size(res.components, 0);
  for (int c : comp) ++size[static_cast<std::size_t>(c)];
  // Components in the order of their smallest vertex, so the search order is deterministic.
  std::vector<std::uint32_t> order;
  for (std::uint32_t v = 0; v < n; ++v) {
    std::size_t c = static_cast<std::size_t>(comp[v]);
    if (size[c] < 2) continue;
    bool first = true;
    for (std::uint32_t u = 0; u < v; ++u) first = first && comp[u] != comp[v];
    if (first) order.push_back(static_cast<std::uint32_t>(c));
  }
  for (std::uint32_t c : order) {
    std::vector<std::uint32_t> to_class, local(n, 0);
    for (std::uint32_t v = 0; v < n; ++v)
      if (static_cast<std::uint32_t>(comp[v]) == c) {
        local[v] = static_cast<std::uint32_t>(to_class.size());
        to_class.push_back(v);
      }
    Graph sub(to_class.size());
    for (const auto& [a, b] : lg.edges)
      if (a < n && b < n && a != b && static_cast<std::uint32_t>(comp[a]) == c &&
          static_cast<std::uint32_t>(comp[b]) == c)
        boost::add_edge(local[a], local[b], sub);
    Collector col{&res.circuits, &to_class, limit, &res.truncated};
    try {
      boost::hawick_circuits(sub, col);
    } catch (const EnoughCircuits&) {
      break;
    }
  }
  std::sort(res.circuits.begin(), res.circuits.end(), [](const auto& x, const auto& y) {
    if (x.size() != y.size()) return x.size() < y.size();
    return x < y;
  });
  return res;
}

}  // namespace checker
