// compiler: the front end's entry points: load a spec with its imports, then run sema (names,
// constants with -D, types, statement and action rules). Returns the typed module, or null
// exactly when this call reported an error. Sema does not run after syntax or import errors
// (a missing declaration would only cascade into unknown-name errors).
#include <cstdlib>
#include <exception>
#include <new>
#include <stdexcept>

#include "compiler/frontend.h"
#include "compiler/import_loader.h"
#include "compiler/type_checker.h"

namespace compiler {

std::unique_ptr<CheckedModule> check_loaded(support::SourceManager& sm, support::FileId file,
                                            const FrontendOptions& options,
                                            support::DiagnosticSink& diags) {
  std::size_t before = diags.error_count();
  auto checked = std::make_unique<CheckedModule>();
  try {
    checked->module = sema::load_module(sm, file, diags);
    if (!checked->module || diags.error_count() > before) {
      if (diags.error_count() == before) diags.error(support::DiagCode::E0104, sm.span(file, 0, 0), "no module could be read");
      return nullptr;
    }
    // Test hook: lets the cli tests check that an internal error exits with 255.
    if (const char* fault = std::getenv("WEFT_INJECT_INTERNAL_ERROR"); fault && std::string(fault) == "frontend")
      throw std::logic_error("fault injected by WEFT_INJECT_INTERNAL_ERROR=frontend");
    checked->types = std::make_unique<TypeArena>();
    sema::analyze_module(*checked->module, *checked->types, options, diags);
  } catch (const std::bad_alloc&) {
    throw;  // out of memory: the cli reports it (exit 255)
  } catch (const std::exception& e) {
    // An exception is a bug in weft, never a spec error: an internal error (exit 255).
    diags.internal_error(std::string("in the front end: ") + e.what());
    return nullptr;
  }
  if (diags.error_count() > before) return nullptr;
  return checked;
}

std::unique_ptr<CheckedModule> load_and_check(support::SourceManager& sm, const std::string& path,
                                              const FrontendOptions& options,
                                              support::DiagnosticSink& diags) {
  std::string err;
  auto file = sm.load(path, &err);
  if (!file) {
    diags.error(support::DiagCode::E0109, support::SourceSpan{},
                "cannot read `" + path + "`" + (err.empty() ? "" : ": " + err));
    return nullptr;
  }
  return check_loaded(sm, *file, options, diags);
}

}  // namespace compiler
