// smt: Unrolling and Bmc (unrolling.h): the incremental unrolling shared by BMC and both halves
// of k-induction, and the shortest-first violation search at each depth.
#include "smt/unrolling.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace smt {

Formula::Formula(z3::context& ctx, unsigned timeout_ms) : ctx_(ctx), solver_(ctx, "QF_BV") {
  if (timeout_ms) {
    z3::params p(ctx_);
    p.set("timeout", timeout_ms);
    solver_.set(p);
  }
}

void Formula::add(const z3::expr& e) {
  if (e.is_true()) return;
  solver_.add(e);
  ++added_;
}

z3::check_result Formula::check(const z3::expr& query) { return check(query, {}); }

std::uint64_t Formula::resources() const {
  z3::stats st = solver_.statistics();
  for (unsigned i = 0; i < st.size(); ++i)
    if (st.key(i) == "rlimit count")
      return st.is_uint(i) ? st.uint_value(i) : static_cast<std::uint64_t>(st.double_value(i));
  return 0;
}

z3::check_result Formula::check(const z3::expr& query, const std::vector<z3::expr>& assumptions,
                                std::uint64_t budget) {
  auto t0 = std::chrono::steady_clock::now();
  z3::expr q = ctx_.bool_const(("query!" + std::to_string(queries_++)).c_str());
  solver_.add(z3::implies(q, query));
  z3::expr_vector assume(ctx_);
  assume.push_back(q);
  for (const z3::expr& a : assumptions) assume.push_back(a);
  if (const char* dir = getenv("WEFT_SMT_DUMP")) {
    static int n = 0;
    std::string fn = std::string(dir) + "/q" + std::to_string(n++) + ".smt2";
    if (FILE* f = fopen(fn.c_str(), "w")) {
      fputs(solver_.to_smt2().c_str(), f);
      fprintf(f, "; checked under the assumption %s\n", q.to_string().c_str());
      fclose(f);
    }
  }
  if (budget != budget_) {
    z3::params p(ctx_);
    p.set("rlimit", static_cast<unsigned>(std::min<std::uint64_t>(budget, 0xfffffffeu)));  // 0: no limit
    solver_.set(p);
    budget_ = budget;
  }
  std::uint64_t before = resources();
  z3::check_result r = solver_.check(assume);
  units_ += resources() - before;
  if (r == z3::sat) model_ = std::make_unique<z3::model>(solver_.get_model());
  if (r == z3::unknown) reason_ = solver_.reason_unknown();
  solver_.add(!q);  // retired: later queries do not see this one
  if (getenv("WEFT_SMT_DEBUG"))
    fprintf(stderr, "smt: check (%zu assertions): %s %.3f s, %llu resource units so far\n", added_,
            r == z3::sat ? "sat" : r == z3::unsat ? "unsat" : "unknown",
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
            static_cast<unsigned long long>(resources()));
  return r;
}

Unrolling::Unrolling(SystemEncoding& enc, Formula& f, const std::string& tag, bool simple)
    : enc_(enc), f_(f), tag_(tag), simple_(simple) {}

void Unrolling::add_state() {
  std::size_t k = states_.size();
  SymState s = enc_.fresh_state(tag_ + std::to_string(k));
  f_.add(enc_.typed(s));
  if (k > 0) {
    std::size_t j = k - 1;
    z3::expr sel = enc_.ctx().bv_const((tag_ + "sel" + std::to_string(j)).c_str(), enc_.selector_width(*steps_[j]));
    f_.add(checks_[j]->cons);
    f_.add(enc_.transition(*steps_[j], states_[j].val, s, sel));
    if (simple_)
      for (std::size_t i = 0; i < k; ++i) f_.add(enc_.distinct(states_[i], s));
  }
  states_.push_back(std::move(s));
  const State& v = states_.back().val;
  checks_.push_back(std::make_unique<StateChecks>(enc_.check(v)));
  steps_.push_back(std::make_unique<StepEncoding>(enc_.step(v)));
  props_.push_back(enc_.properties(v, *checks_.back(), *steps_.back()));
  sync_lemmas();
}

void Unrolling::sync_lemmas() {
  if (!enc_.has_lemmas()) return;
  for (; with_lemmas_ < states_.size(); ++with_lemmas_) f_.add(enc_.assumed(states_[with_lemmas_]));
}

z3::expr Unrolling::safe(std::size_t i) {
  std::vector<z3::expr> c;
  for (const Property& p : props_.at(i)) c.push_back(!p.viol);
  return enc_.values().conj(c);
}

std::vector<Packed> Unrolling::path(const z3::model& m, std::size_t last) {
  std::vector<Packed> out;
  for (std::size_t i = 0; i <= last; ++i) out.push_back(enc_.pack(m, states_.at(i)));
  return out;
}

Bmc::Bmc(SystemEncoding& enc, const SmtOptions& opt, const std::string& tag)
    : enc_(enc),
      allow_lemmas_(opt.lemmas),
      lemmas_after_(opt.lemmas_after),
      lemmas_seconds_(opt.lemmas_seconds),
      f_(enc.ctx(), opt.timeout_ms), u_(enc, f_, tag, false), tag_(tag), timeout_ms_(opt.timeout_ms) {
  covered_.assign(enc.sys().covers.size(), false);
}

Bmc::~Bmc() {
  if (lemmas_) enc_.assume(nullptr);
}

void Bmc::find_lemmas() {
  if (!allow_lemmas_ || lemmas_) return;
  lemmas_ = std::make_unique<Houdini>(enc_, kHoudiniCandidates, lemmas_seconds_);
  bool ok = lemmas_->run();
  if (getenv("WEFT_SMT_DEBUG"))
    fprintf(stderr, "smt: houdini %s: %zu of %zu kept, %zu rounds, %.2f s %s\n", ok ? "done" : "gave up",
            lemmas_->kept(), lemmas_->candidates(), lemmas_->rounds(), lemmas_->seconds(), lemmas_->reason().c_str());
  if (!ok) return;
  enc_.assume(lemmas_.get());
  u_.sync_lemmas();
  if (simple_) simple_->sync_lemmas();
}

z3::check_result Bmc::check(const z3::expr& query) {
  std::uint64_t before = f_.units();
  z3::check_result r = f_.check(query);
  searched_ += f_.units() - before;
  if (r == z3::unknown) reason_ = f_.reason();
  return r;
}

bool Bmc::initial_error(std::string& category, std::string& message, Packed& state) const {
  if (init_category_.empty()) return false;
  category = init_category_;
  message = init_message_;
  state = init_state_;
  return true;
}

Bmc::Result Bmc::next() {
  if (complete_) return Result::Complete;
  std::size_t k = u_.size();
  if (k >= lemmas_after_) find_lemmas();
  Values& V = enc_.values();
  u_.add_state();
  if (k == 0) {
    InitialStates init = enc_.initial(u_.state(0));
    if (!init.error_category.empty()) {
      init_category_ = init.error_category;
      init_message_ = init.error_message;
      init_state_ = init.error_state;
      found_.insert({"runtime_error", init_category_});
    }
    if (!init.any) return Result::Complete;
    f_.add(init.cand);
    // `initially` errors: a run-time error in an initial state (length 1), not a state.
    std::map<std::string, std::vector<z3::expr>> by_cat;
    for (const ErrRec& e : init.initially_errs) by_cat[e.category].push_back(e.cond);
    for (auto& [cat, conds] : by_cat) {
      if (found_.count({"runtime_error", cat})) continue;
      z3::check_result r = check(V.disj(conds));
      if (r == z3::sat) {
        const z3::model& m = f_.model();
        Hit h;
        h.kind = "runtime_error";
        h.name = cat;
        h.states = u_.path(m, 0);
        hits_.push_back(std::move(h));
        found_.insert({"runtime_error", cat});
      }
      if (r == z3::unknown) return Result::Unknown;
    }
    f_.add(init.ok);
  }
  // Shortest-first: ask for all remaining violations at once, record what the model shows.
  std::vector<const Property*> remaining;
  for (const Property& p : u_.props(k))
    if (!found_.count({p.kind, p.name})) remaining.push_back(&p);
  bool reached = false;
  while (!remaining.empty()) {
    std::vector<z3::expr> d;
    for (const Property* p : remaining) d.push_back(p->viol);
    z3::check_result r = check(V.disj(d));
    if (r != z3::sat) {
      if (r == z3::unknown) return Result::Unknown;
      break;
    }
    reached = true;
    const z3::model& m = f_.model();
    std::vector<Packed> path = u_.path(m, k);
    std::vector<const Property*> rest;
    bool progress = false;
    for (const Property* p : remaining) {
      if (found_.count({p->kind, p->name})) continue;
      if (m.eval(p->viol, true).is_true()) {
        Hit h;
        h.kind = p->kind;
        h.name = p->name;
        h.step = p->step;
        h.states = path;
        hits_.push_back(std::move(h));
        found_.insert({p->kind, p->name});
        progress = true;
      } else {
        rest.push_back(p);
      }
    }
    if (!progress) throw Unsupported("internal: the model satisfies no violation formula");
    remaining = std::move(rest);
  }
  // Covers at this depth. Each is decided on the unrolling of this depth (states 0..k), as
  // violations are: a cover reached only at the end of a short path must not need a longer
  // path through it (deciding them after the last depth did, and missed such covers).
  if (!covers_unknown_) {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < covered_.size(); ++i)
      if (!covered_[i]) open.push_back(i);
    while (!open.empty()) {
      std::vector<z3::expr> d;
      for (std::size_t i : open) d.push_back(u_.checks(k).covers[i]);
      z3::check_result r = check(V.disj(d));
      if (r == z3::unknown) {
        covers_unknown_ = true;
        break;
      }
      if (r == z3::unsat) break;
      reached = true;
      const z3::model& m = f_.model();
      std::vector<std::size_t> rest;
      for (std::size_t i : open) {
        if (m.eval(u_.checks(k).covers[i], true).is_true())
          covered_[i] = true;
        else
          rest.push_back(i);
      }
      if (rest.size() == open.size()) throw Unsupported("internal: the model satisfies no cover formula");
      open = std::move(rest);
    }
  }
  if (!reached && no_longer_path()) {
    complete_ = true;
    return Result::Complete;
  }
  examined_ = k + 1;
  if (getenv("WEFT_SMT_DEBUG")) fprintf(stderr, "smt: depth %zu examined\n", k);
  return Result::Checked;
}

// Does no path reach the depth just added (every reachable state lies at a smaller depth)?
// First any path at all; then, on a separate unrolling, a simple one: its pairwise
// distinctness constraints would slow every violation query of the main one (F5 to depth 45:
// 29 s against 12 s of violation queries, even with the constraints only under an assumption).
// The question only saves work, so it may cost in all no more than a kCompletenessShare-th of
// the search (Z3 resource units, which repeat exactly, unlike seconds), and at least
// kCompletenessBudget at each depth: finding a simple path close to the longest one can cost
// far more than the violation queries (84 s against 1.5 s at depth 41 of F5). Over budget the
// question stays open and is asked again at the next depth.
bool Bmc::no_longer_path() {
  Values& V = enc_.values();
  auto budget = [&] {
    std::uint64_t share = searched_ / kCompletenessShare;
    return std::max(kCompletenessBudget, share > asked_ ? share - asked_ : 0);
  };
  auto ask = [&](Formula& f) {
    std::uint64_t before = f.units();
    z3::check_result r = f.check(V.tru(), {}, budget());
    asked_ += f.units() - before;
    return r;
  };
  z3::check_result any = ask(f_);
  if (any == z3::unsat) return true;
  if (any == z3::sat) {
    if (!simple_) {
      simple_formula_ = std::make_unique<Formula>(enc_.ctx(), timeout_ms_);
      simple_ = std::make_unique<Unrolling>(enc_, *simple_formula_, tag_ + "p", true);
    }
    while (simple_->size() < u_.size()) {
      simple_->add_state();
      if (simple_->size() == 1) {
        InitialStates init = enc_.initial(simple_->state(0));
        simple_formula_->add(init.cand);
        simple_formula_->add(init.ok);
      }
    }
    any = ask(*simple_formula_);
    if (any == z3::unsat) return true;
  }
  if (any == z3::unknown) ++undecided_;
  return false;
}

bool Bmc::check_covers() { return !covers_unknown_; }

std::vector<checker::Violation> make_violations(const ir::System& sys, const std::vector<Hit>& hits,
                                                const std::string& engine) {
  ModelTraces mt(sys);
  std::vector<checker::Violation> out;
  std::vector<std::size_t> len;
  for (const Hit& h : hits) {
    out.push_back(mt.violation(h.kind, h.name, h.step, h.states, engine));
    len.push_back(h.states.size());
  }
  std::vector<std::size_t> idx(out.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  auto rank = [](const std::string& k) {
    static const char* order[] = {"runtime_error", "invariant", "assert", "held_at_exit", "lock_order", "deadlock"};
    for (int i = 0; i < 6; ++i)
      if (k == order[i]) return i;
    return 6;
  };
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    bool da = out[a].kind == "deadlock", db = out[b].kind == "deadlock";
    if (da != db) return db;
    if (len[a] != len[b]) return len[a] < len[b];
    if (rank(out[a].kind) != rank(out[b].kind)) return rank(out[a].kind) < rank(out[b].kind);
    return out[a].name < out[b].name;
  });
  std::vector<checker::Violation> sorted;
  for (std::size_t i : idx) sorted.push_back(std::move(out[i]));
  return sorted;
}

}  // namespace smt
