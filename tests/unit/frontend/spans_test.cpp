// tests/frontend: source spans: every node covers exactly its tokens (bytes, with 1-based line and
// byte column), also after non-ASCII text.
#include "frontend_test_util.h"

namespace frontend_test {
namespace {

TEST(Spans, DeclarationsAndExpressions) {
  const std::string src =
      "module m\n"
      "def may_write(w: Writer) = not dirty[w] and owner == 0\n"
      "var x: 0..N in 0..N\n";
  auto p = parse_ok(src);
  ASSERT_TRUE(p->module);
  const auto& def = *p->module->decls[0];
  EXPECT_EQ(text_of(*p, def.span), "def may_write(w: Writer) = not dirty[w] and owner == 0");
  EXPECT_EQ(def.span.line, 2u);
  EXPECT_EQ(def.span.col, 1u);
  EXPECT_EQ(def.span.file, p->file);
  EXPECT_EQ(text_of(*p, def.name.span), "may_write");
  EXPECT_EQ(text_of(*p, def.params[0].name.span), "w");
  EXPECT_EQ(text_of(*p, def.params[0].type->span), "Writer");
  const ast::Expr& v = *def.value;  // and
  EXPECT_EQ(text_of(*p, v.span), "not dirty[w] and owner == 0");
  EXPECT_EQ(text_of(*p, v.args[0]->span), "not dirty[w]");
  EXPECT_EQ(text_of(*p, v.args[0]->args[0]->span), "dirty[w]");
  EXPECT_EQ(text_of(*p, v.args[1]->span), "owner == 0");
  EXPECT_EQ(v.args[1]->span.col, 45u);
  const auto& var = *p->module->decls[1];
  EXPECT_EQ(text_of(*p, var.type->span), "0..N");
  EXPECT_EQ(text_of(*p, var.value->span), "0..N");
  EXPECT_EQ(var.value->span.line, 3u);
  EXPECT_EQ(var.value->span.col, 16u);
}

TEST(Spans, ParenthesesWidenTheInnerNode) {
  auto p = parse_ok("module m\ndef x = (a + b) * c\n");
  ASSERT_TRUE(p->module);
  const ast::Expr& mul = *p->module->decls[0]->value;
  EXPECT_EQ(text_of(*p, mul.span), "(a + b) * c");
  EXPECT_EQ(text_of(*p, mul.args[0]->span), "(a + b)");
}

TEST(Spans, FieldsLabelsAndStatements) {
  auto p = parse_ok("module m\nprocess p {\n  l1: r.type := self@end\n  acquire folio[w] shared\n}\n");
  ASSERT_TRUE(p->module);
  const auto& stmts = p->module->decls[0]->body.stmts;
  EXPECT_EQ(text_of(*p, stmts[0]->span), "l1: r.type := self@end");
  EXPECT_EQ(text_of(*p, stmts[0]->label->span), "l1");
  const ast::Expr& target = *stmts[0]->exprs[0];
  EXPECT_EQ(text_of(*p, target.span), "r.type");
  EXPECT_EQ(text_of(*p, target.field_span), "type");
  const ast::Expr& at = *stmts[0]->exprs[1];
  EXPECT_EQ(text_of(*p, at.field_span), "end");
  EXPECT_EQ(text_of(*p, stmts[1]->span), "acquire folio[w] shared");
  EXPECT_EQ(stmts[1]->span.line, 4u);
  EXPECT_EQ(stmts[1]->span.col, 3u);
  EXPECT_EQ(text_of(*p, p->module->decls[0]->body.span), "{\n  l1: r.type := self@end\n  acquire folio[w] shared\n}");
}

TEST(Spans, ColumnsCountCharactersAfterMultiByteCharacters) {
  // "é" and "—" are 2 and 3 bytes: offsets are in bytes, columns count characters (one each).
  auto p = parse_ok("module m /* é */ def x = \"—\" == y\n");
  ASSERT_TRUE(p->module);
  const ast::Expr& eq = *p->module->decls[0]->value;
  EXPECT_EQ(text_of(*p, eq.span), "\"—\" == y");
  EXPECT_EQ(text_of(*p, eq.args[1]->span), "y");
  EXPECT_EQ(eq.span.col, 26u);
  EXPECT_EQ(eq.args[1]->span.col, 33u);
}

TEST(Spans, ByteOrderMarkAndCrlf) {
  // ANTLR drops a leading BOM; spans still count the file's bytes.
  auto p = parse_ok("\xEF\xBB\xBFmodule m\r\nconst N = 1\r\n");
  ASSERT_TRUE(p->module);
  const auto& d = *p->module->decls[0];
  EXPECT_EQ(d.span.line, 2u);
  EXPECT_EQ(d.span.col, 1u);
  EXPECT_EQ(text_of(*p, d.span), "const N = 1");
  EXPECT_EQ(d.value->span.col, 11u);
  // The BOM takes no column: `module` starts at 1:1.
  EXPECT_EQ(p->module->span.col, 1u);
}

TEST(Spans, BindersAndTypes) {
  auto p = parse_ok("module m\ndef x = forall a, b in 1..N: [k in S |-> a] == [f |-> b]\nvar v: [W] -> set of T\n");
  ASSERT_TRUE(p->module);
  const ast::Expr& q = *p->module->decls[0]->value;
  ASSERT_EQ(q.binders.size(), 2u);
  EXPECT_EQ(text_of(*p, q.binders[0].name.span), "a");
  EXPECT_EQ(text_of(*p, q.binders[1].name.span), "b");
  EXPECT_EQ(text_of(*p, q.binders[0].set->span), "1..N");
  EXPECT_EQ(text_of(*p, q.binders[1].set->span), "1..N");  // each binder has its own copy
  EXPECT_NE(q.binders[0].set.get(), q.binders[1].set.get());
  const ast::Expr& rec = *q.args[0]->args[1];
  EXPECT_EQ(text_of(*p, rec.fields[0].span), "f");
  const auto& t = *p->module->decls[1]->type;
  EXPECT_EQ(text_of(*p, t.span), "[W] -> set of T");
  EXPECT_EQ(text_of(*p, t.elem2->span), "set of T");
  EXPECT_EQ(text_of(*p, t.elem2->elem->span), "T");
}

}  // namespace
}  // namespace frontend_test
