// tests/report: index.html (self-contained, well-formed) and `--out DIR` (file names, contents).
#include <gtest/gtest.h>

#include <regex>

#include "report/html_index.h"
#include "report/json_trace.h"
#include "report/out_dir.h"
#include "sample_traces.h"
#include "test_tools.h"

namespace report_test {
namespace {

using report::ReportItem;
using report::RunInfo;
using report::VerdictSummary;

std::vector<ReportItem> items() {
  std::vector<ReportItem> v;
  v.push_back({VerdictSummary{"invariant", "no_lost_update", "violated", "both writers finished", 5}, lost_update()});
  v.push_back({VerdictSummary{"deadlock", "deadlock", "violated", "no process can move", 3}, abba_deadlock()});
  Trace esc = escaping_trace();
  v.push_back({VerdictSummary{"assert", esc.property, "violated", "weird", esc.length()}, esc});
  // Two lock-order traces for the same property: one per edge of the cycle.
  v.push_back({VerdictSummary{"lock_order", "A<B", "violated", "edge 1", 3}, abba_deadlock()});
  v.push_back({VerdictSummary{"lock_order", "A<B", "violated", "edge 2", 3}, abba_deadlock()});
  v.push_back({VerdictSummary{"invariant", "safe", "holds", "", 0}, std::nullopt});
  return v;
}

RunInfo run_info() {
  RunInfo r;
  r.spec = "examples/mixed <&>.weft";
  r.engine = "explicit";
  r.verdict = "violated";
  r.distinct_states = 288;
  r.transitions = 1146;
  r.depth = 11;
  r.seconds = 0.25;
  r.warnings = {"lock-order cycle of shared-after-shared edges on <s_umount>"};
  r.vacuous_covers = {"never_seen"};
  return r;
}

TEST(OutDir, PlansSafeUniqueNames) {
  const auto files = report::plan_item_files(items());
  ASSERT_EQ(files.size(), 6u);
  EXPECT_EQ(files[0].base, "invariant-no_lost_update");
  EXPECT_EQ(files[1].base, "deadlock");
  EXPECT_EQ(files[1].waits_svg, "deadlock.waits.svg");
  EXPECT_EQ(files[3].base, "lock_order-A_B");
  EXPECT_EQ(files[4].base, "lock_order-A_B-2");
  EXPECT_EQ(files[5].base, "");
  const std::regex safe("[A-Za-z0-9][A-Za-z0-9._-]*");
  for (const auto& f : files) {
    if (f.base.empty()) continue;
    EXPECT_TRUE(std::regex_match(f.base, safe)) << f.base;
    EXPECT_LE(f.base.size(), 90u);
  }
  EXPECT_EQ(files[2].itf, files[2].base + ".itf.json");
}

TEST(OutDir, WritesEveryFileAndAnIndex) {
  const auto dir = scratch_dir("out") / "nested" / "report";
  const auto r = report::write_out_dir(dir.string(), run_info(), items(), abba_lock_graph());
  ASSERT_TRUE(r.ok) << r.error;
  const auto files = report::plan_item_files(items());
  for (std::size_t k = 0; k < files.size(); ++k) {
    const auto& f = files[k];
    if (f.base.empty()) continue;
    for (const auto& name : {f.txt, f.json, f.itf, f.svg, f.mmd, f.dot}) {
      EXPECT_TRUE(std::filesystem::exists(dir / name)) << name;
      EXPECT_GT(std::filesystem::file_size(dir / name), 0u) << name;
    }
    auto back = report::read_json_trace(read_text(dir / f.json));
    ASSERT_TRUE(back.trace) << back.error;
    EXPECT_EQ(*back.trace, *items()[k].trace);
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "deadlock.waits.dot"));
  EXPECT_TRUE(std::filesystem::exists(dir / "lock-order.svg"));
  EXPECT_TRUE(std::filesystem::exists(dir / "lock-order.dot"));
  EXPECT_TRUE(std::filesystem::exists(dir / "index.html"));
  EXPECT_EQ(r.written.back(), "index.html");
}

TEST(OutDir, ReportsAnUnwritableDirectory) {
  const auto dir = scratch_dir("blocked");
  write_text(dir / "file", "x");
  const auto r = report::write_out_dir((dir / "file" / "sub").string(), run_info(), items());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("cannot create directory"), std::string::npos) << r.error;
}

TEST(HtmlIndex, SelfContainedAndWellFormed) {
  const auto its = items();
  const std::string html = report::write_html_index(run_info(), its, report::plan_item_files(its), abba_lock_graph());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_EQ(html.find("url(http"), std::string::npos);
  // Verdicts, figures and every diagram inline, with ids unique across the SVGs.
  EXPECT_NE(html.find("288 distinct states"), std::string::npos);
  EXPECT_NE(html.find("examples/mixed &lt;&amp;&gt;.weft"), std::string::npos);
  EXPECT_NE(html.find(">holds<"), std::string::npos);
  EXPECT_NE(html.find("href=\"#invariant-no_lost_update\""), std::string::npos);
  EXPECT_NE(html.find("href=\"invariant-no_lost_update.itf.json\""), std::string::npos);
  std::size_t svgs = 0;
  for (std::size_t p = html.find("<svg "); p != std::string::npos; p = html.find("<svg ", p + 1)) ++svgs;
  EXPECT_EQ(svgs, 5u + 3u + 1u);  // 5 traces, 3 deadlock waits-for graphs, the lock-order graph
  std::vector<std::string> ids;
  const std::regex id_re("id=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_re); it != std::sregex_iterator(); ++it)
    ids.push_back((*it)[1]);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "duplicate id in index.html";
  // The page is polyglot: it parses as XML too, which catches any unbalanced markup.
  if (!have_tool("xmllint")) GTEST_SKIP() << "xmllint not installed";
  const auto dir = scratch_dir("html");
  write_text(dir / "index.html", html);
  EXPECT_EQ(run("xmllint --noout " + quoted(dir / "index.html"), dir / "log.txt"), 0) << read_text(dir / "log.txt");
}

}  // namespace
}  // namespace report_test
