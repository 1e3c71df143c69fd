// tests/frontend: helpers: parse a text with compiler::parse_file, and print an expression in a
// compact fully parenthesised form so precedence tests read like the source.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "compiler/ast.h"
#include "compiler/frontend.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace frontend_test {

struct Parsed {
  support::SourceManager sm;
  support::DiagnosticSink diags;
  support::FileId file = support::kNoFile;
  std::unique_ptr<ast::Module> module;

  std::string rendered() const { return diags.render(sm); }
  // The first diagnostic (tests of one error).
  const support::Diagnostic& first() const { return diags.all().at(0); }
};

inline std::unique_ptr<Parsed> parse(const std::string& text, const std::string& path = "test.weft") {
  auto p = std::make_unique<Parsed>();
  p->file = p->sm.add(path, text);
  p->module = compiler::parse_file(p->sm, p->file, p->diags);
  return p;
}

// Parses text that must be valid; fails the test (with the diagnostics) otherwise.
inline std::unique_ptr<Parsed> parse_ok(const std::string& text) {
  auto p = parse(text);
  EXPECT_TRUE(p->module) << p->rendered();
  EXPECT_FALSE(p->diags.has_errors()) << p->rendered();
  return p;
}

inline std::string compact(const ast::Expr& e);
inline std::string compact_type(const ast::TypeExpr& t);

inline std::string compact_binders(const std::vector<ast::Binder>& bs, const char* sep = " in ") {
  std::string r;
  for (std::size_t i = 0; i < bs.size(); ++i) {
    if (i) r += ", ";
    r += bs[i].name.name + sep + (bs[i].set ? compact(*bs[i].set) : "?");
  }
  return r;
}

inline std::string compact_list(const std::vector<ast::ExprPtr>& xs) {
  std::string r;
  for (std::size_t i = 0; i < xs.size(); ++i) r += (i ? ", " : "") + compact(*xs[i]);
  return r;
}

inline std::string compact_type(const ast::TypeExpr& t) {
  using K = ast::TypeExprKind;
  switch (t.kind) {
    case K::Bool: return "bool";
    case K::Named: return t.name.name;
    case K::Range: return "(" + compact(*t.lo) + ".." + compact(*t.hi) + ")";
    case K::SetOf: return "(set of " + compact_type(*t.elem) + ")";
    case K::Function: return "([" + compact_type(*t.elem) + "] -> " + compact_type(*t.elem2) + ")";
    case K::SeqOf: return "(seq of " + compact_type(*t.elem) + " max " + compact(*t.hi) + ")";
    case K::Record: {
      std::string r = "[";
      for (std::size_t i = 0; i < t.fields.size(); ++i)
        r += (i ? ", " : "") + t.fields[i].name.name + ": " + compact_type(*t.fields[i].type);
      return r + "]";
    }
  }
  return "?";
}

inline std::string compact(const ast::Expr& e) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::IntLit: return std::to_string(e.int_value);
    case K::BoolLit: return e.bool_value ? "true" : "false";
    case K::StringLit: return "\"" + e.str_value + "\"";
    case K::Name: return e.name;
    case K::Qualified: return e.name + "::" + e.field;
    case K::Self: return "self";
    case K::Unary: return std::string("(") + (e.op == ast::Op::Not ? "not " : "-") + compact(*e.args[0]) + ")";
    case K::Binary:
      return "(" + compact(*e.args[0]) + " " + ast::op_spelling(e.op) + " " + compact(*e.args[1]) + ")";
    case K::Call: return e.name + "(" + compact_list(e.args) + ")";
    case K::Index: return compact(*e.args[0]) + "[" + compact(*e.args[1]) + "]";
    case K::Field: return compact(*e.args[0]) + "." + e.field;
    case K::Prime: return compact(*e.args[0]) + "'";
    case K::At: return compact(*e.args[0]) + "@" + e.field;
    case K::SetLit: return "{" + compact_list(e.args) + "}";
    case K::SetFilter: return "{" + compact_binders(e.binders) + " : " + compact(*e.args[0]) + "}";
    case K::SetMap: return "{" + compact(*e.args[0]) + " : " + compact_binders(e.binders) + "}";
    case K::FuncCtor: return "[" + compact_binders(e.binders) + " |-> " + compact(*e.args[0]) + "]";
    case K::RecordCtor: {
      std::string r = "[";
      for (std::size_t i = 0; i < e.fields.size(); ++i)
        r += (i ? ", " : "") + e.fields[i].name + " |-> " + compact(*e.args[i]);
      return r + "]";
    }
    case K::SeqLit: return "<<" + compact_list(e.args) + ">>";
    case K::If:
      return "(if " + compact(*e.args[0]) + " then " + compact(*e.args[1]) + " else " + compact(*e.args[2]) + ")";
    case K::Forall: return "(forall " + compact_binders(e.binders) + ": " + compact(*e.args[0]) + ")";
    case K::Exists: return "(exists " + compact_binders(e.binders) + ": " + compact(*e.args[0]) + ")";
    case K::Sum: return "(sum " + compact_binders(e.binders) + ": " + compact(*e.args[0]) + ")";
    case K::Let: return "(let " + compact_binders(e.binders, " = ") + " in " + compact(*e.args[0]) + ")";
    case K::FuncUpdate:
      return "(" + compact(*e.args[0]) + " with [" + compact(*e.args[1]) + "] = " + compact(*e.args[2]) + ")";
    case K::RecordUpdate: return "(" + compact(*e.args[0]) + " with ." + e.field + " = " + compact(*e.args[1]) + ")";
    case K::TypeAsSet: return "type:" + compact_type(*e.type_expr);
  }
  return "?";
}

// The compact form of `def x = <text>`, or "ERROR: <diagnostics>".
inline std::string shape(const std::string& expr_text) {
  auto p = parse("module t\ndef x = " + expr_text + "\n");
  if (!p->module) return "ERROR: " + p->rendered();
  if (p->module->decls.size() != 1 || !p->module->decls[0]->value) return "ERROR: not one def";
  return compact(*p->module->decls[0]->value);
}

// The source text a span covers.
inline std::string text_of(const Parsed& p, const support::SourceSpan& s) {
  return p.sm.file(s.file).text.substr(s.begin, s.end - s.begin);
}

}  // namespace frontend_test
