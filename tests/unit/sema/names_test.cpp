// tests/sema: names (§2, §4): declarations in any order, duplicates, enum values (ambiguous
// and qualified), unknown names with suggestions, locals, parameters, bound variables, self,
// p.x and p@label, and imports (merge once, cycles, missing files).
#include "sema_test_util.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace sema_test {
namespace {

using ast::ExprKind;
using ast::RefKind;

TEST(Names, TopLevelNamesAreVisibleInAnyOrder) {
  auto c = check_ok(R"(module t
invariant i: ok and x < N
def ok = x >= 0
var x: 0..N = 0
const N = 2
)");
  const ast::Expr* x = find_name(c->decl("i"), "x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->ref.kind, RefKind::GlobalVar);
  EXPECT_EQ(x->ref.decl, c->decl("x"));
  const ast::Expr* ok = find_name(c->decl("i"), "ok");
  EXPECT_EQ(ok->ref.kind, RefKind::Def);
  EXPECT_EQ(type_str(c->decl("ok")->resolved_type), "bool");
}

TEST(Names, DuplicateDeclarations) {
  auto c = check(R"(module t
var x: bool = false
const x = 1
enum E { a, b, a }
enum F { b }
def c = 1
enum G { c }
)");
  expect_errors(*c, {{"E0202", 3}, {"E0202", 4}, {"E0202", 7}});
  const support::Diagnostic* d = c->find("E0202");
  ASSERT_NE(d, nullptr);
  ASSERT_FALSE(d->notes.empty());
  EXPECT_EQ(d->notes[0].span.line, 2u);  // the first declaration
}

TEST(Names, EnumValuesRepeatAcrossEnumsAndNeedQualifying) {
  auto c = check_ok(R"(module t
enum Layout { Inline, Extents }
enum Other { Inline, Foo }
var l: Layout = Layout.Inline
var o: Other = Foo
invariant i: l != Extents and o != Other.Inline
)");
  const ast::Expr* q = find_expr(c->decl("l"), [](const ast::Expr& e) { return e.kind == ExprKind::Qualified; });
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->ref.kind, RefKind::EnumValue);
  EXPECT_EQ(q->ref.index, 0);
  EXPECT_EQ(q->const_value, 0);
  const ast::Expr* foo = find_name(c->decl("o"), "Foo");
  EXPECT_EQ(foo->const_value, 1);
  EXPECT_EQ(type_str(foo->type), "Other");

  auto bad = check(R"(module t
enum Layout { Inline, Extents }
enum Other { Inline, Foo }
var l: Layout = Inline
var m: Layout = Layout.Inlin
)");
  expect_errors(*bad, {{"E0203", 4}, {"E0204", 5}});
  EXPECT_NE(bad->find("E0203")->message.find("Layout.Inline"), std::string::npos) << bad->rendered();
}

TEST(Names, UnknownNameSuggestsAClosePick) {
  auto c = check(R"(module t
var counter: 0..3 = 0
invariant i: countr < 3
)");
  expect_errors(*c, {{"E0201", 3}});
  const support::Diagnostic* d = c->find("E0201");
  ASSERT_FALSE(d->notes.empty());
  EXPECT_NE(d->notes[0].message.find("counter"), std::string::npos);
  EXPECT_EQ(d->span.col, 14u);
}

TEST(Names, NonValuesUsedAsValues) {
  auto c = check(R"(module t
lock m: mutex
process p { skip }
action a { skip }
invariant i1: m
invariant i2: p
invariant i3: a
)");
  expect_errors(*c, {{"E0216", 5}, {"E0216", 6}, {"E0216", 7}});
}

TEST(Names, BoundVariablesShadowAndHaveTheirSetsElementType) {
  auto c = check_ok(R"(module t
var x: 0..3 = 0
invariant i: forall x, y in 1..2: exists z in {x, y}: z == x
def s = sum k in 1..3: k
def m = {k * 2 : k in 1..3}
def f = {k in 0..3 : k > x}
def l = let k = 2 in k + 1
)");
  const ast::Expr* z = find_expr(c->decl("i"), [](const ast::Expr& e) {
    return e.kind == ExprKind::Binary && e.op == ast::Op::Eq;
  });
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->args[0]->ref.kind, RefKind::Bound);
  EXPECT_EQ(z->args[1]->ref.kind, RefKind::Bound);  // the bound x shadows the variable
  EXPECT_EQ(type_str(z->args[1]->type), "1..2");
  EXPECT_EQ(type_str(c->decl("s")->resolved_type), "int");
  EXPECT_EQ(type_str(c->decl("m")->resolved_type), "set of int");
  EXPECT_EQ(type_str(c->decl("f")->resolved_type), "set of 0..3");
  EXPECT_EQ(c->decl("l")->value->const_value, 3);
}

TEST(Names, ParamsOfDefsActionsAndProcs) {
  auto c = check_ok(R"(module t
var x: 0..5 = 0
def add(a: 0..5, b: 0..5) = a + b
action Set(v: 0..5) { x' = add(v, 0) }
)");
  const ast::Expr* v = find_name(c->decl("Set"), "v");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->ref.kind, RefKind::Param);
  EXPECT_EQ(v->ref.decl, c->decl("Set"));
  EXPECT_EQ(v->ref.index, 0);
  const ast::Expr* call = find_expr(c->decl("Set"), [](const ast::Expr& e) { return e.kind == ExprKind::Call; });
  EXPECT_EQ(call->ref.kind, RefKind::Def);
  EXPECT_EQ(type_str(call->type), "int");
}

TEST(Names, ProcessLocalsInstanceParamAndSelf) {
  auto c = check_ok(R"(module t
type W = 1..2
var owner: 0..2 = 0
process writer[w: W] {
  var mine: bool = false
  var me: W = self
  start: owner := w
  mine := self == w
}
process single {
  var n: 0..3 = 0
  go: n := n + 1
}
invariant i: forall k in W: writer[k]@start implies writer[k].mine or single.n == 0 or single@end
cover c: single@go
)");
  const ast::Decl* writer = c->decl("writer");
  EXPECT_EQ(type_str(writer->resolved_type), "1..2");
  const ast::Expr* mine = find_name(writer, "mine");
  ASSERT_NE(mine, nullptr);
  EXPECT_EQ(mine->ref.kind, RefKind::LocalVar);
  EXPECT_EQ(mine->ref.decl, writer);
  EXPECT_EQ(mine->ref.index, 0);
  EXPECT_EQ(type_str(writer->locals[1].resolved_type), "1..2");
  const ast::Expr* w = find_name(writer, "w");
  EXPECT_EQ(w->ref.kind, RefKind::Param);
  const ast::Expr* self = find_expr(writer, [](const ast::Expr& e) { return e.kind == ExprKind::Self; });
  EXPECT_EQ(type_str(self->type), "1..2");
  const ast::Expr* field = find_expr(c->decl("i"), [](const ast::Expr& e) { return e.kind == ExprKind::Field; });
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->ref.kind, RefKind::LocalVar);
  EXPECT_EQ(field->ref.decl, writer);
  EXPECT_EQ(field->args[0]->type->kind, compiler::TypeKind::Process);
  const ast::Expr* at = find_expr(c->decl("i"), [](const ast::Expr& e) { return e.kind == ExprKind::At; });
  EXPECT_EQ(type_str(at->type), "bool");
  EXPECT_EQ(type_str(at->args[0]->type), "process writer");
  EXPECT_TRUE(untyped_exprs(*c).empty());
}

TEST(Names, ProcessStateErrors) {
  auto c = check(R"(module t
type W = 1..2
var g: bool = false
process writer[w: W] { var mine: bool = false
  start: skip }
process single { skip }
invariant a: writer[1]@nowhere
invariant b: writer[1].theirs
invariant c: writer@start
invariant d: single[1]@end
invariant e: g@end
invariant f: writer[true]@end
)");
  expect_errors(*c, {{"E0207", 7}, {"E0215", 8}, {"E0209", 9}, {"E0306", 10}, {"E0209", 11}, {"E0301", 12}});
}

TEST(Names, LabelsOfCalledProcsCanBeNamed) {
  check_ok(R"(module t
lock m: mutex
proc inner() { deep: acquire m; release m }
proc outer() { call inner() }
process p { call outer() }
cover c: p@deep
)");
}

TEST(Names, SelfOutsideAProcess) {
  auto c = check(R"(module t
var x: 0..3 = 0
def d = self
action a { x' = self }
invariant i: self@end
process single { var n: 0..3 = 0
  n := self }
)");
  expect_errors(*c, {{"E0407", 3}, {"E0407", 4}, {"E0407", 5}, {"E0216", 7}});
}

TEST(Names, BuiltinsAndTheirSignatures) {
  auto c = check_ok(R"(module t
lock m: mutex
lock a[1..2]: rwsem
var q: seq of 0..3 max 4 = <<1, 2>>
var s: set of 0..3 = {1}
process p { skip }
def d1 = card(s) + min(s) + max(s) + len(q) + head(q)
def d2 = tail(q)
def d3 = append(q, 3)
def d4 = holds(p, m) or locked(a[1])
def d5 = append(<<>>, true)
)");
  EXPECT_EQ(type_str(c->decl("d1")->resolved_type), "int");
  EXPECT_EQ(type_str(c->decl("d2")->resolved_type), "seq of 0..3 max 4");
  EXPECT_EQ(type_str(c->decl("d3")->resolved_type), "seq of 0..3 max 5");
  EXPECT_EQ(type_str(c->decl("d4")->resolved_type), "bool");
  EXPECT_EQ(type_str(c->decl("d5")->resolved_type), "seq of bool max 1");
  auto bad = check(R"(module t
var q: seq of 0..3 max 4 = <<>>
lock m: mutex
def e1 = card(q)
def e2 = len(1, 2)
def e3 = head({1})
def e4 = min({true})
def e5 = holds(m, m)
def e6 = locked(q)
def e7 = lenn(q)
)");
  expect_errors(*bad, {{"E0308", 4}, {"E0305", 5}, {"E0301", 6}, {"E0301", 7}, {"E0209", 8}, {"E0210", 9},
                       {"E0201", 10}});
}

TEST(Names, DefsAreNotRecursive) {
  auto c = check(R"(module t
def f(n: 0..3) = g(n)
def g(n: 0..3) = f(n)
)");
  EXPECT_TRUE(c->has("E0213")) << c->rendered();
}

TEST(Names, DefArityAndArgumentTypes) {
  auto c = check(R"(module t
def f(n: 0..3) = n + 1
def g = f(1, 2)
def h = f(true)
def k = f
)");
  expect_errors(*c, {{"E0305", 3}, {"E0301", 4}, {"E0305", 5}});
}

TEST(Names, ChecksAreKnownNames) {
  check_ok(R"(module t
check deadlock off
check lock_order on
check held_at_exit off
)");
}

// ---------------------------------------------------------------- imports

class Imports : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("weft_sema_imports_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "lib");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& rel, const std::string& text) {
    std::ofstream(dir_ / rel) << text;
    return (dir_ / rel).string();
  }
  std::unique_ptr<Checked> run(const std::string& path) {
    auto c = std::make_unique<Checked>();
    c->result = compiler::load_and_check(c->sm, path, {}, c->diags);
    return c;
  }
  std::filesystem::path dir_;
};

TEST_F(Imports, MergedOnceWhereTheImportStood) {
  write("lib/common.weft", "module common\nconst N = 2\ntype W = 1..N\n");
  write("lib/locks.weft", "module locks\nimport \"common.weft\"\nlock m[W]: mutex\n");
  std::string main = write("main.weft",
                           "module main\nimport \"lib/common.weft\"\nimport \"lib/locks.weft\"\n"
                           "var x: W = 1\nprocess p[w: W] { acquire m[w]; release m[w] }\n");
  auto c = run(main);
  ASSERT_TRUE(c->result) << c->rendered();
  std::vector<std::string> order;
  for (const auto& d : c->module().decls) order.push_back(d->kind == ast::DeclKind::Import ? "import" : d->name.name);
  std::vector<std::string> want = {"import", "N", "W", "import", "import", "m", "x", "p"};
  EXPECT_EQ(order, want);
  EXPECT_NE(c->decl("m")->file, c->decl("x")->file);
}

TEST_F(Imports, CycleIsReportedWithTheChain) {
  write("a.weft", "module a\nimport \"b.weft\"\nconst A = 1\n");
  write("b.weft", "module b\nimport \"a.weft\"\nconst B = 1\n");
  auto c = run((dir_ / "a.weft").string());
  EXPECT_EQ(c->result, nullptr);
  const support::Diagnostic* d = c->find("E0206");
  ASSERT_NE(d, nullptr) << c->rendered();
  EXPECT_EQ(d->span.line, 2u);
  EXPECT_NE(d->message.find("a.weft"), std::string::npos);
  EXPECT_NE(d->message.find("b.weft"), std::string::npos);
  EXPECT_FALSE(d->notes.empty());
}

TEST_F(Imports, MissingFileAtTheImport) {
  std::string main = write("main.weft", "module main\nconst X = 1\nimport \"nowhere.weft\"\n");
  auto c = run(main);
  EXPECT_EQ(c->result, nullptr);
  EXPECT_TRUE(c->has("E0205", 3)) << c->rendered();
}

TEST_F(Imports, DuplicateAcrossFiles) {
  write("lib/common.weft", "module common\nconst N = 2\n");
  std::string main = write("main.weft", "module main\nimport \"lib/common.weft\"\nvar N: bool = false\n");
  auto c = run(main);
  EXPECT_TRUE(c->has("E0202", 3)) << c->rendered();
}

TEST(ImportsInMemory, FilesAlreadyInTheSourceManagerAreUsed) {
  auto c = check("module t\nimport \"lib.weft\"\nvar x: 0..K = 0\n", {}, {{"lib.weft", "module lib\nconst K = 4\n"}});
  ASSERT_TRUE(c->result) << c->rendered();
  EXPECT_EQ(type_str(c->decl("x")->resolved_type), "0..4");
}

}  // namespace
}  // namespace sema_test
