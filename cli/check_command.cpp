// cli: `weft check SPEC`: front end, lowering, then the explicit-state engine; prints the
// figures, a verdict per property and the counterexamples; exit code per DESIGN.md (12 safety
// before 11 deadlock before 14 lock order; 20 inconclusive; 150 spec errors; 2 usage).
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>
#include <unistd.h>

#include "checker/check.h"
#include "checker/lock_order_analysis.h"
#include "cli/arg_parser.h"
#include "cli/command.h"
#include "cli/spec_loader.h"
#include "compiler/lower.h"
#include "report/json.h"
#include "report/json_trace.h"
#include "report/out_dir.h"
#include "report/text_writer.h"
#include "smt/smt.h"

namespace cli {
namespace {

const char* kCheckHelp =
    "Usage: weft check SPEC.weft [-D NAME=VALUE]... [options]\n\n"
    "Explores every reachable state of SPEC.weft breadth-first and checks its invariants,\n"
    "assertions, run-time errors, deadlock and locks held at exit; prints a shortest\n"
    "counterexample for each violated property.\n\n"
    "Options:\n"
    "  -D NAME=VALUE       override the constant NAME (an integer, true or false)\n"
    "  --engine ENGINE     explicit (default), bmc (bounded model checking with Z3),\n"
    "                      induction (k-induction with Z3) or all (every engine; they must agree)\n"
    "  --depth K           bmc: longest path in steps (default 20; 0: the initial states only);\n"
    "                      induction: largest k (default 40, at least 1)\n"
    "  --no-lemmas         bmc/induction: do not assume the invariant Houdini proves (by\n"
    "                      default induction looks for one first, bmc from depth 10 on)\n"
    "  --workers N         worker threads (default: all cores); results do not depend on N\n"
    "  --max-states N      stop (inconclusive) after N distinct states\n"
    "  --max-depth N       stop (inconclusive) at BFS depth N\n"
    "  --memory SIZE       memory budget for the state store, e.g. 4G (default: 80% of RAM)\n"
    "  --fingerprint       store 64-bit fingerprints instead of whole states (less memory,\n"
    "                      tiny probability of missing states; the estimate is printed)\n"
    "  --compile           explicit engine: translate the steps and predicates to C++, build\n"
    "                      them with the system compiler ($WEFT_CXX, default c++; cached in\n"
    "                      $WEFT_CACHE_DIR or ~/.cache/weft) and run them natively; constructs\n"
    "                      outside the compiled subset stay interpreted; same results\n"
    "  --no-deadlock       do not check for deadlock\n"
    "  --stop-at-first     stop at the first violation found\n"
    "  --trace FORMAT      counterexamples as text (changed variables), full, or json\n"
    "  --json              one JSON object with the results on stdout (the rest on stderr)\n"
    "  --quiet             no progress and no counterexamples, only the summary\n"
    "  --out DIR           write every counterexample (text, JSON, ITF, SVG, Mermaid, DOT)\n"
    "                      and index.html into DIR\n\n"
    "Figures (explicit engine): distinct states = reachable states satisfying every\n"
    "constraint (TLC's \"distinct states found\"); transitions = successor states generated,\n"
    "duplicates and constraint-excluded ones included (TLC's \"states generated\" minus the\n"
    "initial states); depth = BFS levels, initial states at depth 1 (TLC's depth).\n"
    "With --fingerprint the probability that two states shared a fingerprint is estimated\n"
    "as TLC's optimistic figure: distinct x (generated - distinct) / 2^64.\n"
    "A property without a violation is reported as holding only after an exhaustive search\n"
    "(explicit without limits or --stop-at-first, a complete bmc run, an induction proof);\n"
    "otherwise \"not violated (search not exhaustive)\" or \"(inconclusive)\".\n\n"
    "Exit codes: 0 every property holds; 12 safety violation; 11 deadlock; 14 lock-order\n"
    "violation; 20 inconclusive (a limit was reached); 2 usage error; 150 spec error.\n";

const char* verdict_name(checker::Verdict v) {
  switch (v) {
    case checker::Verdict::Ok:
      return "ok";
    case checker::Verdict::Violated:
      return "violated";
    case checker::Verdict::Inconclusive:
      return "inconclusive";
    case checker::Verdict::Error:
      return "error";
  }
  return "error";
}

int exit_code(const checker::CheckResult& r) {
  if (r.verdict == checker::Verdict::Error) return kExitInternal;
  bool safety = false, deadlock = false, lock_order = false;
  for (const auto& v : r.violations) {
    if (v.kind == "deadlock")
      deadlock = true;
    else if (v.kind == "lock_order")
      lock_order = true;
    else
      safety = true;
  }
  if (safety) return kExitSafety;
  if (deadlock) return kExitDeadlock;
  if (lock_order) return kExitLockOrder;
  if (r.verdict == checker::Verdict::Inconclusive) return kExitInconclusive;
  return kExitOk;
}

std::string human(double x) {
  char buf[64];
  if (x >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2fM", x / 1e6);
  else if (x >= 1e4)
    std::snprintf(buf, sizeof buf, "%.1fK", x / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", x);
  return buf;
}

std::string seconds_str(double s) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

report::Json result_json(const std::string& spec, const checker::CheckResult& r, const std::string& engine) {
  using report::Json;
  Json o = Json::object();
  o["spec"] = spec;
  o["engine"] = engine;
  o["verdict"] = verdict_name(r.verdict);
  o["distinct_states"] = static_cast<std::int64_t>(r.distinct_states);
  o["transitions"] = static_cast<std::int64_t>(r.transitions);
  o["depth"] = static_cast<std::int64_t>(r.depth);
  o["seconds"] = static_cast<double>(static_cast<std::int64_t>(r.seconds * 1000 + 0.5)) / 1000.0;
  Json vs = Json::array();
  for (const auto& v : r.violations) {
    Json j = Json::object();
    j["kind"] = v.kind;
    j["name"] = v.name;
    j["message"] = v.message;
    j["trace_length"] = static_cast<std::int64_t>(v.trace.length());
    vs.push_back(std::move(j));
  }
  o["violations"] = std::move(vs);
  Json covers = Json::array();
  for (const auto& c : r.vacuous_covers) covers.push_back(c);
  o["vacuous_covers"] = std::move(covers);
  Json warnings = Json::array();
  for (const auto& w : r.warnings) warnings.push_back(w);
  if (r.verdict == checker::Verdict::Inconclusive && !r.inconclusive_reason.empty())
    warnings.push_back("inconclusive: " + r.inconclusive_reason);
  if (r.verdict == checker::Verdict::Error) warnings.push_back("error: " + r.error);
  if (r.verdict == checker::Verdict::Violated && !r.exhaustive)
    warnings.push_back("search not exhaustive: a property without a violation is not proved to hold");
  o["warnings"] = std::move(warnings);
  Json notes = Json::array();
  for (const auto& n : r.notes) notes.push_back(n);
  if (!r.notes.empty()) o["notes"] = std::move(notes);
  o["lock_order_edges"] = checker::lock_order_edges_json(r);
  o["lock_order_graph"] = checker::lock_order_graph_json(r);
  return o;
}

std::string summary_text(const std::string& spec, const ir::System& sys, const checker::CheckResult& r, bool deadlock_checked,
                         const std::string& engine) {
  std::ostringstream out;
  if (engine == "bmc" || engine == "induction") {  // smt/: no states are enumerated
    out << "weft check " << spec << ": " << engine << " engine (Z3)\n";
    out << "  paths of up to " << r.depth << " states examined, " << seconds_str(r.seconds) << " s\n";
  } else {
    out << "weft check " << spec << ": " << engine << " engine, " << r.workers << " worker(s)"
        << (r.fingerprint ? ", fingerprints" : "") << "\n";
    out << "  " << r.distinct_states << " distinct states, " << r.transitions << " transitions, depth " << r.depth << ", "
        << seconds_str(r.seconds) << " s";
    if (r.seconds > 0) out << " (" << human(static_cast<double>(r.transitions) / r.seconds) << " transitions/s)";
    out << "\n";
  }
  if (r.fingerprint) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2g", r.collision_probability);
    out << "  fingerprint collision probability (TLC's optimistic estimate, distinct x (generated - distinct) / 2^64): "
        << buf << "\n";
  }
  auto violated = [&](const std::string& kind, const std::string& name) -> const checker::Violation* {
    for (const auto& v : r.violations)
      if (v.kind == kind && (name.empty() || v.name == name)) return &v;
    return nullptr;
  };
  // Not violated is "holds" only after a conclusive, exhaustive search.
  const char* why = checker::not_proved_because(r);
  const bool inconclusive = r.verdict == checker::Verdict::Inconclusive;
  const std::string undecided = why ? std::string("not violated (") + why + ")" : "holds";
  const std::string none = why ? std::string("none found (") + why + ")" : "none";
  for (const auto& inv : sys.invariants) {
    const auto* v = violated("invariant", inv.name);
    out << "  invariant " << inv.name << ": "
        << (v ? "VIOLATED (trace length " + std::to_string(v->trace.length()) + ")" : undecided) << "\n";
  }
  for (const auto& v : r.violations)
    if (v.kind == "assert" || v.kind == "runtime_error" || v.kind == "held_at_exit")
      out << "  " << v.kind << " " << v.name << ": VIOLATED (trace length " << v.trace.length() << ")\n";
  if (!violated("assert", "")) out << "  assertions: " << undecided << "\n";
  if (!violated("runtime_error", "")) out << "  run-time errors: " << (inconclusive ? "none found" : none) << "\n";
  if (sys.check_held_at_exit && !violated("held_at_exit", "") && !sys.locks.empty())
    out << "  held_at_exit: " << undecided << "\n";
  if (!deadlock_checked)
    out << "  deadlock: not checked\n";
  else if (const auto* v = violated("deadlock", ""))
    out << "  deadlock: FOUND (trace length " << v->trace.length() << ")\n";
  else
    out << "  deadlock: " << none << "\n";
  out << checker::lock_order_summary(sys, r);
  for (const auto& c : sys.covers) {
    bool vac = false;
    for (const auto& n : r.vacuous_covers) vac = vac || n == c.name;
    bool open = r.verdict == checker::Verdict::Inconclusive;  // smt/ marks covers it cannot decide
    for (const auto& w : r.warnings) open = open || w == "cover " + c.name + ": undecided";
    out << "  cover " << c.name << ": " << (vac ? "VACUOUS (never reached)" : open ? "undecided" : "reached") << "\n";
  }
  for (const auto& n : r.notes) out << "  note: " << n << "\n";
  for (const auto& w : r.warnings) out << "  warning: " << w << "\n";
  out << "verdict: " << verdict_name(r.verdict);
  if (r.verdict == checker::Verdict::Inconclusive) out << " (" << r.inconclusive_reason << ")";
  if (r.verdict == checker::Verdict::Error) out << " (" << r.error << ")";
  out << "\n";
  return out.str();
}

int run_check(const std::vector<std::string>& args) {
  ArgParser p("check");
  std::vector<std::string> files;
  std::vector<compiler::ConstOverride> defines;
  std::string engine = "explicit", trace_format = "text", out_dir;
  constexpr std::uint64_t kUnset = ~std::uint64_t{0};  // options not given
  std::uint64_t workers = 0, max_states = kUnset, max_depth = kUnset, memory = 0, depth = kUnset;
  bool fingerprint = false, no_deadlock = false, stop_at_first = false, json = false, quiet = false, compile = false,
       no_lemmas = false;
  p.defines(&defines);
  p.option("engine", &engine);
  p.number("workers", &workers);
  p.number("max-states", &max_states);
  p.number("max-depth", &max_depth);
  p.number("depth", &depth);
  p.size("memory", &memory);
  p.flag("fingerprint", &fingerprint);
  p.flag("compile", &compile);
  p.flag("no-deadlock", &no_deadlock);
  p.flag("no-lemmas", &no_lemmas);
  p.flag("stop-at-first", &stop_at_first);
  p.choice("trace", &trace_format, {"text", "full", "json"});
  p.flag("json", &json);
  p.flag("quiet", &quiet);
  p.option("out", &out_dir);
  p.positionals(&files, 1, 1);
  if (!p.parse(args)) return kExitUsage;
  if (p.help_requested()) {
    std::cout << kCheckHelp;
    return kExitOk;
  }
  if (engine != "explicit" && engine != "bmc" && engine != "induction" && engine != "all") {
    std::cerr << "weft check: unknown --engine " << engine << " (explicit, bmc, induction or all)\n"
              << "Try 'weft check --help'.\n";
    return kExitUsage;
  }
  // A limit of 0 would stop before the initial states; --depth 0 (BMC of the initial states
  // only) is a bound, but induction needs k >= 1.
  for (auto [name, v] : {std::pair{"--max-states", max_states}, std::pair{"--max-depth", max_depth}})
    if (v == 0) {
      std::cerr << "weft check: " << name << " must be at least 1\nTry 'weft check --help'.\n";
      return kExitUsage;
    }
  if (engine == "induction" && depth == 0) {
    std::cerr << "weft check: --depth must be at least 1 for --engine induction\nTry 'weft check --help'.\n";
    return kExitUsage;
  }
  if (max_states == kUnset) max_states = 0;  // CheckOptions: 0 = no limit
  if (max_depth == kUnset) max_depth = 0;
  auto spec = load_spec(files[0], defines);
  if (!spec) return kExitSpecError;
  support::DiagnosticSink diags;
  auto system = compiler::lower(*spec->checked, spec->sources, files[0], diags);
  std::cerr << diags.render(spec->sources);
  if (!system || diags.has_errors()) return kExitSpecError;

  checker::CheckOptions opt;
  opt.workers = static_cast<unsigned>(workers);
  opt.max_states = max_states;
  opt.max_depth = max_depth;
  opt.memory = memory;
  opt.fingerprint = fingerprint;
  opt.compile = compile;
  opt.no_deadlock = no_deadlock;
  opt.stop_at_first = stop_at_first;
  if (!quiet) {
    opt.progress = [](const checker::Progress& pr) {
      std::cerr << "progress: " << pr.generated << " states generated, " << pr.distinct << " distinct, " << pr.queue
                << " queued, depth " << pr.depth << ", " << human(pr.states_per_second) << " states/s, "
                << seconds_str(pr.seconds) << " s\n";
    };
  }
  // --engine bmc|induction|all: the symbolic engines (smt/smt.h) fill the same CheckResult.
  smt::SmtResult sr;
  checker::CheckResult r;
  if (engine == "explicit") {
    r = checker::check(*system, opt);
  } else {
    smt::SmtOptions so;
    so.engine = engine;
    if (depth != kUnset) {
      so.depth = depth;
      so.depth_set = true;
    }
    so.no_deadlock = no_deadlock;
    so.lemmas = !no_lemmas;
    so.explicit_options = opt;
    sr = smt::run_check(*system, so);
    r = sr.result;
  }
  std::ostream& text = json ? std::cerr : std::cout;
  bool deadlock_checked = system->check_deadlock && !no_deadlock;
  text << summary_text(files[0], *system, r, deadlock_checked, engine);
  for (const auto& note : sr.notes) text << "  " << note << "\n";
  if (!quiet) {
    for (const auto& v : r.violations) {
      text << "\n" << v.details;  // lock_order: the lockdep-style block, then a trace per edge
      std::vector<const report::Trace*> traces;
      if (v.edge_traces.empty()) traces.push_back(&v.trace);
      for (const auto& t : v.edge_traces) traces.push_back(&t);
      for (const report::Trace* tr : traces) {
        if (!v.edge_traces.empty()) text << "\n";
        if (trace_format == "json") {
          text << report::write_json_trace(*tr);
        } else {
          report::TextOptions to;
          to.full = trace_format == "full";
          text << report::write_text_trace(*tr, to);
        }
      }
    }
  }
  if (!quiet)
    for (const auto& tr : sr.cti) {  // induction not proved: the counterexample to induction
      text << "\n";
      report::TextOptions to;
      to.full = trace_format == "full";
      text << (trace_format == "json" ? report::write_json_trace(tr) : report::write_text_trace(tr, to));
    }
  if (json) std::cout << report::write_json(result_json(files[0], r, engine), -1) << "\n";
  if (!out_dir.empty()) {
    report::RunInfo run;
    run.spec = files[0];
    run.engine = engine;
    run.verdict = verdict_name(r.verdict);
    run.distinct_states = r.distinct_states;
    run.transitions = r.transitions;
    run.depth = r.depth;
    run.seconds = r.seconds;
    run.warnings = r.warnings;
    run.vacuous_covers = r.vacuous_covers;
    std::vector<report::ReportItem> items;
    for (const auto& v : r.violations) {
      report::ReportItem it;
      it.summary.kind = v.kind;
      it.summary.name = v.name;
      it.summary.verdict = "violated";
      it.summary.message = v.message;
      it.summary.trace_length = v.trace.length();
      it.trace = v.trace;
      items.push_back(std::move(it));
    }
    for (const auto& inv : system->invariants) {
      bool bad = false;
      for (const auto& v : r.violations) bad = bad || (v.kind == "invariant" && v.name == inv.name);
      if (bad) continue;
      report::ReportItem it;
      it.summary.kind = "invariant";
      it.summary.name = inv.name;
      it.summary.verdict = r.verdict == checker::Verdict::Inconclusive ? "inconclusive"
                           : r.exhaustive                              ? "holds"
                                                                       : "not violated";
      items.push_back(std::move(it));
    }
    std::optional<report::LockOrderGraph> lock_graph;
    if (!r.lock_order_graph.edges.empty()) lock_graph = r.lock_order_graph;
    auto res = report::write_out_dir(out_dir, run, items, lock_graph);
    if (!res.ok) std::cerr << "weft check: cannot write --out " << out_dir << ": " << res.error << "\n";
  }
  return exit_code(r);
}

CommandRegistrar check_reg({"check", "model-check a spec (explicit-state BFS)", kCheckHelp, 10, run_check});

}  // namespace
}  // namespace cli
