// support: diagnostics are collected (never thrown) and rendered as file:line:col, source line, caret.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "support/source_manager.h"

namespace support {

enum class DiagCode {
#define WEFT_DIAG(code, title) code,
#include "support/diagnostic_codes.def"
#undef WEFT_DIAG
};

std::string_view code_name(DiagCode c);   // "E0302"
std::string_view code_title(DiagCode c);  // "invalid operand types"
std::vector<DiagCode> all_codes();

enum class Severity { Error, Warning, Note };

struct DiagNote {
  SourceSpan span;  // may be invalid: then the note has no location
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  DiagCode code = DiagCode::E0104;
  SourceSpan span;  // may be invalid for file-less errors (e.g. -D on the command line)
  std::string message;
  std::vector<DiagNote> notes;
  // A bug in weft, not in the spec (an exception escaped a stage): rendered as
  // "error: internal error: ..." without a code; the cli exits with 255 (DESIGN.md).
  bool internal = false;
};

class DiagnosticSink {
 public:
  // Adds an error and returns it so the caller can attach notes.
  Diagnostic& error(DiagCode code, SourceSpan span, std::string message);
  Diagnostic& warning(DiagCode code, SourceSpan span, std::string message);
  // Records an internal error (counted as an error; never dropped by the limit).
  void internal_error(std::string message);
  bool has_internal_error() const { return internal_; }

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return diags_; }
  // Stops collecting after this many errors (a final note says how many were dropped).
  void set_limit(std::size_t n) { limit_ = n; }

  // Renders every diagnostic, in order of report:
  //   path:line:col: error[E0302]: message
  //      12 |   x := y + true
  //         |        ^^^^^^^^
  //   note: ...
  std::string render(const SourceManager& sm) const;

 private:
  std::vector<Diagnostic> diags_;
  std::size_t errors_ = 0;
  std::size_t limit_ = 50;
  std::size_t dropped_ = 0;
  bool internal_ = false;
  Diagnostic overflow_;
};

// Renders one diagnostic (used by render()).
std::string render_diagnostic(const SourceManager& sm, const Diagnostic& d);

}  // namespace support
