// report: small text helpers shared by the writers: UTF-8 repair and width, word wrapping,
// XML escaping, safe file names.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace report {

// Replaces invalid UTF-8 sequences with U+FFFD so every writer emits valid UTF-8.
std::string sanitize_utf8(std::string_view s);
// Number of code points (display columns for our purposes) in valid UTF-8.
std::size_t text_columns(std::string_view s);
// Escapes text for XML/HTML content and attribute values (& < > " '); drops characters XML
// 1.0 forbids (control characters other than tab and newline) and repairs UTF-8.
std::string xml_escape(std::string_view s);
// Greedy word wrap to at most `width` columns per line, breaking after spaces; words longer
// than a line are split. Continuation lines start with `indent` spaces. At most `max_lines`
// lines are returned (the last one then ends with "...").
std::vector<std::string> wrap_text(std::string_view s, std::size_t width, std::size_t indent = 2,
                                   std::size_t max_lines = 1000);
// The first `width` columns of `s`, with "..." appended when it was cut.
std::string truncate_text(std::string_view s, std::size_t width);
// A portable file name component: [A-Za-z0-9._-] kept, every other run of characters
// becomes '_', no leading '.', at most `max_len` bytes, never empty ("unnamed").
std::string safe_file_name(std::string_view s, std::size_t max_len = 60);
// The last path component of "specs/x.weft:42" -> "x.weft:42".
std::string short_location(std::string_view location);

}  // namespace report
