// compiler (sema): import merging. Parses a root file and, recursively, every `import "p"`
// (p relative to the importing file), splicing each imported file's declarations into the
// root Module right after the Import decl that brought them (the Import decl stays, so
// passes skip it). Each file is merged once (by canonical path); an import cycle is E0206
// with the chain in notes; a file that cannot be read is E0205 at the import.
#pragma once
#include <memory>

#include "compiler/ast.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace compiler::sema {

// Returns null only when the root file could not be parsed into anything usable.
std::unique_ptr<ast::Module> load_module(support::SourceManager& sm, support::FileId root,
                                         support::DiagnosticSink& diags);

}  // namespace compiler::sema
