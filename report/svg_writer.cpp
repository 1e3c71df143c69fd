// report: write_svg_trace, the native SVG swimlane sequence diagram of a counterexample.
#include "report/svg_writer.h"

#include <string>
#include <vector>

#include "report/svg_canvas.h"
#include "report/svg_sequence_layout.h"
#include "report/text_util.h"
#include "report/trace_model.h"

namespace report {

std::string svg_id_prefix(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    out += ok ? c : '_';
  }
  if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z')))
    out = "w" + out;
  return out;
}

namespace {

using seq::kBarStep;
using seq::kBarW;
using seq::kCharW;
using seq::kDeadlockTitleH;
using seq::kGutter;
using seq::kHeaderH;
using seq::kLineH;
using seq::kMargin;
using seq::kPadX;
using seq::kPadY;
using seq::LaneLayout;
using seq::LineKind;
using seq::SequenceLayout;
using seq::StepLayout;
using seq::WaitBox;

constexpr const char* kInk = "#1f2933";
constexpr const char* kMuted = "#6b7785";
constexpr const char* kRule = "#9aa5b1";
constexpr const char* kAnnot = "#174ea6";

// Draws a computed SequenceLayout: lane bands and lifelines first, then lock bars, step
// boxes and the final section on top.
class SequenceDrawer {
 public:
  SequenceDrawer(const SequenceLayout& layout, const SvgOptions& o)
      : L_(layout), t_(*layout.trace), m_(layout.model), c_(svg_id_prefix(o.id_prefix)) {}

  std::string render() {
    draw();
    return c_.finish(L_.width, L_.height, "weft: " + violation_headline(t_));
  }

 private:
  void draw() {
    const double top = L_.head_y;
    const double bottom = L_.foot_y + (L_.lanes.empty() ? 0 : kHeaderH);
    for (std::size_t k = 0; k < m_.lock_classes.size(); ++k) c_.defs(shared_pattern(c_, k));
    if (!m_.lock_classes.empty())
      c_.defs("<pattern id=\"" + c_.id("shared-legend") +
              "\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\" patternTransform=\"rotate(45)\">"
              "<rect width=\"5\" height=\"5\" fill=\"#e3e6ea\"/><rect width=\"2\" height=\"5\" fill=\"#5f6b7a\"/>"
              "</pattern>\n");
    c_.defs(arrow_marker(c_, "arrow-red", kViolationRed));

    // Lane bands, lifelines, headers.
    for (std::size_t k = 0; k < L_.lanes.size(); ++k) {
      const LaneLayout& L = L_.lanes[k];
      c_.rect(L.x, top, L.w, bottom - top, std::string("fill=\"") + (k % 2 == 0 ? "#f7f9fc" : "#eef2f7") + "\"");
    }
    draw_header();
    // Row rules and step numbers.
    for (std::size_t i = 0; i < L_.steps.size(); ++i) {
      const StepLayout& s = L_.steps[i];
      c_.line(kMargin, s.top, L_.width - kMargin, s.top, "stroke=\"#dde3ea\" stroke-width=\"1\"");
      c_.text(kMargin + kGutter - 8, s.anchor + 4, std::to_string(i + 1),
              std::string("font-family=\"") + kSansFont + "\" font-size=\"11\" font-weight=\"bold\" "
              "text-anchor=\"end\" fill=\"" + (s.failing ? kViolationRed : kMuted) + "\"");
    }
    if (!L_.steps.empty())
      c_.line(kMargin, L_.steps_end, L_.width - kMargin, L_.steps_end, "stroke=\"#dde3ea\" stroke-width=\"1\"");
    for (std::size_t k = 0; k < L_.lanes.size(); ++k) {
      const LaneLayout& L = L_.lanes[k];
      c_.line(L.lifeline, top + kHeaderH, L.lifeline, L_.foot_y,
              std::string("stroke=\"") + kRule + "\" stroke-width=\"1\" stroke-dasharray=\"4 3\"");
    }
    draw_lane_headers(L_.head_y);
    draw_initial();
    draw_final_background();
    draw_bars();
    for (std::size_t i = 0; i < L_.steps.size(); ++i) draw_step(i);
    draw_final();
    if (!L_.lanes.empty()) draw_lane_headers(L_.foot_y);
  }

  void draw_header() {
    double y = L_.title_y;
    for (const auto& l : L_.title_lines) {
      c_.text(kMargin, y, l, std::string("font-family=\"") + kSansFont +
                                 "\" font-size=\"16\" font-weight=\"bold\" fill=\"" + kViolationRed + "\"");
      y += 21;
    }
    y = L_.message_y;
    for (const auto& l : L_.message_lines) {
      c_.text(kMargin, y, l, std::string("font-family=\"") + kSansFont + "\" font-size=\"12\" fill=\"" + kInk + "\"");
      y += 16;
    }
    y = L_.meta_y;
    for (const auto& l : L_.meta_lines) {
      c_.text(kMargin, y, l, std::string("font-family=\"") + kSansFont + "\" font-size=\"11\" fill=\"" + kMuted + "\"");
      y += 15;
    }
    if (!m_.lock_classes.empty()) draw_legend();
  }

  void draw_legend() {
    double x = kMargin;
    const double y = L_.legend_y;
    const std::string label_attrs = std::string("font-family=\"") + kSansFont + "\" font-size=\"11\" fill=\"" + kInk + "\"";
    c_.text(x, y + 11, "locks:", label_attrs);
    x += 44;
    for (std::size_t k = 0; k < m_.lock_classes.size(); ++k) {
      c_.rect(x, y + 2, 12, 12, std::string("rx=\"2\" fill=\"") + lock_color(k) + "\"");
      c_.text(x + 17, y + 11, m_.lock_classes[k], label_attrs);
      x += 17 + static_cast<double>(text_columns(m_.lock_classes[k])) * 11 * kSansAdvance + 16;
    }
    x += 12;
    constexpr const char* kNeutral = "#5f6b7a";
    c_.rect(x, y + 2, 12, 12, std::string("fill=\"") + kNeutral + "\"");
    c_.text(x + 17, y + 11, "held exclusive", label_attrs);
    x += 17 + 14 * 11 * kSansAdvance + 14;
    c_.rect(x, y + 2, 12, 12, "fill=\"url(#" + c_.id("shared-legend") + ")\" stroke=\"" + kNeutral + "\"");
    c_.text(x + 17, y + 11, "held shared", label_attrs);
    x += 17 + 11 * 11 * kSansAdvance + 14;
    c_.rect(x + 1, y + 2, 11, 12, std::string("fill=\"#ffffff\" stroke=\"") + kNeutral +
                                       "\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"");
    c_.text(x + 17, y + 11, "waiting for it", label_attrs);
  }

  void draw_lane_headers(double y) {
    for (std::size_t k = 0; k < L_.lanes.size(); ++k) {
      const LaneLayout& L = L_.lanes[k];
      c_.open_group(m_.lanes[k]);
      c_.rect(L.x + 4, y, L.w - 8, kHeaderH, std::string("rx=\"4\" fill=\"#dfe6ef\" stroke=\"") + kRule + "\"");
      const std::size_t fit = static_cast<std::size_t>((L.w - 16) / (12 * kSansBoldAdvance));
      c_.text(L.x + L.w / 2, y + 18, truncate_text(m_.lane_title(k), fit),
              std::string("font-family=\"") + kSansFont + "\" font-size=\"12\" font-weight=\"bold\" "
              "text-anchor=\"middle\" fill=\"" + kInk + "\"");
      c_.close_group();
    }
  }

  void draw_initial() {
    const std::string gutter_attrs = std::string("font-family=\"") + kSansFont +
                                     "\" font-size=\"10\" text-anchor=\"end\" fill=\"" + kMuted + "\"";
    if (!L_.global_cols.empty()) {
      const double x = kMargin + kGutter;
      const double w = L_.width - kMargin - x;
      c_.rect(x + 4, L_.globals_y, w - 8, L_.globals_h, std::string("rx=\"4\" fill=\"#ffffff\" stroke=\"") + kRule + "\"");
      c_.text(x + 4 + kPadX, L_.globals_y + kPadY + 11, t_.from_initial ? "initial state" : "start (not necessarily reachable)",
              std::string("font-family=\"") + kSansFont + "\" font-size=\"11\" font-weight=\"bold\" fill=\"" + kMuted + "\"");
      for (std::size_t col = 0; col < L_.global_cols.size(); ++col) {
        double y = L_.globals_y + kPadY + 16 + 11;
        for (const auto& line : L_.global_cols[col]) {
          c_.text(x + 4 + kPadX + static_cast<double>(col) * L_.global_col_w, y, line,
                  std::string("fill=\"") + kInk + "\"");
          y += kLineH;
        }
      }
      c_.text(kMargin + kGutter - 8, L_.globals_y + kPadY + 11, "init", gutter_attrs);
    }
    if (L_.locals_h > 0) {
      for (const auto& L : L_.lanes) {
        if (L.locals.empty()) continue;
        const double h = 2 * kPadY + static_cast<double>(L.locals.size()) * kLineH;
        c_.rect(L.box_x, L_.locals_y, L.box_w, h,
                std::string("rx=\"4\" fill=\"#ffffff\" stroke=\"") + kRule + "\" stroke-dasharray=\"2 2\"");
        double y = L_.locals_y + kPadY + 11;
        for (const auto& line : L.locals) {
          c_.text(L.box_x + kPadX, y, line, std::string("fill=\"") + kInk + "\"");
          y += kLineH;
        }
      }
      c_.text(kMargin + kGutter - 8, L_.locals_y + kPadY + 11, "locals", gutter_attrs);
    }
  }

  double step_anchor(std::size_t i) const {
    return i < L_.steps.size() ? L_.steps[i].anchor : L_.open_end_y;
  }

  void draw_bar(std::size_t lane, std::size_t slot, std::size_t cls, LockEventMode mode, bool waiting,
                double y0, double y1, const std::string& tooltip) {
    const LaneLayout& L = L_.lanes[lane];
    const double x = L.x + 8 + static_cast<double>(slot) * kBarStep;
    if (y1 - y0 < 4) y1 = y0 + 4;
    c_.open_group(tooltip);
    if (waiting) {
      c_.rect(x + 0.75, y0, kBarW - 1.5, y1 - y0,
              std::string("fill=\"#ffffff\" stroke=\"") + lock_color(cls) +
                  "\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"");
    } else if (mode == LockEventMode::Shared) {
      c_.rect(x, y0, kBarW, y1 - y0,
              "fill=\"url(#" + c_.id("shared-" + std::to_string(cls)) + ")\" stroke=\"" + lock_color(cls) + "\"");
    } else {
      c_.rect(x, y0, kBarW, y1 - y0, std::string("fill=\"") + lock_color(cls) + "\" stroke=\"" + lock_color(cls) + "\"");
    }
    c_.close_group();
  }

  void draw_bars() {
    for (const auto& iv : m_.intervals) {
      const std::size_t lane = m_.lane_index(iv.lane);
      if (lane == kOpenEnd) continue;
      const double y0 = step_anchor(iv.begin);
      const double y1 = iv.end == kOpenEnd ? L_.open_end_y : step_anchor(iv.end);
      std::string tip = iv.lock + (iv.waiting ? " requested " : " held ") + lock_mode_name(iv.mode) +
                        " by " + iv.lane + ", step " + std::to_string(iv.begin + 1);
      tip += iv.end == kOpenEnd ? " to the end" : " to step " + std::to_string(iv.end + 1);
      draw_bar(lane, iv.slot, m_.class_index(iv.lock_class), iv.mode, iv.waiting, y0, y1, tip);
    }
    for (const auto& [lane, lock] : L_.wait_stubs) {
      LockEvent e;
      e.lock = lock;
      const std::size_t slot = L_.lanes[lane].slots - 1;
      draw_bar(lane, slot, m_.class_index(lock_class_of(e)), LockEventMode::Exclusive, true,
               L_.final_y + kDeadlockTitleH, L_.open_end_y, m_.lanes[lane] + " waits for " + lock);
    }
  }

  void draw_step(std::size_t i) {
    const StepLayout& s = L_.steps[i];
    if (s.lane == kOpenEnd) return;
    const LaneLayout& L = L_.lanes[s.lane];
    const Step& step = t_.steps[i];
    std::string tip = std::to_string(i + 1) + ". " + describe_mover(step);
    if (!step.location.empty()) tip += " (" + step.location + ")";
    c_.open_group(tip);
    c_.line(L.lifeline, s.anchor, L.box_x, s.anchor, std::string("stroke=\"") + kRule + "\" stroke-width=\"1\"");
    if (s.failing) {
      c_.rect(L.box_x, s.box_top, L.box_w, s.box_h,
              std::string("rx=\"4\" fill=\"") + kViolationFill + "\" stroke=\"" + kViolationRed + "\" stroke-width=\"2\"");
    } else {
      c_.rect(L.box_x, s.box_top, L.box_w, s.box_h, std::string("rx=\"4\" fill=\"#ffffff\" stroke=\"") + kRule + "\"");
    }
    double y = s.box_top + kPadY;
    const double tx = L.box_x + kPadX;
    for (const auto& l : s.box) {
      y += line_height(l.kind);
      const double base = y - 3.5;
      switch (l.kind) {
        case LineKind::Title:
          c_.text(tx, base, l.text, std::string("font-weight=\"bold\" fill=\"") + kInk + "\"");
          break;
        case LineKind::Location:
          c_.text(tx, base, l.text, std::string("font-size=\"10\" fill=\"") + kMuted + "\"");
          break;
        case LineKind::Violation:
          c_.text(tx, base, l.text, std::string("font-weight=\"bold\" fill=\"") + kViolationRed + "\"");
          break;
        case LineKind::Event: {
          const double sx = tx, sy = base - 8;
          if (l.text.rfind("  ", 0) != 0) {  // swatch on the first line of the event only
            if (l.event.kind == LockEventKind::Request) {
              c_.rect(sx + 0.75, sy + 0.75, 7.5, 7.5, std::string("fill=\"#ffffff\" stroke=\"") + lock_color(l.cls) +
                                                         "\" stroke-width=\"1.5\" stroke-dasharray=\"2 1.5\"");
            } else if (l.event.kind == LockEventKind::Release) {
              c_.rect(sx + 0.5, sy + 0.5, 8, 8, std::string("fill=\"#ffffff\" stroke=\"") + lock_color(l.cls) + "\"");
            } else if (l.event.mode == LockEventMode::Shared) {
              c_.rect(sx, sy, 9, 9, "fill=\"url(#" + c_.id("shared-" + std::to_string(l.cls)) +
                                        ")\" stroke=\"" + lock_color(l.cls) + "\"");
            } else {
              c_.rect(sx, sy, 9, 9, std::string("fill=\"") + lock_color(l.cls) + "\"");
            }
          }
          c_.text(tx + 2 * kCharW, base, l.text, std::string("fill=\"") + lock_color(l.cls) + "\"");
          break;
        }
      }
    }
    y = s.box_top + s.box_h + 3;
    for (const auto& a : s.annot) {
      y += kLineH;
      c_.text(tx, y - 3.5, a, std::string("fill=\"") + (s.no_change ? kMuted : kAnnot) + "\"" +
                                  (s.no_change ? " font-style=\"italic\"" : ""));
    }
    c_.close_group();
  }

  void draw_final_background() {
    const double x = kMargin;
    c_.rect(x, L_.final_y, L_.width - 2 * kMargin, L_.final_h,
            std::string("rx=\"6\" fill=\"") + kViolationFill + "\" stroke=\"" + kViolationRed + "\" stroke-width=\"1.5\"");
  }

  void draw_final() {
    const std::string red_bold = std::string("font-family=\"") + kSansFont +
                                 "\" font-size=\"13\" font-weight=\"bold\" fill=\"" + kViolationRed + "\"";
    if (t_.kind != "deadlock") {
      double y = L_.final_y + 8 + 13;
      for (const auto& l : L_.final_lines) {
        c_.text(kMargin + 10, y, l, red_bold);
        y += 17;
      }
      for (const auto& l : L_.final_message) {
        c_.text(kMargin + 10, y, l, std::string("font-family=\"") + kSansFont + "\" font-size=\"12\" fill=\"" + kInk + "\"");
        y += 15;
      }
      return;
    }
    // Deadlock: a title strip (lock bars pass behind it), the blocked (and holding)
    // processes, waits-for arcs.
    const std::string title = "Deadlock in state " + std::to_string(t_.length()) + ": " + deadlock_reason(t_);
    c_.rect(kMargin + 0.75, L_.final_y + 0.75, L_.width - 2 * kMargin - 1.5, kDeadlockTitleH,
            "rx=\"5\" fill=\"#fbd9d9\"");
    c_.line(kMargin + 0.75, L_.final_y + kDeadlockTitleH, L_.width - kMargin - 0.75, L_.final_y + kDeadlockTitleH,
            std::string("stroke=\"") + kViolationRed + "\" stroke-width=\"1\" stroke-opacity=\"0.5\"");
    c_.text(kMargin + 10, L_.final_y + 18, title, red_bold);
    for (const auto& b : L_.waits) {
      c_.open_group(m_.lanes[b.lane]);
      c_.rect(b.x, b.y, b.w, b.h,
              b.blocked ? std::string("rx=\"4\" fill=\"#ffffff\" stroke=\"") + kViolationRed +
                              "\" stroke-width=\"2\" stroke-dasharray=\"5 3\""
                        : std::string("rx=\"4\" fill=\"#ffffff\" stroke=\"") + kRule + "\"");
      c_.line(L_.lanes[b.lane].lifeline, b.y + b.h / 2, b.x, b.y + b.h / 2,
              std::string("stroke=\"") + kRule + "\" stroke-width=\"1\"");
      double y = b.y + kPadY;
      for (std::size_t k = 0; k < b.lines.size(); ++k) {
        y += kLineH;
        c_.text(b.x + kPadX, y - 3.5, b.lines[k],
                std::string(k == 0 ? "font-weight=\"bold\" " : "") + "fill=\"" +
                    (b.blocked && k == 0 ? kViolationRed : kInk) + "\"");
      }
      c_.close_group();
    }
    L_.for_each_arc([&](const WaitBox& from, const WaitBox& to, const WaitEdge& edge) {
      const bool right = from.x < to.x;
      const double h = SequenceLayout::arc_height(from, to);
      const double sx = right ? from.x + from.w * 0.7 : from.x + from.w * 0.3;
      const double ex = right ? to.x + to.w * 0.3 : to.x + to.w * 0.7;
      const double sy = right ? from.y : from.y + from.h;
      const double ey = right ? to.y : to.y + to.h;
      const double cx = (sx + ex) / 2;
      const double cy = right ? std::min(sy, ey) - 2 * h : std::max(sy, ey) + 2 * h;
      c_.path("M" + svg_num(sx) + "," + svg_num(sy) + " Q" + svg_num(cx) + "," + svg_num(cy) + " " +
                  svg_num(ex) + "," + svg_num(ey),
              std::string("fill=\"none\" stroke=\"") + kViolationRed + "\" stroke-width=\"1.8\"" +
                  (edge.queued ? " stroke-dasharray=\"6 3\"" : "") + " marker-end=\"url(#" + c_.id("arrow-red") +
                  ")\"");
      const double apex_y = (sy + ey) / 4 + cy / 2;
      // A queued request ahead blocks like a holder would (rwsem queued: FIFO), drawn dashed.
      const std::string label = edge.queued ? "queued behind it on " + edge.lock : "waits for " + edge.lock;
      const double lw = static_cast<double>(text_columns(label)) * 10 * kSansAdvance + 8;
      c_.rect(cx - lw / 2, apex_y - 8, lw, 15, "rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\"");
      c_.text(cx, apex_y + 3.5, label,
              std::string("font-family=\"") + kSansFont + "\" font-size=\"10\" text-anchor=\"middle\" fill=\"" +
                  kViolationRed + "\"");
    });
  }

  const SequenceLayout& L_;
  const Trace& t_;
  const TraceModel& m_;
  SvgCanvas c_;
};

}  // namespace

std::string write_svg_trace(const Trace& trace, const SvgOptions& options) {
  const SequenceLayout layout = seq::layout_sequence(trace);
  return SequenceDrawer(layout, options).render();
}

}  // namespace report
