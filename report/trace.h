// report: Trace, the one counterexample type both engines produce and every writer renders
// (text, JSON, ITF, SVG, Mermaid, DOT). Values are structured so ITF can keep sets/records.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace report {

struct Value {
  enum class Kind { Bool, Int, Enum, Set, Seq, Function, Record };
  Kind kind = Kind::Int;
  std::int64_t i = 0;       // Bool (0/1), Int
  std::string name;         // Enum value name
  std::vector<Value> elems; // Set (sorted, canonical order), Seq
  std::vector<std::pair<Value, Value>> pairs;          // Function: (argument, value), domain order
  std::vector<std::pair<std::string, Value>> fields;   // Record, declared order

  static Value boolean(bool b) { Value v; v.kind = Kind::Bool; v.i = b; return v; }
  static Value integer(std::int64_t x) { Value v; v.kind = Kind::Int; v.i = x; return v; }
  static Value enumv(std::string n) { Value v; v.kind = Kind::Enum; v.name = std::move(n); return v; }
  // weft syntax: true, 3, Inline, {1, 2}, <<1, 2>>, [1 |-> true, 2 |-> false], [a |-> 1]
  std::string str() const;
  bool operator==(const Value& o) const;
};

// One named component of a state: a global ("owner"), a local ("writer[1].saw_inline"),
// a program counter ("writer[1]@" -> label name as Enum value), or a lock ("lock i_rwsem").
// Every struct below compares member-wise (engines compare their traces in tests).
struct VarValue {
  std::string name;
  Value value;
  bool operator==(const VarValue&) const = default;
};

struct State {
  std::vector<VarValue> vars;  // every variable, in the System's order
  bool operator==(const State&) const = default;
};

enum class LockEventKind { Request, Acquire, Release };
enum class LockEventMode { Exclusive, Shared };

struct LockEvent {
  LockEventKind kind = LockEventKind::Acquire;
  LockEventMode mode = LockEventMode::Exclusive;
  std::string lock;        // instance: "i_rwsem", "folio[2]"
  std::string lock_class;  // "folio"
  bool operator==(const LockEvent&) const = default;
};

struct Step {
  std::string lane;      // process instance ("writer[1]", "fault") or "actions" for action steps
  std::string what;      // label ("write_begin") or action with parameters ("Deposit(w = 1, v = 2)")
  std::string location;  // "specs/x.weft:42"
  std::vector<LockEvent> lock_events;
  std::vector<std::string> changed;  // names of the vars whose value differs from the previous state
  bool operator==(const Step&) const = default;
};

// What each blocked process waits for in a deadlock state.
struct Wait {
  std::string process;     // "writer[1]"
  std::string label;       // where it is blocked
  std::string lock;        // lock instance waited for ("" for an await)
  std::string mode;        // "exclusive" / "shared"
  std::vector<std::string> holders;  // process instances holding the lock
  std::string condition;   // the await condition's source text ("" for a lock)
  // Requests queued before this one on a queued rwsem, not granted yet (last member, so that
  // existing aggregate initialisers stay valid).
  std::vector<std::string> queued_ahead;
  bool operator==(const Wait&) const = default;
};

struct Trace {
  std::string spec;       // path of the spec
  std::string engine;     // "explicit", "bmc", "induction"
  std::string kind;       // "invariant", "assert", "deadlock", "lock_order", "held_at_exit", "runtime_error"
  std::string property;   // property name (invariant name, assert label or message, error category)
  std::string message;    // one-line explanation
  std::string location;   // where the property or failing statement is declared
  // states[0] is initial; steps[i] leads from states[i] to states[i + 1]. When the violation
  // happens on a step (assert, runtime_error, held_at_exit, declared lock order), the last
  // step is the failing one and `step_violation` is true.
  std::vector<State> states;
  std::vector<Step> steps;
  bool step_violation = false;
  // False for a counterexample to induction: states[0] is any state in which every property
  // holds, not necessarily an initial or reachable one.
  bool from_initial = true;
  std::vector<Wait> waits;  // deadlock only
  // trace_length as DESIGN.md defines it: the number of states, the initial one included.
  std::size_t length() const { return states.size(); }
  bool operator==(const Trace&) const = default;
};

}  // namespace report
