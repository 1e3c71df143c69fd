// cli: loads and typechecks a spec for any subcommand, printing diagnostics to stderr.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "compiler/frontend.h"
#include "support/diagnostics.h"

namespace cli {

struct LoadedSpec {
  support::SourceManager sources;
  std::unique_ptr<compiler::CheckedModule> checked;  // null when there were errors
};

// Loads and typechecks `path` with the -D overrides; prints every diagnostic (errors and
// warnings) to stderr. Returns null on errors (the caller exits with 150).
std::unique_ptr<LoadedSpec> load_spec(const std::string& path,
                                      const std::vector<compiler::ConstOverride>& defines);

}  // namespace cli
