// cli: load_spec: the front end run for a subcommand, diagnostics rendered to stderr.
#include "cli/spec_loader.h"

#include <iostream>

namespace cli {

std::unique_ptr<LoadedSpec> load_spec(const std::string& path,
                                      const std::vector<compiler::ConstOverride>& defines) {
  auto spec = std::make_unique<LoadedSpec>();
  support::DiagnosticSink diags;
  compiler::FrontendOptions options;
  options.overrides = defines;
  spec->checked = compiler::load_and_check(spec->sources, path, options, diags);
  std::cerr << diags.render(spec->sources);
  if (diags.has_internal_error()) throw InternalErrorReported{};
  if (!spec->checked || diags.has_errors()) return nullptr;
  return spec;
}

}  // namespace cli
