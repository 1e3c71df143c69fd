// cli: `weft compare SPEC...`: checks every `//! run:` block of every spec's header with the
// explicit engine (BMC as a cross-check), maps the violations to the columns P1 / deadlock /
// lock order / P3 (+ other properties), compares them with the header's `//! verdicts:`,
// prints the table and writes report.md / report.html (--out). Exit 0 only when every run
// matches its header; 12 otherwise; 150 when a spec or its header cannot be read.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "checker/check.h"
#include "cli/arg_parser.h"
#include "cli/command.h"
#include "cli/spec_loader.h"
#include "compiler/lower.h"
#include "report/compare_report.h"
#include "report/text_util.h"
#include "smt/smt.h"

namespace cli {
namespace {

const char* kCompareHelp =
    "Usage: weft compare SPEC.weft... [-D NAME=VALUE]... [options]\n\n"
    "Gives a verdict for every fix candidate: checks every run of every spec with the explicit\n"
    "engine (every reachable state, shortest counterexamples), cross-checks it with bounded\n"
    "model checking (Z3), and compares the verdicts with the ones the spec's header expects.\n\n"
    "The header (comment lines starting with //!):\n"
    "  //! candidate: F0                      short name (table row, output folder)\n"
    "  //! title: ...                         one line\n"
    "  //! source: ...                        where the candidate comes from\n"
    "  //! scenario: ...                      describes the runs that follow\n"
    "  //! run: [-D NAME=VALUE]... [--no-deadlock] [--max-states N]\n"
    "  //! verdicts: P1=violated deadlock=ok lock_order=ok P3=ok [NAME=VERDICT]...\n"
    "Each run: is followed by its verdicts: line. Columns: P1 = asserts and invariants whose\n"
    "name starts with P1; deadlock; lock_order (cycles and declared-order violations); P3 =\n"
    "names starting with P3; values ok or violated. Any other NAME is a property (ok or\n"
    "violated) or a cover (reached or vacuous). A violated property the header does not\n"
    "expect is a mismatch.\n\n"
    "Options:\n"
    "  -D NAME=VALUE    override a constant in every run (every spec must declare it); wins\n"
    "                   over the run's own -D\n"
    "  --out DIR        write DIR/report.md (Mermaid diagrams), DIR/report.html (SVG diagrams)\n"
    "                   and every counterexample's files under DIR/<candidate>/\n"
    "  --workers N      explicit engine worker threads (default: all cores)\n"
    "  --no-bmc         skip the BMC cross-check\n"
    "  --bmc-depth K    BMC bound in steps (default 8; at most the explicit engine's diameter)\n"
    "  --bmc-timeout S  Z3 time limit per query in seconds (default 120; a timeout makes the\n"
    "                   cross-check inconclusive, compared up to the last depth Z3 finished)\n"
    "  --max-states N   stop a run (inconclusive) after N distinct states\n"
    "  --memory SIZE    memory budget of each explicit run (default: 80% of RAM)\n"
    "  --mask-time      print '-' in the table's time column and leave out the worker count\n"
    "                   (reproducible output for tests)\n"
    "  --quiet          no progress lines on stderr\n\n"
    "The BMC cross-check runs to min(K, diameter - 1) steps and must find exactly the explicit\n"
    "engine's violations that fit in the bound, with the same shortest lengths (lock-order\n"
    "cycles are the explicit engine's alone).\n\n"
    "Exit codes: 0 every run matches its header; 12 some verdict differs from the header, or\n"
    "BMC disagrees with the explicit engine; 150 a spec or its header cannot be read or\n"
    "compiled; 2 usage error.\n";

struct HeaderRun {
  std::string args, scenario;
  std::vector<compiler::ConstOverride> defines;
  bool no_deadlock = false;
  std::uint64_t max_states = 0;
  std::map<std::string, std::string> verdicts;
  bool has_verdicts = false;
};

struct Header {
  std::string candidate, title, source;
  std::vector<HeaderRun> runs;
  std::vector<std::string> errors;
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool parse_define(const std::string& text, compiler::ConstOverride& out) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) return false;
  out.name = text.substr(0, eq);
  out.value = text.substr(eq + 1);
  return true;
}

// The run's arguments: -D NAME=VALUE, -DNAME=VALUE, --no-deadlock, --max-states N.
std::string parse_run_args(const std::string& args, HeaderRun& run) {
  const std::vector<std::string> w = words(args);
  for (std::size_t i = 0; i < w.size(); ++i) {
    compiler::ConstOverride d;
    if (w[i] == "-D" && i + 1 < w.size() && parse_define(w[i + 1], d)) {
      run.defines.push_back(d);
      ++i;
    } else if (w[i].size() > 2 && w[i].rfind("-D", 0) == 0 && parse_define(w[i].substr(2), d)) {
      run.defines.push_back(d);
    } else if (w[i] == "--no-deadlock") {
      run.no_deadlock = true;
    } else if (w[i] == "--max-states" && i + 1 < w.size() &&
               w[i + 1].find_first_not_of("0123456789") == std::string::npos) {
      run.max_states = std::stoull(w[++i]);
    } else {
      return "unsupported run argument '" + w[i] + "' (-D NAME=VALUE, --no-deadlock, --max-states N)";
    }
  }
  return "";
}

bool valid_verdict(const std::string& key, const std::string& value) {
  if (key == "P1" || key == "deadlock" || key == "lock_order" || key == "P3") return value == "ok" || value == "violated";
  return value == "ok" || value == "violated" || value == "reached" || value == "vacuous";
}

Header read_header(const std::string& path) {
  Header h;
  std::ifstream in(path);
  if (!in) {
    h.errors.push_back(path + ": cannot read the file");
    return h;
  }
  std::string scenario;
  int lineno = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineno;
    const std::string t = trim(line);
    if (t.rfind("//!", 0) != 0) continue;
    const std::string body = trim(t.substr(3));
    const auto colon = body.find(':');
    const std::string where = path + ":" + std::to_string(lineno) + ": ";
    if (colon == std::string::npos) {
      h.errors.push_back(where + "header line without 'key:'");
      continue;
    }
    const std::string key = trim(body.substr(0, colon)), value = trim(body.substr(colon + 1));
    if (key == "candidate") {
      h.candidate = value;
    } else if (key == "title") {
      h.title = value;
    } else if (key == "source") {
      h.source = value;
    } else if (key == "scenario") {
      scenario = value;
    } else if (key == "run") {
      HeaderRun r;
      r.args = value;
      r.scenario = scenario;
      const std::string err = parse_run_args(value, r);
      if (!err.empty()) h.errors.push_back(where + err);
      h.runs.push_back(std::move(r));
    } else if (key == "verdicts") {
      if (h.runs.empty() || h.runs.back().has_verdicts) {
        h.errors.push_back(where + "'verdicts:' must follow its own 'run:' line");
        continue;
      }
      HeaderRun& r = h.runs.back();
      r.has_verdicts = true;
      for (const auto& w : words(value)) {
        const auto eq = w.find('=');
        const std::string k = eq == std::string::npos ? w : w.substr(0, eq);
        const std::string v = eq == std::string::npos ? "" : w.substr(eq + 1);
        if (!valid_verdict(k, v))
          h.errors.push_back(where + "bad verdict '" + w + "' (columns take ok or violated; other properties ok or violated; covers reached or vacuous)");
        else
          r.verdicts[k] = v;
      }
    } else if (key.rfind("expect", 0) != 0) {  // expect*: lines belong to other runners
      h.errors.push_back(where + "unknown header key '" + key + "'");
    }
  }
  if (h.runs.empty()) h.errors.push_back(path + ": no '//! run:' line in the header");
  for (const auto& r : h.runs)
    if (!r.has_verdicts) h.errors.push_back(path + ": a '//! run: " + r.args + "' has no '//! verdicts:' line");
  return h;
}

std::string column_of(const checker::Violation& v) {
  if (v.kind == "deadlock") return "deadlock";
  if (v.kind == "lock_order") return "lock_order";
  if ((v.kind == "assert" || v.kind == "invariant") && v.name.rfind("P1", 0) == 0) return "P1";
  if ((v.kind == "assert" || v.kind == "invariant") && v.name.rfind("P3", 0) == 0) return "P3";
  return "other";
}

const char* verdict_word(checker::Verdict v) {
  switch (v) {
    case checker::Verdict::Ok: return "ok";
    case checker::Verdict::Violated: return "violated";
    case checker::Verdict::Inconclusive: return "inconclusive";
    case checker::Verdict::Error: return "error";
  }
  return "error";
}

using Key = std::pair<std::string, std::string>;

// Violations both engines look for (lock-order cycles are the explicit engine's graph analysis).
std::map<Key, std::size_t> comparable(const std::vector<checker::Violation>& vs) {
  std::map<Key, std::size_t> m;
  for (const auto& v : vs) {
    if (v.kind == "lock_order" && v.name.find(" < ") == std::string::npos) continue;
    auto [it, fresh] = m.emplace(Key{v.kind, v.name}, v.trace.length());
    if (!fresh) it->second = std::min(it->second, v.trace.length());
  }
  return m;
}

report::CompareBmc cross_check(const ir::System& sys, const checker::CheckResult& e, bool no_deadlock,
                               std::uint64_t depth_cap, std::uint64_t timeout_s) {
  report::CompareBmc out;
  if (e.verdict != checker::Verdict::Ok && e.verdict != checker::Verdict::Violated) {
    out.status = "n/a";
    out.detail = "the explicit run is " + std::string(verdict_word(e.verdict));
    return out;
  }
  smt::SmtOptions so;
  so.engine = "bmc";
  so.depth = std::max<std::uint64_t>(1, std::min<std::uint64_t>(depth_cap, e.depth > 1 ? e.depth - 1 : 1));
  so.depth_set = true;
  so.no_deadlock = no_deadlock;
  so.timeout_ms = static_cast<unsigned>(std::min<std::uint64_t>(timeout_s, 4000000) * 1000);
  smt::SmtResult b = smt::run_check(sys, so);
  out.depth = so.depth;
  out.seconds = b.result.seconds;
  if (b.result.verdict == checker::Verdict::Error) {
    out.status = "error";
    out.detail = b.result.error;
    return out;
  }
  // Z3 gave up (a --bmc-timeout query, or unknown): BMC examined every path of fewer steps
  // than b.result.depth (its depths 0 .. depth - 1), so its violations, found shortest-first,
  // are still exact up to there; compare within that and call the whole inconclusive.
  const bool gave_up = !b.result.inconclusive_reason.empty() && b.result.inconclusive_reason.rfind("Z3", 0) == 0;
  const std::uint64_t examined = gave_up ? (b.result.depth ? b.result.depth - 1 : 0) : so.depth;
  if (gave_up) out.depth = examined;
  std::map<Key, std::size_t> E = comparable(e.violations), B = comparable(b.result.violations);
  std::vector<std::string> problems;
  for (const auto& [k, len] : E) {
    if (len > examined + 1) continue;  // beyond the bound
    auto it = B.find(k);
    if (it == B.end())
      problems.push_back(k.second + ": explicit " + std::to_string(len) + " states, BMC none");
    else if (it->second != len)
      problems.push_back(k.second + ": explicit " + std::to_string(len) + " states, BMC " + std::to_string(it->second));
  }
  for (const auto& [k, len] : B)
    if (!E.count(k)) problems.push_back(k.second + ": BMC " + std::to_string(len) + " states, explicit none");
  out.status = problems.empty() ? "agrees" : "disagrees";
  for (const auto& p : problems) out.detail += (out.detail.empty() ? "" : "; ") + p;
  if (problems.empty() && gave_up) {
    out.status = "inconclusive";
    out.detail = b.result.inconclusive_reason + "; the engines agree on every path of at most " +
                 std::to_string(examined) + " steps";
  } else if (problems.empty()) {
    std::size_t found = 0;
    for (const auto& kv : B) found += kv.second != 0;
    out.detail = found == 0 ? "no violation within " + std::to_string(so.depth) + " steps in either engine"
                            : std::to_string(found) + " violation(s) within " + std::to_string(so.depth) +
                                  " steps, same shortest lengths";
  }
  return out;
}

void fill_verdicts(const ir::System& sys, const checker::CheckResult& r, const HeaderRun& h, report::CompareRun& run) {
  const std::string undecided = r.verdict == checker::Verdict::Inconclusive ? "inconclusive" : "ok";
  for (std::size_t c = 0; c < 4; ++c) {
    report::CompareCell& cell = run.columns[c];
    const std::string col = report::kCompareColumns[c];
    cell.found = undecided;
    if (col == "deadlock" && (!sys.check_deadlock || h.no_deadlock)) cell.found = "unchecked";
    if (col == "lock_order" && !sys.check_lock_order) cell.found = "unchecked";
    for (const auto& v : r.violations) {
      if (column_of(v) != col) continue;
      cell.found = "violated";
      cell.shortest = cell.shortest == 0 ? v.trace.length() : std::min(cell.shortest, v.trace.length());
    }
    auto it = h.verdicts.find(col);
    if (it != h.verdicts.end()) cell.expected = it->second;
  }
  std::map<std::string, report::CompareExtra> extras;  // by name
  for (const auto& v : r.violations) {
    if (column_of(v) != "other") continue;
    report::CompareExtra& e = extras[v.name];
    e.name = v.name;
    e.cell.found = "violated";
    e.cell.shortest = e.cell.shortest == 0 ? v.trace.length() : std::min(e.cell.shortest, v.trace.length());
  }
  for (const auto& c : sys.covers) {
    const bool vacuous = std::find(r.vacuous_covers.begin(), r.vacuous_covers.end(), c.name) != r.vacuous_covers.end();
    (vacuous ? run.vacuous_covers : run.reached_covers).push_back(c.name);
    if (vacuous || h.verdicts.count(c.name)) {
      report::CompareExtra& e = extras[c.name];
      e.name = "cover " + c.name;
      e.cell.found = r.verdict == checker::Verdict::Inconclusive && !vacuous ? "inconclusive" : vacuous ? "vacuous" : "reached";
    }
  }
  for (const auto& [k, v] : h.verdicts) {
    if (k == "P1" || k == "deadlock" || k == "lock_order" || k == "P3") continue;
    report::CompareExtra& e = extras[k];
    if (e.name.empty()) {
      e.name = k;
      e.cell.found = undecided;
    }
    e.cell.expected = v;
  }
  for (auto& [k, e] : extras) run.extras.push_back(std::move(e));
}

// "not lost_write is false: writeback met ..." from `invariant NAME: EXPR  // COMMENT`.
std::string describe_invariant(const ir::System& sys, const support::SourceManager& sm, const std::string& name) {
  for (const auto& inv : sys.invariants) {
    if (inv.name != name || !inv.span.valid()) continue;
    std::string line(sm.line_text(inv.span.file, inv.span.line));
    std::string comment;
    if (const auto c = line.find("//"); c != std::string::npos) {
      comment = trim(line.substr(c + 2));
      line = line.substr(0, c);
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) return "";
    std::string text = "invariant " + name + " (" + trim(line.substr(colon + 1)) + ") is violated";
    return comment.empty() ? text : text + ": " + comment;
  }
  return "";
}

struct CompareOptions {
  std::vector<compiler::ConstOverride> defines;
  // --bmc-depth 8 (was 6): the ext4 suite's BMC cross-check takes about twice as long and
  // then also compares F2's lock-order violation (8 states).
  std::uint64_t workers = 0, max_states = 0, memory = 0, bmc_depth = 8, bmc_timeout = 120;
  bool no_bmc = false, quiet = false;
};

// Runs one header run; returns false for a spec error (exit 150).
bool check_run(const std::string& spec, const HeaderRun& h, const CompareOptions& opt, report::CompareRun& run) {
  std::vector<compiler::ConstOverride> defines = h.defines;
  for (const auto& d : opt.defines) {
    auto it = std::find_if(defines.begin(), defines.end(), [&](const auto& x) { return x.name == d.name; });
    if (it != defines.end()) *it = d; else defines.push_back(d);
  }
  auto loaded = load_spec(spec, defines);
  if (!loaded) {
    run.error = "spec error (see the diagnostics above)";
    return false;
  }
  support::DiagnosticSink diags;
  auto system = compiler::lower(*loaded->checked, loaded->sources, spec, diags);
  std::cerr << diags.render(loaded->sources);
  if (!system || diags.has_errors()) {
    run.error = "spec error while lowering (see the diagnostics above)";
    return false;
  }
  checker::CheckOptions co;
  co.workers = static_cast<unsigned>(opt.workers);
  co.max_states = h.max_states != 0 ? h.max_states : opt.max_states;
  co.memory = opt.memory;
  co.no_deadlock = h.no_deadlock;
  checker::CheckResult r = checker::check(*system, co);
  run.verdict = verdict_word(r.verdict);
  if (r.verdict == checker::Verdict::Error) {
    run.error = "the explicit engine failed: " + r.error;
    return true;
  }
  run.inconclusive_reason = r.inconclusive_reason;
  run.distinct_states = r.distinct_states;
  run.transitions = r.transitions;
  run.depth = r.depth;
  run.seconds = r.seconds;
  run.workers = r.workers;
  run.warnings = r.warnings;
  if (!r.lock_order_graph.edges.empty()) run.lock_graph = r.lock_order_graph;
  fill_verdicts(*system, r, h, run);
  for (const auto& v : r.violations) {
    report::CompareViolation cv;
    cv.trace = v.trace;
    cv.message = v.message;
    if (v.kind == "invariant") {  // the checker's message only names the invariant: show its text
      const std::string described = describe_invariant(*system, loaded->sources, v.name);
      if (!described.empty()) cv.message = cv.trace.message = described;
    }
    cv.column = column_of(v);
    cv.kind = v.kind;
    cv.name = v.name;
    cv.details = v.details;
    cv.edge_traces = v.edge_traces;
    run.violations.push_back(std::move(cv));
  }
  if (opt.no_bmc) {
    run.bmc.status = "skipped";
  } else {
    run.bmc = cross_check(*system, r, h.no_deadlock, opt.bmc_depth, opt.bmc_timeout);
  }
  return true;
}

int run_compare(const std::vector<std::string>& args) {
  ArgParser p("compare");
  CompareOptions opt;
  std::vector<std::string> files;
  std::string out_dir;
  bool mask_time = false;
  p.defines(&opt.defines);
  p.option("out", &out_dir);
  p.number("workers", &opt.workers);
  p.flag("no-bmc", &opt.no_bmc);
  p.number("bmc-depth", &opt.bmc_depth);
  p.number("bmc-timeout", &opt.bmc_timeout);
  p.number("max-states", &opt.max_states);
  p.size("memory", &opt.memory);
  p.flag("mask-time", &mask_time);
  p.flag("quiet", &opt.quiet);
  p.positionals(&files, 1, 100000);
  if (!p.parse(args)) return kExitUsage;
  if (p.help_requested()) {
    std::cout << kCompareHelp;
    return kExitOk;
  }
  report::CompareReport rep;
  bool spec_error = false;
  std::vector<std::string> used_dirs;
  for (const auto& spec : files) {
    Header h = read_header(spec);
    report::CompareCandidate cand;
    cand.spec = spec;
    cand.candidate = h.candidate.empty() ? report::safe_file_name(spec, 40) : h.candidate;
    cand.title = h.title;
    cand.source = h.source;
    if (!h.errors.empty()) {
      for (const auto& e : h.errors) std::cerr << "weft compare: " << e << "\n";
      spec_error = true;
      report::CompareRun run;
      run.error = "bad header: " + h.errors.front();
      cand.runs.push_back(std::move(run));
      rep.candidates.push_back(std::move(cand));
      continue;
    }
    std::string base = report::safe_file_name(cand.candidate, 40);
    for (int n = 2; std::find(used_dirs.begin(), used_dirs.end(), base) != used_dirs.end(); ++n)
      base = report::safe_file_name(cand.candidate, 40) + "-" + std::to_string(n);
    used_dirs.push_back(base);
    for (std::size_t k = 0; k < h.runs.size(); ++k) {
      report::CompareRun run;
      run.args = h.runs[k].args;
      run.scenario = h.runs[k].scenario;
      run.dir = h.runs.size() == 1 ? base : base + "/run-" + std::to_string(k + 1);
      if (!opt.quiet)
        std::cerr << "weft compare: " << cand.candidate << ": checking " << spec << (run.args.empty() ? "" : " " + run.args)
                  << "\n";
      if (!check_run(spec, h.runs[k], opt, run)) spec_error = true;
      cand.runs.push_back(std::move(run));
    }
    rep.candidates.push_back(std::move(cand));
  }
  unsigned workers = 1;
  for (const auto& c : rep.candidates)
    for (const auto& r : c.runs) workers = std::max(workers, r.workers);
  // --mask-time: reproducible output, so the worker count (which depends on the machine) is left out
  rep.engines = "explicit engine (breadth-first, every reachable state, shortest counterexamples)" +
                (mask_time ? std::string() : ", " + std::to_string(workers) + " worker(s)") + "; " +
                (opt.no_bmc ? std::string("BMC cross-check skipped (--no-bmc)")
                            : "BMC cross-check (Z3) up to " + std::to_string(opt.bmc_depth) + " steps");
  report::CompareTextOptions to;
  to.mask_time = mask_time;
  std::cout << report::compare_table_text(rep, to);
  if (!out_dir.empty()) {
    report::CompareWriteResult w = report::write_compare_report(out_dir, rep);
    if (!w.ok) {
      std::cerr << "weft compare: cannot write --out " << out_dir << ": " << w.error << "\n";
      return kExitInternal;
    }
    std::cout << "report: " << out_dir << "/report.md, " << out_dir << "/report.html (" << w.written.size() << " files)\n";
  }
  if (spec_error) return kExitSpecError;
  for (const auto& c : rep.candidates)
    for (const auto& r : c.runs)
      if (!r.matches()) return kExitSafety;
  return kExitOk;
}

CommandRegistrar compare_reg({"compare", "a verdict table for fix candidates, checked against their headers", kCompareHelp, 20,
                              run_compare});

}  // namespace
}  // namespace cli
