// cli: `weft render TRACE.json --format svg|mermaid|dot|text|json|itf [-o FILE]` re-renders a
// counterexample saved as weft's JSON trace.
#pragma once
#include <string>
#include <vector>

namespace cli {

// `args` are the arguments after "render". Prints the rendering to stdout (or writes -o
// FILE); errors go to stderr. Returns the exit code: 0 on success, 2 for a usage error or
// a trace file that cannot be read or is not a valid weft trace.
int run_render(const std::vector<std::string>& args);

}  // namespace cli
