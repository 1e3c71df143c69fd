// tests (smt): helpers: lower a spec text, run the explicit engine and the symbolic engines on
// it, and compare their answers as (kind, name) -> trace_length maps.
#pragma once
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "checker/check.h"
#include "compiler/frontend.h"
#include "compiler/lower.h"
#include "smt/smt.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace smt_test {

struct Lowered {
  support::SourceManager sm;
  support::DiagnosticSink diags;
  std::unique_ptr<compiler::CheckedModule> checked;
  std::unique_ptr<ir::System> sys;
};

inline std::unique_ptr<Lowered> lower(const std::string& text, std::vector<compiler::ConstOverride> defs = {}) {
  auto l = std::make_unique<Lowered>();
  auto file = l->sm.add("test.weft", text);
  compiler::FrontendOptions opts;
  opts.overrides = std::move(defs);
  l->checked = compiler::check_loaded(l->sm, file, opts, l->diags);
  if (l->checked && !l->diags.has_errors()) l->sys = compiler::lower(*l->checked, l->sm, "test.weft", l->diags);
  EXPECT_TRUE(l->sys && !l->diags.has_errors()) << l->diags.render(l->sm);
  return l;
}

using Answers = std::map<std::pair<std::string, std::string>, std::size_t>;

template <class Vs>
Answers answers(const Vs& violations) {
  Answers a;
  for (const auto& v : violations) {
    // Lock-order cycles are the explicit engine's graph analysis, outside the symbolic engines.
    if (v.kind == "lock_order" && v.name.rfind("declared order", 0) != 0) continue;
    a[{v.kind, v.name}] = v.trace.length();
  }
  return a;
}

inline checker::CheckResult explicit_check(const ir::System& sys, bool no_deadlock = false) {
  checker::CheckOptions o;
  o.workers = 1;
  o.no_deadlock = no_deadlock;
  return checker::check(sys, o);
}

// lemmas = false: plain BMC / k-induction (--no-lemmas).
inline smt::SmtOptions options(const std::string& engine, std::uint64_t depth, bool no_deadlock = false,
                               bool lemmas = true) {
  smt::SmtOptions o;
  o.lemmas = lemmas;
  o.engine = engine;
  o.depth = depth;
  o.depth_set = true;
  o.no_deadlock = no_deadlock;
  return o;
}

inline smt::SmtResult run(const ir::System& sys, const std::string& engine, std::uint64_t depth,
                          bool no_deadlock = false, bool lemmas = true) {
  return smt::run_check(sys, options(engine, depth, no_deadlock, lemmas));
}

// Runs the explicit engine, then BMC to its depth; both must agree. Returns BMC's answers.
inline Answers agree(const ir::System& sys, bool no_deadlock = false) {
  checker::CheckResult e = explicit_check(sys, no_deadlock);
  EXPECT_NE(e.verdict, checker::Verdict::Error) << e.error;
  smt::SmtResult b = run(sys, "bmc", std::max<std::uint64_t>(e.depth, 1), no_deadlock);
  EXPECT_NE(b.result.verdict, checker::Verdict::Error) << b.result.error;
  EXPECT_TRUE(b.result.inconclusive_reason.find("cannot encode") == std::string::npos) << b.result.inconclusive_reason;
  Answers ea = answers(e.violations), ba = answers(b.result.violations);
  EXPECT_EQ(ea, ba) << "explicit and bmc disagree";
  for (const auto& v : b.result.violations) {
    EXPECT_EQ(v.trace.engine, "bmc");
    EXPECT_FALSE(v.trace.states.empty());
  }
  return ba;
}

inline Answers agree(const std::string& text, std::vector<compiler::ConstOverride> defs = {}, bool no_deadlock = false) {
  auto l = lower(text, std::move(defs));
  if (!l->sys) return {};
  return agree(*l->sys, no_deadlock);
}

inline Answers one(const std::string& kind, const std::string& name, std::size_t len) { return Answers{{{kind, name}, len}}; }

}  // namespace smt_test
