// checker: expression compiler, part 1: layout, leaf paths (reads and writes as shifts and
// masks, constant indices folded to leaves), load/store of composite values, and scalar ops.
#include "checker/compiled_expr.h"

#include <algorithm>
#include <stdexcept>

#include "checker/compiled_nodes.h"

namespace checker {

using namespace nodes;

Layout::Layout(const ir::System& sys) {
  leaves.reserve(sys.leaves.size());
  for (const ir::Leaf& l : sys.leaves) {
    LeafRef r;
    r.word = l.offset / 64;
    r.shift = l.offset % 64;
    r.mask = l.width >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << l.width) - 1);
    r.lo = l.lo;
    r.card = l.card;
    leaves.push_back(r);
  }
}

std::int64_t Node::scalar(Ctx&) { throw std::logic_error("checker: scalar() on a non-scalar node"); }
const std::int64_t* Node::cells(Ctx&) { throw std::logic_error("checker: cells() on a non-fixed node"); }
const std::vector<std::int64_t>& Node::dyn(Ctx&) { throw std::logic_error("checker: dyn() on a non-dyn node"); }

bool same_repr(const Type* a, const Type* b) {
  if (a == b) return true;
  if (is_scalar_type(a) && is_scalar_type(b)) return true;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Set: {
      const Type* x = a->elem;
      const Type* y = b->elem;
      if (x == y) return true;
      if (x->kind == TypeKind::Range && y->kind == TypeKind::Range) return x->lo == y->lo && x->hi == y->hi;
      if (x->kind == TypeKind::Int && y->kind == TypeKind::Int) return true;
      return false;
    }
    case TypeKind::Function:
      return a->elem->cardinality() == b->elem->cardinality() && same_repr(a->codomain, b->codomain) &&
             (a->elem->kind != TypeKind::Range || b->elem->kind != TypeKind::Range || a->elem->lo == b->elem->lo);
    case TypeKind::Record:
      if (a->fields.size() != b->fields.size()) return false;
      for (std::size_t i = 0; i < a->fields.size(); ++i)
        if (!same_repr(a->fields[i].second, b->fields[i].second)) return false;
      return true;
    case TypeKind::Seq:
      return a->max_len == b->max_len && same_repr(a->elem, b->elem);
    default:
      return false;
  }
}

// ------------------------------------------------------------------ paths
bool ExprCompiler::var_path(const ir::Expr* e, std::uint32_t& var, std::vector<ir::PathElem>& elems) {
  std::vector<ir::PathElem> rev;
  while (e->op == ir::ExprOp::Index || e->op == ir::ExprOp::Field) {
    ir::PathElem pe;
    if (e->op == ir::ExprOp::Field) {
      pe.field = true;
      pe.slot = e->slot;
    } else {
      pe.index = e->args[1];
    }
    rev.push_back(pe);
    e = e->args[0];
  }
  if (e->op != ir::ExprOp::Var) return false;
  var = e->var;
  elems.assign(rev.rbegin(), rev.rend());
  return true;
}

ExprCompiler::Path ExprCompiler::path(std::uint32_t var, const std::vector<ir::PathElem>& elems) {
  Path p;
  p.var = var;
  const ir::Var& v = sys_.vars[var];
  p.base = v.first_leaf;
  const Type* t = v.type;
  auto add_const = [&](std::uint32_t k) {
    if (p.steps.empty())
      p.base += k;
    else
      p.steps.back().extra += k;
  };
  for (const ir::PathElem& pe : elems) {
    if (pe.field) {
      std::uint32_t off = 0;
      for (std::uint32_t i = 0; i < pe.slot && i < t->fields.size(); ++i) off += flat_size(t->fields[i].second);
      add_const(off);
      t = t->fields.at(pe.slot).second;
      continue;
    }
    if (t->kind == TypeKind::Seq) {
      PathStep s;
      s.index = compile(pe.index);
      s.seq = true;
      s.stride = flat_size(t->elem);
      p.steps.push_back(s);
      t = t->elem;
      continue;
    }
    // function
    const Type* dom = t->elem;
    std::uint32_t stride = flat_size(t->codomain);
    Node* in = compile(pe.index);
    auto* k = dynamic_cast<ConstS*>(in);
    if (k && scalar_index(dom, k->v) >= 0) {
      add_const(static_cast<std::uint32_t>(scalar_index(dom, k->v)) * stride);
    } else {
      PathStep s;
      s.index = in;
      s.dom = dom;
      s.stride = stride;
      p.steps.push_back(s);
    }
    t = t->codomain;
  }
  p.type = t;
  p.size = flat_size(t);
  return p;
}

bool resolve_path(const ExprCompiler::Path& p, const Layout& layout, Ctx& c, const std::uint64_t* s,
                  std::uint32_t& leaf) {
  leaf = p.base;
  for (const ExprCompiler::PathStep& st : p.steps) {
    std::int64_t v = st.index->scalar(c);
    if (c.failed) return false;
    if (st.seq) {
      std::int64_t len = read_leaf(s, layout.leaves[leaf]);
      if (v < 1 || v > len) {
        c.fail("sequence_bounds", st.index->span,
               "index " + std::to_string(v) + " outside 1.." + std::to_string(len));
        return false;
      }
      leaf += 1 + static_cast<std::uint32_t>(v - 1) * st.stride;
    } else {
      std::int64_t k = scalar_index(st.dom, v);
      if (k < 0) {
        c.fail("domain", st.index->span, "index " + std::to_string(v) + " outside the domain " + st.dom->str());
        return false;
      }
      leaf += static_cast<std::uint32_t>(k) * st.stride;
    }
    leaf += st.extra;
  }
  return true;
}

void load_leaves(const Layout& layout, const std::uint64_t* s, std::uint32_t leaf, const Type* t,
                 std::uint32_t n, std::int64_t* out) {
  for (std::uint32_t i = 0; i < n; ++i) out[i] = read_leaf(s, layout.leaves[leaf + i]);
  if (contains_seq(t)) canonicalize(t, out);
}

bool store_leaves(const Layout& layout, std::uint64_t* s, std::uint32_t leaf, const Type* t,
                  const std::int64_t* cells) {
  switch (t->kind) {
    case TypeKind::Seq: {
      std::int64_t len = cells[0];
      if (!write_leaf(s, layout.leaves[leaf], len)) return false;
      std::uint32_t es = flat_size(t->elem);
      for (std::int64_t i = 0; i < t->max_len; ++i) {
        std::uint32_t at = leaf + 1 + static_cast<std::uint32_t>(i) * es;
        if (i < len) {
          if (!store_leaves(layout, s, at, t->elem, cells + 1 + i * es)) return false;
        } else {
          for (std::uint32_t k = 0; k < es; ++k) write_leaf_raw(s, layout.leaves[at + k], 0);
        }
      }
      return true;
    }
    case TypeKind::Function:
    case TypeKind::Record:
      if (contains_seq(t)) {
        if (t->kind == TypeKind::Function) {
          std::uint64_t n = *t->elem->cardinality();
          std::uint32_t es = flat_size(t->codomain);
          for (std::uint64_t i = 0; i < n; ++i)
            if (!store_leaves(layout, s, leaf + static_cast<std::uint32_t>(i) * es, t->codomain, cells + i * es))
              return false;
          return true;
        }
        std::uint32_t off = 0;
        for (const auto& f : t->fields) {
          if (!store_leaves(layout, s, leaf + off, f.second, cells + off)) return false;
          off += flat_size(f.second);
        }
        return true;
      }
      [[fallthrough]];
    default: {
      std::uint32_t n = flat_size(t);
      for (std::uint32_t i = 0; i < n; ++i)
        if (!write_leaf(s, layout.leaves[leaf + i], cells[i])) return false;
      return true;
    }
  }
}

// ------------------------------------------------------------------ scalar compile
namespace {
template <BinOp Op>
Node* bin(ExprCompiler& ec, const ir::Expr* e) {
  Node* a = ec.compile(e->args.at(0));
  Node* b = ec.compile(e->args.at(1));
  {
    auto* ka = dynamic_cast<ConstS*>(a);
    auto* kb = dynamic_cast<ConstS*>(b);
    if (ka && kb) {  // both folded (e.g. after unrolling): evaluate now unless it fails
      BinS<Op> tmp(e->type, e->span, a, b);
      Ctx c;
      std::int64_t v = tmp.scalar(c);
      if (!c.failed) return ec.make<ConstS>(e->type, e->span, v);
    }
    if constexpr (Op == BinOp::Implies) {
      if (ka) return ka->v ? b : ec.make<ConstS>(e->type, e->span, 1);
    }
  }
  if constexpr (Op == BinOp::Eq || Op == BinOp::Ne || Op == BinOp::Lt || Op == BinOp::Le || Op == BinOp::Gt ||
                Op == BinOp::Ge) {
    auto* la = dynamic_cast<LeafS*>(a);
    auto* lb = dynamic_cast<LeafS*>(b);
    auto* ca = dynamic_cast<ConstS*>(a);
    auto* cb = dynamic_cast<ConstS*>(b);
    if (la && cb) return ec.make<LeafConstCmpS<Op>>(e->type, e->span, la->l, la->old, cb->v);
    if (la && lb) return ec.make<LeafLeafCmpS<Op>>(e->type, e->span, la->l, la->old, lb->l, lb->old);
    if (ca && lb) {
      // k op leaf  ==  leaf op' k
      constexpr BinOp Sw = Op == BinOp::Lt ? BinOp::Gt : Op == BinOp::Gt ? BinOp::Lt : Op == BinOp::Le ? BinOp::Ge
                         : Op == BinOp::Ge ? BinOp::Le : Op;
      return ec.make<LeafConstCmpS<Sw>>(e->type, e->span, lb->l, lb->old, ca->v);
    }
  }
  return ec.make<BinS<Op>>(e->type, e->span, a, b);
}
}  // namespace

bool ExprCompiler::constant(const ir::Expr* e) {
  if (!subst_.empty()) {  // bound variables being unrolled are constants: no memo
    bool c = e->op != ir::ExprOp::Var && e->binders.empty();
    if (e->op == ir::ExprOp::Bound) {
      c = false;
      for (const auto& sb : subst_) c = c || sb.first == e->slot;
    }
    for (const ir::Expr* a : e->args) c = c && a && constant(a);
    return c;
  }
  auto it = const_memo_.find(e);
  if (it != const_memo_.end()) return it->second;
  bool c = e->op != ir::ExprOp::Var && e->op != ir::ExprOp::Bound && e->binders.empty();
  for (const ir::Expr* a : e->args) c = c && a && constant(a);
  const_memo_[e] = c;
  return c;
}

Node* ExprCompiler::compile(const ir::Expr* e) {
  Node* n = compile_raw(e);
  if (n->shape.repr != Repr::Scalar || dynamic_cast<ConstS*>(n) || !constant(e)) return n;
  Ctx c;  // a constant reads neither state nor environment
  std::int64_t v = n->scalar(c);
  if (c.failed) return n;  // keep it: the error is reported where it is evaluated
  return make<ConstS>(e->type, e->span, v);
}

Node* ExprCompiler::compile_raw(const ir::Expr* e) {
  Shape s = shape_of(e->type);
  if (!s.ok) throw std::runtime_error("checker: unsupported value type " + (e->type ? e->type->str() : "?"));
  if (s.repr != Repr::Scalar) return compile_set_op(e);
  using Op = ir::ExprOp;
  switch (e->op) {
    case Op::Const:
      return make<ConstS>(e->type, e->span, e->value);
    case Op::Var: {
      const ir::Var& v = sys_.vars.at(e->var);
      return make<LeafS>(e->type, e->span, layout_.leaves.at(v.first_leaf), e->old);
    }
    case Op::Bound:
      for (auto it = subst_.rbegin(); it != subst_.rend(); ++it)
        if (it->first == e->slot) return make<ConstS>(e->type, e->span, it->second);
      need_slot(e->slot, 1);
      return make<BoundS>(e->type, e->span, e->slot);
    case Op::Not:
    case Op::Neg: {
      Node* a = compile(e->args.at(0));
      bool neg = e->op == Op::Neg;
      if (auto* k = dynamic_cast<ConstS*>(a)) return make<ConstS>(e->type, e->span, neg ? -k->v : !k->v);
      return make<UnaryS>(e->type, e->span, a, neg);
    }
    case Op::And:
      return conjunction({e});
    case Op::Or:
      return disjunction({e});
    case Op::Implies:
      return bin<BinOp::Implies>(*this, e);
    case Op::Iff:
      return bin<BinOp::Iff>(*this, e);
    case Op::Eq:
      return compile_eq(e, false);
    case Op::Ne:
      return compile_eq(e, true);
    case Op::Lt:
      return bin<BinOp::Lt>(*this, e);
    case Op::Le:
      return bin<BinOp::Le>(*this, e);
    case Op::Gt:
      return bin<BinOp::Gt>(*this, e);
    case Op::Ge:
      return bin<BinOp::Ge>(*this, e);
    case Op::Add:
      return bin<BinOp::Add>(*this, e);
    case Op::Sub:
      return bin<BinOp::Sub>(*this, e);
    case Op::Mul:
      return bin<BinOp::Mul>(*this, e);
    case Op::Div:
      return bin<BinOp::Div>(*this, e);
    case Op::Mod:
      return bin<BinOp::Mod>(*this, e);
    case Op::Pow:
      return bin<BinOp::Pow>(*this, e);
    case Op::Index:
      return compile_index(e);
    case Op::Field:
      return compile_field(e);
    case Op::If: {
      Node* c = compile(e->args.at(0));
      if (auto* k = dynamic_cast<ConstS*>(c)) return compile(e->args.at(k->v ? 1 : 2));
      return make<IfS>(e->type, e->span, c, compile(e->args.at(1)), compile(e->args.at(2)));
    }
    case Op::Let: {
      Node* v = compile(e->args.at(0));
      need_slot(e->slot, v->shape.repr == Repr::Fixed ? v->shape.size : 1);
      return make<LetS>(e->type, e->span, e->slot, v, compile(e->args.at(1)));
    }
    case Op::Forall:
    case Op::Exists:
    case Op::Sum:
      return compile_binder_op(e);
    default:
      return compile_set_op(e);  // In, NotIn, Subset, Card, Min, Max, Len, Head, ...
  }
}

namespace {
template <BinOp Op>
bool as_item(Node* n, ConjS::Item& it) {
  auto* l = dynamic_cast<LeafConstCmpS<Op>*>(n);
  if (!l) return false;
  it.node = nullptr;
  it.word = l->l.word;
  it.shift = l->l.shift;
  it.mask = l->l.mask;
  it.k = l->k - l->l.lo;
  it.op = Op;
  it.old = l->old;
  return true;
}
}  // namespace

Node* ExprCompiler::conjunction(const std::vector<const ir::Expr*>& exprs) {
  std::vector<const ir::Expr*> stack(exprs.rbegin(), exprs.rend());
  std::vector<Node*> nodes;
  const Type* t = exprs.empty() ? nullptr : exprs[0]->type;
  support::SourceSpan span = exprs.empty() ? support::SourceSpan{} : exprs[0]->span;
  while (!stack.empty()) {
    const ir::Expr* e = stack.back();
    stack.pop_back();
    if (e->op == ir::ExprOp::And) {
      stack.push_back(e->args.at(1));
      stack.push_back(e->args.at(0));
      continue;
    }
    nodes.push_back(compile(e));
  }
  return conj_nodes(nodes, t, span);
}

Node* ExprCompiler::conj_nodes(const std::vector<Node*>& nodes, const Type* t, support::SourceSpan span) {
  std::vector<ConjS::Item> items;
  for (Node* n : nodes) {
    if (auto* k = dynamic_cast<ConstS*>(n)) {
      if (k->v) continue;                                               // true conjunct
      if (items.empty()) return make<ConstS>(t, span, 0);               // nothing before can fail
    }
    ConjS::Item it;
    if (!(as_item<BinOp::Eq>(n, it) || as_item<BinOp::Ne>(n, it) || as_item<BinOp::Lt>(n, it) ||
          as_item<BinOp::Le>(n, it) || as_item<BinOp::Gt>(n, it) || as_item<BinOp::Ge>(n, it)))
      it.node = n;
    items.push_back(it);
  }
  if (items.empty()) return make<ConstS>(t, span, 1);
  if (items.size() == 1 && items[0].node) return items[0].node;
  return make<ConjS>(t, span, std::move(items));
}

namespace {

struct JumpGen {
  JumpS* j;
  std::size_t atoms = 0;
  static BinOp negate(BinOp op) {
    switch (op) {
      case BinOp::Eq: return BinOp::Ne;
      case BinOp::Ne: return BinOp::Eq;
      case BinOp::Lt: return BinOp::Ge;
      case BinOp::Le: return BinOp::Gt;
      case BinOp::Gt: return BinOp::Le;
      default: return BinOp::Lt;
    }
  }
  std::int32_t emit(JumpS::Ins in, std::int32_t t, std::int32_t f) {
    in.t = t;
    in.f = f;
    j->code.push_back(in);
    ++atoms;
    return static_cast<std::int32_t>(j->code.size() - 1);
  }
  template <BinOp Op>
  bool leaf_cmp(Node* n, std::int32_t t, std::int32_t f, std::int32_t* out) {
    if (auto* l = dynamic_cast<LeafConstCmpS<Op>*>(n)) {
      JumpS::Ins in;
      in.kind = JumpS::Ins::LeafConst;
      in.op = Op;
      in.a = l->l;
      in.olda = l->old;
      in.k = l->k - l->l.lo;
      *out = emit(in, t, f);
      return true;
    }
    if (auto* l = dynamic_cast<LeafLeafCmpS<Op>*>(n)) {
      JumpS::Ins in;
      in.kind = JumpS::Ins::LeafLeaf;
      in.op = Op;
      in.a = l->a;
      in.b = l->b;
      in.olda = l->olda;
      in.oldb = l->oldb;
      *out = emit(in, t, f);
      return true;
    }
    return false;
  }
  // Code for n that continues at t when n holds and at f otherwise; returns the entry.
  std::int32_t gen(Node* n, std::int32_t t, std::int32_t f) {
    if (auto* k = dynamic_cast<ConstS*>(n)) return k->v ? t : f;
    if (auto* c = dynamic_cast<ConjS*>(n)) {
      std::int32_t next = t;
      for (std::size_t i = c->items.size(); i-- > 0;) {
        const ConjS::Item& it = c->items[i];
        if (it.node) {
          next = gen(it.node, next, f);
        } else {
          JumpS::Ins in;
          in.kind = JumpS::Ins::LeafConst;
          in.op = it.op;
          in.a.word = it.word;
          in.a.shift = it.shift;
          in.a.mask = it.mask;
          in.olda = it.old;
          in.k = it.k;
          next = emit(in, next, f);
        }
      }
      return next;
    }
    if (auto* a = dynamic_cast<AnyS*>(n); a && !a->sum) {
      std::int32_t next = f;
      for (std::size_t i = a->kids.size(); i-- > 0;) next = gen(a->kids[i], t, next);
      return next;
    }
    if (auto* u = dynamic_cast<UnaryS*>(n); u && !u->neg) return gen(u->a, f, t);
    if (auto* b = dynamic_cast<BinS<BinOp::And>*>(n)) return gen(b->a, gen(b->b, t, f), f);
    if (auto* b = dynamic_cast<BinS<BinOp::Or>*>(n)) return gen(b->a, t, gen(b->b, t, f));
    if (auto* b = dynamic_cast<BinS<BinOp::Implies>*>(n)) return gen(b->a, gen(b->b, t, f), t);
    std::int32_t e;
    if (leaf_cmp<BinOp::Eq>(n, t, f, &e) || leaf_cmp<BinOp::Ne>(n, t, f, &e) || leaf_cmp<BinOp::Lt>(n, t, f, &e) ||
        leaf_cmp<BinOp::Le>(n, t, f, &e) || leaf_cmp<BinOp::Gt>(n, t, f, &e) || leaf_cmp<BinOp::Ge>(n, t, f, &e))
      return e;
    JumpS::Ins in;
    in.kind = JumpS::Ins::Eval;
    in.node = n;
    return emit(in, t, f);
  }
};

}  // namespace

Node* ExprCompiler::flatten_bool(Node* n) {
  if (n->shape.repr != Repr::Scalar || dynamic_cast<ConstS*>(n)) return n;
  auto* j = make<JumpS>(n->type, n->span);
  JumpGen g{j};
  j->entry = g.gen(n, -1, -2);
  j->finish();
  if (j->entry < 0) return make<ConstS>(n->type, n->span, j->entry == -1);
  if (g.atoms <= 1 && j->code.size() == 1 && j->code[0].kind == JumpS::Ins::Eval) return n;
  return j;
}

Node* ExprCompiler::disj_nodes(const std::vector<Node*>& nodes, const Type* t, support::SourceSpan span) {
  std::vector<Node*> kids;
  for (Node* n : nodes) {
    if (auto* k = dynamic_cast<ConstS*>(n)) {
      if (!k->v) continue;                                          // false disjunct
      if (kids.empty()) return make<ConstS>(t, span, 1);            // nothing before can fail
    }
    kids.push_back(n);
  }
  if (kids.empty()) return make<ConstS>(t, span, 0);
  if (kids.size() == 1) return kids[0];
  return make<AnyS>(t, span, std::move(kids), false);
}

Node* ExprCompiler::disjunction(const std::vector<const ir::Expr*>& exprs) {
  std::vector<const ir::Expr*> stack(exprs.rbegin(), exprs.rend());
  std::vector<Node*> nodes;
  while (!stack.empty()) {
    const ir::Expr* e = stack.back();
    stack.pop_back();
    if (e->op == ir::ExprOp::Or) {
      stack.push_back(e->args.at(1));
      stack.push_back(e->args.at(0));
      continue;
    }
    nodes.push_back(compile(e));
  }
  return disj_nodes(nodes, exprs.empty() ? nullptr : exprs[0]->type, exprs.empty() ? support::SourceSpan{} : exprs[0]->span);
}

// The values of a binder domain known at compile time (a constant range, a small scalar
// type, a literal of constants), or false.
bool ExprCompiler::static_domain(const ir::Expr* set, std::vector<std::int64_t>& values) {
  values.clear();
  if (set->op == ir::ExprOp::Range) {
    auto* a = dynamic_cast<ConstS*>(compile(set->args.at(0)));
    auto* b = dynamic_cast<ConstS*>(compile(set->args.at(1)));
    if (!a || !b || b->v - a->v > 64) return false;
    for (std::int64_t v = a->v; v <= b->v; ++v) values.push_back(v);
    return true;
  }
  if (set->op == ir::ExprOp::TypeSet && set->set_type && is_scalar_type(set->set_type) &&
      set->set_type->kind != TypeKind::Int) {
    auto card = set->set_type->cardinality();
    if (!card || *card > 64) return false;
    for (std::uint64_t i = 0; i < *card; ++i) values.push_back(scalar_value(set->set_type, static_cast<std::int64_t>(i)));
    return true;
  }
  if (set->op == ir::ExprOp::SetLit && set->type && set->type->elem && is_scalar_type(set->type->elem)) {
    for (const ir::Expr* a : set->args) {
      auto* k = dynamic_cast<ConstS*>(compile(a));
      if (!k) return false;
      values.push_back(k->v);
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values.size() <= 64;
  }
  return false;
}

// forall/exists/sum over small static domains are unrolled: the body is compiled once per
// value with the bound variable as a constant, so paths like f[k] fold to leaves.
Node* ExprCompiler::unroll(const ir::Expr* e) {
  std::vector<std::vector<std::int64_t>> doms;
  std::uint64_t combos = 1;
  for (const ir::Binder& b : e->binders) {
    std::vector<std::int64_t> vals;
    if (!static_domain(b.set, vals)) return nullptr;
    combos *= std::max<std::size_t>(1, vals.size());
    if (combos > 64) return nullptr;
    doms.push_back(std::move(vals));
  }
  std::vector<Node*> bodies;
  std::vector<std::size_t> pos(doms.size(), 0);
  for (const auto& d : doms)
    if (d.empty()) combos = 0;
  for (std::uint64_t c = 0; c < combos; ++c) {
    for (std::size_t i = 0; i < doms.size(); ++i) subst_.emplace_back(e->binders[i].slot, doms[i][pos[i]]);
    bodies.push_back(compile(e->args.at(0)));
    subst_.resize(subst_.size() - doms.size());
    for (std::size_t i = doms.size(); i-- > 0;) {
      if (++pos[i] < doms[i].size()) break;
      pos[i] = 0;
    }
  }
  if (e->op == ir::ExprOp::Forall) return conj_nodes(bodies, e->type, e->span);
  if (e->op == ir::ExprOp::Exists) return disj_nodes(bodies, e->type, e->span);
  std::int64_t k = 0;
  std::vector<Node*> rest;
  for (Node* n : bodies) {
    if (auto* cn = dynamic_cast<ConstS*>(n))
      k += cn->v;
    else
      rest.push_back(n);
  }
  if (rest.empty()) return make<ConstS>(e->type, e->span, k);
  if (k != 0) rest.push_back(make<ConstS>(e->type, e->span, k));
  return make<AnyS>(e->type, e->span, std::move(rest), true);
}

Node* ExprCompiler::compile_binder_op(const ir::Expr* e) {
  if (Node* u = unroll(e)) return u;
  std::vector<BinderSpec> bs;
  for (const ir::Binder& b : e->binders) {
    BinderSpec spec;
    spec.slot = b.slot;
    spec.iter = iter(b.set);
    spec.size = spec.iter.elem_size;
    need_slot(b.slot, spec.size);
    bs.push_back(std::move(spec));
  }
  QuantS::Kind k = e->op == ir::ExprOp::Forall ? QuantS::Forall
                   : e->op == ir::ExprOp::Exists ? QuantS::Exists
                                                 : QuantS::Sum;
  return make<QuantS>(e->type, e->span, k, std::move(bs), compile(e->args.at(0)));
}

Node* ExprCompiler::compile_index(const ir::Expr* e) {
  std::uint32_t var;
  std::vector<ir::PathElem> elems;
  if (var_path(e, var, elems)) {
    bool old = true;
    const ir::Expr* b = e;
    while (b->op != ir::ExprOp::Var) b = b->args[0];
    old = b->old;
    Path p = path(var, elems);
    if (p.steps.empty()) return make<LeafS>(e->type, e->span, layout_.leaves.at(p.base), old);
    return make<PathS>(e->type, e->span, std::move(p), &layout_, old);
  }
  return compile_set_op(e);  // generic index of a computed value
}

Node* ExprCompiler::compile_field(const ir::Expr* e) { return compile_index(e); }

Node* ExprCompiler::compile_eq(const ir::Expr* e, bool negate) {
  const Type* ta = e->args.at(0)->type;
  const Type* tb = e->args.at(1)->type;
  if (is_scalar_type(ta) && is_scalar_type(tb)) {
    if (negate) return bin<BinOp::Ne>(*this, e);
    return bin<BinOp::Eq>(*this, e);
  }
  return compile_set_op(e);
}

}  // namespace checker
