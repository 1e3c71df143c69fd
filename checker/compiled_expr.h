// checker: compiled expressions: ir::Expr trees are compiled once into trees of typed nodes
// that read the packed state directly (leaf reads as shift and mask, constant paths resolved
// to leaves) and keep composite values in node-owned scratch buffers (no allocation per
// evaluation once warm). A compiled program is owned by one worker thread.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/value_model.h"
#include "compiler/ir.h"

namespace checker {

// Where one leaf lives in the packed state.
struct LeafRef {
  std::uint32_t word = 0;
  std::uint32_t shift = 0;
  std::uint64_t mask = 0;   // (1 << width) - 1
  std::int64_t lo = 0;
  std::uint64_t card = 0;
};

inline std::int64_t read_leaf(const std::uint64_t* s, const LeafRef& l) {
  return static_cast<std::int64_t>((s[l.word] >> l.shift) & l.mask) + l.lo;
}
inline void write_leaf_raw(std::uint64_t* s, const LeafRef& l, std::uint64_t raw) {
  s[l.word] = (s[l.word] & ~(l.mask << l.shift)) | (raw << l.shift);
}
// Writes value v; false if v is outside the leaf's range (nothing written).
inline bool write_leaf(std::uint64_t* s, const LeafRef& l, std::int64_t v) {
  std::uint64_t raw = static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(l.lo);
  if (raw >= l.card) return false;
  write_leaf_raw(s, l, raw);
  return true;
}

// Run-time error categories of LANGUAGE.md §11.
struct RtError {
  const char* category = nullptr;  // "out_of_type", "domain", ...
  support::SourceSpan span;
  std::string detail;
};

// Evaluation context: the pre-state, the state being built (== pre-state for predicates),
// the environment of bound variables and the first run-time error of the current path.
struct Ctx {
  const std::uint64_t* old = nullptr;
  std::uint64_t* cur = nullptr;
  std::vector<std::vector<std::int64_t>> env;
  bool failed = false;
  RtError err;
  void fail(const char* category, const support::SourceSpan& span, std::string detail = {}) {
    if (failed) return;
    failed = true;
    err.category = category;
    err.span = span;
    err.detail = std::move(detail);
  }
};

class Node {
 public:
  Node(const Type* t, Shape s, support::SourceSpan sp) : type(t), shape(s), span(sp) {}
  virtual ~Node() = default;
  virtual std::int64_t scalar(Ctx&);
  virtual const std::int64_t* cells(Ctx&);
  virtual const std::vector<std::int64_t>& dyn(Ctx&);
  const Type* type;
  Shape shape;
  support::SourceSpan span;
};

// Iterates the elements of a set expression without materialising ranges and type sets.
struct SetIter {
  enum Kind { Range, TypeAll, Bits, Dyn } kind = Range;
  Node* lo = nullptr;
  Node* hi = nullptr;
  Node* set = nullptr;
  const Type* elem = nullptr;   // element type (TypeAll, Bits, Dyn)
  std::uint32_t elem_size = 1;  // cells per element

  // Calls f(const int64_t* elem_cells) for each element in order; f returns false to stop.
  // Returns false if f stopped the iteration (or a run-time error happened).
  template <class F>
  bool for_each(Ctx& c, std::vector<std::int64_t>& scratch, F&& f) const;
};

// Leaves of the system, shared read-only by every program.
struct Layout {
  std::vector<LeafRef> leaves;
  explicit Layout(const ir::System& sys);
};

// Compiles expressions of one System into nodes owned by `pool`.
class ExprCompiler {
 public:
  ExprCompiler(const ir::System& sys, const Layout& layout, std::vector<std::unique_ptr<Node>>& pool,
               std::vector<std::uint32_t>& slot_sizes)
      : sys_(sys), layout_(layout), pool_(pool), slot_sizes_(slot_sizes) {}
  Node* compile(const ir::Expr* e);
  // A node yielding `n`'s value in the representation of type `to` (n itself if identical).
  Node* coerce(Node* n, const Type* to);
  SetIter iter(const ir::Expr* set);
  // The conjunction of boolean expressions (And trees flattened), short-circuit in order.
  Node* conjunction(const std::vector<const ir::Expr*>& exprs);
  Node* disjunction(const std::vector<const ir::Expr*>& exprs);
  // A boolean node tree (and/or/not/implies over comparisons) as one flat jumping-code node.
  Node* flatten_bool(Node* n);
  Node* compile_bool(const ir::Expr* e) { return flatten_bool(compile(e)); }
  Node* conj_nodes(const std::vector<Node*>& nodes, const Type* t, support::SourceSpan span);
  Node* disj_nodes(const std::vector<Node*>& nodes, const Type* t, support::SourceSpan span);
  // Leaf index computation of var + path (shared with assignments).
  struct PathStep {
    Node* index = nullptr;      // dynamic index (null: constant offset already folded)
    bool seq = false;           // sequence index (1-based, checked against the length leaf)
    const Type* dom = nullptr;  // function domain (scalar type)
    std::uint32_t stride = 1;   // leaves per element
    std::uint32_t extra = 0;    // constant leaves added after this step (fields)
  };
  struct Path {
    std::uint32_t var = 0;
    std::uint32_t base = 0;   // first leaf of the var + constant prefix
    std::vector<PathStep> steps;
    const Type* type = nullptr;  // type of the addressed part
    std::uint32_t size = 1;      // leaves of the addressed part
  };
  Path path(std::uint32_t var, const std::vector<ir::PathElem>& elems);
  const Layout& layout() const { return layout_; }
  const ir::System& system() const { return sys_; }
  template <class T, class... A>
  T* make(A&&... a) {
    auto p = std::make_unique<T>(std::forward<A>(a)...);
    T* r = p.get();
    pool_.push_back(std::move(p));
    return r;
  }
  void need_slot(std::uint32_t slot, std::uint32_t size) {
    if (slot_sizes_.size() <= slot) slot_sizes_.resize(slot + 1, 1);
    if (slot_sizes_[slot] < size) slot_sizes_[slot] = size;
  }

 private:
  Node* compile_raw(const ir::Expr* e);
  Node* unroll(const ir::Expr* e);
  bool static_domain(const ir::Expr* set, std::vector<std::int64_t>& values);
  std::vector<std::pair<std::uint32_t, std::int64_t>> subst_;  // bound slots unrolled to constants
  bool constant(const ir::Expr* e);
  std::unordered_map<const ir::Expr*, bool> const_memo_;
  Node* compile_index(const ir::Expr* e);
  Node* compile_field(const ir::Expr* e);
  Node* compile_eq(const ir::Expr* e, bool negate);
  Node* compile_in(const ir::Expr* e, bool negate);
  Node* compile_set_op(const ir::Expr* e);
  Node* compile_binder_op(const ir::Expr* e);
  bool var_path(const ir::Expr* e, std::uint32_t& var, std::vector<ir::PathElem>& elems);
  const ir::System& sys_;
  const Layout& layout_;
  std::vector<std::unique_ptr<Node>>& pool_;
  std::vector<std::uint32_t>& slot_sizes_;
};

// Resolves a compiled path to its first leaf in state `s`; false on a run-time error.
bool resolve_path(const ExprCompiler::Path& p, const Layout& layout, Ctx& c, const std::uint64_t* s,
                  std::uint32_t& leaf);
// Decodes `n` leaves starting at `leaf` into cells (type t, canonical).
void load_leaves(const Layout& layout, const std::uint64_t* s, std::uint32_t leaf, const Type* t,
                 std::uint32_t n, std::int64_t* out);
// Stores cells of type t at `leaf`; false (nothing guaranteed) if a value is out of range.
bool store_leaves(const Layout& layout, std::uint64_t* s, std::uint32_t leaf, const Type* t,
                  const std::int64_t* cells);

// True if values of a and b have the same cell representation.
bool same_repr(const Type* a, const Type* b);

template <class F>
bool SetIter::for_each(Ctx& c, std::vector<std::int64_t>& scratch, F&& f) const {
  switch (kind) {
    case Range: {
      std::int64_t a = lo->scalar(c), b = hi->scalar(c);
      if (c.failed) return false;
      for (std::int64_t v = a; v <= b; ++v)
        if (!f(&v)) return false;
      return true;
    }
    case TypeAll: {
      auto card = elem->cardinality();
      if (!card) return false;
      if (is_scalar_type(elem)) {
        for (std::uint64_t i = 0; i < *card; ++i) {
          std::int64_t v = scalar_value(elem, static_cast<std::int64_t>(i));
          if (!f(&v)) return false;
        }
        return true;
      }
      scratch.resize(elem_size);
      for (std::uint64_t i = 0; i < *card; ++i) {
        value_of(elem, i, scratch.data());
        if (!f(scratch.data())) return false;
      }
      return true;
    }
    case Bits: {
      const std::int64_t* bits = set->cells(c);
      if (c.failed) return false;
      std::uint32_t n = set->shape.size;
      if (is_scalar_type(elem)) {
        for (std::uint32_t i = 0; i < n; ++i) {
          if (!bits[i]) continue;
          std::int64_t v = scalar_value(elem, i);
          if (!f(&v)) return false;
        }
        return true;
      }
      // The callback never re-evaluates `set` (compiled expressions are trees), so its
      // buffer stays valid during the iteration.
      scratch.resize(elem_size);
      for (std::uint32_t i = 0; i < n; ++i) {
        if (!bits[i]) continue;
        value_of(elem, i, scratch.data());
        if (!f(scratch.data())) return false;
      }
      return true;
    }
    case Dyn: {
      const std::vector<std::int64_t>& v = set->dyn(c);
      if (c.failed) return false;
      for (std::size_t i = 0; i + elem_size <= v.size(); i += elem_size)
        if (!f(v.data() + i)) return false;
      return true;
    }
  }
  return true;
}

}  // namespace checker
