// compiler (lower): the lowering driver: globals, locks, processes, actions, initial states and
// properties of a checked module become one ir::System (see lower_*.cpp for each concern).
#include "compiler/lower.h"

#include <algorithm>

#include "compiler/lower_internal.h"

namespace compiler {
namespace lowering {

Lowerer::Lowerer(const CheckedModule& module, const support::SourceManager& sm,
                 support::DiagnosticSink& diags, ir::System& sys)
    : module_(module), sm_(sm), diags_(diags), sys_(sys), types_(module.types) {}

void Lowerer::error(DiagCode code, SourceSpan span, std::string message) {
  ++errors_;
  if (!quiet_) diags_.error(code, span, std::move(message));
}

std::string Lowerer::source_text(const SourceSpan& span) const {
  if (span.file == support::kNoFile || span.file >= sm_.size()) return "";
  const std::string& text = sm_.file(span.file).text;
  if (span.begin > span.end || span.end > text.size()) return "";
  std::string out;
  bool space = false;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    char ch = text[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

bool Lowerer::run() {
  const ast::Module& m = *module_.module;
  for (const auto& dp : m.decls) {
    if (dp->kind != ast::DeclKind::Var) continue;
    const Type* t = dp->resolved_type ? dp->resolved_type : (dp->type ? dp->type->resolved : nullptr);
    globals_[dp.get()] = add_var(dp->name.name, ir::VarRole::Global, t, dp->span);
  }
  declare_lock_classes();
  declare_processes();
  declare_lock_vars();
  for (const auto& dp : m.decls) {
    if (dp->kind != ast::DeclKind::Var) continue;
    std::uint32_t v = globals_[dp.get()];
    Ctx c;
    ir::InitialValue iv;
    iv.var = v;
    if (dp->init_kind == ast::VarInit::Equals && dp->value)
      iv.value = expr(*dp->value, c);
    else if (dp->init_kind == ast::VarInit::In && dp->value)
      iv.set = expr(*dp->value, c);
    else
      iv.value = smallest_value(sys_.vars[v].type);
    sys_.init.push_back(iv);
  }
  if (failed()) return false;
  for (std::size_t i = 0; i < insts_.size(); ++i) process_transitions(static_cast<int>(i));
  actions();
  for (const auto& dp : m.decls) {
    const ast::Decl& d = *dp;
    auto pred = [&](std::vector<ir::NamedPredicate>& into, std::string name) {
      if (!d.value) return;
      Ctx c;
      into.push_back({std::move(name), expr(*d.value, c), d.span});
    };
    switch (d.kind) {
      case ast::DeclKind::Initially:
        pred(sys_.initially, "initially@" + sys_.location(d.span));
        break;
      case ast::DeclKind::Constraint:
        pred(sys_.constraints, "constraint@" + sys_.location(d.span));
        break;
      case ast::DeclKind::Invariant:
        pred(sys_.invariants, d.name.name);
        break;
      case ast::DeclKind::Cover:
        pred(sys_.covers, d.name.name);
        break;
      case ast::DeclKind::Check:
        if (d.name.name == "deadlock") sys_.check_deadlock = d.check_on;
        if (d.name.name == "lock_order") sys_.check_lock_order = d.check_on;
        if (d.name.name == "held_at_exit") sys_.check_held_at_exit = d.check_on;
        break;
      default:
        break;
    }
  }
  lock_order();
  if (failed()) return false;
  std::stable_sort(sys_.init.begin(), sys_.init.end(),
                   [](const ir::InitialValue& a, const ir::InitialValue& b) { return a.var < b.var; });
  if (!layout()) return false;
  return !failed();
}

}  // namespace lowering

std::unique_ptr<ir::System> lower(const CheckedModule& module, const support::SourceManager& sm,
                                  const std::string& spec_path, support::DiagnosticSink& diags) {
  if (!module.module || !module.types) return nullptr;
  auto fresh = [&] {
    auto sys = std::make_unique<ir::System>();
    sys->module = module.module->name.name;
    sys->spec_path = spec_path;
    sys->sources = &sm;
    sys->types = module.types;
    return sys;
  };
  auto sys = fresh();
  lowering::Lowerer first(module, sm, diags, *sys);
  if (!first.run()) return nullptr;
  // Second pass: each lock owner ranges over the instances that can take it exclusively,
  // found by the first pass (e.g. a per-inode lock taken by 2 of 11 processes needs 2 bits,
  // not 4). Skipped when no owner narrows.
  std::vector<std::vector<std::int32_t>> owners(sys->locks.size());
  bool narrows = false;
  for (std::size_t l = 0; l < owners.size(); ++l) {
    if (l < first.takers_.size()) owners[l].assign(first.takers_[l].begin(), first.takers_[l].end());
    narrows |= owners[l].size() < sys->processes.size();
  }
  if (!narrows) return sys;
  auto narrowed = fresh();
  support::DiagnosticSink quiet;  // the first pass reported the warnings already
  lowering::Lowerer second(module, sm, quiet, *narrowed);
  second.owner_sets_ = &owners;
  second.quiet_ = true;
  if (!second.run()) return sys;  // cannot differ; the first pass's system is correct anyway
  return narrowed;
}

}  // namespace compiler
