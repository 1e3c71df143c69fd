// tests/lower: actions (§5): one transition per parameter value combination, pre-state reads,
// primed reads, element assignments (once), nondeterminism, and the dump of the system.
#include "lower_test_util.h"

namespace lower_test {
namespace {

TEST(Actions, OneTransitionPerParameterCombination) {
  auto l = lower_ok(
      "module m\nenum Mode { Off, On }\nvar bal: 0..9 = 0\nvar m: Mode = Off\n"
      "action Deposit(w: 1..2, v: 1..3) { require bal + v <= 9\n bal' = bal + v }\n"
      "action Flip(x: Mode) { m' = x }\n"
      "action Tick { bal' = bal }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  ASSERT_EQ(s.transitions.size(), 6u + 2u + 1u);
  EXPECT_EQ(s.transitions[0].name, "Deposit(w = 1, v = 1)");
  EXPECT_EQ(s.transitions[5].name, "Deposit(w = 2, v = 3)");
  EXPECT_EQ(s.transitions[6].name, "Flip(x = Off)");
  EXPECT_EQ(s.transitions[8].name, "Tick");
  for (const auto& t : s.transitions) {
    EXPECT_EQ(t.process, -1);
    EXPECT_EQ(t.from_pc, -1);
  }
}

TEST(Actions, UnprimedReadsSeeThePreState) {
  auto l = lower_ok(
      "module m\nvar x: 0..3 = 0\nvar y: 0..3 = 0\n"
      "action A { x' = y\n y' = x' }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  std::vector<const ir::Stmt*> assigns;
  walk(s.transitions[0].body, [&](const ir::Stmt& st) {
    if (st.op == ir::StmtOp::Assign) assigns.push_back(&st);
  });
  ASSERT_EQ(assigns.size(), 2u);
  EXPECT_TRUE(assigns[0]->expr->old);   // y
  EXPECT_FALSE(assigns[1]->expr->old);  // x'
}

TEST(Actions, ElementAssignmentsAreOnce) {
  auto l = lower_ok(
      "module m\nvar f: [1..3] -> bool = [i in 1..3 |-> false]\n"
      "action Set(i: 1..3, j: 1..3) { f[i]' = true\n f[j]' = false }\n");
  ASSERT_TRUE(l->sys);
  int once = 0;
  walk(l->sys->transitions[0].body, [&](const ir::Stmt& st) {
    if (st.op == ir::StmtOp::Assign) {
      EXPECT_EQ(st.path.size(), 1u);
      once += st.once ? 1 : 0;
    }
  });
  EXPECT_EQ(once, 2);
}

TEST(Actions, EitherWithAndIf) {
  auto l = lower_ok(
      "module m\nvar x: 0..3 = 0\n"
      "action A { either { x' = 1 } or { with k in 1..2 { if k == 1 { x' = k } else { x' = 3 } } } }\n");
  ASSERT_TRUE(l->sys);
  const auto* body = l->sys->transitions[0].body;
  EXPECT_EQ(count_ops(body, ir::StmtOp::Either), 1);
  EXPECT_EQ(count_ops(body, ir::StmtOp::Choose), 1);
  EXPECT_EQ(count_ops(body, ir::StmtOp::If), 1);
  EXPECT_GE(l->sys->env_slots, 1u);
}

TEST(Actions, DumpIsStableAndComplete) {
  const char* spec =
      "module m\nvar x: 0..3 = 0\nlock mu: mutex\n"
      "process p { acquire mu\n x := 1\n release mu }\n"
      "action Reset { require p@end\n x' = 0 }\n"
      "invariant small: x < 3\n";
  auto a = lower_ok(spec);
  auto b = lower_ok(spec);
  ASSERT_TRUE(a->sys && b->sys);
  std::string d = compiler::dump_ir(*a->sys);
  EXPECT_EQ(d, compiler::dump_ir(*b->sys));
  EXPECT_NE(d.find("vars:"), std::string::npos);
  EXPECT_NE(d.find("p.pc"), std::string::npos);
  EXPECT_NE(d.find("Reset"), std::string::npos);
  EXPECT_NE(d.find("small: (x < 3)"), std::string::npos);
  EXPECT_NE(d.find("lock-event acquire mu exclusive"), std::string::npos);
  EXPECT_NE(d.find("x' := 0"), std::string::npos);
}

}  // namespace
}  // namespace lower_test
