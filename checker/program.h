// checker: Program, one worker's compiled form of an ir::System: transition bodies indexed by
// (process, pc) for dispatch, predicates (initially, constraints, invariants, covers), and the
// enumeration of initial states. Each worker thread owns its own Program (node buffers).
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checker/compiled_stmt.h"
#include "checker/native_module.h"

namespace checker {

class Program {
 public:
  // Throws std::runtime_error if the system uses a value the engine cannot represent.
  // With `native` (--compile), its compiled steps and predicates replace the interpreted ones;
  // a native run that meets a run-time error is redone by the interpreter.
  Program(const ir::System& sys, const Layout& layout, const NativeModule* native = nullptr);

  const ir::System& system() const { return sys_; }
  const Layout& layout() const { return layout_; }
  std::uint32_t words() const { return words_; }

  // Runs every transition enabled by pc (processes in order, then actions) from `state`.
  // Outcomes go to `sink` in a deterministic order (the successor ordinal order).
  void expand(const std::uint64_t* state, Sink& sink);
  // Runs a single transition (trace reconstruction).
  void run_transition(std::size_t t, const std::uint64_t* state, Sink& sink);
  std::size_t transition_index(const ir::Transition* t) const { return static_cast<std::size_t>(t - sys_.transitions.data()); }

  // Evaluates a boolean predicate on `state`; false with *err set on a run-time error.
  bool eval(Node* pred, const std::uint64_t* state, bool* value, RtError* err);
  Node* invariant(std::size_t i) const { return invariants_[i]; }
  Node* cover(std::size_t i) const { return covers_[i]; }
  Node* constraint(std::size_t i) const { return constraints_[i]; }
  Node* initially(std::size_t i) const { return initially_[i]; }
  // Lock holders from the lock variables: is process instance p holding lock instance l?
  bool holds(const std::uint64_t* state, std::size_t l, std::int64_t p) const;
  // Process instance p's pc.
  std::int64_t pc(const std::uint64_t* state, std::size_t p) const;

  // Enumerates initial states (before `initially`): cb(state) per combination, or
  // err_cb(var, message) when an initial value is outside its type (with the partial state).
  void initial_states(const std::function<void(const std::uint64_t*)>& cb,
                      const std::function<void(const std::uint64_t*, const RtError&)>& err_cb);

  Exec& exec() { return exec_; }
  // Evaluates any scalar expression of the system on `state` (compiled on first use; for
  // reports, not the hot path). False on a run-time error.
  bool eval_expr(const ir::Expr* e, const std::uint64_t* state, std::int64_t* out);

 private:
  void setup_env();
  const ir::System& sys_;
  const Layout& layout_;
  std::uint32_t words_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<std::unique_ptr<SNode>> stmts_;
  std::vector<std::uint32_t> slot_sizes_;
  struct Body {
    const SNode* full = nullptr;  // the whole body
    const SNode* rest = nullptr;  // the body after its leading guards
    std::vector<Node*> pre;       // leading guards, tested on the state before any setup
  };
  std::vector<Body> bodies_;                         // per transition
  void run_body(std::uint32_t t, const std::uint64_t* state, Sink& sink);
  // --compile: native entry points (null: interpreted) and the buffer of one native run.
  bool run_native(std::uint32_t t, const std::uint64_t* state, Sink& sink);
  const NativeModule* native_ = nullptr;
  std::vector<WeftNativeStep> native_steps_;
  std::vector<std::pair<Node*, WeftNativePred>> native_preds_;
  struct NativeBuffer {
    std::uint32_t words = 0;
    std::vector<std::uint64_t> states;
    std::vector<std::int32_t> events, asserts;
    std::vector<std::uint32_t> events_end, asserts_end;
    static void on_successor(void* host, const std::uint64_t* s, const std::int32_t* ev, std::int32_t nev,
                             const std::int32_t* as, std::int32_t nas);
  } nbuf_;
  // Actions keyed by a leading guard conjunct `leaf == value`: only the actions matching
  // the leaf's current value are tried.
  struct KeyGroup {
    LeafRef leaf;
    std::uint32_t leaf_index = 0;
    std::vector<std::vector<std::uint32_t>> by_value;  // raw value -> actions
  };
  std::vector<KeyGroup> key_groups_;
  bool key_of(const std::vector<const ir::Expr*>& guards, std::uint32_t* leaf, std::int64_t* value);
  std::vector<std::vector<std::vector<std::uint32_t>>> by_pc_;  // process -> pc - lo -> transitions
  std::vector<LeafRef> pc_leaf_;                     // per process
  std::vector<std::uint32_t> actions_;
  std::vector<Node*> invariants_, covers_, constraints_, initially_;
  struct Init {
    std::uint32_t var;
    Node* value = nullptr;
    SetIter set;
    bool is_set = false;
  };
  std::vector<Init> init_;
  Exec exec_;
  std::unique_ptr<ExprCompiler> ec_;
  std::vector<std::pair<const ir::Expr*, Node*>> extra_;
};

}  // namespace checker
