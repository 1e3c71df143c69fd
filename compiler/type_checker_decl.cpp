// compiler (sema): the declaration-level driver: variables and initial values, actions,
// processes (parameters, locals, bodies), procs per calling process, properties, locks and
// lock_order (E0405 on contradictory orders), checks; and analyze_module, which runs all passes.
#include <functional>

#include "compiler/action_rules.h"
#include "compiler/type_checker.h"

namespace compiler::sema {

using ast::DeclKind;
using ast::RefKind;

void analyze_module(ast::Module& module, TypeArena& types, const FrontendOptions& options,
                    support::DiagnosticSink& diags) {
  Reporter rep(diags);
  GlobalScope globals;
  globals.collect(module, rep);
  ConstOverrides overrides;
  overrides.validate(options, globals, rep);
  BodyInfo bodies = collect_bodies(module, globals, rep);
  TypeChecker checker(module, types, rep, globals, overrides, bodies);
  checker.check_module();
  check_statement_rules(module, rep);
  for (const auto& d : module.decls)
    if (d && d->kind == DeclKind::Action) check_action_rules(*d, rep);
}

void TypeChecker::check_module() {
  for (auto& d : module_.decls)
    if (d) check_decl(*d);
  // Procs no process calls are still checked, without a caller (their use of the caller's
  // locals and `self` cannot be checked then).
  std::set<const ast::Decl*> called;
  for (const auto& key : proc_checked_) called.insert(std::get<0>(key));
  for (auto& d : module_.decls)
    if (d && d->kind == DeclKind::Proc && !called.count(d.get())) check_proc_in(*d, nullptr, {});
  check_lock_order_cycles();
  warn_unused();
}

void TypeChecker::warn_unused() {
  // Only declarations of the spec itself: an imported file is a library, and a spec uses
  // what it needs of it. Names starting with `_` are deliberately unused.
  for (const auto& d : module_.decls) {
    if (!d || (d->kind != DeclKind::Const && d->kind != DeclKind::Def)) continue;
    if (d->name.span.file != module_.file || used_decls_.count(d.get())) continue;
    if (d->name.name.empty() || d->name.name[0] == '_') continue;
    if (d->kind == DeclKind::Const && !d->const_value) continue;  // its value is an error already
    rep_.sink().warning(DiagCode::W0001, d->name.span,
                        std::string(d->kind == DeclKind::Const ? "constant" : "def") + " `" + d->name.name +
                            "` is never used");
  }
}

void TypeChecker::check_decl(ast::Decl& d) {
  switch (d.kind) {
    case DeclKind::Import:
    case DeclKind::Enum:
    case DeclKind::Proc:  // through calls, see check_module
      return;
    case DeclKind::Const:
      ensure_const(d, d.name.span);
      return;
    case DeclKind::TypeAlias:
      ensure_alias(d, d.name.span);
      return;
    case DeclKind::Var:
      check_var(d);
      return;
    case DeclKind::Initially:
    case DeclKind::Constraint:
    case DeclKind::Invariant:
    case DeclKind::Cover:
      check_property(d);
      return;
    case DeclKind::Lock:
      check_lock(d);
      return;
    case DeclKind::LockOrder:
      check_lock_order(d);
      return;
    case DeclKind::Def:
      ensure_def(d, d.name.span);
      return;
    case DeclKind::Action:
      check_action(d);
      return;
    case DeclKind::Process:
      check_process(d);
      return;
    case DeclKind::Check:
      check_check(d);
      return;
  }
}

// ---------------------------------------------------------------- variables

void TypeChecker::check_initial_value(ast::Expr* value, ast::VarInit kind, const Type* type,
                                      const std::string& name) {
  if (!value) return;
  if (kind == ast::VarInit::In) {
    if (!type) ++unknown_context_;
    const Type* st = infer_set(value, type ? types_.set_of(type) : nullptr, true);
    if (!type) --unknown_context_;
    if (st && type && !compatible(st->elem, type))
      rep_.error(DiagCode::E0301, value->span,
                 "the initial values of `" + name + "`: expected a set of " + type->str() + ", found " + st->str());
  } else {
    expect(value, type, "the initial value of `" + name + "`");
  }
}

void TypeChecker::check_var(ast::Decl& d) {
  const Type* t = ensure_var(d, d.name.span);
  auto saved = enter(Ctx{&d, nullptr, false, StateRule::Init, false});
  check_initial_value(d.value.get(), d.init_kind, t, d.name.name);
  leave(saved);
}

// ---------------------------------------------------------------- parameters

void TypeChecker::check_params(ast::Decl& d, bool enumerated) {
  for (std::size_t i = 0; i < d.params.size(); ++i) {
    ast::Param& p = d.params[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (d.params[j].name.name == p.name.name) {
        auto& diag = rep_.error(DiagCode::E0202, p.name.span, "parameter `" + p.name.name + "` is declared twice");
        diag.notes.push_back({d.params[j].name.span, "first declared here"});
      }
    }
    const Type* t = resolve_type(p.type.get());
    if (t && enumerated && !t->cardinality()) {
      rep_.error(DiagCode::E0310, p.type->span,
                 "parameter `" + p.name.name + "` has type " + t->str() +
                     ", which has too many values to instantiate (more than 2^62)");
    }
  }
}

void TypeChecker::push_params(ast::Decl& d, const std::vector<const Type*>* arg_types) {
  scope_.push();
  for (std::size_t i = 0; i < d.params.size(); ++i) {
    ast::Param& p = d.params[i];
    LocalEntry e;
    e.name = p.name.name;
    e.ref = ast::Resolution{RefKind::Param, &d, nullptr, static_cast<int>(i)};
    e.type = p.type ? p.type->resolved : (arg_types && i < arg_types->size() ? (*arg_types)[i] : nullptr);
    e.span = p.name.span;
    scope_.add(std::move(e));
  }
}

// ---------------------------------------------------------------- actions, processes, procs

void TypeChecker::check_action(ast::Decl& d) {
  auto saved = enter(Ctx{&d, nullptr, true, StateRule::Allowed, false});
  check_params(d, true);
  push_params(d);
  check_block(d.body);
  leave(saved);
}

void TypeChecker::check_process(ast::Decl& d) {
  if (d.params.size() > 1)
    rep_.error(DiagCode::E0305, d.params[1].name.span,
               "a process has at most one instance parameter: `process " + d.name.name + "[x: D]`");
  if (!d.params.empty()) {
    d.resolved_type = resolve_domain(d.params[0].type.get(), "the instance parameter of a process");
    if (d.params[0].type && !d.resolved_type) d.params[0].type->resolved = nullptr;
  }
  // Local names are unique within the process, and differ from its parameter.
  for (std::size_t i = 0; i < d.locals.size(); ++i) {
    const ast::Ident& n = d.locals[i].name;
    const ast::Ident* first = nullptr;
    for (std::size_t j = 0; j < i && !first; ++j)
      if (d.locals[j].name.name == n.name) first = &d.locals[j].name;
    for (const auto& p : d.params)
      if (!first && p.name.name == n.name) first = &p.name;
    if (first) {
      auto& diag = rep_.error(DiagCode::E0202, n.span,
                              "`" + n.name + "` is declared twice in process `" + d.name.name + "`");
      diag.notes.push_back({first->span, "first declared here"});
    }
  }
  ensure_local_types(d);
  {
    auto saved = enter(Ctx{&d, &d, false, StateRule::Init, false});
    push_params(d);
    for (auto& l : d.locals) check_initial_value(l.value.get(), l.init_kind, l.resolved_type, l.name.name);
    leave(saved);
  }
  auto saved = enter(Ctx{&d, &d, false, StateRule::Allowed, false});
  push_params(d);
  scope_.push();
  for (std::size_t i = 0; i < d.locals.size(); ++i) {
    LocalEntry e;
    e.name = d.locals[i].name.name;
    e.ref = ast::Resolution{RefKind::LocalVar, &d, nullptr, static_cast<int>(i)};
    e.type = d.locals[i].resolved_type;
    e.span = d.locals[i].name.span;
    scope_.add(std::move(e));
  }
  check_block(d.body);
  leave(saved);
}

void TypeChecker::push_caller_locals(ast::Decl& proc, ast::Decl& caller) {
  ensure_local_types(caller);
  scope_.push();
  for (const auto& l : caller.locals) {
    LocalEntry e;
    e.name = l.name.name;
    e.ref = ast::Resolution{RefKind::LocalVar, &proc, nullptr, -1};
    e.type = l.resolved_type;
    e.span = l.name.span;
    scope_.add(std::move(e));
  }
}

void TypeChecker::check_proc_in(ast::Decl& proc, ast::Decl* caller, const std::vector<const Type*>& arg_types) {
  if (!proc_checked_.insert({&proc, caller, arg_types}).second) return;
  auto saved = enter(Ctx{&proc, caller, false, StateRule::Allowed, false});
  check_params(proc, false);
  if (caller) push_caller_locals(proc, *caller);
  push_params(proc, &arg_types);
  check_block(proc.body);
  leave(saved);
}

// ---------------------------------------------------------------- properties

void TypeChecker::check_property(ast::Decl& d) {
  auto saved = enter(Ctx{&d, nullptr, false, StateRule::Allowed, false});
  std::string what;
  switch (d.kind) {
    case DeclKind::Invariant: what = "invariant `" + d.name.name + "`"; break;
    case DeclKind::Cover: what = "cover `" + d.name.name + "`"; break;
    case DeclKind::Initially: what = "the condition of `initially`"; break;
    default: what = "the condition of `constraint`"; break;
  }
  if (d.value) expect_bool(d.value.get(), what);
  leave(saved);
}

void TypeChecker::check_check(ast::Decl& d) {
  static const std::vector<std::string> kChecks = {"deadlock", "lock_order", "held_at_exit"};
  for (const auto& c : kChecks)
    if (d.name.name == c) return;
  auto& diag = rep_.error(DiagCode::E0201, d.name.span,
                          "unknown check `" + d.name.name + "`; the checks are deadlock, lock_order and held_at_exit");
  std::string s = closest_name(d.name.name, kChecks);
  if (!s.empty()) diag.notes.push_back({SourceSpan{}, "did you mean `" + s + "`?"});
}

// ---------------------------------------------------------------- locks

void TypeChecker::check_lock(ast::Decl& d) {
  if (!d.index_type) return;
  auto saved = enter(Ctx{&d, nullptr, false, StateRule::Const, false});
  d.resolved_type = resolve_domain(d.index_type.get(), "the index type of lock `" + d.name.name + "`");
  leave(saved);
}

void TypeChecker::check_lock_order(ast::Decl& d) {
  for (auto& item : d.order) {
    ast::Decl* l = globals_.find(item.lock.name);
    if (!l) {
      std::vector<std::string> locks;
      for (const auto& n : globals_.names()) {
        const ast::Decl* c = globals_.find(n);
        if (c && c->kind == DeclKind::Lock) locks.push_back(n);
      }
      auto& diag = rep_.error(DiagCode::E0201, item.lock.span, "unknown lock `" + item.lock.name + "`");
      std::string s = closest_name(item.lock.name, locks);
      if (!s.empty()) diag.notes.push_back({globals_.find(s)->name.span, "did you mean `" + s + "`?"});
      continue;
    }
    if (l->kind != DeclKind::Lock) {
      auto& diag = rep_.error(DiagCode::E0210, item.lock.span,
                              "`" + item.lock.name + "` is a " + decl_kind_name(l->kind) + ", not a lock");
      diag.notes.push_back({l->name.span, "declared here"});
      continue;
    }
    item.decl = l;
    // `lock_order L by index` orders the instances of a lock array (docs/adr/0002).
    if (d.nesting_by_index && !l->index_type) {
      auto& diag = rep_.error(DiagCode::E0319, item.lock.span,
                              "`lock_order " + item.lock.name + " by index` orders the instances of a lock array, but `" +
                                  item.lock.name + "` is a single lock");
      diag.notes.push_back({l->name.span, "declared here"});
    }
  }
}

// Every `lock_order A < B < C` gives edges A->B, B->C; the declared order is transitive, so any
// cycle (other than a class ordered after itself, which declares same-class nesting) is E0405.
void TypeChecker::check_lock_order_cycles() {
  std::map<const ast::Decl*, std::vector<std::pair<const ast::Decl*, SourceSpan>>> edges;
  std::vector<const ast::Decl*> nodes;
  for (const auto& d : module_.decls) {
    if (!d || d->kind != DeclKind::LockOrder) continue;
    for (std::size_t i = 0; i + 1 < d->order.size(); ++i) {
      const ast::Decl* a = d->order[i].decl;
      const ast::Decl* b = d->order[i + 1].decl;
      if (!a || !b || a == b) continue;
      if (!edges.count(a)) nodes.push_back(a);
      edges[a].push_back({b, d->order[i + 1].lock.span});
    }
  }
  std::map<const ast::Decl*, int> color;
  std::vector<std::pair<const ast::Decl*, SourceSpan>> stack;  // node, span of the edge into it
  std::set<std::set<const ast::Decl*>> reported;
  std::function<void(const ast::Decl*)> dfs = [&](const ast::Decl* n) {
    color[n] = 1;
    for (const auto& [m, span] : edges[n]) {
      if (color[m] == 0) {
        stack.push_back({m, span});
        dfs(m);
        stack.pop_back();
      } else if (color[m] == 1) {
        std::size_t k = stack.size();
        while (k > 0 && stack[k - 1].first != m) --k;
        // The cycle: stack[k-1].first (== m) ... n, then back to m.
        std::set<const ast::Decl*> members;
        std::string chain;
        std::vector<SourceSpan> spans;
        for (std::size_t i = k == 0 ? 0 : k - 1; i < stack.size(); ++i) {
          members.insert(stack[i].first);
          chain += stack[i].first->name.name + " < ";
          if (i >= k) spans.push_back(stack[i].second);
        }
        chain += m->name.name;
        if (!reported.insert(members).second) continue;
        auto& diag = rep_.error(DiagCode::E0405, span, "contradictory lock order: " + chain);
        for (const auto& s : spans) diag.notes.push_back({s, "this order is declared here"});
      }
    }
    color[n] = 2;
  };
  for (const ast::Decl* n : nodes) {
    if (color[n] != 0) continue;
    stack.push_back({n, SourceSpan{}});
    dfs(n);
    stack.pop_back();
  }
}

}  // namespace compiler::sema
