// tests/frontend: every statement of LANGUAGE.md §5 (actions) and §6 (processes), labels and
// separators, as built AST.
#include "frontend_test_util.h"

namespace frontend_test {
namespace {

using ast::StmtKind;

// The statements of `process p { <body> }`.
struct Body {
  std::unique_ptr<Parsed> parsed;
  const std::vector<ast::StmtPtr>* stmts = nullptr;
  const ast::Stmt& at(std::size_t i) const { return *stmts->at(i); }
  std::size_t size() const { return stmts ? stmts->size() : 0; }
};

Body body(const std::string& stmts, const std::string& head = "process p") {
  Body b;
  b.parsed = parse_ok("module m\n" + head + " {\n" + stmts + "\n}\n");
  if (b.parsed->module && !b.parsed->module->decls.empty()) b.stmts = &b.parsed->module->decls[0]->body.stmts;
  return b;
}

TEST(Statements, ActionStatements) {
  Body b = body(
      "require owner == 0\n"
      "balance' = balance + v\n"
      "f[i]' = 1\n"
      "r.f' = 2\n"
      "g[i][j].h' = 3\n",
      "action A(v: 1..3)");
  ASSERT_EQ(b.size(), 5u);
  EXPECT_EQ(b.at(0).kind, StmtKind::Require);
  EXPECT_EQ(compact(*b.at(0).exprs[0]), "(owner == 0)");
  EXPECT_EQ(b.at(1).kind, StmtKind::PrimedAssign);
  EXPECT_EQ(compact(*b.at(1).exprs[0]), "balance");
  EXPECT_EQ(compact(*b.at(1).exprs[1]), "(balance + v)");
  EXPECT_EQ(compact(*b.at(2).exprs[0]), "f[i]");
  EXPECT_EQ(compact(*b.at(3).exprs[0]), "r.f");
  EXPECT_EQ(compact(*b.at(4).exprs[0]), "g[i][j].h");
}

TEST(Statements, EitherWithTwoOrMoreBranches) {
  Body b = body("either { a' = 1 } or { b' = 2 }\neither { skip } or { skip } or { require x }", "action A");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b.at(0).kind, StmtKind::Either);
  EXPECT_EQ(b.at(0).blocks.size(), 2u);
  EXPECT_EQ(b.at(1).blocks.size(), 3u);
  EXPECT_EQ(b.at(1).blocks[2].stmts[0]->kind, StmtKind::Require);
}

TEST(Statements, WithOneOrSeveralBinders) {
  Body b = body("with k in 1..2 { slot' = k }\nwith x in S, y, z in T { skip }");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b.at(0).kind, StmtKind::With);
  EXPECT_EQ(compact_binders(b.at(0).binders), "k in (1 .. 2)");
  EXPECT_EQ(compact_binders(b.at(1).binders), "x in S, y in T, z in T");
  EXPECT_EQ(b.at(1).blocks.size(), 1u);
}

TEST(Statements, IfElseIfElse) {
  Body b = body("if a { skip } else if b { skip } else if c { skip } else { skip; skip }\nif d { skip }\n"
                "if e { skip } else { skip }");
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b.at(0).kind, StmtKind::If);
  EXPECT_EQ(b.at(0).exprs.size(), 3u);
  EXPECT_EQ(b.at(0).blocks.size(), 4u);  // one more: the else
  EXPECT_EQ(b.at(0).blocks[3].stmts.size(), 2u);
  EXPECT_EQ(b.at(1).exprs.size(), 1u);
  EXPECT_EQ(b.at(1).blocks.size(), 1u);
  EXPECT_EQ(b.at(2).blocks.size(), 2u);
}

TEST(Statements, ProcessAssignments) {
  Body b = body("x := 1\nf[i] := 2\nr.f := 3\nf[i].g[j] := 4");
  ASSERT_EQ(b.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(b.at(i).kind, StmtKind::Assign);
  EXPECT_EQ(compact(*b.at(1).exprs[0]), "f[i]");
  EXPECT_EQ(compact(*b.at(2).exprs[0]), "r.f");
  EXPECT_EQ(compact(*b.at(3).exprs[0]), "f[i].g[j]");
  EXPECT_EQ(compact(*b.at(3).exprs[1]), "4");
}

TEST(Statements, LocksAwaitAssert) {
  Body b = body(
      "acquire i_rwsem\nacquire m exclusive\nacquire mmap_lock shared\nacquire folio[p]\n"
      "release i_rwsem\nawait owner == 0\nassert x == 1 \"x changed \\\"here\\\"\"\nassert y");
  ASSERT_EQ(b.size(), 8u);
  EXPECT_EQ(b.at(0).kind, StmtKind::Acquire);
  EXPECT_EQ(b.at(0).mode, ast::LockMode::Default);
  EXPECT_EQ(b.at(1).mode, ast::LockMode::Exclusive);
  EXPECT_EQ(b.at(2).mode, ast::LockMode::Shared);
  EXPECT_EQ(compact(*b.at(3).exprs[0]), "folio[p]");
  EXPECT_EQ(b.at(4).kind, StmtKind::Release);
  EXPECT_EQ(b.at(5).kind, StmtKind::Await);
  EXPECT_EQ(b.at(6).kind, StmtKind::Assert);
  EXPECT_EQ(b.at(6).message, "x changed \"here\"");
  EXPECT_EQ(b.at(7).message, "");  // the message is optional
}

TEST(Statements, ControlFlow) {
  Body b = body("skip\natomic { a := 1; b := 2 }\nwhile c { await d }\nloop { break }\n"
                "either { skip } or { skip }\nwith v in S { x := v }\ncall copy(1, x + 1)\ncall reset()\n"
                "call bare");
  ASSERT_EQ(b.size(), 9u);
  EXPECT_EQ(b.at(0).kind, StmtKind::Skip);
  EXPECT_EQ(b.at(1).kind, StmtKind::Atomic);
  EXPECT_EQ(b.at(1).blocks[0].stmts.size(), 2u);
  EXPECT_EQ(b.at(2).kind, StmtKind::While);
  EXPECT_EQ(b.at(2).exprs.size(), 1u);
  EXPECT_EQ(b.at(3).kind, StmtKind::Loop);
  EXPECT_EQ(b.at(3).blocks[0].stmts[0]->kind, StmtKind::Break);
  EXPECT_EQ(b.at(4).kind, StmtKind::Either);
  EXPECT_EQ(b.at(5).kind, StmtKind::With);
  EXPECT_EQ(b.at(6).kind, StmtKind::Call);
  EXPECT_EQ(b.at(6).name, "copy");
  EXPECT_EQ(compact_list(b.at(6).exprs), "1, (x + 1)");
  EXPECT_TRUE(b.at(7).exprs.empty());
  EXPECT_EQ(b.at(8).name, "bare");
  EXPECT_EQ(text_of(*b.parsed, b.at(6).name_span), "copy");
}

TEST(Statements, Labels) {
  Body b = body("begin: x := 1\nend_: assert ok \"m\"\nl3: atomic { skip }\nx := 2");
  ASSERT_EQ(b.size(), 4u);
  ASSERT_TRUE(b.at(0).label);
  EXPECT_EQ(b.at(0).label->name, "begin");
  EXPECT_EQ(b.at(1).label->name, "end_");
  EXPECT_EQ(b.at(2).label->name, "l3");
  EXPECT_FALSE(b.at(3).label);
  EXPECT_EQ(text_of(*b.parsed, b.at(0).label->span), "begin");
}

TEST(Statements, SemicolonsAreOptionalSeparators) {
  Body a = body("a := 1; b := 2; c := 3");
  Body b = body("a := 1 b := 2 c := 3");
  Body c = body("a := 1;\nb := 2;;\nc := 3;");
  EXPECT_EQ(a.size(), 3u);
  EXPECT_EQ(b.size(), 3u);
  EXPECT_EQ(c.size(), 3u);
}

TEST(Statements, AssertAndAnyStatementParseInActionsToo) {
  // Placement rules (e.g. no ':=' in actions) belong to sema, not to the grammar.
  Body b = body("assert x \"m\"\nx := 1\nawait y", "action A");
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b.at(0).kind, StmtKind::Assert);
  EXPECT_EQ(b.at(1).kind, StmtKind::Assign);
}

TEST(Statements, StatementStartsAreNotSwallowedByExpressions) {
  // `with` after an expression starts a statement unless it is `with [` or `with .`.
  Body b = body("x := f\nwith k in S { skip }\ny := g with [1] = 2\nz := r with .a = 1");
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(compact(*b.at(0).exprs[1]), "f");
  EXPECT_EQ(b.at(1).kind, StmtKind::With);
  EXPECT_EQ(compact(*b.at(2).exprs[1]), "(g with [1] = 2)");
  EXPECT_EQ(compact(*b.at(3).exprs[1]), "(r with .a = 1)");
}

}  // namespace
}  // namespace frontend_test
