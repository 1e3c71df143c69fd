// checker: Program (program.h): compiles one System for one worker and dispatches transitions
// by (process, pc); enumerates initial states as the product of the initial-value sets.
#include "checker/program.h"

#include <cstring>
#include <stdexcept>

#include "checker/compiled_nodes.h"

namespace checker {

Program::Program(const ir::System& sys, const Layout& layout, const NativeModule* native)
    : sys_(sys), layout_(layout), words_(std::max<std::uint32_t>(1, sys.state_words)),
      exec_(layout, std::max<std::uint32_t>(1, sys.state_words), sys.leaves.size()) {
  native_ = native;
  ec_ = std::make_unique<ExprCompiler>(sys, layout, nodes_, slot_sizes_);
  StmtCompiler sc(*ec_, stmts_);
  std::vector<std::vector<const ir::Expr*>> guards(sys.transitions.size());
  for (std::size_t ti = 0; ti < sys.transitions.size(); ++ti) {
    const ir::Transition& t = sys.transitions[ti];
    if (!t.body) throw std::runtime_error("checker: transition '" + t.name + "' has no body");
    Body b;
    sc.set_once(!sc.once_redundant(t.body));
    b.full = sc.compile(t.body);
    // Flatten leading Seqs; the leading Guards become pre-tests.
    std::vector<const ir::Stmt*> list{t.body};
    while (!list.empty() && list[0]->op == ir::StmtOp::Seq) {
      std::vector<const ir::Stmt*> next(list[0]->children.begin(), list[0]->children.end());
      next.insert(next.end(), list.begin() + 1, list.end());
      list.swap(next);
    }
    std::size_t k = 0;
    while (k < list.size() && list[k]->op == ir::StmtOp::Guard) {
      guards[ti].push_back(list[k]->expr);
      ++k;
    }
    if (k > 0) b.pre.push_back(ec_->flatten_bool(ec_->conjunction(guards[ti])));
    b.rest = k == 0 ? b.full : sc.seq(std::vector<const ir::Stmt*>(list.begin() + static_cast<std::ptrdiff_t>(k), list.end()));
    bodies_.push_back(std::move(b));
    sc.set_once(true);
  }
  by_pc_.resize(sys.processes.size());
  for (std::size_t p = 0; p < sys.processes.size(); ++p) {
    const ir::ProcessInstance& pi = sys.processes[p];
    const ir::Var& v = sys.vars.at(pi.pc_var);
    pc_leaf_.push_back(layout.leaves.at(v.first_leaf));
    by_pc_[p].resize(layout.leaves.at(v.first_leaf).card);
  }
  for (std::size_t i = 0; i < sys.transitions.size(); ++i) {
    const ir::Transition& t = sys.transitions[i];
    if (t.process < 0) {
      std::uint32_t leaf;
      std::int64_t value;
      if (!key_of(guards[i], &leaf, &value)) {
        actions_.push_back(static_cast<std::uint32_t>(i));
        continue;
      }
      KeyGroup* g = nullptr;
      for (KeyGroup& kg : key_groups_)
        if (kg.leaf_index == leaf) g = &kg;
      if (!g) {
        key_groups_.emplace_back();
        g = &key_groups_.back();
        g->leaf_index = leaf;
        g->leaf = layout.leaves.at(leaf);
        g->by_value.resize(g->leaf.card);
      }
      std::uint64_t raw = static_cast<std::uint64_t>(value - g->leaf.lo);
      if (raw < g->by_value.size()) g->by_value[raw].push_back(static_cast<std::uint32_t>(i));
      continue;  // a value outside the leaf's range: the action is never enabled
    }
    std::size_t p = static_cast<std::size_t>(t.process);
    std::int64_t k = t.from_pc - pc_leaf_.at(p).lo;
    if (t.from_pc < 0 || k < 0 || static_cast<std::size_t>(k) >= by_pc_[p].size())
      throw std::runtime_error("checker: transition '" + t.name + "' has no valid from_pc");
    by_pc_[p][static_cast<std::size_t>(k)].push_back(static_cast<std::uint32_t>(i));
  }
  for (const auto& n : sys.invariants) invariants_.push_back(ec_->compile_bool(n.expr));
  for (const auto& n : sys.covers) covers_.push_back(ec_->compile_bool(n.expr));
  for (const auto& n : sys.constraints) constraints_.push_back(ec_->compile_bool(n.expr));
  for (const auto& n : sys.initially) initially_.push_back(ec_->compile_bool(n.expr));
  if (native_) {
    native_steps_.resize(sys.transitions.size());
    for (std::size_t t = 0; t < sys.transitions.size(); ++t) native_steps_[t] = native_->transition(t);
    for (std::size_t i = 0; i < invariants_.size(); ++i)
      if (native_->invariant(i)) native_preds_.emplace_back(invariants_[i], native_->invariant(i));
    for (std::size_t i = 0; i < covers_.size(); ++i)
      if (native_->cover(i)) native_preds_.emplace_back(covers_[i], native_->cover(i));
    for (std::size_t i = 0; i < constraints_.size(); ++i)
      if (native_->constraint(i)) native_preds_.emplace_back(constraints_[i], native_->constraint(i));
    nbuf_.words = words_;
  }
  for (const ir::InitialValue& iv : sys.init) {
    Init in;
    in.var = iv.var;
    if (iv.set) {
      in.is_set = true;
      in.set = ec_->iter(iv.set);
    } else if (iv.value) {
      in.value = ec_->coerce(ec_->compile(iv.value), sys.vars.at(iv.var).type);
    }
    init_.push_back(std::move(in));
  }
  setup_env();
}

void Program::setup_env() {
  std::size_t n = std::max<std::size_t>(sys_.env_slots, slot_sizes_.size());
  Ctx& c = exec_.ctx_;
  c.env.resize(n);
  for (std::size_t i = 0; i < n; ++i) c.env[i].assign(i < slot_sizes_.size() ? std::max<std::uint32_t>(1, slot_sizes_[i]) : 1, 0);
}

bool Program::key_of(const std::vector<const ir::Expr*>& guards, std::uint32_t* leaf, std::int64_t* value) {
  std::vector<const ir::Expr*> conj(guards.rbegin(), guards.rend());
  while (!conj.empty()) {
    const ir::Expr* e = conj.back();
    conj.pop_back();
    if (e->op == ir::ExprOp::And) {
      conj.push_back(e->args.at(1));
      conj.push_back(e->args.at(0));
      continue;
    }
    if (e->op != ir::ExprOp::Eq) continue;
    const ir::Expr* a = e->args.at(0);
    const ir::Expr* b = e->args.at(1);
    if (a->op == ir::ExprOp::Const) std::swap(a, b);
    if (b->op != ir::ExprOp::Const || !a->type || !is_scalar_type(a->type)) continue;
    // a must be a constant path to one leaf
    const ir::Expr* base = a;
    bool constant = true;
    while (base->op == ir::ExprOp::Index || base->op == ir::ExprOp::Field) {
      if (base->op == ir::ExprOp::Index && base->args.at(1)->op != ir::ExprOp::Const) constant = false;
      base = base->args.at(0);
    }
    if (!constant || base->op != ir::ExprOp::Var) continue;
    Node* n = ec_->compile(a);
    auto* l = dynamic_cast<nodes::LeafS*>(n);
    if (!l) continue;
    for (std::uint32_t i = 0; i < layout_.leaves.size(); ++i) {
      const LeafRef& r = layout_.leaves[i];
      if (r.word == l->l.word && r.shift == l->l.shift && r.mask == l->l.mask && r.lo == l->l.lo) {
        *leaf = i;
        *value = b->value;
        return true;
      }
    }
  }
  return false;
}

void Program::NativeBuffer::on_successor(void* host, const std::uint64_t* s, const std::int32_t* ev, std::int32_t nev,
                                         const std::int32_t* as, std::int32_t nas) {
  auto* b = static_cast<NativeBuffer*>(host);
  b->states.insert(b->states.end(), s, s + b->words);
  b->events.insert(b->events.end(), ev, ev + 3 * nev);
  b->events_end.push_back(static_cast<std::uint32_t>(b->events.size()));
  b->asserts.insert(b->asserts.end(), as, as + nas);
  b->asserts_end.push_back(static_cast<std::uint32_t>(b->asserts.size()));
}

// The native step's successors, delivered exactly as the interpreter would (same order, same
// events and failed asserts); false if it met a run-time error (nothing delivered).
bool Program::run_native(std::uint32_t t, const std::uint64_t* state, Sink& sink) {
  NativeBuffer& b = nbuf_;
  b.states.clear();
  b.events.clear();
  b.asserts.clear();
  b.events_end.clear();
  b.asserts_end.clear();
  WeftNativeOut out{&b, &NativeBuffer::on_successor};
  if (native_steps_[t](state, &out) != 0) return false;
  Exec& x = exec_;
  if (x.cur_.size() != words_) x.cur_.assign(words_, 0);
  x.transition_ = &sys_.transitions[t];
  x.ctx_.old = state;
  x.ctx_.cur = x.cur_.data();
  x.ctx_.failed = false;
  std::uint32_t e0 = 0, a0 = 0;
  for (std::size_t j = 0; j < b.events_end.size(); ++j) {
    std::memcpy(x.cur_.data(), b.states.data() + j * words_, sizeof(std::uint64_t) * words_);
    x.events_.clear();
    for (std::uint32_t e = e0; e < b.events_end[j]; e += 3)
      x.events_.push_back(LockEv{b.events[e], static_cast<ir::LockMode>(b.events[e + 1]), static_cast<ir::LockEventKind>(b.events[e + 2])});
    x.asserts_.clear();
    for (std::uint32_t a = a0; a < b.asserts_end[j]; ++a) x.asserts_.push_back(AssertFail{native_->assert_stmt(b.asserts[a])});
    e0 = b.events_end[j];
    a0 = b.asserts_end[j];
    sink.successor(x);
  }
  return true;
}

void Program::run_body(std::uint32_t t, const std::uint64_t* state, Sink& sink) {
  if (native_ && native_steps_[t] && run_native(t, state, sink)) return;
  const Body& b = bodies_[t];
  if (!b.pre.empty()) {
    Ctx& c = exec_.ctx_;
    c.old = state;
    c.cur = const_cast<std::uint64_t*>(state);  // guards only read
    c.failed = false;
    for (Node* g : b.pre) {
      std::int64_t v = g->scalar(c);
      if (c.failed) return exec_.run(&sys_.transitions[t], b.full, state, sink);  // report in context
      if (!v) return;
    }
  }
  exec_.run(&sys_.transitions[t], b.rest, state, sink);
}

void Program::expand(const std::uint64_t* state, Sink& sink) {
  for (std::size_t p = 0; p < by_pc_.size(); ++p) {
    std::uint64_t raw = (state[pc_leaf_[p].word] >> pc_leaf_[p].shift) & pc_leaf_[p].mask;
    if (raw >= by_pc_[p].size()) continue;
    for (std::uint32_t t : by_pc_[p][raw]) run_body(t, state, sink);
  }
  for (const KeyGroup& g : key_groups_) {
    std::uint64_t raw = (state[g.leaf.word] >> g.leaf.shift) & g.leaf.mask;
    if (raw >= g.by_value.size()) continue;
    for (std::uint32_t t : g.by_value[raw]) run_body(t, state, sink);
  }
  for (std::uint32_t t : actions_) run_body(t, state, sink);
}

void Program::run_transition(std::size_t t, const std::uint64_t* state, Sink& sink) {
  run_body(static_cast<std::uint32_t>(t), state, sink);
}

bool Program::eval(Node* pred, const std::uint64_t* state, bool* value, RtError* err) {
  for (const auto& [n, f] : native_preds_) {
    if (n != pred) continue;
    std::int64_t v = 0;
    if (f(state, &v) == 0) {
      *value = v != 0;
      return true;
    }
    break;  // a run-time error: the interpreter reports it
  }
  Ctx& c = exec_.ctx_;
  c.old = state;
  c.cur = const_cast<std::uint64_t*>(state);  // predicates never write
  c.failed = false;
  std::int64_t v = pred->scalar(c);
  if (c.failed) {
    if (err) *err = c.err;
    return false;
  }
  *value = v != 0;
  return true;
}

bool Program::eval_expr(const ir::Expr* e, const std::uint64_t* state, std::int64_t* out) {
  Node* n = nullptr;
  for (auto& [k, v] : extra_)
    if (k == e) n = v;
  if (!n) {
    n = ec_->compile(e);
    extra_.emplace_back(e, n);
    setup_env();
  }
  Ctx& c = exec_.ctx_;
  c.old = state;
  c.cur = const_cast<std::uint64_t*>(state);
  c.failed = false;
  *out = n->scalar(c);
  return !c.failed;
}

std::int64_t Program::pc(const std::uint64_t* state, std::size_t p) const { return read_leaf(state, pc_leaf_.at(p)); }

bool Program::holds(const std::uint64_t* state, std::size_t l, std::int64_t p) const {
  const ir::LockInstance& li = sys_.locks.at(l);
  const ir::Var& ov = sys_.vars.at(li.owner_var);
  if (read_leaf(state, layout_.leaves.at(ov.first_leaf)) == li.owner_code(p)) return true;
  if (li.readers_var >= 0) {
    const ir::Var& rv = sys_.vars.at(static_cast<std::size_t>(li.readers_var));
    if (p >= 0 && static_cast<std::uint32_t>(p) < rv.leaf_count &&
        read_leaf(state, layout_.leaves.at(rv.first_leaf + static_cast<std::uint32_t>(p))) != 0)
      return true;
  }
  return false;
}

void Program::initial_states(const std::function<void(const std::uint64_t*)>& cb,
                             const std::function<void(const std::uint64_t*, const RtError&)>& err_cb) {
  Ctx& c = exec_.ctx_;
  std::vector<std::uint64_t> zero(words_, 0), state(words_, 0);
  c.old = zero.data();
  c.cur = zero.data();
  c.failed = false;
  // Values of every var: a list of candidate cell tuples.
  std::vector<std::vector<std::int64_t>> cand(init_.size());
  std::vector<std::uint32_t> size(init_.size());
  std::vector<const Type*> types(init_.size());
  std::vector<std::int64_t> scratch;
  std::vector<bool> zero_width(init_.size(), false);
  for (std::size_t i = 0; i < init_.size(); ++i) {
    Init& in = init_[i];
    const ir::Var& v = sys_.vars.at(in.var);
    types[i] = v.type;
    size[i] = flat_size(v.type);
    if (in.is_set) {
      std::vector<std::int64_t> tmp(size[i]);
      in.set.for_each(c, scratch, [&](const std::int64_t* e) {
        // Elements are in the set's element layout; convert to the var's type when needed.
        if (in.set.elem && !same_repr(in.set.elem, v.type)) {
          if (!convert_fixed(in.set.elem, v.type, e, tmp.data())) {
            c.fail("out_of_type", sys_.vars.at(in.var).decl, "an initial value of " + v.name + " is not in " + v.type->str());
            return false;
          }
          cand[i].insert(cand[i].end(), tmp.begin(), tmp.end());
        } else {
          cand[i].insert(cand[i].end(), e, e + size[i]);
        }
        return true;
      });
    } else if (in.value) {
      std::vector<std::int64_t> cells;
      if (!nodes::materialize(in.value, c, v.type, cells) && !c.failed)
        c.fail("out_of_type", v.decl, "the initial value of " + v.name + " is not in " + v.type->str());
      cells.resize(size[i], 0);
      cand[i] = cells;
    } else {
      cand[i].assign(size[i], 0);
      for (std::uint32_t k = 0; k < size[i]; ++k) cand[i][k] = layout_.leaves.at(v.first_leaf + k).lo;
      canonicalize(v.type, cand[i].data());
    }
    if (c.failed) {
      err_cb(state.data(), c.err);
      return;
    }
    if (size[i] == 0) cand[i].assign(1, 0), size[i] = 1, zero_width[i] = true;
    if (cand[i].empty()) return;  // an empty initial set: no initial states
  }
  // Odometer over the candidates, the last var varying fastest.
  std::vector<std::size_t> pos(init_.size(), 0);
  for (;;) {
    std::fill(state.begin(), state.end(), 0);
    bool ok = true;
    for (std::size_t i = 0; i < init_.size() && ok; ++i) {
      const ir::Var& v = sys_.vars.at(init_[i].var);
      if (zero_width[i]) continue;
      if (!store_leaves(layout_, state.data(), v.first_leaf, v.type, cand[i].data() + pos[i] * size[i])) {
        RtError e;
        e.category = "out_of_type";
        e.span = v.decl;
        e.detail = "the initial value of " + v.name + " is not in " + v.type->str();
        err_cb(state.data(), e);
        ok = false;
      }
    }
    if (ok) cb(state.data());
    std::size_t i = init_.size();
    while (i > 0) {
      --i;
      if (++pos[i] * size[i] < cand[i].size()) break;
      pos[i] = 0;
      if (i == 0) return;
    }
    if (init_.empty()) return;
  }
}

}  // namespace checker
