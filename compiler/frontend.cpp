// compiler: the front end's entry points: load a spec with its imports, then run sema (names,
// constants with -D, types, statement and action rules). Returns the typed module, or null
// exactly when this call reported an error. Sema does not run after syntax or import errors
// (a missing declaration would only cascade into unknown-name errors).
#include <exception>

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
    checked->types = std::make_unique<TypeArena>();
    sema::analyze_module(*checked->module, *checked->types, options, diags);
  } catch (const std::exception& e) {
    diags.error(support::DiagCode::E0104, support::SourceSpan{},
                std::string("internal error in the front end: ") + e.what());
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
