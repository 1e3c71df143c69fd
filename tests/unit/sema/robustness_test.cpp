// tests/sema: sema never crashes on malformed ASTs (missing children, null types, empty
// names), reports an error or accepts, and leaves the sink consistent.
#include <gtest/gtest.h>

#include "compiler/type_checker.h"

namespace sema_test {
namespace {

using ast::Decl;
using ast::DeclKind;
using ast::Expr;
using ast::ExprKind;

ast::ExprPtr node(ExprKind k) {
  auto e = std::make_unique<Expr>();
  e->kind = k;
  return e;
}

ast::ExprPtr name(const std::string& n) {
  auto e = node(ExprKind::Name);
  e->name = n;
  return e;
}

std::unique_ptr<Decl> decl(DeclKind k, const std::string& n) {
  auto d = std::make_unique<Decl>();
  d->kind = k;
  d->name.name = n;
  return d;
}

ast::StmtPtr stmt(ast::StmtKind k) {
  auto s = std::make_unique<ast::Stmt>();
  s->kind = k;
  return s;
}

// Every expression kind with no children at all.
std::vector<ast::ExprPtr> childless() {
  std::vector<ast::ExprPtr> out;
  for (int k = 0; k <= static_cast<int>(ExprKind::TypeAsSet); ++k) {
    auto e = node(static_cast<ExprKind>(k));
    if (e->kind == ExprKind::Binary) e->op = ast::Op::Add;
    out.push_back(std::move(e));
  }
  return out;
}

TEST(Robustness, ChildlessExpressionsAndStatements) {
  ast::Module m;
  {
    auto v = decl(DeclKind::Var, "x");  // no type, no value
    m.decls.push_back(std::move(v));
  }
  int i = 0;
  for (auto& e : childless()) {
    auto d = decl(DeclKind::Def, "d" + std::to_string(i++));
    d->value = std::move(e);
    m.decls.push_back(std::move(d));
  }
  for (auto kind : {DeclKind::Action, DeclKind::Process, DeclKind::Proc}) {
    auto d = decl(kind, "b" + std::to_string(i++));
    for (int k = 0; k <= static_cast<int>(ast::StmtKind::Call); ++k) d->body.stmts.push_back(stmt(static_cast<ast::StmtKind>(k)));
    d->body.stmts.push_back(nullptr);
    m.decls.push_back(std::move(d));
  }
  for (auto kind : {DeclKind::Const, DeclKind::TypeAlias, DeclKind::Invariant, DeclKind::Cover, DeclKind::Initially,
                    DeclKind::Constraint, DeclKind::Lock, DeclKind::LockOrder, DeclKind::Check, DeclKind::Import,
                    DeclKind::Enum})
    m.decls.push_back(decl(kind, "k" + std::to_string(i++)));
  m.decls.push_back(nullptr);
  compiler::TypeArena types;
  support::DiagnosticSink diags;
  EXPECT_NO_THROW(compiler::sema::analyze_module(m, types, {}, diags));
}

TEST(Robustness, PartialChildren) {
  ast::Module m;
  auto v = decl(DeclKind::Var, "x");
  v->type = std::make_unique<ast::TypeExpr>();
  v->type->kind = ast::TypeExprKind::Function;  // no domain, no codomain
  m.decls.push_back(std::move(v));
  for (int k = 0; k <= static_cast<int>(ExprKind::TypeAsSet); ++k) {
    auto e = node(static_cast<ExprKind>(k));
    e->op = ast::Op::In;
    e->args.push_back(name("x"));  // one child where several are expected
    e->binders.push_back({ast::Ident{"b", {}}, nullptr});
    e->fields.push_back({"f", {}});
    e->fields.push_back({"g", {}});
    auto d = decl(DeclKind::Invariant, "i" + std::to_string(k));
    d->value = std::move(e);
    m.decls.push_back(std::move(d));
  }
  auto p = decl(DeclKind::Process, "p");
  p->params.push_back({ast::Ident{"w", {}}, nullptr});
  p->locals.push_back({});
  auto s = stmt(ast::StmtKind::Assign);
  s->exprs.push_back(node(ExprKind::Index));
  p->body.stmts.push_back(std::move(s));
  auto w = stmt(ast::StmtKind::With);
  w->binders.push_back({ast::Ident{"k", {}}, nullptr});
  p->body.stmts.push_back(std::move(w));
  m.decls.push_back(std::move(p));
  compiler::TypeArena types;
  support::DiagnosticSink diags;
  EXPECT_NO_THROW(compiler::sema::analyze_module(m, types, {}, diags));
  EXPECT_TRUE(diags.has_errors());
}

}  // namespace
}  // namespace sema_test
