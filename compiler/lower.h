// compiler: lowering: the typed AST of a checked module becomes one ir::System (processes to
// program counters, procs inlined, defs substituted, locks to lock state, actions instantiated).
#pragma once
#include <memory>
#include <string>

#include "compiler/frontend.h"
#include "compiler/ir.h"
#include "support/diagnostics.h"

namespace compiler {

// Builds the transition system. Reports E04xx diagnostics (e.g. E0409 state too large) and
// returns null on error. `spec_path` is recorded for reports.
std::unique_ptr<ir::System> lower(const CheckedModule& module, const support::SourceManager& sm,
                                  const std::string& spec_path, support::DiagnosticSink& diags);

// A readable dump of the system: layout, initial values, transitions, properties
// (`weft compile --dump ir`).
std::string dump_ir(const ir::System& system);

}  // namespace compiler
