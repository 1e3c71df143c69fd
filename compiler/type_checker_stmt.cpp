// compiler (sema): typing of statements (§5, §6): assignment targets (E0316), conditions
// (E0314), lock statements (E0210, E0318, E0319), `with` binders and `call` (E0211, E0305),
// which also checks the proc's body in the context of the calling process.
#include "compiler/type_checker.h"

namespace compiler::sema {

using ast::Expr;
using ast::ExprKind;
using ast::RefKind;
using ast::StmtKind;

void TypeChecker::check_block(ast::Block& b) {
  for (auto& s : b.stmts)
    if (s) check_stmt(*s);
}

void TypeChecker::check_stmt(ast::Stmt& s) {
  auto expr = [&](std::size_t i) -> Expr* { return i < s.exprs.size() ? s.exprs[i].get() : nullptr; };
  switch (s.kind) {
    case StmtKind::Assign:
    case StmtKind::PrimedAssign: {
      bool primed = s.kind == StmtKind::PrimedAssign;
      const Type* t = check_target(expr(0), primed);
      if (Expr* v = expr(1)) {
        std::string what = "the value assigned";
        if (Expr* target = expr(0); target && target->kind == ExprKind::Name)
          what = "the value assigned to `" + target->name + "`";
        expect(v, t, what);
      }
      return;
    }
    case StmtKind::Require:
      if (expect_bool(expr(0), "the condition of `require`")) warn_constant_condition(expr(0), "require");
      return;
    case StmtKind::Await:
      if (expect_bool(expr(0), "the condition of `await`")) warn_constant_condition(expr(0), "await");
      return;
    case StmtKind::Assert:
      expect_bool(expr(0), "an assertion");
      for (std::size_t i = 1; i < s.exprs.size(); ++i) infer(s.exprs[i].get());
      return;
    case StmtKind::Acquire:
    case StmtKind::Release:
      check_lock_stmt(s);
      return;
    case StmtKind::Skip:
    case StmtKind::Break:
      return;
    case StmtKind::Atomic:
    case StmtKind::Loop:
    case StmtKind::Either:
      for (auto& b : s.blocks) check_block(b);
      return;
    case StmtKind::While:
      if (expect_bool(expr(0), "the condition of `while`")) warn_constant_condition(expr(0), "while");
      for (auto& b : s.blocks) check_block(b);
      return;
    case StmtKind::If:
      for (std::size_t i = 0; i < s.exprs.size(); ++i)
        if (expect_bool(s.exprs[i].get(), "the condition of `if`")) warn_constant_condition(s.exprs[i].get(), "if");
      for (auto& b : s.blocks) check_block(b);
      return;
    case StmtKind::With:
      bind(s.binders, false);
      for (auto& b : s.blocks) check_block(b);
      scope_.pop();
      return;
    case StmtKind::Call:
      check_call(s);
      return;
  }
}

void TypeChecker::check_lock_stmt(ast::Stmt& s) {
  Expr* target = s.exprs.empty() ? nullptr : s.exprs[0].get();
  const Type* t = infer_instance(target, TypeKind::Lock);
  if (t && t->decl && s.mode == ast::LockMode::Shared && t->decl->lock_kind != ast::LockKind::Rwsem) {
    auto& d = rep_.error(DiagCode::E0318, s.span,
                         "`shared` mode needs an rwsem, but `" + t->decl->name.name + "` is a " +
                             (t->decl->lock_kind == ast::LockKind::Mutex ? "mutex" : "spinlock"));
    d.notes.push_back({t->decl->name.span, "declared here"});
  }
}

void TypeChecker::check_call(ast::Stmt& s) {
  ast::Decl* d = globals_.find(s.name);
  SourceSpan where = s.name_span.valid() ? s.name_span : s.span;
  if (!d || d->kind != ast::DeclKind::Proc) {
    std::string msg = d ? "`" + s.name + "` is a " + decl_kind_name(d->kind) + ", not a proc"
                        : "unknown proc `" + s.name + "`";
    auto& diag = rep_.error(DiagCode::E0211, where, msg);
    if (d) {
      diag.notes.push_back({d->name.span, "declared here"});
    } else {
      std::vector<std::string> names;
      for (const ast::Decl* p : globals_.procs()) names.push_back(p->name.name);
      std::string c = closest_name(s.name, names);
      if (!c.empty()) diag.notes.push_back({globals_.find(c)->name.span, "did you mean `" + c + "`?"});
    }
    for (auto& a : s.exprs) infer(a.get());
    return;
  }
  s.callee = d;
  // Parameter types are context-free: resolve them without the caller's scope.
  {
    auto saved = enter(Ctx{d, nullptr, false, StateRule::Allowed, false});
    check_params(*d, false);
    leave(saved);
  }
  std::size_t n = d->params.size();
  if (s.exprs.size() != n) {
    auto& diag = rep_.error(DiagCode::E0305, s.span,
                            "proc `" + s.name + "` takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") +
                                ", given " + std::to_string(s.exprs.size()));
    diag.notes.push_back({d->name.span, "declared here"});
  }
  // An untyped parameter stands for its argument (§11), so the body is checked with the
  // argument's type; typed ones check the argument against the declared type.
  std::vector<const Type*> arg_types(n, nullptr);
  for (std::size_t i = 0; i < s.exprs.size(); ++i) {
    if (i < n && d->params[i].type) {
      expect(s.exprs[i].get(), d->params[i].type->resolved, "argument " + std::to_string(i + 1) + " of `" + s.name + "`");
    } else {
      const Type* t = infer(s.exprs[i].get());
      if (i < n) arg_types[i] = t;
    }
  }
  if (ctx_.process) check_proc_in(*d, ctx_.process, arg_types);
}

// Types an assignment target: a variable, or an element of one (f[i], r.f, nested). Process
// statements may assign globals and the process's locals; actions only globals.
const Type* TypeChecker::check_target(Expr* e, bool primed) {
  if (!e) return nullptr;
  switch (e->kind) {
    case ExprKind::Name: {
      const LocalEntry* l = scope_.find(e->name);
      ast::Resolution ref;
      const Type* t = nullptr;
      if (l) {
        ref = l->ref;
        t = l->type;
      } else if (ast::Decl* d = globals_.find(e->name)) {
        if (d->kind == ast::DeclKind::Var) {
          ref = ast::Resolution{RefKind::GlobalVar, d, nullptr, -1};
          t = ensure_var(*d, e->span);
        } else {
          e->ref = ast::Resolution{};
          auto& diag = rep_.error(DiagCode::E0316, e->span,
                                  "cannot assign to `" + e->name + "`: it is a " + decl_kind_name(d->kind) +
                                      ", not a variable");
          diag.notes.push_back({d->name.span, "declared here"});
          return nullptr;
        }
      } else if (globals_.enum_values(e->name)) {
        rep_.error(DiagCode::E0316, e->span, "cannot assign to `" + e->name + "`: it is an enum value");
        return nullptr;
      } else {
        // In a proc no process calls, the name may be a local of its (absent) callers.
        if (!(ctx_.owner && ctx_.owner->kind == ast::DeclKind::Proc && !ctx_.process))
          unknown_name(e, e->name, e->span, {ast::DeclKind::Var});
        return nullptr;
      }
      e->ref = ref;
      e->type = t;
      bool ok = ref.kind == RefKind::GlobalVar || (!primed && ref.kind == RefKind::LocalVar);
      if (!ok) {
        std::string why = ref.kind == RefKind::LocalVar
                              ? "process locals are assigned with `:=` in processes; an action assigns global variables"
                              : std::string("it is a ") + ref_kind_name(ref) + ", not a variable";
        rep_.error(DiagCode::E0316, e->span, "cannot assign to `" + e->name + "`: " + why);
        return nullptr;
      }
      return t;
    }
    case ExprKind::Index: {
      Expr* base = e->args.empty() ? nullptr : e->args[0].get();
      Expr* idx = e->args.size() > 1 ? e->args[1].get() : nullptr;
      const Type* tb = check_target(base, primed);
      const Type* t = nullptr;
      if (tb && tb->kind == TypeKind::Function) {
        expect(idx, tb->elem, "the argument of a function " + tb->str());
        t = tb->codomain;
      } else if (tb && tb->kind == TypeKind::Seq) {
        expect(idx, types_.int_type(), "a sequence index");
        t = tb->elem;
      } else {
        if (tb)
          rep_.error(DiagCode::E0306, e->span,
                     "cannot apply `[...]` to a value of type " + tb->str() + " (not a function or a sequence)");
        infer(idx);
      }
      e->type = t;
      return t;
    }
    case ExprKind::Field: {
      Expr* base = e->args.empty() ? nullptr : e->args[0].get();
      if (is_process_instance_syntax(base)) {
        rep_.error(DiagCode::E0316, e->span,
                   "cannot assign to the local variable of a process through `p.x`; a process assigns its own "
                   "locals by name");
        return nullptr;
      }
      const Type* tb = check_target(base, primed);
      const Type* t = nullptr;
      SourceSpan where = e->field_span.valid() ? e->field_span : e->span;
      if (tb && tb->kind == TypeKind::Record) {
        int k = tb->field_index(e->field);
        if (k < 0)
          rep_.error(DiagCode::E0214, where, "record type " + tb->str() + " has no field `" + e->field + "`");
        else
          t = tb->fields[static_cast<std::size_t>(k)].second;
      } else if (tb) {
        rep_.error(DiagCode::E0307, where, "`." + e->field + "`: a value of type " + tb->str() + " is not a record");
      }
      e->type = t;
      return t;
    }
    case ExprKind::Prime:
      rep_.error(DiagCode::E0316, e->span,
                 primed ? "write the prime after the whole target: `x' = e`, `f[i]' = e`"
                        : "cannot assign to a primed variable; in a process write `x := e`");
      return nullptr;
    default:
      rep_.error(DiagCode::E0316, e->span, "cannot assign to this expression; the target must be a variable or "
                                           "an element of one (`x`, `f[i]`, `r.f`)");
      infer(e);
      return nullptr;
  }
}

namespace {
// Whether a constant expression depends on a named constant or def (a configuration switch
// such as `if Debug` or `while N > 1`, which -D can change): those are not W0002.
bool mentions_named_constant(const Expr* e) {
  if (!e) return false;
  if (e->ref.kind == RefKind::Const || e->ref.kind == RefKind::Def) return true;
  for (const auto& a : e->args)
    if (mentions_named_constant(a.get())) return true;
  for (const auto& b : e->binders)
    if (mentions_named_constant(b.set.get())) return true;
  return false;
}
}  // namespace

void TypeChecker::warn_constant_condition(Expr* e, const char* keyword) {
  if (!e || !e->const_value || mentions_named_constant(e)) return;
  bool value = *e->const_value != 0;
  // `while true` is a common way to write an endless loop (`loop` is the weft way): allowed.
  if (value && std::string(keyword) == "while" && e->kind == ExprKind::BoolLit) return;
  if (!warned_conditions_.insert(e).second) return;  // a proc body is checked once per caller
  rep_.sink().warning(DiagCode::W0002, e->span,
                      "the condition of `" + std::string(keyword) + "` is always " + (value ? "true" : "false"));
}

}  // namespace compiler::sema
