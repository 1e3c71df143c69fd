// tests (smt): the encoding of every ExprOp, construct by construct: identities that must hold
// in every reachable state (BMC must report nothing and agree with the explicit engine) and one
// deliberately false invariant per spec whose shortest counterexample length is known by hand.
#include "smt_test_util.h"

namespace smt_test {
namespace {

TEST(SmtExpr, ScalarOperators) {
  // x takes every value of 0..3 initially: `fails` is violated in an initial state (x = 2).
  auto a = agree(R"(
module t
var x: 0..3 in 0..3
var b: bool in {false, true}
action Step { x' = (x + 1) % 4 }
invariant not_op: (not b) != b
invariant neg: -x <= 0 and -(-x) == x
invariant and_or: (b and x > 1) or not b or x <= 1
invariant implies_op: (x == 3) implies (x > 2)
invariant iff_op: (x > 1) iff (x >= 2)
invariant compare: x < 4 and x <= 3 and x + 1 > x and x >= 0 and x != 4
invariant arith: x * 2 - x == x and x / 2 * 2 + x % 2 == x
invariant floor_div: (0 - 1) / 2 == -1 and (0 - 1) % 2 == 1 and (0 - x) / 2 <= 0 and (0 - 7) % 3 == 2
invariant power: 2 ^ x >= 1 and x ^ 2 == x * x and x ^ 0 == 1
invariant if_op: (if x > 1 then 1 else 0) == (if x >= 2 then 1 else 0)
invariant let_op: let y = x + 1 in y - 1 == x
invariant fails: x * 3 != 6
)");
  EXPECT_EQ(a, one("invariant", "fails", 1));
}

TEST(SmtExpr, ViolationDepthFromArithmetic) {
  // x = 0, 1, 2, ... : x * x == 9 first at x = 3, the 4th state.
  auto a = agree(R"(
module t
var x: 0..5 = 0
action Inc { require x < 5  x' = x + 1 }
invariant not_nine: x * x != 9
)", {}, true);
  EXPECT_EQ(a, one("invariant", "not_nine", 4));
}

TEST(SmtExpr, Sets) {
  // s = {0, 1, 2} is an initial value: `fails` has trace_length 1.
  auto a = agree(R"(
module t
type P = 0..2
var s: set of P in set of P
var y: 0..2 in 0..2
action Add(p: P) { require p notin s  s' = s union {p} }
action Drop(p: P) { require p in s  s' = s \ {p} }
invariant in_op: (y in s) == (exists e in s: e == y)
invariant notin_op: (y notin s) != (y in s)
invariant subset_op: (s \ {y}) subset s and {} subset s
invariant inter_op: (s inter {y}) == (if y in s then {y} else {})
invariant range_op: 0..y == {k in P : k <= y}
invariant map_op: {k + 1 : k in s} == {k in 1..3 : (k - 1) in s}
invariant card_op: card(s) == (sum k in s: 1) and card({y, y}) == 1
invariant minmax: s == {} or (min(s) <= max(s) and min(s) in s and max(s) in s)
invariant forall_op: forall k in s: k <= 2
invariant type_set: card(P) == 3 and y in P
invariant fails: card(s) <= 2
)");
  EXPECT_EQ(a, one("invariant", "fails", 1));
}

TEST(SmtExpr, SetsOfComputedElements) {
  // Sets whose candidates are symbolic (literals of variables, maps): duplicates, equality,
  // cardinality and min/max over them. y = z first after one step of Inc: trace_length 2.
  auto a = agree(R"(
module t
var y: 0..3 = 0
var z: 0..3 = 1
action Inc { require y < 3  y' = y + 1 }
action Dec { require z > 0  z' = z - 1 }
invariant lit: card({y, z}) == (if y == z then 1 else 2)
invariant minmax: min({y, z}) <= max({y, z}) and max({y, z, 3}) == 3
invariant mapped: {v * 2 : v in {y, z}} == {2 * y, 2 * z}
invariant summed: (sum v in {y, z}: v) == (if y == z then y else y + z)
invariant fails: y != z
)", {}, true);
  EXPECT_EQ(a, one("invariant", "fails", 2));
}

TEST(SmtExpr, FunctionsRecordsSequences) {
  // Two pushes of 3: the 3rd state has q = <<3, 3>>.
  auto a = agree(R"(
module t
type I = 1..3
var f: [I] -> 0..3 = [i in I |-> i]
var r: [a: 0..3, b: bool] = [a |-> 0, b |-> false]
var q: seq of 0..3 max 3 = <<>>
action Push(v: 0..3) { require len(q) < 3  q' = append(q, v) }
action Pop { require len(q) > 0  q' = tail(q) }
action Bump(i: I) { require f[i] < 3  f[i]' = f[i] + 1 }
action Flip { r' = r with .b = not r.b }
action SetA(v: 0..3) { r.a' = v }
invariant func_ctor: [i in I |-> f[i]] == f
invariant func_update: (f with [1] = 0)[1] == 0 and (f with [1] = 0)[2] == f[2]
invariant record: [a |-> r.a, b |-> r.b] == r and (r with .a = 3).a == 3
invariant seq_ops: len(q) == 0 or (head(q) == q[1] and len(tail(q)) == len(q) - 1)
invariant seq_lit: <<1, 2>> == append(<<1>>, 2) and <<>> != <<0>>
invariant seq_update: len(q) == 0 or (q with [1] = 0)[1] == 0
invariant fails: not (len(q) == 2 and q[1] == 3 and q[2] == 3)
)");
  EXPECT_EQ(a, one("invariant", "fails", 3));
}

TEST(SmtExpr, SetsOfRecordsAndNestedValues) {
  // The message set of two-phase commit in miniature: sets of records, filters and maps.
  auto a = agree(R"(
module t
enum Kind { Ping, Pong }
type Msg = [kind: Kind, to: 1..2]
var msgs: set of Msg = {}
var seen: [1..2] -> set of Kind = [i in 1..2 |-> {}]
action Send(k: Kind, to: 1..2) { require [kind |-> k, to |-> to] notin msgs  msgs' = msgs union {[kind |-> k, to |-> to]} }
action Recv(m: Msg) { require m in msgs  seen[m.to]' = seen[m.to] union {m.kind} }
invariant typed: msgs subset {[kind |-> k, to |-> i] : k in Kind, i in 1..2}
invariant received: forall i in 1..2: forall k in seen[i]: [kind |-> k, to |-> i] in msgs
invariant fails: card(seen[2]) < 2
)");
  // Send Ping 2, Send Pong 2, Recv both: 5 states.
  EXPECT_EQ(a, one("invariant", "fails", 5));
}

TEST(SmtExpr, ShortCircuitGuardsErrors) {
  // and/or/implies/if do not evaluate what they skip, so no run-time error here.
  auto a = agree(R"(
module t
var q: seq of 0..3 max 2 = <<>>
var x: 0..3 = 0
action Push { require len(q) < 2  q' = append(q, x) }
action Inc { require x < 3  x' = x + 1 }
invariant guarded: (len(q) > 0 and head(q) >= 0) or len(q) == 0
invariant guarded_if: (if x > 0 then 6 / x else 0) >= 0
invariant guarded_implies: x > 0 implies 3 % x < 3
invariant fails: len(q) < 2 or q[2] != 2
)", {}, true);
  // x: 0 -> 1 -> 2, push 0, push 2: the first state with q[2] == 2 is the 5th (or push first).
  EXPECT_EQ(a, one("invariant", "fails", 5));
}

}  // namespace
}  // namespace smt_test
