// checker: node classes for scalar results over sets (internal to compiled_values.cpp):
// membership (ranges, literals, bitsets, sorted vectors, types), subset, card/min/max and
// structural equality of composite values.
#pragma once
#include "checker/compiled_nodes.h"

namespace checker::nodes {

// ------------------------------------------------------------------ scalar results over sets
struct InRangeS : Node {
  Node *x, *lo, *hi;
  bool neg;
  InRangeS(const Type* t, support::SourceSpan sp, Node* e, Node* a, Node* b, bool n)
      : Node(t, Shape{}, sp), x(e), lo(a), hi(b), neg(n) {}
  std::int64_t scalar(Ctx& c) override {
    std::int64_t v = x->scalar(c);
    bool r = v >= lo->scalar(c) && v <= hi->scalar(c);
    return r != neg;
  }
};

struct InLitS : Node {  // x in {a, b, ...} over scalars
  Node* x;
  std::vector<Node*> elems;
  bool neg;
  InLitS(const Type* t, support::SourceSpan sp, Node* e, std::vector<Node*> es, bool n)
      : Node(t, Shape{}, sp), x(e), elems(std::move(es)), neg(n) {}
  std::int64_t scalar(Ctx& c) override {
    std::int64_t v = x->scalar(c);
    for (Node* e : elems)
      if (e->scalar(c) == v) return !neg;
    return neg;
  }
};

struct InSetS : Node {  // generic membership
  Node* x;
  Node* set;  // nullptr: the set of all values of `all`
  const Type* all;
  bool neg;
  std::vector<std::int64_t> tmp;
  InSetS(const Type* t, support::SourceSpan sp, Node* e, Node* s, const Type* a, bool n)
      : Node(t, Shape{}, sp), x(e), set(s), all(a), neg(n) {}
  bool test(Ctx& c) {
    const Type* E = set ? set->type->elem : all;
    if (!materialize(x, c, E, tmp)) return false;
    if (!set) return E->kind == TypeKind::Int || index_of(E, tmp.data()) >= 0;
    if (set->shape.repr == Repr::Fixed) {
      std::int64_t k = is_scalar_type(E) ? scalar_index(E, tmp[0]) : index_of(E, tmp.data());
      if (k < 0) return false;
      return set->cells(c)[k] != 0;
    }
    if (contains_seq(E)) canonicalize(E, tmp.data());
    return dyn_contains(set->dyn(c), set->shape.elem_size, tmp.data());
  }
  std::int64_t scalar(Ctx& c) override { return test(c) != neg; }
};

struct SubsetS : Node {
  Node *a, *b;
  std::vector<std::int64_t> tmp;
  SubsetS(const Type* t, support::SourceSpan sp, Node* x, Node* y) : Node(t, Shape{}, sp), a(x), b(y) {}
  std::int64_t scalar(Ctx& c) override {
    if (!materialize(a, c, b->type, tmp)) return 0;
    if (b->shape.repr == Repr::Fixed) {
      const std::int64_t* q = b->cells(c);
      for (std::uint32_t i = 0; i < b->shape.size; ++i)
        if (tmp[i] && !q[i]) return 0;
      return 1;
    }
    const std::vector<std::int64_t>& q = b->dyn(c);
    std::uint32_t es = b->shape.elem_size;
    for (std::size_t i = 0; i + es <= tmp.size(); i += es)
      if (!dyn_contains(q, es, tmp.data() + i)) return 0;
    return 1;
  }
};

struct SetAggS : Node {  // card, min, max of a materialised set
  enum Kind { Card, Min, Max } kind;
  Node* s;
  SetAggS(const Type* t, support::SourceSpan sp, Kind k, Node* x) : Node(t, Shape{}, sp), kind(k), s(x) {}
  std::int64_t scalar(Ctx& c) override {
    if (s->shape.repr == Repr::Fixed) {
      const std::int64_t* p = s->cells(c);
      std::uint32_t n = s->shape.size;
      if (kind == Card) {
        std::int64_t k = 0;
        for (std::uint32_t i = 0; i < n; ++i) k += p[i] != 0;
        return k;
      }
      const Type* E = s->type->elem;
      if (kind == Min) {
        for (std::uint32_t i = 0; i < n; ++i)
          if (p[i]) return scalar_value(E, i);
      } else {
        for (std::uint32_t i = n; i-- > 0;)
          if (p[i]) return scalar_value(E, i);
      }
      c.fail("empty_set", span, std::string(kind == Min ? "min" : "max") + " of the empty set");
      return 0;
    }
    const std::vector<std::int64_t>& v = s->dyn(c);
    if (kind == Card) return static_cast<std::int64_t>(v.size() / s->shape.elem_size);
    if (v.empty()) {
      c.fail("empty_set", span, std::string(kind == Min ? "min" : "max") + " of the empty set");
      return 0;
    }
    return kind == Min ? v.front() : v.back();
  }
};

struct RangeAggS : Node {  // card/min/max of lo..hi without building it
  SetAggS::Kind kind;
  Node *lo, *hi;
  RangeAggS(const Type* t, support::SourceSpan sp, SetAggS::Kind k, Node* a, Node* b) : Node(t, Shape{}, sp), kind(k), lo(a), hi(b) {}
  std::int64_t scalar(Ctx& c) override {
    std::int64_t a = lo->scalar(c), b = hi->scalar(c);
    if (kind == SetAggS::Card) return b >= a ? b - a + 1 : 0;
    if (b < a) {
      c.fail("empty_set", span, std::string(kind == SetAggS::Min ? "min" : "max") + " of the empty set");
      return 0;
    }
    return kind == SetAggS::Min ? a : b;
  }
};

struct EqV : Node {  // structural equality of composite values
  Node *a, *b;
  bool neg;
  bool direct;
  std::vector<std::int64_t> ta, tb;
  EqV(const Type* t, support::SourceSpan sp, Node* x, Node* y, bool n)
      : Node(t, Shape{}, sp), a(x), b(y), neg(n), direct(x->shape.repr == y->shape.repr && same_repr(x->type, y->type)) {}
  bool test(Ctx& c) {
    if (direct) {
      if (a->shape.repr == Repr::Fixed) {
        const std::int64_t* p = a->cells(c);
        const std::int64_t* q = b->cells(c);
        return std::equal(p, p + a->shape.size, q);
      }
      return a->dyn(c) == b->dyn(c);
    }
    if (!materialize(b, c, a->type, tb)) return false;
    if (!materialize(a, c, a->type, ta)) return false;
    return ta == tb;
  }
  std::int64_t scalar(Ctx& c) override { return test(c) != neg; }
};

}  // namespace checker::nodes
