// compiler (sema): typing of constructors and binders: set and sequence literals, records,
// functions [x in D |-> e], filters, maps, quantifiers, sum, let, and `with` updates.
#include "compiler/type_checker.h"

namespace compiler::sema {

using ast::Expr;
using ast::ExprKind;

namespace {
Expr* arg(Expr* e, std::size_t i) { return i < e->args.size() ? e->args[i].get() : nullptr; }

std::vector<Expr*> raw_args(Expr* e) {
  std::vector<Expr*> out;
  for (auto& a : e->args) out.push_back(a.get());
  return out;
}
}  // namespace

const Type* TypeChecker::infer_set_lit(Expr* e, const Type* hint) {
  const Type* set_hint = hint && hint->kind == TypeKind::Set ? hint : nullptr;
  if (e->args.empty()) {
    if (set_hint) return set_hint;
    if (hint) {
      rep_.error(DiagCode::E0301, e->span, "expected " + hint->str() + ", found the empty set `{}`");
      return nullptr;
    }
    if (unknown_context_) return nullptr;
    auto& d = rep_.error(DiagCode::E0317, e->span, "cannot infer the element type of the empty set `{}`");
    d.notes.push_back({SourceSpan{}, "use `{}` where a set type is known, e.g. assign it to or compare it with "
                                     "a variable of type `set of T`"});
    return nullptr;
  }
  const Type* elem = infer_all(raw_args(e), set_hint ? set_hint->elem : nullptr,
                               "the elements of a set must have one type");
  return elem ? types_.set_of(elem) : nullptr;
}

const Type* TypeChecker::infer_seq_lit(Expr* e, const Type* hint) {
  const Type* seq_hint = hint && hint->kind == TypeKind::Seq ? hint : nullptr;
  if (e->args.empty()) {
    if (seq_hint) return seq_hint;
    if (hint) {
      rep_.error(DiagCode::E0301, e->span, "expected " + hint->str() + ", found the empty sequence `<<>>`");
      return nullptr;
    }
    if (unknown_context_) return nullptr;
    auto& d = rep_.error(DiagCode::E0317, e->span, "cannot infer the element type of the empty sequence `<<>>`");
    d.notes.push_back({SourceSpan{}, "use `<<>>` where a sequence type is known, e.g. assign it to a variable of "
                                     "type `seq of T max K`"});
    return nullptr;
  }
  const Type* elem = infer_all(raw_args(e), seq_hint ? seq_hint->elem : nullptr,
                               "the elements of a sequence must have one type");
  return elem ? types_.seq_of(elem, static_cast<std::int64_t>(e->args.size())) : nullptr;
}

const Type* TypeChecker::infer_record(Expr* e, const Type* hint) {
  const Type* rec_hint = hint && hint->kind == TypeKind::Record ? hint : nullptr;
  std::size_t n = std::min(e->fields.size(), e->args.size());
  std::vector<std::pair<std::string, const Type*>> fields;
  bool ok = true;
  for (std::size_t i = 0; i < n; ++i) {
    const ast::Ident& f = e->fields[i];
    bool dup = false;
    for (std::size_t j = 0; j < i; ++j) {
      if (e->fields[j].name == f.name) {
        auto& d = rep_.error(DiagCode::E0202, f.span, "record field `" + f.name + "` appears twice");
        d.notes.push_back({e->fields[j].span, "first given here"});
        dup = true;
      }
    }
    const Type* fh = nullptr;
    if (rec_hint) {
      int k = rec_hint->field_index(f.name);
      if (k >= 0) fh = rec_hint->fields[static_cast<std::size_t>(k)].second;
    }
    const Type* t = infer(e->args[i].get(), fh);
    if (!t || dup) ok = false;
    if (!dup) fields.emplace_back(f.name, t);
  }
  for (std::size_t i = n; i < e->args.size(); ++i) infer(e->args[i].get());
  if (!ok) return nullptr;
  // Given the expected record type with the same fields, use its field order.
  if (rec_hint && rec_hint->fields.size() == fields.size()) {
    std::vector<std::pair<std::string, const Type*>> ordered;
    for (const auto& hf : rec_hint->fields) {
      for (const auto& f : fields)
        if (f.first == hf.first) ordered.push_back(f);
    }
    if (ordered.size() == fields.size()) fields = std::move(ordered);
  }
  return types_.record(std::move(fields));
}

const Type* TypeChecker::infer_func_ctor(Expr* e, const Type* hint) {
  if (e->binders.size() != 1)
    rep_.error(DiagCode::E0315, e->span, "a function constructor binds exactly one variable: `[x in D |-> e]`");
  bind(e->binders, false);
  const Type* dom = nullptr;
  if (!e->binders.empty()) {
    const LocalEntry* l = scope_.find(e->binders[0].name.name);
    dom = l ? l->type : nullptr;
  }
  const Type* cod_hint = hint && hint->kind == TypeKind::Function ? hint->codomain : nullptr;
  const Type* cod = infer(arg(e, 0), cod_hint);
  scope_.pop();
  if (dom && dom->kind != TypeKind::Bool && !dom->is_int() && dom->kind != TypeKind::Enum) {
    ast::Expr* set = e->binders[0].set.get();
    if (bad_domains_.insert(dom->str()).second)
      rep_.error(DiagCode::E0315, set ? set->span : e->span,
               "the domain of a function must be a set of integers, enum values or booleans, found a set of " +
                   dom->str());
    return nullptr;
  }
  if (e->binders.size() != 1 || !dom || !cod) return nullptr;
  return types_.function(dom, cod);
}

const Type* TypeChecker::infer_comprehension(Expr* e, const Type* hint) {
  Expr* body = arg(e, 0);
  switch (e->kind) {
    case ExprKind::SetFilter: {
      bind(e->binders, false);
      expect_bool(body, "the condition of a set filter");
      scope_.pop();
      if (e->binders.empty() || !e->binders[0].set) return nullptr;
      const Type* t = e->binders[0].set->type;
      return t && t->kind == TypeKind::Set ? t : nullptr;
    }
    case ExprKind::SetMap: {
      bind(e->binders, false);
      const Type* elem = infer(body, hint && hint->kind == TypeKind::Set ? hint->elem : nullptr);
      scope_.pop();
      return elem ? types_.set_of(elem) : nullptr;
    }
    case ExprKind::Forall:
    case ExprKind::Exists:
      bind(e->binders, false);
      expect_bool(body, std::string("the body of `") + (e->kind == ExprKind::Forall ? "forall" : "exists") + "`");
      scope_.pop();
      return types_.bool_type();
    case ExprKind::Sum:
      bind(e->binders, false);
      expect_int(body, "the body of `sum`");
      scope_.pop();
      return types_.int_type();
    case ExprKind::Let: {
      bind(e->binders, true);
      const Type* t = infer(body, hint);
      scope_.pop();
      if (body && body->const_value) e->const_value = body->const_value;
      return t;
    }
    default:
      return nullptr;
  }
}

const Type* TypeChecker::infer_update(Expr* e, const Type* hint) {
  Expr* base = arg(e, 0);
  const Type* t = infer(base, hint);
  if (e->kind == ExprKind::FuncUpdate) {
    Expr* idx = arg(e, 1);
    Expr* val = arg(e, 2);
    if (t && t->kind == TypeKind::Function) {
      expect(idx, t->elem, "the index in `with [i] = v`");
      expect(val, t->codomain, "the value in `with [i] = v`");
      return t;
    }
    if (t && t->kind == TypeKind::Seq) {
      expect(idx, types_.int_type(), "the index in `with [i] = v`");
      expect(val, t->elem, "the value in `with [i] = v`");
      return t;
    }
    if (t)
      rep_.error(DiagCode::E0306, base->span,
                 "`with [i] = v` needs a function or a sequence, found " + t->str());
    infer(idx);
    infer(val);
    return nullptr;
  }
  Expr* val = arg(e, 1);
  if (t && t->kind == TypeKind::Record) {
    int k = t->field_index(e->field);
    if (k < 0) {
      SourceSpan where = e->field_span.valid() ? e->field_span : e->span;
      rep_.error(DiagCode::E0214, where, "record type " + t->str() + " has no field `" + e->field + "`");
      infer(val);
      return nullptr;
    }
    expect(val, t->fields[static_cast<std::size_t>(k)].second, "the value of field `" + e->field + "`");
    return t;
  }
  if (t) rep_.error(DiagCode::E0307, base->span, "`with ." + e->field + " = v` needs a record, found " + t->str());
  infer(val);
  return nullptr;
}

}  // namespace compiler::sema
