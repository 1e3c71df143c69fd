// tests/report: helpers for tests that hand files to external validators (xmllint,
// rsvg-convert, dot): a scratch directory, file I/O, tool lookup and shell commands.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace report_test {

inline std::filesystem::path scratch_root() {
  return std::filesystem::temp_directory_path() / ("weft-report-" + std::to_string(::getpid()));
}

// Removes the scratch files after the run unless WEFT_KEEP_TEST_FILES is set.
class ScratchCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    if (std::getenv("WEFT_KEEP_TEST_FILES") == nullptr) {
      std::error_code ec;
      std::filesystem::remove_all(scratch_root(), ec);
    }
  }
};
inline ::testing::Environment* const kScratchCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string test = info != nullptr ? std::string(info->test_suite_name()) + "." + info->name() : "test";
  const std::filesystem::path dir = scratch_root() / (test + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_text(const std::filesystem::path& p, const std::string& content) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << content;
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

inline bool have_tool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a shell command with stdout/stderr captured to `log`; returns its exit status.
inline int run(const std::string& command, const std::filesystem::path& log) {
  const int rc = std::system((command + " >'" + log.string() + "' 2>&1").c_str());
  if (rc == -1) return -1;
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

inline std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace report_test
