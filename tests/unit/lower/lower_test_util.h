// tests/lower: helpers: check and lower a spec text, and query the resulting ir::System
// (transitions of one process instance, variables by name, statement kinds in a body).
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "compiler/frontend.h"
#include "compiler/ir.h"
#include "compiler/lower.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace lower_test {

struct Lowered {
  support::SourceManager sm;
  support::DiagnosticSink diags;
  std::unique_ptr<compiler::CheckedModule> checked;
  std::unique_ptr<ir::System> sys;
  std::string rendered() const { return diags.render(sm); }
};

inline std::unique_ptr<Lowered> lower_text(const std::string& text,
                                           std::vector<compiler::ConstOverride> defs = {}) {
  auto l = std::make_unique<Lowered>();
  auto file = l->sm.add("test.weft", text);
  compiler::FrontendOptions opts;
  opts.overrides = std::move(defs);
  l->checked = compiler::check_loaded(l->sm, file, opts, l->diags);
  if (l->checked && !l->diags.has_errors())
    l->sys = compiler::lower(*l->checked, l->sm, "test.weft", l->diags);
  return l;
}

// Lowers text that must be valid; fails the test with the diagnostics otherwise.
inline std::unique_ptr<Lowered> lower_ok(const std::string& text,
                                         std::vector<compiler::ConstOverride> defs = {}) {
  auto l = lower_text(text, std::move(defs));
  EXPECT_TRUE(l->sys) << l->rendered();
  return l;
}

inline std::vector<const ir::Transition*> steps_of(const ir::System& s, int process) {
  std::vector<const ir::Transition*> out;
  for (const auto& t : s.transitions)
    if (t.process == process) out.push_back(&t);
  return out;
}

inline std::vector<const ir::Transition*> steps_from(const ir::System& s, int process,
                                                     std::int64_t pc) {
  std::vector<const ir::Transition*> out;
  for (const auto& t : s.transitions)
    if (t.process == process && t.from_pc == pc) out.push_back(&t);
  return out;
}

inline int var_index(const ir::System& s, const std::string& name) {
  for (std::size_t i = 0; i < s.vars.size(); ++i)
    if (s.vars[i].name == name) return static_cast<int>(i);
  return -1;
}

// Visits every statement of a body (pre-order).
inline void walk(const ir::Stmt* st, const std::function<void(const ir::Stmt&)>& f) {
  if (!st) return;
  f(*st);
  for (const auto* ch : st->children) walk(ch, f);
}

inline int count_ops(const ir::Stmt* body, ir::StmtOp op) {
  int n = 0;
  walk(body, [&](const ir::Stmt& s) { n += s.op == op ? 1 : 0; });
  return n;
}

// The value assigned to the pc at the end of a process step (its target location).
inline std::int64_t target_pc(const ir::System& s, const ir::Transition& t) {
  std::int64_t pc = -1;
  std::uint32_t pc_var = s.processes.at(static_cast<std::size_t>(t.process)).pc_var;
  walk(t.body, [&](const ir::Stmt& st) {
    if (st.op == ir::StmtOp::Assign && st.var == pc_var && st.expr &&
        st.expr->op == ir::ExprOp::Const)
      pc = st.expr->value;
  });
  return pc;
}

}  // namespace lower_test
