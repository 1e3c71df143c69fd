// tests/frontend: every declaration kind of LANGUAGE.md §2 and the type syntax of §3, as built AST.
#include "frontend_test_util.h"

namespace frontend_test {
namespace {

using ast::DeclKind;

const ast::Decl& only_decl(const Parsed& p) {
  EXPECT_EQ(p.module->decls.size(), 1u);
  return *p.module->decls.at(0);
}

TEST(Declarations, ModuleHeaderAndFile) {
  auto p = parse_ok("module ext4_inline\n");
  ASSERT_TRUE(p->module);
  EXPECT_EQ(p->module->name.name, "ext4_inline");
  EXPECT_EQ(p->module->file, p->file);
  EXPECT_TRUE(p->module->decls.empty());
}

TEST(Declarations, ImportUnescapesItsPath) {
  auto p = parse_ok("module m\nimport \"common/vfs \\\"x\\\".weft\"\n");
  ASSERT_TRUE(p->module);
  const auto& d = only_decl(*p);
  EXPECT_EQ(d.kind, DeclKind::Import);
  EXPECT_EQ(d.str, "common/vfs \"x\".weft");
  EXPECT_EQ(d.file, p->file);
}

TEST(Declarations, ConstEnumTypeAlias) {
  auto p = parse_ok("module m\nconst N = 2\nconst B = true\nenum Layout { Inline, Extents }\n"
                    "enum One { A, }\ntype Writer = 1..N\ntype Cfg = [on_: bool, n: Writer]\n");
  ASSERT_TRUE(p->module);
  const auto& ds = p->module->decls;
  ASSERT_EQ(ds.size(), 6u);
  EXPECT_EQ(ds[0]->kind, DeclKind::Const);
  EXPECT_EQ(ds[0]->name.name, "N");
  EXPECT_EQ(compact(*ds[0]->value), "2");
  EXPECT_EQ(compact(*ds[1]->value), "true");
  EXPECT_EQ(ds[2]->kind, DeclKind::Enum);
  ASSERT_EQ(ds[2]->enum_values.size(), 2u);
  EXPECT_EQ(ds[2]->enum_values[1].name, "Extents");
  EXPECT_EQ(ds[3]->enum_values.size(), 1u);  // a trailing comma is allowed
  EXPECT_EQ(ds[4]->kind, DeclKind::TypeAlias);
  EXPECT_EQ(compact_type(*ds[4]->type), "(1..N)");
  EXPECT_EQ(compact_type(*ds[5]->type), "[on_: bool, n: Writer]");
}

TEST(Declarations, VariablesWithEveryInitialiser) {
  auto p = parse_ok(
      "module m\n"
      "var layout: Layout = Inline\n"
      "var owner: 0..N in 0..N\n"
      "var dirty: [Writer] -> bool = [w in Writer |-> false]\n"
      "var s: set of Node = {}\n"
      "var q: seq of Node max 3 = <<>>\n"
      "var plain: bool\n"
      "var cfg: Config in Config\n");
  ASSERT_TRUE(p->module);
  const auto& ds = p->module->decls;
  ASSERT_EQ(ds.size(), 7u);
  EXPECT_EQ(ds[0]->init_kind, ast::VarInit::Equals);
  EXPECT_EQ(compact_type(*ds[0]->type), "Layout");
  EXPECT_EQ(ds[1]->init_kind, ast::VarInit::In);
  EXPECT_EQ(compact_type(*ds[1]->type), "(0..N)");
  EXPECT_EQ(compact(*ds[1]->value), "(0 .. N)");
  EXPECT_EQ(compact_type(*ds[2]->type), "([Writer] -> bool)");
  EXPECT_EQ(compact_type(*ds[3]->type), "(set of Node)");
  EXPECT_EQ(compact_type(*ds[4]->type), "(seq of Node max 3)");
  EXPECT_EQ(ds[5]->init_kind, ast::VarInit::None);
  EXPECT_FALSE(ds[5]->value);
  EXPECT_EQ(compact(*ds[6]->value), "Config");
}

TEST(Declarations, TypeBoundsAreAdditiveExpressions) {
  auto p = parse_ok("module m\nvar x: N - 1 .. N * 2 in 0..N\nvar f: [0..N-1] -> seq of 1..3 max N + 1\n");
  ASSERT_TRUE(p->module);
  EXPECT_EQ(compact_type(*p->module->decls[0]->type), "((N - 1)..(N * 2))");
  EXPECT_EQ(compact_type(*p->module->decls[1]->type), "([(0..(N - 1))] -> (seq of (1..3) max (N + 1)))");
}

TEST(Declarations, InitiallyAndConstraint) {
  auto p = parse_ok("module m\ninitially owner != 1\ninitially true\nconstraint owner < N\n");
  ASSERT_TRUE(p->module);
  const auto& ds = p->module->decls;
  ASSERT_EQ(ds.size(), 3u);
  EXPECT_EQ(ds[0]->kind, DeclKind::Initially);
  EXPECT_EQ(compact(*ds[0]->value), "(owner != 1)");
  EXPECT_EQ(ds[2]->kind, DeclKind::Constraint);
  EXPECT_EQ(compact(*ds[2]->value), "(owner < N)");
}

TEST(Declarations, LocksOfEveryKind) {
  auto p = parse_ok(
      "module m\n"
      "lock i_rwsem: rwsem queued\n"
      "lock mmap_lock: rwsem\n"
      "lock folio[Page]: mutex\n"
      "lock s: spinlock\n"
      "lock plain\n"
      "lock arr[1..N]\n");
  ASSERT_TRUE(p->module);
  const auto& ds = p->module->decls;
  ASSERT_EQ(ds.size(), 6u);
  EXPECT_EQ(ds[0]->kind, DeclKind::Lock);
  EXPECT_EQ(ds[0]->lock_kind, ast::LockKind::Rwsem);
  EXPECT_TRUE(ds[0]->queued);
  EXPECT_EQ(ds[1]->lock_kind, ast::LockKind::Rwsem);
  EXPECT_FALSE(ds[1]->queued);
  EXPECT_EQ(ds[2]->lock_kind, ast::LockKind::Mutex);
  ASSERT_TRUE(ds[2]->index_type);
  EXPECT_EQ(compact_type(*ds[2]->index_type), "Page");
  EXPECT_EQ(ds[3]->lock_kind, ast::LockKind::Spinlock);
  EXPECT_EQ(ds[4]->lock_kind, ast::LockKind::Mutex);  // default
  EXPECT_FALSE(ds[4]->index_type);
  EXPECT_EQ(compact_type(*ds[5]->index_type), "(1..N)");
}

TEST(Declarations, LockOrderChain) {
  auto p = parse_ok("module m\nlock_order i_rwsem < mmap_lock < xattr_sem\nlock_order a < b\n");
  ASSERT_TRUE(p->module);
  const auto& d = *p->module->decls[0];
  EXPECT_EQ(d.kind, DeclKind::LockOrder);
  ASSERT_EQ(d.order.size(), 3u);
  EXPECT_EQ(d.order[0].lock.name, "i_rwsem");
  EXPECT_EQ(d.order[2].lock.name, "xattr_sem");
  EXPECT_EQ(p->module->decls[1]->order.size(), 2u);
}

TEST(Declarations, LockOrderByIndex) {
  // docs/adr/0002: same-class nesting in ascending index order.
  auto p = parse_ok("module m\nlock folio[1..3]: mutex\nlock_order folio by index\n");
  ASSERT_TRUE(p->module);
  const auto& d = *p->module->decls[1];
  EXPECT_EQ(d.kind, DeclKind::LockOrder);
  EXPECT_TRUE(d.nesting_by_index);
  ASSERT_EQ(d.order.size(), 1u);
  EXPECT_EQ(d.order[0].lock.name, "folio");
  EXPECT_FALSE(parse("module m\nlock_order folio by name\n")->module);
}

TEST(Declarations, DefsWithAndWithoutParameters) {
  auto p = parse_ok("module m\ndef inline_now = layout == Inline\n"
                    "def may_write(w: Writer, v: 1..3) = not dirty[w] and owner == 0\ndef e() = 1\n");
  ASSERT_TRUE(p->module);
  const auto& ds = p->module->decls;
  EXPECT_EQ(ds[0]->kind, DeclKind::Def);
  EXPECT_TRUE(ds[0]->params.empty());
  ASSERT_EQ(ds[1]->params.size(), 2u);
  EXPECT_EQ(ds[1]->params[0].name.name, "w");
  EXPECT_EQ(compact_type(*ds[1]->params[1].type), "(1..3)");
  EXPECT_EQ(compact(*ds[1]->value), "((not dirty[w]) and (owner == 0))");
  EXPECT_TRUE(ds[2]->params.empty());
}

TEST(Declarations, ActionsWithAndWithoutParameters) {
  auto p = parse_ok("module m\naction Deposit(w: Writer, v: 1..3) { require owner == 0 }\naction Tick { skip }\n");
  ASSERT_TRUE(p->module);
  const auto& ds = p->module->decls;
  EXPECT_EQ(ds[0]->kind, DeclKind::Action);
  EXPECT_EQ(ds[0]->params.size(), 2u);
  EXPECT_EQ(ds[0]->body.stmts.size(), 1u);
  EXPECT_TRUE(ds[1]->params.empty());
}

TEST(Declarations, ProcessesWithInstancesAndLocals) {
  auto p = parse_ok(
      "module m\n"
      "process writer[w: Writer] {\n"
      "  var saw: bool = false\n"
      "  var n: 0..3 in 0..3\n"
      "  var u: bool\n"
      "  saw := true\n"
      "}\n"
      "process fault { skip }\n");
  ASSERT_TRUE(p->module);
  const auto& w = *p->module->decls[0];
  EXPECT_EQ(w.kind, DeclKind::Process);
  ASSERT_EQ(w.params.size(), 1u);
  EXPECT_EQ(w.params[0].name.name, "w");
  EXPECT_EQ(compact_type(*w.params[0].type), "Writer");
  ASSERT_EQ(w.locals.size(), 3u);
  EXPECT_EQ(w.locals[0].name.name, "saw");
  EXPECT_EQ(w.locals[0].init_kind, ast::VarInit::Equals);
  EXPECT_EQ(w.locals[1].init_kind, ast::VarInit::In);
  EXPECT_EQ(w.locals[2].init_kind, ast::VarInit::None);
  EXPECT_EQ(text_of(*p, w.locals[1].span), "var n: 0..3 in 0..3");
  EXPECT_EQ(w.body.stmts.size(), 1u);
  const auto& f = *p->module->decls[1];
  EXPECT_TRUE(f.params.empty());
  EXPECT_TRUE(f.locals.empty());
}

TEST(Declarations, ProcParametersMayBeUntyped) {
  auto p = parse_ok("module m\nproc copy(x, y: Writer) { skip }\nproc none() { skip }\nproc bare { skip }\n");
  ASSERT_TRUE(p->module);
  const auto& d = *p->module->decls[0];
  EXPECT_EQ(d.kind, DeclKind::Proc);
  ASSERT_EQ(d.params.size(), 2u);
  EXPECT_FALSE(d.params[0].type);
  ASSERT_TRUE(d.params[1].type);
  EXPECT_EQ(compact_type(*d.params[1].type), "Writer");
  EXPECT_TRUE(p->module->decls[1]->params.empty());
  EXPECT_TRUE(p->module->decls[2]->params.empty());
}

TEST(Declarations, InvariantCoverCheck) {
  auto p = parse_ok(
      "module m\n"
      "invariant no_double: forall w in Writer: dirty[w] implies owner == w\n"
      "cover seen: fault@restore\n"
      "check deadlock off\ncheck lock_order on\ncheck held_at_exit off\n");
  ASSERT_TRUE(p->module);
  const auto& ds = p->module->decls;
  ASSERT_EQ(ds.size(), 5u);
  EXPECT_EQ(ds[0]->kind, DeclKind::Invariant);
  EXPECT_EQ(ds[0]->name.name, "no_double");
  EXPECT_EQ(ds[1]->kind, DeclKind::Cover);
  EXPECT_EQ(compact(*ds[1]->value), "fault@restore");
  EXPECT_EQ(ds[2]->kind, DeclKind::Check);
  EXPECT_EQ(ds[2]->name.name, "deadlock");
  EXPECT_FALSE(ds[2]->check_on);
  EXPECT_EQ(ds[3]->name.name, "lock_order");
  EXPECT_TRUE(ds[3]->check_on);
  EXPECT_EQ(ds[4]->name.name, "held_at_exit");
}

TEST(Declarations, CommentsAndLayoutAreFree) {
  auto p = parse_ok("// header\nmodule /* inline */ m // trailing\n/* multi\n line */ const\nN\n=\n2");
  ASSERT_TRUE(p->module);
  EXPECT_EQ(p->module->decls.size(), 1u);
}

TEST(Declarations, NonAsciiInCommentsAndStrings) {
  auto p = parse_ok("module m // café ✓\nprocess p { assert true \"naïve — ok\" }\n");
  ASSERT_TRUE(p->module);
  EXPECT_EQ(p->module->decls[0]->body.stmts[0]->message, "naïve — ok");
}

}  // namespace
}  // namespace frontend_test
