// support: DiagnosticSink implementation and the caret renderer.
#include "support/diagnostics.h"

#include <algorithm>

namespace support {

namespace {
struct CodeInfo {
  const char* name;
  const char* title;
};
constexpr CodeInfo kCodes[] = {
#define WEFT_DIAG(code, title) {#code, title},
#include "support/diagnostic_codes.def"
#undef WEFT_DIAG
};

std::string location(const SourceManager& sm, const SourceSpan& s) {
  if (!s.valid() || s.file >= sm.size()) return {};
  return sm.file(s.file).path + ":" + std::to_string(s.line) + ":" + std::to_string(s.col);
}

// Makes a source line printable: tabs become spaces, control and non-ASCII bytes become '?',
// so binary garbage never reaches the terminal raw.
std::string printable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (unsigned char c : line) {
    if (c == '\t') out += ' ';
    else if (c < 0x20 || c == 0x7f) out += '?';
    else out += static_cast<char>(c);
  }
  return out;
}

std::string snippet(const SourceManager& sm, const SourceSpan& s) {
  if (!s.valid() || s.file >= sm.size()) return {};
  std::string_view raw = sm.line_text(s.file, s.line);
  std::string line = printable(raw.substr(0, std::min<std::size_t>(raw.size(), 400)));
  std::string num = std::to_string(s.line);
  std::string pad(num.size(), ' ');
  std::size_t col = s.col == 0 ? 0 : s.col - 1;
  if (col > line.size()) col = line.size();
  std::size_t width = 1;
  const SourceFile& f = sm.file(s.file);
  std::uint32_t line_end = s.line < f.line_starts.size() ? f.line_starts[s.line] : f.text.size();
  if (s.end > s.begin) {
    std::uint32_t end = std::min(s.end, line_end);
    if (end > s.begin) width = end - s.begin;
  }
  width = std::max<std::size_t>(1, std::min(width, line.size() > col ? line.size() - col : 1));
  std::string out = " " + num + " | " + line + "\n";
  out += " " + pad + " | " + std::string(col, ' ') + std::string(width, '^') + "\n";
  return out;
}
}  // namespace

std::string_view code_name(DiagCode c) { return kCodes[static_cast<int>(c)].name; }
std::string_view code_title(DiagCode c) { return kCodes[static_cast<int>(c)].title; }
std::vector<DiagCode> all_codes() {
  std::vector<DiagCode> v;
  for (std::size_t i = 0; i < sizeof(kCodes) / sizeof(kCodes[0]); ++i)
    v.push_back(static_cast<DiagCode>(i));
  return v;
}

Diagnostic& DiagnosticSink::error(DiagCode code, SourceSpan span, std::string message) {
  ++errors_;
  if (errors_ > limit_) {
    ++dropped_;
    overflow_ = Diagnostic{};
    return overflow_;
  }
  diags_.push_back({Severity::Error, code, span, std::move(message), {}});
  return diags_.back();
}

Diagnostic& DiagnosticSink::warning(DiagCode code, SourceSpan span, std::string message) {
  diags_.push_back({Severity::Warning, code, span, std::move(message), {}});
  return diags_.back();
}

std::string render_diagnostic(const SourceManager& sm, const Diagnostic& d) {
  std::string out;
  std::string loc = location(sm, d.span);
  if (!loc.empty()) out += loc + ": ";
  out += d.severity == Severity::Error ? "error[" : "warning[";
  out += std::string(code_name(d.code)) + "]: " + d.message + "\n";
  out += snippet(sm, d.span);
  for (const DiagNote& n : d.notes) {
    std::string nloc = location(sm, n.span);
    out += (nloc.empty() ? "" : nloc + ": ") + std::string("note: ") + n.message + "\n";
    out += snippet(sm, n.span);
  }
  return out;
}

std::string DiagnosticSink::render(const SourceManager& sm) const {
  std::string out;
  for (const Diagnostic& d : diags_) out += render_diagnostic(sm, d);
  if (dropped_ > 0)
    out += "note: " + std::to_string(dropped_) + " further error(s) not shown\n";
  std::size_t warnings = 0;
  for (const Diagnostic& d : diags_) warnings += d.severity == Severity::Warning;
  if (errors_ > 0)
    out += std::to_string(errors_) + " error(s)" +
           (warnings ? ", " + std::to_string(warnings) + " warning(s)" : std::string()) + "\n";
  return out;
}

}  // namespace support
