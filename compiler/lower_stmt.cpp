// compiler (lower): statements in tree form: an action body or an atomic block becomes one
// ir::Stmt tree (Guard/Assign/If/Either/Choose/Assert/Fail/LockEvent) run in order against the
// state being built; also the process step statements (assignment, await, acquire, ...).
#include "compiler/lower_internal.h"

namespace compiler::lowering {

using ast::StmtKind;
using ir::StmtOp;

const ir::Stmt* Lowerer::seq(std::vector<const ir::Stmt*> children, SourceSpan span) {
  auto* s = sys_.new_stmt();
  s->op = StmtOp::Seq;
  s->span = span;
  for (const auto* ch : children) {
    if (!ch) continue;
    if (ch->op == StmtOp::Seq && ch->children.empty()) continue;
    s->children.push_back(ch);
  }
  return s;
}

const ir::Stmt* Lowerer::guard(const ir::Expr* e, SourceSpan span) {
  if (is_const(e, 1)) return seq({});
  auto* s = sys_.new_stmt();
  s->op = StmtOp::Guard;
  s->expr = e;
  s->span = span;
  return s;
}

const ir::Stmt* Lowerer::assign(std::uint32_t var, const ir::Expr* value, SourceSpan span) {
  auto* s = sys_.new_stmt();
  s->op = StmtOp::Assign;
  s->var = var;
  s->expr = value;
  s->span = span;
  return s;
}

const ir::Stmt* Lowerer::if_(const ir::Expr* cond, const ir::Stmt* then_s, const ir::Stmt* else_s,
                             SourceSpan span) {
  if (cond->op == ir::ExprOp::Const) return cond->value ? then_s : else_s;
  auto* s = sys_.new_stmt();
  s->op = StmtOp::If;
  s->expr = cond;
  s->children = {then_s, else_s ? else_s : seq({})};
  s->span = span;
  return s;
}

const ir::Stmt* Lowerer::fail(const std::string& category, SourceSpan span) {
  auto* s = sys_.new_stmt();
  s->op = StmtOp::Fail;
  s->message = category;
  s->span = span;
  return s;
}

const ir::Stmt* Lowerer::block_stmts(const ast::Block& b, Ctx& c, const ast::Stmt* grant) {
  std::vector<const ir::Stmt*> out;
  for (const auto& s : b.stmts)
    if (s) out.push_back(stmt(*s, c, grant));
  return seq(std::move(out), b.span);
}

bool Lowerer::target(const ast::Expr& t, Ctx& c, std::uint32_t& var,
                     std::vector<ir::PathElem>& path) {
  switch (t.kind) {
    case ast::ExprKind::Name: {
      if (t.ref.kind == ast::RefKind::GlobalVar) {
        auto it = globals_.find(t.ref.decl);
        if (it == globals_.end()) break;
        var = it->second;
        return true;
      }
      if (t.ref.kind == ast::RefKind::LocalVar || t.ref.kind == ast::RefKind::Unresolved) {
        if (c.instance < 0) break;
        auto it = insts_[c.instance].locals.find(t.name);
        if (it == insts_[c.instance].locals.end()) {
          error(DiagCode::E0215, t.span,
                "process `" + procs_[insts_[c.instance].proc].decl->name.name +
                    "` has no local variable `" + t.name + "`");
          return false;
        }
        var = it->second;
        return true;
      }
      if (t.ref.kind == ast::RefKind::Param && t.ref.decl &&
          t.ref.decl->kind == ast::DeclKind::Proc) {
        // Macro semantics: a parameter stands for its argument, which must be assignable.
        auto idx = static_cast<std::size_t>(std::max(t.ref.index, 0));
        for (const CallFrame* f = c.call; f; f = f->parent) {
          if (f->proc != t.ref.decl) continue;
          if (!f->args || idx >= f->args->size()) break;
          Ctx c2 = c;
          c2.call = f->parent;
          return target(*(*f->args)[idx], c2, var, path);
        }
      }
      break;
    }
    case ast::ExprKind::Index: {
      if (!target(*t.args[0], c, var, path)) return false;
      ir::PathElem pe;
      pe.index = expr(*t.args[1], c);
      path.push_back(pe);
      return true;
    }
    case ast::ExprKind::Field: {
      const Type* rt = t.args[0]->type;
      int idx = rt ? rt->field_index(t.field) : -1;
      if (idx < 0) break;
      if (!target(*t.args[0], c, var, path)) return false;
      ir::PathElem pe;
      pe.field = true;
      pe.slot = static_cast<std::uint32_t>(idx);
      path.push_back(pe);
      return true;
    }
    default:
      break;
  }
  error(DiagCode::E0316, t.span, "cannot assign to this");
  return false;
}

const ir::Stmt* Lowerer::assignment(const ast::Stmt& s, Ctx& c, bool primed) {
  std::uint32_t var = 0;
  std::vector<ir::PathElem> path;
  if (!target(*s.exprs[0], c, var, path)) return seq({});
  auto* a = sys_.new_stmt();
  a->op = StmtOp::Assign;
  a->span = s.span;
  a->var = var;
  a->path = std::move(path);
  a->expr = expr(*s.exprs[1], c);
  a->once = primed && !a->path.empty();
  return a;
}

const ir::Stmt* Lowerer::with_stmt(const ast::Stmt& s, std::size_t i, Ctx c,
                                   const ast::Stmt* grant) {
  if (i == s.binders.size())
    return s.blocks.empty() ? seq({}) : block_stmts(s.blocks[0], c, grant);
  const ast::Binder& b = s.binders[i];
  auto* ch = sys_.new_stmt();
  ch->op = StmtOp::Choose;
  ch->span = s.span;
  ch->binder.set = expr(*b.set, c);
  ch->binder.slot = alloc_slot(c);
  c.binders[&b] = {false, ch->binder.slot};
  ch->children = {with_stmt(s, i + 1, c, grant)};
  return ch;
}

const ir::Stmt* Lowerer::stmt(const ast::Stmt& s, Ctx& c, const ast::Stmt* grant) {
  switch (s.kind) {
    case StmtKind::Assign:
      return assignment(s, c, false);
    case StmtKind::PrimedAssign:
      return assignment(s, c, true);
    case StmtKind::Require:
    case StmtKind::Await:
      return guard(expr(*s.exprs[0], c), s.span);
    case StmtKind::Acquire:
      return acquire(s, c, &s == grant ? AcquireStep::Grant : AcquireStep::Combined);
    case StmtKind::Release:
      return release(s, c);
    case StmtKind::Assert: {
      auto* a = sys_.new_stmt();
      a->op = StmtOp::Assert;
      a->span = s.span;
      a->expr = expr(*s.exprs[0], c);
      a->message = s.message;
      a->property = s.label ? s.label->name : "assert@" + sys_.location(s.span);
      return a;
    }
    case StmtKind::Skip:
      return seq({}, s.span);
    case StmtKind::Atomic:
      return s.blocks.empty() ? seq({}) : block_stmts(s.blocks[0], c, grant);
    case StmtKind::If: {
      const ir::Stmt* rest =
          s.blocks.size() > s.exprs.size() ? block_stmts(s.blocks.back(), c, grant) : seq({});
      for (std::size_t i = s.exprs.size(); i-- > 0;) {
        auto* cond = expr(*s.exprs[i], c);
        rest = if_(cond, block_stmts(s.blocks[i], c, grant), rest, s.span);
      }
      return rest;
    }
    case StmtKind::Either: {
      auto* e = sys_.new_stmt();
      e->op = StmtOp::Either;
      e->span = s.span;
      for (const auto& b : s.blocks) e->children.push_back(block_stmts(b, c, grant));
      return e;
    }
    case StmtKind::With:
      return with_stmt(s, 0, c, grant);
    case StmtKind::Call: {
      if (!s.callee) {
        error(DiagCode::E0211, s.span, "unknown proc `" + s.name + "`");
        return seq({});
      }
      if (frames_.size() > 100000) {
        error(DiagCode::E0213, s.span, "proc calls expand too deeply");
        return seq({});
      }
      int depth = 0;
      for (const CallFrame* f = c.call; f; f = f->parent) ++depth;
      if (depth > 64) {
        error(DiagCode::E0213, s.span, "proc calls nest too deeply (recursion?)");
        return seq({});
      }
      frames_.push_back({s.callee, &s.exprs, c.call});
      Ctx c2 = c;
      c2.call = &frames_.back();
      return block_stmts(s.callee->body, c2, grant);
    }
    case StmtKind::While:
    case StmtKind::Loop:
    case StmtKind::Break:
      error(DiagCode::E0406, s.span,
            c.action ? "loops are not allowed in an action"
                     : "loops inside an `atomic` block are not supported yet; write the loop "
                       "outside the block");
      return seq({});
  }
  return seq({});
}

}  // namespace compiler::lowering
