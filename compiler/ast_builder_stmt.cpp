// compiler: AstBuilder, statements (§5 actions and §6 processes share one statement syntax; sema
// decides which statements each body may use) and blocks.
#include "compiler/ast_builder.h"

namespace compiler {

using ast::ExprKind;
using ast::StmtKind;
using ast::StmtPtr;
using P = weftgen::WeftParser;

namespace {

StmtPtr make_stmt(StmtKind kind, support::SourceSpan s) {
  auto st = std::make_unique<ast::Stmt>();
  st->kind = kind;
  st->span = s;
  return st;
}

}  // namespace

StmtPtr AstBuilder::stmt(P::StmtContext* ctx) {
  ctx->stmtBody()->accept(this);
  StmtPtr st = std::move(stmt_);
  if (!st) st = make_stmt(StmtKind::Skip, span(ctx));
  if (ctx->label) {
    st->label = ident(ctx->label);
    st->span = span(ctx);
  }
  return st;
}

ast::Block AstBuilder::block(P::BlockContext* ctx) {
  ast::Block b;
  b.span = span(ctx);
  for (auto* s : ctx->stmt()) b.stmts.push_back(stmt(s));
  return b;
}

antlrcpp::Any AstBuilder::visitRequireStmt(P::RequireStmtContext* ctx) {
  stmt_ = make_stmt(StmtKind::Require, span(ctx));
  stmt_->exprs.push_back(expr(ctx->expr()));
  return {};
}

antlrcpp::Any AstBuilder::visitAssignStmt(P::AssignStmtContext* ctx) {
  auto st = make_stmt(ctx->prime ? StmtKind::PrimedAssign : StmtKind::Assign, span(ctx));
  P::LvalueContext* lv = ctx->lvalue();
  auto target = node(ExprKind::Name, span(lv->ID()));
  target->name = lv->ID()->getText();
  for (auto* suffix : lv->lvalueSuffix()) {
    support::SourceSpan s = support::join(target->span, span(suffix));
    ast::ExprPtr n;
    if (suffix->expr()) {
      n = node(ExprKind::Index, s);
      n->args.push_back(std::move(target));
      n->args.push_back(expr(suffix->expr()));
    } else {
      n = node(ExprKind::Field, s);
      ast::Ident f = field_name(suffix->fieldName());
      n->field = f.name;
      n->field_span = f.span;
      n->args.push_back(std::move(target));
    }
    target = std::move(n);
  }
  st->exprs.push_back(std::move(target));
  st->exprs.push_back(expr(ctx->expr()));
  stmt_ = std::move(st);
  return {};
}

antlrcpp::Any AstBuilder::visitAwaitStmt(P::AwaitStmtContext* ctx) {
  stmt_ = make_stmt(StmtKind::Await, span(ctx));
  stmt_->exprs.push_back(expr(ctx->expr()));
  return {};
}

antlrcpp::Any AstBuilder::visitAcquireStmt(P::AcquireStmtContext* ctx) {
  auto st = make_stmt(StmtKind::Acquire, span(ctx));
  st->exprs.push_back(expr(ctx->expr()));
  if (ctx->SHARED()) st->mode = ast::LockMode::Shared;
  else if (ctx->EXCLUSIVE()) st->mode = ast::LockMode::Exclusive;
  stmt_ = std::move(st);
  return {};
}

antlrcpp::Any AstBuilder::visitReleaseStmt(P::ReleaseStmtContext* ctx) {
  stmt_ = make_stmt(StmtKind::Release, span(ctx));
  stmt_->exprs.push_back(expr(ctx->expr()));
  return {};
}

antlrcpp::Any AstBuilder::visitAssertStmt(P::AssertStmtContext* ctx) {
  auto st = make_stmt(StmtKind::Assert, span(ctx));
  st->exprs.push_back(expr(ctx->expr()));
  if (ctx->STRING()) st->message = unescape(ctx->STRING());
  stmt_ = std::move(st);
  return {};
}

antlrcpp::Any AstBuilder::visitSkipStmt(P::SkipStmtContext* ctx) {
  stmt_ = make_stmt(StmtKind::Skip, span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitAtomicStmt(P::AtomicStmtContext* ctx) {
  auto st = make_stmt(StmtKind::Atomic, span(ctx));
  st->blocks.push_back(block(ctx->block()));
  stmt_ = std::move(st);
  return {};
}

antlrcpp::Any AstBuilder::visitIfStmt(P::IfStmtContext* ctx) {
  auto st = make_stmt(StmtKind::If, span(ctx));
  for (auto* c : ctx->expr()) st->exprs.push_back(expr(c));
  for (auto* b : ctx->block()) st->blocks.push_back(block(b));
  stmt_ = std::move(st);
  return {};
}

antlrcpp::Any AstBuilder::visitWhileStmt(P::WhileStmtContext* ctx) {
  auto st = make_stmt(StmtKind::While, span(ctx));
  st->exprs.push_back(expr(ctx->expr()));
  st->blocks.push_back(block(ctx->block()));
  stmt_ = std::move(st);
  return {};
}

antlrcpp::Any AstBuilder::visitLoopStmt(P::LoopStmtContext* ctx) {
  auto st = make_stmt(StmtKind::Loop, span(ctx));
  st->blocks.push_back(block(ctx->block()));
  stmt_ = std::move(st);
  return {};
}

antlrcpp::Any AstBuilder::visitBreakStmt(P::BreakStmtContext* ctx) {
  stmt_ = make_stmt(StmtKind::Break, span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitEitherStmt(P::EitherStmtContext* ctx) {
  auto st = make_stmt(StmtKind::Either, span(ctx));
  for (auto* b : ctx->block()) st->blocks.push_back(block(b));
  stmt_ = std::move(st);
  return {};
}

antlrcpp::Any AstBuilder::visitWithStmt(P::WithStmtContext* ctx) {
  auto st = make_stmt(StmtKind::With, span(ctx));
  st->binders = binders(ctx->binders());
  st->blocks.push_back(block(ctx->block()));
  stmt_ = std::move(st);
  return {};
}

antlrcpp::Any AstBuilder::visitCallStmt(P::CallStmtContext* ctx) {
  auto st = make_stmt(StmtKind::Call, span(ctx));
  st->name = ctx->ID()->getText();
  st->name_span = span(ctx->ID());
  st->exprs = args(ctx->args());
  stmt_ = std::move(st);
  return {};
}

}  // namespace compiler
