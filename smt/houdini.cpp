// smt: Houdini (houdini.h): candidate clauses over leaf-value atoms, filtered on the initial
// states, then on one step from any state satisfying the survivors, until no step breaks one.
#include "smt/houdini.h"

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <set>

#include "checker/program.h"
#include "smt/unrolling.h"

namespace smt {

namespace {
// Leaves with more values than this give no atoms (counters, large ranges).
constexpr std::uint64_t kMaxAtomValues = 64;

// Collects successors (not errors).
struct Collect : checker::Sink {
  std::uint32_t words = 0;
  std::vector<Packed> out;
  void successor(checker::Exec& x) override { out.emplace_back(x.ctx().cur, x.ctx().cur + words); }
  void error(checker::Exec&) override {}
};
}  // namespace

std::vector<Packed> Houdini::sample(const ir::System& sys, const checker::Layout& layout, std::size_t max_states) {
  std::vector<Packed> out;
  try {
    checker::Program p(sys, layout);
    auto holds = [&](checker::Node* n, const std::uint64_t* st) {
      bool v = false;
      checker::RtError err;
      return p.eval(n, st, &v, &err) && v;
    };
    std::set<Packed> seen;
    std::deque<Packed> todo;
    auto add = [&](Packed st) {
      if (seen.size() >= max_states || !seen.insert(st).second) return;
      out.push_back(st);
      todo.push_back(std::move(st));
    };
    p.initial_states(
        [&](const std::uint64_t* st) {
          for (std::size_t i = 0; i < sys.initially.size(); ++i)
            if (!holds(p.initially(i), st)) return;
          add(Packed(st, st + p.words()));
        },
        [](const std::uint64_t*, const checker::RtError&) {});
    Collect c;
    c.words = p.words();
    while (!todo.empty() && seen.size() < max_states) {
      Packed st = std::move(todo.front());
      todo.pop_front();
      bool expand = true;
      for (std::size_t i = 0; i < sys.constraints.size() && expand; ++i) expand = holds(p.constraint(i), st.data());
      if (!expand) continue;
      c.out.clear();
      p.expand(st.data(), c);
      for (Packed& n : c.out) add(std::move(n));
    }
  } catch (const std::exception&) {
    // A system the interpreter cannot run: no sample, the Z3 rounds alone filter.
  }
  return out;
}

std::size_t Houdini::drop_false_in(const std::vector<Packed>& states) {
  std::size_t n = 0;
  for (const Packed& st : states) {
    auto holds = [&](std::size_t i) {
      const checker::LeafRef& l = layout_.leaves[atoms_[i].leaf];
      return static_cast<std::uint64_t>(checker::read_leaf(st.data(), l) - l.lo) == atoms_[i].value;
    };
    for (Cand& c : cands_)
      if (c.alive && holds(c.a) && (c.b == kNone || holds(c.b))) {
        c.alive = false;
        ++n;
      }
  }
  return n;
}

Houdini::Houdini(SystemEncoding& enc, std::size_t max_candidates, double seconds)
    : enc_(enc), seconds_(seconds), layout_(enc.sys()) {
  const ir::System& sys = enc.sys();
  for (std::size_t l = 0; l < sys.leaves.size(); ++l) {
    const LeafShape& sh = enc.leaf(l);
    std::uint64_t card = sh.is_bool ? 2 : static_cast<std::uint64_t>(sh.hi - sh.lo) + 1;
    if (card > kMaxAtomValues) continue;
    for (std::uint64_t v = 0; v < card; ++v) atoms_.push_back(Atom{l, v});
  }
  // Unit clauses, then binary ones with a program counter (where a thread is against what it
  // holds and what the others do), then the other binary ones, up to max_candidates.
  std::vector<bool> pc(sys.leaves.size(), false);
  for (const ir::ProcessInstance& p : sys.processes) pc.at(sys.vars.at(p.pc_var).first_leaf) = true;
  for (std::size_t a = 0; a < atoms_.size() && cands_.size() < max_candidates; ++a) cands_.push_back(Cand{a, kNone});
  for (int with_pc = 1; with_pc >= 0; --with_pc)
    for (std::size_t a = 0; a < atoms_.size(); ++a)
      for (std::size_t b = a + 1; b < atoms_.size() && cands_.size() < max_candidates; ++b) {
        std::size_t la = atoms_[a].leaf, lb = atoms_[b].leaf;
        if (la != lb && (pc[la] || pc[lb]) == (with_pc == 1)) cands_.push_back(Cand{a, b});
      }
}

z3::expr Houdini::atom(const SymState& s, std::size_t i) const {
  const Atom& a = atoms_[i];
  const z3::expr& raw = s.raw.at(a.leaf);
  if (raw.is_bool()) return a.value ? raw : !raw;
  return raw == raw.ctx().bv_val(a.value, raw.get_sort().bv_size());
}

z3::expr Houdini::clause(const SymState& s, const Cand& c) const {
  if (c.b == kNone) return !atom(s, c.a);
  return !atom(s, c.a) || !atom(s, c.b);
}

bool Houdini::out_of_time() {
  if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() <= seconds_) return false;
  reason_ = "time limit";
  return true;
}

bool Houdini::run() {
  start_ = std::chrono::steady_clock::now();
  done_ = search();
  seconds_taken_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (!done_) kept_ = 0;
  return done_;
}

bool Houdini::search() {
  Values& V = enc_.values();
  z3::context& ctx = enc_.ctx();
  unsigned ms = static_cast<unsigned>(seconds_ * 1000) + 1;
  // Candidates false in a state the interpreter reaches cannot be invariants: dropping them
  // first only saves rounds (what is kept is still proved by Z3 below).
  drop_false_in(sample(enc_.sys(), layout_, kSampleStates));
  // Initial states.
  {
    Formula f(ctx, ms);
    SymState s0 = enc_.fresh_state("h_init");
    f.add(enc_.typed(s0));
    InitialStates init = enc_.initial(s0.val);
    if (!init.any) {
      reason_ = "no initial state";
      return false;
    }
    f.add(init.cand);
    f.add(init.ok);
    for (;;) {
      if (out_of_time()) return false;
      std::vector<z3::expr> bad;
      for (const Cand& c : cands_)
        if (c.alive) bad.push_back(!clause(s0, c));
      ++rounds_;
      z3::check_result r = f.check(V.disj(bad));
      if (r == z3::unsat) break;
      if (r == z3::unknown) return reason_ = "Z3: " + f.reason(), false;
      if (drop_false_in({enc_.pack(f.model(), s0)}) == 0) return reason_ = "internal: the model breaks no candidate", false;
    }
  }
  // One step from a state where every surviving candidate holds.
  Formula f(ctx, ms);
  SymState s0 = enc_.fresh_state("h_pre"), s1 = enc_.fresh_state("h_post");
  f.add(enc_.typed(s0));
  f.add(enc_.typed(s1));
  StateChecks ch = enc_.check(s0.val);
  StepEncoding st = enc_.step(s0.val);
  f.add(ch.cons);
  z3::expr sel = ctx.bv_const("h_sel", enc_.selector_width(st));
  f.add(enc_.transition(st, s0.val, s1, sel));
  // Candidate i: act_i => it holds before the step; brk_i => it fails after it. A dead
  // candidate gets the unit !brk_i and is no longer assumed before the step.
  std::vector<z3::expr> act, brk, any;
  for (std::size_t i = 0; i < cands_.size(); ++i) {
    if (!cands_[i].alive) continue;
    act.push_back(ctx.bool_const(("h_act" + std::to_string(i)).c_str()));
    brk.push_back(ctx.bool_const(("h_brk" + std::to_string(i)).c_str()));
    f.add(z3::implies(act.back(), clause(s0, cands_[i])));
    f.add(z3::implies(brk.back(), !clause(s1, cands_[i])));
    any.push_back(brk.back());
  }
  std::vector<std::size_t> live;  // candidate index per act/brk slot
  for (std::size_t i = 0; i < cands_.size(); ++i)
    if (cands_[i].alive) live.push_back(i);
  z3::expr some_break = V.disj(any);
  for (;;) {
    if (out_of_time()) return false;
    std::vector<z3::expr> hyp;
    for (std::size_t j = 0; j < live.size(); ++j)
      if (cands_[live[j]].alive) hyp.push_back(act[j]);
    if (hyp.empty()) break;
    ++rounds_;
    z3::check_result r = f.check(some_break, hyp);
    if (r == z3::unsat) break;
    if (r == z3::unknown) return reason_ = "Z3: " + f.reason(), false;
    std::size_t d = drop_false_in({enc_.pack(f.model(), s1)});
    if (getenv("WEFT_SMT_DEBUG")) fprintf(stderr, "smt: houdini round %zu: %zu alive, %zu dropped\n", rounds_, hyp.size(), d);
    if (d == 0) return reason_ = "internal: the model breaks no candidate", false;
    for (std::size_t j = 0; j < live.size(); ++j)
      if (!cands_[live[j]].alive && !brk[j].is_false()) {
        f.add(!brk[j]);
        brk[j] = ctx.bool_val(false);
      }
  }
  kept_ = 0;
  for (const Cand& c : cands_) kept_ += c.alive ? 1 : 0;
  return true;
}

z3::expr Houdini::at(const SymState& s) const {
  std::vector<z3::expr> c;
  if (done_)
    for (const Cand& x : cands_)
      if (x.alive) c.push_back(clause(s, x));
  return enc_.values().conj(c);
}

}  // namespace smt
