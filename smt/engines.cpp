// smt: the engines behind smt::run_check (smt.h): BMC (shortest counterexamples up to --depth,
// complete when no longer simple path exists), k-induction with simple-path constraints
// (proved, a base-case violation, or inconclusive with the counterexample to induction), and
// --engine all (explicit, then BMC to the explicit diameter, then induction; any disagreement
// is an error listing both answers).
#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>

#include "smt/engines.h"
#include "smt/unrolling.h"

namespace smt {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool deadlock_checked(const ir::System& sys, const SmtOptions& opt) { return sys.check_deadlock && !opt.no_deadlock; }

void finish(SmtResult& r) {
  checker::CheckResult& c = r.result;
  if (c.verdict == checker::Verdict::Error) return;
  if (!c.violations.empty()) c.verdict = checker::Verdict::Violated;
}

std::vector<checker::Violation> collect(const ir::System& sys, const Bmc& b, const std::string& engine) {
  std::vector<checker::Violation> v = make_violations(sys, b.hits(), engine);
  std::string cat, msg;
  Packed st;
  if (b.initial_error(cat, msg, st)) {
    ModelTraces mt(sys);
    v.insert(v.begin(), mt.initial_error(cat, msg, st, engine));
  }
  return v;
}

// The summary line saying which invariant the engine assumed (Bmc::find_lemmas), if it tried.
void note_lemmas(SmtResult& r, const Bmc& b) {
  const Houdini* h = b.lemmas();
  if (!h) return;
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", h->seconds());
  if (h->kept() == 0 && !h->reason().empty())
    r.notes.push_back(r.engine + ": no lemmas: Houdini gave up after " + std::string(secs) + " s (" + h->reason() + ")");
  else
    r.notes.push_back(r.engine + ": assumed at every state: " + std::to_string(h->kept()) + " of " +
                      std::to_string(h->candidates()) + " candidate clauses, proved inductive by Houdini in " +
                      std::to_string(h->rounds()) + " rounds (" + secs + " s)");
}

}  // namespace

SmtResult run_bmc(const ir::System& sys, const SmtOptions& opt) {
  auto start = Clock::now();
  SmtResult r;
  r.engine = "bmc";
  std::uint64_t K = opt.depth_set ? opt.depth : kDefaultDepth;
  z3::context ctx;
  SystemEncoding enc(ctx, sys, deadlock_checked(sys, opt));
  Bmc bmc(enc, opt, "s");
  bool unknown = false;
  for (std::uint64_t k = 0; k <= K; ++k) {
    Bmc::Result res = bmc.next();
    if (res == Bmc::Result::Complete) {
      r.complete = true;
      break;
    }
    if (res == Bmc::Result::Unknown) {
      unknown = true;
      break;
    }
  }
  r.k = bmc.examined() ? bmc.examined() - 1 : 0;
  checker::CheckResult& c = r.result;
  c.exhaustive = r.complete && !unknown;
  c.violations = collect(sys, bmc, "bmc");
  c.depth = bmc.examined();
  c.workers = 1;
  if (unknown) {
    c.verdict = checker::Verdict::Inconclusive;
    c.inconclusive_reason = "Z3 returned unknown at depth " + std::to_string(bmc.examined()) + ": " + bmc.reason();
  } else if (!bmc.check_covers()) {
    c.verdict = checker::Verdict::Inconclusive;
    c.inconclusive_reason = "Z3 returned unknown on a cover: " + bmc.reason();
  } else if (r.complete) {
    c.verdict = checker::Verdict::Ok;
    r.notes.push_back("bmc: complete: no simple path has more than " + std::to_string(r.k) +
                      " steps, so every reachable state was examined");
    for (std::size_t i = 0; i < sys.covers.size(); ++i)
      if (!bmc.covered()[i]) c.vacuous_covers.push_back(sys.covers[i].name);
  } else {
    c.verdict = checker::Verdict::Inconclusive;
    c.inconclusive_reason = "bound reached: no violation within " + std::to_string(K) + " steps (--depth " +
                            std::to_string(K) + ")";
    r.notes.push_back("bmc: examined every path of at most " + std::to_string(K) + " steps");
    if (bmc.undecided())
      r.notes.push_back("bmc: whether longer paths exist was left open at " + std::to_string(bmc.undecided()) +
                        " depth(s), where that question ran out of its budget (a quarter of the search)");
  }
  if (!r.complete)
    for (std::size_t i = 0; i < sys.covers.size(); ++i)
      if (!bmc.covered()[i]) c.warnings.push_back("cover " + sys.covers[i].name + ": undecided");
  note_lemmas(r, bmc);
  finish(r);
  c.seconds = since(start);
  return r;
}

SmtResult run_induction(const ir::System& sys, const SmtOptions& opt) {
  auto start = Clock::now();
  SmtResult r;
  r.engine = "induction";
  std::uint64_t K = opt.depth_set ? std::max<std::uint64_t>(opt.depth, 1) : kDefaultInductionDepth;
  z3::context ctx;
  SystemEncoding enc(ctx, sys, deadlock_checked(sys, opt));
  Bmc base(enc, opt, "b");
  Formula step(ctx, opt.timeout_ms);
  Unrolling u(enc, step, "t", true);
  checker::CheckResult& c = r.result;
  c.workers = 1;
  std::string unknown;
  bool base_complete = false;
  std::uint64_t k = 1;
  std::vector<Packed> cti_path;
  std::string cti_kind, cti_name;
  bool cti_step = false;
  for (; k <= K; ++k) {
    // Base case: no violation within k - 1 steps.
    Bmc::Result br = base.next();
    if (br == Bmc::Result::Unknown) {
      unknown = "base case, depth " + std::to_string(k - 1) + ": " + base.reason();
      break;
    }
    std::string cat, msg;
    Packed st;
    if (!base.hits().empty() || base.initial_error(cat, msg, st)) break;
    if (br == Bmc::Result::Complete) {
      base_complete = true;
      break;
    }
    // Step case: k states where every property holds, then one where some property fails.
    base.find_lemmas();
    u.sync_lemmas();
    while (u.size() < k + 1) {
      if (u.size() > 0) step.add(u.safe(u.size() - 1));
      u.add_state();
    }
    std::vector<z3::expr> bad;
    for (const Property& p : u.props(k)) bad.push_back(p.viol);
    z3::check_result sr = step.check(enc.values().disj(bad));
    if (sr == z3::unsat) {
      r.proved = true;
      break;
    }
    if (sr == z3::unknown) {
      unknown = "step case, k = " + std::to_string(k) + ": " + step.reason();
      break;
    }
    const z3::model& m = step.model();
    cti_path = u.path(m, k);
    for (const Property& p : u.props(k))
      if (m.eval(p.viol, true).is_true()) {
        cti_kind = p.kind;
        cti_name = p.name;
        cti_step = p.step;
        break;
      }
  }
  c.violations = collect(sys, base, "induction");
  if (!c.violations.empty()) {
    r.k = base.examined() ? base.examined() - 1 : 0;
    c.depth = base.examined();
    r.notes.push_back("induction: the base case fails: a real violation within " + std::to_string(r.k) + " steps");
  } else if (!unknown.empty()) {
    c.verdict = checker::Verdict::Inconclusive;
    c.inconclusive_reason = "Z3 returned unknown in the " + unknown;
    r.k = k;
    c.depth = base.examined();
  } else if (base_complete || r.proved) {
    r.proved = true;
    r.k = base_complete ? base.examined() : k;
    c.verdict = checker::Verdict::Ok;
    c.depth = base.examined();
    r.notes.push_back(base_complete
                          ? "induction: proved: the base case is exhaustive (no simple path has " +
                                std::to_string(base.examined()) + " steps)"
                          : "induction: proved by " + std::to_string(k) + "-induction (simple paths)");
    // Covers: reached within the base case, or never (exhaustive base case, or `not cover`
    // k-inductive over states where the proved properties hold); otherwise undecided.
    if (!base.check_covers()) {
      for (const auto& cv : sys.covers) c.warnings.push_back("cover " + cv.name + ": undecided");
    } else {
      for (std::size_t i = 0; i < sys.covers.size(); ++i) {
        if (base.covered()[i]) continue;
        bool never = base_complete;
        if (!never && u.size() == k + 1) {
          std::vector<z3::expr> q;
          for (std::size_t j = 0; j < k; ++j) q.push_back(!u.checks(j).covers[i]);
          q.push_back(u.checks(k).covers[i]);
          never = step.check(enc.values().conj(q)) == z3::unsat;
        }
        if (never)
          c.vacuous_covers.push_back(sys.covers[i].name);
        else
          c.warnings.push_back("cover " + sys.covers[i].name + ": undecided");
      }
    }
  } else {
    r.k = K;
    c.depth = base.examined();
    c.verdict = checker::Verdict::Inconclusive;
    c.inconclusive_reason = "not proved at k = " + std::to_string(K) + " (the step case fails; --depth raises k)";
    if (!cti_path.empty()) {
      ModelTraces mt(sys);
      checker::Violation v = mt.violation(cti_kind, cti_name, cti_step, cti_path, "induction");
      v.trace.message = "counterexample to induction (k = " + std::to_string(K) + ", not a reachable path): " + v.trace.message;
      v.trace.from_initial = false;
      r.cti.push_back(std::move(v.trace));
      r.notes.push_back("induction: not proved at k = " + std::to_string(K) + ": " + cti_kind + " " + cti_name +
                        " fails after " + std::to_string(K) + " steps through states where every property holds");
    }
  }
  c.exhaustive = r.proved && c.violations.empty();
  note_lemmas(r, base);
  finish(r);
  c.seconds = since(start);
  return r;
}

}  // namespace smt
