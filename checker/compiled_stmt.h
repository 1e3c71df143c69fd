// checker: compiled statements: a transition body (ir::Stmt tree) runs in continuation-
// passing style against (pre-state, state being built) and reports 0..n outcomes to a Sink:
// successor states (with their lock events and failed asserts) or run-time errors. Forks
// (either / with) snapshot and restore the state being built; nothing is allocated per run
// once the buffers are warm.
#pragma once
#include <cstdint>
#include <vector>

#include "checker/compiled_expr.h"

namespace checker {

struct LockEv {
  std::int32_t lock = 0;  // lock instance
  ir::LockMode mode = ir::LockMode::Exclusive;
  ir::LockEventKind kind = ir::LockEventKind::Acquire;
};

struct AssertFail {
  const ir::Stmt* stmt = nullptr;  // the Assert statement (property, message, span)
};

class Exec;

// Receives the outcomes of one transition run.
class Sink {
 public:
  virtual ~Sink() = default;
  // A successor: x.ctx().cur is the new state; x.events() / x.asserts() describe the step.
  virtual void successor(Exec& x) = 0;
  // A path ending in a run-time error: x.ctx().err.
  virtual void error(Exec& x) = 0;
};

class SNode;

// A continuation: the rest of a Seq from child `idx`, then `next`.
struct Kont {
  const SNode* seq;
  std::uint32_t idx;
  const Kont* next;
};

class Exec {
 public:
  Exec(const Layout& layout, std::uint32_t words, std::size_t leaves)
      : layout_(layout), words_(words), marks_(leaves, 0) {}
  Ctx& ctx() { return ctx_; }
  const Layout& layout() const { return layout_; }
  std::uint32_t words() const { return words_; }
  const std::vector<LockEv>& events() const { return events_; }
  const std::vector<AssertFail>& asserts() const { return asserts_; }
  const ir::Transition* transition() const { return transition_; }

  // Runs `body` of transition t from `pre`, reporting outcomes to sink.
  void run(const ir::Transition* t, const SNode* body, const std::uint64_t* pre, Sink& sink);

  // --- used by statement nodes
  void cont(const Kont* k);
  void fail_path() { sink_->error(*this); }
  std::size_t save_state();               // pushes a copy of cur; returns its position
  void restore_state(std::size_t pos);    // copies it back into cur
  void pop_state(std::size_t pos) { saves_.resize(pos); }
  bool mark_once(std::uint32_t leaf, std::uint32_t n);  // false if some leaf already assigned
  std::size_t mark_level() const { return mark_log_.size(); }
  void unmark_to(std::size_t level);
  std::vector<LockEv>& ev() { return events_; }
  std::vector<AssertFail>& af() { return asserts_; }

 private:
  const Layout& layout_;
  std::uint32_t words_;
  Ctx ctx_;
  std::vector<std::uint64_t> cur_;
  std::vector<std::uint64_t> saves_;
  std::vector<std::uint8_t> marks_;
  std::vector<std::uint32_t> mark_log_;
  std::vector<LockEv> events_;
  std::vector<AssertFail> asserts_;
  const ir::Transition* transition_ = nullptr;
  Sink* sink_ = nullptr;
  friend class Program;
};

class SNode {
 public:
  virtual ~SNode() = default;
  virtual void run(Exec& x, const Kont* k) const = 0;
  // Seq only: run children from idx on.
  virtual void run_from(Exec& x, std::uint32_t idx, const Kont* k) const;
};

// Compiles statement trees into nodes owned by `pool`.
class StmtCompiler {
 public:
  StmtCompiler(ExprCompiler& ec, std::vector<std::unique_ptr<SNode>>& pool) : ec_(ec), pool_(pool) {}
  const SNode* compile(const ir::Stmt* s);
  const SNode* seq(const std::vector<const ir::Stmt*>& children);
  // True if the action `once` rule can never fire in `body`: every element assignment has a
  // constant path and no two of them overlap. Then compile with set_once(false).
  bool once_redundant(const ir::Stmt* body);
  void set_once(bool enabled) { once_enabled_ = enabled; }

 private:
  template <class T, class... A>
  T* make(A&&... a) {
    auto p = std::make_unique<T>(std::forward<A>(a)...);
    T* r = p.get();
    pool_.push_back(std::move(p));
    return r;
  }
  ExprCompiler& ec_;
  std::vector<std::unique_ptr<SNode>>& pool_;
  bool once_enabled_ = true;
};

}  // namespace checker
