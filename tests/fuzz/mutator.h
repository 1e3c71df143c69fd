// tests/fuzz: deterministic mutators for weft source text (byte flips, insertions,
// truncations, token deletion/swap/duplication, line duplication/deletion); same seed, same mutants.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// splitmix64: small, fast, and identical on every platform (unlike std:: distributions).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // Uniform in [0, n); n must be > 0.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

// A token of weft-like text: an identifier/keyword, a number, a string, a comment, one
// punctuation run, or white space. Offsets into the text it was cut from.
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool space = false;  // white space or comment
};

std::vector<Token> tokenize(std::string_view text);

enum class Mutation {
  FlipByte,        // replace one byte (mostly by a printable one)
  InsertByte,      // insert a random byte (biased towards weft punctuation and odd bytes)
  Truncate,        // cut the text at a random offset
  DeleteToken,     // remove one non-space token
  SwapTokens,      // exchange two non-space tokens
  DuplicateToken,  // repeat one token in place
  InsertKeyword,   // insert a keyword or operator between tokens
  DuplicateLine,   // repeat one line
  DeleteLine,      // remove one line
  DeleteSpan,      // remove a run of tokens (e.g. a closing brace and what follows)
  ReplaceToken,    // replace a token by another of the same text's tokens of the same class
                   // (name by name, number by number, ...): mostly well-formed, often ill-typed
  kCount
};

const char* mutation_name(Mutation m);

// Applies one mutation of kind `m` to `text` in place (no-op when the text is too short).
void mutate(std::string& text, Mutation m, Rng& rng);

// Applies 1-3 random mutations; returns a short description ("swap_tokens+delete_line").
std::string mutate_random(std::string& text, Rng& rng);

}  // namespace fuzz
