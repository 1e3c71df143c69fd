// compiler (sema): the assignment rules of actions (§5, §11), on the typed AST. Along every
// path through an action body (conditions ignored): assigning a whole variable twice, or
// both the whole variable and an element of it, is E0401 (an assignment on some earlier path
// counts); reading `x'` needs x assigned (whole or an element) on every path before the read
// (E0402). Element assignments of distinct elements combine (the same element twice is a
// run-time error, not checked here).
#pragma once
#include "compiler/ast.h"
#include "compiler/resolver.h"

namespace compiler::sema {

void check_action_rules(const ast::Decl& action, Reporter& rep);

}  // namespace compiler::sema
