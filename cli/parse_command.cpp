// cli: `weft parse` (syntax only) and `weft typecheck` (names and types): exit 0 or 150.
#include <iostream>

#include "cli/arg_parser.h"
#include "cli/command.h"
#include "cli/spec_loader.h"

namespace cli {
namespace {

const char* kParseHelp =
    "Usage: weft parse SPEC.weft [--dump ast]\n\n"
    "Checks the syntax of SPEC.weft (imports are not followed) and reports syntax errors.\n\n"
    "Options:\n"
    "  --dump ast   print the syntax tree\n";

const char* kTypecheckHelp =
    "Usage: weft typecheck SPEC.weft [-D NAME=VALUE]... [--dump ast]\n\n"
    "Loads SPEC.weft with its imports, resolves every name and checks every type.\n\n"
    "Options:\n"
    "  -D NAME=VALUE  override the constant NAME (an integer, true or false)\n"
    "  --dump ast     print the typed syntax tree\n";

int run_parse(const std::vector<std::string>& args) {
  ArgParser p("parse");
  std::string dump;
  std::vector<std::string> files;
  p.choice("dump", &dump, {"ast"});
  p.positionals(&files, 1, 1);
  if (!p.parse(args)) return kExitUsage;
  if (p.help_requested()) {
    std::cout << kParseHelp;
    return kExitOk;
  }
  support::SourceManager sm;
  support::DiagnosticSink diags;
  std::string error;
  auto file = sm.load(files[0], &error);
  if (!file) {
    diags.error(support::DiagCode::E0109, {}, error);
    std::cerr << diags.render(sm);
    return kExitSpecError;
  }
  auto module = compiler::parse_file(sm, *file, diags);
  std::cerr << diags.render(sm);
  if (!module || diags.has_errors()) return kExitSpecError;
  if (dump == "ast") std::cout << compiler::dump_ast(*module, sm);
  return kExitOk;
}

int run_typecheck(const std::vector<std::string>& args) {
  ArgParser p("typecheck");
  std::string dump;
  std::vector<std::string> files;
  std::vector<compiler::ConstOverride> defines;
  p.choice("dump", &dump, {"ast"});
  p.defines(&defines);
  p.positionals(&files, 1, 1);
  if (!p.parse(args)) return kExitUsage;
  if (p.help_requested()) {
    std::cout << kTypecheckHelp;
    return kExitOk;
  }
  auto spec = load_spec(files[0], defines);
  if (!spec) return kExitSpecError;
  if (dump == "ast") std::cout << compiler::dump_ast(*spec->checked->module, spec->sources);
  return kExitOk;
}

CommandRegistrar parse_reg({"parse", "check the syntax of a spec", kParseHelp, 50, run_parse});
CommandRegistrar typecheck_reg({"typecheck", "resolve names and check types of a spec", kTypecheckHelp,
                                51, run_typecheck});

}  // namespace
}  // namespace cli
