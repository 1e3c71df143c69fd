// compiler (sema): labels, proc call graph, statement placement, break and atomic rules.
#include "compiler/statement_rules.h"

#include <functional>

namespace compiler::sema {

using ast::StmtKind;

// ---------------------------------------------------------------- collection

namespace {

struct CallSite {
  const ast::Decl* callee;
  SourceSpan span;
};

class Collector {
 public:
  Collector(const GlobalScope& g, Reporter& r, BodyInfo& info) : globals_(g), rep_(r), info_(info) {}

  void body(const ast::Decl& d) {
    first_label_.clear();
    info_.labels[&d];  // a body without labels still has an entry
    block(d, d.body);
  }

  std::map<const ast::Decl*, std::vector<CallSite>> sites;

 private:
  void block(const ast::Decl& d, const ast::Block& b) {
    for (const auto& s : b.stmts)
      if (s) stmt(d, *s);
  }

  void stmt(const ast::Decl& d, const ast::Stmt& s) {
    if (s.label && !s.label->name.empty()) {
      auto [it, inserted] = first_label_.emplace(s.label->name, s.label->span);
      if (!inserted) {
        auto& diag = rep_.error(DiagCode::E0208, s.label->span,
                                "label `" + s.label->name + "` is used twice in " +
                                    decl_kind_name(d.kind) + " `" + d.name.name + "`");
        diag.notes.push_back({it->second, "first used here"});
      }
      info_.labels[&d].insert(s.label->name);
    }
    if (s.kind == StmtKind::Call) {
      const ast::Decl* callee = globals_.find(s.name);
      if (callee && callee->kind == ast::DeclKind::Proc) {
        info_.calls[&d].push_back(callee);
        sites[&d].push_back({callee, s.span});
      }
    }
    for (const auto& b : s.blocks) block(d, b);
  }

  const GlobalScope& globals_;
  Reporter& rep_;
  BodyInfo& info_;
  std::map<std::string, SourceSpan> first_label_;
};

// Finds call cycles among procs (E0213), once per back edge of a depth-first search.
void find_recursion(const GlobalScope& globals, const std::map<const ast::Decl*, std::vector<CallSite>>& sites,
                    Reporter& rep, BodyInfo& info) {
  std::map<const ast::Decl*, int> color;  // 0 white, 1 on stack, 2 done
  std::vector<const ast::Decl*> stack;
  std::function<void(const ast::Decl*)> dfs = [&](const ast::Decl* p) {
    color[p] = 1;
    stack.push_back(p);
    auto it = sites.find(p);
    if (it != sites.end()) {
      for (const auto& site : it->second) {
        int c = color[site.callee];
        if (c == 0) {
          dfs(site.callee);
        } else if (c == 1) {
          std::string chain;
          std::size_t k = stack.size();
          while (k > 0 && stack[k - 1] != site.callee) --k;
          for (std::size_t i = k == 0 ? 0 : k - 1; i < stack.size(); ++i) {
            chain += stack[i]->name.name + " -> ";
            info.recursive.insert(stack[i]);
          }
          chain += site.callee->name.name;
          rep.error(DiagCode::E0213, site.span,
                    "proc `" + site.callee->name.name + "` is called recursively (" + chain +
                        "); procs are expanded inline and cannot recurse");
        }
      }
    }
    stack.pop_back();
    color[p] = 2;
  };
  for (const ast::Decl* p : globals.procs())
    if (color[p] == 0) dfs(p);
}

}  // namespace

std::set<std::string> BodyInfo::reachable_labels(const ast::Decl* process) const {
  std::set<std::string> out;
  std::set<const ast::Decl*> seen;
  std::vector<const ast::Decl*> work{process};
  while (!work.empty()) {
    const ast::Decl* d = work.back();
    work.pop_back();
    if (!seen.insert(d).second) continue;
    auto l = labels.find(d);
    if (l != labels.end()) out.insert(l->second.begin(), l->second.end());
    auto c = calls.find(d);
    if (c != calls.end()) work.insert(work.end(), c->second.begin(), c->second.end());
  }
  return out;
}

BodyInfo collect_bodies(const ast::Module& module, const GlobalScope& globals, Reporter& rep) {
  BodyInfo info;
  Collector c(globals, rep, info);
  for (const auto& d : module.decls)
    if (d && (d->kind == ast::DeclKind::Process || d->kind == ast::DeclKind::Proc)) c.body(*d);
  find_recursion(globals, c.sites, rep, info);
  return info;
}

// ---------------------------------------------------------------- rules after typing

namespace {

enum class BodyMode { Action, Process };

const char* stmt_name(StmtKind k) {
  switch (k) {
    case StmtKind::Assign: return "`:=`";
    case StmtKind::PrimedAssign: return "primed assignment";
    case StmtKind::Require: return "`require`";
    case StmtKind::Await: return "`await`";
    case StmtKind::Acquire: return "`acquire`";
    case StmtKind::Release: return "`release`";
    case StmtKind::Assert: return "`assert`";
    case StmtKind::Skip: return "`skip`";
    case StmtKind::Atomic: return "`atomic`";
    case StmtKind::If: return "`if`";
    case StmtKind::While: return "`while`";
    case StmtKind::Loop: return "`loop`";
    case StmtKind::Break: return "`break`";
    case StmtKind::Either: return "`either`";
    case StmtKind::With: return "`with`";
    case StmtKind::Call: return "`call`";
  }
  return "statement";
}

// The hint for a statement that is not allowed in this kind of body, or null if allowed.
const char* placement_hint(BodyMode mode, StmtKind k) {
  if (mode == BodyMode::Action) {
    switch (k) {
      case StmtKind::Assign: return "use `x' = e` in an action; `:=` is for processes";
      case StmtKind::Await: return "use `require e` in an action; `await` is for processes";
      case StmtKind::Acquire:
      case StmtKind::Release:
        return "locks are acquired and released by processes; an action may only test them "
               "with `locked(L)` or `holds(p, L)`";
      case StmtKind::Atomic: return "an action is already one atomic step";
      case StmtKind::While:
      case StmtKind::Loop:
      case StmtKind::Break:
        return "loops are for processes; an action is a single step";
      case StmtKind::Call: return "procs are called from processes; use a def to share an expression";
      default: return nullptr;
    }
  }
  switch (k) {
    case StmtKind::Require: return "use `await e` in a process; `require` is for actions";
    case StmtKind::PrimedAssign: return "use `x := e` in a process; `x' = e` is for actions";
    default: return nullptr;
  }
}

bool is_simple(StmtKind k) {
  switch (k) {
    case StmtKind::Assign:
    case StmtKind::PrimedAssign:
    case StmtKind::Require:
    case StmtKind::Await:
    case StmtKind::Acquire:
    case StmtKind::Release:
    case StmtKind::Assert:
    case StmtKind::Skip:
      return true;
    default:
      return false;
  }
}

// Paths reaching a point inside an atomic block: `fresh` if on some path no simple statement
// ran yet (the next one is the block's first step), `later` if on some path one already ran.
struct Flow {
  bool fresh = false;
  bool later = false;
  Flow operator|(const Flow& o) const { return {fresh || o.fresh, later || o.later}; }
  bool operator==(const Flow& o) const = default;
};

class AtomicChecker {
 public:
  AtomicChecker(Reporter& rep, const ast::Stmt& atomic) : rep_(rep), atomic_(atomic) {}

  Flow block(const ast::Block& b, Flow in) {
    for (const auto& s : b.stmts)
      if (s) in = stmt(*s, in);
    return in;
  }

 private:
  Flow stmt(const ast::Stmt& s, Flow in) {
    if (is_simple(s.kind)) {
      bool blocking = s.kind == StmtKind::Await || s.kind == StmtKind::Acquire;
      if (blocking && in.later) {
        auto& d = rep_.error(DiagCode::E0403, s.span,
                             std::string(stmt_name(s.kind)) +
                                 " may block here, but only the first statement of an `atomic` "
                                 "block may block");
        d.notes.push_back({atomic_.span, "the atomic block starts here"});
      }
      if (!in.fresh && !in.later) return in;  // unreachable
      return {false, true};
    }
    switch (s.kind) {
      case StmtKind::Atomic:
      case StmtKind::With:
        return s.blocks.empty() ? in : block(s.blocks[0], in);
      case StmtKind::If: {
        Flow out;
        for (const auto& b : s.blocks) out = out | block(b, in);
        if (s.blocks.size() <= s.exprs.size()) out = out | in;  // no else: the tests may all fail
        return out;
      }
      case StmtKind::Either: {
        if (s.blocks.empty()) return in;
        Flow out;
        for (const auto& b : s.blocks) out = out | block(b, in);
        return out;
      }
      case StmtKind::While:
      case StmtKind::Loop: {
        if (s.blocks.empty()) return in;
        Flow head = in;
        for (int i = 0; i < 4; ++i) {
          Flow next = head | block(s.blocks[0], head);
          if (next == head) break;
          head = next;
        }
        return head;
      }
      case StmtKind::Call: {
        if (!s.callee || !visiting_.insert(s.callee).second) return in;
        Flow out = block(s.callee->body, in);
        visiting_.erase(s.callee);
        return out;
      }
      default:
        return in;
    }
  }

  Reporter& rep_;
  const ast::Stmt& atomic_;
  std::set<const ast::Decl*> visiting_;
};

class RuleWalker {
 public:
  RuleWalker(Reporter& rep, const ast::Decl& owner, BodyMode mode)
      : rep_(rep), owner_(owner), mode_(mode) {}

  void block(const ast::Block& b, int loops, bool in_atomic) {
    for (const auto& s : b.stmts)
      if (s) stmt(*s, loops, in_atomic);
  }

 private:
  void stmt(const ast::Stmt& s, int loops, bool in_atomic) {
    if (mode_ == BodyMode::Action && s.label) {
      rep_.error(DiagCode::E0406, s.label->span,
                 "labels name process steps; an action is a single step and has no labels");
    }
    if (const char* hint = placement_hint(mode_, s.kind)) {
      auto& d = rep_.error(DiagCode::E0406, s.span,
                           std::string(stmt_name(s.kind)) + " is not allowed in " +
                               (mode_ == BodyMode::Action ? "an action" : "a process or proc"));
      d.notes.push_back({SourceSpan{}, hint});
    }
    switch (s.kind) {
      case StmtKind::Break:
        if (loops == 0 && mode_ == BodyMode::Process) {
          auto& d = rep_.error(DiagCode::E0404, s.span, "`break` outside a loop");
          if (owner_.kind == ast::DeclKind::Proc)
            d.notes.push_back({SourceSpan{}, "a proc body cannot break out of a loop of its caller"});
        }
        return;
      case StmtKind::While:
      case StmtKind::Loop:
        for (const auto& b : s.blocks) block(b, loops + 1, in_atomic);
        return;
      case StmtKind::Atomic:
        if (!in_atomic && mode_ == BodyMode::Process && !s.blocks.empty()) {
          AtomicChecker ac(rep_, s);
          ac.block(s.blocks[0], Flow{true, false});
        }
        for (const auto& b : s.blocks) block(b, loops, true);
        return;
      default:
        for (const auto& b : s.blocks) block(b, loops, in_atomic);
        return;
    }
  }

  Reporter& rep_;
  const ast::Decl& owner_;
  BodyMode mode_;
};

}  // namespace

void check_statement_rules(const ast::Module& module, Reporter& rep) {
  for (const auto& d : module.decls) {
    if (!d) continue;
    if (d->kind == ast::DeclKind::Action) {
      RuleWalker(rep, *d, BodyMode::Action).block(d->body, 0, false);
    } else if (d->kind == ast::DeclKind::Process || d->kind == ast::DeclKind::Proc) {
      RuleWalker(rep, *d, BodyMode::Process).block(d->body, 0, false);
    }
  }
}

}  // namespace compiler::sema
