// compiler (sema): typing of calls (defs and builtins), application f[e], fields r.f and
// process locals p.x, primes, p@label, and process/lock instances (`p`, `p[i]`, `self`, `L[i]`).
#include "compiler/type_checker.h"

namespace compiler::sema {

using ast::Expr;
using ast::ExprKind;
using ast::RefKind;

namespace {
Expr* arg(Expr* e, std::size_t i) { return i < e->args.size() ? e->args[i].get() : nullptr; }

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}
}  // namespace

// ---------------------------------------------------------------- calls

const Type* TypeChecker::infer_call(Expr* e, const Type* hint) {
  auto infer_args = [&]() {
    for (auto& a : e->args) infer(a.get());
  };
  if (const LocalEntry* l = scope_.find(e->name)) {
    rep_.error(DiagCode::E0216, e->span,
               "`" + e->name + "` is a " + (l->ref.kind == RefKind::Param ? "parameter" : "bound or local variable") +
                   ", not a def; apply a function with `" + e->name + "[x]`");
    infer_args();
    return nullptr;
  }
  ast::Decl* d = globals_.find(e->name);
  if (d && d->kind == ast::DeclKind::Def) {
    used_decls_.insert(d);
    e->ref = ast::Resolution{RefKind::Def, d, nullptr, -1};
    bool ok = ensure_def(*d, e->span);
    std::size_t n = d->params.size();
    if (e->args.size() != n) {
      auto& diag = rep_.error(DiagCode::E0305, e->span,
                              "def `" + e->name + "` takes " + plural(n, "argument") + ", given " +
                                  std::to_string(e->args.size()));
      diag.notes.push_back({d->name.span, "declared here"});
    }
    for (std::size_t i = 0; i < e->args.size(); ++i) {
      if (i < n) {
        const Type* want = d->params[i].type ? d->params[i].type->resolved : nullptr;
        expect(e->args[i].get(), want, "argument " + std::to_string(i + 1) + " of `" + e->name + "`");
      } else {
        infer(e->args[i].get());
      }
    }
    if (!ok) return nullptr;
    if (def_reads_state_[d]) state_read(e, "def `" + e->name + "`, which reads the state");
    if (n == 0 && d->const_value) e->const_value = d->const_value;
    return d->resolved_type;
  }
  if (d) {
    auto& diag = rep_.error(DiagCode::E0216, e->span,
                            "`" + e->name + "` is a " + decl_kind_name(d->kind) + ", not a def");
    if (d->kind == ast::DeclKind::Proc)
      diag.notes.push_back({SourceSpan{}, "a proc is run with the statement `call " + e->name + "(...)`"});
    else
      diag.notes.push_back({d->name.span, "declared here"});
    infer_args();
    return nullptr;
  }
  if (is_builtin(e->name)) return infer_builtin(e, hint);
  std::vector<std::string> candidates = builtin_names();
  for (const auto& n : globals_.names()) {
    const ast::Decl* c = globals_.find(n);
    if (c && c->kind == ast::DeclKind::Def) candidates.push_back(n);
  }
  auto& diag = rep_.error(DiagCode::E0201, e->span, "unknown def or builtin `" + e->name + "`");
  std::string s = closest_name(e->name, candidates);
  if (!s.empty()) diag.notes.push_back({SourceSpan{}, "did you mean `" + s + "`?"});
  infer_args();
  return nullptr;
}

const Type* TypeChecker::infer_builtin(Expr* e, const Type* hint) {
  e->ref = ast::Resolution{RefKind::Builtin, nullptr, nullptr, -1};
  const std::string& n = e->name;
  std::size_t want = (n == "append" || n == "holds") ? 2 : 1;
  if (e->args.size() != want) {
    rep_.error(DiagCode::E0305, e->span,
               "`" + n + "` takes " + plural(want, "argument") + ", given " + std::to_string(e->args.size()));
    for (auto& a : e->args) {
      if (n == "holds" || n == "locked") continue;  // instances, not values: nothing sensible to infer
      infer(a.get());
    }
    return n == "holds" || n == "locked" ? types_.bool_type() : nullptr;
  }
  Expr* a = arg(e, 0);
  if (n == "card") {
    infer_set(a, nullptr, false);
    return types_.int_type();
  }
  if (n == "min" || n == "max") {
    const Type* ts = infer_set(a, nullptr, false);
    if (ts && ts->elem && !ts->elem->is_int()) {
      rep_.error(DiagCode::E0301, a->span, "argument of `" + n + "`: expected a set of integers, found " + ts->str());
      return nullptr;
    }
    return ts && ts->elem ? ts->elem : types_.int_type();
  }
  if (n == "len" || n == "head" || n == "tail") {
    const Type* t = infer(a, n == "tail" ? hint : nullptr);
    if (t && t->kind != TypeKind::Seq) {
      rep_.error(DiagCode::E0301, a->span, "argument of `" + n + "`: expected a sequence, found " + t->str());
      return n == "len" ? types_.int_type() : nullptr;
    }
    if (n == "len") return types_.int_type();
    if (!t) return nullptr;
    return n == "head" ? t->elem : t;
  }
  if (n == "append") {
    Expr* x = arg(e, 1);
    const Type* seq_hint = hint && hint->kind == TypeKind::Seq ? hint : nullptr;
    const Type* ts = nullptr;
    if (context_dependent(a) && !seq_hint) {
      const Type* tx = infer(x);
      ts = infer(a, tx ? types_.seq_of(tx, 0) : nullptr);
    } else {
      ts = infer(a, seq_hint);
      if (ts && ts->kind == TypeKind::Seq)
        expect(x, ts->elem, "the element appended");
      else
        infer(x);
    }
    if (!ts) return nullptr;
    if (ts->kind != TypeKind::Seq) {
      rep_.error(DiagCode::E0301, a->span, "first argument of `append`: expected a sequence, found " + ts->str());
      return nullptr;
    }
    std::int64_t max = ts->max_len < INT64_MAX ? ts->max_len + 1 : ts->max_len;
    return types_.seq_of(ts->elem, max);
  }
  if (n == "holds") {
    infer_instance(a, TypeKind::Process);
    infer_instance(arg(e, 1), TypeKind::Lock);
    state_read(e, "the lock state (`holds`)");
    return types_.bool_type();
  }
  // locked
  infer_instance(a, TypeKind::Lock);
  state_read(e, "the lock state (`locked`)");
  return types_.bool_type();
}

// ---------------------------------------------------------------- instances

const Type* TypeChecker::infer_instance(Expr* e, TypeKind want) {
  if (!e) return nullptr;
  bool proc = want == TypeKind::Process;
  const std::string what = proc ? "process" : "lock";
  DiagCode wrong = proc ? DiagCode::E0209 : DiagCode::E0210;
  switch (e->kind) {
    case ExprKind::Self: {
      if (!proc) {
        rep_.error(DiagCode::E0210, e->span, "`self` is a process, not a lock");
        return nullptr;
      }
      if (!ctx_.process) {
        if (ctx_.owner && ctx_.owner->kind == ast::DeclKind::Proc) return nullptr;  // proc never called
        rep_.error(DiagCode::E0407, e->span, "`self` is only meaningful inside a process or a proc");
        return nullptr;
      }
      e->type = types_.process(ctx_.process);
      return e->type;
    }
    case ExprKind::Name: {
      if (const LocalEntry* l = scope_.find(e->name)) {
        rep_.error(wrong, e->span, "`" + e->name + "` is a " +
                                       (l->ref.kind == RefKind::Param ? "parameter" : "variable") + ", not a " + what);
        return nullptr;
      }
      ast::Decl* d = globals_.find(e->name);
      if (!d) {
        unknown_name(e, e->name, e->span, {proc ? ast::DeclKind::Process : ast::DeclKind::Lock});
        return nullptr;
      }
      bool match = d->kind == (proc ? ast::DeclKind::Process : ast::DeclKind::Lock);
      if (!match) {
        auto& diag = rep_.error(wrong, e->span, "`" + e->name + "` is a " + decl_kind_name(d->kind) + ", not a " + what);
        diag.notes.push_back({d->name.span, "declared here"});
        return nullptr;
      }
      e->ref = ast::Resolution{proc ? RefKind::Process : RefKind::Lock, d, nullptr, -1};
      bool indexed = proc ? !d->params.empty() : d->index_type != nullptr;
      if (indexed) {
        if (proc)
          rep_.error(DiagCode::E0209, e->span,
                     "process `" + e->name + "` has one instance per value of its parameter; name one as `" +
                         e->name + "[i]`");
        else
          rep_.error(DiagCode::E0319, e->span,
                     "`" + e->name + "` is an array of locks; name one as `" + e->name + "[i]`");
        return nullptr;
      }
      e->type = proc ? types_.process(d) : types_.lock(d);
      return e->type;
    }
    case ExprKind::Index: {
      Expr* base = arg(e, 0);
      Expr* idx = arg(e, 1);
      ast::Decl* d = base && base->kind == ExprKind::Name && !scope_.find(base->name) ? globals_.find(base->name)
                                                                                      : nullptr;
      if (!d || d->kind != (proc ? ast::DeclKind::Process : ast::DeclKind::Lock)) {
        if (base && base->kind == ExprKind::Name && !scope_.find(base->name) && !d) {
          unknown_name(base, base->name, base->span, {proc ? ast::DeclKind::Process : ast::DeclKind::Lock});
        } else {
          rep_.error(wrong, e->span, "expected a " + what + (proc ? " instance (`p`, `p[i]` or `self`)" : " (`L` or `L[i]`)"));
        }
        infer(idx);
        return nullptr;
      }
      const Type* inst = proc ? types_.process(d) : types_.lock(d);
      base->ref = ast::Resolution{proc ? RefKind::Process : RefKind::Lock, d, nullptr, -1};
      base->type = inst;
      const Type* index_type = nullptr;
      if (proc && !d->params.empty()) index_type = resolve_type(d->params[0].type.get());
      if (!proc && d->index_type) index_type = resolve_type(d->index_type.get());
      bool indexed = proc ? !d->params.empty() : d->index_type != nullptr;
      if (!indexed) {
        rep_.error(proc ? DiagCode::E0306 : DiagCode::E0319, e->span,
                   what + " `" + d->name.name + "` is a single " + (proc ? "instance" : "lock") + "; write `" +
                       d->name.name + "` without an index");
        infer(idx);
        return nullptr;
      }
      const Type* ti = infer(idx, index_type);
      if (ti && index_type && !compatible(ti, index_type))
        rep_.error(proc ? DiagCode::E0301 : DiagCode::E0319, idx->span,
                   "index of " + what + " `" + d->name.name + "`: expected " + index_type->str() + ", found " +
                       ti->str());
      e->type = inst;
      return inst;
    }
    default:
      rep_.error(wrong, e->span,
                 "expected a " + what + (proc ? " instance (`p`, `p[i]` or `self`)" : " (`L` or `L[i]`)"));
      return nullptr;
  }
}

// ---------------------------------------------------------------- application, fields

const Type* TypeChecker::infer_index(Expr* e) {
  Expr* base = arg(e, 0);
  Expr* idx = arg(e, 1);
  const ast::Decl* d = global_decl_unshadowed(base);
  if (d && (d->kind == ast::DeclKind::Process || d->kind == ast::DeclKind::Lock)) {
    bool lock = d->kind == ast::DeclKind::Lock;
    auto& diag = rep_.error(DiagCode::E0216, e->span,
                            std::string("`") + d->name.name + "[...]` is a " + (lock ? "lock" : "process instance") +
                                ", not a value");
    diag.notes.push_back({SourceSpan{}, lock ? "test a lock with `locked(L[i])` or `holds(p, L[i])`"
                                             : "a process is observed with `p[i]@label`, `p[i]@end` or `p[i].x`"});
    infer(idx);
    return nullptr;
  }
  const Type* tb = infer(base);
  if (!tb) {
    infer(idx);
    return nullptr;
  }
  if (tb->kind == TypeKind::Function) {
    expect(idx, tb->elem, "the argument of a function " + tb->str());
    return tb->codomain;
  }
  if (tb->kind == TypeKind::Seq) {
    expect(idx, types_.int_type(), "a sequence index");
    return tb->elem;
  }
  rep_.error(DiagCode::E0306, e->span,
             "cannot apply `[...]` to a value of type " + tb->str() + " (not a function or a sequence)");
  infer(idx);
  return nullptr;
}

const Type* TypeChecker::infer_field(Expr* e) {
  Expr* base = arg(e, 0);
  if (!base) return nullptr;
  if (base->kind == ExprKind::Name && !scope_.find(base->name)) {
    const ast::Decl* d = globals_.find(base->name);
    if (d && d->kind == ast::DeclKind::Enum) {
      // `E.v` parsed as a field access: normalise to a Qualified enum value.
      e->kind = ExprKind::Qualified;
      e->name = base->name;
      e->args.clear();
      return infer_qualified(e);
    }
  }
  if (is_process_instance_syntax(base)) return infer_local_access(e);
  const Type* tb = infer(base);
  if (!tb) return nullptr;
  SourceSpan where = e->field_span.valid() ? e->field_span : e->span;
  if (tb->kind != TypeKind::Record) {
    rep_.error(DiagCode::E0307, where, "`." + e->field + "`: a value of type " + tb->str() + " is not a record");
    return nullptr;
  }
  int i = tb->field_index(e->field);
  if (i < 0) {
    auto& diag = rep_.error(DiagCode::E0214, where, "record type " + tb->str() + " has no field `" + e->field + "`");
    std::vector<std::string> names;
    for (const auto& f : tb->fields) names.push_back(f.first);
    std::string s = closest_name(e->field, names);
    if (!s.empty()) diag.notes.push_back({SourceSpan{}, "did you mean `" + s + "`?"});
    return nullptr;
  }
  return tb->fields[static_cast<std::size_t>(i)].second;
}

const Type* TypeChecker::infer_local_access(Expr* e) {
  Expr* base = arg(e, 0);
  const Type* pt = infer_instance(base, TypeKind::Process);
  if (!pt || !pt->decl) return nullptr;
  auto* p = const_cast<ast::Decl*>(pt->decl);  // the module is ours to annotate
  ensure_local_types(*p);
  int index = -1;
  for (std::size_t i = 0; i < p->locals.size(); ++i)
    if (p->locals[i].name.name == e->field) index = static_cast<int>(i);
  SourceSpan where = e->field_span.valid() ? e->field_span : e->span;
  if (index < 0) {
    auto& diag = rep_.error(DiagCode::E0215, where,
                            "process `" + p->name.name + "` has no local variable `" + e->field + "`");
    std::vector<std::string> names;
    for (const auto& l : p->locals) names.push_back(l.name.name);
    std::string s = closest_name(e->field, names);
    if (!s.empty()) diag.notes.push_back({SourceSpan{}, "did you mean `" + s + "`?"});
    return nullptr;
  }
  state_read(e, "local variable `" + p->name.name + "." + e->field + "`");
  const Type* t = p->locals[static_cast<std::size_t>(index)].resolved_type;
  if (base->kind == ExprKind::Self && ctx_.owner && ctx_.owner->kind == ast::DeclKind::Proc) {
    // `self.x` in a proc: the caller's local, found by name when the proc is expanded.
    e->ref = ast::Resolution{RefKind::LocalVar, ctx_.owner, nullptr, -1};
    auto key = std::make_pair(static_cast<const ast::Decl*>(ctx_.owner), e->field);
    auto it = caller_locals_.find(key);
    if (it == caller_locals_.end())
      caller_locals_.emplace(key, std::make_pair(t, static_cast<const ast::Decl*>(p)));
    else if (!compatible(it->second.first, t))
      rep_.error(DiagCode::E0301, e->span,
                 "proc `" + ctx_.owner->name.name + "` uses the caller's local `" + e->field + "`, which has type " +
                     (it->second.first ? it->second.first->str() : "?") + " in process `" +
                     it->second.second->name.name + "` but " + (t ? t->str() : "?") + " in process `" +
                     p->name.name + "`");
  } else {
    e->ref = ast::Resolution{RefKind::LocalVar, p, nullptr, index};
  }
  return t;
}

// ---------------------------------------------------------------- primes and labels

const Type* TypeChecker::infer_prime(Expr* e) {
  Expr* inner = arg(e, 0);
  if (!ctx_.in_action) {
    auto& diag = rep_.error(DiagCode::E0311, e->span, "primed variables are only allowed inside actions");
    if (ctx_.process)
      diag.notes.push_back({SourceSpan{}, "process statements run in order: assign with `x := e`, then read `x`"});
  }
  if (!inner) return nullptr;
  const Type* t = infer(inner);
  if (inner->kind != ExprKind::Name || inner->ref.kind != RefKind::GlobalVar) {
    if (inner->kind != ExprKind::Name || inner->ref.kind != RefKind::Unresolved) {
      std::string kind = ref_kind_name(inner->ref);
      std::string what = inner->kind == ExprKind::Name ? "`" + inner->name + "` is " +
                                                             (kind[0] == 'e' ? "an " : "a ") + kind
                                                       : "this expression is not a variable";
      rep_.error(DiagCode::E0322, e->span, "only global variables can be primed; " + what);
    }
    return nullptr;
  }
  e->ref = inner->ref;
  return t;
}

const Type* TypeChecker::infer_at(Expr* e) {
  Expr* base = arg(e, 0);
  const Type* pt = infer_instance(base, TypeKind::Process);
  state_read(e, "the control state of a process (`@`)");
  if (pt && pt->decl && e->field != "end") {
    std::set<std::string> labels = bodies_.reachable_labels(pt->decl);
    if (!labels.count(e->field)) {
      SourceSpan where = e->field_span.valid() ? e->field_span : e->span;
      auto& diag = rep_.error(DiagCode::E0207, where,
                              "process `" + pt->decl->name.name + "` has no label `" + e->field + "`");
      std::string s = closest_name(e->field, std::vector<std::string>(labels.begin(), labels.end()));
      if (!s.empty()) diag.notes.push_back({SourceSpan{}, "did you mean `" + s + "`?"});
      else diag.notes.push_back({pt->decl->name.span, "labels of the process and of the procs it calls can be named"});
    }
  }
  return types_.bool_type();
}

}  // namespace compiler::sema
