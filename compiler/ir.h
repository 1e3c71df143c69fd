// compiler: ir::System, the one transition system both engines check: a packed state layout,
// fully instantiated guarded transitions (statement trees), properties, process and lock
// metadata. Lowering builds it; checker/ and smt/ only read it. Semantics: LANGUAGE.md.
#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "compiler/types.h"
#include "support/source_manager.h"

namespace ir {

using compiler::Type;
using support::SourceSpan;

// ------------------------------------------------------------------------ state layout
// Every variable (global, process local, program counter, lock state, `with` binder kept
// across steps) is flattened into scalar leaves. A leaf holds an integer in lo..lo+card-1
// (bool 0..1, enum 0..n-1 in declaration order, range lo..hi, set membership 0..1, sequence
// length 0..K) stored as (value - lo) in `width` bits at bit `offset` of the packed state
// (64-bit words; a leaf never straddles a word boundary).
//
// Flattening order of a value of type T (the same order is used for values in evaluation):
//   bool, range, enum: one leaf
//   set of E:          card(E) leaves, one membership bit per element of E in E's order
//   [D] -> C:          card(D) consecutive flattenings of C, in D's order
//   record:            the fields' flattenings in declared order
//   seq of E max K:    one length leaf (0..K), then K flattenings of E (unused ones are 0/lo)
// Order of values of a finite type: bool false < true; ranges ascending; enums declared order.
// (lowering) width = max(1, bits for card-1): a one-value leaf still takes 1 bit. Leaves are
// packed first-fit in variable order, so one variable's leaves are usually but not always
// contiguous; use the offsets. Bits not covered by any leaf are always 0.
struct Leaf {
  std::uint32_t var = 0;      // owning Var
  std::int64_t lo = 0;        // smallest value
  std::uint64_t card = 2;     // number of values
  std::uint32_t offset = 0;   // bit offset in the packed state
  std::uint8_t width = 1;     // bits
};

enum class VarRole {
  Global,      // `var x` at top level
  Local,       // a process instance's local (`writer[1].saw_inline`)
  Pc,          // a process instance's program counter (0..locations-1; see ProcessInstance)
  LockOwner,   // lock instance: exclusive holder, 0 = none, k = LockInstance::owner_instance(k)
  LockReaders, // rwsem: set of process instances holding it shared (set of 0..P-1)
  LockQueue,   // rwsem queued: waiting requests in FIFO order, seq of 0..2P-1 max P:
               //   request code = 2 * instance + (shared ? 1 : 0)
  WithBinder,  // a `with` binder kept in the state while a multi-step body runs
};
// (lowering) Var order: globals (declaration order), then per process instance its pc, its
// locals and its kept `with` binders, then per lock instance owner [, readers [, queue]].
// A kept `with` binder holds its type's smallest value whenever the process is outside the
// `with` body (steps leaving the body reset it), so it adds no spurious states.

struct Var {
  std::string name;   // "owner", "writer[1].saw_inline", "writer[1].pc", "lock folio[2].owner"
  VarRole role = VarRole::Global;
  const Type* type = nullptr;  // finite
  std::uint32_t first_leaf = 0;
  std::uint32_t leaf_count = 0;
  int process = -1;   // Local/Pc/WithBinder: the process instance
  int lock = -1;      // Lock*: the lock instance
  SourceSpan decl;    // where it was declared
};

// ------------------------------------------------------------------------ expressions
enum class ExprOp {
  Const,      // value (ints, bools 0/1, enums as index); type says which
  ConstValue, // a composite constant: `leaves` holds its flattening (e.g. a set literal folded);
              //   each entry is the leaf's value itself (not value - lo). Lowering uses it for
              //   the smallest value of a composite type (empty set/sequence, ...).
  Var,        // the whole variable `var` (reads the pre-state if `old`, else the state being built)
  Bound,      // a bound variable: slot `slot` of the evaluation environment
  Not, Neg,
  And, Or, Implies, Iff,        // short-circuit left to right (§4)
  Eq, Ne, Lt, Le, Gt, Ge,       // Eq/Ne on any type (structural), others on ints
  Add, Sub, Mul, Div, Mod, Pow, // Div/Mod as TLA+ (\div, %): divisor <= 0 is a run-time error
  In, NotIn, Subset,            // args: element/set or set/set
  Union, Diff, Inter,
  Range,      // args[0]..args[1], a set of ints
  Index,      // args[0][args[1]]: function application or 1-based sequence index
  Field,      // args[0].field (field index in `slot`)
  If,         // args: cond, then, else
  Let,        // slot := args[0]; value args[1]
  Forall, Exists, Sum,  // binders (slot, set) nested left to right; body args[0]
  SetLit,     // {args...}
  SetFilter,  // {x in S : p}: binder[0], args[0] = p
  SetMap,     // {e : x in S, ...}: binders, args[0] = e
  FuncCtor,   // [x in D |-> e]: binder[0] (D is the domain), args[0] = e
  RecordCtor, // args in the record type's field order
  SeqLit,     // <<args...>>
  FuncUpdate, // args[0] with [args[1]] = args[2] (functions and sequences)
  RecordUpdate, // args[0] with .field (index `slot`) = args[1]
  TypeSet,    // all values of `set_type` (a finite type used as a set): type is set of it
  Card, Min, Max, Len, Head, Tail, Append,  // builtins
};

struct Expr;
struct Binder {
  std::uint32_t slot = 0;     // environment slot
  const Expr* set = nullptr;  // the domain (a set-typed Expr)
};

struct Expr {
  ExprOp op = ExprOp::Const;
  const Type* type = nullptr;   // the result type (compiler::Type; Int for arithmetic)
  SourceSpan span;              // for run-time error reports
  std::int64_t value = 0;       // Const
  std::vector<std::int64_t> leaves;  // ConstValue
  std::uint32_t var = 0;        // Var
  bool old = false;             // Var: read the pre-state (unprimed reads in actions)
  std::uint32_t slot = 0;       // Bound / Let / Field / RecordUpdate
  const Type* set_type = nullptr;  // TypeSet
  std::vector<const Expr*> args;
  std::vector<Binder> binders;
};
// p@label, p.x, holds(p, L) and locked(L) are lowered to ordinary expressions over the pc,
// local and lock variables (If chains where the instance is not a constant).
// (lowering) Expression trees may share subtrees (a def argument or proc argument used twice
// is the same const Expr*): treat them as DAGs, never mutate. Bound slots are allocated
// stack-wise: an inner binder never reuses a slot that an enclosing expression still reads.
// Let nodes may be nested in their own value (args[0]) with distinct slots. Constant
// subexpressions are folded where that cannot hide a run-time error.

// ------------------------------------------------------------------------ statements
// A transition's body is a statement tree executed against (pre-state, state being built).
// It yields zero or more successor states: a false Guard ends the path with no successor;
// Either/Choose fork; a run-time error ends the path with an error (the step is enabled).
enum class StmtOp {
  Seq,        // children in order
  Guard,      // expr must hold (require/await/lock availability/pc test); else path disabled
  Assign,     // target := value. target: var `var` plus an index/field path `path` (Index args
              // are exprs, Field uses slot); `once` = action element rule: the same element
              // assigned twice on one path is the run-time error assign_twice
  Either,     // one successor path per child (a child whose guard fails yields none)
  Choose,     // with binder in set: one path per value; empty set disables the path
  If,         // expr ? children[0] : children[1] (children[1] may be an empty Seq)
  Assert,     // expr must hold, else an assert violation `property` (the step still happens)
  Fail,       // run-time error of category `message` (e.g. release_not_held, reacquire)
  LockEvent,  // no effect on the state: marks a lock request/acquire/release for lock-order
              // analysis and traces: instance `lock_base + expr` (expr null => +0), `mode`, `event`
};
// (lowering) Process step bodies: [Guard of each folded if/while test | Choose of each `with`
// on the path], then the statement, then kept-`with` updates, then `pc := next` (always the
// last Assign of the path; no Guard on the pc: use Transition::from_pc). Lock statements, per
// lock instance (a dynamic index becomes an If chain over the instances, else Fail "domain"):
//   acquire (not queued): If holds(self) { Fail reacquire } else { Guard free-for-mode;
//     [LockEvent Request if queued]; LockEvent Acquire; owner := code(self) | readers += {self} }
//   queued request step:  If holds(self) { Fail reacquire } else { queue := append(queue,
//     2*self+shared); LockEvent Request }
//   queued grant step:    Guard grantable (§11); queue := queue without the request;
//     owner/readers update; LockEvent Acquire
//   release: If owner == code(self) { owner := 0; LockEvent Release Exclusive } else [rwsem:
//     If self in readers { readers -= {self}; LockEvent Release Shared } else] Fail
//     release_not_held
// LockEvents emitted by lowering always have expr == null and lock_base = the instance.
// Run-time error categories used by Fail: reacquire, release_not_held, domain.
// code(p) is LockInstance::owner_code(p).

enum class LockMode : std::uint8_t { Exclusive, Shared };
enum class LockEventKind : std::uint8_t { Request, Acquire, Release };

struct PathElem {
  bool field = false;          // true: record field `slot`; false: index by `index`
  std::uint32_t slot = 0;
  const Expr* index = nullptr;
};

struct Stmt {
  StmtOp op = StmtOp::Seq;
  SourceSpan span;
  std::vector<const Stmt*> children;
  const Expr* expr = nullptr;    // Guard/If/Assert condition, Assign value, LockEvent index
  std::uint32_t var = 0;         // Assign
  std::vector<PathElem> path;    // Assign
  bool once = false;             // Assign (actions)
  Binder binder;                 // Choose
  std::string message;           // Assert message / Fail category
  std::string property;          // Assert: property name (label or "assert@file:line")
  std::int32_t lock_base = 0;    // LockEvent
  LockMode mode = LockMode::Exclusive;
  LockEventKind event = LockEventKind::Acquire;
};

// ------------------------------------------------------------------------ transitions
// What a transition waits for when it is disabled (deadlock explanation).
struct WaitInfo {
  enum Kind { None, Lock, Await } kind = None;
  std::int32_t lock_base = 0;    // Lock: instance lock_base + index (index null => +0)
  const Expr* lock_index = nullptr;
  LockMode mode = LockMode::Exclusive;
  std::string condition;         // Await: the condition's source text
};

struct Transition {
  std::string name;       // "writer[1] write_begin" / "Deposit(w = 1, v = 2)"
  int process = -1;       // process instance, or -1 for an action
  std::int64_t from_pc = -1;  // process steps: enabled only at this pc value (fast filter)
  std::string label;      // statement label, or "" (then name the statement kind + line)
                          // (lowering: a step without its own label takes the label of the
                          // last labelled compound statement on its folded path; both steps of
                          // a queued acquire carry its label; names end in "(request)"/"(grant)")
  SourceSpan span;        // the statement or action
  const Stmt* body = nullptr;
  WaitInfo wait;
};

// ------------------------------------------------------------------------ metadata
struct Location {
  std::string label;      // label of the step taken from here, or "" if unlabelled
  SourceSpan span;        // its statement
};

// (lowering) Locations are the points where a step can start (the body's entry and the point
// after each step), in source order; pc 0 is the entry and end_pc = locations.size() - 1 is
// `end`. An empty body starts at end. Process instances are numbered in declaration order,
// then by instance value; `self` in lock state is that number.
struct ProcessInstance {
  std::string name;        // "writer[1]" or "fault"
  std::string process;     // "writer"
  std::int64_t index = 0;  // instance parameter value (`self`), 0 for single processes
  std::uint32_t pc_var = 0;
  std::vector<Location> locations;  // pc value -> location
  std::int64_t end_pc = 0;          // pc value of `end` (finished)
};

enum class LockKind : std::uint8_t { Mutex, Spinlock, Rwsem };

struct LockInstance {
  std::string name;        // "folio[2]" or "i_rwsem"
  std::string lock_class;  // "folio"
  LockKind kind = LockKind::Mutex;
  bool queued = false;
  std::uint32_t owner_var = 0;     // 0 free, k >= 1 held exclusively by owner_instance(k)
  std::int32_t readers_var = -1;  // rwsem only
  std::int32_t queue_var = -1;    // rwsem queued only
  // When `narrowed`: the process instances that can hold it exclusively (an exclusive acquire
  // of it appears in their code), ascending, and owner code k means owners[k-1]. Otherwise the
  // identity, k = p + 1 (hand-built systems). Narrowing keeps the state small.
  bool narrowed = false;
  std::vector<std::int32_t> owners;

  // The owner code of instance p; -1 (never stored) when p can never hold it exclusively.
  std::int64_t owner_code(std::int64_t p) const {
    if (!narrowed) return p + 1;
    auto it = std::lower_bound(owners.begin(), owners.end(), p);
    return it != owners.end() && *it == p ? (it - owners.begin()) + 1 : -1;
  }
  // The instance an owner code names; -1 for 0 (free) or a code out of range.
  std::int64_t owner_instance(std::int64_t code) const {
    if (code <= 0) return -1;
    if (!narrowed) return code - 1;
    return static_cast<std::size_t>(code) <= owners.size() ? owners[static_cast<std::size_t>(code - 1)] : -1;
  }
};

struct NamedPredicate {
  std::string name;
  const Expr* expr = nullptr;
  SourceSpan span;
};

// Declared same-class nesting, `lock_order folio by index` (docs/adr/0002): instances of
// `lock_class` may be held together when taken in ascending index order (the order of the
// class's instances in System::locks); taking a lower one while holding a higher one is a
// lock_order violation at that step. (Added for ADR 0002.)
struct LockNesting {
  std::string lock_class;
  SourceSpan span;  // the declaration
};

struct InitialValue {
  std::uint32_t var = 0;
  const Expr* value = nullptr;  // exactly this value, or
  const Expr* set = nullptr;    // any value of this set (nondeterministic initial states)
};

struct System {
  std::string module;
  std::string spec_path;
  const support::SourceManager* sources = nullptr;
  std::shared_ptr<compiler::TypeArena> types;

  std::vector<Var> vars;
  std::vector<Leaf> leaves;
  std::uint32_t state_words = 0;  // 64-bit words per packed state
  std::uint32_t env_slots = 0;    // environment slots any expression/statement needs

  std::vector<InitialValue> init;          // one per var (locals, pcs and locks included)
  std::vector<NamedPredicate> initially;   // filters on initial states
  std::vector<NamedPredicate> constraints; // TLC CONSTRAINT
  std::vector<NamedPredicate> invariants;
  std::vector<NamedPredicate> covers;
  std::vector<Transition> transitions;     // process steps first (grouped by process), then actions
  std::vector<ProcessInstance> processes;
  std::vector<LockInstance> locks;
  std::vector<std::pair<std::string, std::string>> lock_order;  // declared A < B (transitively closed)
  std::vector<LockNesting> lock_nesting;   // declared `lock_order L by index` (one per class)

  bool check_deadlock = true;
  bool check_lock_order = true;
  bool check_held_at_exit = true;

  // Arenas owning every Expr and Stmt (stable addresses).
  std::deque<Expr> expr_arena;
  std::deque<Stmt> stmt_arena;
  Expr* new_expr() { return &expr_arena.emplace_back(); }
  Stmt* new_stmt() { return &stmt_arena.emplace_back(); }

  std::string location(const SourceSpan& span) const;  // "specs/x.weft:42"
};

}  // namespace ir
