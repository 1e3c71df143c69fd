// smt: ExprEncoder (internal) turns ir::Expr trees into symbolic values over a pre-state and a
// state being built (vectors of leaf terms), with the checker's run-time errors as guarded
// records in evaluation order: each error's condition implies that evaluation reached it with
// no earlier error, so the first error of a path is exactly one record, as in the checker.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "smt/sym_value.h"

namespace smt {

using State = std::vector<z3::expr>;  // one term per ir::Leaf (Bool or Int)

struct ErrRec {
  z3::expr cond;          // the path reaches the failing check and it fails
  std::string category;   // out_of_type, division, domain, ...
  support::SourceSpan span;
};

// One evaluation: where values are read from, the running "no error so far" condition and the
// error records.
struct Eval {
  const State* old = nullptr;  // pre-state
  const State* cur = nullptr;  // state being built (== old for predicates)
  std::vector<SVal>* env = nullptr;
  z3::expr ok;                 // evaluation reaches this point and no error happened
  std::vector<ErrRec>* errs = nullptr;
  explicit Eval(z3::context& c) : ok(c.bool_val(true)) {}
};

class ExprEncoder {
 public:
  ExprEncoder(Values& v, const ir::System& sys) : V(v), sys_(sys) {}

  SVal eval(const ir::Expr* e, Eval& ev);
  // eval, then the checker's coercion to `to` (failure: out_of_type at e's span).
  SVal eval_as(const ir::Expr* e, const Type* to, Eval& ev);
  z3::expr eval_bool(const ir::Expr* e, Eval& ev);

  // Records error `category` when c holds (and evaluation got here without an error).
  void fail(Eval& ev, const z3::expr& c, const std::string& category, const support::SourceSpan& span);
  // Runs f with evaluation reaching it only under c (short-circuit evaluation).
  void under(Eval& ev, const z3::expr& c, const std::function<void()>& f);

  // The elements a binder ranges over (Range and type sets iterated directly, as the checker's
  // SetIter does), duplicates removed; `constant` tells whether the order is the checker's.
  struct Domain {
    std::vector<SVal> elems;
    std::vector<z3::expr> pres;
    bool constant = true;
  };
  Domain domain(const ir::Expr* set, Eval& ev);

  // Leaves addressed by var + path in state s: candidates (condition, first leaf), the type of
  // the addressed part; index errors recorded in the checker's order.
  struct Target {
    std::vector<std::pair<z3::expr, std::size_t>> cands;
    const Type* type = nullptr;
  };
  Target resolve(std::uint32_t var, const std::vector<ir::PathElem>& path, const State& s, Eval& ev);
  SVal read(const Target& t, const State& s);

  Values& V;

 private:
  SVal eval_composite_eq(const ir::Expr* e, Eval& ev, bool negate);
  SVal eval_in(const ir::Expr* e, Eval& ev, bool negate);
  SVal eval_arith(const ir::Expr* e, Eval& ev);
  SVal eval_index(const ir::Expr* e, Eval& ev);
  SVal eval_set_op(const ir::Expr* e, Eval& ev);
  SVal eval_binder_op(const ir::Expr* e, Eval& ev);
  SVal eval_agg(const ir::Expr* e, Eval& ev);
  SVal eval_seq_op(const ir::Expr* e, Eval& ev);
  SVal eval_ctor(const ir::Expr* e, Eval& ev);
  SVal index_value(const SVal& base, const SVal& idx, const support::SourceSpan& span, Eval& ev);
  // Adds element x to a set of type set_type being built (the checker's SetBuilder::add check).
  void add_check(const SVal& x, const Type* set_type, const z3::expr& when, const support::SourceSpan& span, Eval& ev);
  void bind(Eval& ev, std::uint32_t slot, const SVal& v);
  // Nested iteration over binders; body(pres) per combination. gate() is the extra condition
  // under which the next combination is reached (short-circuit quantifiers).
  void nest(const std::vector<ir::Binder>& bs, std::size_t k, const z3::expr& pres, Eval& ev,
            const std::function<z3::expr()>& gate, const std::function<void(const z3::expr&)>& body,
            bool& symbolic);
  bool path_of(const ir::Expr* e, std::uint32_t& var, std::vector<ir::PathElem>& path, bool& old);
  const ir::System& sys_;
};

}  // namespace smt
