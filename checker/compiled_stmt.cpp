// checker: compiled statements (compiled_stmt.h): guards, assignments with the action `once`
// rule, either/with forks, if, assert, fail and lock events, run in continuation-passing style.
#include "checker/compiled_stmt.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "checker/compiled_nodes.h"

namespace checker {

void SNode::run_from(Exec&, std::uint32_t, const Kont*) const { throw std::logic_error("checker: run_from on a non-seq node"); }

void Exec::run(const ir::Transition* t, const SNode* body, const std::uint64_t* pre, Sink& sink) {
  if (cur_.size() != words_) cur_.assign(words_, 0);
  std::memcpy(cur_.data(), pre, sizeof(std::uint64_t) * words_);
  ctx_.old = pre;
  ctx_.cur = cur_.data();
  ctx_.failed = false;
  transition_ = t;
  sink_ = &sink;
  events_.clear();
  asserts_.clear();
  body->run(*this, nullptr);
  unmark_to(0);
  saves_.clear();
}

void Exec::cont(const Kont* k) {
  if (!k) {
    sink_->successor(*this);
    return;
  }
  k->seq->run_from(*this, k->idx, k->next);
}

std::size_t Exec::save_state() {
  std::size_t pos = saves_.size();
  saves_.insert(saves_.end(), cur_.begin(), cur_.end());
  return pos;
}

void Exec::restore_state(std::size_t pos) {
  std::memcpy(cur_.data(), saves_.data() + pos, sizeof(std::uint64_t) * words_);
}

bool Exec::mark_once(std::uint32_t leaf, std::uint32_t n) {
  for (std::uint32_t i = 0; i < n; ++i)
    if (marks_[leaf + i]) return false;
  for (std::uint32_t i = 0; i < n; ++i) {
    marks_[leaf + i] = 1;
    mark_log_.push_back(leaf + i);
  }
  return true;
}

void Exec::unmark_to(std::size_t level) {
  while (mark_log_.size() > level) {
    marks_[mark_log_.back()] = 0;
    mark_log_.pop_back();
  }
}

namespace {

struct SeqN : SNode {
  std::vector<const SNode*> children;
  void run(Exec& x, const Kont* k) const override { run_from(x, 0, k); }
  void run_from(Exec& x, std::uint32_t idx, const Kont* k) const override {
    if (idx >= children.size()) return x.cont(k);
    if (idx + 1 == children.size()) return children[idx]->run(x, k);
    Kont kk{this, idx + 1, k};
    children[idx]->run(x, &kk);
  }
};

struct GuardN : SNode {
  Node* cond;
  explicit GuardN(Node* c) : cond(c) {}
  void run(Exec& x, const Kont* k) const override {
    std::int64_t v = cond->scalar(x.ctx());
    if (x.ctx().failed) return x.fail_path();
    if (v) x.cont(k);
  }
};

struct AssignN : SNode {
  ExprCompiler::Path path;
  Node* value;  // coerced to path.type
  bool once;
  const Layout* L;
  support::SourceSpan span;
  std::string var_name;
  void run(Exec& x, const Kont* k) const override {
    Ctx& c = x.ctx();
    std::uint32_t leaf;
    if (!resolve_path(path, *L, c, c.cur, leaf)) return x.fail_path();
    std::size_t level = x.mark_level();
    if (once && !x.mark_once(leaf, path.size)) {
      c.fail("assign_twice", span, var_name + " (the same element) assigned twice in one step");
      return x.fail_path();
    }
    if (value->shape.repr == Repr::Scalar) {
      std::int64_t v = value->scalar(c);
      if (c.failed) return x.fail_path();
      if (!write_leaf(c.cur, L->leaves[leaf], v)) {
        c.fail("out_of_type", span, "value " + std::to_string(v) + " assigned to " + var_name + " is not in " + path.type->str());
        return x.fail_path();
      }
    } else {
      const std::int64_t* p = value->cells(c);
      if (c.failed) return x.fail_path();
      if (!store_leaves(*L, c.cur, leaf, path.type, p)) {
        c.fail("out_of_type", span, "value assigned to " + var_name + " is not in " + path.type->str());
        return x.fail_path();
      }
    }
    x.cont(k);
    if (once) x.unmark_to(level);
  }
};

// x := constant, x a single leaf at a constant position (range checked at compile time).
struct AssignConstLeafN : SNode {
  LeafRef l;
  std::uint64_t raw;
  void run(Exec& x, const Kont* k) const override {
    write_leaf_raw(x.ctx().cur, l, raw);
    x.cont(k);
  }
};

// x := e, x a single leaf at a constant position.
struct AssignLeafN : SNode {
  LeafRef l;
  Node* value;
  support::SourceSpan span;
  std::string var_name;
  const Type* type;
  void run(Exec& x, const Kont* k) const override {
    Ctx& c = x.ctx();
    std::int64_t v = value->scalar(c);
    if (c.failed) return x.fail_path();
    if (!write_leaf(c.cur, l, v)) {
      c.fail("out_of_type", span, "value " + std::to_string(v) + " assigned to " + var_name + " is not in " + type->str());
      return x.fail_path();
    }
    x.cont(k);
  }
};

struct EitherN : SNode {
  std::vector<const SNode*> branches;
  void run(Exec& x, const Kont* k) const override {
    std::size_t pos = x.save_state();
    std::size_t level = x.mark_level();
    std::size_t ne = x.ev().size(), na = x.af().size();
    for (std::size_t i = 0; i < branches.size(); ++i) {
      if (i > 0) {
        x.restore_state(pos);
        x.unmark_to(level);
        x.ev().resize(ne);
        x.af().resize(na);
      }
      branches[i]->run(x, k);
    }
    x.pop_state(pos);
  }
};

struct ChooseN : SNode {
  std::uint32_t slot = 0;
  std::uint32_t size = 1;
  SetIter it;
  const SNode* body = nullptr;
  mutable std::vector<std::int64_t> scratch;
  mutable std::vector<std::int64_t> elems;  // materialised domain (the body may clobber node buffers)
  void run(Exec& x, const Kont* k) const override {
    Ctx& c = x.ctx();
    // Collect the domain first: successors must not depend on evaluation during the body.
    std::size_t base = elems.size();
    bool ok = it.for_each(c, scratch, [&](const std::int64_t* e) {
      elems.insert(elems.end(), e, e + size);
      return true;
    });
    if (!ok && c.failed) {
      elems.resize(base);
      return x.fail_path();
    }
    std::size_t end = elems.size();
    std::size_t pos = x.save_state();
    std::size_t level = x.mark_level();
    std::size_t ne = x.ev().size(), na = x.af().size();
    auto& env = c.env[slot];
    if (env.size() < size) env.resize(size);
    for (std::size_t i = base; i < end; i += size) {
      if (i > base) {
        x.restore_state(pos);
        x.unmark_to(level);
        x.ev().resize(ne);
        x.af().resize(na);
      }
      std::copy(elems.begin() + static_cast<std::ptrdiff_t>(i), elems.begin() + static_cast<std::ptrdiff_t>(i + size), env.begin());
      body->run(x, k);
    }
    x.pop_state(pos);
    elems.resize(base);
  }
};

struct IfN : SNode {
  Node* cond;
  const SNode* then_;
  const SNode* else_;
  void run(Exec& x, const Kont* k) const override {
    std::int64_t v = cond->scalar(x.ctx());
    if (x.ctx().failed) return x.fail_path();
    if (v)
      then_->run(x, k);
    else if (else_)
      else_->run(x, k);
    else
      x.cont(k);
  }
};

struct AssertN : SNode {
  Node* cond;
  const ir::Stmt* stmt;
  void run(Exec& x, const Kont* k) const override {
    std::int64_t v = cond->scalar(x.ctx());
    if (x.ctx().failed) return x.fail_path();
    if (v) return x.cont(k);
    x.af().push_back(AssertFail{stmt});
    x.cont(k);
    x.af().pop_back();
  }
};

struct FailN : SNode {
  std::string category;
  support::SourceSpan span;
  void run(Exec& x, const Kont*) const override {
    x.ctx().fail(category.c_str(), span);
    x.fail_path();
  }
};

struct LockEventN : SNode {
  std::int32_t base;
  Node* index;  // may be null
  ir::LockMode mode;
  ir::LockEventKind kind;
  void run(Exec& x, const Kont* k) const override {
    std::int32_t lock = base;
    if (index) {
      lock += static_cast<std::int32_t>(index->scalar(x.ctx()));
      if (x.ctx().failed) return x.fail_path();
    }
    x.ev().push_back(LockEv{lock, mode, kind});
    x.cont(k);
    x.ev().pop_back();
  }
};

}  // namespace

bool StmtCompiler::once_redundant(const ir::Stmt* body) {
  // Statement trees have no loops, so an Assign runs at most once per path: a variable with a
  // single element assignment cannot collide; several need constant, disjoint paths.
  std::vector<const ir::Stmt*> assigns;
  std::vector<const ir::Stmt*> stack{body};
  while (!stack.empty()) {
    const ir::Stmt* s = stack.back();
    stack.pop_back();
    for (const ir::Stmt* c : s->children) stack.push_back(c);
    if (s->op == ir::StmtOp::Assign && s->once) assigns.push_back(s);
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
  for (const ir::Stmt* a : assigns) {
    std::size_t same_var = 0;
    for (const ir::Stmt* b : assigns) same_var += b->var == a->var;
    if (same_var == 1) continue;
    auto p = ec_.path(a->var, a->path);
    if (!p.steps.empty()) return false;
    ranges.emplace_back(p.base, p.base + p.size);
  }
  std::sort(ranges.begin(), ranges.end());
  for (std::size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].first < ranges[i - 1].second) return false;
  return true;
}

const SNode* StmtCompiler::seq(const std::vector<const ir::Stmt*>& children) {
  if (children.size() == 1) return compile(children[0]);
  auto* n = make<SeqN>();
  for (const ir::Stmt* s : children) n->children.push_back(compile(s));
  return n;
}

const SNode* StmtCompiler::compile(const ir::Stmt* s) {
  switch (s->op) {
    case ir::StmtOp::Seq:
      return seq(s->children);
    case ir::StmtOp::Guard:
      return make<GuardN>(ec_.compile_bool(s->expr));
    case ir::StmtOp::Assign: {
      auto path = ec_.path(s->var, s->path);
      Node* value = ec_.coerce(ec_.compile(s->expr), path.type);
      bool once = s->once && once_enabled_;
      if (!once && path.steps.empty() && value->shape.repr == Repr::Scalar && is_scalar_type(path.type)) {
        const LeafRef& l = ec_.layout().leaves.at(path.base);
        if (auto* k = dynamic_cast<nodes::ConstS*>(value)) {
          std::uint64_t raw = static_cast<std::uint64_t>(k->v) - static_cast<std::uint64_t>(l.lo);
          if (raw < l.card) {
            auto* n = make<AssignConstLeafN>();
            n->l = l;
            n->raw = raw;
            return n;
          }
        }
        auto* n = make<AssignLeafN>();
        n->l = l;
        n->value = value;
        n->span = s->span;
        n->var_name = ec_.system().vars.at(s->var).name;
        n->type = path.type;
        return n;
      }
      auto* n = make<AssignN>();
      n->path = std::move(path);
      n->value = value;
      n->once = once;
      n->L = &ec_.layout();
      n->span = s->span;
      n->var_name = ec_.system().vars.at(s->var).name;
      return n;
    }
    case ir::StmtOp::Either: {
      auto* n = make<EitherN>();
      for (const ir::Stmt* c : s->children) n->branches.push_back(compile(c));
      return n;
    }
    case ir::StmtOp::Choose: {
      auto* n = make<ChooseN>();
      n->slot = s->binder.slot;
      n->it = ec_.iter(s->binder.set);
      n->size = n->it.elem_size;
      ec_.need_slot(n->slot, n->size);
      n->body = seq(s->children);
      return n;
    }
    case ir::StmtOp::If: {
      auto* n = make<IfN>();
      n->cond = ec_.compile_bool(s->expr);
      n->then_ = s->children.size() > 0 ? compile(s->children[0]) : seq({});
      n->else_ = s->children.size() > 1 ? compile(s->children[1]) : nullptr;
      return n;
    }
    case ir::StmtOp::Assert: {
      auto* n = make<AssertN>();
      n->cond = ec_.compile_bool(s->expr);
      n->stmt = s;
      return n;
    }
    case ir::StmtOp::Fail: {
      auto* n = make<FailN>();
      n->category = s->message.empty() ? "fail" : s->message;
      n->span = s->span;
      return n;
    }
    case ir::StmtOp::LockEvent: {
      auto* n = make<LockEventN>();
      n->base = s->lock_base;
      n->index = s->expr ? ec_.compile(s->expr) : nullptr;
      n->mode = s->mode;
      n->kind = s->event;
      return n;
    }
  }
  throw std::runtime_error("checker: unknown statement op");
}

}  // namespace checker
