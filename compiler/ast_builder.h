// compiler: AstBuilder turns an error-free Weft parse tree into the ast:: of compiler/ast.h, with a
// span on every node; it reports the few syntax rules the grammar leaves to it (E0104/E0106/E0107).
//
// Choices (the grammar's notes in grammar/Weft.g4 say how the tree is shaped):
// - `a.b` is always ExprKind::Field; the parser cannot tell an enum from a record (imports are not
//   loaded yet), so sema turns `Enum.value` fields into enum values. ExprKind::Qualified is never
//   produced here.
// - `implies`/`iff` (one level) and `^` fold to the right; the other chains fold to the left.
// - A parenthesised expression is its inner node with the span widened over the parentheses.
// - `{A : B, ...}` is a SetFilter when A is an unparenthesised `Name in S` (and exactly one B),
//   otherwise a SetMap whose Bs must be binders (`x in S`, `x, y in S`).
// - `x, y in S` (quantifiers, `with`, maps) gives one Binder per name, each with its own copy of S.
// - A type is written as an additive expression: a Name becomes a Named type, `a..b` a Range, a
//   compound type itself; anything else is E0104 "expected a type".
#pragma once
#include <memory>
#include <string>

#include "WeftBaseVisitor.h"
#include "WeftParser.h"
#include "compiler/ast.h"
#include "compiler/syntax_errors.h"
#include "support/diagnostics.h"

namespace compiler {

// Deep copies (sema slots are not copied; the builder only copies fresh nodes).
ast::ExprPtr clone_expr(const ast::Expr& e);
ast::TypeExprPtr clone_type(const ast::TypeExpr& t);

class AstBuilder : public weftgen::WeftBaseVisitor {
 public:
  using P = weftgen::WeftParser;

  AstBuilder(const syntax::TokenLocator& loc, support::DiagnosticSink& diags)
      : loc_(loc), diags_(diags) {}

  // Null only if the tree has no usable shape; check failed() for reported errors.
  std::unique_ptr<ast::Module> build(P::ModuleFileContext* ctx);
  bool failed() const { return failed_; }

  // ---- expressions and types (ast_builder_expr.cpp)
  ast::ExprPtr expr(antlr4::ParserRuleContext* ctx);
  ast::TypeExprPtr type(P::TypeExprContext* ctx);

  antlrcpp::Any visitIntLit(P::IntLitContext* ctx) override;
  antlrcpp::Any visitBoolLit(P::BoolLitContext* ctx) override;
  antlrcpp::Any visitStringLit(P::StringLitContext* ctx) override;
  antlrcpp::Any visitSelfExpr(P::SelfExprContext* ctx) override;
  antlrcpp::Any visitCallExpr(P::CallExprContext* ctx) override;
  antlrcpp::Any visitNameExpr(P::NameExprContext* ctx) override;
  antlrcpp::Any visitParenExpr(P::ParenExprContext* ctx) override;
  antlrcpp::Any visitSetExpr(P::SetExprContext* ctx) override;
  antlrcpp::Any visitFuncCtor(P::FuncCtorContext* ctx) override;
  antlrcpp::Any visitRecordCtor(P::RecordCtorContext* ctx) override;
  antlrcpp::Any visitSeqLit(P::SeqLitContext* ctx) override;
  antlrcpp::Any visitIfExpr(P::IfExprContext* ctx) override;
  antlrcpp::Any visitQuantExpr(P::QuantExprContext* ctx) override;
  antlrcpp::Any visitLetExpr(P::LetExprContext* ctx) override;
  antlrcpp::Any visitTypeAsSet(P::TypeAsSetContext* ctx) override;

  antlrcpp::Any visitBoolType(P::BoolTypeContext* ctx) override;
  antlrcpp::Any visitSetType(P::SetTypeContext* ctx) override;
  antlrcpp::Any visitSeqType(P::SeqTypeContext* ctx) override;
  antlrcpp::Any visitFuncType(P::FuncTypeContext* ctx) override;
  antlrcpp::Any visitRecordType(P::RecordTypeContext* ctx) override;

  // ---- statements (ast_builder_stmt.cpp)
  ast::StmtPtr stmt(P::StmtContext* ctx);
  ast::Block block(P::BlockContext* ctx);

  antlrcpp::Any visitRequireStmt(P::RequireStmtContext* ctx) override;
  antlrcpp::Any visitAssignStmt(P::AssignStmtContext* ctx) override;
  antlrcpp::Any visitAwaitStmt(P::AwaitStmtContext* ctx) override;
  antlrcpp::Any visitAcquireStmt(P::AcquireStmtContext* ctx) override;
  antlrcpp::Any visitReleaseStmt(P::ReleaseStmtContext* ctx) override;
  antlrcpp::Any visitAssertStmt(P::AssertStmtContext* ctx) override;
  antlrcpp::Any visitSkipStmt(P::SkipStmtContext* ctx) override;
  antlrcpp::Any visitAtomicStmt(P::AtomicStmtContext* ctx) override;
  antlrcpp::Any visitIfStmt(P::IfStmtContext* ctx) override;
  antlrcpp::Any visitWhileStmt(P::WhileStmtContext* ctx) override;
  antlrcpp::Any visitLoopStmt(P::LoopStmtContext* ctx) override;
  antlrcpp::Any visitBreakStmt(P::BreakStmtContext* ctx) override;
  antlrcpp::Any visitEitherStmt(P::EitherStmtContext* ctx) override;
  antlrcpp::Any visitWithStmt(P::WithStmtContext* ctx) override;
  antlrcpp::Any visitCallStmt(P::CallStmtContext* ctx) override;

  // ---- declarations (ast_builder.cpp)
  antlrcpp::Any visitImportDecl(P::ImportDeclContext* ctx) override;
  antlrcpp::Any visitConstDecl(P::ConstDeclContext* ctx) override;
  antlrcpp::Any visitEnumDecl(P::EnumDeclContext* ctx) override;
  antlrcpp::Any visitTypeDecl(P::TypeDeclContext* ctx) override;
  antlrcpp::Any visitVarDecl(P::VarDeclContext* ctx) override;
  antlrcpp::Any visitInitiallyDecl(P::InitiallyDeclContext* ctx) override;
  antlrcpp::Any visitConstraintDecl(P::ConstraintDeclContext* ctx) override;
  antlrcpp::Any visitLockDecl(P::LockDeclContext* ctx) override;
  antlrcpp::Any visitLockOrderDecl(P::LockOrderDeclContext* ctx) override;
  antlrcpp::Any visitDefDecl(P::DefDeclContext* ctx) override;
  antlrcpp::Any visitActionDecl(P::ActionDeclContext* ctx) override;
  antlrcpp::Any visitProcessDecl(P::ProcessDeclContext* ctx) override;
  antlrcpp::Any visitProcDecl(P::ProcDeclContext* ctx) override;
  antlrcpp::Any visitInvariantDecl(P::InvariantDeclContext* ctx) override;
  antlrcpp::Any visitCoverDecl(P::CoverDeclContext* ctx) override;
  antlrcpp::Any visitCheckDecl(P::CheckDeclContext* ctx) override;

 private:
  // helpers (ast_builder.cpp)
  support::SourceSpan span(antlr4::ParserRuleContext* ctx) const { return loc_.span(ctx); }
  support::SourceSpan span(antlr4::Token* t) const { return loc_.span(t); }
  support::SourceSpan span(antlr4::tree::TerminalNode* n) const { return loc_.span(n->getSymbol()); }
  ast::Ident ident(antlr4::tree::TerminalNode* n) const;
  ast::Ident ident(antlr4::Token* t) const;
  ast::Ident field_name(P::FieldNameContext* ctx) const;
  void error(support::DiagCode code, support::SourceSpan at, std::string message);
  // The text of a STRING token without quotes and with \" and \\ resolved (E0107 otherwise).
  std::string unescape(antlr4::tree::TerminalNode* str);
  std::unique_ptr<ast::Decl> decl(ast::DeclKind kind, antlr4::ParserRuleContext* ctx);
  ast::Param param(P::ParamContext* ctx);

  // expression helpers (ast_builder_expr.cpp)
  ast::ExprPtr node(ast::ExprKind kind, support::SourceSpan s) const;
  ast::ExprPtr chain(antlr4::ParserRuleContext* ctx, bool right_assoc);
  ast::ExprPtr postfix(P::PostfixExprContext* ctx);
  std::vector<ast::Binder> binders(P::BindersContext* ctx);
  std::vector<ast::ExprPtr> args(P::ArgsContext* ctx);
  ast::TypeExprPtr to_type(ast::ExprPtr e);
  ast::TypeExprPtr compound(P::CompoundTypeContext* ctx);
  ast::ExprPtr take_expr() { return std::move(expr_); }

  const syntax::TokenLocator& loc_;
  support::DiagnosticSink& diags_;
  bool failed_ = false;
  // Results of the visit* methods (each caller moves the result out right away).
  ast::ExprPtr expr_;
  ast::TypeExprPtr type_;
  ast::StmtPtr stmt_;
  std::unique_ptr<ast::Decl> decl_;
};

}  // namespace compiler
