// checker: TraceBuilder turns a Found violation into a report::Trace: it follows parent links
// back to an initial state, re-executes each step to recover which transition fired (the
// smallest successor ordinal producing the child, the same rule that chose the parent), and
// decodes every state into structured values (pcs as labels, locks readably).
#pragma once
#include <cstdint>
#include <vector>

#include "checker/found.h"
#include "checker/program.h"
#include "checker/state_store.h"
#include "report/trace.h"

namespace checker {

// Decodes a packed state: every variable in the System's order; a lock's owner/readers/queue
// variables become one "lock NAME" entry, a pc "proc[i]@" with its location's name.
report::State decode_state(const ir::System& sys, const Layout& layout, const std::uint64_t* s);
// Name of a process instance's location (label, "end", or "line N").
std::string location_name(const ir::System& sys, std::size_t process, std::int64_t pc);

class TraceBuilder {
 public:
  TraceBuilder(const ir::System& sys, Program& prog, const StateStore& store,
               const std::vector<std::uint32_t>& level_start)
      : sys_(sys), prog_(prog), store_(store), level_start_(level_start) {}
  report::Trace build(const Found& f);

 private:
  struct Outcome {
    const ir::Transition* t = nullptr;
    std::vector<LockEv> events;
    std::vector<std::uint64_t> state;  // empty for an error
    bool error = false;
  };
  std::vector<Outcome> outcomes(const std::vector<std::uint64_t>& s);
  std::vector<std::uint64_t> initial_state(std::uint32_t id);
  report::Step make_step(const Outcome& o, const report::State* before, const report::State* after);
  std::vector<report::Wait> waits(const std::uint64_t* s);
  const ir::System& sys_;
  Program& prog_;
  const StateStore& store_;
  const std::vector<std::uint32_t>& level_start_;
};

}  // namespace checker
