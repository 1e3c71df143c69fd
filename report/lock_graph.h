// report: LockOrderGraph, the lock-order graph handed to the DOT and SVG writers (the checker
// builds it; a cycle is given as indices into `edges`).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace report {

struct LockOrderEdge {
  std::string from;       // lock class held ("i_rwsem")
  std::string to;         // lock class acquired while holding `from` ("mmap_lock")
  std::string from_mode;  // "exclusive" / "shared" ("" if unknown)
  std::string to_mode;
  std::string witness;    // first witness, e.g. "writer[1] at map (x.weft:31)"
};

// An edge's label in the diagrams, two short lines: who recorded it ("writer at fault_in"),
// then where, with the spec's file name only, and the modes when one side is shared
// ("spec.weft:12, exclusive -> shared"); exclusive on both sides, the common case, is not
// spelled out.
std::vector<std::string> lock_edge_label(const LockOrderEdge& e);

struct LockOrderGraph {
  std::vector<std::string> nodes;     // lock classes in display order; edge ends not listed
                                      // here are added after them
  std::vector<LockOrderEdge> edges;
  std::vector<std::size_t> cycle;     // indices into edges forming the reported cycle

  bool on_cycle(std::size_t edge) const;
  std::vector<std::string> all_nodes() const;  // nodes, then any edge end not among them
};

}  // namespace report
