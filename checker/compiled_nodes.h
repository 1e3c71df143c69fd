// checker: the node classes of compiled expressions (internal to checker/compiled_*.cpp):
// scalar nodes return int64 values, composite nodes return cells in a node-owned buffer,
// Dyn set nodes a sorted element vector. Run-time errors go to Ctx::fail and evaluation
// continues with harmless values (the caller checks Ctx::failed).
#pragma once
#include <algorithm>
#include <cstring>

#include "checker/compiled_expr.h"
#include "support/int_math.h"

namespace checker::nodes {

using Path = ExprCompiler::Path;

// Materialises n's value in the representation of type `to` into out (Fixed cells or Dyn
// elements). False if the value is not representable in `to`.
bool materialize(Node* n, Ctx& c, const Type* to, std::vector<std::int64_t>& out);


// ------------------------------------------------------------------ scalar nodes
struct ConstS : Node {
  std::int64_t v;
  ConstS(const Type* t, support::SourceSpan sp, std::int64_t val) : Node(t, Shape{}, sp), v(val) {}
  std::int64_t scalar(Ctx&) override { return v; }
};

struct LeafS : Node {
  LeafRef l;
  bool old;
  LeafS(const Type* t, support::SourceSpan sp, LeafRef lr, bool o) : Node(t, Shape{}, sp), l(lr), old(o) {}
  std::int64_t scalar(Ctx& c) override { return read_leaf(old ? c.old : c.cur, l); }
};

struct PathS : Node {
  Path p;
  const Layout* L;
  bool old;
  PathS(const Type* t, support::SourceSpan sp, Path path, const Layout* lay, bool o)
      : Node(t, Shape{}, sp), p(std::move(path)), L(lay), old(o) {}
  std::int64_t scalar(Ctx& c) override {
    const std::uint64_t* s = old ? c.old : c.cur;
    std::uint32_t leaf;
    if (!resolve_path(p, *L, c, s, leaf)) return 0;
    return read_leaf(s, L->leaves[leaf]);
  }
};

struct BoundS : Node {
  std::uint32_t slot;
  BoundS(const Type* t, support::SourceSpan sp, std::uint32_t s) : Node(t, Shape{}, sp), slot(s) {}
  std::int64_t scalar(Ctx& c) override { return c.env[slot][0]; }
};

struct UnaryS : Node {
  Node* a;
  bool neg;  // true: -a, false: not a
  UnaryS(const Type* t, support::SourceSpan sp, Node* x, bool n) : Node(t, Shape{}, sp), a(x), neg(n) {}
  std::int64_t scalar(Ctx& c) override { return neg ? -a->scalar(c) : !a->scalar(c); }
};

enum class BinOp { And, Or, Implies, Iff, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Mod, Pow };

template <BinOp Op>
struct BinS : Node {
  Node* a;
  Node* b;
  BinS(const Type* t, support::SourceSpan sp, Node* x, Node* y) : Node(t, Shape{}, sp), a(x), b(y) {}
  std::int64_t scalar(Ctx& c) override {
    if constexpr (Op == BinOp::And) {
      return a->scalar(c) && b->scalar(c);
    } else if constexpr (Op == BinOp::Or) {
      return a->scalar(c) || b->scalar(c);
    } else if constexpr (Op == BinOp::Implies) {
      return !a->scalar(c) || b->scalar(c);
    } else {
      std::int64_t x = a->scalar(c), y = b->scalar(c);
      if constexpr (Op == BinOp::Iff) return (x != 0) == (y != 0);
      if constexpr (Op == BinOp::Eq) return x == y;
      if constexpr (Op == BinOp::Ne) return x != y;
      if constexpr (Op == BinOp::Lt) return x < y;
      if constexpr (Op == BinOp::Le) return x <= y;
      if constexpr (Op == BinOp::Gt) return x > y;
      if constexpr (Op == BinOp::Ge) return x >= y;
      if constexpr (Op == BinOp::Add)
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(x) + static_cast<std::uint64_t>(y));
      if constexpr (Op == BinOp::Sub)
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(x) - static_cast<std::uint64_t>(y));
      if constexpr (Op == BinOp::Mul)
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(x) * static_cast<std::uint64_t>(y));
      if constexpr (Op == BinOp::Div || Op == BinOp::Mod) {
        if (y <= 0) {
          c.fail("division", span, "divisor " + std::to_string(y) + " is not positive");
          return 0;
        }
        if constexpr (Op == BinOp::Div) return support::floor_div(x, y);
        return support::floor_mod(x, y);
      }
      if constexpr (Op == BinOp::Pow) {
        if (y < 0) return x == 1 ? 1 : 0;
        std::uint64_t r = 1, base = static_cast<std::uint64_t>(x);
        for (std::int64_t k = 0; k < y; ++k) r *= base;
        return static_cast<std::int64_t>(r);
      }
      return 0;
    }
  }
};

template <BinOp Op>
inline bool compare(std::int64_t x, std::int64_t y) {
  if constexpr (Op == BinOp::Eq) return x == y;
  if constexpr (Op == BinOp::Ne) return x != y;
  if constexpr (Op == BinOp::Lt) return x < y;
  if constexpr (Op == BinOp::Le) return x <= y;
  if constexpr (Op == BinOp::Gt) return x > y;
  return x >= y;
}

// Fused comparisons of a leaf with a constant or another leaf (the common guard shapes).
template <BinOp Op>
struct LeafConstCmpS : Node {
  LeafRef l;
  bool old;
  std::int64_t k;
  LeafConstCmpS(const Type* t, support::SourceSpan sp, LeafRef lr, bool o, std::int64_t kv)
      : Node(t, Shape{}, sp), l(lr), old(o), k(kv) {}
  std::int64_t scalar(Ctx& c) override { return compare<Op>(read_leaf(old ? c.old : c.cur, l), k); }
};

template <BinOp Op>
struct LeafLeafCmpS : Node {
  LeafRef a, b;
  bool olda, oldb;
  LeafLeafCmpS(const Type* t, support::SourceSpan sp, LeafRef x, bool ox, LeafRef y, bool oy)
      : Node(t, Shape{}, sp), a(x), b(y), olda(ox), oldb(oy) {}
  std::int64_t scalar(Ctx& c) override {
    return compare<Op>(read_leaf(olda ? c.old : c.cur, a), read_leaf(oldb ? c.old : c.cur, b));
  }
};

// A conjunction evaluated left to right without a virtual call per simple conjunct: leaf
// tests `leaf op constant` are inlined (compared on raw values), others are nodes.
struct ConjS : Node {
  struct Item {
    Node* node = nullptr;  // null: the inline leaf test below
    std::uint32_t word = 0, shift = 0;
    std::uint64_t mask = 0;
    std::int64_t k = 0;  // constant minus the leaf's lo
    BinOp op = BinOp::Eq;
    bool old = true;
  };
  std::vector<Item> items;
  ConjS(const Type* t, support::SourceSpan sp, std::vector<Item> it) : Node(t, Shape{}, sp), items(std::move(it)) {}
  std::int64_t scalar(Ctx& c) override {
    for (const Item& it : items) {
      if (it.node) {
        if (!it.node->scalar(c)) return 0;
        continue;
      }
      const std::uint64_t* s = it.old ? c.old : c.cur;
      std::int64_t raw = static_cast<std::int64_t>((s[it.word] >> it.shift) & it.mask);
      bool ok;
      switch (it.op) {
        case BinOp::Eq: ok = raw == it.k; break;
        case BinOp::Ne: ok = raw != it.k; break;
        case BinOp::Lt: ok = raw < it.k; break;
        case BinOp::Le: ok = raw <= it.k; break;
        case BinOp::Gt: ok = raw > it.k; break;
        default: ok = raw >= it.k; break;
      }
      if (!ok) return 0;
    }
    return 1;
  }
};

// Any of the children (left to right, short-circuit), or their sum.
struct AnyS : Node {
  std::vector<Node*> kids;
  bool sum;
  AnyS(const Type* t, support::SourceSpan sp, std::vector<Node*> k, bool s) : Node(t, Shape{}, sp), kids(std::move(k)), sum(s) {}
  std::int64_t scalar(Ctx& c) override {
    if (sum) {
      std::uint64_t acc = 0;
      for (Node* k : kids) acc += static_cast<std::uint64_t>(k->scalar(c));
      return static_cast<std::int64_t>(acc);
    }
    for (Node* k : kids)
      if (k->scalar(c)) return 1;
    return 0;
  }
};

// A boolean formula as "jumping code": atomic tests (inline leaf comparisons, or any node)
// each with a successor on true and on false; -1 is true, -2 false. Short-circuit order is
// the formula's, without a virtual call per connective.
struct JumpS : Node {
  struct Ins {
    enum Kind : std::uint8_t { LeafConst, LeafLeaf, Eval } kind = Eval;
    BinOp op = BinOp::Eq;
    bool olda = true, oldb = true;
    LeafRef a, b;
    std::int64_t k = 0;  // LeafConst: constant minus a.lo (compared with the raw value)
    Node* node = nullptr;
    std::int32_t t = -1, f = -2;
  };
  std::vector<Ins> code;
  std::int32_t entry = 0;
  JumpS(const Type* t, support::SourceSpan sp) : Node(t, Shape{}, sp) {}
  // Dispatch on (kind, op) at once: one indirect branch per test.
  static int code_of(const Ins& in) {
    if (in.kind == Ins::Eval) return 12;
    return (in.kind == Ins::LeafLeaf ? 6 : 0) + static_cast<int>(in.op) - static_cast<int>(BinOp::Eq);
  }
  std::vector<std::uint8_t> ops;  // code_of per instruction (filled by finish())
  void finish() {
    ops.clear();
    for (const Ins& in : code) ops.push_back(static_cast<std::uint8_t>(code_of(in)));
  }
  std::int64_t scalar(Ctx& c) override {
    std::int32_t pc = entry;
    while (pc >= 0) {
      const Ins& in = code[static_cast<std::size_t>(pc)];
      bool v;
      std::int64_t x = 0, y = 0;
      std::uint8_t o = ops[static_cast<std::size_t>(pc)];
      if (o < 6) {
        const std::uint64_t* s = in.olda ? c.old : c.cur;
        x = static_cast<std::int64_t>((s[in.a.word] >> in.a.shift) & in.a.mask);
        y = in.k;
      } else if (o < 12) {
        x = read_leaf(in.olda ? c.old : c.cur, in.a);
        y = read_leaf(in.oldb ? c.old : c.cur, in.b);
        o = static_cast<std::uint8_t>(o - 6);
      }
      switch (o) {
        case 0: v = x == y; break;
        case 1: v = x != y; break;
        case 2: v = x < y; break;
        case 3: v = x <= y; break;
        case 4: v = x > y; break;
        case 5: v = x >= y; break;
        default: v = in.node->scalar(c) != 0; break;
      }
      pc = v ? in.t : in.f;
    }
    return pc == -1;
  }
};

struct IfS : Node {
  Node *cond, *a, *b;
  IfS(const Type* t, support::SourceSpan sp, Node* p, Node* x, Node* y) : Node(t, Shape{}, sp), cond(p), a(x), b(y) {}
  std::int64_t scalar(Ctx& c) override { return cond->scalar(c) ? a->scalar(c) : b->scalar(c); }
};

// Stores a value of node `v` into env slot `slot` (any representation).
inline void bind_value(Ctx& c, std::uint32_t slot, Node* v) {
  auto& dst = c.env[slot];
  switch (v->shape.repr) {
    case Repr::Scalar:
      dst[0] = v->scalar(c);
      return;
    case Repr::Fixed: {
      const std::int64_t* p = v->cells(c);
      if (dst.size() < v->shape.size) dst.resize(v->shape.size);
      std::copy(p, p + v->shape.size, dst.begin());
      return;
    }
    case Repr::Dyn:
      dst = v->dyn(c);
      return;
  }
}

struct LetS : Node {
  std::uint32_t slot;
  Node *val, *body;
  LetS(const Type* t, support::SourceSpan sp, std::uint32_t s, Node* v, Node* b)
      : Node(t, Shape{}, sp), slot(s), val(v), body(b) {}
  std::int64_t scalar(Ctx& c) override {
    bind_value(c, slot, val);
    return body->scalar(c);
  }
};

struct BinderSpec {
  std::uint32_t slot;
  std::uint32_t size;
  SetIter iter;
  std::vector<std::int64_t> scratch;
};

// forall / exists / sum over nested binders.
struct QuantS : Node {
  enum Kind { Forall, Exists, Sum } kind;
  std::vector<BinderSpec> binders;
  Node* body;
  std::int64_t acc = 0;
  QuantS(const Type* t, support::SourceSpan sp, Kind k, std::vector<BinderSpec> bs, Node* b)
      : Node(t, Shape{}, sp), kind(k), binders(std::move(bs)), body(b) {}
  bool loop(Ctx& c, std::size_t k) {
    if (k == binders.size()) {
      std::int64_t v = body->scalar(c);
      if (c.failed) return false;
      switch (kind) {
        case Forall:
          return v != 0;
        case Exists:
          return v == 0;
        case Sum:
          acc += v;
          return true;
      }
      return true;
    }
    BinderSpec& b = binders[k];
    auto& slot = c.env[b.slot];
    if (slot.size() < b.size) slot.resize(b.size);
    return b.iter.for_each(c, b.scratch, [&](const std::int64_t* e) {
      std::copy(e, e + b.size, slot.begin());
      return loop(c, k + 1);
    });
  }
  std::int64_t scalar(Ctx& c) override {
    acc = 0;
    bool completed = loop(c, 0);
    switch (kind) {
      case Forall:
        return completed;
      case Exists:
        return !completed && !c.failed;
      case Sum:
        return acc;
    }
    return 0;
  }
};

// Scalar read of one cell of a composite value (generic Index/Field/Len/Head on non-vars).
struct CellS : Node {
  Node* base;
  std::uint32_t off;
  CellS(const Type* t, support::SourceSpan sp, Node* b, std::uint32_t o) : Node(t, Shape{}, sp), base(b), off(o) {}
  std::int64_t scalar(Ctx& c) override { return base->cells(c)[off]; }
};

// ------------------------------------------------------------------ composite helpers
struct FixedNode : Node {
  std::vector<std::int64_t> buf;
  FixedNode(const Type* t, support::SourceSpan sp) : Node(t, shape_of(t), sp), buf(std::max<std::uint32_t>(1, shape.size), 0) {}
};
struct DynNode : Node {
  std::vector<std::int64_t> buf;
  DynNode(const Type* t, support::SourceSpan sp) : Node(t, shape_of(t), sp) {}
};

}  // namespace checker::nodes
