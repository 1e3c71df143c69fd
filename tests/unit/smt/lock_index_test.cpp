// tests (smt): lock events with an index expression (ir::StmtOp::LockEvent `lock_base + expr`):
// the step encoder names the instances the index can denote, clamped to the real lock
// instances, so an index whose bounds the interval analysis cannot know (saturated
// arithmetic) is still encoded exactly (it used to throw Unsupported, and before that to drop
// the acquisition from the lock-order check). Lowering emits only constant lock events today,
// so the test rewrites a lowered system's event by hand.
#include <functional>

#include "smt_test_util.h"

namespace smt_test {
namespace {

// Every LockEvent Acquire of instance `lock` in the system's step bodies.
std::vector<ir::Stmt*> acquires_of(const ir::System& sys, std::int32_t lock) {
  std::vector<ir::Stmt*> out;
  std::function<void(const ir::Stmt*)> walk = [&](const ir::Stmt* s) {
    if (!s) return;
    if (s->op == ir::StmtOp::LockEvent && s->event == ir::LockEventKind::Acquire && s->lock_base == lock && !s->expr)
      out.push_back(const_cast<ir::Stmt*>(s));  // the test owns this system
    for (const ir::Stmt* c : s->children) walk(c);
  };
  for (const auto& t : sys.transitions) walk(t.body);
  return out;
}

TEST(SmtLocks, LockIndexWithoutKnownBounds) {
  auto l = lower(R"(
module t
lock A: mutex
lock B: mutex
lock_order A < B
var x: 0..1 = 0
process p { acquire B  acquire A  release A  release B }
)");
  ASSERT_TRUE(l->sys);
  ir::System& sys = *l->sys;
  std::int32_t a = -1;
  for (std::size_t i = 0; i < sys.locks.size(); ++i)
    if (sys.locks[i].name == "A") a = static_cast<std::int32_t>(i);
  ASSERT_GE(a, 0);
  // The event for A becomes `A + (x * 2^61 - x * 2^61)`: the index is 0, but its interval is
  // unknown (2^61 lies beyond the interval analysis' saturation bound, and x is not constant).
  const compiler::Type* int_t = l->checked->types->int_type();
  std::uint32_t xv = 0;
  for (std::size_t v = 0; v < sys.vars.size(); ++v)
    if (sys.vars[v].name == "x") xv = static_cast<std::uint32_t>(v);
  ir::Expr x, big, prod, diff;
  x.op = ir::ExprOp::Var;
  x.type = sys.vars[xv].type;
  x.var = xv;
  x.old = true;
  big.op = ir::ExprOp::Const;
  big.type = int_t;
  big.value = std::int64_t{1} << 61;
  prod.op = ir::ExprOp::Mul;
  prod.type = int_t;
  prod.args = {&x, &big};
  diff.op = ir::ExprOp::Sub;
  diff.type = int_t;
  diff.args = {&prod, &prod};
  std::vector<ir::Stmt*> evs = acquires_of(sys, a);
  ASSERT_FALSE(evs.empty());
  for (ir::Stmt* s : evs) s->expr = &diff;

  // Both engines still see p acquire A while holding B, at the same step.
  checker::CheckResult e = explicit_check(sys);
  ASSERT_EQ(e.verdict, checker::Verdict::Violated) << e.error;
  smt::SmtResult b = run(sys, "bmc", std::max<std::uint64_t>(e.depth, 1));
  EXPECT_TRUE(b.result.inconclusive_reason.find("cannot encode") == std::string::npos) << b.result.inconclusive_reason;
  Answers ba = answers(b.result.violations);
  EXPECT_EQ(answers(e.violations), ba);
  EXPECT_EQ(ba.count({"lock_order", "declared order A < B"}), 1u);

  // An index that can only name instances outside the lock table names no lock (as in the
  // explicit engine): no order violation.
  ir::Expr far;
  far.op = ir::ExprOp::Const;
  far.type = int_t;
  far.value = 1000;
  for (ir::Stmt* s : evs) s->expr = &far;
  checker::CheckResult e2 = explicit_check(sys);
  smt::SmtResult b2 = run(sys, "bmc", std::max<std::uint64_t>(e2.depth, 1));
  EXPECT_EQ(answers(e2.violations), answers(b2.result.violations));
  EXPECT_EQ(answers(b2.result.violations).count({"lock_order", "declared order A < B"}), 0u);
}

}  // namespace
}  // namespace smt_test
