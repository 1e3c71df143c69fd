// compiler: AstBuilder, the module and its declarations (§2), plus shared helpers (identifiers,
// string unescaping with E0107, diagnostics).
#include "compiler/ast_builder.h"

namespace compiler {

using ast::DeclKind;
using support::DiagCode;
using P = weftgen::WeftParser;

// ---------------------------------------------------------------- helpers

ast::Ident AstBuilder::ident(antlr4::tree::TerminalNode* n) const { return ident(n->getSymbol()); }

ast::Ident AstBuilder::ident(antlr4::Token* t) const { return {t->getText(), span(t)}; }

ast::Ident AstBuilder::field_name(P::FieldNameContext* ctx) const {
  return {ctx->getStart()->getText(), span(ctx)};
}

void AstBuilder::error(DiagCode code, support::SourceSpan at, std::string message) {
  failed_ = true;
  diags_.error(code, at, std::move(message));
}

std::string AstBuilder::unescape(antlr4::tree::TerminalNode* str) {
  const std::string text = str->getText();  // with the quotes
  support::SourceSpan s = span(str);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    char next = text[i + 1];
    if (next == '"' || next == '\\') {
      out += next;
      ++i;
      continue;
    }
    // The escaped character may be multi-byte UTF-8: cover all of its bytes.
    std::size_t len = 1;
    while (i + 1 + len < text.size() && (static_cast<unsigned char>(text[i + 1 + len]) & 0xC0) == 0x80) ++len;
    auto begin = static_cast<std::uint32_t>(s.begin + i);
    error(DiagCode::E0107, loc_.bytes(begin, begin + 1 + static_cast<std::uint32_t>(len)),
          "invalid escape '\\" + text.substr(i + 1, len) + "' in a string: only \\\" and \\\\ are allowed");
    out += text.substr(i + 1, len);
    i += len;
  }
  return out;
}

std::unique_ptr<ast::Decl> AstBuilder::decl(DeclKind kind, antlr4::ParserRuleContext* ctx) {
  auto d = std::make_unique<ast::Decl>();
  d->kind = kind;
  d->span = span(ctx);
  d->file = loc_.file();
  return d;
}

ast::Param AstBuilder::param(P::ParamContext* ctx) { return {ident(ctx->ID()), type(ctx->typeExpr())}; }

// ---------------------------------------------------------------- module

std::unique_ptr<ast::Module> AstBuilder::build(P::ModuleFileContext* ctx) {
  auto m = std::make_unique<ast::Module>();
  m->file = loc_.file();
  const auto& text = loc_.sm().file(loc_.file()).text;
  m->span = loc_.bytes(0, static_cast<std::uint32_t>(text.size()));
  if (auto* header = ctx->moduleHeader()) m->name = ident(header->ID());
  for (auto* d : ctx->decl()) {
    d->accept(this);
    if (decl_) m->decls.push_back(std::move(decl_));
  }
  return m;
}

// ---------------------------------------------------------------- declarations

antlrcpp::Any AstBuilder::visitImportDecl(P::ImportDeclContext* ctx) {
  decl_ = decl(DeclKind::Import, ctx);
  decl_->str = unescape(ctx->STRING());
  return {};
}

antlrcpp::Any AstBuilder::visitConstDecl(P::ConstDeclContext* ctx) {
  auto d = decl(DeclKind::Const, ctx);
  d->name = ident(ctx->ID());
  d->value = expr(ctx->expr());
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitEnumDecl(P::EnumDeclContext* ctx) {
  auto d = decl(DeclKind::Enum, ctx);
  auto ids = ctx->ID();
  d->name = ident(ids.at(0));
  for (std::size_t i = 1; i < ids.size(); ++i) d->enum_values.push_back(ident(ids[i]));
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitTypeDecl(P::TypeDeclContext* ctx) {
  auto d = decl(DeclKind::TypeAlias, ctx);
  d->name = ident(ctx->ID());
  d->type = type(ctx->typeExpr());
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitVarDecl(P::VarDeclContext* ctx) {
  auto d = decl(DeclKind::Var, ctx);
  P::VarBindingContext* b = ctx->varBinding();
  d->name = ident(b->ID());
  d->type = type(b->typeExpr());
  if (b->init) {
    d->init_kind = b->EQUALS() ? ast::VarInit::Equals : ast::VarInit::In;
    d->value = expr(b->expr());
  }
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitInitiallyDecl(P::InitiallyDeclContext* ctx) {
  decl_ = decl(DeclKind::Initially, ctx);
  decl_->value = expr(ctx->expr());
  return {};
}

antlrcpp::Any AstBuilder::visitConstraintDecl(P::ConstraintDeclContext* ctx) {
  decl_ = decl(DeclKind::Constraint, ctx);
  decl_->value = expr(ctx->expr());
  return {};
}

antlrcpp::Any AstBuilder::visitLockDecl(P::LockDeclContext* ctx) {
  auto d = decl(DeclKind::Lock, ctx);
  d->name = ident(ctx->ID());
  if (ctx->typeExpr()) d->index_type = type(ctx->typeExpr());
  if (auto* k = ctx->lockKind()) {
    if (k->SPINLOCK()) d->lock_kind = ast::LockKind::Spinlock;
    else if (k->RWSEM()) d->lock_kind = ast::LockKind::Rwsem;
    d->queued = k->QUEUED() != nullptr;
  }
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitLockOrderDecl(P::LockOrderDeclContext* ctx) {
  auto d = decl(DeclKind::LockOrder, ctx);
  if (ctx->by) {
    // `lock_order L by index` (docs/adr/0002): `by` and `index` are words here, not keywords.
    d->order.push_back({ident(ctx->ID(0)), nullptr});
    d->nesting_by_index = true;
    if (ctx->by->getText() != "by" || ctx->key->getText() != "index") {
      ast::Ident bad = ident(ctx->by->getText() != "by" ? ctx->by : ctx->key);
      error(DiagCode::E0104, bad.span,
            "expected `<` or `by index` after `lock_order " + ctx->ID(0)->getText() + "`, found `" + bad.name + "`");
    }
  } else {
    for (auto* id : ctx->ID()) d->order.push_back({ident(id), nullptr});
  }
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitDefDecl(P::DefDeclContext* ctx) {
  auto d = decl(DeclKind::Def, ctx);
  d->name = ident(ctx->ID());
  if (ctx->params())
    for (auto* p : ctx->params()->param()) d->params.push_back(param(p));
  d->value = expr(ctx->expr());
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitActionDecl(P::ActionDeclContext* ctx) {
  auto d = decl(DeclKind::Action, ctx);
  d->name = ident(ctx->ID());
  if (ctx->params())
    for (auto* p : ctx->params()->param()) d->params.push_back(param(p));
  d->body = block(ctx->block());
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitProcessDecl(P::ProcessDeclContext* ctx) {
  auto d = decl(DeclKind::Process, ctx);
  d->name = ident(ctx->ID());
  if (ctx->param()) d->params.push_back(param(ctx->param()));
  P::ProcessBodyContext* body = ctx->processBody();
  d->body.span = span(body);
  for (auto* child : body->children) {
    if (auto* local = dynamic_cast<P::LocalVarContext*>(child)) {
      P::VarBindingContext* b = local->varBinding();
      if (!d->body.stmts.empty())
        error(DiagCode::E0104, span(local),
              "local variable '" + b->ID()->getText() +
                  "' is declared after a statement: declare locals at the top of the process body");
      ast::LocalVar v;
      v.name = ident(b->ID());
      v.type = type(b->typeExpr());
      v.span = span(local);
      if (b->init) {
        v.init_kind = b->EQUALS() ? ast::VarInit::Equals : ast::VarInit::In;
        v.value = expr(b->expr());
      }
      d->locals.push_back(std::move(v));
    } else if (auto* s = dynamic_cast<P::StmtContext*>(child)) {
      d->body.stmts.push_back(stmt(s));
    }
  }
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitProcDecl(P::ProcDeclContext* ctx) {
  auto d = decl(DeclKind::Proc, ctx);
  d->name = ident(ctx->ID());
  if (ctx->procParams()) {
    for (auto* p : ctx->procParams()->procParam())
      d->params.push_back({ident(p->ID()), p->typeExpr() ? type(p->typeExpr()) : nullptr});
  }
  d->body = block(ctx->block());
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitInvariantDecl(P::InvariantDeclContext* ctx) {
  auto d = decl(DeclKind::Invariant, ctx);
  d->name = ident(ctx->ID());
  d->value = expr(ctx->expr());
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitCoverDecl(P::CoverDeclContext* ctx) {
  auto d = decl(DeclKind::Cover, ctx);
  d->name = ident(ctx->ID());
  d->value = expr(ctx->expr());
  decl_ = std::move(d);
  return {};
}

antlrcpp::Any AstBuilder::visitCheckDecl(P::CheckDeclContext* ctx) {
  auto d = decl(DeclKind::Check, ctx);
  d->name = ident(ctx->what);
  if (d->name.name != "deadlock" && d->name.name != "lock_order" && d->name.name != "held_at_exit")
    error(DiagCode::E0104, d->name.span,
          "unknown check '" + d->name.name + "': expected deadlock, lock_order or held_at_exit");
  d->check_on = ctx->state->getType() == P::ON;
  decl_ = std::move(d);
  return {};
}

}  // namespace compiler
