// smt: Houdini (internal): an inductive invariant for the symbolic engines to assume. The
// candidates are the unit and binary clauses over leaf-value atoms ("leaf a never holds v",
// "never a = v and b = w at once", e.g. a program counter against a lock owner); Houdini keeps
// the largest subset that holds in every initial state and that every step preserves, dropping
// each candidate a Z3 model shows false. What is kept holds in every reachable state (proved
// by the last, unsatisfiable query), so BMC and induction may add it to every state of their
// unrollings without losing any path.
#pragma once
#include <chrono>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "checker/compiled_expr.h"
#include "smt/model_trace.h"
#include "smt/system_encoding.h"

namespace smt {

class Houdini {
 public:
  // Limits: at most max_candidates clauses (unit ones first, then binary ones by leaf order),
  // and the search gives up (keeping nothing) after `seconds` or on a Z3 unknown.
  Houdini(SystemEncoding& enc, std::size_t max_candidates, double seconds);

  // Runs the search; false when it gave up (reason()), and then nothing is kept.
  bool run();
  // The kept clauses on state s (true when nothing is kept).
  z3::expr at(const SymState& s) const;

  std::size_t candidates() const { return cands_.size(); }
  std::size_t kept() const { return kept_; }
  std::size_t rounds() const { return rounds_; }
  double seconds() const { return seconds_taken_; }
  const std::string& reason() const { return reason_; }

 private:
  struct Atom {
    std::size_t leaf;
    std::uint64_t value;
  };
  struct Cand {
    std::size_t a, b;  // atoms; b == kNone: the unit clause "not a"
    bool alive = true;
  };
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

  static constexpr std::size_t kSampleStates = 20000;
  // Up to max_states states reachable by the checker's interpreter (breadth-first).
  static std::vector<Packed> sample(const ir::System& sys, const checker::Layout& layout, std::size_t max_states);
  // Drops the candidates false in one of these packed states (a model's state is packed by
  // SystemEncoding::pack); returns how many.
  std::size_t drop_false_in(const std::vector<Packed>& states);
  z3::expr atom(const SymState& s, std::size_t i) const;
  z3::expr clause(const SymState& s, const Cand& c) const;
  bool out_of_time();
  bool search();

  SystemEncoding& enc_;
  double seconds_;
  checker::Layout layout_;
  std::chrono::steady_clock::time_point start_;
  std::vector<Atom> atoms_;
  std::vector<Cand> cands_;
  std::size_t kept_ = 0, rounds_ = 0;
  double seconds_taken_ = 0;
  bool done_ = false;
  std::string reason_;
};

}  // namespace smt
