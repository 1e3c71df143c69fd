// smt: SystemEncoding (internal): the whole ir::System as Z3 formulas over copies of the state:
// fresh states with their type constraints, the initial states (with the checker's initial
// run-time errors), per-state checks (constraints, invariants, covers), the step relation
// (a selector picks one successor path; unassigned leaves keep their value), and every
// property as a violation formula at a state (state properties and failing steps from it).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "smt/step_encoder.h"

namespace smt {

class Houdini;

struct StateChecks {
  z3::expr cons;                  // every constraint holds (no error): the state is expanded
  z3::expr cons_err;              // evaluating the constraints fails
  std::vector<ErrRec> errs;       // constraint errors, then invariant errors (given no cons_err)
  std::vector<z3::expr> inv_viol; // invariant i is false (evaluated without error)
  std::vector<z3::expr> covers;   // cover i holds
  explicit StateChecks(z3::context& c) : cons(c), cons_err(c) {}
};

struct Property {
  std::string kind;      // invariant, assert, runtime_error, held_at_exit, lock_order, deadlock
  std::string name;
  z3::expr viol;         // violated at this state (or by a step taken from it)
  bool step = false;     // the violation happens on a step from the state
  explicit Property(z3::context& c) : viol(c) {}
};

struct InitialStates {
  z3::expr cand;                  // s0 is a combination of in-type initial values
  std::vector<ErrRec> initially_errs;  // `initially` evaluation errors (given cand)
  z3::expr ok;                    // cand, and every `initially` holds: s0 is an initial state
  bool any = true;                // some combination exists
  std::string error_category;     // an initial value fails (no state, or some combination)
  std::string error_message;
  std::vector<std::uint64_t> error_state;  // the packed state the checker reports with it
  explicit InitialStates(z3::context& c) : cand(c), ok(c) {}
};

// A copy of the state: each leaf a narrow bit-vector holding (value - lo) in the leaf's width
// (Bool for bool leaves), and the 64-bit value terms expressions read.
struct SymState {
  std::vector<z3::expr> raw;
  State val;
};

class SystemEncoding {
 public:
  SystemEncoding(z3::context& ctx, const ir::System& sys, bool check_deadlock);

  const ir::System& sys() const { return sys_; }
  z3::context& ctx() { return ctx_; }
  Values& values() { return V; }

  SymState fresh_state(const std::string& tag);
  z3::expr typed(const SymState& s);       // leaf ranges, unused sequence slots canonical
  z3::expr distinct(const SymState& a, const SymState& b);
  InitialStates initial(const State& s0);
  StateChecks check(const State& s);
  StepEncoding step(const State& s);
  // pre --sel--> post: the selected successor path is taken (pre must also satisfy cons).
  z3::expr transition(const StepEncoding& enc, const State& pre, const SymState& post, const z3::expr& sel);
  unsigned selector_width(const StepEncoding& enc) const;
  std::vector<Property> properties(const State& s, const StateChecks& c, const StepEncoding& enc);

  // Model values of a state as the checker's packed state.
  std::vector<std::uint64_t> pack(const z3::model& m, const SymState& s);
  std::uint32_t words() const;
  // A proved invariant (Houdini::run succeeded) that every state of an unrolling may assume
  // from now on (Unrolling::sync_lemmas); null: none.
  void assume(const Houdini* lemmas) { lemmas_ = lemmas; }
  bool has_lemmas() const { return lemmas_ != nullptr; }
  z3::expr assumed(const SymState& s) const;
  const LeafShape& leaf(std::size_t i) const { return leaves_.at(i); }

 private:
  void canonical(const Type* t, const State& s, std::size_t& off, std::vector<z3::expr>& out);
  z3::context& ctx_;
  const ir::System& sys_;
  bool deadlock_;
  Values V;
  ExprEncoder X;
  StepEncoder S;
  std::vector<LeafShape> leaves_;
  const Houdini* lemmas_ = nullptr;
};

}  // namespace smt
