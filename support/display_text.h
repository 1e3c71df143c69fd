// support: terminal-safe display of source text and messages: UTF-8 decoding, escaping of
// control characters, invalid bytes and invisible/bidi code points, and display columns.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace support {

// One code point (or one invalid byte) of a source line as it is shown on a terminal.
struct DisplayUnit {
  std::uint32_t byte = 0;   // offset of its first byte in the line
  std::uint32_t bytes = 1;  // length in bytes
  std::string shown;        // what is printed: the character itself or an escape
  std::uint32_t width = 1;  // terminal columns `shown` takes
};

// Splits a line into display units. Tabs show as one space; C0/C1 controls, DEL and
// invisible or direction-changing code points as <U+XXXX>; bytes that are not valid UTF-8
// as <\xNN>; wide (East Asian, emoji) characters take two columns.
std::vector<DisplayUnit> display_units(std::string_view line);

// The text of `s` with the same escapes, for messages that quote user text.
std::string display_text(std::string_view s);

// Decodes the UTF-8 sequence at s[i]: returns its length (0 if invalid) and the code point.
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t* cp);

// "U+00E9"
std::string code_point_name(std::uint32_t cp);

}  // namespace support
