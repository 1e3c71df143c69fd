// report: SvgCanvas, a tiny SVG builder (escaped text, numbers, groups with tooltips) and the
// colour palette and font metrics shared by the SVG writers.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace report {

// Fonts: monospace for trace content (predictable widths), sans for titles.
inline constexpr const char* kMonoFont = "DejaVu Sans Mono, Menlo, Consolas, monospace";
inline constexpr const char* kSansFont = "DejaVu Sans, Helvetica, Arial, sans-serif";
// Advance of one monospace character per pixel of font size (DejaVu Sans Mono: 0.602).
inline constexpr double kMonoAdvance = 0.61;
// Conservative average advance for sans text (bold needs the larger figure).
inline constexpr double kSansAdvance = 0.60;
inline constexpr double kSansBoldAdvance = 0.66;

inline constexpr const char* kViolationRed = "#c62828";
inline constexpr const char* kViolationFill = "#ffebee";

// Lock-class colours: strong (bars, text) and light (shared-mode background).
const char* lock_color(std::size_t class_index);
const char* lock_color_light(std::size_t class_index);

std::string svg_num(double x);  // "12" or "12.5"

class SvgCanvas {
 public:
  explicit SvgCanvas(std::string id_prefix) : prefix_(std::move(id_prefix)) {}

  // An id unique to this drawing (HTML pages inline several SVGs).
  std::string id(std::string_view name) const { return prefix_ + "-" + std::string(name); }

  void defs(std::string_view markup) { defs_ += markup; }
  void raw(std::string_view markup) { body_ += markup; }
  void rect(double x, double y, double w, double h, std::string_view attrs);
  void line(double x1, double y1, double x2, double y2, std::string_view attrs);
  void path(std::string_view d, std::string_view attrs);
  // `text` is escaped here; `attrs` must already be valid attribute markup.
  void text(double x, double y, std::string_view text, std::string_view attrs);
  // A group with an optional tooltip (<title>).
  void open_group(std::string_view tooltip, std::string_view attrs = {});
  void close_group();

  std::string finish(double width, double height, std::string_view title) const;

 private:
  std::string prefix_;
  std::string defs_;
  std::string body_;
};

// Stripe pattern for shared-mode bars of one lock class; returns its markup, id via canvas.
std::string shared_pattern(const SvgCanvas& canvas, std::size_t class_index);
// An arrowhead marker of the given colour with id canvas.id(name).
std::string arrow_marker(const SvgCanvas& canvas, std::string_view name, std::string_view color);

}  // namespace report
