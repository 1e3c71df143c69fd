// compiler (sema): assigned-twice (E0401) and primed-read (E0402) rules of actions.
#include "compiler/action_rules.h"

#include <map>
#include <set>

namespace compiler::sema {

namespace {

using ast::StmtKind;

struct Assigned {
  bool whole = false;
  bool element = false;
  SourceSpan first;  // the first assignment seen
};

struct State {
  std::map<const ast::Decl*, Assigned> some;  // assigned on some path so far
  std::set<const ast::Decl*> every;           // assigned on every path so far
};

// Merges the states at the end of alternative branches.
State merge(const std::vector<State>& states) {
  State out;
  bool first = true;
  for (const State& s : states) {
    for (const auto& [v, a] : s.some) {
      auto [it, inserted] = out.some.emplace(v, a);
      if (!inserted) {
        it->second.whole |= a.whole;
        it->second.element |= a.element;
      }
    }
    if (first) {
      out.every = s.every;
      first = false;
    } else {
      std::set<const ast::Decl*> both;
      for (const ast::Decl* v : out.every)
        if (s.every.count(v)) both.insert(v);
      out.every = std::move(both);
    }
  }
  return out;
}

// The variable at the root of an assignment target (Name, Index or Field chain).
const ast::Expr* target_root(const ast::Expr* e) {
  while (e && (e->kind == ast::ExprKind::Index || e->kind == ast::ExprKind::Field) && !e->args.empty())
    e = e->args[0].get();
  return e;
}

class ActionRules {
 public:
  explicit ActionRules(Reporter& rep) : rep_(rep) {}

  void block(const ast::Block& b, State& st) {
    for (const auto& s : b.stmts)
      if (s) stmt(*s, st);
  }

 private:
  void stmt(const ast::Stmt& s, State& st) {
    switch (s.kind) {
      case StmtKind::PrimedAssign: {
        const ast::Expr* target = s.exprs.empty() ? nullptr : s.exprs[0].get();
        // Index expressions of the target and the value read the state first.
        for (const ast::Expr* t = target; t && (t->kind == ast::ExprKind::Index || t->kind == ast::ExprKind::Field);
             t = t->args.empty() ? nullptr : t->args[0].get())
          for (std::size_t i = 1; i < t->args.size(); ++i) reads(t->args[i].get(), st);
        for (std::size_t i = 1; i < s.exprs.size(); ++i) reads(s.exprs[i].get(), st);
        const ast::Expr* root = target_root(target);
        if (!root || root->kind != ast::ExprKind::Name || root->ref.kind != ast::RefKind::GlobalVar ||
            !root->ref.decl)
          return;
        const ast::Decl* v = root->ref.decl;
        bool whole = root == target;
        auto it = st.some.find(v);
        if (it != st.some.end() && (whole || it->second.whole)) {
          std::string what = whole && it->second.whole ? "assigned twice"
                             : whole ? "assigned as a whole after an element of it was assigned"
                                     : "assigned element-wise after it was assigned as a whole";
          auto& d = rep_.error(DiagCode::E0401, target->span,
                               "variable `" + v->name.name + "` is " + what + " in this action");
          d.notes.push_back({it->second.first, "first assigned here (conditions are ignored: an "
                                               "assignment on an earlier path counts)"});
        }
        Assigned& a = st.some[v];
        if (!a.whole && !a.element) a.first = target->span;
        (whole ? a.whole : a.element) = true;
        st.every.insert(v);
        return;
      }
      case StmtKind::If: {
        std::vector<State> outs;
        State cond_state = st;
        for (std::size_t i = 0; i < s.blocks.size(); ++i) {
          if (i < s.exprs.size()) reads(s.exprs[i].get(), cond_state);
          State b = cond_state;
          block(s.blocks[i], b);
          outs.push_back(std::move(b));
        }
        for (std::size_t i = s.blocks.size(); i < s.exprs.size(); ++i) reads(s.exprs[i].get(), cond_state);
        if (s.blocks.size() <= s.exprs.size()) outs.push_back(cond_state);  // no else
        st = merge(outs);
        return;
      }
      case StmtKind::Either: {
        if (s.blocks.empty()) return;
        std::vector<State> outs;
        for (const auto& b : s.blocks) {
          State bs = st;
          block(b, bs);
          outs.push_back(std::move(bs));
        }
        st = merge(outs);
        return;
      }
      case StmtKind::With:
        for (const auto& b : s.binders) reads(b.set.get(), st);
        for (const auto& b : s.blocks) block(b, st);
        return;
      default:
        // require, assert, and (misplaced, reported elsewhere) others: reads, then blocks in order.
        for (const auto& e : s.exprs) reads(e.get(), st);
        for (const auto& b : s.blocks) block(b, st);
        return;
    }
  }

  void reads(const ast::Expr* e, const State& st) {
    if (!e) return;
    if (e->kind == ast::ExprKind::Prime && e->ref.kind == ast::RefKind::GlobalVar && e->ref.decl &&
        !st.every.count(e->ref.decl)) {
      const std::string& n = e->ref.decl->name.name;
      auto it = st.some.find(e->ref.decl);
      auto& d = rep_.error(DiagCode::E0402, e->span,
                           "`" + n + "'` is read before `" + n + "` is assigned" +
                               (it != st.some.end() ? " on every path" : ""));
      if (it != st.some.end())
        d.notes.push_back({it->second.first, "assigned here, but not on every path leading to the read"});
      else
        d.notes.push_back({SourceSpan{}, "assign `" + n + "' = ...` earlier in the action, or read `" + n +
                                             "` (the old value)"});
    }
    for (const auto& a : e->args) reads(a.get(), st);
    for (const auto& b : e->binders) reads(b.set.get(), st);
  }

  Reporter& rep_;
};

}  // namespace

void check_action_rules(const ast::Decl& action, Reporter& rep) {
  State st;
  ActionRules(rep).block(action.body, st);
}

}  // namespace compiler::sema
