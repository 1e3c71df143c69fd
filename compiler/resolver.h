// compiler (sema): names. The de-duplicating Reporter every sema pass reports through, the
// module-wide GlobalScope (top-level names, enum values; E0202), local Scope frames, and the
// "did you mean" helper. Lookup order (innermost first): bound variables, parameters, process
// locals, top-level declarations, enum values; builtins only as the callee of a call.
#pragma once
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/ast.h"
#include "compiler/types.h"
#include "support/diagnostics.h"

namespace compiler::sema {

using support::DiagCode;
using support::SourceSpan;

// Reports errors to the sink, dropping exact repeats (same code, place and message), which
// arise when a proc body is checked once per calling process.
class Reporter {
 public:
  explicit Reporter(support::DiagnosticSink& sink) : sink_(sink) {}
  support::Diagnostic& error(DiagCode code, SourceSpan span, std::string message);
  std::size_t error_count() const { return sink_.error_count(); }
  support::DiagnosticSink& sink() { return sink_; }

 private:
  support::DiagnosticSink& sink_;
  std::set<std::tuple<int, support::FileId, std::uint32_t, std::uint32_t, std::string>> seen_;
  support::Diagnostic dropped_;
};

struct EnumValueRef {
  const ast::Decl* decl = nullptr;  // the Enum decl
  int index = -1;
};

// Every top-level name of the merged module.
class GlobalScope {
 public:
  // Collects the named declarations; duplicates are E0202 with a note at the first one.
  void collect(ast::Module& module, Reporter& rep);

  ast::Decl* find(const std::string& name) const;
  // Enum values named `name` (several when it repeats across enums), or null.
  const std::vector<EnumValueRef>* enum_values(const std::string& name) const;
  // Every visible top-level name (for suggestions).
  std::vector<std::string> names() const;
  const std::vector<ast::Decl*>& procs() const { return procs_; }
  const std::vector<ast::Decl*>& processes() const { return processes_; }

 private:
  std::map<std::string, ast::Decl*> decls_;
  std::map<std::string, std::vector<EnumValueRef>> enum_values_;
  std::vector<ast::Decl*> procs_, processes_;
};

// One name bound in a local frame.
struct LocalEntry {
  std::string name;
  ast::Resolution ref;
  const Type* type = nullptr;
  const ast::Expr* let_value = nullptr;  // `let` binders: the bound expression (for folding)
  SourceSpan span;
};

// A stack of local frames (parameters, process locals, bound variables).
class Scope {
 public:
  void push() { frames_.emplace_back(); }
  void pop() { frames_.pop_back(); }
  void add(LocalEntry e) { frames_.back().push_back(std::move(e)); }
  const LocalEntry* find(const std::string& name) const;
  std::vector<std::string> names() const;
  bool empty() const { return frames_.empty(); }

 private:
  std::vector<std::vector<LocalEntry>> frames_;
};

// The builtin functions (§4).
bool is_builtin(const std::string& name);
const std::vector<std::string>& builtin_names();

// The candidate closest to `name` by edit distance, if close enough to suggest; else "".
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

// "constant", "variable", "def", ... : how a declaration kind is named in messages.
const char* decl_kind_name(ast::DeclKind kind);

}  // namespace compiler::sema
