// tests/report: deadlock waits that distinguish holders from requests queued ahead (rwsem
// queued), in the text, JSON, SVG, DOT and Mermaid writers; the action lane's header; the
// muted "(no value changed)" of a step that stores the value already there.
#include <gtest/gtest.h>

#include "report/dot_writer.h"
#include "report/json_trace.h"
#include "report/mermaid_writer.h"
#include "report/svg_writer.h"
#include "report/text_writer.h"
#include "report/trace_model.h"
#include "sample_traces.h"

namespace report_test {
namespace {

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

TEST(Waits, DescribeWaitNamesHoldersThenRequestsQueuedAhead) {
  const Trace t = queued_rwsem_deadlock();
  EXPECT_EQ(report::describe_wait(t.waits[1]),
            "write at copy_in waits for mmap_lock (shared), held by fault, queued behind munmap");
  EXPECT_EQ(report::describe_wait(t.waits[2]),
            "munmap at lock_mm_w waits for mmap_lock (exclusive), held by fault");
  const std::string text = report::write_text_trace(t);
  EXPECT_TRUE(has(text, "  write at copy_in waits for mmap_lock (shared), held by fault, queued behind munmap\n"))
      << text;
}

TEST(Waits, BlockersCarryModesAndTheRwsemRule) {
  const Trace t = queued_rwsem_deadlock();
  const report::TraceModel m = report::analyze_trace(t);
  EXPECT_EQ(report::held_mode(m, "fault", "mmap_lock"), "shared");
  EXPECT_EQ(report::queued_mode(m, "munmap", "mmap_lock"), "exclusive");
  EXPECT_EQ(report::held_mode(m, "munmap", "mmap_lock"), "");
  EXPECT_EQ(report::describe_blockers(t.waits[1], m),
            (std::vector<std::string>{"held by fault (shared)", "queued behind munmap (exclusive)",
                                      "(a queued writer blocks new readers)"}));
  EXPECT_EQ(report::describe_blockers(t.waits[0], m), (std::vector<std::string>{"held by write (exclusive)"}));
}

TEST(Waits, EdgesSkipCompatibleSharedHoldersAndMarkQueuedOnes) {
  const Trace t = queued_rwsem_deadlock();
  const report::TraceModel m = report::analyze_trace(t);
  std::vector<std::string> got;
  for (const auto& e : report::wait_edges(t, m))
    got.push_back(e.from + (e.queued ? " -queued-> " : " -> ") + e.to + " " + e.lock);
  // write's shared request is not blocked by fault's shared hold but by munmap queued ahead.
  EXPECT_EQ(got, (std::vector<std::string>{"fault -> write i_rwsem", "write -queued-> munmap mmap_lock",
                                           "munmap -> fault mmap_lock"}));
  // Without the acquisition in the trace the hold's mode is unknown: the edge is kept.
  Trace bare = t;
  bare.steps.clear();
  bare.states.resize(1);
  const report::TraceModel mb = report::analyze_trace(bare);
  std::size_t to_fault = 0;
  for (const auto& e : report::wait_edges(bare, mb)) to_fault += e.from == "write" && e.to == "fault";
  EXPECT_EQ(to_fault, 1u);
}

TEST(Waits, JsonKeepsQueuedAheadAndReadsTracesWithoutIt) {
  const Trace t = queued_rwsem_deadlock();
  const std::string json = report::write_json_trace(t);
  EXPECT_TRUE(has(json, "\"queued_ahead\"")) << json;
  const report::TraceReadResult back = report::read_json_trace(json);
  ASSERT_TRUE(back.trace.has_value()) << back.error;
  EXPECT_EQ(back.trace->waits[1].queued_ahead, std::vector<std::string>{"munmap"});
  EXPECT_EQ(back.trace->waits[1].holders, std::vector<std::string>{"fault"});
  EXPECT_EQ(*back.trace, t);
  const report::TraceReadResult old = report::read_json_trace(
      R"({"states": [{"x": 1}], "kind": "deadlock", "waits": [{"process": "p", "lock": "l", "holders": ["q"]}]})");
  ASSERT_TRUE(old.trace.has_value()) << old.error;
  EXPECT_TRUE(old.trace->waits[0].queued_ahead.empty());
}

TEST(Waits, DiagramsDrawQueuedEdgesDashedWithTheirOwnLabel) {
  const Trace t = queued_rwsem_deadlock();
  const std::string svg = report::write_svg_trace(t);
  EXPECT_TRUE(has(svg, ">queued behind it on mmap_lock<")) << svg;
  EXPECT_TRUE(has(svg, ">queued behind munmap (exclusive)<"));
  EXPECT_TRUE(has(svg, ">held by fault (shared)<"));
  EXPECT_TRUE(has(svg, "stroke-dasharray=\"6 3\""));
  const std::string wf = report::waits_for_svg(t);
  EXPECT_TRUE(has(wf, ">queued behind, mmap_lock (shared)<")) << wf;
  EXPECT_TRUE(has(wf, "dashed: P is queued behind"));
  const std::string dot = report::waits_for_dot(t);
  EXPECT_TRUE(has(dot, "[label=\"queued behind, mmap_lock (shared)\", style=dashed]")) << dot;
  const std::string mmd = report::write_mermaid_trace(t);
  EXPECT_TRUE(has(mmd, ": queued behind it on mmap_lock\n")) << mmd;
  EXPECT_FALSE(has(mmd, "L1-->>L0: waits for mmap_lock")) << mmd;  // write -> fault: compatible
}

TEST(Diagrams, ActionLaneIsTitledAtomicActions) {
  const Trace t = action_trace();
  const report::TraceModel m = report::analyze_trace(t);
  EXPECT_EQ(m.lanes, std::vector<std::string>{"actions"});
  EXPECT_EQ(m.lane_titles, std::vector<std::string>{"atomic actions"});
  EXPECT_TRUE(has(report::write_svg_trace(t), ">atomic actions<"));
  EXPECT_TRUE(has(report::write_mermaid_trace(t), " as atomic actions\n"));
  const report::TraceModel p = report::analyze_trace(lost_update());
  EXPECT_EQ(p.lane_titles, p.lanes);  // process lanes keep their names
}

TEST(Diagrams, StepThatChangesNothingSaysSo) {
  const std::string svg = report::write_svg_trace(lost_update());
  // Step 4: writer[2] stores counter = 1 over counter = 1 (the lost update).
  // Its own locals are listed: what a load into a register that already held the value shows.
  std::size_t n = 0;
  for (std::size_t p = svg.find("(no value changed"); p != std::string::npos; p = svg.find("(no value changed", p + 1))
    ++n;
  EXPECT_EQ(n, 1u) << svg;
  EXPECT_TRUE(has(svg, ">(no value changed; tmp = 1)<")) << svg;
}

TEST(LockOrderGraph, EdgeLabelsAreShortAndNameModesOnlyWhenShared) {
  const report::LockOrderGraph g = abba_lock_graph();
  EXPECT_EQ(report::lock_edge_label(g.edges[0]), (std::vector<std::string>{"t[1] at take_b", "abba.weft:9"}));
  EXPECT_EQ(report::lock_edge_label(g.edges[2]),
            (std::vector<std::string>{"t[2] at \"peek\"", "exclusive -> shared"}));
  const std::string dot = report::lock_order_dot(g);
  EXPECT_FALSE(has(dot, "examples/abba.weft")) << dot;
  EXPECT_FALSE(has(dot, "exclusive -> exclusive")) << dot;
  const std::string svg = report::lock_order_svg(g);
  EXPECT_TRUE(has(svg, ">t[2] at take_a<")) << svg;
  EXPECT_TRUE(has(svg, ">abba.weft:15<")) << svg;
  EXPECT_FALSE(has(svg, "labels on the cycle only")) << svg;  // 4 edges: every edge labelled
  // A crowded graph labels its cycle only; the other edges carry their witness as a tooltip.
  report::LockOrderGraph big = g;
  big.edges.push_back({"A", "C<&>", "exclusive", "exclusive", "t[3] at nest (examples/abba.weft:30)"});
  const std::string crowded = report::lock_order_svg(big);
  EXPECT_TRUE(has(crowded, "labels on the cycle only")) << crowded;
  EXPECT_TRUE(has(crowded, ">t[1] at take_b<"));
  EXPECT_FALSE(has(crowded, ">t[3] at nest<"));
  EXPECT_TRUE(has(crowded, "<title>A -&gt; C&lt;&amp;&gt;: t[3] at nest; abba.weft:30</title>")) << crowded;
}

}  // namespace
}  // namespace report_test
