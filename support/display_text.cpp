// support: display_units / display_text: what a terminal shows for source text, with escapes.
#include "support/display_text.h"

#include <cstdio>

namespace support {

std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t* cp) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  std::size_t n;
  std::uint32_t v;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; v = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; v = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (at(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
  if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return n;
}

std::string code_point_name(std::uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

namespace {

// Code points a terminal would not show as themselves: controls, bidi overrides and
// isolates (the "trojan source" characters), zero-width characters, the BOM.
bool invisible(std::uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF ||
         (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE007F);
}

bool combining(std::uint32_t cp) {
  return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0xFE00 && cp <= 0xFE0F);
}

bool wide(std::uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

std::vector<DisplayUnit> display_units(std::string_view line) {
  std::vector<DisplayUnit> out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size();) {
    DisplayUnit u;
    u.byte = static_cast<std::uint32_t>(i);
    std::uint32_t cp = 0;
    std::size_t n = decode_utf8(line, i, &cp);
    if (n == 0) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "<\\x%02X>", static_cast<unsigned char>(line[i]));
      u.shown = buf;
      n = 1;
    } else if (cp == '\t') {
      u.shown = " ";
    } else if (invisible(cp)) {
      u.shown = "<" + code_point_name(cp) + ">";
    } else if (combining(cp)) {
      // Shown on its own so that it cannot merge into its neighbour and shift the caret.
      u.shown = "<" + code_point_name(cp) + ">";
    } else {
      u.shown = std::string(line.substr(i, n));
      if (wide(cp)) u.width = 2;
    }
    if (u.shown.size() > 1 && u.shown[0] == '<') u.width = static_cast<std::uint32_t>(u.shown.size());
    u.bytes = static_cast<std::uint32_t>(n);
    out.push_back(std::move(u));
    i += n;
  }
  return out;
}

std::string display_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    std::size_t n = decode_utf8(s, i, &cp);
    if (n == 0) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[i]));
      out += buf;
      n = 1;
    } else if (cp == '\n' || cp == '\t' || (!invisible(cp) && !combining(cp))) {
      out.append(s.substr(i, n));
    } else {
      out += "<" + code_point_name(cp) + ">";
    }
    i += n;
  }
  return out;
}

}  // namespace support
