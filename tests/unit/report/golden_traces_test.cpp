// tests/report: the golden renderings in tests/golden/traces/<case>/, checked in-process
// (tests/golden/traces/run_traces.py checks the same files through `weft render` and
// regenerates them with --update).
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "report/dot_writer.h"
#include "report/itf_writer.h"
#include "report/json_trace.h"
#include "report/mermaid_writer.h"
#include "report/svg_writer.h"
#include "report/text_writer.h"
#include "test_tools.h"

namespace report_test {
namespace {

namespace fs = std::filesystem;

struct Format {
  const char* file;
  std::function<std::string(const report::Trace&)> render;
  bool needs_waits;
};

const std::vector<Format>& formats() {
  static const std::vector<Format> f{
      {"expected.txt", [](const report::Trace& t) { return report::write_text_trace(t); }, false},
      {"expected.full.txt", [](const report::Trace& t) { return report::write_text_trace(t, {true}); }, false},
      {"expected.json", [](const report::Trace& t) { return report::write_json_trace(t); }, false},
      {"expected.itf.json", [](const report::Trace& t) { return report::write_itf_trace(t); }, false},
      {"expected.mmd", [](const report::Trace& t) { return report::write_mermaid_trace(t); }, false},
      {"expected.dot", [](const report::Trace& t) { return report::write_dot_trace(t); }, false},
      {"expected.svg", [](const report::Trace& t) { return report::write_svg_trace(t); }, false},
      {"expected.waits.dot", [](const report::Trace& t) { return report::waits_for_dot(t); }, true},
      {"expected.waits.svg", [](const report::Trace& t) { return report::waits_for_svg(t); }, true},
  };
  return f;
}

TEST(GoldenTraces, RenderingsMatchTheExpectedFiles) {
  const fs::path root = fs::path(WEFT_SOURCE_DIR) / "tests" / "golden" / "traces";
  ASSERT_TRUE(fs::is_directory(root)) << root;
  std::size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    const fs::path input = entry.path() / "trace.json";
    if (!entry.is_directory() || !fs::exists(input)) continue;
    ++cases;
    const std::string name = entry.path().filename().string();
    auto r = report::read_json_trace(read_text(input));
    ASSERT_TRUE(r.trace) << name << ": " << r.error;
    for (const auto& f : formats()) {
      const fs::path expected = entry.path() / f.file;
      if (f.needs_waits && r.trace->waits.empty()) {
        EXPECT_FALSE(fs::exists(expected)) << name << "/" << f.file << " is stale";
        continue;
      }
      ASSERT_TRUE(fs::exists(expected)) << name << "/" << f.file
                                        << " missing: run tests/golden/traces/run_traces.py --update";
      EXPECT_EQ(f.render(*r.trace), read_text(expected))
          << name << "/" << f.file << " differs: review, then run tests/golden/traces/run_traces.py --update";
    }
  }
  EXPECT_GE(cases, 6u);
}

}  // namespace
}  // namespace report_test
