// tests/frontend: hostile input never crashes or hangs: deep nesting (bracketed and not), long
// operator chains, random token soup and random bytes; a large generated spec parses quickly.
#include <chrono>
#include <random>

#include "frontend_test_util.h"

namespace frontend_test {
namespace {

std::string repeat(const std::string& s, int n) {
  std::string r;
  r.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) r += s;
  return r;
}

void expect_nesting_error(const std::string& src) {
  auto p = parse(src);
  EXPECT_FALSE(p->module);
  ASSERT_TRUE(p->diags.has_errors());
  EXPECT_EQ(support::code_name(p->first().code), "E0104");
  EXPECT_NE(p->first().message.find("too"), std::string::npos) << p->first().message;
  EXPECT_TRUE(p->first().span.valid());
  EXPECT_EQ(p->diags.error_count(), 1u);
}

TEST(Robustness, DeepBracketsAreRejectedBeforeParsing) {
  const int n = 10000;
  expect_nesting_error("module m\ndef f = " + repeat("(", n) + "1" + repeat(")", n) + "\n");
  expect_nesting_error("module m\nprocess p " + repeat("{ ", n) + repeat("}", n) + "\n");
  expect_nesting_error("module m\ndef f = " + repeat("[", n) + "\n");
  expect_nesting_error("module m\ndef f = " + repeat("<<", n) + "\n");
  expect_nesting_error("module m\nprocess p { " + repeat("if a { ", n) + repeat("}", n) + " }\n");
  expect_nesting_error("module m\ndef f = " + repeat("{x in ", n) + "S" + repeat(" : p}", n) + "\n");
  // Unbalanced garbage too.
  expect_nesting_error("module m\n" + repeat("(", n));
}

TEST(Robustness, DeepUnbracketedNestingIsRejected) {
  const int n = 10000;
  expect_nesting_error("module m\ndef f = " + repeat("not ", n) + "true\n");
  expect_nesting_error("module m\ndef f = " + repeat("- ", n) + "1\n");
  expect_nesting_error("module m\ndef f = " + repeat("if a then ", n) + "1" + repeat(" else 2", n) + "\n");
  expect_nesting_error("module m\ndef f = " + repeat("let x = 1 in ", n) + "x\n");
  expect_nesting_error("module m\ndef f = " + repeat("forall x in S: ", n) + "true\n");
  expect_nesting_error("module m\ndef f = g" + repeat(" with [1] = g", n) + "\n");
  expect_nesting_error("module m\ndef f = a" + repeat(" implies a", n) + "\n");
  expect_nesting_error("module m\ndef f = 2" + repeat(" ^ 2", n) + "\n");
  // The same with a syntax error at the end (forces the slower LL pass).
  expect_nesting_error("module m\ndef f = " + repeat("if a then ", n) + "1" + repeat(" else 2", n) + " +\n");
}

TEST(Robustness, ReasonableNestingIsAccepted) {
  const int n = 100;
  auto p = parse_ok("module m\ndef f = " + repeat("(", n) + "1" + repeat(")", n) + "\n");
  EXPECT_TRUE(p->module);
  auto q = parse_ok("module m\nprocess p { " + repeat("if a { ", 60) + "skip" + repeat(" }", 60) + " }\n");
  EXPECT_TRUE(q->module);
  auto r = parse_ok("module m\ndef f = " + repeat("not ", 100) + "true\n");
  EXPECT_TRUE(r->module);
  auto s = parse_ok("module m\ndef f = 0" + repeat(" + 1", 3000) + "\n");
  EXPECT_TRUE(s->module);
}

TEST(Robustness, RandomTokenSoupNeverCrashes) {
  const std::vector<std::string> words = {
      "module", "m",  "process", "p",     "{",      "}",   "(",     ")",      "[",     "]",   "<<",
      ">>",     "x",  ":=",      "'",     "=",      "==",  "if",    "then",   "else",  "with", "in",
      ":",      ",",  ";",       "1",     "\"s\"",  "..",  "+",     "-",      "not",   "and", "forall",
      "let",    "@",  ".",       "either", "or",    "var", "action", "def",    "|->",  "->",  "set",
      "of",     "seq", "max",    "acquire", "shared", "end", "self",  "assert", "call",  "lock", "rwsem"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 300; ++round) {
    std::string src = round % 2 ? "module m\n" : "";
    int len = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < len; ++i) src += words[rng() % words.size()] + (rng() % 5 ? " " : "\n");
    auto p = parse(src);
    if (!p->module) {
      EXPECT_TRUE(p->diags.has_errors()) << src;  // null always comes with a diagnostic
    }
    for (const auto& d : p->diags.all()) EXPECT_TRUE(d.span.valid() || d.span.file == support::kNoFile) << src;
  }
}

TEST(Robustness, RandomBytesNeverCrash) {
  std::mt19937 rng(777);
  for (int round = 0; round < 200; ++round) {
    std::string src = "module m\n";
    int len = static_cast<int>(rng() % 200);
    for (int i = 0; i < len; ++i) src += static_cast<char>(rng() % 128 ? 32 + rng() % 95 : rng() % 256);
    auto p = parse(src);
    EXPECT_TRUE(p->module || p->diags.has_errors()) << src;
    EXPECT_LE(p->diags.error_count(), 60u);
  }
}

TEST(Robustness, TruncationsOfAValidSpecNeverCrash) {
  const std::string spec =
      "module m\nconst N = 2\nvar x: 0..N = 0\nlock l: rwsem queued\n"
      "process p[i: 1..N] { var t: bool = false\n a: acquire l shared; t := x == 0 with [1] = 2\n"
      " release l }\naction A(v: 1..2) { require x == 0 either { x' = v } or { skip } }\n"
      "invariant inv: forall i in 1..N: {j in 1..N : j > i} == {} implies let y = x in y >= 0\n";
  for (std::size_t cut = 0; cut <= spec.size(); ++cut) {
    auto p = parse(spec.substr(0, cut));
    EXPECT_TRUE(p->module || p->diags.has_errors()) << cut;
  }
}

std::string big_spec(int* decl_groups) {
  std::string src = "module big\nconst N = 3\ntype Writer = 1..N\n";
  int lines = 3, i = 0;
  while (lines < 10000) {
    std::string k = std::to_string(i++);
    src += "var v" + k + ": 0..N in 0..N\n" + "def may" + k + "(w: Writer) = not d" + k + "[w] and v" + k +
           " == 0 or (v" + k + " + 1) * 2 % 3 > 1\n" + "invariant inv" + k + ": forall w in Writer: d" + k +
           "[w] implies v" + k + " == w\n" + "action A" + k + "(w: Writer) {\n  require v" + k +
           " == 0\n  v" + k + "' = w\n  either { d" + k + "[w]' = true } or { skip }\n}\n" + "process p" + k +
           "[w: Writer] {\n  var loc: bool = false\n  l: await v" + k + " == 0\n  v" + k +
           " := if w > 1 then w else card({x in 1..N : x > w})\n}\n";
    lines += 15;
  }
  *decl_groups = i;
  return src;
}

TEST(Robustness, TenThousandLineSpecParsesQuickly) {
  int i = 0;
  const std::string src = big_spec(&i);
  auto t0 = std::chrono::steady_clock::now();
  auto p = parse_ok(src);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(p->module);
  EXPECT_EQ(p->module->decls.size(), 2u + 5u * static_cast<std::size_t>(i));
  // Generous: ~0.3 s of CPU on the development machine; sanitizer builds are much slower.
  EXPECT_LT(ms, 20000) << ms << " ms";
  RecordProperty("parse_ms", static_cast<int>(ms));
}


TEST(Robustness, ErrorsInALargeSpecAreAllFoundQuickly) {
  // Syntax errors are located declaration by declaration (LL only around each failure).
  int groups = 0;
  std::string src = big_spec(&groups);
  std::vector<std::size_t> broken_lines;
  std::size_t line = 1, pos = 0, next_break = 200;
  std::string out;
  while (pos < src.size()) {
    std::size_t nl = src.find('\n', pos);
    std::string l = src.substr(pos, nl - pos);
    if (line >= next_break && l.rfind("invariant", 0) == 0) {
      l += " +";  // the next line then starts with an unexpected token
      broken_lines.push_back(line + 1);
      next_break = line + 1000;
    }
    out += l + "\n";
    pos = nl + 1;
    ++line;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto p = parse(out);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_FALSE(p->module);
  ASSERT_EQ(p->diags.error_count(), broken_lines.size()) << p->rendered();
  for (std::size_t k = 0; k < broken_lines.size(); ++k) {
    EXPECT_EQ(p->diags.all()[k].span.line, broken_lines[k]);
    EXPECT_NE(p->diags.all()[k].message.find("expected an expression after '+'"), std::string::npos);
  }
  EXPECT_LT(ms, 20000) << ms << " ms";
}

}  // namespace
}  // namespace frontend_test
