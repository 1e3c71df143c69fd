// tests/lower: lock encodings (§7, §11): acquire/release statements with their run-time errors
// and lock events, rwsem shared mode, the two steps of `rwsem queued` (also opening atomic),
// lock arrays with a dynamic index, holds/locked, and the closed declared lock order.
#include "lower_test_util.h"

namespace lower_test {
namespace {

int count_events(const ir::Stmt* body, ir::LockEventKind kind) {
  int n = 0;
  walk(body, [&](const ir::Stmt& s) {
    n += s.op == ir::StmtOp::LockEvent && s.event == kind ? 1 : 0;
  });
  return n;
}

bool has_fail(const ir::Stmt* body, const std::string& category) {
  bool found = false;
  walk(body, [&](const ir::Stmt& s) { found = found || (s.op == ir::StmtOp::Fail && s.message == category); });
  return found;
}

TEST(Locks, MutexAcquireAndRelease) {
  auto l = lower_ok("module m\nlock mu: mutex\nprocess p[i: 1..2] { acquire mu\n release mu }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  auto steps = steps_of(s, 1);
  ASSERT_EQ(steps.size(), 2u);
  const auto* acq = steps[0];
  EXPECT_EQ(acq->wait.kind, ir::WaitInfo::Lock);
  EXPECT_EQ(acq->wait.lock_base, 0);
  EXPECT_EQ(acq->wait.mode, ir::LockMode::Exclusive);
  EXPECT_TRUE(has_fail(acq->body, "reacquire"));
  EXPECT_EQ(count_events(acq->body, ir::LockEventKind::Acquire), 1);
  // p[2] is instance 1: it writes owner = 2.
  bool wrote = false;
  walk(acq->body, [&](const ir::Stmt& st) {
    if (st.op == ir::StmtOp::Assign && st.var == s.locks[0].owner_var) {
      EXPECT_EQ(st.expr->value, 2);
      wrote = true;
    }
  });
  EXPECT_TRUE(wrote);
  EXPECT_TRUE(has_fail(steps[1]->body, "release_not_held"));
  EXPECT_EQ(count_events(steps[1]->body, ir::LockEventKind::Release), 1);
}

TEST(Locks, RwsemSharedUsesTheReaderSet) {
  auto l = lower_ok("module m\nlock rw: rwsem\nprocess p { acquire rw shared\n release rw }\n"
                    "process q { acquire rw\n release rw }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  auto steps = steps_of(s, 0);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]->wait.mode, ir::LockMode::Shared);
  bool readers = false;
  walk(steps[0]->body, [&](const ir::Stmt& st) {
    readers = readers || (st.op == ir::StmtOp::Assign &&
                          st.var == static_cast<std::uint32_t>(s.locks[0].readers_var));
  });
  EXPECT_TRUE(readers);
  // p never takes rw exclusively: its release only leaves the reader set. q's handles both
  // modes.
  EXPECT_EQ(count_events(steps[1]->body, ir::LockEventKind::Release), 1);
  EXPECT_EQ(count_events(steps_of(s, 1)[1]->body, ir::LockEventKind::Release), 2);
}

TEST(Locks, QueuedRwsemAcquireIsARequestAndAGrant) {
  auto l = lower_ok("module m\nlock q: rwsem queued\nprocess p { a: acquire q\n release q }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  EXPECT_EQ(s.processes[0].locations.size(), 4u);
  auto steps = steps_of(s, 0);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0]->label, "a");
  EXPECT_EQ(steps[1]->label, "a");
  EXPECT_EQ(count_events(steps[0]->body, ir::LockEventKind::Request), 1);
  EXPECT_EQ(count_events(steps[0]->body, ir::LockEventKind::Acquire), 0);
  EXPECT_EQ(steps[0]->wait.kind, ir::WaitInfo::None);
  EXPECT_EQ(count_events(steps[1]->body, ir::LockEventKind::Acquire), 1);
  EXPECT_EQ(steps[1]->wait.kind, ir::WaitInfo::Lock);
  auto queue = static_cast<std::uint32_t>(s.locks[0].queue_var);
  auto writes_queue = [&](const ir::Transition* t) {
    bool w = false;
    walk(t->body, [&](const ir::Stmt& st) { w = w || (st.op == ir::StmtOp::Assign && st.var == queue); });
    return w;
  };
  EXPECT_TRUE(writes_queue(steps[0]));
  EXPECT_TRUE(writes_queue(steps[1]));
  // p@a holds while waiting for the grant too.
  auto l2 = lower_ok(
      "module m\nlock q: rwsem queued\nprocess p { a: acquire q\n release q }\n"
      "invariant w: p@a or true\n");
  ASSERT_TRUE(l2->sys);
  const ir::Expr* at = l2->sys->invariants[0].expr->args[0];
  EXPECT_EQ(at->op, ir::ExprOp::Or);
}

TEST(Locks, QueuedAcquireOpeningAtomicRequestsFirst) {
  auto l = lower_ok(
      "module m\nvar x: 0..3 = 0\nlock q: rwsem queued\n"
      "process p { atomic { acquire q shared; x := 1 }\n release q }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  auto steps = steps_of(s, 0);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(count_events(steps[0]->body, ir::LockEventKind::Request), 1);
  EXPECT_EQ(count_events(steps[1]->body, ir::LockEventKind::Acquire), 1);
  EXPECT_EQ(count_events(steps[1]->body, ir::LockEventKind::Request), 0);
  EXPECT_EQ(steps[1]->wait.mode, ir::LockMode::Shared);
}

TEST(Locks, LockArraysWithADynamicIndexDispatch) {
  auto l = lower_ok(
      "module m\nlock pg[1..3]: mutex\n"
      "process p { var i: 1..3 = 2\n acquire pg[i]\n release pg[i] }\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  ASSERT_EQ(s.locks.size(), 3u);
  auto steps = steps_of(s, 0);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(count_events(steps[0]->body, ir::LockEventKind::Acquire), 3);
  EXPECT_TRUE(has_fail(steps[0]->body, "domain"));
  EXPECT_EQ(steps[0]->wait.lock_base, 0);
  ASSERT_TRUE(steps[0]->wait.lock_index);
}

// The owner of a lock ranges over the instances with an exclusive acquire of it, in
// instance order (a constant lock index is folded with self, `%` included).
TEST(Locks, OwnersNarrowToTheInstancesThatTakeTheLock) {
  auto l = lower_ok(
      "module m\nlock ino[0..1]: mutex\nlock big: mutex\n"
      "process w[i: 0..3] { acquire ino[i % 2]\n acquire big\n release big\n release ino[i % 2] }\n"
      "process f { skip }\n"
      "invariant a: forall j in 0..3: not (holds(w[j], ino[0]) and holds(f, big))\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  ASSERT_EQ(s.locks.size(), 3u);
  EXPECT_TRUE(s.locks[0].narrowed);
  EXPECT_EQ(s.locks[0].owners, (std::vector<std::int32_t>{0, 2}));
  EXPECT_EQ(s.locks[1].owners, (std::vector<std::int32_t>{1, 3}));
  EXPECT_EQ(s.locks[2].owners, (std::vector<std::int32_t>{0, 1, 2, 3}));
  EXPECT_EQ(s.vars[s.locks[0].owner_var].type->hi, 2);
  EXPECT_EQ(s.vars[s.locks[2].owner_var].type->hi, 4);
  EXPECT_EQ(s.locks[1].owner_code(3), 2);
  EXPECT_EQ(s.locks[1].owner_code(0), -1);
  EXPECT_EQ(s.locks[1].owner_instance(2), 3);
  EXPECT_EQ(s.locks[1].owner_instance(0), -1);
  // w[2] takes ino[0] directly (no dispatch over the instances) and writes code 2.
  auto steps = steps_of(s, 2);
  ASSERT_GE(steps.size(), 1u);
  EXPECT_EQ(count_events(steps[0]->body, ir::LockEventKind::Acquire), 1);
  EXPECT_FALSE(has_fail(steps[0]->body, "domain"));
  bool wrote = false;
  walk(steps[0]->body, [&](const ir::Stmt& st) {
    if (st.op == ir::StmtOp::Assign && st.var == s.locks[0].owner_var) {
      EXPECT_EQ(st.expr->value, 2);
      wrote = true;
    }
  });
  EXPECT_TRUE(wrote);
  // w[3] releasing ino[1] compares the owner with its code, 2.
  auto rel = steps_of(s, 3).back();
  bool compared = false;
  walk(rel->body, [&](const ir::Stmt& st) {
    if (st.op == ir::StmtOp::If && st.expr->op == ir::ExprOp::Eq &&
        st.expr->args[0]->var == s.locks[1].owner_var) {
      EXPECT_EQ(st.expr->args[1]->value, 2);
      compared = true;
    }
  });
  EXPECT_TRUE(compared);
  // holds(w[j], ino[0]) with j bound: one test per possible owner; holds(f, big): false.
  const ir::Expr* body = s.invariants[0].expr->args[0];
  ASSERT_EQ(body->op, ir::ExprOp::Not);
  ASSERT_EQ(body->args[0]->op, ir::ExprOp::And);
  EXPECT_EQ(body->args[0]->args[0]->op, ir::ExprOp::Or);
  EXPECT_TRUE(body->args[0]->args[1]->op == ir::ExprOp::Const && body->args[0]->args[1]->value == 0);
}

// A lock nobody takes exclusively: owner 0..1, every holds() test is false.
TEST(Locks, ALockNeverTakenHasAOneBitOwner) {
  auto l = lower_ok("module m\nlock rw: rwsem\nprocess p[i: 0..1] { acquire rw shared\n release rw }\n"
                    "invariant a: not holds(p[0], rw) or true\n");
  ASSERT_TRUE(l->sys);
  const auto& L = l->sys->locks[0];
  EXPECT_TRUE(L.narrowed);
  EXPECT_TRUE(L.owners.empty());
  EXPECT_EQ(l->sys->vars[L.owner_var].type->hi, 1);
}

// A lock every instance takes keeps one owner value per instance (the first lowering is kept).
TEST(Locks, OwnersTakenByEveryInstanceAreNotRenumbered) {
  auto l = lower_ok("module m\nlock mu: mutex\nprocess p[i: 0..2] { acquire mu\n release mu }\n");
  ASSERT_TRUE(l->sys);
  EXPECT_FALSE(l->sys->locks[0].narrowed);
  EXPECT_EQ(l->sys->locks[0].owner_code(2), 3);
}

TEST(Locks, HoldsAndLockedReadLockState) {
  auto l = lower_ok(
      "module m\nlock mu: mutex\nlock rw: rwsem\n"
      "process p[i: 1..2] { acquire mu\n release mu }\n"
      "invariant a: not (holds(p[1], mu) and holds(p[2], mu))\n"
      "invariant b: locked(rw) implies true\n");
  ASSERT_TRUE(l->sys);
  const auto& s = *l->sys;
  const ir::Expr* a = s.invariants[0].expr->args[0];
  ASSERT_EQ(a->op, ir::ExprOp::And);
  const ir::Expr* h1 = a->args[0];
  ASSERT_EQ(h1->op, ir::ExprOp::Eq);
  EXPECT_EQ(h1->args[0]->var, s.locks[0].owner_var);
  EXPECT_EQ(h1->args[1]->value, 1);
  const ir::Expr* b = s.invariants[1].expr->args[0];
  EXPECT_EQ(b->op, ir::ExprOp::Or);  // owner != 0 or card(readers) > 0
}

TEST(Locks, DeclaredOrderIsTransitivelyClosed) {
  auto l = lower_ok("module m\nlock a: mutex\nlock b: mutex\nlock c: mutex\nlock_order a < b < c\n");
  ASSERT_TRUE(l->sys);
  const auto& o = l->sys->lock_order;
  auto has = [&](const char* x, const char* y) {
    return std::find(o.begin(), o.end(), std::make_pair(std::string(x), std::string(y))) != o.end();
  };
  EXPECT_EQ(o.size(), 3u);
  EXPECT_TRUE(has("a", "b"));
  EXPECT_TRUE(has("b", "c"));
  EXPECT_TRUE(has("a", "c"));
}

}  // namespace
}  // namespace lower_test
