// support: SourceManager owns the text of every loaded spec file; SourceSpan locates a range in one.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace support {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffu;

// A half-open byte range [begin, end) in one file, with the 1-based line/column of its
// first byte. Columns count characters (UTF-8 code points; a tab is one), as the
// diagnostics show them (docs/diagnostics.md). Every AST node carries one.
struct SourceSpan {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t line = 0;  // 1-based; 0 = unknown
  std::uint32_t col = 0;   // 1-based
  bool valid() const { return file != kNoFile && line != 0; }
};

// Joins two spans of the same file into the smallest span covering both.
SourceSpan join(const SourceSpan& a, const SourceSpan& b);

struct SourceFile {
  std::string path;   // as given by the user or resolved from an import
  std::string text;
  std::vector<std::uint32_t> line_starts;  // byte offset of each line
  // For non-ASCII text: the number of characters before each byte offset (size + 1
  // entries), so that columns count characters; empty for ASCII text.
  std::vector<std::uint32_t> chars_before;
};

class SourceManager {
 public:
  // Loads a file from disk; returns nullopt (and leaves error set) if it cannot be read.
  std::optional<FileId> load(const std::string& path, std::string* error = nullptr);
  // Registers in-memory text (tests, fuzzing, stdin).
  FileId add(std::string path, std::string text);

  const SourceFile& file(FileId id) const { return *files_.at(id); }
  std::size_t size() const { return files_.size(); }
  // The text of line `line` (1-based) without its line terminator.
  std::string_view line_text(FileId id, std::uint32_t line) const;
  // Line/column of a byte offset (1-based; the column counts code points).
  std::pair<std::uint32_t, std::uint32_t> position(FileId id, std::uint32_t offset) const;
  // A span for [begin, end) with line/col filled in.
  SourceSpan span(FileId id, std::uint32_t begin, std::uint32_t end) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace support
