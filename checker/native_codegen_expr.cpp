// checker: NativeCodegen expressions (native_codegen.h): ir::Expr of the scalar subset to C++
// expressions over the packed state, with the interpreter's semantics (wrapping + - *, floored
// div/mod with a positive divisor, short-circuit and/or/implies, quantifiers in element
// order); anything that could be a run-time error sets X.err so the caller interprets instead.
#include <algorithm>

#include "checker/native_codegen.h"
#include "checker/value_model.h"
#include "support/int_math.h"

namespace checker {

using compiler::Type;
using compiler::TypeKind;
using ir::ExprOp;

namespace {
bool scalar(const Type* t) { return t && is_scalar_type(t); }
bool finite_scalar(const Type* t) {
  return t && (t->kind == TypeKind::Bool || t->kind == TypeKind::Range || t->kind == TypeKind::Enum);
}
std::int64_t type_lo(const Type* t) { return t->kind == TypeKind::Range ? t->lo : 0; }
std::int64_t type_card(const Type* t) {
  if (t->kind == TypeKind::Bool) return 2;
  if (t->kind == TypeKind::Enum) return static_cast<std::int64_t>(t->enum_size());
  return t->hi - t->lo + 1;
}
}  // namespace

std::string NativeCodegen::lit(std::int64_t v) {
  if (v == INT64_MIN) return "(-INT64_C(9223372036854775807) - 1)";
  return "INT64_C(" + std::to_string(v) + ")";
}

bool NativeCodegen::const_value(const ir::Expr* e, std::int64_t* v) {
  std::int64_t a = 0, b = 0;
  auto wrap = [](std::uint64_t x) { return static_cast<std::int64_t>(x); };
  switch (e->op) {
    case ExprOp::Const:
      *v = e->value;
      return true;
    case ExprOp::Neg:
      if (!const_value(e->args.at(0), &a)) return false;
      *v = wrap(0 - static_cast<std::uint64_t>(a));
      return true;
    case ExprOp::Add:
    case ExprOp::Sub:
    case ExprOp::Mul:
    case ExprOp::Div:
    case ExprOp::Mod: {
      if (!const_value(e->args.at(0), &a) || !const_value(e->args.at(1), &b)) return false;
      std::uint64_t x = static_cast<std::uint64_t>(a), y = static_cast<std::uint64_t>(b);
      if (e->op == ExprOp::Add) *v = wrap(x + y);
      if (e->op == ExprOp::Sub) *v = wrap(x - y);
      if (e->op == ExprOp::Mul) *v = wrap(x * y);
      if (e->op == ExprOp::Div || e->op == ExprOp::Mod) {
        if (b <= 0) return false;  // a run-time error: leave it to the interpreter
        *v = e->op == ExprOp::Div ? support::floor_div(a, b) : support::floor_mod(a, b);
      }
      return true;
    }
    default:
      return false;
  }
}

void NativeCodegen::step_index(PathRef& r, const Type* dom, const ir::Expr* index, std::uint32_t stride) {
  if (!finite_scalar(dom)) throw Unsupported{};
  std::int64_t lo = type_lo(dom), card = type_card(dom);
  std::int64_t cv = 0;
  if (const_value(index, &cv)) {
    std::int64_t k = scalar_index(dom, cv);
    if (k < 0) throw Unsupported{};  // a certain domain error: let the interpreter report it
    std::uint64_t off = static_cast<std::uint64_t>(k) * stride;
    r.const_leaf += static_cast<std::uint32_t>(off);
    r.leaf += " + " + std::to_string(off);
    return;
  }
  r.constant = false;
  r.leaf += " + (std::uint32_t)IX(X, " + expr(index) + ", " + lit(lo) + ", " + lit(card) + ") * " +
            std::to_string(stride) + "u";
}

NativeCodegen::PathRef NativeCodegen::path_of(const ir::Expr* e) {
  if (e->op == ExprOp::Var) {
    const ir::Var& v = sys_.vars.at(e->var);
    PathRef r;
    r.leaf = std::to_string(v.first_leaf) + "u";
    r.constant = true;
    r.const_leaf = v.first_leaf;
    r.type = v.type;
    r.old = e->old;
    return r;
  }
  if (e->op == ExprOp::Index) {
    PathRef r = path_of(e->args.at(0));
    if (!r.type || r.type->kind != TypeKind::Function) throw Unsupported{};
    step_index(r, r.type->elem, e->args.at(1), flat_size(r.type->codomain));
    r.type = r.type->codomain;
    return r;
  }
  if (e->op == ExprOp::Field) {
    PathRef r = path_of(e->args.at(0));
    if (!r.type || r.type->kind != TypeKind::Record || e->slot >= r.type->fields.size()) throw Unsupported{};
    std::uint32_t off = 0;
    for (std::uint32_t i = 0; i < e->slot; ++i) off += flat_size(r.type->fields[i].second);
    r.const_leaf += off;
    r.leaf += " + " + std::to_string(off) + "u";
    r.type = r.type->fields[e->slot].second;
    return r;
  }
  throw Unsupported{};
}

std::string NativeCodegen::read_at(const PathRef& r) {
  const char* s = r.old ? "pre" : "cur";
  if (r.constant) {
    const ir::Leaf& l = sys_.leaves.at(r.const_leaf);
    std::uint64_t mask = l.width >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << l.width) - 1);
    return "((std::int64_t)((" + std::string(s) + "[" + std::to_string(l.offset / 64) + "] >> " +
           std::to_string(l.offset % 64) + ") & UINT64_C(" + std::to_string(mask) + ")) + " + lit(l.lo) + ")";
  }
  return "R(" + std::string(s) + ", " + r.leaf + ")";
}

std::string NativeCodegen::leaf_read(const ir::Expr* e) {
  PathRef r = path_of(e);
  if (!scalar(r.type)) throw Unsupported{};
  return read_at(r);
}

NativeCodegen::Domain NativeCodegen::domain(const ir::Expr* set) {
  Domain d;
  switch (set->op) {
    case ExprOp::Range:
      d.kind = Domain::Range;
      d.lo = expr(set->args.at(0));
      d.hi = expr(set->args.at(1));
      return d;
    case ExprOp::TypeSet:
      if (!finite_scalar(set->set_type)) throw Unsupported{};
      d.kind = Domain::Range;
      d.lo = lit(type_lo(set->set_type));
      d.hi = lit(type_lo(set->set_type) + type_card(set->set_type) - 1);
      return d;
    case ExprOp::SetLit:
      d.kind = Domain::Consts;
      for (const ir::Expr* a : set->args) {
        if (a->op != ExprOp::Const || !scalar(a->type)) throw Unsupported{};
        d.values.push_back(a->value);
      }
      std::sort(d.values.begin(), d.values.end());
      d.values.erase(std::unique(d.values.begin(), d.values.end()), d.values.end());
      return d;
    case ExprOp::ConstValue: {
      const Type* t = set->type;
      if (!t || t->kind != TypeKind::Set || !finite_scalar(t->elem)) throw Unsupported{};
      d.kind = Domain::Consts;
      for (std::size_t k = 0; k < set->leaves.size(); ++k)
        if (set->leaves[k]) d.values.push_back(scalar_value(t->elem, static_cast<std::int64_t>(k)));
      return d;
    }
    case ExprOp::Var:
    case ExprOp::Index:
    case ExprOp::Field: {
      d.kind = Domain::SetPath;
      d.set = path_of(set);
      const Type* t = d.set.type;
      if (!t || t->kind != TypeKind::Set || !finite_scalar(t->elem)) throw Unsupported{};
      d.elo = type_lo(t->elem);
      d.ecard = type_card(t->elem);
      if (d.ecard > 4096) throw Unsupported{};
      return d;
    }
    default:
      throw Unsupported{};
  }
}

std::string NativeCodegen::member(const Domain& d, const std::string& v) {
  std::string t = fresh("m");
  switch (d.kind) {
    case Domain::Range:
      return "[&]() -> std::int64_t { const std::int64_t " + t + " = " + v + "; return " + d.lo + " <= " + t + " && " + t +
             " <= " + d.hi + "; }()";
    case Domain::Consts: {
      std::string s = "[&]() -> std::int64_t { const std::int64_t " + t + " = " + v + "; return 0";
      for (std::int64_t c : d.values) s += " || " + t + " == " + lit(c);
      return s + "; }()";
    }
    case Domain::SetPath: {
      PathRef p = d.set;
      std::string k = fresh("k");
      p.constant = false;
      p.leaf = "(" + d.set.leaf + ") + (std::uint32_t)" + k;
      return "[&]() -> std::int64_t { const std::uint64_t " + k + " = (std::uint64_t)(" + v + ") - (std::uint64_t)" +
             lit(d.elo) + "; return " + k + " < UINT64_C(" + std::to_string(d.ecard) + ") && " + read_at(p) + " != 0; }()";
    }
  }
  throw Unsupported{};
}

std::string NativeCodegen::for_each(const Domain& d, const std::string& var, const std::string& body, const std::string& bail) {
  switch (d.kind) {
    case Domain::Range: {
      std::string lo = fresh("lo"), hi = fresh("hi");
      return "{ const std::int64_t " + lo + " = " + d.lo + ", " + hi + " = " + d.hi + "; if (X.err) " + bail + " for (std::int64_t " +
             var + " = " + lo + "; " + var + " <= " + hi + "; ++" + var + ") { " + body + " } }";
    }
    case Domain::Consts: {
      if (d.values.empty()) return "{}";
      std::string arr = fresh("cv"), i = fresh("i");
      std::string s = "{ static const std::int64_t " + arr + "[] = {";
      for (std::size_t k = 0; k < d.values.size(); ++k) s += (k ? ", " : "") + lit(d.values[k]);
      return s + "}; for (std::int64_t " + i + " = 0; " + i + " < " + std::to_string(d.values.size()) + "; ++" + i +
             ") { const std::int64_t " + var + " = " + arr + "[" + i + "]; " + body + " } }";
    }
    case Domain::SetPath: {
      // Snapshot the members first: a body may write the set in the state being built.
      std::string arr = fresh("el"), n = fresh("n"), k = fresh("k"), i = fresh("i");
      PathRef p = d.set;
      p.constant = false;
      p.leaf = "(" + d.set.leaf + ") + (std::uint32_t)" + k;
      return "{ std::int64_t " + arr + "[" + std::to_string(d.ecard) + "]; std::int64_t " + n + " = 0; for (std::int64_t " + k +
             " = 0; " + k + " < " + std::to_string(d.ecard) + "; ++" + k + ") if (" + read_at(p) + ") " + arr + "[" + n +
             "++] = " + lit(d.elo) + " + " + k + "; for (std::int64_t " + i + " = 0; " + i + " < " + n + "; ++" + i +
             ") { const std::int64_t " + var + " = " + arr + "[" + i + "]; " + body + " } }";
    }
  }
  throw Unsupported{};
}

// Forall / Exists / Sum over nested binders: an immediately invoked lambda.
std::string NativeCodegen::quantifier(const ir::Expr* e) {
  std::set<std::uint32_t> saved = scalar_slots_;
  std::vector<Domain> doms;
  std::vector<std::string> vars;
  for (const ir::Binder& b : e->binders) {
    doms.push_back(domain(b.set));  // evaluated with the binders so far in scope
    scalar_slots_.insert(b.slot);
    vars.push_back(binder(b.slot));
  }
  std::string body = expr(e->args.at(0));
  scalar_slots_ = saved;
  std::string acc = fresh("acc");
  std::string inner;
  if (e->op == ExprOp::Forall)
    inner = "if (!(" + body + ") || X.err) return 0;";
  else if (e->op == ExprOp::Exists)
    inner = "if ((" + body + ") || X.err) return !X.err;";
  else
    inner = acc + " = (std::int64_t)((std::uint64_t)" + acc + " + (std::uint64_t)(" + body + ")); if (X.err) return 0;";
  for (std::size_t i = doms.size(); i-- > 0;) inner = for_each(doms[i], vars[i], inner, "return 0;");
  std::string fin = e->op == ExprOp::Forall ? "1" : e->op == ExprOp::Exists ? "0" : acc;
  return "[&]() -> std::int64_t { std::int64_t " + acc + " = 0; (void)" + acc + "; " + inner + " return " + fin + "; }()";
}

std::string NativeCodegen::expr(const ir::Expr* e) {
  auto a = [&](std::size_t i) { return "(" + expr(e->args.at(i)) + ")"; };
  auto ints = [&]() {
    for (const ir::Expr* x : e->args)
      if (!scalar(x->type)) throw Unsupported{};
  };
  switch (e->op) {
    case ExprOp::Const:
      if (!scalar(e->type)) throw Unsupported{};
      return lit(e->value);
    case ExprOp::Var:
    case ExprOp::Index:
    case ExprOp::Field:
      return leaf_read(e);
    case ExprOp::Bound:
      if (!scalar_slots_.count(e->slot)) throw Unsupported{};
      return binder(e->slot);
    case ExprOp::Not: return "(std::int64_t)!" + a(0);
    case ExprOp::Neg: return "(std::int64_t)(UINT64_C(0) - (std::uint64_t)" + a(0) + ")";
    case ExprOp::And: return "(std::int64_t)(" + a(0) + " && " + a(1) + ")";
    case ExprOp::Or: return "(std::int64_t)(" + a(0) + " || " + a(1) + ")";
    case ExprOp::Implies: return "(std::int64_t)(!" + a(0) + " || " + a(1) + ")";
    case ExprOp::Iff: return "(std::int64_t)((" + a(0) + " != 0) == (" + a(1) + " != 0))";
    case ExprOp::Eq: ints(); return "(std::int64_t)(" + a(0) + " == " + a(1) + ")";
    case ExprOp::Ne: ints(); return "(std::int64_t)(" + a(0) + " != " + a(1) + ")";
    case ExprOp::Lt: ints(); return "(std::int64_t)(" + a(0) + " < " + a(1) + ")";
    case ExprOp::Le: ints(); return "(std::int64_t)(" + a(0) + " <= " + a(1) + ")";
    case ExprOp::Gt: ints(); return "(std::int64_t)(" + a(0) + " > " + a(1) + ")";
    case ExprOp::Ge: ints(); return "(std::int64_t)(" + a(0) + " >= " + a(1) + ")";
    case ExprOp::Add: ints(); return "(std::int64_t)((std::uint64_t)" + a(0) + " + (std::uint64_t)" + a(1) + ")";
    case ExprOp::Sub: ints(); return "(std::int64_t)((std::uint64_t)" + a(0) + " - (std::uint64_t)" + a(1) + ")";
    case ExprOp::Mul: ints(); return "(std::int64_t)((std::uint64_t)" + a(0) + " * (std::uint64_t)" + a(1) + ")";
    case ExprOp::Div: ints(); return "DIV(X, " + a(0) + ", " + a(1) + ")";
    case ExprOp::Mod: ints(); return "MOD(X, " + a(0) + ", " + a(1) + ")";
    case ExprOp::Pow: ints(); return "POW(" + a(0) + ", " + a(1) + ")";
    case ExprOp::If:
      if (!scalar(e->type)) throw Unsupported{};
      return "(" + a(0) + " ? " + a(1) + " : " + a(2) + ")";
    case ExprOp::Let: {
      if (!scalar(e->args.at(0)->type) || !scalar(e->type)) throw Unsupported{};
      std::string v = a(0);
      std::set<std::uint32_t> saved = scalar_slots_;
      scalar_slots_.insert(e->slot);
      std::string body = a(1);
      scalar_slots_ = saved;
      return "[&]() -> std::int64_t { const std::int64_t " + binder(e->slot) + " = " + v + "; return " + body + "; }()";
    }
    case ExprOp::Forall:
    case ExprOp::Exists:
    case ExprOp::Sum:
      return quantifier(e);
    case ExprOp::In:
    case ExprOp::NotIn: {
      if (!scalar(e->args.at(0)->type)) throw Unsupported{};
      std::string m = member(domain(e->args.at(1)), expr(e->args.at(0)));
      return e->op == ExprOp::In ? m : "(std::int64_t)!(" + m + ")";
    }
    default:
      throw Unsupported{};
  }
}

}  // namespace checker
