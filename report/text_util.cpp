// report: UTF-8 repair, text width, word wrap, XML escaping and safe file names.
#include "report/text_util.h"

namespace report {

namespace {

// Length of the valid UTF-8 sequence starting at s[k], or 0 if it is invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t k) {
  const auto b = [&](std::size_t j) { return static_cast<unsigned char>(s[j]); };
  const unsigned char c = b(k);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned cp = 0;
  if (c >= 0xc2 && c <= 0xdf) { n = 2; cp = c & 0x1fu; }
  else if (c >= 0xe0 && c <= 0xef) { n = 3; cp = c & 0x0fu; }
  else if (c >= 0xf0 && c <= 0xf4) { n = 4; cp = c & 0x07u; }
  else return 0;
  if (k + n > s.size()) return 0;
  for (std::size_t j = 1; j < n; ++j) {
    if ((b(k + j) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b(k + j) & 0x3fu);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff))) return 0;
  if (cp >= 0xd800 && cp <= 0xdfff) return 0;
  return n;
}

// Splits valid UTF-8 into code points.
std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t k = 0; k < s.size();) {
    std::size_t n = utf8_sequence(s, k);
    if (n == 0) n = 1;
    out.push_back(s.substr(k, n));
    k += n;
  }
  return out;
}

}  // namespace

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t k = 0; k < s.size();) {
    const std::size_t n = utf8_sequence(s, k);
    if (n == 0) {
      out += "\xef\xbf\xbd";
      ++k;
    } else {
      out.append(s.substr(k, n));
      k += n;
    }
  }
  return out;
}

std::size_t text_columns(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xc0) != 0x80) ++n;
  }
  return n;
}

std::string xml_escape(std::string_view raw) {
  const std::string s = sanitize_utf8(raw);
  std::string out;
  out.reserve(s.size() + 16);
  for (unsigned char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n') {
          out += ' ';
        } else if (c == 0x7f) {
          out += ' ';
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

namespace {

// Wraps one paragraph (no line breaks) into `lines`.
void wrap_paragraph(std::string_view s, std::size_t width, std::size_t indent,
                    std::vector<std::string>& lines);

}  // namespace

std::vector<std::string> wrap_text(std::string_view raw, std::size_t width, std::size_t indent,
                                   std::size_t max_lines) {
  if (width < indent + 4) width = indent + 4;
  const std::string text = sanitize_utf8(raw);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (;;) {
    const std::size_t nl = text.find('\n', start);
    std::string_view para(text.data() + start, (nl == std::string::npos ? text.size() : nl) - start);
    if (!para.empty() && para.back() == '\r') para.remove_suffix(1);
    wrap_paragraph(para, width, indent, lines);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  if (lines.size() > max_lines && max_lines > 0) {
    lines.resize(max_lines);
    std::string& last = lines.back();
    last = truncate_text(last, width > 3 ? width - 3 : width);
    if (last.size() < 3 || last.compare(last.size() - 3, 3, "...") != 0) last += "...";
  }
  return lines;
}

namespace {

void wrap_paragraph(std::string_view s, std::size_t width, std::size_t indent,
                    std::vector<std::string>& lines) {
  const std::size_t first = lines.size();
  const auto cps = code_points(s);
  std::string line;
  std::size_t line_cols = 0;
  // Words end after a space or after ", " style separators; the space stays with the word.
  std::size_t k = 0;
  auto flush = [&]() {
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
      --line_cols;
    }
    lines.push_back(line);
    line = std::string(indent, ' ');
    line_cols = indent;
  };
  while (k < cps.size()) {
    std::size_t end = k;
    while (end < cps.size() && cps[end] != " ") ++end;
    while (end < cps.size() && cps[end] == " ") ++end;  // keep trailing spaces with the word
    std::size_t word_cols = end - k;
    std::size_t trimmed = word_cols;
    while (trimmed > 0 && cps[k + trimmed - 1] == " ") --trimmed;
    const bool at_line_start = line_cols == (lines.size() == first ? 0 : indent);
    if (line_cols + trimmed > width && !at_line_start) flush();
    // A word that does not fit on an empty line is split.
    while (line_cols + trimmed > width) {
      const std::size_t take = width - line_cols;
      for (std::size_t j = 0; j < take; ++j) line.append(cps[k + j]);
      line_cols += take;
      k += take;
      word_cols -= take;
      trimmed -= take;
      flush();
    }
    for (std::size_t j = 0; j < word_cols; ++j) line.append(cps[k + j]);
    line_cols += word_cols;
    k = end;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  const bool only_indent = lines.size() != first && line.find_first_not_of(' ') == std::string::npos;
  if (!only_indent) lines.push_back(line);
}

}  // namespace

std::string truncate_text(std::string_view raw, std::size_t width) {
  const std::string s = sanitize_utf8(raw);
  const auto cps = code_points(s);
  if (cps.size() <= width) return s;
  std::string out;
  const std::size_t keep = width > 3 ? width - 3 : 0;
  for (std::size_t j = 0; j < keep; ++j) out.append(cps[j]);
  out += "...";
  return out;
}

std::string safe_file_name(std::string_view s, std::size_t max_len) {
  std::string out;
  bool last_underscore = false;
  for (unsigned char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (ok) {
      out += static_cast<char>(c);
      last_underscore = c == '_';
    } else if (!last_underscore) {
      out += '_';
      last_underscore = true;
    }
  }
  while (!out.empty() && (out.front() == '.' || out.front() == '_')) out.erase(out.begin());
  if (out.size() > max_len) out.resize(max_len);
  while (!out.empty() && (out.back() == '_' || out.back() == '.')) out.pop_back();
  if (out.empty()) out = "unnamed";
  return out;
}

std::string short_location(std::string_view location) {
  const std::size_t slash = location.find_last_of('/');
  if (slash == std::string_view::npos) return std::string(location);
  return std::string(location.substr(slash + 1));
}

}  // namespace report
