// compiler: syntax diagnostics: token spans, encoding/lexical/nesting checks before parsing, and the
// weft-worded ANTLR error strategy (messages name the offending token and what was expected).
#include "compiler/syntax_errors.h"

#include <algorithm>
#include <cstdio>

#include "support/display_text.h"

namespace compiler::syntax {

using support::DiagCode;
using weftgen::WeftParser;

// ---------------------------------------------------------------- TokenLocator

TokenLocator::TokenLocator(const support::SourceManager& sm, support::FileId file)
    : sm_(sm), file_(file) {
  const std::string& text = sm.file(file).text;
  text_size_ = text.size();
  bool ascii = std::all_of(text.begin(), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return;
  cp_to_byte_.reserve(text.size() + 1);
  // ANTLRInputStream drops a leading UTF-8 byte order mark: code point 0 follows it.
  std::uint32_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  for (std::uint32_t i = start; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cp_to_byte_.push_back(i);
  cp_to_byte_.push_back(static_cast<std::uint32_t>(text.size()));
}

std::uint32_t TokenLocator::byte(std::size_t cp) const {
  if (cp_to_byte_.empty()) return static_cast<std::uint32_t>(std::min(cp, text_size_));
  if (cp >= cp_to_byte_.size()) return cp_to_byte_.back();
  return cp_to_byte_[cp];
}

support::SourceSpan TokenLocator::bytes(std::uint32_t begin, std::uint32_t end) const {
  return sm_.span(file_, begin, end);
}

support::SourceSpan TokenLocator::span(const antlr4::Token* t) const {
  if (!t) return bytes(static_cast<std::uint32_t>(text_size_), static_cast<std::uint32_t>(text_size_));
  return span(t, t);
}

support::SourceSpan TokenLocator::span(const antlr4::Token* first, const antlr4::Token* last) const {
  if (!first) return span(last);
  std::uint32_t b = byte(first->getStartIndex());
  if (first->getType() == antlr4::Token::EOF) return bytes(b, b);
  std::uint32_t e = b;
  if (last && last->getType() != antlr4::Token::EOF && last->getStopIndex() + 1 > first->getStartIndex())
    e = byte(last->getStopIndex() + 1);
  else if (first->getStopIndex() + 1 > first->getStartIndex())
    e = byte(first->getStopIndex() + 1);
  return bytes(b, std::max(b, e));
}

support::SourceSpan TokenLocator::span(antlr4::ParserRuleContext* ctx) const {
  return span(ctx->getStart(), ctx->getStop());
}

// ---------------------------------------------------------------- encoding

namespace {

// Returns the length of the UTF-8 sequence at s[i], or 0 if it is invalid.
std::size_t utf8_length(const std::string& s, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  if (c < 0x80) return 1;
  std::size_t n;
  std::uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (at(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF) return 0;  // overlong
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;                                       // surrogate
  return n;
}

}  // namespace

bool check_encoding(const support::SourceManager& sm, support::FileId file,
                    support::DiagnosticSink& diags) {
  const std::string& text = sm.file(file).text;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      auto off = static_cast<std::uint32_t>(i);
      diags.error(DiagCode::E0108, sm.span(file, off, off + 1),
                  "this file contains a NUL byte: it looks like a binary file, not a weft spec");
      return false;
    }
    std::size_t n = utf8_length(text, i);
    if (n == 0) {
      auto off = static_cast<std::uint32_t>(i);
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      diags.error(DiagCode::E0108, sm.span(file, off, off + 1),
                  std::string("invalid UTF-8 byte ") + hex + ": weft specs must be UTF-8 text");
      return false;
    }
    i += n;
  }
  return true;
}

// ---------------------------------------------------------------- lexical errors

namespace {

std::string describe_char(const std::string& utf8) {
  if (utf8.size() == 1) {
    auto c = static_cast<unsigned char>(utf8[0]);
    if (c < 0x20 || c == 0x7F) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", c);
      return std::string("control character ") + buf;
    }
  }
  // Non-ASCII: name the code point too (the rendered message escapes invisible ones).
  std::uint32_t cp = 0;
  if (!utf8.empty() && static_cast<unsigned char>(utf8[0]) >= 0x80 &&
      support::decode_utf8(utf8, 0, &cp) == utf8.size())
    return "'" + utf8 + "' (" + support::code_point_name(cp) + ")";
  return "'" + support::display_text(utf8) + "'";
}

}  // namespace

bool check_lexical(const std::vector<antlr4::Token*>& tokens, const TokenLocator& loc,
                   support::DiagnosticSink& diags) {
  std::size_t errors = 0;
  for (antlr4::Token* t : tokens) {
    if (errors >= kMaxLexicalErrors) break;
    switch (t->getType()) {
      case WeftParser::BAD_CHAR: {
        std::string text = t->getText();
        std::string msg = "unexpected character " + describe_char(text);
        if (text == "|") msg += " (did you mean '|->'?)";
        else if (text == "&") msg += " (weft writes 'and')";
        else if (text == "!") msg += " (weft writes 'not'; inequality is '!=')";
        else if (text == "#") msg += " (comments start with '//')";
        diags.error(DiagCode::E0101, loc.span(t), msg);
        ++errors;
        break;
      }
      case WeftParser::UNTERMINATED_STRING: {
        support::SourceSpan s = loc.span(t);
        s.end = s.begin + 1;
        diags.error(DiagCode::E0102, s, "unterminated string: no closing '\"' on this line");
        ++errors;
        break;
      }
      case WeftParser::BLOCK_COMMENT: {
        std::string text = t->getText();
        if (text.size() >= 4 && text.compare(text.size() - 2, 2, "*/") == 0) break;
        support::SourceSpan s = loc.span(t);
        s.end = s.begin + 2;
        diags.error(DiagCode::E0103, s, "unterminated comment: '/*' has no matching '*/'");
        ++errors;
        break;
      }
      default:
        break;
    }
  }
  return errors == 0;
}

// ---------------------------------------------------------------- nesting guard

namespace {

bool is_opener(std::size_t type) {
  return type == WeftParser::LPAREN || type == WeftParser::LBRACK || type == WeftParser::LBRACE ||
         type == WeftParser::LSEQ;
}
bool is_closer(std::size_t type) {
  return type == WeftParser::RPAREN || type == WeftParser::RBRACK || type == WeftParser::RBRACE ||
         type == WeftParser::RSEQ;
}

}  // namespace

bool check_nesting(const std::vector<antlr4::Token*>& tokens, const TokenLocator& loc,
                   support::DiagnosticSink& diags) {
  std::size_t depth = 0, prefix_run = 0;
  for (antlr4::Token* t : tokens) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    std::size_t type = t->getType();
    if (is_opener(type)) {
      if (++depth > kMaxBracketDepth) {
        diags.error(DiagCode::E0104, loc.span(t),
                    "nesting too deep: more than " + std::to_string(kMaxBracketDepth) +
                        " nested brackets; split the expression into definitions");
        return false;
      }
    } else if (is_closer(type)) {
      if (depth > 0) --depth;
    }
    if (type == WeftParser::NOT || type == WeftParser::MINUS) {
      if (++prefix_run > kMaxPrefixRun) {
        diags.error(DiagCode::E0104, loc.span(t),
                    "nesting too deep: more than " + std::to_string(kMaxPrefixRun) +
                        " prefix operators in a row");
        return false;
      }
    } else {
      prefix_run = 0;
    }
  }
  return true;
}

// ---------------------------------------------------------------- reporter

void SyntaxReporter::report(antlr4::Token* at, std::string message, std::size_t decl_start,
                            std::size_t decl_line) {
  std::size_t index = at ? at->getTokenIndex() : 0;
  std::size_t line = at ? at->getLine() : 0;
  // One error per token, per line and per declaration: later ones there are mostly the
  // consequence of the first one and of ANTLR's recovery. A declaration that starts on the
  // line of the previous error began inside that error's recovery (a keyword there was taken
  // as the start of a new declaration), so its errors are consequences too.
  if (count_ > 0 && (index == last_index_ || line == last_line_ || decl_start <= last_index_ ||
                     (decl_line != 0 && decl_line == last_line_)))
    return;
  last_index_ = index;
  last_line_ = line;
  auto& d = diags_.error(DiagCode::E0104, loc_.span(at), std::move(message));
  if (++count_ >= kMaxSyntaxErrors) {
    d.notes.push_back({support::SourceSpan{}, "too many syntax errors; stopping here"});
    throw TooManyErrors{};
  }
}

// ---------------------------------------------------------------- messages

namespace {

const std::vector<std::size_t>& expression_starts() {
  static const std::vector<std::size_t> v = {
      WeftParser::ID,     WeftParser::INT,    WeftParser::STRING, WeftParser::TRUE,
      WeftParser::FALSE,  WeftParser::SELF,   WeftParser::LPAREN, WeftParser::LBRACE,
      WeftParser::LBRACK, WeftParser::LSEQ,   WeftParser::IF,     WeftParser::FORALL,
      WeftParser::EXISTS, WeftParser::SUM,    WeftParser::LET,    WeftParser::BOOL,
      WeftParser::SET,    WeftParser::SEQ,    WeftParser::MINUS,  WeftParser::NOT};
  return v;
}
const std::vector<std::size_t>& statement_starts() {
  static const std::vector<std::size_t> v = {
      WeftParser::REQUIRE, WeftParser::AWAIT, WeftParser::ACQUIRE, WeftParser::RELEASE,
      WeftParser::ASSERT,  WeftParser::SKIP_, WeftParser::ATOMIC,  WeftParser::IF,
      WeftParser::WHILE,   WeftParser::LOOP,  WeftParser::BREAK,   WeftParser::EITHER,
      WeftParser::WITH,    WeftParser::CALL,  WeftParser::ID};
  return v;
}
const std::vector<std::size_t>& declaration_starts() {
  static const std::vector<std::size_t> v = {
      WeftParser::IMPORT,     WeftParser::CONST,     WeftParser::ENUM,    WeftParser::TYPE,
      WeftParser::VAR,        WeftParser::INITIALLY, WeftParser::CONSTRAINT, WeftParser::LOCK,
      WeftParser::LOCK_ORDER, WeftParser::DEF,       WeftParser::ACTION,  WeftParser::PROCESS,
      WeftParser::PROC,       WeftParser::INVARIANT, WeftParser::COVER,   WeftParser::CHECK};
  return v;
}
// Tokens that can only continue an expression already seen (binary and postfix operators).
const std::vector<std::size_t>& continuations() {
  static const std::vector<std::size_t> v = {
      WeftParser::IMPLIES, WeftParser::IFF,     WeftParser::OR,     WeftParser::AND,
      WeftParser::EQ,      WeftParser::NE,      WeftParser::LT,     WeftParser::LE,
      WeftParser::GT,      WeftParser::GE,      WeftParser::IN,     WeftParser::NOTIN,
      WeftParser::SUBSET,  WeftParser::UNION,   WeftParser::BACKSLASH, WeftParser::INTER,
      WeftParser::DOTDOT,  WeftParser::PLUS,    WeftParser::MINUS,  WeftParser::STAR,
      WeftParser::SLASH,   WeftParser::PERCENT, WeftParser::CARET,  WeftParser::LBRACK,
      WeftParser::DOT,     WeftParser::PRIME,   WeftParser::AT,     WeftParser::WITH};
  return v;
}

bool contains_all(const antlr4::misc::IntervalSet& s, std::initializer_list<std::size_t> types) {
  for (auto t : types)
    if (!s.contains(t)) return false;
  return true;
}

std::size_t opener_of(std::size_t closer) {
  switch (closer) {
    case WeftParser::RPAREN: return WeftParser::LPAREN;
    case WeftParser::RBRACK: return WeftParser::LBRACK;
    case WeftParser::RBRACE: return WeftParser::LBRACE;
    case WeftParser::RSEQ: return WeftParser::LSEQ;
    default: return 0;
  }
}

// Finds the still-open bracket that `closer` would close, walking out from the current rule.
antlr4::tree::TerminalNode* open_bracket(antlr4::Parser* p, std::size_t closer,
                                         const antlr4::ParserRuleContext** owner) {
  std::size_t opener = opener_of(closer);
  for (antlr4::RuleContext* rc = p->getContext(); rc; rc = dynamic_cast<antlr4::RuleContext*>(rc->parent)) {
    auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(rc);
    if (!ctx) break;
    int balance = 0;
    for (auto it = ctx->children.rbegin(); it != ctx->children.rend(); ++it) {
      auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(*it);
      if (!term) continue;
      std::size_t type = term->getSymbol()->getType();
      if (type == closer) ++balance;
      else if (type == opener && balance-- == 0) {
        *owner = ctx;
        return term;
      }
    }
  }
  return nullptr;
}

std::string position(const TokenLocator& loc, const antlr4::Token* t) {
  support::SourceSpan s = loc.span(t);
  return std::to_string(s.line) + ":" + std::to_string(s.col);
}

std::string closer_item(antlr4::Parser* p, std::size_t closer, const TokenLocator& loc) {
  std::string lit = p->getVocabulary().getLiteralName(closer);
  const antlr4::ParserRuleContext* owner = nullptr;
  antlr4::tree::TerminalNode* open = open_bracket(p, closer, &owner);
  if (!open) return lit;
  std::string what;
  if (closer == WeftParser::RBRACE) {
    if (dynamic_cast<const WeftParser::BlockContext*>(owner) ||
        dynamic_cast<const WeftParser::ProcessBodyContext*>(owner))
      what = "the block";
    else if (dynamic_cast<const WeftParser::EnumDeclContext*>(owner))
      what = "the enum";
    else
      what = "the set";
  } else {
    what = "the " + p->getVocabulary().getLiteralName(opener_of(closer));
  }
  return lit + " to close " + what + " opened at " + position(loc, open->getSymbol());
}

// True when the parser is inside a type (types are parsed as expressions, see Weft.g4).
bool in_type(antlr4::Parser* p) {
  for (antlr4::tree::ParseTree* t = p->getContext(); t; t = t->parent) {
    if (dynamic_cast<WeftParser::TypeExprContext*>(t)) return true;
    if (dynamic_cast<WeftParser::PrimaryContext*>(t) && t != p->getContext()) return false;
    if (dynamic_cast<WeftParser::ExprContext*>(t)) return false;
  }
  return false;
}

std::string join_items(const std::vector<std::string>& items) {
  std::string r;
  std::size_t n = std::min<std::size_t>(items.size(), 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) r += (i + 1 == n && items.size() <= 4) ? " or " : ", ";
    r += items[i];
  }
  if (items.size() > 4) r += ", ...";
  return r;
}

}  // namespace

std::string describe_token(const antlr4::Token* t) {
  if (!t || t->getType() == antlr4::Token::EOF) return "end of file";
  std::string text = t->getText();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  switch (t->getType()) {
    case WeftParser::ID: return "name '" + text + "'";
    case WeftParser::INT: return "number " + text;
    case WeftParser::STRING: return "string " + text;
    default: return "'" + text + "'";
  }
}

std::string describe_expected(antlr4::Parser* p, const antlr4::misc::IntervalSet& expected_in,
                              const TokenLocator& loc) {
  antlr4::misc::IntervalSet expected = expected_in;
  std::vector<std::string> items;
  // Closing brackets first: they say where the construct began.
  for (std::size_t closer : {WeftParser::RBRACE, WeftParser::RPAREN, WeftParser::RBRACK, WeftParser::RSEQ}) {
    if (expected.contains(closer)) {
      items.push_back(closer_item(p, closer, loc));
      expected.remove(closer);
    }
  }
  if (contains_all(expected, {WeftParser::REQUIRE, WeftParser::AWAIT, WeftParser::ACQUIRE})) {
    items.push_back("a statement");
    for (auto t : statement_starts()) expected.remove(t);
  }
  if (contains_all(expected, {WeftParser::CONST, WeftParser::DEF, WeftParser::PROCESS})) {
    items.push_back("a declaration");
    for (auto t : declaration_starts()) expected.remove(t);
  }
  if (contains_all(expected, {WeftParser::INT, WeftParser::LPAREN, WeftParser::ID})) {
    items.push_back(in_type(p) ? "a type" : "an expression");
    for (auto t : expression_starts()) expected.remove(t);
  }
  // Operators that could extend the expression before the error are rarely what the writer
  // meant; mention them only when nothing else fits.
  bool only_ops = true;
  for (auto t : expected.toList())
    if (std::find(continuations().begin(), continuations().end(), static_cast<std::size_t>(t)) ==
        continuations().end())
      only_ops = false;
  if (expected.size() > 3 && only_ops && items.empty()) return "an operator";
  if (expected.size() > 3)
    for (auto t : continuations()) expected.remove(t);
  for (auto st : expected.toList()) {
    auto t = static_cast<std::size_t>(st);
    if (t == antlr4::Token::EOF) items.push_back("end of file");
    else if (t == WeftParser::ID) items.push_back("a name");
    else if (t == WeftParser::STRING) items.push_back("a string");
    else if (t == WeftParser::INT) items.push_back("a number");
    else if (t == WeftParser::SEMI && !items.empty()) continue;  // ';' is never required
    else items.push_back(p->getVocabulary().getLiteralName(t));
  }
  if (items.empty()) return "something else";
  return join_items(items);
}

namespace {

bool starts_expression(std::size_t type) {
  const auto& v = expression_starts();
  return std::find(v.begin(), v.end(), type) != v.end();
}

bool is_binary_operator(std::size_t type) {
  const auto& v = continuations();
  return type != WeftParser::PRIME && type != WeftParser::WITH &&
         std::find(v.begin(), v.end(), type) != v.end();
}

// Tokens that can end an operand: after them, a missing piece is not "after" them.
bool ends_operand(std::size_t type) {
  switch (type) {
    case WeftParser::ID: case WeftParser::INT: case WeftParser::STRING: case WeftParser::TRUE:
    case WeftParser::FALSE: case WeftParser::SELF: case WeftParser::END: case WeftParser::RPAREN:
    case WeftParser::RBRACK: case WeftParser::RBRACE: case WeftParser::RSEQ: case WeftParser::PRIME:
    case WeftParser::BOOL:
      return true;
    default:
      return false;
  }
}

bool same_line(const antlr4::Token* a, const antlr4::Token* b) {
  return a && b && a->getLine() == b->getLine();
}

}  // namespace

void SyntaxErrorStrategy::emit(antlr4::Parser* p, antlr4::Token* at, std::string message) {
  // The top-level declaration being parsed, if any: one error per declaration.
  std::size_t decl_start = at ? at->getTokenIndex() : 0;
  for (antlr4::tree::ParseTree* t = p->getContext(); t; t = t->parent) {
    if (auto* d = dynamic_cast<WeftParser::DeclContext*>(t)) {
      if (d->getStart()) decl_start = d->getStart()->getTokenIndex();
      break;
    }
  }
  // Between declarations: tokens left over from a broken declaration are its consequence, so
  // count them as part of the last declaration.
  if (auto* file = dynamic_cast<WeftParser::ModuleFileContext*>(p->getContext())) {
    for (auto it = file->children.rbegin(); it != file->children.rend(); ++it) {
      if (auto* d = dynamic_cast<WeftParser::DeclContext*>(*it)) {
        if (d->getStart()) decl_start = d->getStart()->getTokenIndex();
        break;
      }
    }
    if (at && is_closer(at->getType())) decl_start = 0;
  }
  std::size_t decl_line = 0;
  if (at && decl_start < at->getTokenIndex() && p->getTokenStream())
    if (antlr4::Token* t = p->getTokenStream()->get(decl_start)) decl_line = t->getLine();
  reporter_.report(at, std::move(message), decl_start, decl_line);
}

void SyntaxErrorStrategy::report_unexpected(antlr4::Parser* p, antlr4::Token* t,
                                            const antlr4::misc::IntervalSet& expected) {
  std::size_t type = t ? t->getType() : antlr4::Token::EOF;
  const TokenLocator& loc = reporter_.loc();
  antlr4::TokenStream* in = p->getTokenStream();
  // `x or or y`: the parser stops before the first 'or' (a body may end there), but the problem
  // is what follows it.
  if (t && is_binary_operator(type) && t->getTokenIndex() == in->index()) {
    antlr4::Token* next = in->LT(2);
    if (next && !starts_expression(next->getType())) {
      std::string what = next->getType() == antlr4::Token::EOF ? "end of file"
                                                               : describe_token(next) + " here";
      emit(p, next, "unexpected " + what + ": expected an expression after '" + t->getText() + "'");
      return;
    }
  }
  antlr4::Token* prev = t && t->getTokenIndex() > 0 ? in->get(t->getTokenIndex() - 1) : nullptr;
  // `x :=` with its value missing, then `y := 2`: y was read as x's value.
  bool statement_expected = expected.contains(static_cast<std::size_t>(WeftParser::AWAIT));
  if (statement_expected && prev &&
      (type == WeftParser::ASSIGN || (type == WeftParser::EQUALS && prev->getType() == WeftParser::PRIME))) {
    antlr4::Token* name = prev;
    if (prev->getType() == WeftParser::PRIME && prev->getTokenIndex() > 0) name = in->get(prev->getTokenIndex() - 1);
    emit(p, t, "unexpected " + describe_token(t) + " here: the statement before '" + name->getText() +
                            "' seems to be missing its expression ('" + name->getText() +
                            "' was read as its end)");
    return;
  }
  if (type == WeftParser::ELSE && !expected.contains(type)) {
    emit(p, t, "unexpected 'else' here: 'else' must directly follow the '}' of an 'if' block");
    return;
  }
  std::string msg;
  if (type == antlr4::Token::EOF) {
    // At the end of the file only the missing closing bracket matters.
    for (std::size_t closer : {WeftParser::RBRACE, WeftParser::RPAREN, WeftParser::RBRACK, WeftParser::RSEQ}) {
      if (expected.contains(closer)) {
        emit(p, t, "unexpected end of file: expected " + closer_item(p, closer, loc));
        return;
      }
    }
    msg = "unexpected end of file";
  } else {
    msg = "unexpected " + describe_token(t) + " here";
  }
  std::string what = describe_expected(p, expected, loc);
  // Say what the missing piece follows when that is an operator or a keyword: "an expression
  // after ':='", "a name after 'module'".
  if ((what == "an expression" || what == "a name" || what == "a type") && prev && !ends_operand(prev->getType()))
    what += " after '" + prev->getText() + "'";
  msg += ": expected " + what;
  bool keyword = t && type != antlr4::Token::EOF && type >= WeftParser::MODULE && type <= WeftParser::END;
  if (keyword && expected.contains(static_cast<std::size_t>(WeftParser::ID)) && same_line(prev, t))
    msg += " ('" + t->getText() + "' is a reserved word and cannot be used as a name)";
  else if (type == WeftParser::EQUALS && !expected.contains(static_cast<std::size_t>(WeftParser::ASSIGN)) &&
           prev && ends_operand(prev->getType()))
    msg += " (to compare, write '==')";
  else if (type == WeftParser::EQUALS && expected.contains(static_cast<std::size_t>(WeftParser::ASSIGN)))
    msg += " (in a process, assignment is ':='; in an action, write x' = e)";
  else if ((type == WeftParser::EQ || type == WeftParser::NE || type == WeftParser::LT ||
            type == WeftParser::LE || type == WeftParser::GT || type == WeftParser::GE) &&
           !expected.contains(type))
    msg += " (comparisons do not chain: write 'a < b and b < c')";
  else if (type == WeftParser::THEN && expected.contains(static_cast<std::size_t>(WeftParser::LBRACE)))
    msg += " (an 'if' statement takes a block: if c { ... })";
  else if (expected.contains(static_cast<std::size_t>(WeftParser::OR)) && expected.size() == 1)
    msg += " (either needs two or more branches: either { ... } or { ... })";
  else if (expected.contains(static_cast<std::size_t>(WeftParser::COLON)) && expected.size() == 1 &&
           dynamic_cast<WeftParser::ParamContext*>(p->getContext()))
    msg += " (parameters of def, action and process need a type: x: T)";
  emit(p, t, msg);
}

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser* recognizer,
                                                    const antlr4::NoViableAltException& e) {
  antlr4::Token* t = e.getOffendingToken();
  antlr4::Token* start = e.getStartToken();
  if (start && t && start->getTokenIndex() != t->getTokenIndex() && t->getType() != antlr4::Token::EOF) {
    antlr4::TokenStream* in = recognizer->getTokenStream();
    antlr4::Token* prev = t->getTokenIndex() > 0 ? in->get(t->getTokenIndex() - 1) : start;
    std::string msg = "unexpected " + describe_token(t) + " after " + describe_token(prev);
    if (!ends_operand(prev->getType()) && prev->getType() != WeftParser::COLON)
      msg = "unexpected " + describe_token(t) + " here: expected an expression after '" + prev->getText() + "'";
    else if (t->getType() == WeftParser::EQUALS)
      msg += ": in a process, assignment is 'x := e'; in an action, write x' = e";
    else if (t->getType() == WeftParser::ASSIGN)
      msg += ": ':=' assigns a variable or an element of one (x, f[i], r.f)";
    emit(recognizer, t, msg);
    return;
  }
  report_unexpected(recognizer, t, e.getExpectedTokens());
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser* recognizer,
                                              const antlr4::InputMismatchException& e) {
  report_unexpected(recognizer, e.getOffendingToken(), e.getExpectedTokens());
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser* recognizer,
                                                const antlr4::FailedPredicateException& e) {
  report_unexpected(recognizer, e.getOffendingToken(), recognizer->getExpectedTokens());
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* recognizer) {
  if (inErrorRecoveryMode(recognizer)) return;
  beginErrorCondition(recognizer);
  report_unexpected(recognizer, recognizer->getCurrentToken(), getExpectedTokens(recognizer));
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* recognizer) {
  if (inErrorRecoveryMode(recognizer)) return;
  beginErrorCondition(recognizer);
  antlr4::Token* t = recognizer->getCurrentToken();
  antlr4::misc::IntervalSet expected = getExpectedTokens(recognizer);
  if (t->getType() == antlr4::Token::EOF) {
    report_unexpected(recognizer, t, expected);
    return;
  }
  emit(recognizer, t, "expected " + describe_expected(recognizer, expected, reporter_.loc()) +
                          " before " + describe_token(t));
}

}  // namespace compiler::syntax
