// tests/frontend: dump_ast's format (the contract of `weft parse --dump ast` and golden tests):
// indented S-expressions with line:col, every node kind present, stable across runs.
#include "frontend_test_util.h"

namespace frontend_test {
namespace {

TEST(DumpAst, ExactFormatOfASmallModule) {
  auto p = parse_ok("module m\nconst N = 2\nvar x: 0..N in 0..N\nprocess w[i: 1..N] {\n  l: x := -x + 1\n}\n");
  ASSERT_TRUE(p->module);
  const std::string expected =
      "(module m @1:1\n"
      "  (const N @2:1\n"
      "    (int 2 @2:11))\n"
      "  (var x init=in @3:1\n"
      "    (type range @3:8\n"
      "      (int 0 @3:8)\n"
      "      (name N @3:11))\n"
      "    (binary .. @3:16\n"
      "      (int 0 @3:16)\n"
      "      (name N @3:19)))\n"
      "  (process w @4:1\n"
      "    (param i @4:11\n"
      "      (type range @4:14\n"
      "        (int 1 @4:14)\n"
      "        (name N @4:17)))\n"
      "    (block @4:20\n"
      "      (assign label=l @5:3\n"
      "        (name x @5:6)\n"
      "        (binary + @5:11\n"
      "          (neg @5:11\n"
      "            (name x @5:12))\n"
      "          (int 1 @5:16))))))\n";
  EXPECT_EQ(compiler::dump_ast(*p->module, p->sm), expected);
}

TEST(DumpAst, CoversEveryConstruct) {
  auto p = parse_ok(
      "module all\nimport \"x.weft\"\nenum E { A, B }\ntype T = [a: bool, b: seq of E max 2]\n"
      "lock l[1..2]: rwsem queued\nlock_order l < k\ninitially true\nconstraint 1 < 2\n"
      "def d(x: set of E) = {y in x : y == E.A} == {z : z in x} and [q in x |-> q] == [a |-> 1] and "
      "<<1>> == <<>> and (if c then 1 else 2) > sum s in x: 1 and (let v = 1 in v) == f(1) and "
      "exists e in [E] -> bool: e with [A] = true == e and r with .a = 1 == r and p@end and p@l and self == "
      "\"s\" and x' == x\n"
      "action a(v: E) { require true v' = 1 either { skip } or { skip } with k in E { skip } }\n"
      "process p { var t: bool atomic { await t } while t { loop { break } } acquire l[1] shared "
      "release l[1] assert t \"m\" if t { skip } else { skip } call pr(1) }\n"
      "proc pr(n) { skip }\ninvariant i: true\ncover c: false\ncheck deadlock off\n");
  ASSERT_TRUE(p->module);
  const std::string d = compiler::dump_ast(*p->module, p->sm);
  for (const char* head :
       {"(import \"x.weft\"", "(enum E A B", "(type-alias T", "(type record", "(type seq-of", "(lock l rwsem queued",
        "(lock-order l k", "(initially", "(constraint", "(def d", "(param x", "(type set-of", "(set-filter",
        "(set-map", "(func ", "(record ", "(seq ", "(if ", "(sum ", "(let ", "(call f", "(exists",
        "(type-as-set", "(type function", "(func-update", "(record-update .a", "(at end", "(at l", "(self",
        "(string \"s\"", "(prime", "(field .A", "(binder", "(action a", "(require", "(primed-assign",
        "(either", "(with", "(process p", "(local t", "(atomic", "(await", "(while", "(loop", "(break",
        "(acquire shared", "(release", "(assert \"m\"", "(call-proc pr", "(proc pr", "(invariant i",
        "(cover c", "(check deadlock off", "(bool true", "(type bool", "(type name E"}) {
    EXPECT_NE(d.find(head), std::string::npos) << head << "\n" << d;
  }
  // Stable: the same module dumps to the same text.
  EXPECT_EQ(d, compiler::dump_ast(*p->module, p->sm));
  // Balanced parentheses (outside strings) and one node per line.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < d.size(); ++i) {
    char c = d[i];
    if (c == '"' && d[i - 1] != '\\') in_string = !in_string;
    if (in_string) continue;
    if (c == '(') ++depth;
    if (c == ')') --depth;
    ASSERT_GE(depth, 0);
  }
  EXPECT_EQ(depth, 0);
}

}  // namespace
}  // namespace frontend_test
