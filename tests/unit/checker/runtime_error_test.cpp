// tests (checker): every run-time error category of LANGUAGE.md §11 on hand-built systems,
// with its trace length, and that a step ending in an error is enabled (no deadlock).
#include <gtest/gtest.h>

#include "checker/check.h"
#include "ir_builder.h"

namespace checker_test {
namespace {

using Op = ir::ExprOp;

const checker::Violation* only(const checker::CheckResult& r) {
  EXPECT_EQ(r.violations.size(), 1u);
  if (r.violations.size() != 1)
    for (const auto& v : r.violations) std::cerr << "  " << v.kind << " " << v.name << ": " << v.message << "\n";
  return r.violations.empty() ? nullptr : &r.violations[0];
}

checker::CheckResult run(const ir::System& sys) {
  checker::CheckOptions opt;
  opt.workers = 1;
  return checker::check(sys, opt);
}

// x: 0..3 counts up by one per step; `bad` builds the failing statement used at x == 2.
template <class F>
checker::CheckResult with_error_at_two(F bad) {
  IrBuilder b;
  auto x = b.var("x", b.range(0, 3));
  b.init(x, b.c(0));
  b.action("Inc", b.seq({b.guard(b.bin(Op::Lt, b.v(x), b.c(2))), b.assign(x, b.bin(Op::Add, b.v(x), b.c(1)))}));
  b.action("Bad", b.seq({b.guard(b.bin(Op::Eq, b.v(x), b.c(2))), bad(b, x)}));
  return run(*b.sys);
}

TEST(RuntimeErrors, Division) {
  for (Op o : {Op::Div, Op::Mod}) {
    auto r = with_error_at_two([&](IrBuilder& b, std::uint32_t x) {
      return b.assign(x, b.bin(o, b.v(x), b.bin(Op::Sub, b.v(x), b.c(2))));
    });
    const auto* v = only(r);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->kind, "runtime_error");
    EXPECT_EQ(v->name, "division");
    EXPECT_EQ(v->trace.length(), 3u);
    EXPECT_TRUE(v->trace.step_violation);
    EXPECT_EQ(v->trace.steps.back().what, "Bad");
  }
}

TEST(RuntimeErrors, DivModSemantics) {
  IrBuilder b;
  auto x = b.var("x", b.range(-10, 10));
  b.init(x, b.c(0));
  // invariant: -7 / 2 == -4 and -7 % 2 == 1 and 7 / 2 == 3 and 2 ^ 3 == 8
  auto e = b.bin(Op::And, b.bin(Op::Eq, b.bin(Op::Div, b.c(-7), b.c(2)), b.c(-4)),
                 b.bin(Op::And, b.bin(Op::Eq, b.bin(Op::Mod, b.c(-7), b.c(2)), b.c(1)),
                       b.bin(Op::And, b.bin(Op::Eq, b.bin(Op::Div, b.c(7), b.c(2)), b.c(3)),
                             b.bin(Op::Eq, b.bin(Op::Pow, b.c(2), b.c(3)), b.c(8)))));
  b.invariant("arith", e);
  b.action("Stay", b.seq({}));
  auto r = run(*b.sys);
  EXPECT_EQ(r.verdict, checker::Verdict::Ok) << (r.violations.empty() ? "" : r.violations[0].message);
}

TEST(RuntimeErrors, OutOfType) {
  auto r = with_error_at_two([](IrBuilder& b, std::uint32_t x) { return b.assign(x, b.c(4)); });
  const auto* v = only(r);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->name, "out_of_type");
  EXPECT_EQ(v->trace.length(), 3u);
}

TEST(RuntimeErrors, InitialValueOutOfType) {
  IrBuilder b;
  auto x = b.var("x", b.range(0, 3));
  b.init(x, b.c(7));
  b.action("Stay", b.seq({}));
  auto r = run(*b.sys);
  const auto* v = only(r);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->name, "out_of_type");
  EXPECT_EQ(v->trace.length(), 1u);
  EXPECT_EQ(r.distinct_states, 0u);
}

TEST(RuntimeErrors, Domain) {
  auto r = with_error_at_two([](IrBuilder& b, std::uint32_t x) {
    auto f = b.var("f", b.T().function(b.range(0, 1), b.boolean()));
    b.init(f, b.op(Op::ConstValue, {}, b.sys->vars[f].type));
    return b.assign(f, b.tru(), {b.at(b.v(x))});
  });
  const auto* v = only(r);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->name, "domain");
  EXPECT_EQ(v->trace.length(), 3u);
}

TEST(RuntimeErrors, SequenceBounds) {
  auto r = with_error_at_two([](IrBuilder& b, std::uint32_t x) {
    const compiler::Type* st = b.T().seq_of(b.range(0, 3), 2);
    auto q = b.var("q", st);
    ir::Expr* empty = const_cast<ir::Expr*>(b.op(Op::SeqLit, {}, st));
    b.init(q, empty);
    return b.assign(x, b.op(Op::Head, {b.v(q)}, b.range(0, 3)));
  });
  const auto* v = only(r);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->name, "sequence_bounds");
}

TEST(RuntimeErrors, EmptySet) {
  auto r = with_error_at_two([](IrBuilder& b, std::uint32_t x) {
    auto s = b.op(Op::Range, {b.c(3), b.v(x)}, b.T().set_of(b.integer()));  // 3..2 is empty
    return b.assign(x, b.op(Op::Min, {s}, b.integer()));
  });
  const auto* v = only(r);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->name, "empty_set");
}

TEST(RuntimeErrors, AssignTwice) {
  auto r = with_error_at_two([](IrBuilder& b, std::uint32_t x) {
    auto f = b.var("f", b.T().function(b.range(0, 3), b.boolean()));
    b.init(f, b.op(Op::ConstValue, {}, b.sys->vars[f].type));
    // f[x]' = true; f[2]' = false  (the same element when x == 2)
    return b.seq({b.assign(f, b.tru(), {b.at(b.v(x))}), b.assign(f, b.fls(), {b.at(b.c(2))})});
  });
  const auto* v = only(r);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->name, "assign_twice");
}

TEST(RuntimeErrors, FailStatementAndErrorStepIsEnabled) {
  auto r = with_error_at_two([](IrBuilder& b, std::uint32_t) {
    ir::Stmt* f = b.st(ir::StmtOp::Fail);
    f->message = "release_not_held";
    return f;
  });
  // x == 2 only has the failing step: no deadlock is reported there.
  const auto* v = only(r);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->name, "release_not_held");
  EXPECT_EQ(r.distinct_states, 3u);
}

TEST(RuntimeErrors, CompositeValues) {
  // A record and a set variable updated through paths; the invariant compares composites.
  IrBuilder b;
  const compiler::Type* rt = b.T().record({{"a", b.range(0, 3)}, {"s", b.T().set_of(b.range(1, 3))}});
  auto r = b.var("r", rt);
  ir::Expr* init = const_cast<ir::Expr*>(b.op(Op::ConstValue, {}, rt));
  init->leaves = {1, 0, 0, 0};
  b.init(r, init);
  ir::PathElem fa;
  fa.field = true;
  fa.slot = 0;
  ir::PathElem fs;
  fs.field = true;
  fs.slot = 1;
  auto field = [&](const ir::Expr* e, std::uint32_t slot, const compiler::Type* t) {
    ir::Expr* x = const_cast<ir::Expr*>(b.op(Op::Field, {e}, t));
    x->slot = slot;
    return x;
  };
  auto a_now = field(b.v(r), 0, b.range(0, 3));
  auto s_now = field(b.v(r), 1, b.T().set_of(b.range(1, 3)));
  // Add: require r.a < 3; r.a' = r.a + 1; r.s' = r.s union {r.a}
  auto lit = b.op(Op::SetLit, {a_now}, b.T().set_of(b.integer()));
  b.action("Add", b.seq({b.guard(b.bin(Op::Lt, a_now, b.c(3))), b.assign(r, b.bin(Op::Add, a_now, b.c(1)), {fa}),
                         b.assign(r, b.op(Op::Union, {s_now, lit}, b.T().set_of(b.range(1, 3))), {fs})}));
  // invariant: card(r.s) == r.a - 1 and (r.a == 3 implies r.s == 1..2)
  auto card = b.op(Op::Card, {s_now}, b.integer());
  auto eq = b.op(Op::Eq, {s_now, b.op(Op::Range, {b.c(1), b.c(2)}, b.T().set_of(b.integer()))}, b.boolean());
  b.invariant("shape", b.bin(Op::And, b.bin(Op::Eq, card, b.bin(Op::Sub, a_now, b.c(1))),
                             b.bin(Op::Implies, b.bin(Op::Eq, a_now, b.c(3)), eq)));
  checker::CheckOptions opt;
  opt.workers = 1;
  opt.no_deadlock = true;
  auto res = checker::check(*b.sys, opt);
  EXPECT_EQ(res.distinct_states, 3u);
  EXPECT_EQ(res.verdict, checker::Verdict::Ok) << (res.violations.empty() ? "" : res.violations[0].message);
}

}  // namespace
}  // namespace checker_test
