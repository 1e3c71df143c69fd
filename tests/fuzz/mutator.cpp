// tests/fuzz: implementation of the deterministic source mutators declared in mutator.h.
#include "tests/fuzz/mutator.h"

#include <array>
#include <cctype>

namespace fuzz {

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

namespace {

bool ident_char(unsigned char c) { return std::isalnum(c) || c == '_'; }

// Bytes that most often turn valid weft into interesting invalid weft.
constexpr std::string_view kInteresting = "{}[]()<>:=',.;\"/*\\@|-+^%!\n\t 0x_";

constexpr std::array<std::string_view, 48> kWords = {
    "module", "import", "const", "enum", "type", "var", "initially", "constraint", "lock",
    "lock_order", "def", "action", "process", "proc", "invariant", "cover", "check",
    "require", "either", "or", "with", "if", "then", "else", "while", "loop", "break",
    "atomic", "await", "acquire", "release", "assert", "call", "shared", "set of",
    "seq of", "forall", "exists", "let", "in", "self", "end", "'", ":=", "..", "|->", "<<",
    "99999999999999999999"};

std::vector<std::size_t> solid_tokens(const std::vector<Token>& toks) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < toks.size(); ++i)
    if (!toks[i].space) idx.push_back(i);
  return idx;
}

// 0: name or keyword, 1: number, 2: string, 3: punctuation.
int token_class(std::string_view text, const Token& t) {
  unsigned char c = static_cast<unsigned char>(text[t.begin]);
  if (std::isdigit(c)) return 1;
  if (ident_char(c)) return 0;
  return c == '"' ? 2 : 3;
}

// [begin, end) of the line containing offset `at` (end includes the '\n').
std::pair<std::size_t, std::size_t> line_around(const std::string& text, std::size_t at) {
  std::size_t b = text.rfind('\n', at == 0 ? 0 : at - 1);
  b = (b == std::string::npos || at == 0) ? 0 : b + 1;
  std::size_t e = text.find('\n', at);
  e = e == std::string::npos ? text.size() : e + 1;
  return {b, e};
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    std::size_t b = i;
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool space = false;
    if (std::isspace(c)) {
      while (i < n && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      space = true;
    } else if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      while (i < n && text[i] != '\n') ++i;
      space = true;
    } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
      std::size_t e = text.find("*/", i + 2);
      i = e == std::string_view::npos ? n : e + 2;
      space = true;
    } else if (c == '"') {
      ++i;
      while (i < n && text[i] != '"' && text[i] != '\n') i += (text[i] == '\\' && i + 1 < n) ? 2 : 1;
      if (i < n && text[i] == '"') ++i;
    } else if (ident_char(c)) {
      while (i < n && ident_char(static_cast<unsigned char>(text[i]))) ++i;
    } else {
      ++i;  // one punctuation byte; multi-byte operators are split, which is fine for mutation
    }
    out.push_back({b, i, space});
  }
  return out;
}

const char* mutation_name(Mutation m) {
  switch (m) {
    case Mutation::FlipByte: return "flip_byte";
    case Mutation::InsertByte: return "insert_byte";
    case Mutation::Truncate: return "truncate";
    case Mutation::DeleteToken: return "delete_token";
    case Mutation::SwapTokens: return "swap_tokens";
    case Mutation::DuplicateToken: return "duplicate_token";
    case Mutation::InsertKeyword: return "insert_keyword";
    case Mutation::DuplicateLine: return "duplicate_line";
    case Mutation::DeleteLine: return "delete_line";
    case Mutation::DeleteSpan: return "delete_span";
    case Mutation::ReplaceToken: return "replace_token";
    case Mutation::kCount: break;
  }
  return "?";
}

void mutate(std::string& text, Mutation m, Rng& rng) {
  switch (m) {
    case Mutation::FlipByte: {
      if (text.empty()) return;
      std::size_t at = rng.below(text.size());
      // Mostly another printable byte (gets past the UTF-8 check), sometimes any other byte.
      text[at] = rng.chance(70) ? static_cast<char>(0x20 + rng.below(0x5f))
                                : static_cast<char>(static_cast<unsigned char>(text[at]) ^
                                                    (1u + rng.below(255)));
      return;
    }
    case Mutation::InsertByte: {
      std::size_t at = rng.below(text.size() + 1);
      char c = rng.chance(70) ? kInteresting[rng.below(kInteresting.size())]
                              : static_cast<char>(rng.below(256));
      text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
      return;
    }
    case Mutation::Truncate:
      text.resize(rng.below(text.size() + 1));
      return;
    case Mutation::kCount:
      return;
    default:
      break;
  }
  if (m == Mutation::DuplicateLine || m == Mutation::DeleteLine) {
    if (text.empty()) return;
    auto [b, e] = line_around(text, rng.below(text.size()));
    std::string line = text.substr(b, e - b);
    if (m == Mutation::DeleteLine) {
      text.erase(b, e - b);
    } else {
      if (line.empty() || line.back() != '\n') line += '\n';
      text.insert(b, line);
    }
    return;
  }
  std::vector<Token> toks = tokenize(text);
  std::vector<std::size_t> solid = solid_tokens(toks);
  if (m == Mutation::InsertKeyword) {
    std::size_t at = toks.empty() ? 0 : toks[rng.below(toks.size())].begin;
    std::string word = " " + std::string(kWords[rng.below(kWords.size())]) + " ";
    text.insert(at, word);
    return;
  }
  if (solid.empty()) return;
  const Token& a = toks[solid[rng.below(solid.size())]];
  switch (m) {
    case Mutation::DeleteToken:
      text.erase(a.begin, a.end - a.begin);
      return;
    case Mutation::DuplicateToken:
      text.insert(a.end, text.substr(a.begin, a.end - a.begin));
      return;
    case Mutation::DeleteSpan: {
      std::size_t first = rng.below(solid.size());
      std::size_t last = std::min(solid.size() - 1, first + rng.below(8));
      std::size_t b = toks[solid[first]].begin, e = toks[solid[last]].end;
      text.erase(b, e - b);
      return;
    }
    case Mutation::ReplaceToken: {
      int cls = token_class(text, a);
      std::vector<std::size_t> same;
      for (std::size_t i : solid)
        if (token_class(text, toks[i]) == cls) same.push_back(i);
      const Token& b = toks[same[rng.below(same.size())]];
      text.replace(a.begin, a.end - a.begin, text.substr(b.begin, b.end - b.begin));
      return;
    }
    case Mutation::SwapTokens: {
      const Token& c = toks[solid[rng.below(solid.size())]];
      const Token& lo = a.begin <= c.begin ? a : c;
      const Token& hi = a.begin <= c.begin ? c : a;
      if (lo.begin == hi.begin) return;
      std::string lo_text = text.substr(lo.begin, lo.end - lo.begin);
      std::string hi_text = text.substr(hi.begin, hi.end - hi.begin);
      text.replace(hi.begin, hi.end - hi.begin, lo_text);  // the later one first: offsets stay valid
      text.replace(lo.begin, lo.end - lo.begin, hi_text);
      return;
    }
    default:
      return;
  }
}

std::string mutate_random(std::string& text, Rng& rng) {
  std::string what;
  std::uint64_t roll = rng.below(10);
  std::uint64_t rounds = roll < 6 ? 1 : roll < 9 ? 2 : 3;
  for (std::uint64_t r = 0; r < rounds; ++r) {
    auto m = static_cast<Mutation>(rng.below(static_cast<std::uint64_t>(Mutation::kCount)));
    // Truncation destroys most of the text: keep it rarer than the local edits.
    if (m == Mutation::Truncate && rng.chance(50)) m = Mutation::DeleteToken;
    mutate(text, m, rng);
    if (!what.empty()) what += '+';
    what += mutation_name(m);
  }
  return what;
}

}  // namespace fuzz
