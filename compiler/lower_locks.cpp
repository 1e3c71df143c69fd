// compiler (lower): locks (§7, §11): per lock instance an owner (0 = free, k = its k-th owner),
// rwsem readers (set of instances) and the `rwsem queued` FIFO of request codes
// (2 * instance + shared); acquire/request/grant/release statements with their run-time errors
// (reacquire, release_not_held) and LockEvents; holds()/locked(); the declared lock order.
#include <algorithm>

#include "compiler/lower_internal.h"

namespace compiler::lowering {

using ir::ExprOp;

void Lowerer::declare_lock_classes() {
  for (const auto& dp : module_.module->decls) {
    const ast::Decl& d = *dp;
    if (d.kind != ast::DeclKind::Lock) continue;
    LockClassInfo info;
    info.decl = &d;
    if (d.index_type) {
      info.index_type = d.index_type->resolved;
      if (!is_scalar(info.index_type)) {
        error(DiagCode::E0315, d.index_type->span,
              "a lock array is indexed by an integer range, an enum or bool");
        continue;
      }
      info.values = scalar_values(info.index_type);
      if (info.values.size() > 4096) {
        error(DiagCode::E0409, d.span, "lock array `" + d.name.name + "` has too many instances");
        continue;
      }
      info.count = static_cast<int>(info.values.size());
    } else {
      info.values = {0};
    }
    lock_index_[&d] = static_cast<int>(lock_classes_.size());
    lock_classes_.push_back(std::move(info));
  }
}

void Lowerer::declare_lock_vars() {
  const std::int64_t P = static_cast<std::int64_t>(insts_.size());
  const Type* owner_t = types_->range(0, P);
  const Type* inst_t = types_->range(0, std::max<std::int64_t>(P - 1, 0));
  const Type* readers_t = types_->set_of(inst_t);
  const Type* code_t = types_->range(0, std::max<std::int64_t>(2 * P - 1, 1));
  const Type* queue_t = types_->seq_of(code_t, P);
  for (auto& cls : lock_classes_) {
    const ast::Decl& d = *cls.decl;
    cls.first = static_cast<int>(sys_.locks.size());
    for (std::int64_t v : cls.values) {
      ir::LockInstance li;
      li.lock_class = d.name.name;
      li.name = d.name.name;
      if (cls.index_type) li.name += "[" + value_name(cls.index_type, v) + "]";
      li.kind = d.lock_kind == ast::LockKind::Mutex      ? ir::LockKind::Mutex
                : d.lock_kind == ast::LockKind::Spinlock ? ir::LockKind::Spinlock
                                                         : ir::LockKind::Rwsem;
      li.queued = d.lock_kind == ast::LockKind::Rwsem && d.queued;
      int idx = static_cast<int>(sys_.locks.size());
      const Type* ot = owner_t;
      if (owner_sets_ && static_cast<std::size_t>(idx) < owner_sets_->size()) {
        li.narrowed = true;
        li.owners = (*owner_sets_)[static_cast<std::size_t>(idx)];
        ot = types_->range(0, std::max<std::int64_t>(static_cast<std::int64_t>(li.owners.size()), 1));
      }
      li.owner_var = add_var("lock " + li.name + ".owner", ir::VarRole::LockOwner, ot, d.span,
                             -1, idx);
      if (li.kind == ir::LockKind::Rwsem)
        li.readers_var = static_cast<std::int32_t>(add_var(
            "lock " + li.name + ".readers", ir::VarRole::LockReaders, readers_t, d.span, -1, idx));
      if (li.queued)
        li.queue_var = static_cast<std::int32_t>(add_var(
            "lock " + li.name + ".queue", ir::VarRole::LockQueue, queue_t, d.span, -1, idx));
      sys_.init.push_back({li.owner_var, k(0, ot), nullptr});
      if (li.readers_var >= 0)
        sys_.init.push_back({static_cast<std::uint32_t>(li.readers_var), smallest_value(readers_t),
                             nullptr});
      if (li.queue_var >= 0)
        sys_.init.push_back(
            {static_cast<std::uint32_t>(li.queue_var), smallest_value(queue_t), nullptr});
      sys_.locks.push_back(std::move(li));
    }
  }
}

int Lowerer::lock_class_of(const ast::Expr& e) const {
  const ast::Expr* base = &e;
  if (e.kind == ast::ExprKind::Index) base = e.args[0].get();
  if (base->kind == ast::ExprKind::Name && base->ref.kind == ast::RefKind::Lock) {
    auto it = lock_index_.find(base->ref.decl);
    if (it != lock_index_.end()) return it->second;
  }
  return -1;
}

bool Lowerer::is_queued_acquire(const ast::Stmt& s) const {
  if (s.kind != ast::StmtKind::Acquire || s.exprs.empty()) return false;
  int cls = lock_class_of(*s.exprs[0]);
  if (cls < 0) return false;
  const ast::Decl& d = *lock_classes_[cls].decl;
  return d.lock_kind == ast::LockKind::Rwsem && d.queued;
}

LockRef Lowerer::lock_ref(const ast::Expr& e, Ctx& c) {
  LockRef r;
  int cls = lock_class_of(e);
  if (cls < 0) {
    error(DiagCode::E0210, e.span, "not a lock");
    return r;
  }
  const LockClassInfo& info = lock_classes_[cls];
  if (e.kind != ast::ExprKind::Index) {
    if (info.index_type) {
      error(DiagCode::E0319, e.span, "lock `" + info.decl->name.name + "` needs an index");
      return r;
    }
    r.cls = cls;
    r.inst = info.first;
    return r;
  }
  if (!info.index_type) {
    error(DiagCode::E0319, e.span, "lock `" + info.decl->name.name + "` is not an array");
    return r;
  }
  auto* ord = ordinal(*e.args[1], info.index_type, c);
  r.cls = cls;
  if (ord->op == ExprOp::Const) {
    if (ord->value < 0 || ord->value >= info.count) {
      error(DiagCode::E0319, e.args[1]->span,
            "index outside the domain of lock `" + info.decl->name.name + "`");
      r.cls = -1;
      return r;
    }
    r.inst = info.first + static_cast<int>(ord->value);
    return r;
  }
  r.ord = ord;
  return r;
}

const ir::Stmt* Lowerer::per_lock(const LockRef& r, SourceSpan span,
                                  const std::function<const ir::Stmt*(int)>& f) {
  if (r.inst >= 0) return f(r.inst);
  const LockClassInfo& info = lock_classes_[r.cls];
  const ir::Stmt* res = fail("domain", span);
  for (int i = info.count - 1; i >= 0; --i)
    res = if_(eq(r.ord, kint(i)), f(info.first + i), res, span);
  return res;
}

const ir::Expr* Lowerer::per_lock_expr(const LockRef& r,
                                       const std::function<const ir::Expr*(int)>& f) {
  if (r.inst >= 0) return f(r.inst);
  const LockClassInfo& info = lock_classes_[r.cls];
  const ir::Expr* res = f(info.first + info.count - 1);
  for (int i = info.count - 2; i >= 0; --i) {
    auto* then_e = f(info.first + i);
    res = mk(ExprOp::If, then_e->type, {eq(r.ord, kint(i)), then_e, res});
  }
  return res;
}

const ir::Expr* Lowerer::holds(int lock, const ir::Expr* inst_id, bool old) {
  const auto& L = sys_.locks[lock];
  const ir::Expr* owner = read(L.owner_var, old);
  const ir::Expr* e = nullptr;
  if (inst_id->op == ExprOp::Const) {
    std::int64_t code = L.owner_code(inst_id->value);
    e = code < 0 ? kbool(false) : eq(owner, kint(code));
  } else if (!L.narrowed) {
    e = eq(owner, mk(ExprOp::Add, int_t(), {inst_id, kint(1)}));
  } else {  // a dynamic instance: one test per possible owner
    e = kbool(false);
    for (std::size_t i = 0; i < L.owners.size(); ++i)
      e = or_(e, and_(eq(inst_id, kint(L.owners[i])),
                      eq(owner, kint(static_cast<std::int64_t>(i) + 1))));
  }
  if (L.readers_var >= 0)
    e = or_(e, mk(ExprOp::In, bool_t(),
                  {inst_id, read(static_cast<std::uint32_t>(L.readers_var), old)}));
  return e;
}

const ir::Expr* Lowerer::locked(int lock, bool old) {
  const auto& L = sys_.locks[lock];
  const ir::Expr* e = mk(ExprOp::Ne, bool_t(), {read(L.owner_var, old), kint(0)});
  if (L.readers_var >= 0) {
    auto* card = mk(ExprOp::Card, int_t(), {read(static_cast<std::uint32_t>(L.readers_var), old)});
    e = or_(e, mk(ExprOp::Gt, bool_t(), {card, kint(0)}));
  }
  return e;
}

const ir::Stmt* Lowerer::lock_event(int lock, ir::LockMode mode, ir::LockEventKind ev,
                                    SourceSpan span) {
  auto* s = sys_.new_stmt();
  s->op = ir::StmtOp::LockEvent;
  s->lock_base = lock;
  s->mode = mode;
  s->event = ev;
  s->span = span;
  return s;
}

// The queue with request `code` removed (order kept): a left fold over positions 1..P,
// appending every other element; each step binds the accumulator in its own slot.
const ir::Expr* Lowerer::queue_without(int lock, std::int64_t code, Ctx& c) {
  const auto& L = sys_.locks[lock];
  auto qv = static_cast<std::uint32_t>(L.queue_var);
  const Type* qt = sys_.vars[qv].type;
  const Type* et = qt->elem;
  auto depth = c.depth;
  const ir::Expr* acc = mk(ExprOp::SeqLit, qt, {});
  for (std::int64_t pos = 1; pos <= qt->max_len; ++pos) {
    std::uint32_t slot = alloc_slot(c);
    auto* q = read(qv, false);
    auto* elem = mk(ExprOp::Index, et, {q, kint(pos)});
    auto* keep = and_(mk(ExprOp::Le, bool_t(), {kint(pos), mk(ExprOp::Len, int_t(), {q})}),
                      mk(ExprOp::Ne, bool_t(), {elem, kint(code)}));
    auto* bound = sys_.new_expr();
    bound->op = ExprOp::Bound;
    bound->slot = slot;
    bound->type = qt;
    auto* body = mk(ExprOp::If, qt, {keep, mk(ExprOp::Append, qt, {bound, elem}), bound});
    auto* let = sys_.new_expr();
    let->op = ExprOp::Let;
    let->type = qt;
    let->slot = slot;
    let->args = {acc, body};
    acc = let;
  }
  c.depth = depth;
  return acc;
}

const ir::Stmt* Lowerer::acquire(const ast::Stmt& s, Ctx& c, AcquireStep step) {
  if (c.instance < 0) {
    error(DiagCode::E0406, s.span, "acquire outside a process");
    return seq({});
  }
  LockRef r = lock_ref(*s.exprs[0], c);
  if (r.cls < 0) return seq({});
  const bool shared = s.mode == ast::LockMode::Shared;
  const ir::LockMode mode = shared ? ir::LockMode::Shared : ir::LockMode::Exclusive;
  const int inst = c.instance;
  const std::int64_t code = 2 * inst + (shared ? 1 : 0);
  return per_lock(r, s.span, [&](int li) -> const ir::Stmt* {
    const auto& L = sys_.locks[li];
    auto* owner = read(L.owner_var, false);
    const Type* owner_t = sys_.vars[L.owner_var].type;
    const ir::Expr* readers =
        L.readers_var >= 0 ? read(static_cast<std::uint32_t>(L.readers_var), false) : nullptr;
    const ir::Expr* free_ex = eq(owner, kint(0));
    if (readers)
      free_ex = and_(free_ex, eq(mk(ExprOp::Card, int_t(), {readers}), kint(0)));
    const ir::Stmt* take;
    if (shared && readers) {
      const Type* rt = sys_.vars[L.readers_var].type;
      auto* me = mk(ExprOp::SetLit, rt, {k(inst, rt->elem)});
      take = assign(static_cast<std::uint32_t>(L.readers_var),
                    mk(ExprOp::Union, rt, {readers, me}), s.span);
    } else {
      if (static_cast<std::size_t>(li) >= takers_.size()) takers_.resize(sys_.locks.size());
      takers_[static_cast<std::size_t>(li)].insert(inst);
      take = assign(L.owner_var, k(L.owner_code(inst), owner_t), s.span);
    }
    auto* reacquire = fail("reacquire", s.span);
    auto* held = holds(li, kint(inst), false);
    // Queue helpers.
    const ir::Expr* q = L.queue_var >= 0 ? read(static_cast<std::uint32_t>(L.queue_var), false)
                                         : nullptr;
    auto positions = [&]() {
      return mk(ExprOp::Range, types_->set_of(int_t()),
                {kint(1), mk(ExprOp::Len, int_t(), {q})});
    };
    auto bound = [&](std::uint32_t slot) {
      auto* b = sys_.new_expr();
      b->op = ExprOp::Bound;
      b->slot = slot;
      b->type = int_t();
      return b;
    };
    auto forall = [&](std::uint32_t slot, const ir::Expr* set, const ir::Expr* body) {
      auto* f = sys_.new_expr();
      f->op = ExprOp::Forall;
      f->type = bool_t();
      f->binders = {ir::Binder{slot, set}};
      f->args = {body};
      return f;
    };
    auto is_exclusive_code = [&](const ir::Expr* v) {
      return eq(mk(ExprOp::Mod, int_t(), {v, kint(2)}), kint(0));
    };
    switch (step) {
      case AcquireStep::Combined: {
        const ir::Expr* avail = shared ? eq(owner, kint(0)) : free_ex;
        if (shared && q) {
          // A shared acquire taken in one step waits behind every queued exclusive request.
          auto depth = c.depth;
          std::uint32_t ks = alloc_slot(c);
          auto* qk = mk(ExprOp::Index, q->type->elem, {q, bound(ks)});
          avail = and_(avail, forall(ks, positions(), not_(is_exclusive_code(qk))));
          c.depth = depth;
        }
        std::vector<const ir::Stmt*> body{guard(avail, s.span)};
        if (L.queued) body.push_back(lock_event(li, mode, ir::LockEventKind::Request, s.span));
        body.push_back(lock_event(li, mode, ir::LockEventKind::Acquire, s.span));
        body.push_back(take);
        return if_(held, reacquire, seq(std::move(body), s.span), s.span);
      }
      case AcquireStep::Request: {
        auto* appended = mk(ExprOp::Append, q->type, {q, k(code, q->type->elem)});
        auto* body = seq({assign(static_cast<std::uint32_t>(L.queue_var), appended, s.span),
                          lock_event(li, mode, ir::LockEventKind::Request, s.span)},
                         s.span);
        return if_(held, reacquire, body, s.span);
      }
      case AcquireStep::Grant: {
        const ir::Expr* grantable = free_ex;
        if (shared) {
          // Granted when no exclusive request made before this one still waits.
          auto depth = c.depth;
          std::uint32_t ks = alloc_slot(c);
          std::uint32_t js = alloc_slot(c);
          auto* qk = mk(ExprOp::Index, q->type->elem, {q, bound(ks)});
          auto* qj = mk(ExprOp::Index, q->type->elem, {q, bound(js)});
          auto* later = mk(ExprOp::Range, types_->set_of(int_t()),
                           {mk(ExprOp::Add, int_t(), {bound(ks), kint(1)}),
                            mk(ExprOp::Len, int_t(), {q})});
          auto* not_behind = forall(js, later, mk(ExprOp::Ne, bool_t(), {qj, kint(code)}));
          auto* rule = forall(ks, positions(),
                              mk(ExprOp::Implies, bool_t(), {is_exclusive_code(qk), not_behind}));
          grantable = and_(eq(owner, kint(0)), rule);
          c.depth = depth;
        }
        auto* removed = queue_without(li, code, c);
        return seq({guard(grantable, s.span),
                    assign(static_cast<std::uint32_t>(L.queue_var), removed, s.span), take,
                    lock_event(li, mode, ir::LockEventKind::Acquire, s.span)},
                   s.span);
      }
    }
    return seq({});
  });
}

const ir::Stmt* Lowerer::release(const ast::Stmt& s, Ctx& c) {
  if (c.instance < 0) {
    error(DiagCode::E0406, s.span, "release outside a process");
    return seq({});
  }
  LockRef r = lock_ref(*s.exprs[0], c);
  if (r.cls < 0) return seq({});
  const int inst = c.instance;
  return per_lock(r, s.span, [&](int li) -> const ir::Stmt* {
    const auto& L = sys_.locks[li];
    const Type* owner_t = sys_.vars[L.owner_var].type;
    auto* owner = read(L.owner_var, false);
    auto* ex = seq({assign(L.owner_var, k(0, owner_t), s.span),
                    lock_event(li, ir::LockMode::Exclusive, ir::LockEventKind::Release, s.span)},
                   s.span);
    const ir::Stmt* other = fail("release_not_held", s.span);
    if (L.readers_var >= 0) {
      auto rv = static_cast<std::uint32_t>(L.readers_var);
      const Type* rt = sys_.vars[rv].type;
      auto* readers = read(rv, false);
      auto* me = mk(ExprOp::SetLit, rt, {k(inst, rt->elem)});
      auto* sh = seq({assign(rv, mk(ExprOp::Diff, rt, {readers, me}), s.span),
                      lock_event(li, ir::LockMode::Shared, ir::LockEventKind::Release, s.span)},
                     s.span);
      other = if_(mk(ExprOp::In, bool_t(), {kint(inst), readers}), sh, other, s.span);
    }
    std::int64_t code = L.owner_code(inst);  // -1: this instance never holds it exclusively
    return code < 0 ? other : if_(eq(owner, kint(code)), ex, other, s.span);
  });
}

ir::WaitInfo Lowerer::lock_wait(const ast::Stmt& s, Ctx& c) {
  ir::WaitInfo w;
  LockRef r = lock_ref(*s.exprs[0], c);
  if (r.cls < 0) return w;
  w.kind = ir::WaitInfo::Lock;
  w.mode = s.mode == ast::LockMode::Shared ? ir::LockMode::Shared : ir::LockMode::Exclusive;
  if (r.inst >= 0) {
    w.lock_base = r.inst;
  } else {
    w.lock_base = lock_classes_[r.cls].first;
    w.lock_index = r.ord;
  }
  return w;
}

namespace {
// `lock_order L by index` (ADR 0002): read through a requires-expression so that this compiles
// before and after the AST grows its `nesting_by_index` flag.
template <class D>
bool nesting_by_index(const D& d) {
  if constexpr (requires { d.nesting_by_index; })
    return static_cast<bool>(d.nesting_by_index);
  else
    return false;
}
}  // namespace

void Lowerer::lock_order() {
  std::set<std::string> nested;
  for (const auto& dp : module_.module->decls) {
    if (dp->kind != ast::DeclKind::LockOrder || !nesting_by_index(*dp) || dp->order.empty()) continue;
    const std::string& cls = dp->order[0].lock.name;
    if (nested.insert(cls).second) sys_.lock_nesting.push_back({cls, dp->span});
  }
  std::vector<std::string> names;
  std::map<std::string, std::size_t> id;
  auto intern = [&](const std::string& n) {
    auto [it, fresh] = id.emplace(n, names.size());
    if (fresh) names.push_back(n);
    return it->second;
  };
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  std::map<std::pair<std::size_t, std::size_t>, SourceSpan> where;
  for (const auto& dp : module_.module->decls) {
    if (dp->kind != ast::DeclKind::LockOrder || nesting_by_index(*dp)) continue;
    for (std::size_t i = 0; i + 1 < dp->order.size(); ++i) {
      auto a = intern(dp->order[i].lock.name);
      auto b = intern(dp->order[i + 1].lock.name);
      edges.push_back({a, b});
      where.emplace(std::make_pair(a, b), dp->span);
    }
  }
  const std::size_t n = names.size();
  std::vector<std::vector<char>> before(n, std::vector<char>(n, 0));
  for (auto [a, b] : edges) before[a][b] = 1;
  for (std::size_t m = 0; m < n; ++m)
    for (std::size_t i = 0; i < n; ++i)
      if (before[i][m])
        for (std::size_t j = 0; j < n; ++j)
          if (before[m][j]) before[i][j] = 1;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j || !before[i][j] || !before[j][i]) continue;
      SourceSpan span;
      for (auto& [e, sp] : where)
        if (e.first == i || e.second == i) span = sp;
      error(DiagCode::E0405, span,
            "the declared lock order puts `" + names[i] + "` both before and after `" + names[j] +
                "`");
      return;
    }
  }
  // A class is ordered before itself only when declared so directly (same-class nesting).
  for (std::size_t i = 0; i < n; ++i) before[i][i] = 0;
  for (auto [a, b] : edges)
    if (a == b) before[a][a] = 1;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (before[i][j]) sys_.lock_order.emplace_back(names[i], names[j]);
}

}  // namespace compiler::lowering
