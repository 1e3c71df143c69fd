// compiler (lower): processes (§6, §11): one control-flow graph per process body (procs expanded
// inline), locations = points where a step starts, and one transition per (instance, location,
// folded path): the if/while tests, either branches and with choices up to the next simple
// statement, that statement, kept-`with` binder updates, and the pc update. Also p@L.
#include <algorithm>
#include <functional>

#include "compiler/lower_internal.h"

namespace compiler::lowering {

using ast::StmtKind;

namespace {

constexpr std::size_t kMaxPathsPerLocation = 4096;
constexpr std::size_t kMaxNodes = 1u << 20;

const ast::Stmt* first_in_atomic(const ast::Stmt& atomic) {
  const ast::Stmt* s = &atomic;
  while (s && s->kind == StmtKind::Atomic) {
    if (s->blocks.empty() || s->blocks[0].stmts.empty()) return nullptr;
    s = s->blocks[0].stmts[0].get();
  }
  return s;
}

// The location a control point stands for: unlabelled no-op nodes (loop heads, breaks) are
// skipped so that equivalent points share one pc value.
int resolve(const Cfg& g, int n) {
  for (std::size_t guard = 0; guard <= g.nodes.size(); ++guard) {
    const Node& nd = g.nodes[n];
    if (nd.kind != NodeKind::Jump || !nd.label.empty() || nd.succ.size() != 1) return n;
    if (nd.succ[0] == n) return n;
    n = nd.succ[0];
  }
  return n;
}

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

const char* step_word(const ast::Stmt& s) {
  switch (s.kind) {
    case StmtKind::Assign: return "assign";
    case StmtKind::Await: return "await";
    case StmtKind::Acquire: return "acquire";
    case StmtKind::Release: return "release";
    case StmtKind::Assert: return "assert";
    case StmtKind::Skip: return "skip";
    case StmtKind::Atomic: return "atomic";
    default: return "step";
  }
}

}  // namespace

int Lowerer::new_node(Cfg& g, NodeKind kind, const ast::Stmt* s, const CallFrame* call,
                      const std::vector<int>& scope) {
  Node n;
  n.kind = kind;
  n.stmt = s;
  n.call = call;
  n.scope = scope;
  if (s && s->label) n.label = s->label->name;
  g.nodes.push_back(std::move(n));
  return static_cast<int>(g.nodes.size() - 1);
}

int Lowerer::build_block(Cfg& g, const ast::Block& b, int next, const CallFrame* call,
                         const std::vector<int>& scope, int loop_exit, int depth) {
  for (std::size_t i = b.stmts.size(); i-- > 0;)
    if (b.stmts[i]) next = build_stmt(g, *b.stmts[i], next, call, scope, loop_exit, depth);
  return next;
}

int Lowerer::build_stmt(Cfg& g, const ast::Stmt& s, int next, const CallFrame* call,
                        const std::vector<int>& scope, int loop_exit, int depth) {
  if (g.nodes.size() > kMaxNodes) return next;
  // A label on a compound statement marks a no-op node in front of it.
  auto labelled = [&](int entry) {
    if (!s.label) return entry;
    int j = new_node(g, NodeKind::Jump, &s, call, scope);
    g.nodes[j].succ = {entry};
    return j;
  };
  switch (s.kind) {
    case StmtKind::Assign:
    case StmtKind::Await:
    case StmtKind::Release:
    case StmtKind::Assert:
    case StmtKind::Skip: {
      int n = new_node(g, NodeKind::Simple, &s, call, scope);
      g.nodes[n].succ = {next};
      return n;
    }
    case StmtKind::Acquire: {
      if (!is_queued_acquire(s)) {
        int n = new_node(g, NodeKind::Simple, &s, call, scope);
        g.nodes[n].succ = {next};
        return n;
      }
      int grant = new_node(g, NodeKind::Grant, &s, call, scope);
      g.nodes[grant].succ = {next};
      int req = new_node(g, NodeKind::Request, &s, call, scope);
      g.nodes[req].succ = {grant};
      return req;
    }
    case StmtKind::Atomic: {
      int a = new_node(g, NodeKind::Atomic, &s, call, scope);
      g.nodes[a].succ = {next};
      const ast::Stmt* first = first_in_atomic(s);
      if (g.nodes[a].label.empty() && first && first->label) g.nodes[a].label = first->label->name;
      if (first && is_queued_acquire(*first)) {
        g.nodes[a].grant_first = true;
        int req = new_node(g, NodeKind::Request, first, call, scope);
        g.nodes[req].label = g.nodes[a].label;
        g.nodes[req].succ = {a};
        return req;
      }
      return a;
    }
    case StmtKind::If: {
      int else_entry = s.blocks.size() > s.exprs.size()
                           ? build_block(g, s.blocks.back(), next, call, scope, loop_exit, depth)
                           : next;
      for (std::size_t i = s.exprs.size(); i-- > 0;) {
        int then_entry = build_block(g, s.blocks[i], next, call, scope, loop_exit, depth);
        int b = new_node(g, NodeKind::Branch, &s, call, scope);
        g.nodes[b].label.clear();
        g.nodes[b].cond = s.exprs[i].get();
        g.nodes[b].succ = {then_entry, else_entry};
        else_entry = b;
      }
      return labelled(else_entry);
    }
    case StmtKind::While: {
      int w = new_node(g, NodeKind::Branch, &s, call, scope);
      g.nodes[w].cond = s.exprs[0].get();
      int body = s.blocks.empty() ? w : build_block(g, s.blocks[0], w, call, scope, next, depth);
      g.nodes[w].succ = {body, next};
      return w;
    }
    case StmtKind::Loop: {
      int j = new_node(g, NodeKind::Jump, &s, call, scope);
      int body = s.blocks.empty() ? j : build_block(g, s.blocks[0], j, call, scope, next, depth);
      g.nodes[j].succ = {body};
      return j;
    }
    case StmtKind::Break: {
      if (loop_exit < 0) {
        error(DiagCode::E0404, s.span, "`break` outside a loop");
        return next;
      }
      int j = new_node(g, NodeKind::Jump, &s, call, scope);
      g.nodes[j].succ = {loop_exit};
      return j;
    }
    case StmtKind::Either: {
      int e = new_node(g, NodeKind::Either, &s, call, scope);
      std::vector<int> succ;
      for (const auto& b : s.blocks)
        succ.push_back(build_block(g, b, next, call, scope, loop_exit, depth));
      if (succ.empty()) succ.push_back(next);
      g.nodes[e].succ = std::move(succ);
      return e;
    }
    case StmtKind::With: {
      int w = new_node(g, NodeKind::With, &s, call, scope);
      std::vector<int> inner = scope;
      inner.push_back(w);
      int body = s.blocks.empty() ? next
                                  : build_block(g, s.blocks[0], next, call, inner, loop_exit, depth);
      g.nodes[w].succ = {body};
      return w;
    }
    case StmtKind::Call: {
      if (!s.callee) {
        error(DiagCode::E0211, s.span, "unknown proc `" + s.name + "`");
        return next;
      }
      if (depth > 64) {
        error(DiagCode::E0213, s.span, "proc calls nest too deeply (recursion?)");
        return next;
      }
      frames_.push_back({s.callee, &s.exprs, call});
      const CallFrame* f = &frames_.back();
      int entry = build_block(g, s.callee->body, next, f, scope, -1, depth + 1);
      return labelled(entry);
    }
    case StmtKind::PrimedAssign:
    case StmtKind::Require:
      error(DiagCode::E0406, s.span, "this statement is only allowed in an action");
      return next;
  }
  return next;
}

void Lowerer::enum_paths(const Cfg& g, int n, std::vector<PathElem>& cur, std::vector<char>& on,
                         std::vector<Path>& out, const ast::Decl& proc) {
  if (out.size() > kMaxPathsPerLocation) return;
  const Node& nd = g.nodes[n];
  if (nd.is_step()) {
    out.push_back({cur, n});
    if (out.size() > kMaxPathsPerLocation)
      error(DiagCode::E0409, proc.span,
            "process `" + proc.name.name + "` has more than " +
                std::to_string(kMaxPathsPerLocation) +
                " control paths between two steps; add steps (e.g. skip) between the tests");
    return;
  }
  if (on[n]) return;  // a control-flow cycle without a step takes no step
  on[n] = 1;
  for (std::size_t i = 0; i < nd.succ.size(); ++i) {
    cur.push_back({n, static_cast<int>(i)});
    enum_paths(g, nd.succ[i], cur, on, out, proc);
    cur.pop_back();
  }
  on[n] = 0;
}

void Lowerer::build_cfg(ProcInfo& p) {
  Cfg& g = p.cfg;
  g.end = new_node(g, NodeKind::End, nullptr, nullptr, {});
  g.entry = build_block(g, p.decl->body, g.end, nullptr, {}, -1, 0);
  // Depth-first preorder numbering (source order).
  {
    int counter = 0;
    std::vector<int> stack{g.entry};
    while (!stack.empty()) {
      int n = stack.back();
      stack.pop_back();
      if (g.nodes[n].order >= 0) continue;
      g.nodes[n].order = counter++;
      const auto& succ = g.nodes[n].succ;
      for (auto it = succ.rbegin(); it != succ.rend(); ++it)
        if (g.nodes[*it].order < 0) stack.push_back(*it);
    }
  }
  // Locations: the entry and the point after every step reachable from it.
  std::map<int, std::vector<Path>> paths;
  g.entry = resolve(g, g.entry);
  std::vector<int> work{g.entry};
  std::set<int> seen{g.entry};
  std::vector<char> on(g.nodes.size(), 0);
  while (!work.empty()) {
    int n = work.back();
    work.pop_back();
    if (n == g.end) continue;
    std::vector<PathElem> cur;
    std::vector<Path> out;
    enum_paths(g, n, cur, on, out, *p.decl);
    for (const auto& path : out) {
      const Node& t = g.nodes[path.terminal];
      if (t.kind == NodeKind::End) continue;
      int nx = resolve(g, t.succ[0]);
      if (seen.insert(nx).second) work.push_back(nx);
    }
    paths[n] = std::move(out);
  }
  seen.erase(g.end);
  std::vector<int> locs(seen.begin(), seen.end());
  std::sort(locs.begin(), locs.end(),
            [&](int a, int b) { return g.nodes[a].order < g.nodes[b].order; });
  // The initial pc is 0: the entry goes first.
  auto entry_it = std::find(locs.begin(), locs.end(), g.entry);
  if (entry_it != locs.end()) std::rotate(locs.begin(), entry_it, entry_it + 1);
  locs.push_back(g.end);
  g.locations = locs;
  g.paths.clear();
  for (std::size_t pc = 0; pc < locs.size(); ++pc) {
    g.pc_of[locs[pc]] = static_cast<int>(pc);
    g.paths.push_back(locs[pc] == g.end ? std::vector<Path>{} : std::move(paths[locs[pc]]));
    for (int w : g.nodes[locs[pc]].scope) g.with_vars.insert(w);
  }
}

const Type* Lowerer::binder_type(const ast::Binder& b, SourceSpan span) {
  const ast::Expr* set = b.set.get();
  const Type* st = set ? set->type : nullptr;
  const Type* elem = st && st->kind == TypeKind::Set ? st->elem : nullptr;
  if (elem && elem->kind == TypeKind::Int && set->kind == ast::ExprKind::Binary &&
      set->op == ast::Op::Range) {
    auto bound = [](const ast::Expr& x, bool lo) -> std::optional<std::int64_t> {
      if (x.const_value) return x.const_value;
      if (x.type && x.type->kind == TypeKind::Range) return lo ? x.type->lo : x.type->hi;
      return std::nullopt;
    };
    auto lo = bound(*set->args[0], true);
    auto hi = bound(*set->args[1], false);
    if (lo && hi && *lo <= *hi) elem = types_->range(*lo, *hi);
  }
  if (!elem || elem->kind == TypeKind::Int || elem->kind == TypeKind::String ||
      elem->kind == TypeKind::Process || elem->kind == TypeKind::Lock) {
    error(DiagCode::E0310, span,
          "`" + b.name.name +
              "` is kept in the state while its `with` body runs, so its set needs a finite "
              "element type (e.g. a range with constant bounds)");
    return bool_t();
  }
  return elem;
}

void Lowerer::declare_processes() {
  for (const auto& dp : module_.module->decls) {
    const ast::Decl& d = *dp;
    if (d.kind != ast::DeclKind::Process) continue;
    ProcInfo p;
    p.decl = &d;
    if (!d.params.empty()) {
      p.index_type = d.params[0].type ? d.params[0].type->resolved : nullptr;
      if (!is_scalar(p.index_type)) {
        error(DiagCode::E0315, d.params[0].name.span,
              "process instances are indexed by an integer range, an enum or bool");
        continue;
      }
      p.values = scalar_values(p.index_type);
      if (p.values.size() > 1024) {
        error(DiagCode::E0409, d.span, "process `" + d.name.name + "` has too many instances");
        continue;
      }
    } else {
      p.values = {0};
    }
    p.count = static_cast<int>(p.values.size());
    p.first = static_cast<int>(insts_.size());
    int pi = static_cast<int>(procs_.size());
    proc_index_[&d] = pi;
    build_cfg(p);
    for (std::int64_t v : p.values) {
      InstInfo inst;
      inst.proc = pi;
      inst.value = v;
      inst.name = d.name.name;
      if (p.index_type) inst.name += "[" + value_name(p.index_type, v) + "]";
      insts_.push_back(std::move(inst));
    }
    procs_.push_back(std::move(p));
  }
  // Variables: per instance its pc, its locals and its kept `with` binders.
  for (std::size_t ii = 0; ii < insts_.size(); ++ii) {
    InstInfo& inst = insts_[ii];
    ProcInfo& p = procs_[inst.proc];
    const Cfg& g = p.cfg;
    const int self = static_cast<int>(ii);
    const Type* pc_t = types_->range(0, static_cast<std::int64_t>(g.locations.size()) - 1);
    inst.pc_var = add_var(inst.name + ".pc", ir::VarRole::Pc, pc_t, p.decl->span, self);
    sys_.init.push_back({inst.pc_var, k(0, pc_t), nullptr});
    for (const auto& lv : p.decl->locals) {
      const Type* t = lv.resolved_type ? lv.resolved_type : (lv.type ? lv.type->resolved : nullptr);
      std::uint32_t v = add_var(inst.name + "." + lv.name.name, ir::VarRole::Local, t,
                                lv.span.valid() ? lv.span : lv.name.span, self);
      inst.locals[lv.name.name] = v;
    }
    for (int w : g.with_vars) {
      const ast::Stmt& ws = *g.nodes[w].stmt;
      for (std::size_t bi = 0; bi < ws.binders.size(); ++bi) {
        const Type* t = binder_type(ws.binders[bi], ws.span);
        std::uint32_t v = add_var(inst.name + ".with." + ws.binders[bi].name.name,
                                  ir::VarRole::WithBinder, t, ws.binders[bi].name.span, self);
        inst.with_vars[{w, static_cast<int>(bi)}] = v;
        sys_.init.push_back({v, smallest_value(t), nullptr});
      }
    }
    ir::ProcessInstance pi;
    pi.name = inst.name;
    pi.process = p.decl->name.name;
    pi.index = inst.value;
    pi.pc_var = inst.pc_var;
    for (int n : g.locations) {
      ir::Location loc;
      const Node& nd = g.nodes[n];
      loc.label = nd.label;
      if (nd.kind == NodeKind::End)
        loc.span = p.decl->span;
      else if (nd.kind == NodeKind::Branch && nd.cond)
        loc.span = nd.cond->span;
      else if (nd.stmt)
        loc.span = nd.stmt->span;
      pi.locations.push_back(loc);
    }
    pi.end_pc = static_cast<std::int64_t>(g.locations.size()) - 1;
    sys_.processes.push_back(std::move(pi));
  }
  // Initial values of locals (they may use `self`, never another variable).
  for (std::size_t ii = 0; ii < insts_.size(); ++ii) {
    InstInfo& inst = insts_[ii];
    const ProcInfo& p = procs_[inst.proc];
    for (const auto& lv : p.decl->locals) {
      std::uint32_t v = inst.locals[lv.name.name];
      Ctx c;
      c.instance = static_cast<int>(ii);
      ir::InitialValue iv;
      iv.var = v;
      if (lv.init_kind == ast::VarInit::Equals && lv.value)
        iv.value = expr(*lv.value, c);
      else if (lv.init_kind == ast::VarInit::In && lv.value)
        iv.set = expr(*lv.value, c);
      else
        iv.value = smallest_value(sys_.vars[v].type);
      sys_.init.push_back(iv);
    }
  }
}

Ctx Lowerer::instance_ctx(int inst, const Cfg& g, int node, bool read_old, std::uint32_t depth) {
  Ctx c;
  c.instance = inst;
  c.read_old = read_old;
  c.depth = depth;
  c.call = g.nodes[node].call;
  const InstInfo& I = insts_[inst];
  for (int w : g.nodes[node].scope) {
    const ast::Stmt& ws = *g.nodes[w].stmt;
    for (std::size_t bi = 0; bi < ws.binders.size(); ++bi) {
      auto it = I.with_vars.find({w, static_cast<int>(bi)});
      if (it != I.with_vars.end()) c.binders[&ws.binders[bi]] = {true, it->second};
    }
  }
  return c;
}

const ir::Stmt* Lowerer::step_effect(const Node& n, Ctx& c) {
  switch (n.kind) {
    case NodeKind::Simple:
      return stmt(*n.stmt, c, nullptr);
    case NodeKind::Request:
      return acquire(*n.stmt, c, AcquireStep::Request);
    case NodeKind::Grant:
      return acquire(*n.stmt, c, AcquireStep::Grant);
    case NodeKind::Atomic:
      return stmt(*n.stmt, c, n.grant_first ? first_in_atomic(*n.stmt) : nullptr);
    default:
      return seq({});
  }
}

// The body of one transition: the path's decisions from element i on, then its step.
// Returns null when the path is statically disabled (a constant false test).
const ir::Stmt* Lowerer::path_body(int inst, const Cfg& g, int loc, const Path& p, std::size_t i,
                                   Ctx c, std::set<int> entered) {
  const InstInfo& I = insts_[inst];
  if (i == p.elems.size()) {
    const Node& t = g.nodes[p.terminal];
    c.call = t.call;
    std::vector<const ir::Stmt*> out;
    if (t.kind != NodeKind::End) out.push_back(step_effect(t, c));
    int next = t.kind == NodeKind::End ? g.end : resolve(g, t.succ[0]);
    const auto& fin = g.nodes[next].scope;
    const auto& start = g.nodes[loc].scope;
    for (int w : g.with_vars) {
      bool in_final = contains(fin, w);
      bool in_start = contains(start, w);
      bool ent = entered.count(w) > 0;
      const ast::Stmt& ws = *g.nodes[w].stmt;
      for (std::size_t bi = 0; bi < ws.binders.size(); ++bi) {
        std::uint32_t var = I.with_vars.at({w, static_cast<int>(bi)});
        if (in_final && ent) {
          auto it = c.binders.find(&ws.binders[bi]);
          if (it == c.binders.end() || it->second.is_var) continue;
          auto* b = sys_.new_expr();
          b->op = ir::ExprOp::Bound;
          b->slot = it->second.index;
          b->type = sys_.vars[var].type;
          out.push_back(assign(var, b, ws.span));
        } else if (!in_final && in_start) {
          out.push_back(assign(var, smallest_value(sys_.vars[var].type), ws.span));
        }
      }
    }
    const Type* pc_t = sys_.vars[I.pc_var].type;
    out.push_back(assign(I.pc_var, k(g.pc_of.at(next), pc_t)));
    return seq(std::move(out));
  }
  const PathElem& el = p.elems[i];
  const Node& n = g.nodes[el.node];
  switch (n.kind) {
    case NodeKind::Branch: {
      c.call = n.call;
      const ir::Expr* cond = expr(*n.cond, c);
      if (el.choice == 1) cond = not_(cond);
      if (is_const(cond, 0)) return nullptr;
      const ir::Stmt* rest = path_body(inst, g, loc, p, i + 1, c, std::move(entered));
      if (!rest) return nullptr;
      return seq({guard(cond, n.cond->span), rest});
    }
    case NodeKind::With: {
      c.call = n.call;
      entered.insert(el.node);
      const ast::Stmt& ws = *n.stmt;
      std::function<const ir::Stmt*(std::size_t, Ctx)> rec = [&](std::size_t bi,
                                                                  Ctx cc) -> const ir::Stmt* {
        if (bi == ws.binders.size()) return path_body(inst, g, loc, p, i + 1, cc, entered);
        auto* ch = sys_.new_stmt();
        ch->op = ir::StmtOp::Choose;
        ch->span = ws.span;
        ch->binder.set = expr(*ws.binders[bi].set, cc);
        ch->binder.slot = alloc_slot(cc);
        cc.binders[&ws.binders[bi]] = {false, ch->binder.slot};
        const ir::Stmt* rest = rec(bi + 1, cc);
        if (!rest) return nullptr;
        ch->children = {rest};
        return ch;
      };
      return rec(0, c);
    }
    default:
      return path_body(inst, g, loc, p, i + 1, std::move(c), std::move(entered));
  }
}

void Lowerer::process_transitions(int inst) {
  const InstInfo& I = insts_[inst];
  const ProcInfo& p = procs_[I.proc];
  const Cfg& g = p.cfg;
  for (std::size_t pc = 0; pc < g.locations.size(); ++pc) {
    int loc = g.locations[pc];
    for (const Path& path : g.paths[pc]) {
      Ctx c = instance_ctx(inst, g, loc, false, 0);
      const ir::Stmt* body = path_body(inst, g, loc, path, 0, c, {});
      if (!body) continue;
      const Node& t = g.nodes[path.terminal];
      ir::Transition tr;
      tr.process = inst;
      tr.from_pc = static_cast<std::int64_t>(pc);
      tr.body = body;
      tr.label = t.label;
      if (tr.label.empty())
        for (auto it = path.elems.rbegin(); it != path.elems.rend(); ++it)
          if (!g.nodes[it->node].label.empty()) {
            tr.label = g.nodes[it->node].label;
            break;
          }
      if (t.kind == NodeKind::End) {
        tr.span = p.decl->span;
        for (auto it = path.elems.rbegin(); it != path.elems.rend(); ++it) {
          const Node& n = g.nodes[it->node];
          if (n.kind == NodeKind::Branch && n.cond) {
            tr.span = n.cond->span;
            break;
          }
        }
        tr.name = I.name + " " + (tr.label.empty() ? std::string("end") : tr.label);
      } else {
        const ast::Stmt& s = *t.stmt;
        tr.span = s.span;
        std::string what = tr.label.empty() ? std::string(step_word(s)) + " (line " +
                                                  std::to_string(s.span.line) + ")"
                                            : tr.label;
        if (t.kind == NodeKind::Request) what += " (request)";
        if (t.kind == NodeKind::Grant) what += " (grant)";
        tr.name = I.name + " " + what;
        // What the step waits for when disabled.
        const ast::Stmt* w = t.kind == NodeKind::Atomic ? first_in_atomic(s) : &s;
        // Evaluated in the state where the step is disabled: binders chosen on the path are
        // not known there (only those kept in the state are).
        Ctx wc = instance_ctx(inst, g, loc, false, 0);
        wc.call = t.call;
        if (w && w->kind == StmtKind::Await) {
          tr.wait.kind = ir::WaitInfo::Await;
          tr.wait.condition = source_text(w->exprs[0]->span);
        } else if (w && w->kind == StmtKind::Acquire && t.kind != NodeKind::Request) {
          // A lock index that uses a binder chosen on the path has no meaning outside the
          // step: then the wait is left unexplained rather than wrong.
          int before = errors_;
          quiet_ = true;
          ir::WaitInfo wi = lock_wait(*w, wc);
          quiet_ = false;
          if (errors_ == before) tr.wait = wi;
          errors_ = before;
        }
      }
      sys_.transitions.push_back(std::move(tr));
    }
  }
}

// ------------------------------------------------------------------------ p@L (§11)

const ir::Expr* Lowerer::path_condition(int inst, const Cfg& g, const Path& p, std::size_t i,
                                        std::size_t last, Ctx c) {
  if (i >= last) return kbool(true);
  const PathElem& el = p.elems[i];
  const Node& n = g.nodes[el.node];
  if (n.kind == NodeKind::Branch) {
    c.call = n.call;
    const ir::Expr* cond = expr(*n.cond, c);
    if (el.choice == 1) cond = not_(cond);
    if (is_const(cond, 0)) return cond;
    return and_(cond, path_condition(inst, g, p, i + 1, last, c));
  }
  if (n.kind == NodeKind::With) {
    c.call = n.call;
    auto* ex = sys_.new_expr();
    ex->op = ir::ExprOp::Exists;
    ex->type = bool_t();
    ex->span = n.stmt->span;
    for (const auto& b : n.stmt->binders) {
      ir::Binder ib;
      ib.set = expr(*b.set, c);
      ib.slot = alloc_slot(c);
      c.binders[&b] = {false, ib.slot};
      ex->binders.push_back(ib);
    }
    ex->args = {path_condition(inst, g, p, i + 1, last, c)};
    return ex;
  }
  return path_condition(inst, g, p, i + 1, last, std::move(c));
}

const ir::Expr* Lowerer::at_instance(int inst, const std::string& label, const ast::Expr& at,
                                     Ctx& c) {
  const InstInfo& I = insts_[inst];
  const Cfg& g = procs_[I.proc].cfg;
  const Type* pc_t = sys_.vars[I.pc_var].type;
  auto* pc = read(I.pc_var, c.read_old);
  if (label == "end") return eq(pc, k(static_cast<std::int64_t>(g.locations.size()) - 1, pc_t));
  auto key = std::make_pair(inst, label);
  if (at_in_progress_.count(key)) {
    error(DiagCode::E0213, at.span,
          "`" + I.name + "@" + label +
              "` depends on itself through the tests in front of the labelled statement");
    return kbool(false);
  }
  at_in_progress_.insert(key);
  const ir::Expr* res = kbool(false);
  for (std::size_t pcv = 0; pcv < g.locations.size(); ++pcv) {
    const ir::Expr* here = kbool(false);
    for (const Path& path : g.paths[pcv]) {
      // The whole path counts when it passes through a node with this label.
      bool through = g.nodes[path.terminal].label == label;
      for (const auto& el : path.elems) through = through || g.nodes[el.node].label == label;
      if (!through) continue;
      Ctx pcx = instance_ctx(inst, g, g.locations[pcv], c.read_old, c.depth);
      here = or_(here, path_condition(inst, g, path, 0, path.elems.size(), pcx));
      if (is_const(here, 1)) break;
    }
    if (is_const(here, 0)) continue;
    res = or_(res, and_(eq(pc, k(static_cast<std::int64_t>(pcv), pc_t)), here));
  }
  at_in_progress_.erase(key);
  return res;
}

const ir::Expr* Lowerer::at_expr(const ast::Expr& e, Ctx& c) {
  InstRef r = instance_ref(*e.args[0], c);
  if (r.proc < 0) return kbool(false);
  return per_instance(r, [&](int inst) { return at_instance(inst, e.field, e, c); });
}

}  // namespace compiler::lowering
