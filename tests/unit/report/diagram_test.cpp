// tests/report: Mermaid, DOT and SVG writers; DOT must pass `dot`, SVG must parse as XML
// (xmllint) and rasterise (rsvg-convert); the lock-order and waits-for graphs likewise.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "report/dot_writer.h"
#include "report/mermaid_writer.h"
#include "report/svg_writer.h"
#include "report/trace_model.h"
#include "sample_traces.h"
#include "test_tools.h"

namespace report_test {
namespace {

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b < s.size()) {
    std::size_t e = s.find('\n', b);
    if (e == std::string::npos) e = s.size();
    out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// ---------------------------------------------------------------- Mermaid

TEST(Mermaid, StructureIsValidForEverySample) {
  for (const auto& [name, t] : all_samples()) {
    const std::string mmd = report::write_mermaid_trace(t);
    const auto lines = lines_of(mmd);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0], "sequenceDiagram") << name;
    std::map<std::string, int> active;
    int blocks = 0;
    const std::regex entity("#[A-Za-z0-9]+;");
    for (std::size_t k = 1; k < lines.size(); ++k) {
      const std::string& l = lines[k];
      if (l.rfind("    %%", 0) == 0) continue;
      if (l.rfind("    activate ", 0) == 0) ++active[l.substr(13)];
      if (l.rfind("    deactivate ", 0) == 0) {
        EXPECT_GT(active[l.substr(15)], 0) << name << ": deactivating an inactive participant";
        --active[l.substr(15)];
      }
      if (l.rfind("    rect ", 0) == 0) ++blocks;
      if (l == "    end") --blocks;
      EXPECT_GE(blocks, 0) << name;
      // User text (participant aliases, note and message text) may contain no raw ';', '#',
      // '%', '"', '<', '>', '{', '}' (other than <br/>) once the entity codes are removed.
      std::string text;
      if (const std::size_t as = l.find(" as "); l.rfind("    participant ", 0) == 0 && as != std::string::npos) {
        text = l.substr(as + 4);
      } else if (const std::size_t colon = l.find(':'); colon != std::string::npos) {
        text = l.substr(colon + 1);
      }
      std::string rest = std::regex_replace(text, entity, "");
      for (std::size_t p = rest.find("<br/>"); p != std::string::npos; p = rest.find("<br/>")) rest.erase(p, 5);
      EXPECT_EQ(rest.find_first_of(";#%\"<>{}"), std::string::npos) << name << ": " << l;
    }
    EXPECT_EQ(blocks, 0) << name;
  }
}

TEST(Mermaid, OneParticipantPerLaneAndTheViolationHighlighted) {
  const std::string mmd = report::write_mermaid_trace(long_trace());
  EXPECT_EQ(count(mmd, "    participant "), 8u);
  EXPECT_NE(mmd.find("    participant L7 as worker[8]\n"), std::string::npos);
  EXPECT_NE(mmd.find("rect rgb(255, 221, 221)"), std::string::npos);
  EXPECT_NE(mmd.find("VIOLATION: assertion failed: check_total"), std::string::npos);
  const std::string dl = report::write_mermaid_trace(abba_deadlock());
  EXPECT_NE(dl.find("    L0-->>L1: waits for B\n"), std::string::npos) << dl;
  EXPECT_NE(dl.find("    L1-->>L0: waits for A\n"), std::string::npos) << dl;
  EXPECT_NE(dl.find("    activate L0\n"), std::string::npos);
}

TEST(Mermaid, EscapesWhatMermaidParses) {
  EXPECT_EQ(report::mermaid_escape("a;b#c<d>&\"e\"%{f}\ng"),
            "a#59;b#35;c#lt;d#gt;#amp;#quot;e#quot;#37;#123;f#125;<br/>g");
}

// ---------------------------------------------------------------- DOT

TEST(Dot, EscapesQuotesBackslashesAndAmpersands) {
  EXPECT_EQ(report::dot_escape("a\"b\\c&d\ne"), "a\\\"b\\\\c&amp;d\\le");
}

TEST(Dot, GraphvizAcceptsEveryOutput) {
  if (!have_tool("dot")) GTEST_SKIP() << "graphviz dot not installed";
  const auto dir = scratch_dir("dot");
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& [name, t] : all_samples()) {
    files.push_back({name + ".dot", report::write_dot_trace(t)});
    if (!t.waits.empty()) files.push_back({name + ".waits.dot", report::waits_for_dot(t)});
  }
  files.push_back({"lock_order.dot", report::lock_order_dot(abba_lock_graph())});
  for (const auto& [file, text] : files) {
    write_text(dir / file, text);
    EXPECT_EQ(run("dot -Tsvg " + quoted(dir / file) + " -o " + quoted(dir / (file + ".svg")), dir / "log.txt"), 0)
        << file << ":\n" << read_text(dir / "log.txt");
    EXPECT_EQ(read_text(dir / "log.txt"), "") << file << ": graphviz warned";
  }
}

TEST(Dot, TraceHasClustersPerLaneAndMarksTheViolation) {
  const std::string dot = report::write_dot_trace(queued_rwsem_deadlock());
  EXPECT_EQ(count(dot, "subgraph cluster_lane"), 3u);
  EXPECT_NE(dot.find("label=\"fault\""), std::string::npos);
  EXPECT_NE(dot.find("end0 -> end1"), std::string::npos) << dot;  // fault waits for write
  EXPECT_NE(dot.find("label=\"waits for i_rwsem\""), std::string::npos);
  const std::string inv = report::write_dot_trace(lost_update());
  EXPECT_NE(inv.find("violation [shape=octagon"), std::string::npos);
  EXPECT_NE(inv.find("s4 -> violation"), std::string::npos);
  const std::string lo = report::lock_order_dot(abba_lock_graph());
  EXPECT_EQ(count(lo, "color=\"#c62828\", fontcolor"), 2u) << lo;  // the two cycle edges
  EXPECT_NE(lo.find("n2 -> n2"), std::string::npos);              // the self-loop
}

// ---------------------------------------------------------------- SVG

void check_svg(const std::string& svg, const std::string& name) {
  if (!have_tool("xmllint") || !have_tool("rsvg-convert")) GTEST_SKIP() << "xmllint or rsvg-convert missing";
  const auto dir = scratch_dir(name);
  write_text(dir / "d.svg", svg);
  EXPECT_EQ(run("xmllint --noout " + quoted(dir / "d.svg"), dir / "xmllint.txt"), 0)
      << name << ":\n" << read_text(dir / "xmllint.txt");
  EXPECT_EQ(run("rsvg-convert " + quoted(dir / "d.svg") + " -o " + quoted(dir / "d.png"), dir / "rsvg.txt"), 0)
      << name << ":\n" << read_text(dir / "rsvg.txt");
  const std::string png = read_text(dir / "d.png");
  ASSERT_GT(png.size(), 8u) << name;
  EXPECT_EQ(png.substr(1, 3), "PNG") << name;
}

TEST(Svg, EverySampleParsesAndRasterises) {
  for (const auto& [name, t] : all_samples()) {
    check_svg(report::write_svg_trace(t), name);
    if (!t.waits.empty()) check_svg(report::waits_for_svg(t), name + "-waits");
  }
  check_svg(report::lock_order_svg(abba_lock_graph()), "lock-order");
}

double svg_attr(const std::string& svg, const std::string& attr) {
  const std::size_t p = svg.find(attr + "=\"");
  if (p == std::string::npos) return -1;
  return std::stod(svg.substr(p + attr.size() + 2));
}

TEST(Svg, LanesStepsBarsAndViolation) {
  const Trace t = queued_rwsem_deadlock();
  const std::string svg = report::write_svg_trace(t);
  // Lane headers at the top and the bottom.
  EXPECT_EQ(count(svg, "<title>fault</title>"), 2u + 1u);  // two headers + the blocked box
  EXPECT_EQ(count(svg, "<title>munmap</title>"), 3u);
  // Every step is a group with its tooltip; file:line is shown.
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    EXPECT_NE(svg.find("<title>" + std::to_string(i + 1) + ". "), std::string::npos) << i;
  EXPECT_NE(svg.find(">ext4_inline_mmap.weft:40<"), std::string::npos);
  // Lock bars: held exclusive, held shared (pattern), waiting (dashed), with tooltips.
  EXPECT_NE(svg.find("<title>i_rwsem held exclusive by write, step 1 to the end</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>mmap_lock held shared by fault, step 3 to the end</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>mmap_lock requested shared by fault, step 2 to step 3</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>mmap_lock requested exclusive by munmap, step 4 to the end</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>fault waits for i_rwsem</title>"), std::string::npos);  // never requested: a stub
  EXPECT_NE(svg.find("fill=\"url(#weft-shared-1)\""), std::string::npos);
  // Changed variables annotated; the deadlock section with three waits-for arrows.
  EXPECT_NE(svg.find(">mapped = true<"), std::string::npos);
  EXPECT_NE(svg.find(">layout = Extents<"), std::string::npos);
  EXPECT_NE(svg.find("Deadlock in state 6: no process can move"), std::string::npos);
  EXPECT_EQ(count(svg, "marker-end=\"url(#weft-arrow-red)\""), 3u);
  EXPECT_NE(svg.find(">blocked at copy_in<"), std::string::npos);
}

TEST(Svg, DeadlockOnAnAwaitHasABoxButNoArrow) {
  Trace t = lost_update();
  t.kind = "deadlock";
  t.property = "deadlock";
  t.waits = {{"writer[1]", "wait_flag", "", "", {}, "flag == true && x < 3", {}}};
  const std::string svg = report::write_svg_trace(t);
  EXPECT_NE(svg.find(">awaits flag == true &amp;&amp; x &lt; 3<"), std::string::npos);
  EXPECT_NE(svg.find(">blocked at wait_flag<"), std::string::npos);
  EXPECT_EQ(svg.find("marker-end="), std::string::npos);
  check_svg(svg, "await");
  check_svg(report::waits_for_svg(t), "await-waits");
  const std::string mmd = report::write_mermaid_trace(t);
  EXPECT_NE(mmd.find("awaits flag == true #amp;#amp; x #lt; 3"), std::string::npos) << mmd;
}

TEST(Svg, FailingStepIsRedAndNamesTheProperty) {
  const std::string svg = report::write_svg_trace(long_trace());
  EXPECT_NE(svg.find("\u2717 assertion failed: check_total"), std::string::npos);
  EXPECT_NE(svg.find("Assertion failed: check_total at step 60"), std::string::npos);
  EXPECT_NE(svg.find("stroke=\"#c62828\" stroke-width=\"2\""), std::string::npos);
}

TEST(Svg, CanvasGrowsWithLanesAndSteps) {
  const std::string small = report::write_svg_trace(lost_update());
  const std::string big = report::write_svg_trace(long_trace());
  const double w8 = svg_attr(big, "width"), h60 = svg_attr(big, "height");
  EXPECT_GT(w8, 8 * 170.0);          // eight lanes of at least the minimum width
  EXPECT_GT(h60, 60 * 30.0);         // sixty rows
  EXPECT_LT(svg_attr(small, "width"), w8);
  EXPECT_LT(svg_attr(small, "height"), h60);
}

TEST(Svg, EscapesNamesAndUsesItsIdPrefix) {
  report::SvgOptions o;
  o.id_prefix = "9 bad id!";
  const std::string svg = report::write_svg_trace(escaping_trace(), o);
  EXPECT_NE(svg.find("p&lt;1&gt;&amp;&quot;x&quot;"), std::string::npos);
  EXPECT_EQ(svg.find("p<1>"), std::string::npos);
  EXPECT_NE(svg.find("id=\"w9_bad_id_-shared-0\""), std::string::npos) << svg.substr(0, 800);
  EXPECT_EQ(report::svg_id_prefix("t1"), "t1");
}

TEST(Svg, GraphsHighlightCycleAndWaits) {
  const std::string lo = report::lock_order_svg(abba_lock_graph());
  EXPECT_EQ(count(lo, "marker-end=\"url(#weft-arrow-red)\""), 2u);
  EXPECT_EQ(count(lo, "marker-end=\"url(#weft-arrow)\""), 2u);
  EXPECT_NE(lo.find("C&lt;&amp;&gt;"), std::string::npos);
  const std::string wf = report::waits_for_svg(queued_rwsem_deadlock());
  EXPECT_EQ(count(wf, "marker-end=\"url(#weft-arrow-red)\""), 3u);
  EXPECT_NE(wf.find(">mmap_lock (exclusive)<"), std::string::npos);
}

// ---------------------------------------------------------------- model

TEST(TraceModel, ComputesChangedVariablesWhenTheEngineDidNot) {
  Trace t = lost_update();
  const report::TraceModel given = report::analyze_trace(t);
  for (auto& s : t.steps) s.changed.clear();
  std::swap(t.states[2].vars[0], t.states[2].vars[1]);  // order may differ between states
  const report::TraceModel computed = report::analyze_trace(t);
  EXPECT_EQ(computed.changed, given.changed);
}

TEST(TraceModel, LanesIntervalsAndSlots) {
  const report::TraceModel m = report::analyze_trace(queued_rwsem_deadlock());
  EXPECT_EQ(m.lanes, (std::vector<std::string>{"fault", "write", "munmap"}));  // program-counter order
  EXPECT_EQ(m.lock_classes, (std::vector<std::string>{"i_rwsem", "mmap_lock"}));
  ASSERT_EQ(m.intervals.size(), 5u);
  // fault: waiting 2..3 then held shared from 3, in the same column.
  EXPECT_TRUE(m.intervals[1].waiting);
  EXPECT_EQ(m.intervals[1].end, 2u);
  EXPECT_FALSE(m.intervals[2].waiting);
  EXPECT_EQ(m.intervals[2].slot, m.intervals[1].slot);
  // write holds i_rwsem and waits for mmap_lock at the same time: two columns.
  EXPECT_EQ(m.intervals[4].lane, "write");
  EXPECT_NE(m.intervals[4].slot, m.intervals[0].slot);
  EXPECT_EQ(m.lane_slots[m.lane_index("write")], 2u);
  const report::TraceModel lt = report::analyze_trace(long_trace());
  EXPECT_EQ(lt.lanes.size(), 8u);
  for (const auto& iv : lt.intervals) EXPECT_LT(iv.slot, 2u);
}

}  // namespace
}  // namespace report_test
