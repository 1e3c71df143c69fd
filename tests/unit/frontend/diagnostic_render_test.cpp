// tests/frontend: rendering of diagnostics: columns count characters, the caret stays under the
// offending text after UTF-8, escaped and invisible characters, long lines are windowed, and
// internal errors are rendered as such.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "support/diagnostics.h"
#include "support/display_text.h"
#include "support/source_manager.h"

namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Renders one error at [begin, end) of `text` and returns its lines.
std::vector<std::string> render_at(const std::string& text, std::uint32_t begin, std::uint32_t end,
                                   support::SourceSpan* span_out = nullptr) {
  support::SourceManager sm;
  support::FileId f = sm.add("t.weft", text);
  support::DiagnosticSink sink;
  support::SourceSpan s = sm.span(f, begin, end);
  if (span_out) *span_out = s;
  sink.error(support::DiagCode::E0302, s, "bad");
  return lines_of(sink.render(sm));
}

// The display column (0-based, in characters) where the caret line's first '^' is, relative
// to the start of the source text after " N | ".
std::size_t caret_offset(const std::vector<std::string>& lines) {
  const std::string& caret = lines.at(2);
  std::size_t bar = caret.find('|');
  return caret.find('^') - (bar + 2);
}

// Characters (code points) of a UTF-8 string.
std::size_t chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(DiagnosticRender, ColumnCountsCharactersAndCaretIsAligned) {
  std::string text = "module m\ninvariant i: x /* caf\xC3\xA9 \xE2\x80\x94 */ and y + true\n";
  std::uint32_t at = static_cast<std::uint32_t>(text.find("true"));
  support::SourceSpan s;
  auto lines = render_at(text, at, at + 4, &s);
  // "invariant i: x /* café — */ and y + " is 36 characters (39 bytes).
  EXPECT_EQ(s.col, 37u);
  EXPECT_EQ(lines[0].find("t.weft:2:37: error[E0302]: bad"), 0u) << lines[0];
  std::string src = lines[1].substr(lines[1].find('|') + 2);
  EXPECT_EQ(caret_offset(lines), chars(src.substr(0, src.find("true"))));
  EXPECT_NE(lines[2].find("^^^^"), std::string::npos);
}

TEST(DiagnosticRender, InvisibleAndInvalidBytesAreEscaped) {
  // U+202E (right-to-left override) and a stray 0xFF byte before the error.
  std::string text = "module m\ndef a = 1 /* \xE2\x80\xAE \xFF */ + true\n";
  std::uint32_t at = static_cast<std::uint32_t>(text.find("true"));
  auto lines = render_at(text, at, at + 4);
  EXPECT_EQ(lines[1].find("\xE2\x80\xAE"), std::string::npos) << "the override reached the terminal raw";
  EXPECT_EQ(lines[1].find('\xFF'), std::string::npos);
  EXPECT_NE(lines[1].find("<U+202E>"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("<\\xFF>"), std::string::npos) << lines[1];
  std::string src = lines[1].substr(lines[1].find('|') + 2);
  EXPECT_EQ(caret_offset(lines), src.find("true"));  // the escapes are ASCII
}

TEST(DiagnosticRender, MessagesEscapeControlAndInvisibleCharacters) {
  EXPECT_EQ(support::display_text("a\x1b[31mb"), "a<U+001B>[31mb");
  EXPECT_EQ(support::display_text("x\xE2\x80\xAEy"), "x<U+202E>y");
  EXPECT_EQ(support::display_text("caf\xC3\xA9"), "caf\xC3\xA9");  // printable UTF-8 stays
  EXPECT_EQ(support::display_text("\xC3"), "\\xC3");               // truncated sequence
}

TEST(DiagnosticRender, LongLinesShowAWindowAroundTheCaret) {
  std::string text = "module m\ninvariant w: ";
  for (int i = 0; i < 100; ++i) text += "x >= 0 and ";
  std::uint32_t at = static_cast<std::uint32_t>(text.size());
  text += "x >= true and x >= 0 and x >= 0\n";
  support::SourceSpan s;
  auto lines = render_at(text, at, at + 9, &s);
  EXPECT_EQ(s.col, at - 9 + 1);  // line 2 starts at byte 9
  ASSERT_GE(lines.size(), 3u);
  std::string src = lines[1].substr(lines[1].find('|') + 2);
  EXPECT_LE(chars(src), 162u) << "the line was not cut";
  EXPECT_EQ(src.rfind("\xE2\x80\xA6", 0), 0u) << "no leading marker: " << src;
  std::size_t pos = src.find("x >= true");
  ASSERT_NE(pos, std::string::npos) << "the error is outside the window: " << src;
  EXPECT_EQ(caret_offset(lines), chars(src.substr(0, pos)));
  EXPECT_NE(lines[2].find("^^^^^^^^^"), std::string::npos) << lines[2];
}

TEST(DiagnosticRender, ShortLinesAreShownWhole) {
  std::string text = "module m\ndef a = 1 + true\n";
  std::uint32_t at = static_cast<std::uint32_t>(text.find("true"));
  auto lines = render_at(text, at, at + 4);
  EXPECT_EQ(lines[1], " 2 | def a = 1 + true");
  EXPECT_EQ(lines[2], "   |             ^^^^");
}

TEST(DiagnosticRender, ColumnsOfAsciiFilesAreBytes) {
  support::SourceManager sm;
  support::FileId f = sm.add("t.weft", "ab\n\tcd\n");
  EXPECT_EQ(sm.position(f, 4), (std::pair<std::uint32_t, std::uint32_t>{2, 2}));  // a tab is one column
}

TEST(DiagnosticRender, InternalErrorsAreNotSpecErrors) {
  support::SourceManager sm;
  support::DiagnosticSink sink;
  sink.internal_error("in the front end: boom");
  EXPECT_TRUE(sink.has_internal_error());
  EXPECT_TRUE(sink.has_errors());
  std::string out = sink.render(sm);
  EXPECT_NE(out.find("error: internal error: in the front end: boom"), std::string::npos) << out;
  EXPECT_EQ(out.find("error["), std::string::npos) << "an internal error has no spec-error code: " << out;
}

}  // namespace
