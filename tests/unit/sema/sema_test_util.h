// tests/sema: helpers: run the whole front end (compiler::check_loaded) on a text, look up
// diagnostics by code and line, and find declarations and expressions of the typed AST.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "compiler/ast.h"
#include "compiler/frontend.h"
#include "compiler/types.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace sema_test {

struct Checked {
  support::SourceManager sm;
  support::DiagnosticSink diags;
  support::FileId file = support::kNoFile;
  std::unique_ptr<compiler::CheckedModule> result;

  std::string rendered() const { return diags.render(sm); }

  // Errors with this code (and, when line > 0, starting on this line of the main file).
  std::size_t count(const std::string& code, std::uint32_t line = 0) const {
    std::size_t n = 0;
    for (const auto& d : diags.all()) {
      if (d.severity != support::Severity::Error || support::code_name(d.code) != code) continue;
      if (line && d.span.line != line) continue;
      ++n;
    }
    return n;
  }
  bool has(const std::string& code, std::uint32_t line = 0) const { return count(code, line) > 0; }

  const support::Diagnostic* find(const std::string& code) const {
    for (const auto& d : diags.all())
      if (support::code_name(d.code) == code) return &d;
    return nullptr;
  }

  const ast::Module& module() const { return *result->module; }

  const ast::Decl* decl(const std::string& name) const {
    if (!result) return nullptr;
    for (const auto& d : result->module->decls)
      if (d && d->name.name == name) return d.get();
    return nullptr;
  }
};

inline std::unique_ptr<Checked> check(const std::string& text,
                                      std::vector<compiler::ConstOverride> overrides = {},
                                      const std::map<std::string, std::string>& extra_files = {}) {
  auto c = std::make_unique<Checked>();
  for (const auto& [path, body] : extra_files) c->sm.add(path, body);
  c->file = c->sm.add("test.weft", text);
  compiler::FrontendOptions options;
  options.overrides = std::move(overrides);
  c->result = compiler::check_loaded(c->sm, c->file, options, c->diags);
  return c;
}

// Checks text that must be valid; fails the test (with the diagnostics) otherwise.
inline std::unique_ptr<Checked> check_ok(const std::string& text,
                                         std::vector<compiler::ConstOverride> overrides = {}) {
  auto c = check(text, std::move(overrides));
  EXPECT_TRUE(c->result != nullptr) << c->rendered();
  EXPECT_FALSE(c->diags.has_errors()) << c->rendered();
  return c;
}

// Expects exactly the errors listed (code, line), in any order; prints the diagnostics otherwise.
inline void expect_errors(const Checked& c, const std::vector<std::pair<std::string, std::uint32_t>>& want) {
  EXPECT_EQ(c.result, nullptr);
  std::size_t errors = 0;
  for (const auto& d : c.diags.all())
    if (d.severity == support::Severity::Error) ++errors;
  EXPECT_EQ(errors, want.size()) << c.rendered();
  for (const auto& [code, line] : want) EXPECT_TRUE(c.has(code, line)) << "missing " << code << " at line " << line
                                                                        << "\n" << c.rendered();
}

inline void visit_expr(const ast::Expr* e, const std::function<void(const ast::Expr&)>& f) {
  if (!e) return;
  f(*e);
  for (const auto& a : e->args) visit_expr(a.get(), f);
  for (const auto& b : e->binders) visit_expr(b.set.get(), f);
}

inline void visit_block(const ast::Block& b, const std::function<void(const ast::Expr&)>& f);
inline void visit_stmt(const ast::Stmt& s, const std::function<void(const ast::Expr&)>& f) {
  for (const auto& e : s.exprs) visit_expr(e.get(), f);
  for (const auto& b : s.binders) visit_expr(b.set.get(), f);
  for (const auto& b : s.blocks) visit_block(b, f);
}
inline void visit_block(const ast::Block& b, const std::function<void(const ast::Expr&)>& f) {
  for (const auto& s : b.stmts)
    if (s) visit_stmt(*s, f);
}

inline void visit_decl(const ast::Decl& d, const std::function<void(const ast::Expr&)>& f) {
  visit_expr(d.value.get(), f);
  for (const auto& l : d.locals) visit_expr(l.value.get(), f);
  visit_block(d.body, f);
}

// The first expression of `d` (preorder) for which `pred` holds, or null.
inline const ast::Expr* find_expr(const ast::Decl* d, const std::function<bool(const ast::Expr&)>& pred) {
  const ast::Expr* found = nullptr;
  if (!d) return nullptr;
  visit_decl(*d, [&](const ast::Expr& e) {
    if (!found && pred(e)) found = &e;
  });
  return found;
}

// The first Name expression called `name` in `d`.
inline const ast::Expr* find_name(const ast::Decl* d, const std::string& name) {
  return find_expr(d, [&](const ast::Expr& e) { return e.kind == ast::ExprKind::Name && e.name == name; });
}

inline std::string type_str(const compiler::Type* t) { return t ? t->str() : "<null>"; }

// Every expression of every declaration has a type after a successful check (strings and the
// bases of instance expressions included).
inline std::vector<std::string> untyped_exprs(const Checked& c) {
  std::vector<std::string> out;
  for (const auto& d : c.result->module->decls) {
    if (!d) continue;
    visit_decl(*d, [&](const ast::Expr& e) {
      if (!e.type) out.push_back(d->name.name + ":" + std::to_string(e.span.line) + ":" + std::to_string(e.span.col));
    });
  }
  return out;
}

}  // namespace sema_test
