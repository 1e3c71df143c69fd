// support: SourceManager implementation: file loading and offset <-> line/column mapping.
#include "support/source_manager.h"

#include <algorithm>
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
  for (std::uint32_t i = 0; i < f->text.size(); ++i)
    if (f->text[i] == '\n') f->line_starts.push_back(i + 1);
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
  return {line, offset - f.line_starts[line - 1] + 1};
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
