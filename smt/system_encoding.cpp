// smt: SystemEncoding (system_encoding.h): states, initial states, state checks, the step
// relation and the violation formulas of every property, mirroring the explicit engine's rules
// (checker/explorer.cpp): what is checked where, and which trace_length each violation gets.
#include "smt/system_encoding.h"

#include <map>

#include "checker/compiled_expr.h"
#include "checker/value_model.h"
#include "smt/houdini.h"

namespace smt {

SystemEncoding::SystemEncoding(z3::context& ctx, const ir::System& sys, bool check_deadlock)
    : ctx_(ctx), sys_(sys), deadlock_(check_deadlock), V(ctx, sys), X(V, sys), S(X, sys) {
  leaves_.resize(sys.leaves.size());
  for (const ir::Var& v : sys.vars) {
    const auto& sh = V.shape(v.type);
    if (sh.size() != v.leaf_count)
      throw Unsupported("internal: the layout of " + v.name + " has " + std::to_string(v.leaf_count) +
                        " leaves, its type " + v.type->str() + " " + std::to_string(sh.size()));
    for (std::size_t m = 0; m < sh.size(); ++m) {
      const ir::Leaf& l = sys.leaves.at(v.first_leaf + m);
      std::uint64_t card = static_cast<std::uint64_t>(sh[m].hi - sh[m].lo) + 1;
      if (l.lo != sh[m].lo || l.card != card)
        throw Unsupported("internal: leaf " + std::to_string(v.first_leaf + m) + " of " + v.name +
                          " does not match its type " + v.type->str());
      leaves_[v.first_leaf + m] = sh[m];
    }
  }
}

z3::expr SystemEncoding::assumed(const SymState& s) const { return lemmas_ ? lemmas_->at(s) : ctx_.bool_val(true); }

std::uint32_t SystemEncoding::words() const { return std::max<std::uint32_t>(1, sys_.state_words); }

SymState SystemEncoding::fresh_state(const std::string& tag) {
  SymState s;
  s.raw.reserve(leaves_.size());
  s.val.reserve(leaves_.size());
  for (std::size_t i = 0; i < leaves_.size(); ++i) {
    std::string name = tag + "." + std::to_string(i);
    if (leaves_[i].is_bool) {
      s.raw.push_back(ctx_.bool_const(name.c_str()));
      s.val.push_back(s.raw.back());
      continue;
    }
    unsigned w = std::max<unsigned>(1, sys_.leaves[i].width);
    s.raw.push_back(ctx_.bv_const(name.c_str(), w));
    z3::expr v = z3::zext(s.raw.back(), Values::kIntBits - w);
    if (leaves_[i].lo != 0) v = v + V.num(leaves_[i].lo);
    s.val.push_back(v);
  }
  return s;
}

void SystemEncoding::canonical(const Type* t, const State& s, std::size_t& off, std::vector<z3::expr>& out) {
  switch (t->kind) {
    case TypeKind::Set:
      off += V.shape(t).size();
      return;
    case TypeKind::Function: {
      std::uint64_t n = V.card(t->elem, kMaxUniverse);
      for (std::uint64_t i = 0; i < n; ++i) canonical(t->codomain, s, off, out);
      return;
    }
    case TypeKind::Record:
      for (const auto& f : t->fields) canonical(f.second, s, off, out);
      return;
    case TypeKind::Seq: {
      const z3::expr& len = s.at(off++);
      for (std::int64_t i = 0; i < t->max_len; ++i) {
        std::size_t start = off;
        canonical(t->elem, s, off, out);
        for (std::size_t m = start; m < off; ++m) {
          z3::expr lo = leaves_[m].is_bool ? V.fls() : V.num(leaves_[m].lo);
          out.push_back(z3::implies(len <= V.num(i), V.mk_eq(s[m], lo)));
        }
      }
      return;
    }
    default:
      ++off;
      return;
  }
}

z3::expr SystemEncoding::typed(const SymState& s) {
  std::vector<z3::expr> c;
  for (std::size_t i = 0; i < leaves_.size(); ++i) {
    if (leaves_[i].is_bool) continue;
    unsigned w = std::max<unsigned>(1, sys_.leaves[i].width);
    std::uint64_t card = static_cast<std::uint64_t>(leaves_[i].hi - leaves_[i].lo) + 1;
    if (w < 64 && card < (std::uint64_t{1} << w)) c.push_back(z3::ult(s.raw[i], ctx_.bv_val(card, w)));
  }
  for (const ir::Var& v : sys_.vars) {
    if (!checker::contains_seq(v.type)) continue;
    std::size_t off = v.first_leaf;
    canonical(v.type, s.val, off, c);
  }
  return V.conj(c);
}

z3::expr SystemEncoding::distinct(const SymState& a, const SymState& b) {
  std::vector<z3::expr> d;
  for (std::size_t i = 0; i < a.raw.size(); ++i) d.push_back(V.mk_not(V.mk_eq(a.raw[i], b.raw[i])));
  return V.disj(d);
}

namespace {
// A term that must be a literal (initial values do not depend on the state).
bool literal_bool(const z3::expr& e, bool& out) {
  z3::expr s = e.simplify();
  if (s.is_true()) return out = true, true;
  if (s.is_false()) return out = false, true;
  return false;
}
}  // namespace

InitialStates SystemEncoding::initial(const State& s0) {
  InitialStates init(ctx_);
  std::vector<ErrRec> errs;
  std::vector<SVal> env(std::max<std::size_t>(sys_.env_slots, 1), SVal(ctx_));
  Eval ev(ctx_);
  ev.old = ev.cur = &s0;
  ev.env = &env;
  ev.errs = &errs;
  std::vector<z3::expr> per_var;
  std::string bad_message;
  auto global_error = [&](const std::string& category, const std::string& detail, const support::SourceSpan& span) {
    init.any = false;
    init.error_category = category;
    init.error_message = category + (detail.empty() ? "" : ": " + detail) + (span.valid() ? " (" + sys_.location(span) + ")" : "");
    init.error_state.assign(words(), 0);
  };
  auto check_errors = [&]() -> bool {
    for (const ErrRec& e : errs) {
      bool b;
      if (!literal_bool(e.cond, b)) throw Unsupported("an initial value that depends on the state");
      if (b) {
        global_error(e.category, "", e.span);
        return false;
      }
    }
    errs.clear();
    return true;
  };
  for (const ir::InitialValue& iv : sys_.init) {
    const ir::Var& v = sys_.vars.at(iv.var);
    const Type* T = v.type;
    std::vector<SVal> cands;
    std::string detail_all = "an initial value of " + v.name + " is not in " + T->str();
    if (iv.set) {
      ExprEncoder::Domain d = X.domain(iv.set, ev);
      if (!check_errors()) return init;
      const Type* ET = iv.set->op == ir::ExprOp::TypeSet ? iv.set->set_type
                       : iv.set->type && iv.set->type->elem ? iv.set->type->elem
                                                            : nullptr;
      for (std::size_t j = 0; j < d.elems.size(); ++j) {
        bool present;
        if (!literal_bool(d.pres[j], present)) throw Unsupported("an initial value set that depends on the state");
        if (!present) continue;
        const SVal& el = d.elems[j];
        if (ET && !checker::same_repr(ET, T)) {
          bool cf;
          if (!literal_bool(V.convert_fails(el, T), cf)) throw Unsupported("an initial value that depends on the state");
          if (cf) {
            global_error("out_of_type", detail_all, v.decl);
            return init;
          }
        }
        cands.push_back(V.retype(el, T));
      }
    } else if (iv.value) {
      SVal val = X.eval(iv.value, ev);
      if (!check_errors()) return init;
      z3::expr cf = V.fls();
      SVal c = V.coerce(val, T, cf);
      bool b;
      if (!literal_bool(cf, b)) throw Unsupported("an initial value that depends on the state");
      if (b) {
        global_error("out_of_type", "the initial value of " + v.name + " is not in " + T->str(), v.decl);
        return init;
      }
      cands.push_back(c);
    } else {
      std::vector<std::int64_t> lows;
      for (const auto& l : V.shape(T)) lows.push_back(l.is_bool ? 0 : l.lo);
      if (checker::contains_seq(T)) checker::canonicalize(T, lows.data());
      cands.push_back(V.from_cells(T, lows.data()));
    }
    if (cands.empty()) {
      init.any = false;  // an empty initial set: no initial states, nothing reported
      return init;
    }
    std::vector<z3::expr> options;
    for (const SVal& c : cands) {
      std::vector<z3::expr> lv;
      z3::expr bad = V.fls();
      V.flatten(c, T, lv, bad);
      bool b;
      if (!literal_bool(bad, b)) throw Unsupported("an initial value that depends on the state");
      if (b) {
        if (bad_message.empty())
          bad_message = "out_of_type: the initial value of " + v.name + " is not in " + T->str() +
                        (v.decl.valid() ? " (" + sys_.location(v.decl) + ")" : "");
        continue;
      }
      std::vector<z3::expr> eqs;
      for (std::size_t m = 0; m < lv.size(); ++m) eqs.push_back(V.mk_eq(s0.at(v.first_leaf + m), lv[m].simplify()));
      options.push_back(V.conj(eqs));
    }
    per_var.push_back(V.disj(options));
  }
  if (!bad_message.empty()) {
    init.error_category = "out_of_type";
    init.error_message = bad_message;
    init.error_state.assign(words(), 0);
  }
  init.cand = V.conj(per_var);
  // `initially` in order; the first error or false one drops the state.
  Eval iv(ctx_);
  iv.old = iv.cur = &s0;
  iv.env = &env;
  iv.errs = &init.initially_errs;
  z3::expr all = V.tru();
  for (const auto& p : sys_.initially) {
    z3::expr v = V.tru();
    X.under(iv, all, [&] { v = X.eval_bool(p.expr, iv); });
    all = V.mk_and(all, v);
  }
  init.ok = V.mk_and(init.cand, V.mk_and(iv.ok, all));
  return init;
}

StateChecks SystemEncoding::check(const State& s) {
  StateChecks c(ctx_);
  std::vector<SVal> env(std::max<std::size_t>(sys_.env_slots, 1), SVal(ctx_));
  Eval ev(ctx_);
  ev.old = ev.cur = &s;
  ev.env = &env;
  ev.errs = &c.errs;
  z3::expr all = V.tru();
  for (const auto& p : sys_.constraints) {
    z3::expr v = V.tru();
    X.under(ev, all, [&] { v = X.eval_bool(p.expr, ev); });
    all = V.mk_and(all, v);
  }
  std::vector<z3::expr> ce;
  for (const auto& e : c.errs) ce.push_back(e.cond);
  c.cons_err = V.disj(ce);
  c.cons = V.mk_and(ev.ok, all);
  z3::expr no_cons_err = V.mk_not(c.cons_err);
  for (const auto& p : sys_.invariants) {
    std::vector<ErrRec> errs;
    Eval e2(ctx_);
    e2.old = e2.cur = &s;
    e2.env = &env;
    e2.errs = &errs;
    z3::expr v = X.eval_bool(p.expr, e2);
    c.inv_viol.push_back(V.mk_and(no_cons_err, V.mk_and(e2.ok, V.mk_not(v))));
    for (auto& e : errs) c.errs.push_back(ErrRec{V.mk_and(no_cons_err, e.cond), e.category, e.span});
  }
  for (const auto& p : sys_.covers) {
    std::vector<ErrRec> errs;
    Eval e3(ctx_);
    e3.old = e3.cur = &s;
    e3.env = &env;
    e3.errs = &errs;
    z3::expr v = X.eval_bool(p.expr, e3);
    c.covers.push_back(V.mk_and(V.mk_not(c.cons_err), V.mk_and(e3.ok, v)));
  }
  return c;
}

StepEncoding SystemEncoding::step(const State& s) { return S.encode(s); }

unsigned SystemEncoding::selector_width(const StepEncoding& enc) const {
  unsigned w = 1;
  while ((std::uint64_t{1} << w) < enc.outs.size()) ++w;
  return w;
}

z3::expr SystemEncoding::transition(const StepEncoding& enc, const State& pre, const SymState& post, const z3::expr& sel) {
  std::size_t P = enc.outs.size();
  if (P == 0) return V.fls();
  unsigned w = selector_width(enc);
  std::vector<z3::expr> is;
  for (std::size_t p = 0; p < P; ++p) is.push_back(sel == ctx_.bv_val(static_cast<std::uint64_t>(p), w));
  std::vector<z3::expr> c;
  if (P < (std::uint64_t{1} << w)) c.push_back(z3::ult(sel, ctx_.bv_val(static_cast<std::uint64_t>(P), w)));
  for (std::size_t p = 0; p < P; ++p) c.push_back(z3::implies(is[p], enc.outs[p].cond));
  for (std::size_t l = 0; l < pre.size(); ++l) {
    z3::expr rhs = pre[l];
    for (std::size_t p = P; p-- > 0;)
      if (!z3::eq(enc.outs[p].post[l], pre[l])) rhs = z3::ite(is[p], enc.outs[p].post[l], rhs);
    if (leaves_[l].is_bool) {
      c.push_back(V.mk_eq(post.raw[l], rhs));
      continue;
    }
    // Successor values are in range (writes are checked), so the raw leaf is value - lo.
    unsigned lw = std::max<unsigned>(1, sys_.leaves[l].width);
    z3::expr raw = leaves_[l].lo != 0 ? rhs - V.num(leaves_[l].lo) : rhs;
    c.push_back(V.mk_eq(post.raw[l], raw.extract(lw - 1, 0)));
  }
  return V.conj(c);
}

std::vector<Property> SystemEncoding::properties(const State& s, const StateChecks& c, const StepEncoding& enc) {
  std::vector<Property> out;
  auto add = [&](const std::string& kind, const std::string& name, const z3::expr& viol, bool step) {
    if (viol.is_false()) return;
    Property p(ctx_);
    p.kind = kind;
    p.name = name;
    p.viol = viol;
    p.step = step;
    out.push_back(std::move(p));
  };
  std::map<std::string, std::vector<z3::expr>> rt, rt_step;
  for (const ErrRec& e : c.errs) rt[e.category].push_back(e.cond);
  for (const StepError& e : enc.errors) rt_step[e.err.category].push_back(e.err.cond);
  for (auto& [cat, conds] : rt) add("runtime_error", cat, V.disj(conds), false);
  for (auto& [cat, conds] : rt_step) add("runtime_error", cat, V.mk_and(c.cons, V.disj(conds)), true);
  for (std::size_t i = 0; i < sys_.invariants.size(); ++i) add("invariant", sys_.invariants[i].name, c.inv_viol[i], false);
  std::map<std::string, std::vector<z3::expr>> asserts, order;
  std::vector<z3::expr> held;
  for (const Outcome& o : enc.outs) {
    for (const AssertRec& a : o.asserts) {
      const ir::Stmt* st = a.stmt;
      std::string name = st->property.empty() ? "assert@" + sys_.location(st->span) : st->property;
      asserts[name].push_back(V.mk_and(o.cond, a.cond));
    }
    for (const OrderRec& r : o.order) order[r.name].push_back(V.mk_and(o.cond, r.cond));
    const ir::Transition& t = sys_.transitions[o.transition];
    if (sys_.check_held_at_exit && t.process >= 0 && !sys_.locks.empty()) {
      auto p = static_cast<std::size_t>(t.process);
      std::int64_t end = sys_.processes[p].end_pc;
      std::vector<z3::expr> any;
      for (std::size_t l = 0; l < sys_.locks.size(); ++l) any.push_back(S.holds(o.post, l, p));
      held.push_back(V.conj({o.cond, S.pc_is(o.post, p, end), V.mk_not(S.pc_is(s, p, end)), V.disj(any)}));
    }
  }
  for (auto& [name, conds] : asserts) add("assert", name, V.mk_and(c.cons, V.disj(conds)), true);
  add("held_at_exit", "held_at_exit", V.mk_and(c.cons, V.disj(held)), true);
  for (auto& [name, conds] : order) add("lock_order", name, V.mk_and(c.cons, V.disj(conds)), true);
  if (deadlock_) {
    std::vector<z3::expr> fin;
    for (std::size_t p = 0; p < sys_.processes.size(); ++p) fin.push_back(S.pc_is(s, p, sys_.processes[p].end_pc));
    z3::expr finished = sys_.processes.empty() ? V.fls() : V.conj(fin);
    add("deadlock", "deadlock", V.conj({c.cons, V.mk_not(enc.enabled), V.mk_not(finished)}), false);
  }
  return out;
}

std::vector<std::uint64_t> SystemEncoding::pack(const z3::model& m, const SymState& s) {
  std::vector<std::uint64_t> out(words(), 0);
  for (std::size_t i = 0; i < s.raw.size(); ++i) {
    const ir::Leaf& l = sys_.leaves[i];
    z3::expr v = m.eval(s.raw[i], true);
    std::uint64_t raw = 0;
    if (leaves_[i].is_bool) {
      raw = v.is_true() ? 1 : 0;
    } else {
      uint64_t u = 0;
      if (!v.is_numeral() || !Z3_get_numeral_uint64(ctx_, v, &u)) throw Unsupported("internal: the model has no value for a state leaf");
      raw = u;
    }
    std::uint64_t mask = l.width >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << l.width) - 1);
    std::uint32_t word = l.offset / 64, shift = l.offset % 64;
    out.at(word) = (out.at(word) & ~(mask << shift)) | ((raw & mask) << shift);
  }
  return out;
}

}  // namespace smt
