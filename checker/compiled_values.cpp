// checker: expression compiler, part 2: composite values (records, functions, sequences) and
// sets (bitsets over finite element types, sorted vectors otherwise), coercions between
// representations, set iteration for binders, membership, card/min/max, structural equality.
#include <stdexcept>

#include "checker/compiled_expr.h"
#include "checker/compiled_nodes.h"
#include "checker/compiled_set_nodes.h"

namespace checker {

using namespace nodes;

namespace nodes {

bool materialize(Node* n, Ctx& c, const Type* to, std::vector<std::int64_t>& out) {
  Shape ts = shape_of(to);
  switch (n->shape.repr) {
    case Repr::Scalar:
      out.assign(1, n->scalar(c));
      return true;
    case Repr::Fixed: {
      const std::int64_t* p = n->cells(c);
      if (ts.repr == Repr::Fixed) {
        out.resize(ts.size);
        if (same_repr(n->type, to)) {
          std::copy(p, p + ts.size, out.begin());
          return true;
        }
        return convert_fixed(n->type, to, p, out.data());
      }
      if (ts.repr == Repr::Dyn && n->type->kind == TypeKind::Set) {
        bitset_to_dyn(n->type, p, to->elem, out);
        return true;
      }
      return false;
    }
    case Repr::Dyn: {
      const std::vector<std::int64_t>& v = n->dyn(c);
      if (ts.repr == Repr::Dyn) {
        if (same_repr(n->type->elem, to->elem)) {
          out = v;
          return true;
        }
        std::uint32_t fs = n->shape.elem_size, es = ts.elem_size;
        out.clear();
        std::vector<std::int64_t> tmp(es);
        for (std::size_t i = 0; i + fs <= v.size(); i += fs) {
          if (!convert_fixed(n->type->elem, to->elem, v.data() + i, tmp.data())) return false;
          out.insert(out.end(), tmp.begin(), tmp.end());
        }
        dyn_normalize(out, es);
        return true;
      }
      if (ts.repr == Repr::Fixed && to->kind == TypeKind::Set) {
        out.resize(ts.size);
        return dyn_to_bitset(n->type->elem, v, to, out.data());
      }
      return false;
    }
  }
  return false;
}

}  // namespace nodes

namespace {

// Runs body for every combination of the binders' values (left to right), stopping when body
// returns false. Returns false if stopped.
template <class F>
bool nest(Ctx& c, std::vector<BinderSpec>& bs, std::size_t k, F& body) {
  if (k == bs.size()) return body();
  BinderSpec& b = bs[k];
  auto& slot = c.env[b.slot];
  if (slot.size() < b.size) slot.resize(b.size);
  return b.iter.for_each(c, b.scratch, [&](const std::int64_t* e) {
    std::copy(e, e + b.size, slot.begin());
    return nest(c, bs, k + 1, body);
  });
}

// Adds elements of type `from` to a set value of type `set_type` being built in buf.
struct SetBuilder {
  const Type* set_type = nullptr;
  Shape shape;
  std::vector<std::int64_t> tmp;
  void start(std::vector<std::int64_t>& buf) {
    if (shape.repr == Repr::Fixed)
      std::fill(buf.begin(), buf.end(), 0);
    else
      buf.clear();
  }
  bool add(const Type* from, const std::int64_t* e, std::vector<std::int64_t>& buf) {
    const Type* E = set_type->elem;
    if (shape.repr == Repr::Fixed) {
      std::int64_t k;
      if (is_scalar_type(E)) {
        k = scalar_index(E, e[0]);
      } else if (same_repr(from, E)) {
        k = index_of(E, e);
      } else {
        tmp.resize(flat_size(E));
        if (!convert_fixed(from, E, e, tmp.data())) return false;
        k = index_of(E, tmp.data());
      }
      if (k < 0) return false;
      buf[static_cast<std::size_t>(k)] = 1;
      return true;
    }
    if (same_repr(from, E) || is_scalar_type(E)) {
      buf.insert(buf.end(), e, e + shape.elem_size);
      return true;
    }
    tmp.resize(shape.elem_size);
    if (!convert_fixed(from, E, e, tmp.data())) return false;
    buf.insert(buf.end(), tmp.begin(), tmp.end());
    return true;
  }
  void finish(std::vector<std::int64_t>& buf) {
    if (shape.repr == Repr::Dyn) dyn_normalize(buf, shape.elem_size);
  }
};

// A node returning either cells or dyn from `buf` after compute(c) filled it.
struct BufNode : Node {
  std::vector<std::int64_t> buf;
  BufNode(const Type* t, support::SourceSpan sp) : Node(t, shape_of(t), sp) {
    if (shape.repr == Repr::Fixed) buf.assign(std::max<std::uint32_t>(1, shape.size), 0);
  }
  virtual void compute(Ctx& c) = 0;
  const std::int64_t* cells(Ctx& c) override {
    compute(c);
    return buf.data();
  }
  const std::vector<std::int64_t>& dyn(Ctx& c) override {
    compute(c);
    return buf;
  }
};

struct ConstV : BufNode {
  ConstV(const Type* t, support::SourceSpan sp, const std::vector<std::int64_t>& leaves) : BufNode(t, sp) {
    if (shape.repr == Repr::Fixed) {
      for (std::size_t i = 0; i < buf.size() && i < leaves.size(); ++i) buf[i] = leaves[i];
      canonicalize(t, buf.data());
    } else {
      buf = leaves;
      dyn_normalize(buf, shape.elem_size);
    }
  }
  void compute(Ctx&) override {}
};

struct PathF : BufNode {
  ExprCompiler::Path p;
  const Layout* L;
  bool old;
  PathF(const Type* t, support::SourceSpan sp, ExprCompiler::Path path, const Layout* lay, bool o)
      : BufNode(t, sp), p(std::move(path)), L(lay), old(o) {}
  void compute(Ctx& c) override {
    const std::uint64_t* s = old ? c.old : c.cur;
    std::uint32_t leaf;
    if (!resolve_path(p, *L, c, s, leaf)) return;
    load_leaves(*L, s, leaf, p.type, p.size, buf.data());
  }
};

struct BoundV : Node {
  std::uint32_t slot;
  BoundV(const Type* t, support::SourceSpan sp, std::uint32_t s) : Node(t, shape_of(t), sp), slot(s) {}
  const std::int64_t* cells(Ctx& c) override { return c.env[slot].data(); }
  const std::vector<std::int64_t>& dyn(Ctx& c) override { return c.env[slot]; }
};

struct IfV : Node {
  Node *cond, *a, *b;
  IfV(const Type* t, support::SourceSpan sp, Node* p, Node* x, Node* y) : Node(t, shape_of(t), sp), cond(p), a(x), b(y) {}
  const std::int64_t* cells(Ctx& c) override { return cond->scalar(c) ? a->cells(c) : b->cells(c); }
  const std::vector<std::int64_t>& dyn(Ctx& c) override { return cond->scalar(c) ? a->dyn(c) : b->dyn(c); }
};

struct LetV : Node {
  std::uint32_t slot;
  Node *val, *body;
  LetV(const Type* t, support::SourceSpan sp, std::uint32_t s, Node* v, Node* b)
      : Node(t, shape_of(t), sp), slot(s), val(v), body(b) {}
  const std::int64_t* cells(Ctx& c) override {
    bind_value(c, slot, val);
    return body->cells(c);
  }
  const std::vector<std::int64_t>& dyn(Ctx& c) override {
    bind_value(c, slot, val);
    return body->dyn(c);
  }
};

struct CoerceV : BufNode {
  Node* n;
  CoerceV(const Type* t, support::SourceSpan sp, Node* x) : BufNode(t, sp), n(x) {}
  void compute(Ctx& c) override {
    if (!materialize(n, c, type, buf)) {
      c.fail("out_of_type", span, "value is not in " + type->str());
      if (shape.repr == Repr::Fixed) std::fill(buf.begin(), buf.end(), 0);
    }
    if (shape.repr == Repr::Fixed && buf.size() < shape.size) buf.resize(shape.size, 0);
  }
};

// Element position inside a function or sequence value; -1 after a run-time error.
inline std::int64_t element_pos(Ctx& c, const Type* t, const std::int64_t* base, std::int64_t idx,
                                const support::SourceSpan& span) {
  if (t->kind == TypeKind::Seq) {
    if (idx < 1 || idx > base[0]) {
      c.fail("sequence_bounds", span, "index " + std::to_string(idx) + " outside 1.." + std::to_string(base[0]));
      return -1;
    }
    return 1 + (idx - 1) * flat_size(t->elem);
  }
  std::int64_t k = scalar_index(t->elem, idx);
  if (k < 0) {
    c.fail("domain", span, "index " + std::to_string(idx) + " outside the domain " + t->elem->str());
    return -1;
  }
  return k * flat_size(t->codomain);
}

const std::int64_t kZeros[1] = {0};

struct IndexV : Node {  // generic f[i] of a computed function/sequence
  Node *base, *idx;
  std::vector<std::int64_t> zeros;
  IndexV(const Type* t, support::SourceSpan sp, Node* b, Node* i)
      : Node(t, shape_of(t), sp), base(b), idx(i), zeros(std::max<std::uint32_t>(1, shape.size), 0) {}
  const std::int64_t* at(Ctx& c) {
    const std::int64_t* p = base->cells(c);
    std::int64_t i = idx->scalar(c);
    if (c.failed) return zeros.data();
    std::int64_t k = element_pos(c, base->type, p, i, idx->span);
    return k < 0 ? zeros.data() : p + k;
  }
  std::int64_t scalar(Ctx& c) override { return at(c)[0]; }
  const std::int64_t* cells(Ctx& c) override { return at(c); }
};

struct FieldV : Node {
  Node* base;
  std::uint32_t off;
  FieldV(const Type* t, support::SourceSpan sp, Node* b, std::uint32_t o) : Node(t, shape_of(t), sp), base(b), off(o) {}
  std::int64_t scalar(Ctx& c) override { return base->cells(c)[off]; }
  const std::int64_t* cells(Ctx& c) override { return base->cells(c) + off; }
};

struct SetLitV : BufNode {
  std::vector<Node*> elems;
  SetBuilder sb;
  std::vector<std::int64_t> tmp;
  SetLitV(const Type* t, support::SourceSpan sp, std::vector<Node*> es) : BufNode(t, sp), elems(std::move(es)) {
    sb.set_type = t;
    sb.shape = shape;
  }
  void compute(Ctx& c) override {
    sb.start(buf);
    for (Node* e : elems) {
      const std::int64_t* p;
      std::int64_t v;
      if (e->shape.repr == Repr::Scalar) {
        v = e->scalar(c);
        p = &v;
      } else {
        p = e->cells(c);
      }
      if (c.failed) return;
      if (!sb.add(e->type, p, buf)) return c.fail("out_of_type", e->span, "element is not in " + type->str());
    }
    sb.finish(buf);
  }
};

struct SetComprV : BufNode {  // {x in S : p} (filter) and {e : x in S, ...} (map)
  std::vector<BinderSpec> bs;
  Node* body;  // predicate (filter) or element (map)
  bool filter;
  SetBuilder sb;
  SetComprV(const Type* t, support::SourceSpan sp, std::vector<BinderSpec> b, Node* e, bool f)
      : BufNode(t, sp), bs(std::move(b)), body(e), filter(f) {
    sb.set_type = t;
    sb.shape = shape;
  }
  void compute(Ctx& c) override {
    sb.start(buf);
    auto f = [&]() -> bool {
      if (filter) {
        std::int64_t keep = body->scalar(c);
        if (c.failed) return false;
        if (keep && !sb.add(bs[0].iter.elem ? bs[0].iter.elem : type->elem, c.env[bs[0].slot].data(), buf)) {
          c.fail("out_of_type", span, "element is not in " + type->str());
          return false;
        }
        return true;
      }
      std::int64_t v;
      const std::int64_t* p;
      if (body->shape.repr == Repr::Scalar) {
        v = body->scalar(c);
        p = &v;
      } else {
        p = body->cells(c);
      }
      if (c.failed) return false;
      if (!sb.add(body->type, p, buf)) {
        c.fail("out_of_type", body->span, "element is not in " + type->str());
        return false;
      }
      return true;
    };
    nest(c, bs, 0, f);
    sb.finish(buf);
  }
};

struct FuncCtorV : BufNode {
  std::vector<BinderSpec> bs;
  Node* body;  // coerced to the codomain
  std::uint32_t es;
  FuncCtorV(const Type* t, support::SourceSpan sp, std::vector<BinderSpec> b, Node* e)
      : BufNode(t, sp), bs(std::move(b)), body(e), es(flat_size(t->codomain)) {}
  void compute(Ctx& c) override {
    std::fill(buf.begin(), buf.end(), 0);
    auto f = [&]() -> bool {
      std::int64_t k = scalar_index(type->elem, c.env[bs[0].slot][0]);
      if (k < 0) {
        c.fail("domain", span, "function argument outside " + type->elem->str());
        return false;
      }
      if (body->shape.repr == Repr::Scalar) {
        buf[static_cast<std::size_t>(k) * es] = body->scalar(c);
      } else {
        const std::int64_t* p = body->cells(c);
        std::copy(p, p + es, buf.begin() + k * es);
      }
      return !c.failed;
    };
    nest(c, bs, 0, f);
  }
};

struct ConcatV : BufNode {  // record constructor and sequence literal
  std::vector<Node*> parts;  // coerced to field / element types
  bool seq;
  ConcatV(const Type* t, support::SourceSpan sp, std::vector<Node*> p, bool s) : BufNode(t, sp), parts(std::move(p)), seq(s) {}
  void compute(Ctx& c) override {
    std::size_t off = 0;
    if (seq) {
      std::fill(buf.begin(), buf.end(), 0);
      if (static_cast<std::int64_t>(parts.size()) > type->max_len)
        return c.fail("out_of_type", span, "sequence longer than " + type->str());
      buf[0] = static_cast<std::int64_t>(parts.size());
      off = 1;
    }
    for (Node* p : parts) {
      if (p->shape.repr == Repr::Scalar) {
        buf[off++] = p->scalar(c);
      } else {
        const std::int64_t* q = p->cells(c);
        std::copy(q, q + p->shape.size, buf.begin() + off);
        off += p->shape.size;
      }
    }
  }
};

struct UpdateV : BufNode {  // f with [i] = v, r with .f = v
  Node *base, *idx, *val;  // base coerced to type, val coerced to the element type
  std::uint32_t field_off;
  UpdateV(const Type* t, support::SourceSpan sp, Node* b, Node* i, Node* v, std::uint32_t fo)
      : BufNode(t, sp), base(b), idx(i), val(v), field_off(fo) {}
  void compute(Ctx& c) override {
    const std::int64_t* p = base->cells(c);
    std::copy(p, p + shape.size, buf.begin());
    std::int64_t k = field_off;
    if (idx) {
      std::int64_t i = idx->scalar(c);
      if (c.failed) return;
      k = element_pos(c, type, buf.data(), i, idx->span);
      if (k < 0) return;
    }
    if (val->shape.repr == Repr::Scalar) {
      buf[static_cast<std::size_t>(k)] = val->scalar(c);
    } else {
      const std::int64_t* q = val->cells(c);
      std::copy(q, q + val->shape.size, buf.begin() + k);
    }
  }
};

struct SeqOpV : BufNode {  // tail(s), append(s, x)
  Node *s, *x;  // s coerced to type; x (append) coerced to the element type
  SeqOpV(const Type* t, support::SourceSpan sp, Node* a, Node* b) : BufNode(t, sp), s(a), x(b) {}
  void compute(Ctx& c) override {
    const std::int64_t* p = s->cells(c);
    std::uint32_t es = flat_size(type->elem);
    std::int64_t len = p[0];
    if (!x) {  // tail
      std::fill(buf.begin(), buf.end(), 0);
      if (len <= 0) return c.fail("sequence_bounds", span, "tail of an empty sequence");
      buf[0] = len - 1;
      std::copy(p + 1 + es, p + 1 + len * es, buf.begin() + 1);
      return;
    }
    std::copy(p, p + shape.size, buf.begin());
    if (len >= type->max_len) return c.fail("out_of_type", span, "append beyond " + type->str());
    buf[0] = len + 1;
    if (x->shape.repr == Repr::Scalar) {
      buf[1 + len * es] = x->scalar(c);
    } else {
      const std::int64_t* q = x->cells(c);
      std::copy(q, q + es, buf.begin() + 1 + len * es);
    }
  }
};

struct HeadV : Node {  // head(s) (element may be scalar)
  Node* s;
  std::vector<std::int64_t> zeros;
  HeadV(const Type* t, support::SourceSpan sp, Node* q) : Node(t, shape_of(t), sp), s(q), zeros(std::max<std::uint32_t>(1, shape.size), 0) {}
  const std::int64_t* at(Ctx& c) {
    const std::int64_t* p = s->cells(c);
    if (p[0] <= 0) {
      c.fail("sequence_bounds", span, "head of an empty sequence");
      return zeros.data();
    }
    return p + 1;
  }
  std::int64_t scalar(Ctx& c) override { return at(c)[0]; }
  const std::int64_t* cells(Ctx& c) override { return at(c); }
};

struct TypeSetV : BufNode {
  TypeSetV(const Type* t, support::SourceSpan sp) : BufNode(t, sp) {
    if (shape.repr == Repr::Fixed) {
      std::fill(buf.begin(), buf.end(), 1);
    } else {
      auto card = t->elem->cardinality();
      if (!card || *card > (1u << 22)) throw std::runtime_error("checker: the set of all values of " + t->elem->str() + " is too large to build");
      std::vector<std::int64_t> e(flat_size(t->elem));
      for (std::uint64_t i = 0; i < *card; ++i) {
        value_of(t->elem, i, e.data());
        buf.insert(buf.end(), e.begin(), e.end());
      }
      dyn_normalize(buf, shape.elem_size);
    }
  }
  void compute(Ctx&) override {}
};

struct RangeV : BufNode {
  Node *lo, *hi;
  RangeV(const Type* t, support::SourceSpan sp, Node* a, Node* b) : BufNode(t, sp), lo(a), hi(b) {}
  void compute(Ctx& c) override {
    std::int64_t a = lo->scalar(c), b = hi->scalar(c);
    if (shape.repr == Repr::Fixed) {
      std::fill(buf.begin(), buf.end(), 0);
      for (std::int64_t v = a; v <= b; ++v) {
        std::int64_t k = scalar_index(type->elem, v);
        if (k < 0) return c.fail("out_of_type", span, "range element outside " + type->str());
        buf[static_cast<std::size_t>(k)] = 1;
      }
      return;
    }
    buf.clear();
    if (b >= a && b - a > (1 << 24)) return c.fail("out_of_type", span, "range too large to build");
    for (std::int64_t v = a; v <= b; ++v) buf.push_back(v);
  }
};

struct SetBinV : BufNode {  // union, inter, difference (operands coerced to type)
  ir::ExprOp op;
  Node *a, *b;
  SetBinV(const Type* t, support::SourceSpan sp, ir::ExprOp o, Node* x, Node* y) : BufNode(t, sp), op(o), a(x), b(y) {}
  void compute(Ctx& c) override {
    if (shape.repr == Repr::Fixed) {
      const std::int64_t* p = a->cells(c);
      const std::int64_t* q = b->cells(c);
      for (std::uint32_t i = 0; i < shape.size; ++i)
        buf[i] = op == ir::ExprOp::Union ? (p[i] | q[i]) : op == ir::ExprOp::Inter ? (p[i] & q[i]) : (p[i] & !q[i]);
      return;
    }
    const std::vector<std::int64_t>& p = a->dyn(c);
    const std::vector<std::int64_t>& q = b->dyn(c);
    std::uint32_t es = shape.elem_size;
    buf.clear();
    if (op == ir::ExprOp::Union) {
      buf.insert(buf.end(), p.begin(), p.end());
      buf.insert(buf.end(), q.begin(), q.end());
      dyn_normalize(buf, es);
      return;
    }
    bool inter = op == ir::ExprOp::Inter;
    for (std::size_t i = 0; i + es <= p.size(); i += es)
      if (dyn_contains(q, es, p.data() + i) == inter) buf.insert(buf.end(), p.begin() + i, p.begin() + i + es);
  }
};

}  // namespace

// ------------------------------------------------------------------ compiler entry points
Node* ExprCompiler::coerce(Node* n, const Type* to) {
  if (!to || n->type == to) return n;
  Shape ts = shape_of(to);
  if (ts.repr == Repr::Scalar && n->shape.repr == Repr::Scalar) return n;
  if (ts.repr == n->shape.repr && same_repr(n->type, to)) return n;
  return make<CoerceV>(to, n->span, n);
}

SetIter ExprCompiler::iter(const ir::Expr* set) {
  SetIter it;
  if (set->op == ir::ExprOp::Range) {
    it.kind = SetIter::Range;
    it.lo = compile(set->args.at(0));
    it.hi = compile(set->args.at(1));
    it.elem = set->type && set->type->elem ? set->type->elem : nullptr;
    it.elem_size = 1;
    return it;
  }
  if (set->op == ir::ExprOp::TypeSet) {
    it.kind = SetIter::TypeAll;
    it.elem = set->set_type;
    it.elem_size = flat_size(set->set_type);
    return it;
  }
  Node* n = compile(set);
  it.set = n;
  it.elem = n->type->elem;
  if (n->shape.repr == Repr::Fixed) {
    it.kind = SetIter::Bits;
    it.elem_size = flat_size(it.elem);
  } else {
    it.kind = SetIter::Dyn;
    it.elem_size = n->shape.elem_size;
  }
  return it;
}

namespace {
std::uint32_t field_offset(const Type* rec, std::uint32_t slot) {
  std::uint32_t off = 0;
  for (std::uint32_t i = 0; i < slot && i < rec->fields.size(); ++i) off += flat_size(rec->fields[i].second);
  return off;
}
}  // namespace

Node* ExprCompiler::compile_set_op(const ir::Expr* e) {
  using Op = ir::ExprOp;
  const Type* T = e->type;
  auto A = [&](std::size_t i) { return e->args.at(i); };
  switch (e->op) {
    case Op::ConstValue:
      return make<ConstV>(T, e->span, e->leaves);
    case Op::Var:
    case Op::Index:
    case Op::Field: {
      std::uint32_t var;
      std::vector<ir::PathElem> elems;
      if (var_path(e, var, elems)) {
        const ir::Expr* b = e;
        while (b->op != Op::Var) b = b->args[0];
        Path p = path(var, elems);
        return coerce(make<PathF>(p.type, e->span, std::move(p), &layout_, b->old), T);
      }
      Node* base = compile(A(0));
      if (e->op == Op::Field)
        return make<FieldV>(T, e->span, base, field_offset(base->type, e->slot));
      return make<IndexV>(T, e->span, base, compile(A(1)));
    }
    case Op::Bound: {
      Shape s = shape_of(T);
      need_slot(e->slot, s.repr == Repr::Fixed ? s.size : 1);
      return make<BoundV>(T, e->span, e->slot);
    }
    case Op::If:
      return make<IfV>(T, e->span, compile(A(0)), coerce(compile(A(1)), T), coerce(compile(A(2)), T));
    case Op::Let: {
      Node* v = compile(A(0));
      need_slot(e->slot, v->shape.repr == Repr::Fixed ? v->shape.size : 1);
      return make<LetV>(T, e->span, e->slot, v, compile(A(1)));
    }
    case Op::SetLit: {
      std::vector<Node*> es;
      for (const ir::Expr* a : e->args) es.push_back(compile(a));
      return make<SetLitV>(T, e->span, std::move(es));
    }
    case Op::SetFilter:
    case Op::SetMap:
    case Op::FuncCtor: {
      std::vector<BinderSpec> bs;
      for (const ir::Binder& b : e->binders) {
        BinderSpec spec;
        spec.slot = b.slot;
        spec.iter = iter(b.set);
        spec.size = spec.iter.elem_size;
        need_slot(b.slot, spec.size);
        bs.push_back(std::move(spec));
      }
      if (e->op == Op::FuncCtor)
        return make<FuncCtorV>(T, e->span, std::move(bs), coerce(compile(A(0)), T->codomain));
      return make<SetComprV>(T, e->span, std::move(bs), compile(A(0)), e->op == Op::SetFilter);
    }
    case Op::RecordCtor: {
      std::vector<Node*> parts;
      for (std::size_t i = 0; i < e->args.size(); ++i) parts.push_back(coerce(compile(A(i)), T->fields.at(i).second));
      return make<ConcatV>(T, e->span, std::move(parts), false);
    }
    case Op::SeqLit: {
      std::vector<Node*> parts;
      for (const ir::Expr* a : e->args) parts.push_back(coerce(compile(a), T->elem));
      return make<ConcatV>(T, e->span, std::move(parts), true);
    }
    case Op::FuncUpdate: {
      const Type* et = T->kind == TypeKind::Seq ? T->elem : T->codomain;
      return make<UpdateV>(T, e->span, coerce(compile(A(0)), T), compile(A(1)), coerce(compile(A(2)), et), 0);
    }
    case Op::RecordUpdate:
      return make<UpdateV>(T, e->span, coerce(compile(A(0)), T), nullptr, coerce(compile(A(1)), T->fields.at(e->slot).second),
                           field_offset(T, e->slot));
    case Op::TypeSet:
      return make<TypeSetV>(T, e->span);
    case Op::Range:
      return make<RangeV>(T, e->span, compile(A(0)), compile(A(1)));
    case Op::Union:
    case Op::Inter:
    case Op::Diff:
      return make<SetBinV>(T, e->span, e->op, coerce(compile(A(0)), T), coerce(compile(A(1)), T));
    case Op::Tail:
      return make<SeqOpV>(T, e->span, coerce(compile(A(0)), T), nullptr);
    case Op::Append:
      return make<SeqOpV>(T, e->span, coerce(compile(A(0)), T), coerce(compile(A(1)), T->elem));
    case Op::Head:
      return make<HeadV>(T, e->span, compile(A(0)));
    case Op::Len: {
      std::uint32_t var;
      std::vector<ir::PathElem> elems;
      if (var_path(A(0), var, elems)) {
        const ir::Expr* b = A(0);
        while (b->op != Op::Var) b = b->args[0];
        Path p = path(var, elems);  // the first leaf of a sequence is its length
        p.type = T;
        p.size = 1;
        if (p.steps.empty()) return make<LeafS>(T, e->span, layout_.leaves.at(p.base), b->old);
        return make<PathS>(T, e->span, std::move(p), &layout_, b->old);
      }
      return make<CellS>(T, e->span, compile(A(0)), 0);
    }
    case Op::In:
    case Op::NotIn: {
      bool neg = e->op == Op::NotIn;
      const ir::Expr* s = A(1);
      Node* x = compile(A(0));
      if (s->op == Op::Range && x->shape.repr == Repr::Scalar)
        return make<InRangeS>(T, e->span, x, compile(s->args.at(0)), compile(s->args.at(1)), neg);
      if (s->op == Op::TypeSet) return make<InSetS>(T, e->span, x, nullptr, s->set_type, neg);
      if (s->op == Op::SetLit && x->shape.repr == Repr::Scalar) {
        std::vector<Node*> es;
        for (const ir::Expr* a : s->args) es.push_back(compile(a));
        return make<InLitS>(T, e->span, x, std::move(es), neg);
      }
      return make<InSetS>(T, e->span, x, compile(s), nullptr, neg);
    }
    case Op::Subset:
      return make<SubsetS>(T, e->span, compile(A(0)), compile(A(1)));
    case Op::Card:
    case Op::Min:
    case Op::Max: {
      SetAggS::Kind k = e->op == Op::Card ? SetAggS::Card : e->op == Op::Min ? SetAggS::Min : SetAggS::Max;
      if (A(0)->op == Op::Range) return make<RangeAggS>(T, e->span, k, compile(A(0)->args.at(0)), compile(A(0)->args.at(1)));
      if (A(0)->op == Op::TypeSet && k == SetAggS::Card) {
        auto card = A(0)->set_type->cardinality();
        return make<ConstS>(T, e->span, card ? static_cast<std::int64_t>(*card) : 0);
      }
      return make<SetAggS>(T, e->span, k, compile(A(0)));
    }
    case Op::Eq:
    case Op::Ne:
      return make<EqV>(T, e->span, compile(A(0)), compile(A(1)), e->op == Op::Ne);
    default:
      throw std::runtime_error("checker: cannot compile expression op " + std::to_string(static_cast<int>(e->op)) +
                               " of type " + (T ? T->str() : "?"));
  }
}

}  // namespace checker
