// tests/frontend: expression precedence and associativity (LANGUAGE.md §4 and §11), checked on the
// built AST through a fully parenthesised print.
#include "frontend_test_util.h"

namespace frontend_test {
namespace {

TEST(Precedence, ArithmeticLevels) {
  EXPECT_EQ(shape("a + b * c"), "(a + (b * c))");
  EXPECT_EQ(shape("a * b + c"), "((a * b) + c)");
  EXPECT_EQ(shape("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(shape("a / b % c * d"), "(((a / b) % c) * d)");
  EXPECT_EQ(shape("a + b .. c * d"), "((a + b) .. (c * d))");
}

TEST(Precedence, PowerIsRightAssociativeAndBindsTighterThanMul) {
  EXPECT_EQ(shape("2 ^ 3 ^ 2"), "(2 ^ (3 ^ 2))");
  EXPECT_EQ(shape("a * b ^ c"), "(a * (b ^ c))");
  EXPECT_EQ(shape("a ^ b * c"), "((a ^ b) * c)");
}

TEST(Precedence, UnaryMinusBindsTighterThanPower) {
  EXPECT_EQ(shape("-2 ^ 2"), "((-2) ^ 2)");
  EXPECT_EQ(shape("2 ^ -1"), "(2 ^ (-1))");
  EXPECT_EQ(shape("- - a"), "(-(-a))");
  EXPECT_EQ(shape("a - -b"), "(a - (-b))");
  EXPECT_EQ(shape("-f[1]"), "(-f[1])");
}

TEST(Precedence, SetOperators) {
  EXPECT_EQ(shape("A union B inter C"), "(A union (B inter C))");
  EXPECT_EQ(shape("A inter B union C"), "((A inter B) union C)");
  EXPECT_EQ(shape("A \\ B union C"), "((A \\ B) union C)");
  EXPECT_EQ(shape("1..3 inter 2..4"), "((1 .. 3) inter (2 .. 4))");
  EXPECT_EQ(shape("x in A union B"), "(x in (A union B))");
  EXPECT_EQ(shape("A subset B \\ C"), "(A subset (B \\ C))");
  EXPECT_EQ(shape("x notin 1..N"), "(x notin (1 .. N))");
}

TEST(Precedence, ComparisonsAndLogic) {
  EXPECT_EQ(shape("a == b and c != d"), "((a == b) and (c != d))");
  EXPECT_EQ(shape("a < b or c >= d and e"), "((a < b) or ((c >= d) and e))");
  EXPECT_EQ(shape("not a == b"), "(not (a == b))");
  EXPECT_EQ(shape("not a and b"), "((not a) and b)");
  EXPECT_EQ(shape("not not a"), "(not (not a))");
  EXPECT_EQ(shape("a or b or c"), "((a or b) or c)");
  EXPECT_EQ(shape("a and b and c"), "((a and b) and c)");
}

TEST(Precedence, ImpliesAndIffAreLowestAndRightAssociative) {
  EXPECT_EQ(shape("a implies b implies c"), "(a implies (b implies c))");
  EXPECT_EQ(shape("a iff b iff c"), "(a iff (b iff c))");
  EXPECT_EQ(shape("a implies b iff c"), "(a implies (b iff c))");
  EXPECT_EQ(shape("a iff b implies c"), "(a iff (b implies c))");
  EXPECT_EQ(shape("a or b implies c and d"), "((a or b) implies (c and d))");
}

TEST(Precedence, ComparisonsDoNotChain) {
  EXPECT_EQ(shape("a < b < c").rfind("ERROR", 0), 0u);
  EXPECT_EQ(shape("a == b == c").rfind("ERROR", 0), 0u);
  EXPECT_EQ(shape("(a < b) == c"), "((a < b) == c)");
}

TEST(Precedence, PostfixOperators) {
  EXPECT_EQ(shape("f[i][j]"), "f[i][j]");
  EXPECT_EQ(shape("r.a.b"), "r.a.b");
  EXPECT_EQ(shape("g(1, x + 2)[3].f"), "g(1, (x + 2))[3].f");
  EXPECT_EQ(shape("x' + 1"), "(x' + 1)");
  EXPECT_EQ(shape("f'[i]"), "f'[i]");
  EXPECT_EQ(shape("writer[1]@begin"), "writer[1]@begin");
  EXPECT_EQ(shape("p@end"), "p@end");
  EXPECT_EQ(shape("self@l1 and self.x == 2"), "(self@l1 and (self.x == 2))");
  EXPECT_EQ(shape("m.type"), "m.type");
  EXPECT_EQ(shape("Layout.Inline"), "Layout.Inline");  // a Field; sema decides
  EXPECT_EQ(shape("max(S) + min(S)"), "(max(S) + min(S))");
}

TEST(Precedence, BodiesExtendAsFarRightAsPossible) {
  EXPECT_EQ(shape("1 + if c then a else b + 2"), "(1 + (if c then a else (b + 2)))");
  EXPECT_EQ(shape("a and forall x in S: p or q"), "(a and (forall x in S: (p or q)))");
  EXPECT_EQ(shape("exists x in S: x > 0 implies y"), "(exists x in S: ((x > 0) implies y))");
  EXPECT_EQ(shape("sum x in S: x * 2 + 1"), "(sum x in S: ((x * 2) + 1))");
  EXPECT_EQ(shape("let x = 1 in x + 1 == 2"), "(let x = 1 in ((x + 1) == 2))");
  EXPECT_EQ(shape("(if c then 1 else 2) + 3"), "((if c then 1 else 2) + 3)");
}

TEST(Precedence, QuantifierBinders) {
  EXPECT_EQ(shape("forall x, y in S: x == y"), "(forall x in S, y in S: (x == y))");
  EXPECT_EQ(shape("forall x in S, y in T: x == y"), "(forall x in S, y in T: (x == y))");
  EXPECT_EQ(shape("exists x in 1..N, y, z in set of T: true"),
            "(exists x in (1 .. N), y in type:(set of T), z in type:(set of T): true)");
}

TEST(Precedence, LetValueEndsAtUnparenthesisedIn) {
  EXPECT_EQ(shape("let x = a in S"), "(let x = a in S)");
  EXPECT_EQ(shape("let x = (a in S) in x"), "(let x = (a in S) in x)");
  EXPECT_EQ(shape("let x = a + 1 in x in S"), "(let x = (a + 1) in (x in S))");
  EXPECT_EQ(shape("let x = a == b and c in not x"), "(let x = ((a == b) and c) in (not x))");
  EXPECT_EQ(shape("let x = 1 in let y = x in x + y"), "(let x = 1 in (let y = x in (x + y)))");
  // An open-ended value: SLL prediction reads `2 in x` and fails; the LL pass finds the parse.
  EXPECT_EQ(shape("let x = if c then 1 else 2 in x"), "(let x = (if c then 1 else 2) in x)");
  EXPECT_EQ(shape("let s = f with [1] = 2 in s[1]"), "(let s = (f with [1] = 2) in s[1])");
}

TEST(Precedence, WithUpdates) {
  EXPECT_EQ(shape("f with [i] = v"), "(f with [i] = v)");
  EXPECT_EQ(shape("f with [i] = v with [j] = w"), "(f with [i] = (v with [j] = w))");
  EXPECT_EQ(shape("r with .a = 1 + 2"), "(r with .a = (1 + 2))");
  EXPECT_EQ(shape("g == f with [1] = 2"), "(g == (f with [1] = 2))");
  EXPECT_EQ(shape("f[1] with [2] = 3"), "(f[1] with [2] = 3)");
  EXPECT_EQ(shape("r with .type = 0"), "(r with .type = 0)");
}

TEST(Precedence, SetForms) {
  EXPECT_EQ(shape("{}"), "{}");
  EXPECT_EQ(shape("{1, 2, a + b}"), "{1, 2, (a + b)}");
  EXPECT_EQ(shape("{x in S : x > 1}"), "{x in S : (x > 1)}");
  EXPECT_EQ(shape("{x in 1..N : p}"), "{x in (1 .. N) : p}");
  EXPECT_EQ(shape("{x * 2 : x in S}"), "{(x * 2) : x in S}");
  EXPECT_EQ(shape("{x + y : x in S, y in T}"), "{(x + y) : x in S, y in T}");
  EXPECT_EQ(shape("{x + y : x, y in S}"), "{(x + y) : x in S, y in S}");
  // The rule of §4: `Name in Expr` before ':' makes a filter.
  EXPECT_EQ(shape("{x in S : y in T}"), "{x in S : (y in T)}");
  EXPECT_EQ(shape("{(x in S) : x in T}"), "{(x in S) : x in T}");
  EXPECT_EQ(shape("{x in S}"), "{(x in S)}");
}

TEST(Precedence, FunctionRecordAndSequenceConstructors) {
  EXPECT_EQ(shape("[w in Writer |-> false]"), "[w in Writer |-> false]");
  EXPECT_EQ(shape("[a |-> 1, type |-> x + 1]"), "[a |-> 1, type |-> (x + 1)]");
  EXPECT_EQ(shape("<<>>"), "<<>>");
  EXPECT_EQ(shape("<<1, a>>"), "<<1, a>>");
  EXPECT_EQ(shape("append(<<1>>, 2)"), "append(<<1>>, 2)");
  EXPECT_EQ(shape("<<<<1>>>>"), "<<<<1>>>>");
}

TEST(Precedence, TypesWhereSetsAreExpected) {
  EXPECT_EQ(shape("x in bool"), "(x in type:bool)");
  EXPECT_EQ(shape("x in set of Node"), "(x in type:(set of Node))");
  EXPECT_EQ(shape("x in [Node] -> bool"), "(x in type:([Node] -> bool))");
  EXPECT_EQ(shape("x in [Node] -> 0..3"), "(x in type:([Node] -> (0..3)))");
  EXPECT_EQ(shape("x in seq of Node max 3"), "(x in type:(seq of Node max 3))");
  EXPECT_EQ(shape("x in [a: bool, b: 1..2]"), "(x in type:[a: bool, b: (1..2)])");
  EXPECT_EQ(shape("x in Writer"), "(x in Writer)");
  EXPECT_EQ(shape("x in 1..N"), "(x in (1 .. N))");
  EXPECT_EQ(shape("card(set of 1..N)"), "card(type:(set of (1..N)))");
}

TEST(Precedence, LiteralsAndSelf) {
  EXPECT_EQ(shape("true and false"), "(true and false)");
  EXPECT_EQ(shape("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(shape("self + 0"), "(self + 0)");
  EXPECT_EQ(shape("(((1)))"), "1");
}

}  // namespace
}  // namespace frontend_test
