// compiler (sema): the statement rules of §5/§6 that are not about types. Before type
// checking, collect_bodies gathers each process/proc body's labels (E0208 duplicates) and
// the proc call graph (E0213 recursion). After type checking, check_statement_rules
// enforces placement (E0406: action-only and process-only statements, labels in actions),
// `break` only inside a loop of the same body (E0404), and "only the first statement of
// `atomic` may block" on every path through the block, through calls (E0403).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/ast.h"
#include "compiler/resolver.h"

namespace compiler::sema {

struct BodyInfo {
  // Labels written in each process or proc body (not those of the procs it calls).
  std::map<const ast::Decl*, std::set<std::string>> labels;
  // Procs named by the call statements of each process/proc body (known procs only).
  std::map<const ast::Decl*, std::vector<const ast::Decl*>> calls;
  // Procs on a call cycle.
  std::set<const ast::Decl*> recursive;

  // The labels `p@L` may name for a process: its own and those of every proc it calls,
  // transitively.
  std::set<std::string> reachable_labels(const ast::Decl* process) const;
};

BodyInfo collect_bodies(const ast::Module& module, const GlobalScope& globals, Reporter& rep);

// Requires the typed AST (Stmt::callee).
void check_statement_rules(const ast::Module& module, Reporter& rep);

}  // namespace compiler::sema
