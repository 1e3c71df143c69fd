// report: SvgCanvas (escaped SVG building blocks), palette and pattern/marker definitions.
#include "report/svg_canvas.h"

#include <cmath>
#include <cstdio>

#include "report/text_util.h"

namespace report {

namespace {
constexpr const char* kStrong[] = {"#1f6fb4", "#2e8b3a", "#e07b10", "#8a4fbf", "#8c564b",
                                   "#138d9c", "#d0479a", "#6b6b6b", "#a3a31a"};
constexpr const char* kLight[] = {"#d6e6f5", "#d5ecd8", "#fbe3c8", "#e6d9f2", "#eadbd7",
                                  "#cfeef1", "#f7d7ea", "#e3e3e3", "#ededc6"};
constexpr std::size_t kPalette = sizeof kStrong / sizeof kStrong[0];
}  // namespace

const char* lock_color(std::size_t k) { return kStrong[k % kPalette]; }
const char* lock_color_light(std::size_t k) { return kLight[k % kPalette]; }

std::string svg_num(double x) {
  if (!std::isfinite(x)) return "0";
  const double r = std::round(x * 10.0) / 10.0;
  char buf[32];
  if (r == std::floor(r)) {
    std::snprintf(buf, sizeof buf, "%.0f", r);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", r);
  }
  std::string s = buf;
  if (s == "-0") s = "0";
  return s;
}

void SvgCanvas::rect(double x, double y, double w, double h, std::string_view attrs) {
  body_ += "<rect x=\"" + svg_num(x) + "\" y=\"" + svg_num(y) + "\" width=\"" + svg_num(w) +
           "\" height=\"" + svg_num(h) + "\" ";
  body_ += attrs;
  body_ += "/>\n";
}

void SvgCanvas::line(double x1, double y1, double x2, double y2, std::string_view attrs) {
  body_ += "<line x1=\"" + svg_num(x1) + "\" y1=\"" + svg_num(y1) + "\" x2=\"" + svg_num(x2) +
           "\" y2=\"" + svg_num(y2) + "\" ";
  body_ += attrs;
  body_ += "/>\n";
}

void SvgCanvas::path(std::string_view d, std::string_view attrs) {
  body_ += "<path d=\"";
  body_ += d;
  body_ += "\" ";
  body_ += attrs;
  body_ += "/>\n";
}

void SvgCanvas::text(double x, double y, std::string_view s, std::string_view attrs) {
  body_ += "<text x=\"" + svg_num(x) + "\" y=\"" + svg_num(y) + "\" ";
  body_ += attrs;
  body_ += ">" + xml_escape(s) + "</text>\n";
}

void SvgCanvas::open_group(std::string_view tooltip, std::string_view attrs) {
  body_ += "<g";
  if (!attrs.empty()) {
    body_ += ' ';
    body_ += attrs;
  }
  body_ += ">";
  if (!tooltip.empty()) body_ += "<title>" + xml_escape(tooltip) + "</title>";
  body_ += "\n";
}

void SvgCanvas::close_group() { body_ += "</g>\n"; }

std::string SvgCanvas::finish(double width, double height, std::string_view title) const {
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" +
                    svg_num(width) + "\" height=\"" + svg_num(height) + "\" viewBox=\"0 0 " +
                    svg_num(width) + " " + svg_num(height) + "\" font-family=\"" + kMonoFont +
                    "\" font-size=\"11\">\n";
  out += "<title>" + xml_escape(title) + "</title>\n";
  if (!defs_.empty()) out += "<defs>\n" + defs_ + "</defs>\n";
  out += "<rect x=\"0\" y=\"0\" width=\"" + svg_num(width) + "\" height=\"" + svg_num(height) +
         "\" fill=\"#ffffff\"/>\n";
  out += body_;
  out += "</svg>\n";
  return out;
}

std::string shared_pattern(const SvgCanvas& canvas, std::size_t k) {
  return "<pattern id=\"" + canvas.id("shared-" + std::to_string(k)) +
         "\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\" "
         "patternTransform=\"rotate(45)\"><rect width=\"5\" height=\"5\" fill=\"" +
         lock_color_light(k) + "\"/><rect width=\"2\" height=\"5\" fill=\"" + lock_color(k) +
         "\"/></pattern>\n";
}

std::string arrow_marker(const SvgCanvas& canvas, std::string_view name, std::string_view color) {
  return "<marker id=\"" + canvas.id(name) +
         "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
         "orient=\"auto\" markerUnits=\"userSpaceOnUse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"" +
         std::string(color) + "\"/></marker>\n";
}

}  // namespace report
