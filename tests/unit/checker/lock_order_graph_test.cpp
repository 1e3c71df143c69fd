// tests (checker): find_lock_cycles, the Boost.Graph part of the lock-order analysis: strongly
// connected components, elementary circuits (rotated, sorted), self-loops left out, the limit.
#include <gtest/gtest.h>

#include "checker/lock_order_graph.h"

namespace checker_test {
namespace {

using checker::find_lock_cycles;
using checker::LockClassGraph;
using Circuit = std::vector<std::uint32_t>;

LockClassGraph graph(std::size_t n, std::vector<std::pair<std::uint32_t, std::uint32_t>> edges) {
  LockClassGraph g;
  g.vertices = n;
  g.edges = std::move(edges);
  return g;
}

TEST(LockOrderGraph, EmptyAndAcyclicGraphsHaveNoCycles) {
  auto none = find_lock_cycles(graph(0, {}), 10);
  EXPECT_TRUE(none.circuits.empty());
  EXPECT_EQ(none.components, 0u);
  // i_rwsem -> mmap_lock -> xattr_sem, i_rwsem -> xattr_sem: a consistent order.
  auto dag = find_lock_cycles(graph(3, {{0, 1}, {1, 2}, {0, 2}}), 10);
  EXPECT_TRUE(dag.circuits.empty());
  EXPECT_FALSE(dag.truncated);
  EXPECT_EQ(dag.components, 3u);
}

TEST(LockOrderGraph, TwoClassCycle) {
  auto r = find_lock_cycles(graph(2, {{1, 0}, {0, 1}}), 10);
  ASSERT_EQ(r.circuits.size(), 1u);
  EXPECT_EQ(r.circuits[0], (Circuit{0, 1}));
  EXPECT_EQ(r.components, 1u);
  EXPECT_EQ(r.component[0], r.component[1]);
}

TEST(LockOrderGraph, CircuitsAreRotatedToTheSmallestVertexAndSorted) {
  // 3 -> 1 -> 2 -> 3 and 2 -> 1: circuits {1, 2, 3} and {1, 2}; vertex 0 is on no cycle.
  auto r = find_lock_cycles(graph(4, {{3, 1}, {1, 2}, {2, 3}, {2, 1}, {0, 3}}), 10);
  ASSERT_EQ(r.circuits.size(), 2u);
  EXPECT_EQ(r.circuits[0], (Circuit{1, 2}));
  EXPECT_EQ(r.circuits[1], (Circuit{1, 2, 3}));
  EXPECT_NE(r.component[0], r.component[1]);
  EXPECT_EQ(r.component[1], r.component[3]);
}

TEST(LockOrderGraph, SelfLoopsAndDuplicateEdgesAreNotCircuits) {
  auto r = find_lock_cycles(graph(2, {{0, 0}, {0, 1}, {0, 1}, {1, 1}}), 10);
  EXPECT_TRUE(r.circuits.empty());
  auto d = find_lock_cycles(graph(2, {{0, 1}, {0, 1}, {1, 0}, {1, 0}}), 10);
  EXPECT_EQ(d.circuits.size(), 1u);  // parallel edges do not repeat a circuit
}

TEST(LockOrderGraph, SeparateComponentsEachContributeTheirCycles) {
  auto r = find_lock_cycles(graph(5, {{0, 1}, {1, 0}, {2, 3}, {3, 4}, {4, 2}, {1, 2}}), 10);
  ASSERT_EQ(r.circuits.size(), 2u);
  EXPECT_EQ(r.circuits[0], (Circuit{0, 1}));
  EXPECT_EQ(r.circuits[1], (Circuit{2, 3, 4}));
  EXPECT_EQ(r.components, 2u);
}

TEST(LockOrderGraph, LimitStopsTheEnumeration) {
  // The complete digraph on 5 vertices has 84 elementary circuits of length >= 2.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> all;
  for (std::uint32_t a = 0; a < 5; ++a)
    for (std::uint32_t b = 0; b < 5; ++b)
      if (a != b) all.push_back({a, b});
  auto full = find_lock_cycles(graph(5, all), 1000);
  EXPECT_EQ(full.circuits.size(), 84u);
  EXPECT_FALSE(full.truncated);
  auto cut = find_lock_cycles(graph(5, all), 7);
  EXPECT_EQ(cut.circuits.size(), 7u);
  EXPECT_TRUE(cut.truncated);
  for (const auto& c : cut.circuits) EXPECT_GE(c.size(), 2u);
}

}  // namespace
}  // namespace checker_test
