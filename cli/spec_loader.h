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

// Thrown after an internal error was printed (a bug in weft, not in the spec): main exits
// with 255 without printing more.
struct InternalErrorReported {};

// Loads and typechecks `path` with the -D overrides; prints every diagnostic (errors and
// warnings) to stderr. Returns null on errors (the caller exits with 150); throws
// InternalErrorReported when the front end failed internally.
std::unique_ptr<LoadedSpec> load_spec(const std::string& path,
                                      const std::vector<compiler::ConstOverride>& defines);

}  // namespace cli
