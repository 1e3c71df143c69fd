// compiler (sema): on-demand resolution of constants (with -D overrides), type aliases,
// variable and local types, defs, and type expressions (§3); cycles are E0213.
#include "compiler/type_checker.h"

namespace compiler::sema {

TypeChecker::TypeChecker(ast::Module& module, TypeArena& types, Reporter& rep, const GlobalScope& globals,
                         const ConstOverrides& overrides, const BodyInfo& bodies)
    : module_(module), types_(types), rep_(rep), globals_(globals), overrides_(overrides), bodies_(bodies) {}

TypeChecker::Saved TypeChecker::enter(const Ctx& ctx) {
  Saved s{ctx_, std::move(scope_), unknown_context_};
  ctx_ = ctx;
  scope_ = Scope();
  unknown_context_ = 0;
  return s;
}

void TypeChecker::leave(Saved& saved) {
  ctx_ = saved.ctx;
  scope_ = std::move(saved.scope);
  unknown_context_ = saved.unknown_context;
}

// Starts computing `d`; false (and E0213 when `what` is set) if it is already in progress.
bool TypeChecker::begin(const ast::Decl& d, SourceSpan use, const char* what) {
  Progress& p = progress_[&d];
  if (p == Progress::InProgress) {
    if (what) {
      std::string chain;
      std::size_t k = 0;
      while (k < in_progress_.size() && in_progress_[k] != &d) ++k;
      for (std::size_t i = k; i < in_progress_.size(); ++i) chain += in_progress_[i]->name.name + " -> ";
      chain += d.name.name;
      auto& diag = rep_.error(DiagCode::E0213, use,
                              std::string(what) + " `" + d.name.name + "` depends on itself (" + chain + ")");
      diag.notes.push_back({d.name.span, "`" + d.name.name + "` is declared here"});
    }
    return false;
  }
  p = Progress::InProgress;
  in_progress_.push_back(&d);
  return true;
}

void TypeChecker::finish(const ast::Decl& d) {
  progress_[&d] = Progress::Done;
  if (!in_progress_.empty() && in_progress_.back() == &d) in_progress_.pop_back();
}

// ---------------------------------------------------------------- constants

void TypeChecker::ensure_const(ast::Decl& d, SourceSpan use) {
  if (progress_[&d] == Progress::Done) return;
  if (!begin(d, use, "constant")) return;
  auto saved = enter(Ctx{&d, nullptr, false, StateRule::Const, false});
  std::size_t before = rep_.error_count();
  const Type* t = infer(d.value.get());
  leave(saved);
  bool known = t && (t->is_int() || t->kind == TypeKind::Bool);
  bool is_bool = t && t->kind == TypeKind::Bool;
  std::optional<std::int64_t> value;
  if (t && !known) {
    rep_.error(DiagCode::E0301, d.value->span,
               "constant `" + d.name.name + "` must be an integer or a boolean, found " + t->str());
  } else if (known) {
    value = d.value->const_value;
    if (!value && rep_.error_count() == before)
      rep_.error(DiagCode::E0303, d.value->span,
                 "the value of constant `" + d.name.name + "` is not a constant expression");
  }
  overrides_.apply(d, known, is_bool, value, rep_);
  const Type* type = known ? (is_bool ? types_.bool_type() : types_.int_type()) : nullptr;
  if (!type && value) {  // the expression failed but -D gave a value: its kind decides
    const std::string* text = overrides_.find(d.name.name);
    bool b = text && parse_override_value(*text).kind == OverrideValue::Bool;
    type = b ? types_.bool_type() : types_.int_type();
  }
  d.resolved_type = type;
  d.const_value = value;
  finish(d);
}

// ---------------------------------------------------------------- types

const Type* TypeChecker::ensure_alias(ast::Decl& d, SourceSpan use) {
  if (progress_[&d] == Progress::Done) return d.resolved_type;
  if (!begin(d, use, "type")) return nullptr;
  auto saved = enter(Ctx{&d, nullptr, false, StateRule::Const, false});
  d.resolved_type = resolve_type(d.type.get());
  leave(saved);
  finish(d);
  return d.resolved_type;
}

const Type* TypeChecker::ensure_var(ast::Decl& d, SourceSpan use) {
  if (progress_[&d] == Progress::Done) return d.resolved_type;
  // A variable whose type mentions itself (through a def in a range bound) is reported as a
  // non-constant bound; no cycle diagnostic here.
  if (!begin(d, use, nullptr)) return nullptr;
  auto saved = enter(Ctx{&d, nullptr, false, StateRule::Const, false});
  d.resolved_type = resolve_type(d.type.get());
  leave(saved);
  finish(d);
  return d.resolved_type;
}

void TypeChecker::ensure_local_types(ast::Decl& process) {
  if (!locals_resolved_.insert(&process).second) return;
  auto saved = enter(Ctx{&process, nullptr, false, StateRule::Const, false});
  for (auto& l : process.locals) l.resolved_type = resolve_type(l.type.get());
  leave(saved);
}

bool TypeChecker::ensure_def(ast::Decl& d, SourceSpan use) {
  if (progress_[&d] == Progress::Done) return true;
  if (!begin(d, use, "def")) return false;
  auto saved = enter(Ctx{&d, nullptr, false, StateRule::Allowed, false});
  check_params(d, false);
  push_params(d);
  const Type* t = infer(d.value.get());
  bool reads = ctx_.reads_state;
  leave(saved);
  d.resolved_type = t;
  def_reads_state_[&d] = reads;
  if (d.params.empty() && d.value && d.value->const_value) d.const_value = d.value->const_value;
  finish(d);
  return true;
}

std::optional<std::int64_t> TypeChecker::const_int(ast::Expr* e, const std::string& what) {
  if (!e) return std::nullopt;
  auto saved = enter(Ctx{ctx_.owner, nullptr, false, StateRule::Const, false});
  std::size_t before = rep_.error_count();
  const Type* t = infer(e);
  leave(saved);
  if (!t) return std::nullopt;
  if (!t->is_int()) {
    rep_.error(DiagCode::E0301, e->span, what + " must be an integer, found " + t->str());
    return std::nullopt;
  }
  if (!e->const_value) {
    if (rep_.error_count() == before)
      rep_.error(DiagCode::E0303, e->span, what + " is not a constant expression");
    return std::nullopt;
  }
  return e->const_value;
}

const Type* TypeChecker::resolve_named_type(ast::TypeExpr& t) {
  const std::string& name = t.name.name;
  ast::Decl* d = globals_.find(name);
  if (!d) {
    if (globals_.enum_values(name)) {
      rep_.error(DiagCode::E0217, t.span, "`" + name + "` is an enum value, not a type");
      return nullptr;
    }
    std::vector<std::string> candidates;
    for (const auto& n : globals_.names()) {
      const ast::Decl* c = globals_.find(n);
      if (c && (c->kind == ast::DeclKind::Enum || c->kind == ast::DeclKind::TypeAlias)) candidates.push_back(n);
    }
    auto& diag = rep_.error(DiagCode::E0201, t.span, "unknown type `" + name + "`");
    std::string s = closest_name(name, candidates);
    if (!s.empty()) diag.notes.push_back({globals_.find(s)->name.span, "did you mean `" + s + "`?"});
    return nullptr;
  }
  if (d->kind == ast::DeclKind::Enum) return types_.enum_type(d);
  if (d->kind == ast::DeclKind::TypeAlias) return ensure_alias(*d, t.span);
  auto& diag = rep_.error(DiagCode::E0217, t.span,
                          "`" + name + "` is a " + decl_kind_name(d->kind) + ", not a type");
  diag.notes.push_back({d->name.span, "declared here"});
  return nullptr;
}

const Type* TypeChecker::resolve_type(ast::TypeExpr* t) {
  if (!t) return nullptr;
  if (t->resolved) return t->resolved;
  const Type* r = nullptr;
  switch (t->kind) {
    case ast::TypeExprKind::Bool:
      r = types_.bool_type();
      break;
    case ast::TypeExprKind::Range: {
      auto lo = const_int(t->lo.get(), "the lower bound of a range");
      auto hi = const_int(t->hi.get(), "the upper bound of a range");
      if (lo && hi) {
        if (*lo > *hi)
          rep_.error(DiagCode::E0304, t->span,
                     "empty range " + std::to_string(*lo) + ".." + std::to_string(*hi) +
                         ": a range type needs lower bound <= upper bound");
        else
          r = types_.range(*lo, *hi);
      }
      break;
    }
    case ast::TypeExprKind::Named:
      r = resolve_named_type(*t);
      break;
    case ast::TypeExprKind::SetOf: {
      const Type* e = resolve_type(t->elem.get());
      if (e) {
        auto c = e->cardinality();
        if (!c || *c > 1024) {
          rep_.error(DiagCode::E0309, t->span,
                     "`set of " + e->str() + "`: the element type has " +
                         (c ? std::to_string(*c) : std::string("too many")) +
                         " values; a set type allows at most 1024");
        }
        r = types_.set_of(e);
      }
      break;
    }
    case ast::TypeExprKind::Function: {
      const Type* d = resolve_domain(t->elem.get(), "the domain of a function type");
      const Type* c = resolve_type(t->elem2.get());
      if (d && c) r = types_.function(d, c);
      break;
    }
    case ast::TypeExprKind::Record: {
      std::vector<std::pair<std::string, const Type*>> fields;
      bool ok = true;
      for (std::size_t i = 0; i < t->fields.size(); ++i) {
        auto& f = t->fields[i];
        for (std::size_t j = 0; j < i; ++j) {
          if (t->fields[j].name.name == f.name.name) {
            auto& diag = rep_.error(DiagCode::E0202, f.name.span,
                                    "record field `" + f.name.name + "` appears twice");
            diag.notes.push_back({t->fields[j].name.span, "first declared here"});
            ok = false;
          }
        }
        const Type* ft = resolve_type(f.type.get());
        if (!ft) ok = false;
        fields.emplace_back(f.name.name, ft);
      }
      if (ok) r = types_.record(std::move(fields));
      break;
    }
    case ast::TypeExprKind::SeqOf: {
      const Type* e = resolve_type(t->elem.get());
      auto k = const_int(t->hi.get(), "the maximum length of a sequence");
      if (k && *k < 0) {
        rep_.error(DiagCode::E0304, t->hi ? t->hi->span : t->span,
                   "the maximum length of a sequence cannot be negative (" + std::to_string(*k) + ")");
        k.reset();
      }
      if (e && k) r = types_.seq_of(e, *k);
      break;
    }
  }
  t->resolved = r;
  return r;
}

const Type* TypeChecker::resolve_domain(ast::TypeExpr* t, const std::string& what) {
  const Type* d = resolve_type(t);
  if (!d) return nullptr;
  if (d->kind != TypeKind::Bool && d->kind != TypeKind::Range && d->kind != TypeKind::Enum) {
    if (bad_domains_.insert(d->str()).second)
      rep_.error(DiagCode::E0315, t->span,
               what + " must be an integer range, an enum or bool, found " + d->str());
    return nullptr;
  }
  return d;
}

}  // namespace compiler::sema
