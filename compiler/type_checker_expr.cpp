// compiler (sema): typing of expressions (§4): names, operators, literals and constructors,
// with an optional expected type (the "hint") that gives `{}` and `<<>>` their element type.
// Also folds int/bool/enum constants into Expr::const_value.
#include <algorithm>

#include "compiler/type_checker.h"

namespace compiler::sema {

using ast::Expr;
using ast::ExprKind;
using ast::Op;
using ast::RefKind;

namespace {

Expr* arg(Expr* e, std::size_t i) { return i < e->args.size() ? e->args[i].get() : nullptr; }

const char* op_text(Op op) {
  switch (op) {
    case Op::None: return "?";
    case Op::Not: return "not";
    case Op::Neg: return "-";
    case Op::Implies: return "implies";
    case Op::Iff: return "iff";
    case Op::Or: return "or";
    case Op::And: return "and";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::In: return "in";
    case Op::NotIn: return "notin";
    case Op::Subset: return "subset";
    case Op::Union: return "union";
    case Op::Diff: return "\\";
    case Op::Inter: return "inter";
    case Op::Range: return "..";
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Mod: return "%";
    case Op::Pow: return "^";
  }
  return "?";
}

}  // namespace

// Whether the type of `e` can only come from its context (`{}`, `<<>>` and what is built
// only from them).
bool context_dependent(const Expr* e) {
  if (!e) return false;
  auto all = [](const Expr* x) {
    return std::all_of(x->args.begin(), x->args.end(), [](const ast::ExprPtr& a) { return context_dependent(a.get()); });
  };
  switch (e->kind) {
    case ExprKind::SetLit:
    case ExprKind::SeqLit:
      return all(e);
    case ExprKind::If:
      return e->args.size() == 3 && context_dependent(e->args[1].get()) && context_dependent(e->args[2].get());
    case ExprKind::Let:
      return !e->args.empty() && context_dependent(e->args[0].get());
    case ExprKind::Binary:
      return (e->op == Op::Union || e->op == Op::Diff || e->op == Op::Inter) && e->args.size() == 2 && all(e);
    default:
      return false;
  }
}

const char* ref_kind_name(const ast::Resolution& r) {
  switch (r.kind) {
    case RefKind::GlobalVar: return "variable";
    case RefKind::LocalVar: return "local variable";
    case RefKind::Const: return "constant";
    case RefKind::EnumValue: return "enum value";
    case RefKind::Def: return "def";
    case RefKind::Param: return "parameter";
    case RefKind::Bound: return "bound variable";
    case RefKind::Lock: return "lock";
    case RefKind::Process: return "process";
    case RefKind::Type: return "type";
    case RefKind::Builtin: return "builtin";
    case RefKind::Unresolved: return "name";
  }
  return "name";
}

// ---------------------------------------------------------------- helpers

void TypeChecker::state_read(const Expr* e, const std::string& what) {
  ctx_.reads_state = true;
  if (ctx_.rule == StateRule::Const)
    rep_.error(DiagCode::E0303, e->span, "a constant expression cannot read " + what);
  else if (ctx_.rule == StateRule::Init)
    rep_.error(DiagCode::E0313, e->span,
               "an initial value cannot refer to " + what + " (constrain initial states with `initially`)");
}

void TypeChecker::fold_failed(const Expr* e, const std::string& why) {
  if (ctx_.rule == StateRule::Const) rep_.error(DiagCode::E0320, e->span, why);
}

const Type* TypeChecker::join(const Type* a, const Type* b) {
  if (!a) return b;
  if (!b || a == b) return a;
  if (a->is_int() && b->is_int()) return types_.int_type();
  if (a->kind != b->kind) return a;
  switch (a->kind) {
    case TypeKind::Set:
      return types_.set_of(join(a->elem, b->elem));
    case TypeKind::Seq:
      return types_.seq_of(join(a->elem, b->elem), std::max(a->max_len, b->max_len));
    case TypeKind::Function:
      return types_.function(join(a->elem, b->elem), join(a->codomain, b->codomain));
    case TypeKind::Record: {
      if (!compatible(a, b)) return a;
      auto fields = a->fields;
      for (auto& f : fields) f.second = join(f.second, b->fields[static_cast<std::size_t>(b->field_index(f.first))].second);
      return types_.record(std::move(fields));
    }
    default:
      return a;
  }
}

bool TypeChecker::is_type_set(const Expr* e) const {
  return e && (e->kind == ExprKind::TypeAsSet || (e->kind == ExprKind::Name && e->ref.kind == RefKind::Type));
}

const Type* TypeChecker::expect(Expr* e, const Type* want, const std::string& what) {
  // A null `want` is an error reported upstream: no "cannot infer" cascade for `{}`.
  if (!want) ++unknown_context_;
  const Type* t = infer(e, want);
  if (!want) --unknown_context_;
  if (t && want && !compatible(t, want))
    rep_.error(DiagCode::E0301, e->span,
               (what.empty() ? std::string() : what + ": ") + "expected " + want->str() + ", found " + t->str());
  return t;
}

const Type* TypeChecker::expect_bool(Expr* e, const std::string& what) {
  const Type* t = infer(e, types_.bool_type());
  if (t && t->kind != TypeKind::Bool) {
    rep_.error(DiagCode::E0314, e->span, what + " must be a boolean, found " + t->str());
    return nullptr;
  }
  return t;
}

const Type* TypeChecker::expect_int(Expr* e, const std::string& what) {
  const Type* t = infer(e);
  if (t && !t->is_int()) {
    rep_.error(DiagCode::E0302, e->span, what + " must be an integer, found " + t->str());
    return nullptr;
  }
  return t;
}

const Type* TypeChecker::infer_set(Expr* e, const Type* hint, bool enumerated) {
  const Type* t = infer(e, hint);
  if (!t) return nullptr;
  if (t->kind != TypeKind::Set) {
    rep_.error(DiagCode::E0308, e->span, "expected a set, found " + t->str());
    return nullptr;
  }
  if (enumerated && is_type_set(e) && t->elem && !t->elem->cardinality()) {
    rep_.error(DiagCode::E0310, e->span,
               "the values of " + t->elem->str() + " are too many to enumerate (more than 2^62)");
  }
  return t;
}

std::pair<const Type*, const Type*> TypeChecker::infer_pair(Expr* a, Expr* b, const Type* hint) {
  const Type *ta = nullptr, *tb = nullptr;
  if (context_dependent(a) && !context_dependent(b)) {
    tb = infer(b, hint);
    ta = infer(a, tb ? tb : hint);
  } else {
    ta = infer(a, hint);
    tb = infer(b, ta ? ta : hint);
  }
  return {ta, tb};
}

// Types expressions that must share one type (set/sequence elements, `if` branches): the
// context-independent ones first, then `{}`-like ones with the joined type as hint.
const Type* TypeChecker::infer_all(const std::vector<Expr*>& es, const Type* hint, const std::string& what) {
  const Type* joined = nullptr;
  const Expr* first = nullptr;
  auto add = [&](Expr* x, const Type* t) {
    if (!t) return;
    if (joined && !compatible(joined, t)) {
      auto& d = rep_.error(DiagCode::E0301, x->span, what + ": expected " + joined->str() + ", found " + t->str());
      if (first) d.notes.push_back({first->span, "the type " + joined->str() + " comes from here"});
      return;
    }
    if (!first) first = x;
    joined = join(joined, t);
  };
  for (Expr* x : es)
    if (x && !context_dependent(x)) add(x, infer(x, hint));
  // `{}`-like ones: the expected type when it fits, else the type of the others.
  const Type* ctx_hint = hint && compatible(hint, joined) ? hint : joined;
  for (Expr* x : es)
    if (x && context_dependent(x)) add(x, infer(x, ctx_hint));
  return joined;
}

void TypeChecker::bind(std::vector<ast::Binder>& binders, bool is_let) {
  scope_.push();
  std::vector<const Type*> set_types(binders.size(), nullptr);
  std::vector<bool> done(binders.size(), false);
  for (std::size_t i = 0; i < binders.size(); ++i) {
    ast::Binder& b = binders[i];
    const Type* elem = nullptr;
    if (is_let) {
      elem = infer(b.set.get());
    } else {
      // `x, y in S`: a binder without its own set takes the next one's.
      std::size_t j = i;
      while (j < binders.size() && !binders[j].set) ++j;
      if (j < binders.size()) {
        if (!done[j]) {
          set_types[j] = infer_set(binders[j].set.get(), nullptr, true);
          done[j] = true;
        }
        if (set_types[j]) elem = set_types[j]->elem;
      }
    }
    LocalEntry entry;
    entry.name = b.name.name;
    entry.ref = ast::Resolution{RefKind::Bound, nullptr, &b, -1};
    entry.type = elem;
    entry.let_value = is_let ? b.set.get() : nullptr;
    entry.span = b.name.span;
    scope_.add(std::move(entry));
  }
}

// ---------------------------------------------------------------- dispatch

const Type* TypeChecker::infer(Expr* e, const Type* hint) {
  if (!e) return nullptr;
  const Type* t = nullptr;
  switch (e->kind) {
    case ExprKind::IntLit:
      t = types_.int_type();
      e->const_value = e->int_value;
      break;
    case ExprKind::BoolLit:
      t = types_.bool_type();
      e->const_value = e->bool_value ? 1 : 0;
      break;
    case ExprKind::StringLit:
      t = types_.string_type();
      break;
    case ExprKind::Name:
      t = infer_name(e);
      break;
    case ExprKind::Qualified:
      t = infer_qualified(e);
      break;
    case ExprKind::Self:
      t = infer_self(e);
      break;
    case ExprKind::Unary:
      t = infer_unary(e);
      break;
    case ExprKind::Binary:
      t = infer_binary(e, hint);
      break;
    case ExprKind::Call:
      t = infer_call(e, hint);
      break;
    case ExprKind::Index:
      t = infer_index(e);
      break;
    case ExprKind::Field:
      t = infer_field(e);
      break;
    case ExprKind::Prime:
      t = infer_prime(e);
      break;
    case ExprKind::At:
      t = infer_at(e);
      break;
    case ExprKind::SetLit:
      t = infer_set_lit(e, hint);
      break;
    case ExprKind::SeqLit:
      t = infer_seq_lit(e, hint);
      break;
    case ExprKind::RecordCtor:
      t = infer_record(e, hint);
      break;
    case ExprKind::FuncCtor:
      t = infer_func_ctor(e, hint);
      break;
    case ExprKind::SetFilter:
    case ExprKind::SetMap:
    case ExprKind::Forall:
    case ExprKind::Exists:
    case ExprKind::Sum:
    case ExprKind::Let:
      t = infer_comprehension(e, hint);
      break;
    case ExprKind::If: {
      Expr* c = arg(e, 0);
      if (c) expect_bool(c, "the condition of `if`");
      t = infer_all({arg(e, 1), arg(e, 2)}, hint, "the branches of `if` must have one type");
      if (c && c->const_value) {
        Expr* chosen = arg(e, *c->const_value ? 1 : 2);
        if (chosen && chosen->const_value) e->const_value = chosen->const_value;
      }
      break;
    }
    case ExprKind::FuncUpdate:
    case ExprKind::RecordUpdate:
      t = infer_update(e, hint);
      break;
    case ExprKind::TypeAsSet: {
      const Type* elem = resolve_type(e->type_expr.get());
      t = elem ? types_.set_of(elem) : nullptr;
      break;
    }
  }
  e->type = t;
  return t;
}

// ---------------------------------------------------------------- operators

const Type* TypeChecker::infer_unary(Expr* e) {
  Expr* a = arg(e, 0);
  if (e->op == Op::Not) {
    const Type* t = infer(a, types_.bool_type());
    if (t && t->kind != TypeKind::Bool)
      rep_.error(DiagCode::E0302, a->span, "operator `not` expects a boolean, found " + t->str());
    if (a && a->const_value) e->const_value = fold_unary(Op::Not, *a->const_value);
    return types_.bool_type();
  }
  const Type* t = infer(a);
  if (t && !t->is_int()) {
    rep_.error(DiagCode::E0302, a->span, "unary `-` expects an integer, found " + t->str());
    return nullptr;  // poisoned: the enclosing expression reports nothing more
  }
  if (a && a->const_value && t && t->is_int()) {
    e->const_value = fold_unary(Op::Neg, *a->const_value);
    if (!e->const_value) fold_failed(e, "integer overflow in a constant expression");
  }
  return types_.int_type();
}

const Type* TypeChecker::infer_binary(Expr* e, const Type* hint) {
  Expr* a = arg(e, 0);
  Expr* b = arg(e, 1);
  const std::string op = op_text(e->op);
  auto both_const = [&]() { return a && b && a->const_value && b->const_value; };
  switch (e->op) {
    case Op::And:
    case Op::Or:
    case Op::Implies:
    case Op::Iff: {
      for (Expr* x : {a, b}) {
        const Type* t = infer(x, types_.bool_type());
        if (t && t->kind != TypeKind::Bool)
          rep_.error(DiagCode::E0302, x->span, "operator `" + op + "` expects booleans, found " + t->str());
      }
      // Short-circuit from the left (§4): `false and x` is false whatever x is.
      if (a && a->const_value) {
        bool l = *a->const_value != 0;
        if (e->op == Op::And && !l) e->const_value = 0;
        else if (e->op == Op::Or && l) e->const_value = 1;
        else if (e->op == Op::Implies && !l) e->const_value = 1;
        else if (both_const()) e->const_value = fold_binary(e->op, *a->const_value, *b->const_value);
      }
      return types_.bool_type();
    }
    case Op::Eq:
    case Op::Ne: {
      auto [ta, tb] = infer_pair(a, b, nullptr);
      if (ta && tb && !compatible(ta, tb))
        rep_.error(DiagCode::E0302, e->span, "cannot compare " + ta->str() + " with " + tb->str());
      else if (both_const())
        e->const_value = fold_binary(e->op, *a->const_value, *b->const_value);
      return types_.bool_type();
    }
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Mod:
    case Op::Pow: {
      bool ok = true;
      for (Expr* x : {a, b}) {
        const Type* t = infer(x);
        if (t && !t->is_int()) {
          rep_.error(DiagCode::E0302, x->span, "operator `" + op + "` expects integers, found " + t->str());
          ok = false;
        }
      }
      bool comparison = e->op == Op::Lt || e->op == Op::Le || e->op == Op::Gt || e->op == Op::Ge;
      if (ok && both_const()) {
        e->const_value = fold_binary(e->op, *a->const_value, *b->const_value);
        if (!e->const_value) {
          bool div = e->op == Op::Div || e->op == Op::Mod;
          fold_failed(e, div ? "the divisor of `" + op + "` must be positive (it is " +
                                   std::to_string(*b->const_value) + ")"
                      : e->op == Op::Pow && *b->const_value < 0 ? "negative exponent in a constant expression"
                                                                : "integer overflow in a constant expression");
        }
      }
      // An ill-typed operand poisons an arithmetic result (null type): the error is reported
      // once, not again by every enclosing operator. A comparison is a bool either way.
      if (comparison) return types_.bool_type();
      return ok ? types_.int_type() : nullptr;
    }
    case Op::In:
    case Op::NotIn: {
      const Type *ta = nullptr, *ts = nullptr;
      if (context_dependent(a) && !context_dependent(b)) {
        ts = infer_set(b, nullptr, false);
        ta = infer(a, ts ? ts->elem : nullptr);
      } else {
        ta = infer(a);
        ts = infer_set(b, ta ? types_.set_of(ta) : nullptr, false);
      }
      if (ta && ts && !compatible(ta, ts->elem))
        rep_.error(DiagCode::E0302, e->span,
                   "`" + op + "`: a value of type " + ta->str() + " cannot be in a " + ts->str());
      return types_.bool_type();
    }
    case Op::Subset:
    case Op::Union:
    case Op::Diff:
    case Op::Inter: {
      const Type* set_hint = hint && hint->kind == TypeKind::Set ? hint : nullptr;
      auto [ta, tb] = infer_pair(a, b, e->op == Op::Subset ? nullptr : set_hint);
      for (auto [x, t] : {std::pair{a, ta}, std::pair{b, tb}}) {
        if (t && t->kind != TypeKind::Set) {
          rep_.error(DiagCode::E0308, x->span, "operator `" + op + "` expects sets, found " + t->str());
          if (x == a) ta = nullptr; else tb = nullptr;
        }
      }
      if (ta && tb && !compatible(ta, tb)) {
        rep_.error(DiagCode::E0302, e->span, "operator `" + op + "`: " + ta->str() + " and " + tb->str() +
                                                 " are sets of different types");
        return e->op == Op::Subset ? types_.bool_type() : nullptr;
      }
      if (e->op == Op::Subset) return types_.bool_type();
      return join(ta, tb);
    }
    case Op::Range: {
      bool ok = true;
      for (Expr* x : {a, b}) {
        const Type* t = infer(x);
        if (t && !t->is_int()) {
          rep_.error(DiagCode::E0302, x->span, "operator `..` expects integers, found " + t->str());
          ok = false;
        }
      }
      if (!ok) return nullptr;
      if (both_const() && *a->const_value <= *b->const_value)
        return types_.set_of(types_.range(*a->const_value, *b->const_value));
      return types_.set_of(types_.int_type());
    }
    default:
      infer(a);
      infer(b);
      return nullptr;
  }
}

}  // namespace compiler::sema
