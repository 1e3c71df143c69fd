// smt: StepEncoder (step_encoder.h): symbolic execution of transition bodies with the checker's
// statement semantics (compiled_stmt.cpp): guard, assign (paths, the action assign-once rule,
// range checks), either, with, if, assert (the step still happens), fail, lock events.
#include "smt/step_encoder.h"

#include <algorithm>

namespace smt {

z3::expr StepEncoder::holds(const State& s, std::size_t lock, std::size_t process) {
  const ir::LockInstance& li = sys_.locks.at(lock);
  const ir::Var& ov = sys_.vars.at(li.owner_var);
  const std::int64_t code = li.owner_code(static_cast<std::int64_t>(process));
  z3::expr h = code < 0 ? V.ctx().bool_val(false) : V.mk_eq(s.at(ov.first_leaf), V.num(code));
  if (li.readers_var >= 0) {
    const ir::Var& rv = sys_.vars.at(static_cast<std::size_t>(li.readers_var));
    if (process < rv.leaf_count) h = V.mk_or(h, s.at(rv.first_leaf + process));
  }
  return h;
}

z3::expr StepEncoder::pc_is(const State& s, std::size_t process, std::int64_t pc) {
  const ir::Var& v = sys_.vars.at(sys_.processes.at(process).pc_var);
  return V.mk_eq(s.at(v.first_leaf), V.num(pc));
}

Eval StepEncoder::eval_ctx(Path& p) {
  Eval ev(V.ctx());
  ev.old = pre_;
  ev.cur = &p.cur;
  ev.env = &p.env;
  ev.ok = p.cond;
  ev.errs = &errs_;
  return ev;
}

StepEncoding StepEncoder::encode(const State& pre) {
  StepEncoding enc(V.ctx());
  pre_ = &pre;
  errors_ = &enc.errors;
  std::vector<z3::expr> en;
  for (std::size_t ti = 0; ti < sys_.transitions.size(); ++ti) {
    const ir::Transition& t = sys_.transitions[ti];
    t_ = &t;
    ti_ = ti;
    Path p(V.ctx());
    p.cond = V.tru();
    if (t.process >= 0) p.cond = pc_is(pre, static_cast<std::size_t>(t.process), t.from_pc);
    if (p.cond.is_false()) continue;
    p.cur = pre;
    p.env.assign(std::max<std::size_t>(sys_.env_slots, 1), SVal(V.ctx()));
    std::vector<Path> in;
    in.push_back(std::move(p));
    std::size_t errs_before = enc.errors.size();
    std::vector<Path> outs = exec(t.body, std::move(in));
    for (Path& q : outs) {
      if (q.cond.is_false()) continue;
      Outcome o(V.ctx());
      o.transition = ti;
      o.cond = q.cond;
      o.post = std::move(q.cur);
      o.asserts = std::move(q.asserts);
      o.order = std::move(q.order);
      en.push_back(o.cond);
      enc.outs.push_back(std::move(o));
    }
    for (std::size_t i = errs_before; i < enc.errors.size(); ++i) en.push_back(enc.errors[i].err.cond);
  }
  enc.enabled = V.disj(en);
  pre_ = nullptr;
  errors_ = nullptr;
  return enc;
}

std::vector<StepEncoder::Path> StepEncoder::exec(const ir::Stmt* s, std::vector<Path> in) {
  std::vector<Path> out;
  for (Path& p : in) {
    if (p.cond.is_false()) continue;
    exec_one(s, std::move(p), out);
    if (out.size() > kMaxPaths)
      throw Unsupported("transition `" + t_->name + "` has more than " + std::to_string(kMaxPaths) +
                        " paths through its either/with choices");
  }
  return out;
}

StepEncoder::Path StepEncoder::merge(const z3::expr& c, Path& a, Path& b) {
  Path m(V.ctx());
  m.cond = V.mk_or(a.cond, b.cond);
  m.cur.reserve(a.cur.size());
  for (std::size_t i = 0; i < a.cur.size(); ++i) m.cur.push_back(V.mk_ite(c, a.cur[i], b.cur[i]));
  if (!a.marks.empty() || !b.marks.empty()) {
    if (a.marks.empty()) a.marks.assign(a.cur.size(), V.fls());
    if (b.marks.empty()) b.marks.assign(b.cur.size(), V.fls());
    for (std::size_t i = 0; i < a.marks.size(); ++i) m.marks.push_back(V.mk_ite(c, a.marks[i], b.marks[i]));
  }
  m.env = std::move(a.env);
  m.asserts = std::move(a.asserts);
  m.asserts.insert(m.asserts.end(), b.asserts.begin(), b.asserts.end());
  m.order = std::move(a.order);
  m.order.insert(m.order.end(), b.order.begin(), b.order.end());
  return m;
}

namespace {
void flush(std::vector<ErrRec>& scratch, std::vector<StepError>& out, std::size_t ti) {
  for (auto& e : scratch) out.push_back(StepError{ti, std::move(e)});
  scratch.clear();
}
}  // namespace

void StepEncoder::exec_one(const ir::Stmt* s, Path p, std::vector<Path>& out) {
  switch (s->op) {
    case ir::StmtOp::Seq: {
      std::vector<Path> cur;
      cur.push_back(std::move(p));
      for (const ir::Stmt* c : s->children) cur = exec(c, std::move(cur));
      for (Path& q : cur) out.push_back(std::move(q));
      return;
    }
    case ir::StmtOp::Guard: {
      Eval ev = eval_ctx(p);
      z3::expr v = X.eval_bool(s->expr, ev);
      flush(errs_, *errors_, ti_);
      p.cond = V.mk_and(ev.ok, v);
      out.push_back(std::move(p));
      return;
    }
    case ir::StmtOp::Assign:
      assign(s, p);
      out.push_back(std::move(p));
      return;
    case ir::StmtOp::Either:
      for (const ir::Stmt* c : s->children) {
        std::vector<Path> one;
        one.push_back(p);
        for (Path& q : exec(c, std::move(one))) out.push_back(std::move(q));
      }
      return;
    case ir::StmtOp::Choose: {
      Eval ev = eval_ctx(p);
      ExprEncoder::Domain d = X.domain(s->binder.set, ev);
      flush(errs_, *errors_, ti_);
      p.cond = ev.ok;
      for (std::size_t j = 0; j < d.elems.size(); ++j) {
        Path q = p;
        q.cond = V.mk_and(p.cond, d.pres[j]);
        if (q.cond.is_false()) continue;
        while (q.env.size() <= s->binder.slot) q.env.push_back(SVal(V.ctx()));
        q.env[s->binder.slot] = d.elems[j];
        std::vector<Path> one;
        one.push_back(std::move(q));
        for (const ir::Stmt* c : s->children) one = exec(c, std::move(one));
        for (Path& r : one) out.push_back(std::move(r));
      }
      return;
    }
    case ir::StmtOp::If: {
      Eval ev = eval_ctx(p);
      z3::expr c = X.eval_bool(s->expr, ev);
      flush(errs_, *errors_, ti_);
      p.cond = ev.ok;
      Path pe = p;
      p.cond = V.mk_and(p.cond, c);
      pe.cond = V.mk_and(pe.cond, V.mk_not(c));
      std::vector<Path> a, b;
      if (!p.cond.is_false()) {
        std::vector<Path> one;
        one.push_back(std::move(p));
        a = s->children.size() > 0 ? exec(s->children[0], std::move(one)) : std::move(one);
      }
      if (!pe.cond.is_false()) {
        std::vector<Path> one;
        one.push_back(std::move(pe));
        b = s->children.size() > 1 ? exec(s->children[1], std::move(one)) : std::move(one);
      }
      if (a.size() == 1 && b.size() == 1) {
        out.push_back(merge(c, a[0], b[0]));
        return;
      }
      for (Path& q : a) out.push_back(std::move(q));
      for (Path& q : b) out.push_back(std::move(q));
      return;
    }
    case ir::StmtOp::Assert: {
      Eval ev = eval_ctx(p);
      z3::expr v = X.eval_bool(s->expr, ev);
      flush(errs_, *errors_, ti_);
      p.cond = ev.ok;
      z3::expr bad = V.mk_and(p.cond, V.mk_not(v));
      if (!bad.is_false()) p.asserts.push_back(AssertRec{bad, s});
      out.push_back(std::move(p));
      return;
    }
    case ir::StmtOp::Fail:
      errors_->push_back(StepError{ti_, ErrRec{p.cond, s->message.empty() ? "fail" : s->message, s->span}});
      return;
    case ir::StmtOp::LockEvent:
      lock_event(s, p);
      out.push_back(std::move(p));
      return;
  }
  throw Unsupported("statement kind " + std::to_string(static_cast<int>(s->op)));
}

void StepEncoder::assign(const ir::Stmt* s, Path& p) {
  Eval ev = eval_ctx(p);
  ExprEncoder::Target tg = X.resolve(s->var, s->path, p.cur, ev);
  std::size_t n = V.shape(tg.type).size();
  if (s->once) {
    std::vector<z3::expr> twice;
    if (!p.marks.empty())
      for (const auto& c : tg.cands) {
        std::vector<z3::expr> any;
        for (std::size_t m = 0; m < n; ++m) any.push_back(p.marks[c.second + m]);
        twice.push_back(V.mk_and(c.first, V.disj(any)));
      }
    X.fail(ev, V.disj(twice), "assign_twice", s->span);
  }
  SVal value = X.eval_as(s->expr, tg.type, ev);
  std::vector<z3::expr> leaves;
  z3::expr bad = V.fls();
  V.flatten(value, tg.type, leaves, bad);
  X.fail(ev, bad, "out_of_type", s->span);
  flush(errs_, *errors_, ti_);
  p.cond = ev.ok;
  for (std::size_t i = 0; i < tg.cands.size(); ++i) {
    const auto& c = tg.cands[i];
    for (std::size_t m = 0; m < n && m < leaves.size(); ++m) {
      z3::expr& leaf = p.cur.at(c.second + m);
      leaf = V.mk_ite(c.first, leaves[m], leaf);
    }
    if (s->once) {
      if (p.marks.empty()) p.marks.assign(p.cur.size(), V.fls());
      for (std::size_t m = 0; m < n; ++m) p.marks[c.second + m] = V.mk_or(p.marks[c.second + m], c.first);
    }
  }
}

void StepEncoder::lock_event(const ir::Stmt* s, Path& p) {
  Eval ev = eval_ctx(p);
  std::vector<std::pair<z3::expr, std::size_t>> insts;
  if (s->expr) {
    SVal idx = X.eval(s->expr, ev);
    z3::expr i = V.as_int(idx.e);
    // Only indices naming a lock instance matter (lock_base + v in 0..locks-1): clamp the
    // index's interval to them, so a wide or unknown interval (saturated arithmetic) is
    // encoded exactly and never loops over 2^60 values (an index outside names no lock, as
    // in the explicit engine).
    const auto n = static_cast<std::int64_t>(sys_.locks.size());
    std::int64_t lo = std::max<std::int64_t>(idx.iv.lo, -static_cast<std::int64_t>(s->lock_base));
    std::int64_t hi = std::min<std::int64_t>(idx.iv.hi, n - 1 - s->lock_base);
    for (std::int64_t v = lo; v <= hi; ++v)
      insts.push_back({V.mk_eq(i, V.num(v)), static_cast<std::size_t>(s->lock_base + v)});
  } else if (s->lock_base >= 0 && static_cast<std::size_t>(s->lock_base) < sys_.locks.size()) {
    insts.push_back({V.tru(), static_cast<std::size_t>(s->lock_base)});
  }
  flush(errs_, *errors_, ti_);
  p.cond = ev.ok;
  if (!sys_.check_lock_order || t_->process < 0 || (sys_.lock_order.empty() && sys_.lock_nesting.empty())) return;
  if (s->event == ir::LockEventKind::Release) return;
  auto proc = static_cast<std::size_t>(t_->process);
  // Lock order is checked where the acquisition is recorded: at the request of a queued rwsem,
  // at the acquire otherwise (LANGUAGE.md §11), against the locks held at that moment.
  for (const auto& [cond, l] : insts) {
    const ir::LockInstance& li = sys_.locks[l];
    bool recorded = li.queued ? s->event == ir::LockEventKind::Request : s->event == ir::LockEventKind::Acquire;
    if (!recorded) continue;
    auto add = [&](const std::string& name, std::vector<z3::expr> held, const std::string& rule) {
      z3::expr viol = V.mk_and(V.mk_and(p.cond, cond), V.disj(held));
      if (viol.is_false()) return;
      p.order.push_back(OrderRec{viol, name, sys_.processes[proc].name + " acquires " + li.name + " against " + rule});
    };
    for (const auto& [a, b] : sys_.lock_order) {
      if (a != li.lock_class || b == a) continue;
      std::vector<z3::expr> held;
      for (std::size_t j = 0; j < sys_.locks.size(); ++j)
        if (sys_.locks[j].lock_class == b) held.push_back(holds(p.cur, j, proc));
      add("declared order " + a + " < " + b, std::move(held), "lock_order " + a + " < " + b);
    }
    for (const ir::LockNesting& n : sys_.lock_nesting) {
      if (n.lock_class != li.lock_class) continue;
      // Instances of a class are numbered in index order: holding a later one is a violation.
      std::vector<z3::expr> held;
      bool after = false;
      for (std::size_t j = 0; j < sys_.locks.size(); ++j) {
        if (sys_.locks[j].lock_class != li.lock_class) continue;
        if (after) held.push_back(holds(p.cur, j, proc));
        if (j == l) after = true;
      }
      add("declared order " + li.lock_class + " by index", std::move(held), "lock_order " + li.lock_class + " by index");
      break;
    }
  }
}

}  // namespace smt
