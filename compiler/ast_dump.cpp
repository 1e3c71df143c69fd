// compiler: dump_ast: a stable, indented S-expression dump of a module (every node with line:col, and
// `: type` once sema has typed it); used by `weft parse --dump ast` and golden tests.
//
// Shape: `(head attributes @line:col [: type]` then one child per line, indented by two, and `)`
// closing on the last child's line. Leaves fit on one line: `(name x @3:7 : 0..3)`.
#include <sstream>

#include "compiler/frontend.h"
#include "compiler/types.h"

namespace compiler {

namespace {

class Dumper {
 public:
  std::string str() const { return out_.str(); }

  void module(const ast::Module& m) {
    open("module " + m.name.name, m.span);
    for (const auto& d : m.decls) decl(*d);
    close();
    out_ << "\n";
  }

 private:
  // ---- layout
  void open(const std::string& head, const support::SourceSpan& s, const compiler::Type* type = nullptr) {
    if (depth_ > 0) out_ << "\n" << std::string(2 * depth_, ' ');
    out_ << "(" << head << " @" << s.line << ":" << s.col;
    if (type) out_ << " : " << type->str();
    ++depth_;
  }
  void close() {
    --depth_;
    out_ << ")";
  }
  void leaf(const std::string& head, const support::SourceSpan& s, const compiler::Type* type = nullptr) {
    open(head, s, type);
    close();
  }

  static std::string quote(const std::string& s) {
    std::string r = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') r += '\\';
      r += c;
    }
    return r + "\"";
  }

  // ---- types
  void type(const ast::TypeExpr* t) {
    if (!t) return;
    using K = ast::TypeExprKind;
    switch (t->kind) {
      case K::Bool: leaf("type bool", t->span, t->resolved); return;
      case K::Named: leaf("type name " + t->name.name, t->span, t->resolved); return;
      case K::Range:
        open("type range", t->span, t->resolved);
        expr(t->lo.get());
        expr(t->hi.get());
        break;
      case K::SetOf:
        open("type set-of", t->span, t->resolved);
        type(t->elem.get());
        break;
      case K::Function:
        open("type function", t->span, t->resolved);
        type(t->elem.get());
        type(t->elem2.get());
        break;
      case K::Record:
        open("type record", t->span, t->resolved);
        for (const auto& f : t->fields) {
          open("field " + f.name.name, f.name.span);
          type(f.type.get());
          close();
        }
        break;
      case K::SeqOf:
        open("type seq-of", t->span, t->resolved);
        type(t->elem.get());
        expr(t->hi.get());
        break;
    }
    close();
  }

  // ---- expressions
  void binder(const ast::Binder& b) {
    open("binder " + b.name.name, b.name.span);
    expr(b.set.get());
    close();
  }

  static const char* expr_head(ast::ExprKind k) {
    using K = ast::ExprKind;
    switch (k) {
      case K::Call: return "call";
      case K::Index: return "index";
      case K::Prime: return "prime";
      case K::SetLit: return "set";
      case K::SetFilter: return "set-filter";
      case K::SetMap: return "set-map";
      case K::FuncCtor: return "func";
      case K::SeqLit: return "seq";
      case K::If: return "if";
      case K::Forall: return "forall";
      case K::Exists: return "exists";
      case K::Sum: return "sum";
      case K::Let: return "let";
      case K::FuncUpdate: return "func-update";
      case K::TypeAsSet: return "type-as-set";
      default: return "?";
    }
  }

  void expr(const ast::Expr* e) {
    if (!e) return;
    using K = ast::ExprKind;
    const compiler::Type* ty = e->type;
    switch (e->kind) {
      case K::IntLit: leaf("int " + std::to_string(e->int_value), e->span, ty); return;
      case K::BoolLit: leaf(std::string("bool ") + (e->bool_value ? "true" : "false"), e->span, ty); return;
      case K::StringLit: leaf("string " + quote(e->str_value), e->span, ty); return;
      case K::Name: leaf("name " + e->name, e->span, ty); return;
      case K::Qualified: leaf("qualified " + e->name + "." + e->field, e->span, ty); return;
      case K::Self: leaf("self", e->span, ty); return;
      case K::Unary: open(e->op == ast::Op::Not ? "not" : "neg", e->span, ty); break;
      case K::Binary: open(std::string("binary ") + ast::op_spelling(e->op), e->span, ty); break;
      case K::Field: open("field ." + e->field, e->span, ty); break;
      case K::At: open("at " + e->field, e->span, ty); break;
      case K::RecordUpdate: open("record-update ." + e->field, e->span, ty); break;
      case K::Call: open("call " + e->name, e->span, ty); break;
      case K::RecordCtor:
        open("record", e->span, ty);
        for (std::size_t i = 0; i < e->fields.size() && i < e->args.size(); ++i) {
          open("field " + e->fields[i].name, e->fields[i].span);
          expr(e->args[i].get());
          close();
        }
        close();
        return;
      case K::TypeAsSet:
        open("type-as-set", e->span, ty);
        type(e->type_expr.get());
        close();
        return;
      default: open(expr_head(e->kind), e->span, ty); break;
    }
    // Binders come first except for a set map, whose element is written before them.
    if (e->kind == K::SetMap && !e->args.empty()) {
      expr(e->args[0].get());
      for (const auto& b : e->binders) binder(b);
    } else {
      for (const auto& b : e->binders) binder(b);
      for (const auto& a : e->args) expr(a.get());
    }
    close();
  }

  // ---- statements
  void block(const ast::Block& b) {
    open("block", b.span);
    for (const auto& s : b.stmts) stmt(*s);
    close();
  }

  static const char* stmt_head(ast::StmtKind k) {
    using K = ast::StmtKind;
    switch (k) {
      case K::Assign: return "assign";
      case K::PrimedAssign: return "primed-assign";
      case K::Require: return "require";
      case K::Await: return "await";
      case K::Acquire: return "acquire";
      case K::Release: return "release";
      case K::Assert: return "assert";
      case K::Skip: return "skip";
      case K::Atomic: return "atomic";
      case K::If: return "if";
      case K::While: return "while";
      case K::Loop: return "loop";
      case K::Break: return "break";
      case K::Either: return "either";
      case K::With: return "with";
      case K::Call: return "call-proc";
    }
    return "?";
  }

  void stmt(const ast::Stmt& s) {
    using K = ast::StmtKind;
    std::string head = stmt_head(s.kind);
    if (s.kind == K::Acquire && s.mode != ast::LockMode::Default)
      head += s.mode == ast::LockMode::Shared ? " shared" : " exclusive";
    if (s.kind == K::Assert) head += " " + quote(s.message);
    if (s.kind == K::Call) head += " " + s.name;
    if (s.label) head += " label=" + s.label->name;
    open(head, s.span);
    for (const auto& b : s.binders) binder(b);
    if (s.kind == K::If) {  // condition, block, condition, block, ..., [else block]
      for (std::size_t i = 0; i < s.blocks.size(); ++i) {
        if (i < s.exprs.size()) expr(s.exprs[i].get());
        block(s.blocks[i]);
      }
    } else {
      for (const auto& x : s.exprs) expr(x.get());
      for (const auto& b : s.blocks) block(b);
    }
    close();
  }

  // ---- declarations
  void param(const ast::Param& p) {
    open("param " + p.name.name, p.name.span);
    type(p.type.get());
    close();
  }

  static const char* init_name(ast::VarInit k) {
    switch (k) {
      case ast::VarInit::Equals: return " init=equals";
      case ast::VarInit::In: return " init=in";
      default: return "";
    }
  }

  void decl(const ast::Decl& d) {
    using K = ast::DeclKind;
    const compiler::Type* ty = d.resolved_type;
    switch (d.kind) {
      case K::Import: leaf("import " + quote(d.str), d.span); return;
      case K::Const: open("const " + d.name.name, d.span, ty); break;
      case K::Enum: {
        std::string head = "enum " + d.name.name;
        for (const auto& v : d.enum_values) head += " " + v.name;
        leaf(head, d.span, ty);
        return;
      }
      case K::TypeAlias: open("type-alias " + d.name.name, d.span, ty); break;
      case K::Var: open("var " + d.name.name + init_name(d.init_kind), d.span, ty); break;
      case K::Initially: open("initially", d.span); break;
      case K::Constraint: open("constraint", d.span); break;
      case K::Lock: {
        std::string head = "lock " + d.name.name;
        head += d.lock_kind == ast::LockKind::Mutex ? " mutex"
                : d.lock_kind == ast::LockKind::Spinlock ? " spinlock" : " rwsem";
        if (d.queued) head += " queued";
        open(head, d.span);
        break;
      }
      case K::LockOrder: {
        std::string head = "lock-order";
        for (const auto& item : d.order) head += " " + item.lock.name;
        if (d.nesting_by_index) head += " by index";
        leaf(head, d.span);
        return;
      }
      case K::Def: open("def " + d.name.name, d.span, ty); break;
      case K::Action: open("action " + d.name.name, d.span); break;
      case K::Process: open("process " + d.name.name, d.span); break;
      case K::Proc: open("proc " + d.name.name, d.span); break;
      case K::Invariant: open("invariant " + d.name.name, d.span); break;
      case K::Cover: open("cover " + d.name.name, d.span); break;
      case K::Check:
        leaf("check " + d.name.name + (d.check_on ? " on" : " off"), d.span);
        return;
    }
    for (const auto& p : d.params) param(p);
    type(d.type.get());
    type(d.index_type.get());
    for (const auto& v : d.locals) {
      open("local " + v.name.name + init_name(v.init_kind), v.span, v.resolved_type);
      type(v.type.get());
      expr(v.value.get());
      close();
    }
    expr(d.value.get());
    if (d.kind == K::Action || d.kind == K::Process || d.kind == K::Proc) block(d.body);
    close();
  }

  std::ostringstream out_;
  int depth_ = 0;
};

}  // namespace

std::string dump_ast(const ast::Module& module, const support::SourceManager& sm) {
  (void)sm;  // spans carry their own line:col
  Dumper d;
  d.module(module);
  return d.str();
}

}  // namespace compiler
