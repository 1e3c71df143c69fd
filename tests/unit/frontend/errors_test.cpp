// tests/frontend: every E01xx syntax diagnostic, with its location and wording; several independent
// errors in one run; a broken file never yields an AST.
#include "frontend_test_util.h"

namespace frontend_test {
namespace {

using support::DiagCode;

// Parses text that must fail; returns the parse.
std::unique_ptr<Parsed> parse_bad(const std::string& text) {
  auto p = parse(text);
  EXPECT_FALSE(p->module) << "expected a syntax error in:\n" << text;
  EXPECT_TRUE(p->diags.has_errors());
  return p;
}

void expect_at(const support::Diagnostic& d, DiagCode code, std::uint32_t line, std::uint32_t col) {
  EXPECT_EQ(support::code_name(d.code), support::code_name(code)) << d.message;
  EXPECT_EQ(d.span.line, line) << d.message;
  EXPECT_EQ(d.span.col, col) << d.message;
}

TEST(SyntaxErrors, UnexpectedCharacterE0101) {
  auto p = parse_bad("module m\nconst x = 1 $ 2\n");
  expect_at(p->first(), DiagCode::E0101, 2, 13);
  EXPECT_NE(p->first().message.find("'$'"), std::string::npos);
  auto q = parse_bad("module m\ndef x = a | b\n");
  expect_at(q->first(), DiagCode::E0101, 2, 11);
  EXPECT_NE(q->first().message.find("|->"), std::string::npos);  // a hint
  auto r = parse_bad("module m\ndef x = a \x01 b\n");
  EXPECT_NE(r->first().message.find("U+0001"), std::string::npos);
  auto u = parse_bad("module m\ndef x = a \xC3\xA9 b\n");  // a valid UTF-8 letter outside a string
  expect_at(u->first(), DiagCode::E0101, 2, 11);
}

TEST(SyntaxErrors, UnterminatedStringE0102AtTheOpeningQuote) {
  auto p = parse_bad("module m\nprocess p { assert x \"no end\n}\n");
  expect_at(p->first(), DiagCode::E0102, 2, 22);
  EXPECT_EQ(p->diags.error_count(), 1u);
}

TEST(SyntaxErrors, UnterminatedCommentE0103AtItsStart) {
  auto p = parse_bad("module m\nconst N = 1\n  /* never closed\nconst M = 2\n");
  expect_at(p->first(), DiagCode::E0103, 3, 3);
  EXPECT_EQ(p->diags.error_count(), 1u);
  auto q = parse_bad("module m /*/");
  expect_at(q->first(), DiagCode::E0103, 1, 10);
}

TEST(SyntaxErrors, MissingCloseBraceNamesTheOpeningE0104) {
  auto p = parse_bad("module m\nprocess p {\n  x := 1\n  if x == 1 {\n    skip\n");
  expect_at(p->first(), DiagCode::E0104, 6, 1);
  EXPECT_EQ(p->first().message, "unexpected end of file: expected '}' to close the block opened at 4:13");
  auto q = parse_bad("module m\ndef f = (1 + 2\n");
  EXPECT_EQ(q->first().message, "unexpected end of file: expected ')' to close the '(' opened at 2:9");
}

TEST(SyntaxErrors, MissingExpressionE0104) {
  auto p = parse_bad("module m\ninvariant a: x or or y\n");
  expect_at(p->first(), DiagCode::E0104, 2, 19);
  EXPECT_EQ(p->first().message, "unexpected 'or' here: expected an expression after 'or'");
  auto q = parse_bad("module m\ndef f = 1 +* 2\n");
  expect_at(q->first(), DiagCode::E0104, 2, 12);
  EXPECT_EQ(q->first().message, "unexpected '*' here: expected an expression after '+'");
  auto r = parse_bad("module m\ninvariant a: x +\ninvariant b: y\n");
  expect_at(r->first(), DiagCode::E0104, 3, 1);
  EXPECT_NE(r->first().message.find("expected an expression"), std::string::npos);
}

TEST(SyntaxErrors, HintsForCommonMistakes) {
  auto eq = parse_bad("module m\ninvariant a: x = y\n");
  EXPECT_NE(eq->first().message.find("write '=='"), std::string::npos) << eq->first().message;
  auto chain = parse_bad("module m\ninvariant a: a < b < c\n");
  EXPECT_NE(chain->first().message.find("do not chain"), std::string::npos) << chain->first().message;
  auto kw = parse_bad("module m\nvar type: bool\n");
  expect_at(kw->first(), DiagCode::E0104, 2, 5);
  EXPECT_NE(kw->first().message.find("reserved word"), std::string::npos) << kw->first().message;
  auto then = parse_bad("module m\naction A { if x then skip }\n");
  EXPECT_NE(then->first().message.find("takes a block"), std::string::npos) << then->first().message;
  auto either = parse_bad("module m\naction A { either { skip } }\n");
  EXPECT_NE(either->first().message.find("two or more branches"), std::string::npos);
  auto untyped = parse_bad("module m\ndef g(x) = 1\n");
  EXPECT_NE(untyped->first().message.find("need a type"), std::string::npos) << untyped->first().message;
  auto assign = parse_bad("module m\nprocess p {\n  x = 1\n}\n");
  expect_at(assign->first(), DiagCode::E0104, 3, 5);
  EXPECT_NE(assign->first().message.find("x := e"), std::string::npos) << assign->first().message;
  auto els = parse_bad("module m\nprocess p {\n  if a { skip }\n  skip\n  else { skip }\n}\n");
  expect_at(els->first(), DiagCode::E0104, 5, 3);
  EXPECT_NE(els->first().message.find("'else' must directly follow"), std::string::npos);
  EXPECT_EQ(els->diags.error_count(), 1u);  // the '}' that follows is not reported again
  auto after = parse_bad("module m\nprocess p {\n  x :=\n}\n");
  EXPECT_EQ(after->first().message, "unexpected '}' here: expected an expression after ':='");
  auto name = parse_bad("module\nvar x: bool\n");
  EXPECT_EQ(name->first().message, "unexpected 'var' here: expected a name after 'module'");
  auto twice = parse_bad("module m\nvar x: 0..3 = = 0\n");
  EXPECT_EQ(twice->first().message, "unexpected '=' here: expected an expression after '='");
  auto missing = parse_bad("module m\nprocess p {\n  x :=\n  y := 2\n}\n");
  expect_at(missing->first(), DiagCode::E0104, 4, 5);
  EXPECT_NE(missing->first().message.find("missing its expression"), std::string::npos);
}

TEST(SyntaxErrors, MessagesAreShortAndInWeftTerms) {
  for (const char* src : {"module m\nprocess p { x := }\n", "module m\nconst = 3\n", "module m\nlock L: semaphore\n",
                          "module m\naction A(x: ) { skip }\n", "module m\ndef f = [x in S |-> ]\n"}) {
    auto p = parse_bad(src);
    const std::string& msg = p->first().message;
    EXPECT_LT(msg.size(), 160u) << msg;
    EXPECT_EQ(msg.find("mismatched"), std::string::npos) << msg;  // no raw ANTLR wording
    EXPECT_EQ(msg.find("viable"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("{'"), std::string::npos) << msg;  // no token-set dump
  }
}

TEST(SyntaxErrors, SeveralIndependentErrorsInOneRun) {
  auto p = parse_bad(
      "module m\n"
      "const A = 1 +\n"
      "const B = 2\n"
      "def f = (1 + \n"
      "invariant ok: true\n"
      "process p { x := := 1 }\n"
      "def g = ]\n");
  EXPECT_GE(p->diags.error_count(), 3u) << p->rendered();
  std::vector<std::uint32_t> lines;
  for (const auto& d : p->diags.all()) lines.push_back(d.span.line);
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  EXPECT_EQ(lines.back(), 7u) << p->rendered();
}

TEST(SyntaxErrors, ErrorsAreCapped) {
  std::string src = "module m\n";
  for (int i = 0; i < 200; ++i) src += "def f" + std::to_string(i) + " = +\n";
  auto p = parse_bad(src);
  EXPECT_LE(p->diags.error_count(), 30u);
  EXPECT_GE(p->diags.error_count(), 10u);
}

TEST(SyntaxErrors, MissingModuleHeaderE0105) {
  auto p = parse_bad("const N = 1\n");
  expect_at(p->first(), DiagCode::E0105, 1, 1);
  EXPECT_EQ(p->diags.error_count(), 1u);
  auto empty = parse_bad("");
  expect_at(empty->first(), DiagCode::E0105, 1, 1);
  auto comments = parse_bad("// just a comment\n/* and another */\n\n");
  EXPECT_EQ(support::code_name(comments->first().code), "E0105");
  auto blank = parse_bad("   \n\t\n");
  EXPECT_EQ(support::code_name(blank->first().code), "E0105");
  auto noname = parse_bad("module\nconst N = 1\n");
  expect_at(noname->first(), DiagCode::E0104, 2, 1);
}

TEST(SyntaxErrors, IntegerOutOfRangeE0106) {
  auto p = parse_bad("module m\nconst N = 99999999999999999999\n");
  expect_at(p->first(), DiagCode::E0106, 2, 11);
  auto edge = parse_bad("module m\nconst N = 9223372036854775808\n");
  EXPECT_EQ(support::code_name(edge->first().code), "E0106");
  EXPECT_TRUE(parse("module m\nconst N = 9223372036854775807\n")->module);
}

TEST(SyntaxErrors, InvalidEscapeE0107AtTheEscape) {
  auto p = parse_bad("module m\nimport \"a\\nb\"\n");
  expect_at(p->first(), DiagCode::E0107, 2, 10);
  EXPECT_EQ(p->first().span.end - p->first().span.begin, 2u);
  auto q = parse_bad("module m\nprocess p { assert x \"tab\\t\" }\n");
  EXPECT_EQ(support::code_name(q->first().code), "E0107");
}

TEST(SyntaxErrors, InvalidUtf8OrBinaryE0108Once) {
  auto p = parse_bad(std::string("module m\nconst N = 1 \xFF\xFE\n"));
  expect_at(p->first(), DiagCode::E0108, 2, 13);
  EXPECT_EQ(p->diags.error_count(), 1u);
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) % 256);
  auto b = parse_bad(binary);
  EXPECT_EQ(support::code_name(b->first().code), "E0108");
  EXPECT_EQ(b->diags.error_count(), 1u);
  EXPECT_TRUE(b->first().span.valid());
  auto nul = parse_bad(std::string("module m\n\0const N = 1\n", 22));
  expect_at(nul->first(), DiagCode::E0108, 2, 1);
  auto overlong = parse_bad("module m // \xC0\xAF\n");  // overlong '/' is invalid UTF-8
  EXPECT_EQ(support::code_name(overlong->first().code), "E0108");
  auto surrogate = parse_bad("module m // \xED\xA0\x80\n");
  EXPECT_EQ(support::code_name(surrogate->first().code), "E0108");
}

TEST(SyntaxErrors, BuilderLevelRules) {
  auto local = parse_bad("module m\nprocess p { skip var x: bool = true }\n");
  expect_at(local->first(), DiagCode::E0104, 2, 18);
  auto check = parse_bad("module m\ncheck liveness on\n");
  expect_at(check->first(), DiagCode::E0104, 2, 7);
  auto seq = parse_bad("module m\nvar q: seq of bool maximum 3\n");
  expect_at(seq->first(), DiagCode::E0104, 2, 20);
  auto type = parse_bad("module m\nvar x: a + 1\n");
  expect_at(type->first(), DiagCode::E0104, 2, 8);
  EXPECT_NE(type->first().message.find("expected a type"), std::string::npos);
  auto map = parse_bad("module m\ndef s = {x : 1 + 2}\n");
  expect_at(map->first(), DiagCode::E0104, 2, 14);
  auto filter = parse_bad("module m\ndef s = {x in S : a, b}\n");
  EXPECT_EQ(support::code_name(filter->first().code), "E0104");
}

TEST(SyntaxErrors, ReservedForLaterWordsAreNames) {
  // §10 words are not keywords in v0.
  EXPECT_TRUE(parse("module m\nconst fair = 1\ndef always = eventually + leadsto + symmetric\n")->module);
}

}  // namespace
}  // namespace frontend_test
