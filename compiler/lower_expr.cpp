// compiler (lower): expressions: typed AST expressions become ir::Expr trees: constants folded,
// defs and proc parameters substituted, bound names in environment slots, enum values as their
// index, process-state forms (p.x, p@L, holds, locked) over pc, local and lock variables.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>

#include "compiler/lower_internal.h"
#include "support/int_math.h"

namespace compiler::lowering {

using ast::ExprKind;
using ir::ExprOp;

const ir::Expr* Lowerer::k(std::int64_t v, const Type* t, SourceSpan span) {
  auto* e = sys_.new_expr();
  e->op = ExprOp::Const;
  e->type = t ? t : int_t();
  e->value = v;
  e->span = span;
  return e;
}

const ir::Expr* Lowerer::read(std::uint32_t var, bool old) {
  auto* e = sys_.new_expr();
  e->op = ExprOp::Var;
  e->var = var;
  e->old = old;
  e->type = sys_.vars[var].type;
  return e;
}

const ir::Expr* Lowerer::mk(ExprOp op, const Type* t, std::vector<const ir::Expr*> args,
                            SourceSpan span) {
  auto* e = sys_.new_expr();
  e->op = op;
  e->type = t;
  e->args = std::move(args);
  e->span = span;
  return e;
}

bool Lowerer::is_const(const ir::Expr* e, std::int64_t v) {
  return e && e->op == ExprOp::Const && e->value == v;
}

const ir::Expr* Lowerer::and_(const ir::Expr* a, const ir::Expr* b) {
  if (is_const(a, 1)) return b;
  if (is_const(a, 0)) return a;
  if (is_const(b, 1)) return a;
  return mk(ExprOp::And, bool_t(), {a, b});
}

const ir::Expr* Lowerer::or_(const ir::Expr* a, const ir::Expr* b) {
  if (is_const(a, 0)) return b;
  if (is_const(a, 1)) return a;
  if (is_const(b, 0)) return a;
  return mk(ExprOp::Or, bool_t(), {a, b});
}

const ir::Expr* Lowerer::not_(const ir::Expr* a) {
  if (a->op == ExprOp::Const) return kbool(a->value == 0);
  return mk(ExprOp::Not, bool_t(), {a}, a->span);
}

const ir::Expr* Lowerer::eq(const ir::Expr* a, const ir::Expr* b) {
  return mk(ExprOp::Eq, bool_t(), {a, b});
}

std::uint32_t Lowerer::alloc_slot(Ctx& c) {
  std::uint32_t s = c.depth++;
  sys_.env_slots = std::max(sys_.env_slots, c.depth);
  return s;
}

const ir::Expr* Lowerer::set_type_of(const Type* elem, SourceSpan span) {
  auto* e = sys_.new_expr();
  e->op = ExprOp::TypeSet;
  e->set_type = elem;
  e->type = types_->set_of(elem);
  e->span = span;
  return e;
}

namespace {

ExprOp binary_op(ast::Op op) {
  switch (op) {
    case ast::Op::Implies: return ExprOp::Implies;
    case ast::Op::Iff: return ExprOp::Iff;
    case ast::Op::Or: return ExprOp::Or;
    case ast::Op::And: return ExprOp::And;
    case ast::Op::Eq: return ExprOp::Eq;
    case ast::Op::Ne: return ExprOp::Ne;
    case ast::Op::Lt: return ExprOp::Lt;
    case ast::Op::Le: return ExprOp::Le;
    case ast::Op::Gt: return ExprOp::Gt;
    case ast::Op::Ge: return ExprOp::Ge;
    case ast::Op::In: return ExprOp::In;
    case ast::Op::NotIn: return ExprOp::NotIn;
    case ast::Op::Subset: return ExprOp::Subset;
    case ast::Op::Union: return ExprOp::Union;
    case ast::Op::Diff: return ExprOp::Diff;
    case ast::Op::Inter: return ExprOp::Inter;
    case ast::Op::Range: return ExprOp::Range;
    case ast::Op::Add: return ExprOp::Add;
    case ast::Op::Sub: return ExprOp::Sub;
    case ast::Op::Mul: return ExprOp::Mul;
    case ast::Op::Div: return ExprOp::Div;
    case ast::Op::Mod: return ExprOp::Mod;
    case ast::Op::Pow: return ExprOp::Pow;
    default: return ExprOp::Const;
  }
}

// Folds an operation on two constants when it cannot fail at run time.
std::optional<std::int64_t> fold(ExprOp op, std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  switch (op) {
    case ExprOp::Add:
      if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
      return r;
    case ExprOp::Sub:
      if (__builtin_sub_overflow(a, b, &r)) return std::nullopt;
      return r;
    case ExprOp::Mul:
      if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
      return r;
    case ExprOp::Div:
    case ExprOp::Mod: {  // §4: rounds toward negative infinity; a divisor <= 0 fails at run time
      if (b <= 0) return std::nullopt;
      return op == ExprOp::Div ? support::floor_div(a, b) : support::floor_mod(a, b);
    }
    case ExprOp::Eq: return a == b;
    case ExprOp::Ne: return a != b;
    case ExprOp::Lt: return a < b;
    case ExprOp::Le: return a <= b;
    case ExprOp::Gt: return a > b;
    case ExprOp::Ge: return a >= b;
    case ExprOp::And: return a && b;
    case ExprOp::Or: return a || b;
    case ExprOp::Implies: return !a || b;
    case ExprOp::Iff: return (a != 0) == (b != 0);
    default: return std::nullopt;
  }
}

bool foldable_type(const Type* t) {
  return t && (t->kind == TypeKind::Bool || t->kind == TypeKind::Int ||
               t->kind == TypeKind::Range || t->kind == TypeKind::Enum);
}

}  // namespace

const ir::Expr* Lowerer::quantifier(ExprOp op, const ast::Expr& e, Ctx& c) {
  auto saved = c.binders;
  auto depth = c.depth;
  auto* out = sys_.new_expr();
  out->op = op;
  out->type = e.type ? e.type : (op == ExprOp::Sum ? int_t() : bool_t());
  out->span = e.span;
  for (const auto& b : e.binders) {
    ir::Binder ib;
    ib.set = b.set ? expr(*b.set, c) : kbool(false);
    ib.slot = alloc_slot(c);
    c.binders[&b] = {false, ib.slot};
    out->binders.push_back(ib);
  }
  for (const auto& a : e.args) out->args.push_back(expr(*a, c));
  c.binders = std::move(saved);
  c.depth = depth;
  return out;
}

const ir::Expr* Lowerer::expr(const ast::Expr& e, Ctx& c) {
  if (e.const_value && foldable_type(e.type) && e.kind != ExprKind::Self)
    return k(*e.const_value, e.type, e.span);
  const Type* t = e.type;
  switch (e.kind) {
    case ExprKind::IntLit:
      return k(e.int_value, t ? t : int_t(), e.span);
    case ExprKind::BoolLit:
      return k(e.bool_value ? 1 : 0, bool_t(), e.span);
    case ExprKind::Name:
      return name_expr(e, c);
    case ExprKind::Qualified: {
      if (e.ref.index >= 0) return k(e.ref.index, t, e.span);
      if (t && t->kind == TypeKind::Enum)
        for (std::size_t i = 0; i < t->enum_size(); ++i)
          if (t->enum_value_name(i) == e.field) return k(static_cast<std::int64_t>(i), t, e.span);
      error(DiagCode::E0204, e.span, "unknown enum value `" + e.name + "." + e.field + "`");
      return kint(0);
    }
    case ExprKind::Self: {
      if (c.instance < 0) {
        error(DiagCode::E0407, e.span, "`self` outside a process");
        return kint(0);
      }
      const auto& inst = insts_[c.instance];
      const Type* it = procs_[inst.proc].index_type;
      return k(inst.value, it ? it : int_t(), e.span);
    }
    case ExprKind::Unary: {
      auto* a = expr(*e.args[0], c);
      if (a->op == ExprOp::Const && e.op == ast::Op::Not) return k(a->value ? 0 : 1, t, e.span);
      if (a->op == ExprOp::Const && e.op == ast::Op::Neg && a->value != INT64_MIN)
        return k(-a->value, t, e.span);
      return mk(e.op == ast::Op::Not ? ExprOp::Not : ExprOp::Neg, t, {a}, e.span);
    }
    case ExprKind::Binary: {
      ExprOp op = binary_op(e.op);
      auto* a = expr(*e.args[0], c);
      // Short-circuit operators with a constant left operand (§4: left to right).
      if (a->op == ExprOp::Const) {
        if (op == ExprOp::And) return a->value ? expr(*e.args[1], c) : k(0, t, e.span);
        if (op == ExprOp::Or) return a->value ? k(1, t, e.span) : expr(*e.args[1], c);
        if (op == ExprOp::Implies) return a->value ? expr(*e.args[1], c) : k(1, t, e.span);
      }
      auto* b = expr(*e.args[1], c);
      if (a->op == ExprOp::Const && b->op == ExprOp::Const)
        if (auto v = fold(op, a->value, b->value)) return k(*v, t, e.span);
      return mk(op, t, {a, b}, e.span);
    }
    case ExprKind::Call:
      return call_expr(e, c);
    case ExprKind::Index: {
      if (is_instance_expr(*e.args[0]) || lock_class_of(*e.args[0]) >= 0) {
        error(DiagCode::E0216, e.span, "a process or lock instance is not a value here");
        return kint(0);
      }
      auto* a = expr(*e.args[0], c);
      auto* b = expr(*e.args[1], c);
      return mk(ExprOp::Index, t, {a, b}, e.span);
    }
    case ExprKind::Field: {
      if (is_instance_expr(*e.args[0])) {
        InstRef r = instance_ref(*e.args[0], c);
        if (r.proc < 0) return kint(0);
        return per_instance(r, [&](int inst) { return local_read(inst, e.field, e, c); });
      }
      const Type* rt = e.args[0]->type;
      int idx = rt ? rt->field_index(e.field) : -1;
      if (idx < 0) {
        error(DiagCode::E0214, e.field_span.valid() ? e.field_span : e.span,
              "unknown record field `" + e.field + "`");
        return kint(0);
      }
      auto* out = sys_.new_expr();
      out->op = ExprOp::Field;
      out->type = t;
      out->span = e.span;
      out->slot = static_cast<std::uint32_t>(idx);
      out->args = {expr(*e.args[0], c)};
      return out;
    }
    case ExprKind::Prime: {
      const ast::Expr& n = *e.args[0];
      auto it = globals_.find(n.ref.decl);
      if (n.ref.kind != ast::RefKind::GlobalVar || it == globals_.end()) {
        error(DiagCode::E0311, e.span, "only a global variable can be primed");
        return kint(0);
      }
      auto* r = read(it->second, false);
      const_cast<ir::Expr*>(r)->span = e.span;
      return r;
    }
    case ExprKind::At:
      return at_expr(e, c);
    case ExprKind::SetLit:
    case ExprKind::SeqLit: {
      std::vector<const ir::Expr*> args;
      for (const auto& a : e.args) args.push_back(expr(*a, c));
      return mk(e.kind == ExprKind::SetLit ? ExprOp::SetLit : ExprOp::SeqLit, t, std::move(args),
                e.span);
    }
    case ExprKind::SetFilter:
      return quantifier(ExprOp::SetFilter, e, c);
    case ExprKind::SetMap:
      return quantifier(ExprOp::SetMap, e, c);
    case ExprKind::FuncCtor:
      return quantifier(ExprOp::FuncCtor, e, c);
    case ExprKind::Forall:
      return quantifier(ExprOp::Forall, e, c);
    case ExprKind::Exists:
      return quantifier(ExprOp::Exists, e, c);
    case ExprKind::Sum:
      return quantifier(ExprOp::Sum, e, c);
    case ExprKind::RecordCtor: {
      std::vector<const ir::Expr*> args;
      if (t && t->kind == TypeKind::Record && t->fields.size() == e.fields.size()) {
        for (const auto& [fname, ft] : t->fields) {
          std::size_t j = 0;
          while (j < e.fields.size() && e.fields[j].name != fname) ++j;
          if (j == e.fields.size()) j = args.size();
          args.push_back(expr(*e.args[j], c));
        }
      } else {
        for (const auto& a : e.args) args.push_back(expr(*a, c));
      }
      return mk(ExprOp::RecordCtor, t, std::move(args), e.span);
    }
    case ExprKind::If: {
      auto* a = expr(*e.args[0], c);
      auto* b = expr(*e.args[1], c);
      auto* d = expr(*e.args[2], c);
      if (a->op == ExprOp::Const) return a->value ? b : d;
      return mk(ExprOp::If, t, {a, b, d}, e.span);
    }
    case ExprKind::Let: {
      auto saved = c.binders;
      auto depth = c.depth;
      const auto& b = e.binders[0];
      auto* value = expr(*b.set, c);
      std::uint32_t slot = alloc_slot(c);
      c.binders[&b] = {false, slot};
      auto* body = expr(*e.args[0], c);
      c.binders = std::move(saved);
      c.depth = depth;
      auto* out = sys_.new_expr();
      out->op = ExprOp::Let;
      out->type = t;
      out->span = e.span;
      out->slot = slot;
      out->args = {value, body};
      return out;
    }
    case ExprKind::FuncUpdate: {
      auto* a = expr(*e.args[0], c);
      auto* i = expr(*e.args[1], c);
      auto* v = expr(*e.args[2], c);
      return mk(ExprOp::FuncUpdate, t, {a, i, v}, e.span);
    }
    case ExprKind::RecordUpdate: {
      const Type* rt = e.args[0]->type;
      int idx = rt ? rt->field_index(e.field) : -1;
      if (idx < 0) {
        error(DiagCode::E0214, e.span, "unknown record field `" + e.field + "`");
        return kint(0);
      }
      auto* out = sys_.new_expr();
      out->op = ExprOp::RecordUpdate;
      out->type = t;
      out->span = e.span;
      out->slot = static_cast<std::uint32_t>(idx);
      out->args = {expr(*e.args[0], c), expr(*e.args[1], c)};
      return out;
    }
    case ExprKind::TypeAsSet: {
      const Type* elem = e.type_expr && e.type_expr->resolved ? e.type_expr->resolved
                         : (t && t->kind == TypeKind::Set) ? t->elem
                                                            : nullptr;
      if (!elem) {
        error(DiagCode::E0310, e.span, "this type cannot be used as a set");
        return kbool(false);
      }
      return set_type_of(elem, e.span);
    }
    case ExprKind::StringLit:
      break;
  }
  error(DiagCode::E0216, e.span, "this expression is not a value");
  return kint(0);
}

const ir::Expr* Lowerer::name_expr(const ast::Expr& e, Ctx& c) {
  using ast::RefKind;
  switch (e.ref.kind) {
    case RefKind::GlobalVar: {
      auto it = globals_.find(e.ref.decl);
      if (it == globals_.end()) break;
      auto* r = read(it->second, c.read_old);
      const_cast<ir::Expr*>(r)->span = e.span;
      return r;
    }
    case RefKind::LocalVar:
      return local_read(c.instance, e.name, e, c);
    case RefKind::Const:
      if (e.ref.decl && e.ref.decl->const_value) return k(*e.ref.decl->const_value, e.type, e.span);
      break;
    case RefKind::EnumValue:
      return k(e.ref.index, e.type, e.span);
    case RefKind::Def: {
      static const std::vector<ast::ExprPtr> none;
      return inline_def(*e.ref.decl, none, e, c);
    }
    case RefKind::Param:
      return param_expr(e, c);
    case RefKind::Bound: {
      auto it = c.binders.find(e.ref.binder);
      if (it == c.binders.end()) break;
      if (it->second.is_var) {
        auto* r = read(it->second.index, c.read_old);
        const_cast<ir::Expr*>(r)->span = e.span;
        return r;
      }
      auto* out = sys_.new_expr();
      out->op = ExprOp::Bound;
      out->slot = it->second.index;
      out->type = e.type;
      out->span = e.span;
      return out;
    }
    case RefKind::Type: {
      const Type* elem = (e.type && e.type->kind == TypeKind::Set) ? e.type->elem
                         : e.ref.decl                               ? e.ref.decl->resolved_type
                                                                    : nullptr;
      if (elem) return set_type_of(elem, e.span);
      break;
    }
    case RefKind::Unresolved:
      if (c.instance >= 0 && insts_[c.instance].locals.count(e.name))
        return local_read(c.instance, e.name, e, c);
      break;
    default:
      break;
  }
  error(DiagCode::E0216, e.span, "`" + e.name + "` is not a value here");
  return kint(0);
}

const ir::Expr* Lowerer::param_expr(const ast::Expr& e, Ctx& c) {
  const ast::Decl* d = e.ref.decl;
  auto idx = static_cast<std::size_t>(std::max(e.ref.index, 0));
  auto it = c.params.find(d);
  if (it != c.params.end() && idx < it->second.size()) return it->second[idx];
  if (d && d->kind == ast::DeclKind::Process) {
    if (c.instance < 0) {
      error(DiagCode::E0407, e.span, "the process parameter is only defined inside its process");
      return kint(0);
    }
    const auto& inst = insts_[c.instance];
    const Type* it_type = procs_[inst.proc].index_type;
    return k(inst.value, it_type ? it_type : e.type, e.span);
  }
  if (d && d->kind == ast::DeclKind::Proc) {
    for (const CallFrame* f = c.call; f; f = f->parent) {
      if (f->proc != d) continue;
      if (!f->args || idx >= f->args->size()) break;
      Ctx c2 = c;
      c2.call = f->parent;
      return expr(*(*f->args)[idx], c2);
    }
  }
  error(DiagCode::E0216, e.span, "parameter `" + e.name + "` has no value here");
  return kint(0);
}

const ir::Expr* Lowerer::inline_def(const ast::Decl& def, const std::vector<ast::ExprPtr>& args,
                                    const ast::Expr& at, Ctx& c) {
  if (!def.value) {
    error(DiagCode::E0216, at.span, "`" + def.name.name + "` has no body");
    return kint(0);
  }
  if (args.size() != def.params.size()) {
    error(DiagCode::E0305, at.span, "wrong number of arguments for `" + def.name.name + "`");
    return kint(0);
  }
  static thread_local int depth = 0;
  if (depth > 256) {
    error(DiagCode::E0213, at.span, "definition `" + def.name.name + "` expands too deeply");
    return kint(0);
  }
  std::vector<const ir::Expr*> vals;
  for (const auto& a : args) vals.push_back(expr(*a, c));
  auto saved = c.params;
  c.params[&def] = std::move(vals);
  ++depth;
  const ir::Expr* r = expr(*def.value, c);
  --depth;
  c.params = std::move(saved);
  return r;
}

const ir::Expr* Lowerer::call_expr(const ast::Expr& e, Ctx& c) {
  if (e.ref.kind == ast::RefKind::Def && e.ref.decl) return inline_def(*e.ref.decl, e.args, e, c);
  const std::string& n = e.name;
  auto arg = [&](std::size_t i) { return expr(*e.args[i], c); };
  auto want = [&](std::size_t n_args) {
    if (e.args.size() == n_args) return true;
    error(DiagCode::E0305, e.span, "`" + n + "` takes " + std::to_string(n_args) + " argument(s)");
    return false;
  };
  const Type* t = e.type;
  if (n == "card" && want(1)) return mk(ExprOp::Card, t ? t : int_t(), {arg(0)}, e.span);
  if (n == "min" && want(1)) return mk(ExprOp::Min, t, {arg(0)}, e.span);
  if (n == "max" && want(1)) return mk(ExprOp::Max, t, {arg(0)}, e.span);
  if (n == "len" && want(1)) return mk(ExprOp::Len, t ? t : int_t(), {arg(0)}, e.span);
  if (n == "head" && want(1)) return mk(ExprOp::Head, t, {arg(0)}, e.span);
  if (n == "tail" && want(1)) return mk(ExprOp::Tail, t, {arg(0)}, e.span);
  if (n == "append" && want(2)) {
    auto* a = arg(0);
    auto* b = arg(1);
    return mk(ExprOp::Append, t, {a, b}, e.span);
  }
  if (n == "holds" && want(2)) {
    InstRef p = instance_ref(*e.args[0], c);
    LockRef l = lock_ref(*e.args[1], c);
    if (p.proc < 0 || l.cls < 0) return kbool(false);
    auto* id = instance_id(p);
    return per_lock_expr(l, [&](int li) { return holds(li, id, c.read_old); });
  }
  if (n == "locked" && want(1)) {
    LockRef l = lock_ref(*e.args[0], c);
    if (l.cls < 0) return kbool(false);
    return per_lock_expr(l, [&](int li) { return locked(li, c.read_old); });
  }
  if (errors_ == 0) error(DiagCode::E0201, e.span, "unknown function `" + n + "`");
  return kint(0);
}

const ir::Expr* Lowerer::local_read(int inst, const std::string& name, const ast::Expr& at,
                                    Ctx& c) {
  if (inst < 0) {
    error(DiagCode::E0215, at.span, "local variable `" + name + "` outside a process");
    return kint(0);
  }
  auto it = insts_[inst].locals.find(name);
  if (it == insts_[inst].locals.end()) {
    error(DiagCode::E0215, at.span,
          "process `" + procs_[insts_[inst].proc].decl->name.name + "` has no local variable `" +
              name + "`");
    return kint(0);
  }
  auto* r = read(it->second, c.read_old);
  const_cast<ir::Expr*>(r)->span = at.span;
  return r;
}

bool Lowerer::is_instance_expr(const ast::Expr& e) const {
  if (e.type && e.type->kind == TypeKind::Process) return true;
  if (e.kind == ExprKind::Self) return true;
  if (e.kind == ExprKind::Name && e.ref.kind == ast::RefKind::Process) return true;
  if (e.kind == ExprKind::Index && e.args[0]->kind == ExprKind::Name &&
      e.args[0]->ref.kind == ast::RefKind::Process)
    return true;
  return false;
}

const ir::Expr* Lowerer::ordinal(const ast::Expr& index, const Type* index_type, Ctx& c) {
  auto* v = expr(index, c);
  std::int64_t lo = ordinal_lo(index_type);
  if (v->op == ExprOp::Const) return kint(v->value - lo);
  if (lo == 0) return v;
  return mk(ExprOp::Sub, int_t(), {v, kint(lo)}, index.span);
}

InstRef Lowerer::instance_ref(const ast::Expr& e, Ctx& c) {
  InstRef r;
  if (e.kind == ExprKind::Self) {
    if (c.instance < 0) {
      error(DiagCode::E0407, e.span, "`self` outside a process");
      return r;
    }
    r.inst = c.instance;
    r.proc = insts_[c.instance].proc;
    return r;
  }
  const ast::Expr* base = &e;
  const ast::Expr* index = nullptr;
  if (e.kind == ExprKind::Index) {
    base = e.args[0].get();
    index = e.args[1].get();
  }
  auto pit = base->kind == ExprKind::Name ? proc_index_.find(base->ref.decl) : proc_index_.end();
  if (pit == proc_index_.end()) {
    error(DiagCode::E0209, e.span, "not a process instance");
    return r;
  }
  const ProcInfo& p = procs_[pit->second];
  r.proc = pit->second;
  if (!index) {
    if (p.index_type) {
      error(DiagCode::E0209, e.span, "process `" + p.decl->name.name + "` needs an index");
      r.proc = -1;
      return r;
    }
    r.inst = p.first;
    return r;
  }
  if (!p.index_type) {
    error(DiagCode::E0209, e.span, "process `" + p.decl->name.name + "` has no instances to index");
    r.proc = -1;
    return r;
  }
  auto* ord = ordinal(*index, p.index_type, c);
  if (ord->op == ExprOp::Const) {
    if (ord->value < 0 || ord->value >= p.count) {
      error(DiagCode::E0209, index->span, "no instance of `" + p.decl->name.name + "` has this index");
      r.proc = -1;
      return r;
    }
    r.inst = p.first + static_cast<int>(ord->value);
    return r;
  }
  r.ord = ord;
  return r;
}

const ir::Expr* Lowerer::instance_id(const InstRef& r) {
  if (r.inst >= 0) return kint(r.inst);
  int first = procs_[r.proc].first;
  if (first == 0) return r.ord;
  return mk(ExprOp::Add, int_t(), {r.ord, kint(first)});
}

const ir::Expr* Lowerer::per_instance(const InstRef& r,
                                      const std::function<const ir::Expr*(int)>& f) {
  if (r.inst >= 0) return f(r.inst);
  const ProcInfo& p = procs_[r.proc];
  const ir::Expr* res = f(p.first + p.count - 1);
  for (int i = p.count - 2; i >= 0; --i) {
    auto* then_e = f(p.first + i);
    res = mk(ExprOp::If, then_e->type, {eq(r.ord, kint(i)), then_e, res});
  }
  return res;
}

}  // namespace compiler::lowering
