// tests (checker): IrBuilder, a small helper that builds ir::System instances by hand (layout,
// expressions, statements, transitions) so engine tests do not depend on the front end.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "compiler/types.h"

namespace checker_test {

using compiler::Type;
using compiler::TypeKind;

class IrBuilder {
 public:
  IrBuilder() : sys(std::make_unique<ir::System>()) {
    sys->types = std::make_shared<compiler::TypeArena>();
    sys->module = "test";
    sys->spec_path = "test.weft";
    sys->env_slots = 8;
  }
  compiler::TypeArena& T() { return *sys->types; }
  const Type* boolean() { return T().bool_type(); }
  const Type* range(std::int64_t lo, std::int64_t hi) { return T().range(lo, hi); }
  const Type* integer() { return T().int_type(); }

  std::uint32_t var(const std::string& name, const Type* t, ir::VarRole role = ir::VarRole::Global, int process = -1,
                    int lock = -1) {
    ir::Var v;
    v.name = name;
    v.role = role;
    v.type = t;
    v.process = process;
    v.lock = lock;
    v.first_leaf = static_cast<std::uint32_t>(sys->leaves.size());
    flatten(t, static_cast<std::uint32_t>(sys->vars.size()));
    v.leaf_count = static_cast<std::uint32_t>(sys->leaves.size()) - v.first_leaf;
    sys->vars.push_back(v);
    sys->state_words = (bit_ + 63) / 64;
    return static_cast<std::uint32_t>(sys->vars.size() - 1);
  }

  // --- expressions
  const ir::Expr* c(std::int64_t v, const Type* t = nullptr) {
    ir::Expr* e = sys->new_expr();
    e->op = ir::ExprOp::Const;
    e->value = v;
    e->type = t ? t : integer();
    return e;
  }
  const ir::Expr* tru() { return c(1, boolean()); }
  const ir::Expr* fls() { return c(0, boolean()); }
  const ir::Expr* v(std::uint32_t var, bool old = true) {
    ir::Expr* e = sys->new_expr();
    e->op = ir::ExprOp::Var;
    e->var = var;
    e->old = old;
    e->type = sys->vars[var].type;
    return e;
  }
  const ir::Expr* op(ir::ExprOp o, std::vector<const ir::Expr*> args, const Type* t) {
    ir::Expr* e = sys->new_expr();
    e->op = o;
    e->args = std::move(args);
    e->type = t;
    return e;
  }
  const ir::Expr* bin(ir::ExprOp o, const ir::Expr* a, const ir::Expr* b) {
    bool cmp = o == ir::ExprOp::Eq || o == ir::ExprOp::Ne || o == ir::ExprOp::Lt || o == ir::ExprOp::Le ||
               o == ir::ExprOp::Gt || o == ir::ExprOp::Ge || o == ir::ExprOp::And || o == ir::ExprOp::Or ||
               o == ir::ExprOp::Implies || o == ir::ExprOp::Iff || o == ir::ExprOp::In || o == ir::ExprOp::NotIn ||
               o == ir::ExprOp::Subset;
    return op(o, {a, b}, cmp ? boolean() : integer());
  }
  const ir::Expr* index(const ir::Expr* f, const ir::Expr* i) {
    const Type* ft = f->type;
    return op(ir::ExprOp::Index, {f, i}, ft->kind == TypeKind::Seq ? ft->elem : ft->codomain);
  }

  // --- statements
  ir::Stmt* st(ir::StmtOp o) {
    ir::Stmt* s = sys->new_stmt();
    s->op = o;
    return s;
  }
  ir::Stmt* seq(std::vector<const ir::Stmt*> ch) {
    ir::Stmt* s = st(ir::StmtOp::Seq);
    s->children = std::move(ch);
    return s;
  }
  ir::Stmt* guard(const ir::Expr* e) {
    ir::Stmt* s = st(ir::StmtOp::Guard);
    s->expr = e;
    return s;
  }
  ir::Stmt* assign(std::uint32_t var, const ir::Expr* value, std::vector<ir::PathElem> path = {}, bool once = true) {
    ir::Stmt* s = st(ir::StmtOp::Assign);
    s->var = var;
    s->expr = value;
    s->path = std::move(path);
    s->once = once;
    return s;
  }
  ir::PathElem at(const ir::Expr* i) {
    ir::PathElem p;
    p.index = i;
    return p;
  }

  // --- transitions, processes, properties
  void action(const std::string& name, const ir::Stmt* body) {
    ir::Transition t;
    t.name = name;
    t.body = body;
    sys->transitions.push_back(t);
  }
  void step(int process, std::int64_t from_pc, const std::string& label, const ir::Stmt* body,
            ir::WaitInfo wait = {}) {
    ir::Transition t;
    t.process = process;
    t.from_pc = from_pc;
    t.label = label;
    t.name = sys->processes[static_cast<std::size_t>(process)].name + " " + label;
    t.body = body;
    t.wait = wait;
    sys->transitions.push_back(t);
  }
  // A process instance with pc values 0..locations (the last one is end).
  int process(const std::string& name, std::vector<std::string> labels, std::int64_t index = 0) {
    ir::ProcessInstance p;
    p.name = name;
    p.process = name;
    p.index = index;
    for (auto& l : labels) p.locations.push_back({l, {}});
    p.end_pc = static_cast<std::int64_t>(labels.size());
    p.locations.push_back({"", {}});
    int id = static_cast<int>(sys->processes.size());
    p.pc_var = var(name + ".pc", range(0, p.end_pc), ir::VarRole::Pc, id);
    sys->processes.push_back(p);
    init(p.pc_var, c(0, sys->vars[p.pc_var].type));
    return id;
  }
  void init(std::uint32_t var, const ir::Expr* value) { sys->init.push_back({var, value, nullptr}); }
  void init_set(std::uint32_t var, const ir::Expr* set) { sys->init.push_back({var, nullptr, set}); }
  void invariant(const std::string& name, const ir::Expr* e) { sys->invariants.push_back({name, e, {}}); }
  void constraint(const ir::Expr* e) { sys->constraints.push_back({"constraint", e, {}}); }
  void cover(const std::string& name, const ir::Expr* e) { sys->covers.push_back({name, e, {}}); }

  std::unique_ptr<ir::System> sys;

 private:
  void leaf(std::uint32_t var, std::int64_t lo, std::uint64_t card) {
    ir::Leaf l;
    l.var = var;
    l.lo = lo;
    l.card = card;
    std::uint8_t w = 0;
    while (w < 64 && (std::uint64_t{1} << w) < card) ++w;
    l.width = w;
    if (bit_ % 64 + w > 64) bit_ = (bit_ / 64 + 1) * 64;
    l.offset = bit_;
    bit_ += w;
    sys->leaves.push_back(l);
  }
  void flatten(const Type* t, std::uint32_t var) {
    switch (t->kind) {
      case TypeKind::Bool:
        return leaf(var, 0, 2);
      case TypeKind::Range:
        return leaf(var, t->lo, static_cast<std::uint64_t>(t->hi - t->lo + 1));
      case TypeKind::Set:
        for (std::uint64_t i = 0; i < *t->elem->cardinality(); ++i) leaf(var, 0, 2);
        return;
      case TypeKind::Function:
        for (std::uint64_t i = 0; i < *t->elem->cardinality(); ++i) flatten(t->codomain, var);
        return;
      case TypeKind::Record:
        for (const auto& f : t->fields) flatten(f.second, var);
        return;
      case TypeKind::Seq:
        leaf(var, 0, static_cast<std::uint64_t>(t->max_len + 1));
        for (std::int64_t i = 0; i < t->max_len; ++i) flatten(t->elem, var);
        return;
      default:
        return leaf(var, 0, 2);
    }
  }
  std::uint32_t bit_ = 0;
};

}  // namespace checker_test
