// checker: NativeCodegen (`weft check --compile`): translates the transitions and state
// predicates of an ir::System that stay within the scalar subset (leaves addressed by var /
// function / record paths, integer and boolean operators, quantifiers and `with` over ranges,
// finite scalar types, constant sets and set variables) into one C++ translation unit with a C
// ABI. Whatever is outside the subset stays interpreted. Generated code never reports a
// run-time error itself: it returns 1 and the caller re-runs that step or predicate in the
// interpreter, which produces the exact error (so verdicts and traces cannot differ).
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace checker {

// The ABI shared by the generated code and NativeModule (keep in sync with kNativePrelude).
inline constexpr int kNativeAbiVersion = 1;
inline constexpr int kNativeMaxEvents = 64;   // lock events / failed asserts on one path
extern "C" {
struct WeftNativeOut {
  void* host;
  // A successor: the state, its lock events as (lock, mode, kind) triples, failed asserts (ids).
  void (*succ)(void* host, const std::uint64_t* state, const std::int32_t* events, std::int32_t n_events,
               const std::int32_t* asserts, std::int32_t n_asserts);
};
// 0: done (all successors delivered); 1: a run-time error somewhere (discard, interpret).
typedef int (*WeftNativeStep)(const std::uint64_t* pre, WeftNativeOut* out);
// 0: *value holds the predicate; 1: a run-time error (interpret).
typedef int (*WeftNativePred)(const std::uint64_t* state, std::int64_t* value);
}

struct NativeSource {
  std::string code;
  // Symbol per transition / predicate ("" = interpreted).
  std::vector<std::string> transitions, invariants, covers, constraints;
  std::vector<const ir::Stmt*> asserts;  // assert id -> statement
  std::vector<std::string> interpreted;  // names of the steps and predicates left interpreted
  std::size_t compiled_transitions() const;
  std::size_t compiled_predicates() const;
};

class NativeCodegen {
 public:
  explicit NativeCodegen(const ir::System& sys);
  NativeSource generate();

 private:
  struct Unsupported {};
  // Expressions (native_codegen_expr.cpp): C++ expressions of type int64_t; `X` is the run
  // context, `pre` / `cur` the state pointers. Throws Unsupported outside the subset.
  std::string expr(const ir::Expr* e);
  std::string leaf_read(const ir::Expr* e);
  // A path of Index/Field steps below a Var: the leaf (as code), its type, which state.
  struct PathRef {
    std::string leaf;         // C++ expression of the leaf number
    bool constant = false;
    std::uint32_t const_leaf = 0;
    const compiler::Type* type = nullptr;
    bool old = false;
  };
  PathRef path_of(const ir::Expr* e);
  PathRef assign_path(const ir::Stmt* s);
  void step_index(PathRef& r, const compiler::Type* dom, const ir::Expr* index, std::uint32_t stride);
  std::string read_at(const PathRef& r);
  // A finite set to iterate or test: its elements in order as a loop header, or a test.
  struct Domain {
    enum Kind { Range, Consts, SetPath } kind = Range;
    std::string lo, hi;                 // Range (C++ expressions)
    std::vector<std::int64_t> values;   // Consts (sorted, unique)
    PathRef set;                        // SetPath: the set variable's first membership leaf
    std::int64_t elo = 0, ecard = 0;    // SetPath: element type's values elo..elo+ecard-1
  };
  Domain domain(const ir::Expr* set);
  std::string member(const Domain& d, const std::string& v);
  // `body` for each element `var` of d, in order; `bail` leaves when evaluating d failed.
  std::string for_each(const Domain& d, const std::string& var, const std::string& body, const std::string& bail);
  std::string quantifier(const ir::Expr* e);
  static std::string lit(std::int64_t v);
  // The value of an expression built from constants only (lowering leaves e.g. `(1 % 4)`).
  static bool const_value(const ir::Expr* e, std::int64_t* v);
  std::string binder(std::uint32_t slot) const { return "b" + std::to_string(slot); }

  // Statements (native_codegen.cpp): code for list[i..] followed by a call of `k`.
  std::string stmts(const std::vector<const ir::Stmt*>& list, std::size_t i, const std::string& k);
  std::string fresh(const char* base) { return std::string(base) + std::to_string(counter_++); }
  std::string transition(std::size_t t, const std::string& name);
  std::string predicate(const ir::Expr* e, const std::string& name);
  bool once_conflict(const ir::Stmt* body) const;

  const ir::System& sys_;
  std::uint32_t words_;
  std::set<std::uint32_t> scalar_slots_;  // binders in scope holding a scalar
  std::vector<const ir::Stmt*> asserts_;
  std::size_t counter_ = 0;
  std::size_t events_on_path_ = 0;
};

}  // namespace checker
