// smt: the symbolic engines' entry point (Z3 stays behind this header): bounded model checking
// (`--engine bmc`), k-induction (`--engine induction`) and the cross-checking `--engine all`,
// over the same ir::System the explicit engine explores; results in checker::CheckResult, so
// the CLI prints and exits exactly as for the explicit engine.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "checker/check.h"
#include "compiler/ir.h"
#include "report/trace.h"

namespace smt {

struct SmtOptions {
  std::string engine = "bmc";     // "bmc", "induction" or "all"
  std::uint64_t depth = 0;        // --depth K: steps (BMC bound, largest k), when depth_set
  bool depth_set = false;         // false: the defaults below
  bool no_deadlock = false;       // --no-deadlock
  bool lemmas = true;             // false: --no-lemmas (no Houdini invariant is assumed)
  std::uint64_t lemmas_after = 10;  // BMC looks for lemmas before examining this depth (steps)
  double lemmas_seconds = 60.0;   // Houdini's time limit (then no lemmas)
  unsigned timeout_ms = 0;        // per solver query (0: none); a timeout is inconclusive
  checker::CheckOptions explicit_options;  // --engine all: the explicit run
};

inline constexpr std::uint64_t kDefaultDepth = 20;           // bmc
inline constexpr std::uint64_t kDefaultInductionDepth = 40;  // induction (stops once proved)

struct SmtResult {
  // Same meaning as the explicit engine's result: verdict, violations with shortest traces
  // (trace_length as DESIGN.md defines it), warnings, inconclusive_reason, error.
  // distinct_states and transitions are 0 (a symbolic engine does not enumerate states);
  // depth is the number of states of the longest path examined (K + 1), as BFS depth counts.
  checker::CheckResult result;
  std::string engine;                     // "bmc", "induction", "all"
  std::vector<std::string> notes;         // extra summary lines ("bmc: no violation within ...")
  std::vector<report::Trace> cti;         // induction: counterexamples to induction (not violations)
  std::uint64_t k = 0;                    // steps examined (bmc) / k reached (induction)
  bool proved = false;                    // induction: every checked property proved
  bool complete = false;                  // bmc: every reachable state lies within the bound
  bool disagreement = false;              // --engine all: the engines disagree (exit 255)
};

// Runs the engine named by opt.engine on sys. Never throws; problems the encoding cannot handle
// give Verdict::Error with a clear reason (never a wrong answer); Z3 `unknown` and timeouts
// give Verdict::Inconclusive with Z3's reason.
SmtResult run_check(const ir::System& sys, const SmtOptions& opt);

}  // namespace smt
