// support: the integer division of LANGUAGE.md §4, shared by every stage that computes it
// (constant folding, both engines, the native code generator, the Z3 encoding's bounds).
#pragma once
#include <cstdint>

namespace support {

// a / b and a % b as TLA+'s \div and %: the quotient rounds toward negative infinity and the
// remainder lies in 0..b-1. Precondition: b > 0 (a divisor that is not positive is a run-time
// error, which each caller reports or leaves to the interpreter).
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if (a % b != 0 && a < 0) --q;
  return q;
}

inline std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

}  // namespace support
