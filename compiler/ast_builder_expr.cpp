// compiler: AstBuilder, expressions and types: precedence chains, postfix operators, primaries,
// set comprehensions, binders, and type expressions (written as additive expressions).
#include <limits>

#include "compiler/ast_builder.h"

namespace compiler {

using ast::ExprKind;
using ast::ExprPtr;
using ast::Op;
using support::DiagCode;
using support::join;
using P = weftgen::WeftParser;

namespace {

Op binary_op(std::size_t token) {
  switch (token) {
    case P::IMPLIES: return Op::Implies;
    case P::IFF: return Op::Iff;
    case P::OR: return Op::Or;
    case P::AND: return Op::And;
    case P::EQ: return Op::Eq;
    case P::NE: return Op::Ne;
    case P::LT: return Op::Lt;
    case P::LE: return Op::Le;
    case P::GT: return Op::Gt;
    case P::GE: return Op::Ge;
    case P::IN: return Op::In;
    case P::NOTIN: return Op::NotIn;
    case P::SUBSET: return Op::Subset;
    case P::UNION: return Op::Union;
    case P::BACKSLASH: return Op::Diff;
    case P::INTER: return Op::Inter;
    case P::DOTDOT: return Op::Range;
    case P::PLUS: return Op::Add;
    case P::MINUS: return Op::Sub;
    case P::STAR: return Op::Mul;
    case P::SLASH: return Op::Div;
    case P::PERCENT: return Op::Mod;
    case P::CARET: return Op::Pow;
    default: return Op::None;
  }
}

ExprPtr binary(Op op, ExprPtr l, ExprPtr r) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = ExprKind::Binary;
  e->op = op;
  e->span = join(l->span, r->span);
  e->args.push_back(std::move(l));
  e->args.push_back(std::move(r));
  return e;
}

// True for an unparenthesised name (its span is exactly the identifier).
bool bare_name(const ast::Expr& e) {
  return e.kind == ExprKind::Name && e.span.end - e.span.begin == e.name.size();
}

// True for an unparenthesised `Name in S`.
bool bare_name_in(const ast::Expr& e) {
  return e.kind == ExprKind::Binary && e.op == Op::In && bare_name(*e.args[0]) &&
         e.span.begin == e.args[0]->span.begin && e.span.end == e.args[1]->span.end;
}

}  // namespace

ExprPtr clone_expr(const ast::Expr& e) {
  auto c = std::make_unique<ast::Expr>();
  c->kind = e.kind;
  c->span = e.span;
  c->op = e.op;
  c->int_value = e.int_value;
  c->bool_value = e.bool_value;
  c->str_value = e.str_value;
  c->name = e.name;
  c->field = e.field;
  c->field_span = e.field_span;
  for (const auto& a : e.args) c->args.push_back(clone_expr(*a));
  for (const auto& b : e.binders) c->binders.push_back({b.name, b.set ? clone_expr(*b.set) : nullptr});
  c->fields = e.fields;
  if (e.type_expr) c->type_expr = clone_type(*e.type_expr);
  return c;
}

ast::TypeExprPtr clone_type(const ast::TypeExpr& t) {
  auto c = std::make_unique<ast::TypeExpr>();
  c->kind = t.kind;
  c->span = t.span;
  if (t.lo) c->lo = clone_expr(*t.lo);
  if (t.hi) c->hi = clone_expr(*t.hi);
  c->name = t.name;
  if (t.elem) c->elem = clone_type(*t.elem);
  if (t.elem2) c->elem2 = clone_type(*t.elem2);
  for (const auto& f : t.fields) c->fields.push_back({f.name, f.type ? clone_type(*f.type) : nullptr});
  return c;
}

ExprPtr AstBuilder::node(ExprKind kind, support::SourceSpan s) const {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  e->span = s;
  return e;
}

// ---------------------------------------------------------------- precedence levels

ExprPtr AstBuilder::expr(antlr4::ParserRuleContext* ctx) {
  // Levels with one operand and no operator are passed through in a loop, not by recursion, so
  // the builder's stack stays shallow however deep the (already bounded) parse tree is.
  for (;;) {
    std::size_t rule = ctx->getRuleIndex();
    if (rule == P::RulePostfixExpr) return postfix(static_cast<P::PostfixExprContext*>(ctx));
    if (rule == P::RulePrimary) {
      ctx->accept(this);
      return take_expr();
    }
    if (ctx->children.size() == 1) {
      auto* only = dynamic_cast<antlr4::ParserRuleContext*>(ctx->children[0]);
      if (!only) break;
      ctx = only;
      continue;
    }
    switch (rule) {
      case P::RuleImplExpr:
      case P::RuleImplExprNoIn:
      case P::RulePowExpr:
        return chain(ctx, /*right_assoc=*/true);
      case P::RuleOrExpr:
      case P::RuleOrExprNoIn:
      case P::RuleAndExpr:
      case P::RuleAndExprNoIn:
      case P::RuleCmpExpr:
      case P::RuleCmpExprNoIn:
      case P::RuleUnionExpr:
      case P::RuleInterExpr:
      case P::RuleRangeExpr:
      case P::RuleAddExpr:
      case P::RuleMulExpr:
        return chain(ctx, /*right_assoc=*/false);
      case P::RuleNotExpr:
      case P::RuleNotExprNoIn:
      case P::RuleUnaryExpr: {
        auto e = node(ExprKind::Unary, span(ctx));
        e->op = rule == P::RuleUnaryExpr ? Op::Neg : Op::Not;
        e->args.push_back(expr(dynamic_cast<antlr4::ParserRuleContext*>(ctx->children.at(1))));
        return e;
      }
      default:
        break;
    }
    break;
  }
  error(DiagCode::E0104, span(ctx), "expected an expression here");
  return node(ExprKind::BoolLit, span(ctx));
}

ExprPtr AstBuilder::chain(antlr4::ParserRuleContext* ctx, bool right_assoc) {
  std::vector<antlr4::ParserRuleContext*> operands;
  std::vector<antlr4::Token*> ops;
  for (auto* child : ctx->children) {
    if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child)) operands.push_back(rule);
    else if (auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child)) ops.push_back(term->getSymbol());
  }
  if (operands.size() == 1) return expr(operands[0]);
  if (operands.size() > syntax::kMaxChain) {
    error(DiagCode::E0104, span(ctx),
          "expression too long: more than " + std::to_string(syntax::kMaxChain) + " operands joined by '" +
              ops[0]->getText() + "'; split it into definitions");
    return node(ExprKind::BoolLit, span(ctx));
  }
  if (right_assoc) {
    ExprPtr acc = expr(operands.back());
    for (std::size_t i = operands.size() - 1; i-- > 0;)
      acc = binary(binary_op(ops[i]->getType()), expr(operands[i]), std::move(acc));
    return acc;
  }
  ExprPtr acc = expr(operands[0]);
  for (std::size_t i = 1; i < operands.size(); ++i)
    acc = binary(binary_op(ops[i - 1]->getType()), std::move(acc), expr(operands[i]));
  return acc;
}

ExprPtr AstBuilder::postfix(P::PostfixExprContext* ctx) {
  ctx->primary()->accept(this);
  ExprPtr e = take_expr();
  for (auto* op : ctx->postfixOp()) {
    support::SourceSpan s = join(e->span, span(op));
    ExprPtr n;
    if (auto* index = dynamic_cast<P::IndexOpContext*>(op)) {
      n = node(ExprKind::Index, s);
      n->args.push_back(std::move(e));
      n->args.push_back(expr(index->expr()));
    } else if (auto* field = dynamic_cast<P::FieldOpContext*>(op)) {
      n = node(ExprKind::Field, s);
      ast::Ident f = field_name(field->fieldName());
      n->field = f.name;
      n->field_span = f.span;
      n->args.push_back(std::move(e));
    } else if (dynamic_cast<P::PrimeOpContext*>(op)) {
      n = node(ExprKind::Prime, s);
      n->args.push_back(std::move(e));
    } else {
      auto* at = static_cast<P::AtOpContext*>(op);
      n = node(ExprKind::At, s);
      antlr4::tree::TerminalNode* label = at->ID() ? at->ID() : at->END();
      n->field = label->getText();
      n->field_span = span(label);
      n->args.push_back(std::move(e));
    }
    e = std::move(n);
  }
  if (auto* tail = ctx->withTail()) {
    if (auto* fu = dynamic_cast<P::FuncUpdateContext*>(tail)) {
      auto n = node(ExprKind::FuncUpdate, join(e->span, span(tail)));
      n->args.push_back(std::move(e));
      n->args.push_back(expr(fu->expr(0)));
      n->args.push_back(expr(fu->expr(1)));
      e = std::move(n);
    } else {
      auto* ru = static_cast<P::RecordUpdateContext*>(tail);
      auto n = node(ExprKind::RecordUpdate, join(e->span, span(tail)));
      ast::Ident f = field_name(ru->fieldName());
      n->field = f.name;
      n->field_span = f.span;
      n->args.push_back(std::move(e));
      n->args.push_back(expr(ru->expr()));
      e = std::move(n);
    }
  }
  return e;
}

std::vector<ExprPtr> AstBuilder::args(P::ArgsContext* ctx) {
  std::vector<ExprPtr> r;
  if (!ctx) return r;
  for (auto* e : ctx->expr()) r.push_back(expr(e));
  return r;
}

std::vector<ast::Binder> AstBuilder::binders(P::BindersContext* ctx) {
  std::vector<ast::Binder> r;
  for (auto* group : ctx->binderGroup()) {
    ExprPtr set = expr(group->expr());
    auto ids = group->ID();
    for (std::size_t i = 0; i < ids.size(); ++i)
      r.push_back({ident(ids[i]), i + 1 == ids.size() ? std::move(set) : clone_expr(*set)});
  }
  return r;
}

// ---------------------------------------------------------------- primaries

antlrcpp::Any AstBuilder::visitIntLit(P::IntLitContext* ctx) {
  expr_ = node(ExprKind::IntLit, span(ctx));
  const std::string text = ctx->INT()->getText();
  std::int64_t v = 0;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  for (char c : text) {
    int d = c - '0';
    if (v > (kMax - d) / 10) {
      error(DiagCode::E0106, expr_->span,
            "integer literal " + (text.size() > 30 ? text.substr(0, 27) + "..." : text) +
                " is out of range (the largest is 9223372036854775807)");
      v = 0;
      break;
    }
    v = v * 10 + d;
  }
  expr_->int_value = v;
  return {};
}

antlrcpp::Any AstBuilder::visitBoolLit(P::BoolLitContext* ctx) {
  expr_ = node(ExprKind::BoolLit, span(ctx));
  expr_->bool_value = ctx->TRUE() != nullptr;
  return {};
}

antlrcpp::Any AstBuilder::visitStringLit(P::StringLitContext* ctx) {
  auto e = node(ExprKind::StringLit, span(ctx));
  e->str_value = unescape(ctx->STRING());
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitSelfExpr(P::SelfExprContext* ctx) {
  expr_ = node(ExprKind::Self, span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitCallExpr(P::CallExprContext* ctx) {
  auto e = node(ExprKind::Call, span(ctx));
  e->name = ctx->ID()->getText();
  e->field_span = span(ctx->ID());
  e->args = args(ctx->args());
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitNameExpr(P::NameExprContext* ctx) {
  expr_ = node(ExprKind::Name, span(ctx));
  expr_->name = ctx->ID()->getText();
  return {};
}

antlrcpp::Any AstBuilder::visitParenExpr(P::ParenExprContext* ctx) {
  ExprPtr e = expr(ctx->expr());
  e->span = span(ctx);
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitSetExpr(P::SetExprContext* ctx) {
  support::SourceSpan s = span(ctx);
  if (!ctx->expr()) {  // {}
    expr_ = node(ExprKind::SetLit, s);
    return {};
  }
  ExprPtr first = expr(ctx->expr());
  if (auto* elems = dynamic_cast<P::ElementsTailContext*>(ctx->setTail())) {
    auto e = node(ExprKind::SetLit, s);
    e->args.push_back(std::move(first));
    for (auto* x : elems->expr()) e->args.push_back(expr(x));
    expr_ = std::move(e);
    return {};
  }
  auto* tail = static_cast<P::ComprehensionTailContext*>(ctx->setTail());
  std::vector<ExprPtr> after;
  for (auto* x : tail->expr()) after.push_back(expr(x));
  if (bare_name_in(*first)) {  // {x in S : p}
    auto e = node(ExprKind::SetFilter, s);
    ast::Ident x{first->args[0]->name, first->args[0]->span};
    e->binders.push_back({x, std::move(first->args[1])});
    if (after.size() != 1)
      error(DiagCode::E0104, after[1]->span,
            "a set filter {x in S : condition} takes one condition after ':'");
    e->args.push_back(std::move(after[0]));
    expr_ = std::move(e);
    return {};
  }
  // {e : x in S, y, z in T}: a run of names closed by `name in set` is one binder group.
  auto e = node(ExprKind::SetMap, s);
  e->args.push_back(std::move(first));
  std::vector<ast::Ident> pending;
  for (auto& b : after) {
    if (bare_name(*b)) {
      pending.push_back({b->name, b->span});
    } else if (bare_name_in(*b)) {
      pending.push_back({b->args[0]->name, b->args[0]->span});
      for (std::size_t i = 0; i < pending.size(); ++i)
        e->binders.push_back({pending[i], i + 1 == pending.size() ? std::move(b->args[1])
                                                                  : clone_expr(*b->args[1])});
      pending.clear();
    } else {
      error(DiagCode::E0104, b->span,
            "expected 'name in set' here: a set map is written {expression : x in S, y in T}");
      pending.clear();
    }
  }
  if (!pending.empty())
    error(DiagCode::E0104, pending.back().span,
          "expected 'in' after '" + pending.back().name + "': a set map is written {expression : x in S}");
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitFuncCtor(P::FuncCtorContext* ctx) {
  auto e = node(ExprKind::FuncCtor, span(ctx));
  e->binders.push_back({ident(ctx->ID()), expr(ctx->expr(0))});
  e->args.push_back(expr(ctx->expr(1)));
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitRecordCtor(P::RecordCtorContext* ctx) {
  auto e = node(ExprKind::RecordCtor, span(ctx));
  auto names = ctx->fieldName();
  auto values = ctx->expr();
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
    e->fields.push_back(field_name(names[i]));
    e->args.push_back(expr(values[i]));
  }
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitSeqLit(P::SeqLitContext* ctx) {
  auto e = node(ExprKind::SeqLit, span(ctx));
  e->args = args(ctx->args());
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitIfExpr(P::IfExprContext* ctx) {
  auto e = node(ExprKind::If, span(ctx));
  for (auto* x : ctx->expr()) e->args.push_back(expr(x));
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitQuantExpr(P::QuantExprContext* ctx) {
  ExprKind kind = ctx->FORALL() ? ExprKind::Forall : ctx->EXISTS() ? ExprKind::Exists : ExprKind::Sum;
  auto e = node(kind, span(ctx));
  e->binders = binders(ctx->binders());
  e->args.push_back(expr(ctx->expr()));
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitLetExpr(P::LetExprContext* ctx) {
  auto e = node(ExprKind::Let, span(ctx));
  e->binders.push_back({ident(ctx->ID()), expr(ctx->letValue())});
  e->args.push_back(expr(ctx->expr()));
  expr_ = std::move(e);
  return {};
}

antlrcpp::Any AstBuilder::visitTypeAsSet(P::TypeAsSetContext* ctx) {
  auto e = node(ExprKind::TypeAsSet, span(ctx));
  e->type_expr = compound(ctx->compoundType());
  expr_ = std::move(e);
  return {};
}

// ---------------------------------------------------------------- types

ast::TypeExprPtr AstBuilder::type(P::TypeExprContext* ctx) {
  auto adds = ctx->addExpr();
  if (ctx->DOTDOT()) {
    auto t = std::make_unique<ast::TypeExpr>();
    t->kind = ast::TypeExprKind::Range;
    t->span = span(ctx);
    t->lo = expr(adds.at(0));
    t->hi = expr(adds.at(1));
    return t;
  }
  return to_type(expr(adds.at(0)));
}

ast::TypeExprPtr AstBuilder::to_type(ExprPtr e) {
  if (e->kind == ExprKind::TypeAsSet && e->type_expr) {
    ast::TypeExprPtr t = std::move(e->type_expr);
    t->span = e->span;  // keeps parentheses around the type
    return t;
  }
  auto t = std::make_unique<ast::TypeExpr>();
  t->span = e->span;
  if (e->kind == ExprKind::Name) {
    t->kind = ast::TypeExprKind::Named;
    t->name = {e->name, e->span};
    return t;
  }
  error(DiagCode::E0104, e->span,
        "expected a type here: bool, a..b, a type name, set of T, [D] -> T, [field: T, ...] or "
        "seq of T max K");
  t->kind = ast::TypeExprKind::Bool;
  return t;
}

ast::TypeExprPtr AstBuilder::compound(P::CompoundTypeContext* ctx) {
  ctx->accept(this);
  return std::move(type_);
}

antlrcpp::Any AstBuilder::visitBoolType(P::BoolTypeContext* ctx) {
  type_ = std::make_unique<ast::TypeExpr>();
  type_->kind = ast::TypeExprKind::Bool;
  type_->span = span(ctx);
  return {};
}

antlrcpp::Any AstBuilder::visitSetType(P::SetTypeContext* ctx) {
  auto t = std::make_unique<ast::TypeExpr>();
  t->kind = ast::TypeExprKind::SetOf;
  t->span = span(ctx);
  t->elem = type(ctx->typeExpr());
  type_ = std::move(t);
  return {};
}

antlrcpp::Any AstBuilder::visitSeqType(P::SeqTypeContext* ctx) {
  auto t = std::make_unique<ast::TypeExpr>();
  t->kind = ast::TypeExprKind::SeqOf;
  t->span = span(ctx);
  t->elem = type(ctx->typeExpr());
  if (ctx->maxWord->getText() != "max")
    error(DiagCode::E0104, span(ctx->maxWord),
          "expected 'max' here: a sequence type is written seq of T max K");
  t->hi = expr(ctx->addExpr());
  type_ = std::move(t);
  return {};
}

antlrcpp::Any AstBuilder::visitFuncType(P::FuncTypeContext* ctx) {
  auto t = std::make_unique<ast::TypeExpr>();
  t->kind = ast::TypeExprKind::Function;
  t->span = span(ctx);
  t->elem = type(ctx->typeExpr(0));
  t->elem2 = type(ctx->typeExpr(1));
  type_ = std::move(t);
  return {};
}

antlrcpp::Any AstBuilder::visitRecordType(P::RecordTypeContext* ctx) {
  auto t = std::make_unique<ast::TypeExpr>();
  t->kind = ast::TypeExprKind::Record;
  t->span = span(ctx);
  for (auto* f : ctx->fieldType()) t->fields.push_back({field_name(f->fieldName()), type(f->typeExpr())});
  type_ = std::move(t);
  return {};
}

}  // namespace compiler
