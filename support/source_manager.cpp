// support: SourceManager implementation: file loading and offset <-> line/column mapping.
#include "support/source_manager.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace support {

SourceSpan join(const SourceSpan& a, const SourceSpan& b) {
  if (!a.valid()) return b;
  if (!b.valid() || a.file != b.file) return a;
  SourceSpan r = a.begin <= b.begin ? a : b;
  r.end = std::max(a.end, b.end);
  return r;
}

std::optional<FileId> SourceManager::load(const std::string& path, std::string* error) {
  // A directory opens as a stream on Linux and reads as empty text: refuse it here so that
  // it is reported as a file that cannot be read, not as an empty spec.
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::is_directory(st)) {
    if (error) *error = "'" + path + "' is a directory, not a file";
    return std::nullopt;
  }
  // A device (say /dev/zero) could be read forever.
  if (!ec && (std::filesystem::is_character_file(st) || std::filesystem::is_block_file(st))) {
    if (error) *error = "'" + path + "' is a device, not a file";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot open '" + path + "'";
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    if (error) *error = "cannot read '" + path + "'";
    return std::nullopt;
  }
  return add(path, buf.str());
}

FileId SourceManager::add(std::string path, std::string text) {
  auto f = std::make_unique<SourceFile>();
  f->path = std::move(path);
  f->text = std::move(text);
  f->line_starts.push_back(0);
  bool ascii = true;
  for (std::uint32_t i = 0; i < f->text.size(); ++i) {
    if (f->text[i] == '\n') f->line_starts.push_back(i + 1);
    if (static_cast<unsigned char>(f->text[i]) >= 0x80) ascii = false;
  }
  if (!ascii) {
    f->chars_before.resize(f->text.size() + 1);
    std::uint32_t n = 0;
    // A leading byte order mark is not a character anyone sees: it takes no column.
    std::uint32_t bom = f->text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    for (std::uint32_t i = 0; i < f->text.size(); ++i) {
      f->chars_before[i] = n;
      if (i >= bom && (static_cast<unsigned char>(f->text[i]) & 0xC0) != 0x80) ++n;
    }
    f->chars_before[f->text.size()] = n;
  }
  files_.push_back(std::move(f));
  return static_cast<FileId>(files_.size() - 1);
}

std::string_view SourceManager::line_text(FileId id, std::uint32_t line) const {
  const SourceFile& f = file(id);
  if (line == 0 || line > f.line_starts.size()) return {};
  std::uint32_t b = f.line_starts[line - 1];
  std::uint32_t e = line < f.line_starts.size() ? f.line_starts[line] : f.text.size();
  std::string_view v(f.text.data() + b, e - b);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

std::pair<std::uint32_t, std::uint32_t> SourceManager::position(FileId id,
                                                                std::uint32_t offset) const {
  const SourceFile& f = file(id);
  auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
  std::uint32_t line = static_cast<std::uint32_t>(it - f.line_starts.begin());
  if (line == 0) line = 1;
  // Columns count characters (UTF-8 code points), not bytes: every byte that does not
  // continue a multi-byte sequence starts one.
  std::uint32_t begin = f.line_starts[line - 1];
  if (f.chars_before.empty()) return {line, offset - begin + 1};  // ASCII: bytes are characters
  std::uint32_t end = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(f.text.size()));
  std::uint32_t col = f.chars_before[end] - f.chars_before[begin] + 1;
  return {line, col + (offset - end)};
}

SourceSpan SourceManager::span(FileId id, std::uint32_t begin, std::uint32_t end) const {
  SourceSpan s;
  s.file = id;
  s.begin = begin;
  s.end = std::max(begin, end);
  auto [l, c] = position(id, begin);
  s.line = l;
  s.col = c;
  return s;
}

}  // namespace support
