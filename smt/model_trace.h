// smt: ModelTraces (internal) turns a path found by a symbolic engine (the checker's packed
// states, decoded from a Z3 model) into a checker::Violation with a report::Trace, through the
// explicit engine's own TraceBuilder, so both engines print identical counterexamples: the
// step that failed, messages and locations are recovered by re-running the last step
// concretely with the explicit engine's compiled program.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "checker/check.h"
#include "checker/program.h"
#include "checker/trace_builder.h"

namespace smt {

using Packed = std::vector<std::uint64_t>;

class ModelTraces {
 public:
  explicit ModelTraces(const ir::System& sys);
  // A violation of (kind, name) on the path `states` (states[0] initial, or any state for a
  // counterexample to induction); `step`: it happens on a step from the last state.
  checker::Violation violation(const std::string& kind, const std::string& name, bool step,
                               const std::vector<Packed>& states, const std::string& engine);
  // A run-time error while building the initial states (trace of length 1).
  checker::Violation initial_error(const std::string& category, const std::string& message, const Packed& state,
                                   const std::string& engine);

 private:
  const ir::System& sys_;
  checker::Layout layout_;
  std::unique_ptr<checker::Program> prog_;  // null if the explicit engine cannot compile sys
  std::string no_program_;                   // why
};

}  // namespace smt
