// compiler: syntax diagnostics (E01xx): encoding and lexical checks, the nesting guard, and an ANTLR
// error strategy that words syntax errors in weft terms; also maps ANTLR tokens to byte spans.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "WeftParser.h"
#include "antlr4-runtime.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace compiler::syntax {

// Limits that keep the parser's recursion (and ANTLR's prediction) far from the stack's end,
// even under AddressSanitizer. Exceeding one is the E0104 "nesting too deep".
inline constexpr std::size_t kMaxBracketDepth = 128;   // nested ( [ { <<
inline constexpr std::size_t kMaxPrefixRun = 128;      // `not not not ...`, `- - - ...`
inline constexpr std::size_t kMaxRuleDepth = 2500;     // parser rule invocations
inline constexpr std::size_t kMaxChain = 4096;         // operands of one operator chain (AST depth)
inline constexpr std::size_t kMaxSyntaxErrors = 25;    // then parsing stops
inline constexpr std::size_t kMaxLexicalErrors = 20;

// ANTLR token positions count code points; spans count bytes. Maps one to the other.
class TokenLocator {
 public:
  TokenLocator(const support::SourceManager& sm, support::FileId file);
  support::FileId file() const { return file_; }
  const support::SourceManager& sm() const { return sm_; }
  std::uint32_t byte(std::size_t cp_index) const;
  support::SourceSpan bytes(std::uint32_t begin, std::uint32_t end) const;
  // The bytes of one token (EOF: an empty span at the end of the file).
  support::SourceSpan span(const antlr4::Token* t) const;
  // From the first byte of `first` to the last byte of `last`.
  support::SourceSpan span(const antlr4::Token* first, const antlr4::Token* last) const;
  support::SourceSpan span(antlr4::ParserRuleContext* ctx) const;

 private:
  const support::SourceManager& sm_;
  support::FileId file_;
  std::size_t text_size_;
  std::vector<std::uint32_t> cp_to_byte_;  // empty when the text is ASCII (identity)
};

// E0108: the text must be UTF-8 without NUL bytes. Reports once, at the first bad byte.
bool check_encoding(const support::SourceManager& sm, support::FileId file,
                    support::DiagnosticSink& diags);

// E0101 (unexpected character), E0102 (unterminated string), E0103 (unterminated comment), from
// the error tokens of a fully lexed stream. Returns false if it reported anything.
bool check_lexical(const std::vector<antlr4::Token*>& tokens, const TokenLocator& loc,
                   support::DiagnosticSink& diags);

// E0104 "nesting too deep", found on the token stream before the parser runs.
bool check_nesting(const std::vector<antlr4::Token*>& tokens, const TokenLocator& loc,
                   support::DiagnosticSink& diags);

// Thrown through the generated parser (it only catches RecognitionException) to stop parsing.
struct NestingTooDeep {
  antlr4::Token* token;
};
struct TooManyErrors {};

// Collects syntax errors: at most one per token, line and top-level declaration (`decl_start` is
// the index of its first token), and kMaxSyntaxErrors in all (then throws TooManyErrors).
class SyntaxReporter {
 public:
  SyntaxReporter(const TokenLocator& loc, support::DiagnosticSink& diags) : loc_(loc), diags_(diags) {}
  // `decl_line` is the line of the token at `decl_start` (0 if unknown).
  void report(antlr4::Token* at, std::string message, std::size_t decl_start, std::size_t decl_line = 0);
  std::size_t count() const { return count_; }
  const TokenLocator& loc() const { return loc_; }

 private:
  const TokenLocator& loc_;
  support::DiagnosticSink& diags_;
  std::size_t count_ = 0;
  std::size_t last_index_ = static_cast<std::size_t>(-1);
  std::size_t last_line_ = 0;
};

// ANTLR's recovery, with messages in weft terms ("unexpected 'or' here: expected an expression",
// "expected '}' to close the block opened at 3:14").
class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit SyntaxErrorStrategy(SyntaxReporter& reporter) : reporter_(reporter) {}

 protected:
  void reportNoViableAlternative(antlr4::Parser* recognizer,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* recognizer,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* recognizer,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* recognizer) override;
  void reportMissingToken(antlr4::Parser* recognizer) override;

 private:
  void report_unexpected(antlr4::Parser* p, antlr4::Token* t, const antlr4::misc::IntervalSet& expected);
  void emit(antlr4::Parser* p, antlr4::Token* at, std::string message);
  SyntaxReporter& reporter_;
};

// A short description of a token for messages: "'or'", "name 'foo'", "number 3", "end of file".
std::string describe_token(const antlr4::Token* t);
// The expected set in weft terms: "an expression", "a statement or '}'", "':='" ... (at most 4).
std::string describe_expected(antlr4::Parser* p, const antlr4::misc::IntervalSet& expected,
                              const TokenLocator& loc);

}  // namespace compiler::syntax
