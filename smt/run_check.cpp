// smt: smt::run_check (smt.h): picks the engine, turns encoding limits and Z3 exceptions into
// error verdicts with a clear reason, and implements --engine all's cross-check.
#include <chrono>
#include <map>
#include <sstream>

#include "smt/engines.h"
#include "smt/sym_value.h"

namespace smt {

namespace {

using Key = std::pair<std::string, std::string>;

// Violations the symbolic engines look for, with their trace lengths. Lock-order cycles (the
// explicit engine's graph analysis) are outside the symbolic engines' scope: only declared
// order violations ("A < B") are compared.
std::map<Key, std::size_t> comparable(const std::vector<checker::Violation>& vs) {
  std::map<Key, std::size_t> m;
  for (const auto& v : vs) {
    if (v.kind == "lock_order" && v.name.find(" < ") == std::string::npos) continue;
    Key k{v.kind, v.name};
    auto it = m.find(k);
    if (it == m.end() || v.trace.length() < it->second) m[k] = v.trace.length();
  }
  return m;
}

std::string describe(const std::map<Key, std::size_t>& m) {
  if (m.empty()) return "no violation";
  std::string s;
  for (const auto& [k, len] : m) {
    if (!s.empty()) s += ", ";
    s += k.first + " " + k.second + " (trace_length " + std::to_string(len) + ")";
  }
  return s;
}

std::string verdict_word(checker::Verdict v) {
  switch (v) {
    case checker::Verdict::Ok:
      return "ok";
    case checker::Verdict::Violated:
      return "violated";
    case checker::Verdict::Inconclusive:
      return "inconclusive";
    case checker::Verdict::Error:
      return "error";
  }
  return "error";
}

}  // namespace

SmtResult run_all(const ir::System& sys, const SmtOptions& opt) {
  auto start = std::chrono::steady_clock::now();
  SmtResult r;
  r.engine = "all";
  checker::CheckOptions eo = opt.explicit_options;
  eo.no_deadlock = eo.no_deadlock || opt.no_deadlock;
  checker::CheckResult e = checker::check(sys, eo);
  r.result = e;
  if (e.verdict == checker::Verdict::Error) return r;
  if (e.verdict == checker::Verdict::Inconclusive) {
    r.notes.push_back("all: the explicit engine is inconclusive (" + e.inconclusive_reason + "); no cross-check");
    return r;
  }
  SmtOptions bo = opt;
  bo.engine = "bmc";
  bo.depth = std::max<std::uint64_t>(e.depth, 1);
  bo.depth_set = true;
  SmtResult b = run_check(sys, bo);
  SmtOptions io = opt;
  io.engine = "induction";
  SmtResult i = run_check(sys, io);

  std::map<Key, std::size_t> E = comparable(e.violations), B = comparable(b.result.violations),
                             I = comparable(i.result.violations);
  std::vector<std::string> problems;
  auto cannot = [](const SmtResult& x) {
    return x.result.verdict == checker::Verdict::Error ||
           x.result.inconclusive_reason.find("cannot encode") != std::string::npos;
  };
  auto why = [](const SmtResult& x) { return x.result.error.empty() ? x.result.inconclusive_reason : x.result.error; };
  if (cannot(b)) {
    r.notes.push_back("all: bmc could not run: " + why(b));
  } else {
    bool bmc_unknown = b.result.verdict == checker::Verdict::Inconclusive && !b.complete &&
                       b.result.inconclusive_reason.rfind("Z3", 0) == 0;
    for (const auto& [k, len] : E) {
      auto it = B.find(k);
      if (it == B.end()) {
        if (!bmc_unknown) problems.push_back(k.first + " " + k.second + ": explicit trace_length " + std::to_string(len) + ", bmc none within " + std::to_string(bo.depth) + " steps");
      } else if (it->second != len) {
        problems.push_back(k.first + " " + k.second + ": explicit trace_length " + std::to_string(len) + ", bmc " + std::to_string(it->second));
      }
    }
    for (const auto& [k, len] : B)
      if (!E.count(k)) problems.push_back(k.first + " " + k.second + ": bmc trace_length " + std::to_string(len) + ", explicit none");
    r.notes.push_back("all: bmc to depth " + std::to_string(bo.depth) + ": " + verdict_word(b.result.verdict) + ", " + describe(B) +
                      " (" + std::to_string(b.result.seconds) + " s)");
  }
  if (cannot(i)) {
    r.notes.push_back("all: induction could not run: " + why(i));
  } else {
    if (i.proved && !E.empty()) problems.push_back("induction proved every property, explicit found " + describe(E));
    for (const auto& [k, len] : I) {
      auto it = E.find(k);
      if (it == E.end() || it->second != len)
        problems.push_back(k.first + " " + k.second + ": induction base case trace_length " + std::to_string(len) + ", explicit " +
                           (it == E.end() ? "none" : std::to_string(it->second)));
    }
    std::string what = i.proved ? "proved (k = " + std::to_string(i.k) + ")"
                                : verdict_word(i.result.verdict) + (i.result.inconclusive_reason.empty() ? "" : " (" + i.result.inconclusive_reason + ")");
    r.notes.push_back("all: induction: " + what + ", " + describe(I) + " (" + std::to_string(i.result.seconds) + " s)");
  }
  r.cti = i.cti;
  if (!problems.empty()) {
    r.disagreement = true;
    std::string msg = "the engines disagree: ";
    for (std::size_t k = 0; k < problems.size(); ++k) msg += (k ? "; " : "") + problems[k];
    msg += " [explicit: " + describe(E) + "; bmc: " + describe(B) + "; induction: " + describe(I) + "]";
    r.result.verdict = checker::Verdict::Error;
    r.result.error = msg;
  }
  r.result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

SmtResult run_check(const ir::System& sys, const SmtOptions& opt) {
  SmtResult r;
  r.engine = opt.engine;
  try {
    if (opt.engine == "bmc") return run_bmc(sys, opt);
    if (opt.engine == "induction") return run_induction(sys, opt);
    if (opt.engine == "all") return run_all(sys, opt);
    r.result.verdict = checker::Verdict::Error;
    r.result.error = "unknown engine '" + opt.engine + "'";
  } catch (const Unsupported& e) {
    // Not a verdict: the engine cannot decide this spec (exit 20 with the reason).
    r.result.verdict = checker::Verdict::Inconclusive;
    r.result.inconclusive_reason = std::string("the ") + opt.engine + " engine cannot encode this spec: " + e.what();
  } catch (const z3::exception& e) {
    r.result.verdict = checker::Verdict::Error;
    r.result.error = std::string("Z3 error: ") + e.msg();
  } catch (const std::bad_alloc&) {
    r.result.verdict = checker::Verdict::Inconclusive;
    r.result.inconclusive_reason = "out of memory";
  } catch (const std::exception& e) {
    r.result.verdict = checker::Verdict::Error;
    r.result.error = std::string("internal error in the ") + opt.engine + " engine: " + e.what();
  }
  return r;
}

}  // namespace smt
