// compiler: parse_file: checks the encoding, lexes, reports lexical errors and deep nesting, parses
// with SLL (falling back to LL with weft-worded recovery), and builds the AST if there were no errors.
//
// Speed: a correct file is parsed once with SLL prediction. When SLL fails, syntax errors are
// found declaration by declaration: LL with recovery runs from the top-level declaration that
// holds the failure until the parser reaches the next top-level declaration, and SLL resumes
// from there. (Full LL over a whole 10,000-line file costs about ten times SLL, because the
// grammar's open-ended bodies make every operator loop an SLL conflict.) Only when SLL failed
// but LL finds no error (SLL is not exact for e.g. `let x = if c then 1 else 2 in x`) is the
// whole file parsed again with LL to get the tree.
#include <algorithm>
#include <exception>

#include "WeftLexer.h"
#include "WeftParser.h"
#include "antlr4-runtime.h"
#include "compiler/ast_builder.h"
#include "compiler/frontend.h"
#include "compiler/syntax_errors.h"

namespace compiler {

using support::DiagCode;
using weftgen::WeftParser;

namespace {

// LL error reporting reached a declaration after the one it was started for.
struct Resync {
  std::size_t index;
};

// The generated parser with a bound on rule nesting: every rule entry checks the depth of the
// rule invocation stack, kept incrementally (exitRule is not virtual, so exited rules are popped
// lazily when the next rule enters below them). It also raises Resync (see above).
class GuardedParser : public WeftParser {
 public:
  using WeftParser::WeftParser;

  void enterRule(antlr4::ParserRuleContext* ctx, size_t state, size_t rule) override {
    while (!stack_.empty() && stack_.back() != ctx->parent) stack_.pop_back();
    if (stack_.empty() && ctx->parent) rebuild(ctx->parent);
    stack_.push_back(ctx);
    if (stack_.size() > syntax::kMaxRuleDepth) throw syntax::NestingTooDeep{getCurrentToken()};
    if (rule == RuleDecl && stack_.size() == 2 && getCurrentToken()->getTokenIndex() > resync_after_)
      throw Resync{getCurrentToken()->getTokenIndex()};
    WeftParser::enterRule(ctx, state, rule);
  }

  // A labelled alternative replaces the rule's context by a subclass instance.
  void enterOuterAlt(antlr4::ParserRuleContext* ctx, size_t alt) override {
    if (!stack_.empty() && stack_.back() == getContext()) stack_.back() = ctx;
    WeftParser::enterOuterAlt(ctx, alt);
  }

  // Parses moduleFile from token `from` in the given mode; with `strategy` null, SLL bails out
  // on the first error (ParseCancellationException).
  ModuleFileContext* run(std::size_t from, antlr4::atn::PredictionMode mode,
                         std::shared_ptr<antlr4::ANTLRErrorStrategy> strategy,
                         std::size_t resync_after = static_cast<std::size_t>(-1)) {
    reset();
    getTokenStream()->seek(from);
    stack_.clear();
    resync_after_ = resync_after;
    getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(mode);
    setErrorHandler(strategy ? strategy : std::make_shared<antlr4::BailErrorStrategy>());
    return moduleFile();
  }

 private:
  void rebuild(antlr4::tree::ParseTree* top) {
    for (antlr4::tree::ParseTree* p = top; p; p = p->parent) stack_.push_back(p);
    std::reverse(stack_.begin(), stack_.end());
  }

  std::vector<const antlr4::tree::ParseTree*> stack_;
  std::size_t resync_after_ = static_cast<std::size_t>(-1);
};

bool is_decl_keyword(std::size_t type) {
  switch (type) {
    case WeftParser::MODULE: case WeftParser::IMPORT: case WeftParser::CONST: case WeftParser::ENUM:
    case WeftParser::TYPE: case WeftParser::VAR: case WeftParser::INITIALLY: case WeftParser::CONSTRAINT:
    case WeftParser::LOCK: case WeftParser::LOCK_ORDER: case WeftParser::DEF: case WeftParser::ACTION:
    case WeftParser::PROCESS: case WeftParser::PROC: case WeftParser::INVARIANT: case WeftParser::COVER:
    case WeftParser::CHECK:
      return true;
    default:
      return false;
  }
}

// Token indices where a top-level declaration (or the header) may start: declaration keywords
// outside every bracket.
std::vector<std::size_t> declaration_starts(const std::vector<antlr4::Token*>& tokens) {
  std::vector<std::size_t> starts{0};
  long depth = 0;
  for (antlr4::Token* t : tokens) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    std::size_t type = t->getType();
    if (type == WeftParser::LPAREN || type == WeftParser::LBRACK || type == WeftParser::LBRACE ||
        type == WeftParser::LSEQ)
      ++depth;
    else if (type == WeftParser::RPAREN || type == WeftParser::RBRACK || type == WeftParser::RBRACE ||
             type == WeftParser::RSEQ)
      depth = std::max(0L, depth - 1);
    else if (depth == 0 && is_decl_keyword(type))
      starts.push_back(t->getTokenIndex());
  }
  return starts;
}

// Runs the error-reporting passes after SLL failed at token `failed`. Returns true when no
// syntax error was found (SLL was merely inexact).
bool report_syntax_errors(GuardedParser& parser, antlr4::CommonTokenStream& tokens, std::size_t failed,
                          syntax::SyntaxReporter& reporter) {
  const std::vector<std::size_t> starts = declaration_starts(tokens.getTokens());
  auto strategy = std::make_shared<syntax::SyntaxErrorStrategy>(reporter);
  std::size_t from = 0;
  for (;;) {
    // The declaration before the failing token (the failure is often found at the first token
    // of the next declaration), never before where this round started.
    auto it = std::lower_bound(starts.begin(), starts.end(), failed);
    std::size_t start = it == starts.begin() ? 0 : *std::prev(it);
    start = std::max(start, from);
    try {
      parser.run(start, antlr4::atn::PredictionMode::LL, strategy, failed);
      break;  // LL reached the end of the file
    } catch (const Resync& r) {
      from = r.index;
    }
    try {
      parser.run(from, antlr4::atn::PredictionMode::SLL, nullptr);
      break;  // the rest of the file is fine
    } catch (const antlr4::ParseCancellationException&) {
      failed = std::max(tokens.index(), from);
    }
  }
  return reporter.count() == 0 && parser.getNumberOfSyntaxErrors() == 0;
}

void report_nesting(const syntax::TokenLocator& loc, antlr4::Token* at, support::DiagnosticSink& diags) {
  diags.error(DiagCode::E0104, loc.span(at),
              "nesting too deep: the expression or block is nested too deeply to parse; split it "
              "into definitions or procs");
}

// The first token on the default channel.
antlr4::Token* first_token(const std::vector<antlr4::Token*>& tokens) {
  for (antlr4::Token* t : tokens)
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return t;
  return nullptr;
}

std::unique_ptr<ast::Module> parse_impl(support::SourceManager& sm, support::FileId file,
                                        support::DiagnosticSink& diags) {
  if (!syntax::check_encoding(sm, file, diags)) return nullptr;
  const std::string& text = sm.file(file).text;
  syntax::TokenLocator loc(sm, file);

  antlr4::ANTLRInputStream input(text);
  input.name = sm.file(file).path;
  weftgen::WeftLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  const std::vector<antlr4::Token*>& all = tokens.getTokens();
  if (!syntax::check_lexical(all, loc, diags)) return nullptr;

  bool ok = true;
  antlr4::Token* first = first_token(all);
  if (!first || first->getType() == antlr4::Token::EOF) {
    diags.error(DiagCode::E0105, loc.bytes(0, 0),
                "the file is empty: a weft spec starts with 'module NAME'");
    return nullptr;
  }
  if (first->getType() != WeftParser::MODULE) {
    diags.error(DiagCode::E0105, loc.span(first),
                "expected 'module NAME' at the start of the file, found " + syntax::describe_token(first));
    ok = false;  // keep parsing: report the file's syntax errors too
  }
  if (!syntax::check_nesting(all, loc, diags)) return nullptr;

  GuardedParser parser(&tokens);
  parser.removeErrorListeners();
  WeftParser::ModuleFileContext* tree = nullptr;
  try {
    try {
      tree = parser.run(0, antlr4::atn::PredictionMode::SLL, nullptr);
    } catch (const antlr4::ParseCancellationException&) {
      syntax::SyntaxReporter reporter(loc, diags);
      try {
        if (!report_syntax_errors(parser, tokens, tokens.index(), reporter)) {
          if (reporter.count() == 0)  // ANTLR saw an error our strategy did not word
            diags.error(DiagCode::E0104, loc.span(parser.getCurrentToken()), "syntax error");
          return nullptr;
        }
        // No error after all: SLL was inexact. The tree comes from a full LL parse.
        tree = parser.run(0, antlr4::atn::PredictionMode::LL,
                          std::make_shared<syntax::SyntaxErrorStrategy>(reporter));
        if (reporter.count() > 0 || parser.getNumberOfSyntaxErrors() > 0) return nullptr;
      } catch (const syntax::TooManyErrors&) {
        return nullptr;
      }
    }
  } catch (const syntax::NestingTooDeep& deep) {
    report_nesting(loc, deep.token, diags);
    return nullptr;
  }
  if (!tree) return nullptr;

  AstBuilder builder(loc, diags);
  std::unique_ptr<ast::Module> module = builder.build(tree);
  if (!ok || builder.failed() || !module) return nullptr;
  if (module->name.name.empty()) return nullptr;
  return module;
}

}  // namespace

std::unique_ptr<ast::Module> parse_file(support::SourceManager& sm, support::FileId file,
                                        support::DiagnosticSink& diags) {
  try {
    return parse_impl(sm, file, diags);
  } catch (const std::exception& e) {
    // An internal bug (never bad input); reported rather than thrown at the caller.
    diags.error(DiagCode::E0104, sm.span(file, 0, 0), std::string("internal parser error: ") + e.what());
    return nullptr;
  }
}

}  // namespace compiler
