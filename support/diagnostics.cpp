// support: DiagnosticSink implementation and the caret renderer.
#include "support/diagnostics.h"

#include <algorithm>

#include "support/display_text.h"

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
  return display_text(sm.file(s.file).path) + ":" + std::to_string(s.line) + ":" + std::to_string(s.col);
}

// Longest line shown whole; longer lines are shown as a window around the caret.
constexpr std::uint32_t kMaxShownWidth = 200;
constexpr std::uint32_t kWindowBefore = 60;
constexpr std::uint32_t kWindowWidth = 160;

// The source line with a caret line under [s.begin, s.end). The line is made printable
// (display_units: controls, invisible code points and invalid bytes escaped), the caret is
// aligned by display columns, and an over-long line is cut to a window around the caret
// with "…" where text was left out.
std::string snippet(const SourceManager& sm, const SourceSpan& s) {
  if (!s.valid() || s.file >= sm.size()) return {};
  const SourceFile& f = sm.file(s.file);
  std::string_view raw = sm.line_text(s.file, s.line);
  std::uint32_t line_begin = s.line - 1 < f.line_starts.size() ? f.line_starts[s.line - 1] : 0;
  std::vector<DisplayUnit> units = display_units(raw);
  // Caret range in units: [first, last).
  std::uint32_t b = s.begin >= line_begin ? s.begin - line_begin : 0;
  std::uint32_t e = s.end > s.begin ? s.end - line_begin : b;
  std::size_t first = units.size(), last = units.size();
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (first == units.size() && units[i].byte + units[i].bytes > b) first = i;
    if (units[i].byte >= e && last == units.size()) last = i;
  }
  if (last < first + 1) last = first + 1;  // at least one column (an empty span or end of line)
  std::vector<std::uint32_t> col(units.size() + 2, 0);  // display column where unit i starts
  for (std::size_t i = 0; i < units.size(); ++i) col[i + 1] = col[i] + units[i].width;
  col[units.size() + 1] = col[units.size()] + 1;
  std::uint32_t total = col[units.size()];
  std::uint32_t caret_begin = col[first];
  std::uint32_t caret_end = col[std::min(last, units.size() + 1)];
  // The window of display columns shown.
  std::uint32_t from = 0, to = total;
  if (total > kMaxShownWidth) {
    from = caret_begin > kWindowBefore ? caret_begin - kWindowBefore : 0;
    to = std::min(total, from + kWindowWidth);
    if (to - from < kWindowWidth && total >= kWindowWidth) from = to - kWindowWidth;
  }
  std::string line;
  std::uint32_t shift = 0;  // display columns the caret moves right by (the leading marker)
  if (from > 0) {
    line += "\u2026";
    shift = 1;
  }
  for (std::size_t i = 0; i < units.size(); ++i)
    if (col[i] >= from && col[i + 1] <= to) line += units[i].shown;
  if (to < total) line += "\u2026";
  std::uint32_t cb = std::max(caret_begin, from) - from + shift;
  std::uint32_t ce = std::min(caret_end, to + 1) - from + shift;
  std::uint32_t width = ce > cb ? ce - cb : 1;
  std::string num = std::to_string(s.line);
  std::string pad(num.size(), ' ');
  std::string out = " " + num + " | " + line + "\n";
  out += " " + pad + " | " + std::string(cb, ' ') + std::string(width, '^') + "\n";
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

void DiagnosticSink::internal_error(std::string message) {
  ++errors_;
  internal_ = true;
  Diagnostic d;
  d.span = SourceSpan{};
  d.message = std::move(message);
  d.internal = true;
  d.notes.push_back({SourceSpan{}, "this is a bug in weft, not an error in the spec; please report it"});
  diags_.push_back(std::move(d));
}

std::string render_diagnostic(const SourceManager& sm, const Diagnostic& d) {
  std::string out;
  if (d.internal) {
    out += "error: internal error: " + display_text(d.message) + "\n";
    for (const DiagNote& n : d.notes) out += "note: " + display_text(n.message) + "\n";
    return out;
  }
  std::string loc = location(sm, d.span);
  if (!loc.empty()) out += loc + ": ";
  out += d.severity == Severity::Error ? "error[" : "warning[";
  out += std::string(code_name(d.code)) + "]: " + display_text(d.message) + "\n";
  out += snippet(sm, d.span);
  for (const DiagNote& n : d.notes) {
    std::string nloc = location(sm, n.span);
    out += (nloc.empty() ? "" : nloc + ": ") + std::string("note: ") + display_text(n.message) + "\n";
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
