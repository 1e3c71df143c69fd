// compiler: small helpers of the AST (ast.h): the source spelling of operators.
#include "compiler/ast.h"

namespace ast {

const char* op_spelling(Op op) {
  switch (op) {
    case Op::None: return "?";
    case Op::Not: return "not";
    case Op::Neg: return "-";
    case Op::Implies: return "implies";
    case Op::Iff: return "iff";
    case Op::Or: return "or";
    case Op::And: return "and";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::In: return "in";
    case Op::NotIn: return "notin";
    case Op::Subset: return "subset";
    case Op::Union: return "union";
    case Op::Diff: return "\\";
    case Op::Inter: return "inter";
    case Op::Range: return "..";
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Mod: return "%";
    case Op::Pow: return "^";
  }
  return "?";
}

}  // namespace ast
