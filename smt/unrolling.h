// smt: Unrolling and Bmc (internal). Unrolling adds copies of the state to a solver one at a
// time, each typed, each linked to the previous one by the step relation, pairwise distinct
// if asked (simple paths); it keeps every state's checks, step encoding and property
// formulas. Bmc runs on an unrolling from the initial states: at each depth it asks for the
// violations not found yet (one query for all, then again for the rest), so each property's
// first counterexample is a shortest one, and it detects when no longer simple path exists.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "smt/houdini.h"
#include "smt/model_trace.h"
#include "smt/smt.h"
#include "smt/system_encoding.h"

namespace smt {

// The formulas asserted so far, in one incremental Z3 solver: each query is checked under a
// fresh assumption literal (q => query), which is retired afterwards, so what the solver learnt
// about the unrolling carries over to the next query and the next depth. This is 2 to 5 times
// faster than a fresh solver per query on the corpus (figures in docs/smt.md).
class Formula {
 public:
  Formula(z3::context& ctx, unsigned timeout_ms);
  void add(const z3::expr& e);
  std::size_t size() const { return added_; }
  z3::check_result check(const z3::expr& query);
  // Also under these assumption literals (for this query only), and within this many Z3
  // resource units (0: no limit); a query over its budget is unknown.
  z3::check_result check(const z3::expr& query, const std::vector<z3::expr>& assumptions,
                         std::uint64_t budget = 0);
  // Z3 resource units spent in this formula's checks so far.
  std::uint64_t units() const { return units_; }
  const z3::model& model() const { return *model_; }
  const std::string& reason() const { return reason_; }
  z3::context& ctx() { return ctx_; }

 private:
  z3::context& ctx_;
  z3::solver solver_;
  std::size_t added_ = 0;
  unsigned queries_ = 0;
  std::uint64_t budget_ = 0;
  std::uint64_t units_ = 0;
  std::uint64_t resources() const;  // the solver's counter (Z3 statistic "rlimit count")
  std::unique_ptr<z3::model> model_;
  std::string reason_;
};

class Unrolling {
 public:
  // simple: every state distinct from the others (k-induction's step case; BMC's question
  // whether a longer path exists). BMC's violation queries go without: a shortest
  // counterexample is a simple path anyway.
  Unrolling(SystemEncoding& enc, Formula& f, const std::string& tag, bool simple);
  // Adds state number size(): typed, distinct from the others if simple, reached by a step
  // from the previous state (which then must satisfy the constraints).
  void add_state();
  // Adds the encoding's lemmas (SystemEncoding::assumed) to the states that lack them.
  void sync_lemmas();
  std::size_t size() const { return states_.size(); }
  const State& state(std::size_t i) const { return states_.at(i).val; }
  const StateChecks& checks(std::size_t i) const { return *checks_.at(i); }
  const std::vector<Property>& props(std::size_t i) const { return props_.at(i); }
  // Every property holds at state i (the induction hypothesis).
  z3::expr safe(std::size_t i);
  std::vector<Packed> path(const z3::model& m, std::size_t last);

 private:
  SystemEncoding& enc_;
  Formula& f_;
  std::string tag_;
  bool simple_;
  std::vector<SymState> states_;
  std::size_t with_lemmas_ = 0;  // states_[0, with_lemmas_) carry the lemmas
  std::vector<std::unique_ptr<StateChecks>> checks_;
  std::vector<std::unique_ptr<StepEncoding>> steps_;
  std::vector<std::vector<Property>> props_;
};

// One violation found by a symbolic engine.
struct Hit {
  std::string kind, name;
  bool step = false;
  std::vector<Packed> states;   // path; its size is trace_length
};

class Bmc {
 public:
  Bmc(SystemEncoding& enc, const SmtOptions& opt, const std::string& tag);
  ~Bmc();
  enum class Result { Checked, Complete, Unknown };
  // Examines the next depth (0 first). Complete: no path reaches this depth (every reachable
  // state was examined at a smaller one). Unknown: the solver gave up (reason()).
  Result next();
  std::size_t examined() const { return examined_; }  // depths fully examined
  const std::vector<Hit>& hits() const { return hits_; }
  // Initial-state run-time error (trace of length 1), if any.
  bool initial_error(std::string& category, std::string& message, Packed& state) const;
  const std::string& reason() const { return reason_; }
  // Covers are decided at each depth next() examines (covered()); false if the solver gave up
  // on one (the covers not reached are then undecided).
  bool check_covers();
  const std::vector<bool>& covered() const { return covered_; }
  // Lemmas (--no-lemmas: never): runs Houdini once, unless it ran already, and has every
  // state of every unrolling of this encoding assume what it proved. BMC calls it by itself
  // before depth SmtOptions::lemmas_after (a depth, not a time, so that runs repeat exactly);
  // induction calls it before its first step case.
  void find_lemmas();
  const Houdini* lemmas() const { return lemmas_.get(); }
  static constexpr std::size_t kHoudiniCandidates = 60000;
  // The budget of the question "does any path reach this depth?": a kCompletenessShare-th of
  // the resource units the search spent so far, less what the question spent, and at least
  // kCompletenessBudget (Z3 resource units, about 5 million a second here). undecided()
  // counts the depths where it ran out.
  static constexpr std::uint64_t kCompletenessBudget = 2000000;
  static constexpr std::uint64_t kCompletenessShare = 4;
  std::size_t undecided() const { return undecided_; }

 private:
  z3::check_result check(const z3::expr& query);
  SystemEncoding& enc_;
  bool allow_lemmas_;
  std::uint64_t lemmas_after_;
  double lemmas_seconds_;
  std::unique_ptr<Houdini> lemmas_;
  bool no_longer_path();
  Formula f_;
  Unrolling u_;  // no simple-path constraints
  std::string tag_;
  unsigned timeout_ms_;
  std::unique_ptr<Formula> simple_formula_;  // built on demand by no_longer_path
  std::unique_ptr<Unrolling> simple_;
  std::size_t examined_ = 0;
  bool complete_ = false;  // no path reaches the last depth added
  std::size_t undecided_ = 0;
  std::uint64_t searched_ = 0;  // resource units spent on violations and covers (check)
  std::uint64_t asked_ = 0;     // and on no_longer_path
  std::set<std::pair<std::string, std::string>> found_;
  std::vector<Hit> hits_;
  std::vector<bool> covered_;
  bool covers_unknown_ = false;
  std::string reason_;
  std::string init_category_, init_message_;
  Packed init_state_;
};

// Builds checker::Violations (traces) for hits, sorted as the explicit engine sorts them.
std::vector<checker::Violation> make_violations(const ir::System& sys, const std::vector<Hit>& hits,
                                                const std::string& engine);

}  // namespace smt
