// smt: symbolic values (internal, includes z3++.h): a value of any weft type as a tree of Z3
// terms (Bool for bool, Int for integers and enums; records, functions and sequences as their
// parts; sets as candidate elements with presence conditions), integer bounds for every Int
// term, and the value operations both engines agree on (equality, membership, coercion,
// conversion to and from the state's scalar leaves, the checker's iteration order).
#pragma once
#include <z3++.h>

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace smt {

using compiler::Type;
using compiler::TypeKind;

// Thrown when a construct cannot be encoded exactly; becomes a diagnostic (never a wrong answer).
struct Unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

__extension__ typedef __int128 Wide;  // exact products of 64-bit bounds

// Conservative bounds of an integer term (saturating at +-kBig).
struct Interval {
  static constexpr std::int64_t kBig = std::int64_t{1} << 60;
  std::int64_t lo = -kBig, hi = kBig;
  static Interval of(std::int64_t a, std::int64_t b) { return Interval{a, b}; }
  static Interval point(std::int64_t v) { return Interval{v, v}; }
  bool bounded() const { return lo > -kBig && hi < kBig; }
  std::uint64_t size() const { return hi < lo ? 0 : static_cast<std::uint64_t>(hi - lo) + 1; }
  Interval join(const Interval& o) const { return Interval{std::min(lo, o.lo), std::max(hi, o.hi)}; }
};
Interval iv_add(Interval a, Interval b);
Interval iv_sub(Interval a, Interval b);
Interval iv_mul(Interval a, Interval b);
Interval iv_neg(Interval a);

// One scalar leaf of a flattened type (ir.h's order): Bool (bool, set membership) or Int.
struct LeafShape {
  bool is_bool = false;
  std::int64_t lo = 0, hi = 0;
};

struct SVal {
  enum class K : std::uint8_t { Bool, Int, Record, Func, Seq, Set };
  K k = K::Int;
  const Type* type = nullptr;   // the weft type of this value (the IR expression's type)
  z3::expr e;                   // Bool / Int: the value; Seq: the length
  Interval iv;                  // Int value; Seq length
  std::vector<SVal> kids;       // Record: fields; Func: values in domain order; Seq: max_len slots
  std::vector<SVal> elems;      // Set: candidate elements
  std::vector<z3::expr> pres;   // Set: presence of each candidate
  bool distinct = true;         // Set: no two present candidates are equal
  bool constant = false;        // Set: candidates are distinct constants in the checker's order
  std::vector<std::vector<std::int64_t>> keys;  // Set (constant): each candidate's cells
  explicit SVal(z3::context& c) : e(c) {}
};

// Value operations over one Z3 context and one system's types.
class Values {
 public:
  Values(z3::context& ctx, const ir::System& sys) : ctx_(ctx), sys_(sys) {}
  z3::context& ctx() { return ctx_; }
  const ir::System& sys() const { return sys_; }

  z3::expr tru() { return ctx_.bool_val(true); }
  z3::expr fls() { return ctx_.bool_val(false); }
  // Integers are 64-bit bit-vectors with the explicit engine's two's complement arithmetic
  // (signed comparisons); bit-blasted, they solve much faster than linear integer arithmetic.
  static constexpr unsigned kIntBits = 64;
  z3::expr num(std::int64_t v) { return ctx_.bv_val(static_cast<std::uint64_t>(v), kIntBits); }
  z3::expr int_const(const std::string& name) { return ctx_.bv_const(name.c_str(), kIntBits); }

  // ---- types
  static bool is_scalar(const Type* t);
  static bool is_bool(const Type* t) { return t && t->kind == TypeKind::Bool; }
  // Flattened leaves of a finite type (ir.h's order).
  const std::vector<LeafShape>& shape(const Type* t);
  // Number of values of a finite type (throws Unsupported if too many to enumerate).
  std::uint64_t card(const Type* t, std::uint64_t limit);
  // Every value of a finite type, in the type's value order, as constant values and cells.
  const std::vector<SVal>& universe(const Type* t);
  const std::vector<std::vector<std::int64_t>>& universe_keys(const Type* t);
  // True if the checker keeps values of set type t as a bitset (else a sorted vector).
  static bool fixed_set(const Type* set_type);

  // ---- constructors
  SVal boolean(const z3::expr& b, const Type* t = nullptr);
  SVal integer(const z3::expr& i, Interval iv, const Type* t);
  SVal constant_int(std::int64_t v, const Type* t);
  // A value of type t from flattened scalar terms (state leaves or constants).
  SVal unflatten(const Type* t, const std::vector<z3::expr>& terms, std::size_t offset);
  // A constant value of type t from the checker's cells (same layout as the leaves).
  SVal from_cells(const Type* t, const std::int64_t* cells);
  // The checker's cells of a concrete value of type t (false if some term is not a literal or
  // the value has no Fixed layout in t).
  bool to_cells(const SVal& v, const Type* t, std::vector<std::int64_t>& out);
  // The scalar terms to store value v (already of type t) in t's leaves, and the condition under
  // which some scalar is outside its leaf's range (the checker's store_leaves failing).
  void flatten(const SVal& v, const Type* t, std::vector<z3::expr>& out, z3::expr& bad);
  SVal empty_set(const Type* set_type);

  // ---- operations
  SVal ite(const z3::expr& c, const SVal& a, const SVal& b);
  // Equality as the checker decides it (values of compatible types).
  z3::expr eq(const SVal& a, const SVal& b);
  // x is one of the present candidates of s (x converted to s's element type; false if not).
  z3::expr member(const SVal& x, const SVal& s);
  // index_of(t, value) >= 0 in the checker: the value is one of t's values.
  z3::expr index_ok(const SVal& v, const Type* t);
  // convert_fixed(from, t) fails.
  z3::expr convert_fails(const SVal& v, const Type* t);
  // The checker's coercion of v to type `to` (ExprCompiler::coerce / materialize): the value
  // retyped, and the condition under which the conversion fails (fail).
  SVal coerce(const SVal& v, const Type* to, z3::expr& fail);
  // Sets: number of distinct present elements; normalisation of constant candidates.
  z3::expr card(const SVal& s);
  void normalize(SVal& s);
  // Concatenates candidates (union without normalisation).
  SVal set_concat(const SVal& a, const SVal& b, const Type* t);
  // Retypes v (and its parts) to t without checks (same representation up to ranges).
  SVal retype(const SVal& v, const Type* t);
  // True if the term is a Bool or Int literal; its value.
  static bool literal(const z3::expr& e, std::int64_t& v);
  static bool is_false(const z3::expr& e) { return e.is_false(); }
  static bool is_true(const z3::expr& e) { return e.is_true(); }

  z3::expr mk_and(const z3::expr& a, const z3::expr& b);
  z3::expr mk_or(const z3::expr& a, const z3::expr& b);
  z3::expr mk_not(const z3::expr& a);
  z3::expr mk_ite(const z3::expr& c, const z3::expr& a, const z3::expr& b);
  z3::expr mk_eq(const z3::expr& a, const z3::expr& b);
  z3::expr conj(const std::vector<z3::expr>& v);
  z3::expr disj(const std::vector<z3::expr>& v);
  // Bool-or-Int term as Int (a Bool becomes 0/1).
  z3::expr as_int(const z3::expr& e);

 private:
  void shape_rec(const Type* t, std::vector<LeafShape>& out);
  z3::context& ctx_;
  const ir::System& sys_;
  std::map<const Type*, std::vector<LeafShape>> shapes_;
  std::map<const Type*, std::vector<SVal>> universes_;
  std::map<const Type*, std::vector<std::vector<std::int64_t>>> universe_keys_;
};

inline constexpr std::uint64_t kMaxUniverse = 1u << 16;   // values of a type enumerated at most
inline constexpr std::uint64_t kMaxRange = 1u << 16;      // integers of a symbolic range at most

}  // namespace smt
