// tests/lower: state layout: flattening per ir.h (functions, records, sets, sequences), leaf
// widths, packing into 64-bit words without straddling, initial values, E0409 on absurd sizes.
#include <set>

#include "lower_test_util.h"

namespace lower_test {
namespace {

TEST(Layout, FlatteningFollowsTheIrRules) {
  auto l = lower_ok(
      "module m\n"
      "enum Color { Red, Green, Blue }\n"
      "var b: bool = false\n"
      "var r: 3..10 = 3\n"
      "var c: Color = Green\n"
      "var s: set of 1..5 = {}\n"
      "var f: [1..3] -> 0..2 = [i in 1..3 |-> 0]\n"
      "var rec: [a: bool, n: 0..7] = [a |-> true, n |-> 1]\n"
      "var q: seq of 0..3 max 4 = <<>>\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  auto leaves = [&](const char* n) { return s.vars.at(var_index(s, n)).leaf_count; };
  EXPECT_EQ(leaves("b"), 1u);
  EXPECT_EQ(leaves("r"), 1u);
  EXPECT_EQ(leaves("c"), 1u);
  EXPECT_EQ(leaves("s"), 5u);
  EXPECT_EQ(leaves("f"), 3u);
  EXPECT_EQ(leaves("rec"), 2u);
  EXPECT_EQ(leaves("q"), 5u);  // length + 4 elements
  const auto& r = s.leaves[s.vars[var_index(s, "r")].first_leaf];
  EXPECT_EQ(r.lo, 3);
  EXPECT_EQ(r.card, 8u);
  EXPECT_EQ(r.width, 3);
  const auto& c = s.leaves[s.vars[var_index(s, "c")].first_leaf];
  EXPECT_EQ(c.card, 3u);
  EXPECT_EQ(c.width, 2);
  const auto& qlen = s.leaves[s.vars[var_index(s, "q")].first_leaf];
  EXPECT_EQ(qlen.card, 5u);  // 0..4
  EXPECT_EQ(s.init.size(), s.vars.size());
}

TEST(Layout, LeavesNeverStraddleOrOverlap) {
  auto l = lower_ok(
      "module m\n"
      "var a: [1..20] -> 0..100 = [i in 1..20 |-> 0]\n"
      "var b: [1..7] -> 0..1000 = [i in 1..7 |-> 0]\n"
      "var flags: set of 1..100 = {}\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  std::set<std::uint32_t> used;
  std::uint64_t bits = 0;
  for (const auto& leaf : s.leaves) {
    EXPECT_EQ(leaf.offset / 64, (leaf.offset + leaf.width - 1) / 64) << "straddles a word";
    EXPECT_LT((leaf.offset + leaf.width - 1) / 64, s.state_words);
    for (std::uint32_t b = leaf.offset; b < leaf.offset + leaf.width; ++b)
      EXPECT_TRUE(used.insert(b).second) << "bit " << b << " used twice";
    bits += leaf.width;
  }
  EXPECT_EQ(bits, 20u * 7 + 7 * 10 + 100);
  // First fit: no more words than bits need, plus the slack of unsplittable leaves.
  EXPECT_LE(s.state_words, (bits + 63) / 64 + 1);
}

TEST(Layout, InitialValuesAndNondeterministicSets) {
  auto l = lower_ok("module m\nconst N = 3\nvar x: 0..N in 0..N\nvar y: 0..N = 2\nvar z: bool\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  ASSERT_EQ(s.init.size(), 3u);
  EXPECT_TRUE(s.init[0].set);
  EXPECT_FALSE(s.init[0].value);
  ASSERT_TRUE(s.init[1].value);
  EXPECT_EQ(s.init[1].value->op, ir::ExprOp::Const);
  EXPECT_EQ(s.init[1].value->value, 2);
}

TEST(Layout, AbsurdStateIsRejected) {
  auto l = lower_text(
      "module m\nvar big: [1..1000] -> [1..1000] -> 0..1 = [i in 1..1000 |-> [j in 1..1000 |-> 0]]\n");
  EXPECT_FALSE(l->sys);
  bool seen = false;
  for (const auto& d : l->diags.all()) seen = seen || d.code == support::DiagCode::E0409;
  EXPECT_TRUE(seen) << l->rendered();
}

TEST(Layout, ProcessesGetPcLocalsAndLocksTheirState) {
  auto l = lower_ok(
      "module m\n"
      "lock mu: mutex\nlock rw: rwsem\nlock q: rwsem queued\nlock pg[1..3]: spinlock\n"
      "process p[i: 1..2] { var n: 0..3 = i\n skip }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  ASSERT_EQ(s.processes.size(), 2u);
  EXPECT_EQ(s.processes[0].name, "p[1]");
  EXPECT_EQ(s.processes[1].index, 2);
  EXPECT_GE(var_index(s, "p[1].pc"), 0);
  EXPECT_GE(var_index(s, "p[2].n"), 0);
  EXPECT_EQ(s.vars[var_index(s, "p[2].n")].role, ir::VarRole::Local);
  ASSERT_EQ(s.locks.size(), 6u);
  EXPECT_EQ(s.locks[0].name, "mu");
  EXPECT_EQ(s.locks[0].readers_var, -1);
  EXPECT_GE(s.locks[1].readers_var, 0);
  EXPECT_EQ(s.locks[1].queue_var, -1);
  EXPECT_TRUE(s.locks[2].queued);
  EXPECT_GE(s.locks[2].queue_var, 0);
  EXPECT_EQ(s.locks[4].name, "pg[2]");
  EXPECT_EQ(s.locks[4].lock_class, "pg");
  EXPECT_EQ(s.locks[4].kind, ir::LockKind::Spinlock);
  // Owner 0..(instances that take it exclusively; here none, so one bit), readers a set of
  // instances, queue a sequence of request codes, at most P long.
  const auto* owner_t = s.vars[s.locks[0].owner_var].type;
  EXPECT_EQ(owner_t->lo, 0);
  EXPECT_EQ(owner_t->hi, 1);
  EXPECT_TRUE(s.locks[0].narrowed);
  EXPECT_TRUE(s.locks[0].owners.empty());
  EXPECT_EQ(s.locks[0].owner_code(0), -1);
  const auto* queue_t = s.vars[s.locks[2].queue_var].type;
  EXPECT_EQ(queue_t->kind, compiler::TypeKind::Seq);
  EXPECT_EQ(queue_t->max_len, 2);
  EXPECT_EQ(queue_t->elem->hi, 3);
  // Locals start at their initialiser, evaluated with self.
  for (const auto& iv : s.init)
    if (iv.var == static_cast<std::uint32_t>(var_index(s, "p[2].n"))) {
      ASSERT_TRUE(iv.value);
      EXPECT_EQ(iv.value->value, 2);
    }
}

// `/` and `%` on constants fold as §4 says (toward negative infinity, a % b in 0..b-1); a
// divisor that is not positive stays for the run-time error.
TEST(Layout, DivisionAndModuloOfConstantsFold) {
  auto l = lower_ok(
      "module m\nconst Z = 0\n"
      "process p[i: -3..-1] { var q: -2..2 = i / 2\n var r: 0..1 = i % 2\n var z: -9..9 = 0\n"
      " z := i % Z }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  auto init_of = [&](const std::string& name) -> const ir::Expr* {
    for (const auto& iv : s.init)
      if (iv.var == static_cast<std::uint32_t>(var_index(s, name))) return iv.value;
    return nullptr;
  };
  const std::int64_t q[] = {-2, -1, -1}, r[] = {1, 0, 1};
  for (int k = 0; k < 3; ++k) {
    std::string p = "p[" + std::to_string(k - 3) + "]";
    const ir::Expr* qe = init_of(p + ".q");
    const ir::Expr* re = init_of(p + ".r");
    ASSERT_TRUE(qe && re);
    ASSERT_EQ(qe->op, ir::ExprOp::Const) << p;
    ASSERT_EQ(re->op, ir::ExprOp::Const) << p;
    EXPECT_EQ(qe->value, q[k]) << p;
    EXPECT_EQ(re->value, r[k]) << p;
  }
  bool kept = false;
  walk(steps_of(s, 0)[0]->body, [&](const ir::Stmt& st) {
    kept = kept || (st.op == ir::StmtOp::Assign && st.expr->op == ir::ExprOp::Mod);
  });
  EXPECT_TRUE(kept);
}

}  // namespace
}  // namespace lower_test
