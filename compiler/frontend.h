// compiler: the front end's entry points: parse one file (syntax only), or load a module with
// its imports, resolve names, evaluate constants (with -D overrides) and typecheck it.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "compiler/ast.h"
#include "compiler/types.h"
#include "support/diagnostics.h"

namespace compiler {

// -D NAME=VALUE as given on the command line (value unparsed: an integer or true/false).
struct ConstOverride {
  std::string name;
  std::string value;
};

struct FrontendOptions {
  std::vector<ConstOverride> overrides;
};

// A module that passed name resolution and type checking: the AST (with imports merged and
// every Expr's `ref`, `type` and, where constant, `const_value` filled) and the type arena.
struct CheckedModule {
  std::shared_ptr<TypeArena> types;
  std::unique_ptr<ast::Module> module;
};

// Parses one file's text into an AST. Syntax errors go to `diags` (E01xx); returns null only
// when nothing usable could be built. Never throws on bad input.
std::unique_ptr<ast::Module> parse_file(support::SourceManager& sm, support::FileId file,
                                        support::DiagnosticSink& diags);

// Loads `path`, merges its imports (each file once; cycles are E0206), resolves and
// typechecks. Returns null when any error was reported. An exception escaping sema is a
// bug in weft: it is recorded as an internal error (diags.has_internal_error(); the cli
// exits with 255), never as a spec error. Out of memory (std::bad_alloc) propagates.
std::unique_ptr<CheckedModule> load_and_check(support::SourceManager& sm, const std::string& path,
                                              const FrontendOptions& options,
                                              support::DiagnosticSink& diags);

// Same, for a file already in the SourceManager (tests, fuzzing).
std::unique_ptr<CheckedModule> check_loaded(support::SourceManager& sm, support::FileId file,
                                            const FrontendOptions& options,
                                            support::DiagnosticSink& diags);

// A readable, stable dump of the AST (with types when sema ran): `weft parse --dump ast`.
std::string dump_ast(const ast::Module& module, const support::SourceManager& sm);

}  // namespace compiler
