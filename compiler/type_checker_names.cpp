// compiler (sema): typing of names: scope lookup (bound variables, parameters, locals), then
// top-level declarations and enum values (E0201 with a suggestion, E0203 ambiguous values,
// E0204, E0216 non-values), `E.v`, and `self` as a value.
#include <algorithm>

#include "compiler/type_checker.h"

namespace compiler::sema {

using ast::Expr;
using ast::ExprKind;
using ast::RefKind;

namespace {

std::string article(const std::string& kind) {
  return (!kind.empty() && std::string("aeiou").find(kind[0]) != std::string::npos) ? "an " : "a ";
}

}  // namespace

// The top-level declaration a Name refers to when no local shadows it.
const ast::Decl* TypeChecker::global_decl_unshadowed(const Expr* e) const {
  if (!e || e->kind != ExprKind::Name || scope_.find(e->name)) return nullptr;
  return globals_.find(e->name);
}

bool TypeChecker::is_process_instance_syntax(const Expr* e) const {
  if (!e) return false;
  if (e->kind == ExprKind::Self) return true;
  const Expr* base = e->kind == ExprKind::Index && !e->args.empty() ? e->args[0].get() : e;
  const ast::Decl* d = global_decl_unshadowed(base);
  return d && d->kind == ast::DeclKind::Process;
}

void TypeChecker::unknown_name(const Expr* e, const std::string& name, SourceSpan span,
                               std::vector<ast::DeclKind> kinds) {
  (void)e;
  auto& diag = rep_.error(DiagCode::E0201, span, "unknown name `" + name + "`");
  // Suggest only names that could stand here: locals in scope, and global names that are
  // values (constants, variables, defs, enum values), not types, actions or properties.
  bool values = kinds.empty();
  if (values) kinds = {ast::DeclKind::Const, ast::DeclKind::Var, ast::DeclKind::Def};
  std::vector<std::string> candidates;
  if (values || std::find(kinds.begin(), kinds.end(), ast::DeclKind::Var) != kinds.end())
    candidates = scope_.names();
  for (auto& n : globals_.names()) {
    const ast::Decl* d = globals_.find(n);
    if (d && std::find(kinds.begin(), kinds.end(), d->kind) != kinds.end()) candidates.push_back(n);
    if (d && values && d->kind == ast::DeclKind::Enum)
      for (const auto& v : d->enum_values) candidates.push_back(v.name);
  }
  std::string s = closest_name(name, candidates);
  if (!s.empty()) {
    const ast::Decl* d = scope_.find(s) ? nullptr : globals_.find(s);
    diag.notes.push_back({d ? d->name.span : SourceSpan{}, "did you mean `" + s + "`?"});
  }
}

const Type* TypeChecker::infer_name(Expr* e) {
  if (const LocalEntry* found = scope_.find(e->name)) {
    LocalEntry l = *found;
    e->ref = l.ref;
    if (l.ref.kind == RefKind::LocalVar) {
      state_read(e, "local variable `" + e->name + "`");
      if (l.ref.decl && l.ref.decl->kind == ast::DeclKind::Proc && ctx_.process && l.type) {
        auto key = std::make_pair(l.ref.decl, e->name);
        auto it = caller_locals_.find(key);
        if (it == caller_locals_.end()) {
          caller_locals_.emplace(key, std::make_pair(l.type, ctx_.process));
        } else if (!compatible(it->second.first, l.type)) {
          rep_.error(DiagCode::E0301, e->span,
                     "proc `" + l.ref.decl->name.name + "` uses the caller's local `" + e->name + "`, which is " +
                         it->second.first->str() + " in process `" + it->second.second->name.name + "` but " +
                         l.type->str() + " in process `" + ctx_.process->name.name + "`");
        }
      }
    }
    if (l.let_value && l.let_value->const_value) e->const_value = l.let_value->const_value;
    return l.type;
  }
  if (ast::Decl* d = globals_.find(e->name)) return infer_global(e, *d);
  if (const auto* values = globals_.enum_values(e->name)) {
    if (values->size() == 1) {
      const EnumValueRef& v = values->front();
      e->ref = ast::Resolution{RefKind::EnumValue, v.decl, nullptr, v.index};
      e->const_value = v.index;
      return types_.enum_type(v.decl);
    }
    std::string options;
    for (std::size_t i = 0; i < values->size(); ++i) {
      if (i) options += i + 1 == values->size() ? " or " : ", ";
      options += "`" + (*values)[i].decl->name.name + "." + e->name + "`";
    }
    auto& diag = rep_.error(DiagCode::E0203, e->span,
                            "`" + e->name + "` is a value of several enums; write " + options);
    for (const auto& v : *values)
      diag.notes.push_back({v.decl->enum_values[static_cast<std::size_t>(v.index)].span,
                            "a value of `" + v.decl->name.name + "`"});
    return nullptr;
  }
  // A proc no process calls cannot know its callers' locals: an unknown name there may be one.
  if (!(ctx_.owner && ctx_.owner->kind == ast::DeclKind::Proc && !ctx_.process)) unknown_name(e, e->name, e->span);
  return nullptr;
}

const Type* TypeChecker::infer_global(Expr* e, ast::Decl& d) {
  using ast::DeclKind;
  used_decls_.insert(&d);
  switch (d.kind) {
    case DeclKind::Var:
      e->ref = ast::Resolution{RefKind::GlobalVar, &d, nullptr, -1};
      state_read(e, "variable `" + e->name + "`");
      return ensure_var(d, e->span);
    case DeclKind::Const:
      e->ref = ast::Resolution{RefKind::Const, &d, nullptr, -1};
      ensure_const(d, e->span);
      e->const_value = d.const_value;
      return d.resolved_type;
    case DeclKind::Enum:
      e->ref = ast::Resolution{RefKind::Type, &d, nullptr, -1};
      return types_.set_of(types_.enum_type(&d));
    case DeclKind::TypeAlias: {
      e->ref = ast::Resolution{RefKind::Type, &d, nullptr, -1};
      const Type* t = ensure_alias(d, e->span);
      return t ? types_.set_of(t) : nullptr;
    }
    case DeclKind::Def: {
      e->ref = ast::Resolution{RefKind::Def, &d, nullptr, -1};
      if (!d.params.empty()) {
        rep_.error(DiagCode::E0305, e->span,
                   "def `" + d.name.name + "` takes " + std::to_string(d.params.size()) + " argument" +
                       (d.params.size() == 1 ? "" : "s") + "; write `" + d.name.name + "(...)`");
        return nullptr;
      }
      if (!ensure_def(d, e->span)) return nullptr;
      if (def_reads_state_[&d]) state_read(e, "def `" + e->name + "`, which reads the state");
      e->const_value = d.const_value;
      return d.resolved_type;
    }
    case DeclKind::Lock:
    case DeclKind::Process: {
      bool lock = d.kind == DeclKind::Lock;
      e->ref = ast::Resolution{lock ? RefKind::Lock : RefKind::Process, &d, nullptr, -1};
      auto& diag = rep_.error(DiagCode::E0216, e->span,
                              "`" + e->name + "` is a " + (lock ? "lock" : "process") + ", not a value");
      diag.notes.push_back({SourceSpan{}, lock ? "test a lock with `locked(L)` or `holds(p, L)`"
                                               : "a process is observed with `p@label`, `p@end` or `p.x`"});
      return nullptr;
    }
    default: {
      auto& diag = rep_.error(DiagCode::E0216, e->span,
                              "`" + e->name + "` is " + article(decl_kind_name(d.kind)) + decl_kind_name(d.kind) +
                                  ", not a value");
      diag.notes.push_back({d.name.span, "declared here"});
      return nullptr;
    }
  }
}

const Type* TypeChecker::infer_qualified(Expr* e) {
  ast::Decl* d = scope_.find(e->name) ? nullptr : globals_.find(e->name);
  if (!d || d->kind != ast::DeclKind::Enum) {
    if (scope_.find(e->name) || d) {
      // `r.f` parsed as a qualified name: a record field after all.
      auto base = std::make_unique<Expr>();
      base->kind = ExprKind::Name;
      base->name = e->name;
      base->span = e->span;
      base->span.end = e->span.begin + static_cast<std::uint32_t>(e->name.size());
      e->kind = ExprKind::Field;
      e->args.clear();
      e->args.push_back(std::move(base));
      return infer_field(e);
    }
    if (globals_.enum_values(e->name)) {
      rep_.error(DiagCode::E0201, e->span, "`" + e->name + "` is an enum value, not an enum");
      return nullptr;
    }
    unknown_name(e, e->name, e->span);
    return nullptr;
  }
  for (std::size_t i = 0; i < d->enum_values.size(); ++i) {
    if (d->enum_values[i].name == e->field) {
      e->ref = ast::Resolution{RefKind::EnumValue, d, nullptr, static_cast<int>(i)};
      e->const_value = static_cast<std::int64_t>(i);
      return types_.enum_type(d);
    }
  }
  std::vector<std::string> names;
  for (const auto& v : d->enum_values) names.push_back(v.name);
  auto& diag = rep_.error(DiagCode::E0204, e->field_span.valid() ? e->field_span : e->span,
                          "enum `" + d->name.name + "` has no value `" + e->field + "`");
  std::string s = closest_name(e->field, names);
  if (!s.empty()) diag.notes.push_back({SourceSpan{}, "did you mean `" + d->name.name + "." + s + "`?"});
  return nullptr;
}

const Type* TypeChecker::infer_self(Expr* e) {
  if (!ctx_.process) {
    if (ctx_.owner && ctx_.owner->kind == ast::DeclKind::Proc) return nullptr;  // proc never called
    rep_.error(DiagCode::E0407, e->span, "`self` is only meaningful inside a process or a proc");
    return nullptr;
  }
  if (ctx_.process->params.empty()) {
    auto& diag = rep_.error(DiagCode::E0216, e->span,
                            "process `" + ctx_.process->name.name + "` has no instances, so `self` has no value");
    diag.notes.push_back({SourceSpan{}, "`self@label`, `self.x` and `holds(self, L)` still refer to the process"});
    return nullptr;
  }
  return ctx_.process->resolved_type;
}


}  // namespace compiler::sema
