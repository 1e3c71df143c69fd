// compiler (ir): out-of-line members of ir::System: source locations for reports.
#include "compiler/ir.h"

namespace ir {

std::string System::location(const SourceSpan& span) const {
  if (!sources || span.file == support::kNoFile || span.file >= sources->size())
    return spec_path.empty() ? std::string("?") : spec_path;
  return sources->file(span.file).path + ":" + std::to_string(span.line);
}

}  // namespace ir
