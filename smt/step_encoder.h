// smt: StepEncoder (internal) executes every transition body symbolically from one pre-state:
// either/with fork paths, if merges them again where it can, guards and errors narrow them.
// The result is every way a step can end: successor paths (condition, post-state, failed
// asserts, declared lock-order violations) and run-time errors, exactly the outcomes the
// checker's Program::expand reports for a concrete state.
#pragma once
#include <string>
#include <vector>

#include "smt/expr_encoder.h"

namespace smt {

struct AssertRec {
  z3::expr cond;            // the assert ran with a false condition (on this path)
  const ir::Stmt* stmt;
};

struct OrderRec {           // an acquisition against a declared `lock_order A < B`
  z3::expr cond;
  std::string name;         // "A < B"
  std::string message;
};

struct Outcome {
  std::size_t transition = 0;
  z3::expr cond;            // this path is taken from the pre-state (and ends in a successor)
  State post;
  std::vector<AssertRec> asserts;
  std::vector<OrderRec> order;
  explicit Outcome(z3::context& c) : cond(c) {}
};

struct StepError {
  std::size_t transition = 0;
  ErrRec err;
};

struct StepEncoding {
  std::vector<Outcome> outs;
  std::vector<StepError> errors;
  z3::expr enabled;         // some outcome or error exists (the state is not a deadlock)
  explicit StepEncoding(z3::context& c) : enabled(c) {}
};

class StepEncoder {
 public:
  StepEncoder(ExprEncoder& x, const ir::System& sys) : X(x), V(x.V), sys_(sys) {}
  StepEncoding encode(const State& pre);
  // Process instance p holds lock instance l in state s (owner or reader).
  z3::expr holds(const State& s, std::size_t lock, std::size_t process);
  z3::expr pc_is(const State& s, std::size_t process, std::int64_t pc);

 private:
  struct Path {
    z3::expr cond;
    State cur;
    std::vector<z3::expr> marks;  // assign-once marks per leaf (empty: none yet)
    std::vector<SVal> env;
    std::vector<AssertRec> asserts;
    std::vector<OrderRec> order;
    explicit Path(z3::context& c) : cond(c) {}
  };
  std::vector<Path> exec(const ir::Stmt* s, std::vector<Path> in);
  void exec_one(const ir::Stmt* s, Path p, std::vector<Path>& out);
  void assign(const ir::Stmt* s, Path& p);
  void lock_event(const ir::Stmt* s, Path& p);
  Eval eval_ctx(Path& p);
  Path merge(const z3::expr& c, Path& a, Path& b);

  ExprEncoder& X;
  Values& V;
  const ir::System& sys_;
  const State* pre_ = nullptr;
  const ir::Transition* t_ = nullptr;
  std::size_t ti_ = 0;
  std::vector<StepError>* errors_ = nullptr;
  std::vector<ErrRec> errs_;  // scratch for one evaluation
};

inline constexpr std::size_t kMaxPaths = 1u << 14;

}  // namespace smt
