// tests/fuzz: mutation robustness test: mutants of every .weft in the tree go through
// compiler::check_loaded; no exception, crash or hang, and null result iff errors reported.
//
// Usage: mutation_test [--seed S] [--count N] [--time-limit SEC] [--out DIR] [--index I]
//                      [--seeds DIR]... [--no-lower] [--verbose]
// Every accepted input is also lowered (compiler::lower) unless --no-lower is given.
// Defaults: seed 1, 10,000 mutants, 5 s per input. WEFT_FUZZ_SEED and WEFT_FUZZ_COUNT in the
// environment change the defaults (the options win), e.g. for a deep local run:
//   WEFT_FUZZ_SEED=7 WEFT_FUZZ_COUNT=200000 ctest -L fuzz --timeout 7200 --output-on-failure
// Mutant i depends only on (seed, i) and the set of input files, so `--index i` replays it.
// A failing input is written to DIR/fuzz-failure-<i>.weft (DIR/fuzz-crash.weft on a crash or
// hang, from the signal handler or the watchdog).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "compiler/frontend.h"
#include "compiler/lower.h"
#include "tests/fuzz/mutator.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define WEFT_FUZZ_ASAN 1
#endif

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::uint64_t seed = 1;
  std::size_t count = 10000;  // never below 5,000; ~15 s of one core under ASan+UBSan
  double time_limit = 5.0;
  std::string out_dir = ".";
  std::vector<std::string> seed_dirs;
  long index = -1;
  bool verbose = false;
  bool lower = true;  // also lower every accepted mutant to ir::System
};

struct SeedFile {
  std::string path;  // real path: imports of the mutant resolve next to it
  std::string text;
};

// ---- state shared with the watchdog thread and the crash handlers
std::atomic<const char*> g_input_data{nullptr};
std::atomic<std::size_t> g_input_size{0};
std::atomic<const char*> g_input_label{nullptr};
std::atomic<std::int64_t> g_started_ns{0};  // 0 while idle
std::atomic<bool> g_finished{false};
char g_crash_path[4096];
char g_crash_note[4200];

void write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w <= 0) return;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

// Async-signal-safe: writes the current input to g_crash_path.
void dump_current_input() {
  const char* data = g_input_data.load();
  if (!data) return;
  int fd = ::open(g_crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  write_all(fd, data, g_input_size.load());
  ::close(fd);
  if (const char* label = g_input_label.load()) {
    write_all(2, "mutation_test: failing input: ", 30);
    write_all(2, label, std::strlen(label));
    write_all(2, "\n", 1);
  }
  write_all(2, g_crash_note, std::strlen(g_crash_note));
}

#ifndef WEFT_FUZZ_ASAN
void on_fatal_signal(int sig) {
  dump_current_input();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}
#endif

void install_crash_handlers() {
#ifdef WEFT_FUZZ_ASAN
  __sanitizer_set_death_callback(dump_current_input);  // ASan keeps its own reports
#else
  static std::vector<char> alt_stack(1 << 16);
  stack_t ss{};
  ss.ss_sp = alt_stack.data();
  ss.ss_size = alt_stack.size();
  sigaltstack(&ss, nullptr);  // so a stack overflow can still be reported
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) {
    struct sigaction sa {};
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigaction(sig, &sa, nullptr);
  }
#endif
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

void watchdog(double limit_s) {
  const auto limit_ns = static_cast<std::int64_t>(limit_s * 1e9);
  while (!g_finished.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::int64_t started = g_started_ns.load();
    if (started != 0 && now_ns() - started > limit_ns) {
      std::fprintf(stderr, "mutation_test: an input took more than %g s (a hang?)\n", limit_s);
      dump_current_input();
      std::_Exit(3);
    }
  }
}

std::vector<SeedFile> collect_seeds(const Options& opt) {
  std::vector<std::string> roots;
  for (const char* sub : {"examples", "specs", "tests/corpus", "tests/fuzz/seeds", "tests/golden"})
    roots.push_back(std::string(WEFT_SOURCE_DIR) + "/" + sub);
  roots.insert(roots.end(), opt.seed_dirs.begin(), opt.seed_dirs.end());
  std::vector<std::string> paths;
  for (const std::string& root : roots) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
         it.increment(ec))
      if (it->is_regular_file(ec) && it->path().extension() == ".weft")
        paths.push_back(it->path().string());
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  std::vector<SeedFile> seeds;
  for (const std::string& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    seeds.push_back({p, buf.str()});
  }
  return seeds;
}

// A -D override for a constant of the text (or an unknown name), with a value of any kind.
compiler::ConstOverride random_override(const std::string& text, fuzz::Rng& rng) {
  static const char* kValues[] = {"0", "1", "3", "-1", "true", "false", "abc", "",
                                  "99999999999999999999", "2..3"};
  std::vector<std::string> names;
  for (std::size_t at = text.find("const "); at != std::string::npos;
       at = text.find("const ", at + 6)) {
    std::size_t b = at + 6, e = b;
    while (e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_'))
      ++e;
    if (e > b) names.push_back(text.substr(b, e - b));
  }
  std::string name = names.empty() || rng.chance(10) ? "NoSuchConst" : names[rng.below(names.size())];
  return {name, kValues[rng.below(sizeof(kValues) / sizeof(kValues[0]))]};
}

struct Outcome {
  bool accepted = false;
  bool lowered = false;
  std::string failure;  // empty when the input was handled correctly
  std::vector<support::DiagCode> codes;
};

// Checks the spans of every diagnostic against the files they point into.
std::string check_spans(const support::SourceManager& sm, const support::DiagnosticSink& sink) {
  auto check = [&](const support::SourceSpan& s, const std::string& what) -> std::string {
    if (!s.valid()) return {};
    if (s.file >= sm.size()) return what + ": span names an unknown file";
    const support::SourceFile& f = sm.file(s.file);
    if (s.begin > s.end || s.end > f.text.size()) return what + ": span outside its file";
    auto [line, col] = sm.position(s.file, s.begin);
    if (line != s.line || col != s.col)
      return what + ": span line:col " + std::to_string(s.line) + ":" + std::to_string(s.col) +
             " disagrees with its byte offset (" + std::to_string(line) + ":" +
             std::to_string(col) + ")";
    return {};
  };
  for (const support::Diagnostic& d : sink.all()) {
    std::string what = std::string(support::code_name(d.code)) + " '" + d.message + "'";
    if (d.message.empty()) return what + ": empty message";
    // The front end turns an escaped exception into a diagnostic; that is still a bug.
    if (d.message.find("internal error") != std::string::npos) return what + ": internal error";
    if (std::string e = check(d.span, what); !e.empty()) return e;
    for (const support::DiagNote& n : d.notes)
      if (std::string e = check(n.span, what + " note"); !e.empty()) return e;
  }
  return {};
}

Outcome run_one(const std::string& path, const std::string& text,
                const compiler::FrontendOptions& fopts, bool lower) {
  Outcome out;
  try {
    support::SourceManager sm;
    support::FileId file = sm.add(path, text);
    support::DiagnosticSink sink;
    std::unique_ptr<compiler::CheckedModule> result = compiler::check_loaded(sm, file, fopts, sink);
    out.accepted = result != nullptr;
    for (const support::Diagnostic& d : sink.all()) out.codes.push_back(d.code);
    if ((result == nullptr) != sink.has_errors())
      out.failure = result ? "check_loaded returned a module although errors were reported"
                           : "check_loaded returned null without reporting an error";
    else if (result && (!result->module || !result->types))
      out.failure = "check_loaded returned a CheckedModule with a null module or type arena";
    else
      out.failure = check_spans(sm, sink);
    std::string rendered = sink.render(sm);
    if (sink.has_errors() && rendered.find("error[") == std::string::npos)
      out.failure = "rendered diagnostics contain no error line";
    if (result && lower && out.failure.empty()) {
      // Lowering an accepted spec must not crash either; it may reject it (E0409, ...).
      support::DiagnosticSink lsink;
      std::unique_ptr<ir::System> sys = compiler::lower(*result, sm, path, lsink);
      out.lowered = sys != nullptr;
      for (const support::Diagnostic& d : lsink.all()) out.codes.push_back(d.code);
      if ((sys == nullptr) != lsink.has_errors())
        out.failure = sys ? "lower returned a system although errors were reported"
                          : "lower returned null without reporting an error";
      else
        out.failure = check_spans(sm, lsink);
      lsink.render(sm);
    }
  } catch (const std::exception& e) {
    out.failure = std::string("exception escaped: ") + e.what();
  } catch (...) {
    out.failure = "non-standard exception escaped";
  }
  return out;
}

bool parse_args(int argc, char** argv, Options& opt) {
  if (const char* s = std::getenv("WEFT_FUZZ_SEED")) opt.seed = std::strtoull(s, nullptr, 10);
  if (const char* c = std::getenv("WEFT_FUZZ_COUNT")) opt.count = std::strtoull(c, nullptr, 10);
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--verbose") { opt.verbose = true; continue; }
    if (a == "--no-lower") { opt.lower = false; continue; }
    if (!(v = value())) { std::cerr << "mutation_test: " << a << " needs a value\n"; return false; }
    if (a == "--seed") opt.seed = std::strtoull(v, nullptr, 10);
    else if (a == "--count") opt.count = std::strtoull(v, nullptr, 10);
    else if (a == "--time-limit") opt.time_limit = std::strtod(v, nullptr);
    else if (a == "--out") opt.out_dir = v;
    else if (a == "--seeds") opt.seed_dirs.push_back(v);
    else if (a == "--index") opt.index = std::strtol(v, nullptr, 10);
    else { std::cerr << "mutation_test: unknown option " << a << "\n"; return false; }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_args(argc, argv, opt)) return 2;
  std::snprintf(g_crash_path, sizeof g_crash_path, "%s/fuzz-crash.weft", opt.out_dir.c_str());
  std::snprintf(g_crash_note, sizeof g_crash_note,
                "mutation_test: the offending input was written to %s\n", g_crash_path);
  install_crash_handlers();
  std::thread dog(watchdog, opt.time_limit);

  std::vector<SeedFile> seeds = collect_seeds(opt);
  if (seeds.empty()) {
    std::cerr << "mutation_test: no .weft files found under " << WEFT_SOURCE_DIR << "\n";
    g_finished = true;
    dog.join();
    return 1;
  }
  std::size_t accepted = 0, rejected = 0, seeds_accepted = 0, failures = 0, lowered = 0;
  std::map<std::string, std::size_t> code_counts;
  double slowest = 0;
  std::string slowest_what;
  auto t0 = Clock::now();

  auto run = [&](const std::string& path, const std::string& text, const std::string& what,
                 const compiler::FrontendOptions& fopts, long index) {
    g_input_data = text.c_str();
    g_input_size = text.size();
    g_input_label = what.c_str();
    g_started_ns = now_ns();
    auto start = Clock::now();
    Outcome o = run_one(path, text, fopts, opt.lower);
    lowered += o.lowered;
    double secs = std::chrono::duration<double>(Clock::now() - start).count();
    g_started_ns = 0;
    g_input_data = nullptr;
    g_input_label = nullptr;
    if (secs > slowest) slowest = secs, slowest_what = what;
    for (support::DiagCode c : o.codes) ++code_counts[std::string(support::code_name(c))];
    if (!o.failure.empty()) {
      ++failures;
      std::string base = opt.out_dir + "/fuzz-failure-" + std::to_string(index);
      std::ofstream(base + ".weft", std::ios::binary) << text;
      std::cerr << "FAIL " << what << ": " << o.failure << " (input written to " << base
                << ".weft)\n";
    } else if (opt.verbose) {
      std::cerr << (o.accepted ? "accepted " : "rejected ") << what << "\n";
    }
    return o.accepted;
  };

  // Every file as is first; mutants then start from a spec the front end accepts 3 times in 4,
  // so most of them get past the parser into name resolution and type checking.
  std::vector<std::size_t> valid_seeds;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    bool ok = run(seeds[i].path, seeds[i].text, "seed " + seeds[i].path, {}, -1 - static_cast<long>(i));
    seeds_accepted += ok;
    if (ok) valid_seeds.push_back(i);
    else if (opt.index < 0 && seeds[i].path.find("/tests/golden/") == std::string::npos)
      std::cout << "mutation_test: note: seed file rejected as is: " << seeds[i].path << "\n";
  }
  std::size_t first = opt.index < 0 ? 0 : static_cast<std::size_t>(opt.index);
  std::size_t last = opt.index < 0 ? opt.count : first + 1;
  for (std::size_t i = first; i < last; ++i) {
    fuzz::Rng rng(opt.seed * 0x100000001b3ull ^ (i * 0x9e3779b97f4a7c15ull));
    const SeedFile& seed = !valid_seeds.empty() && rng.chance(75)
                               ? seeds[valid_seeds[rng.below(valid_seeds.size())]]
                               : seeds[rng.below(seeds.size())];
    std::string text = seed.text;
    std::string what = fuzz::mutate_random(text, rng);
    compiler::FrontendOptions fopts;
    if (rng.chance(10)) fopts.overrides.push_back(random_override(text, rng));
    std::string label = "mutant " + std::to_string(i) + " (" + what + " of " + seed.path;
    for (const compiler::ConstOverride& o : fopts.overrides) label += ", -D " + o.name + "=" + o.value;
    label += ")";
    if (opt.index >= 0) {
      std::string base = opt.out_dir + "/fuzz-mutant-" + std::to_string(i) + ".weft";
      std::ofstream(base, std::ios::binary) << text;
      std::cout << label << " written to " << base << "\n";
    }
    (run(seed.path, text, label, fopts, static_cast<long>(i)) ? accepted : rejected)++;
  }
  g_finished = true;
  dog.join();

  double total = std::chrono::duration<double>(Clock::now() - t0).count();
  std::cout << "mutation_test: seed " << opt.seed << "; " << seeds.size() << " input files ("
            << seeds_accepted << " accepted as is); " << (last - first) << " mutants: " << accepted
            << " accepted, " << rejected << " rejected; " << lowered
            << " inputs lowered to a system; " << failures << " failure(s); slowest "
            << slowest << " s (" << slowest_what << "); " << total << " s in all\n";
  std::cout << "mutation_test: diagnostics by code:";
  for (const auto& [code, n] : code_counts) std::cout << " " << code << "=" << n;
  std::cout << "\n";
  return failures == 0 ? 0 : 1;
}
