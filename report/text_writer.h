// report: the human-readable counterexample (DESIGN "Counterexamples": one block per step).
#pragma once
#include <string>

#include "report/trace.h"

namespace report {

struct TextOptions {
  bool full = false;  // every variable in every state (changed ones marked '*'), not only changes
};

// A header naming the violated property and its message, the initial state, then one block
// per step: who moved (process instance and label, or action, with file:line), its lock
// events and the variables that changed; for a deadlock, what each blocked process waits for.
std::string write_text_trace(const Trace& trace, const TextOptions& options = {});

}  // namespace report
