// checker: LockClassGraph, the lock-order graph between lock classes as plain data, and its cycle
// search (strongly connected components, then Hawick's elementary circuits) — the only place
// that uses Boost.Graph (its headers are slow to compile: keep them in lock_order_graph.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace checker {

struct LockClassGraph {
  std::size_t vertices = 0;                                   // lock classes 0..vertices-1
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // (from, to); duplicates allowed
};

struct LockCycles {
  // Elementary circuits of length >= 2, each as its vertices in order (an edge from each to the
  // next and from the last back to the first), rotated to start at its smallest vertex; sorted
  // by (length, vertices). Self-loops are not circuits here: the caller sees them in `edges`.
  std::vector<std::vector<std::uint32_t>> circuits;
  bool truncated = false;                 // more than `limit` circuits exist; only `limit` listed
  std::vector<std::uint32_t> component;   // strongly connected component of each vertex
  std::size_t components = 0;
};

// Finds the elementary circuits of g (at most `limit` of them; the search stops there).
LockCycles find_lock_cycles(const LockClassGraph& g, std::size_t limit);

}  // namespace checker
