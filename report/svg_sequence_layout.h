// report: SequenceLayout, the geometry of the SVG sequence diagram (lane columns, step rows
// with their wrapped text, the initial state, the final violation or deadlock section),
// computed by layout_sequence before svg_writer.cpp draws it. Internal to report/.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "report/svg_canvas.h"
#include "report/trace.h"
#include "report/trace_model.h"

namespace report::seq {

constexpr double kMargin = 16;
constexpr double kGutter = 40;
constexpr double kCharW = 11 * kMonoAdvance;  // monospace 11px
constexpr double kLineH = 14;
constexpr double kSmallLineH = 13;
constexpr double kBarW = 8;
constexpr double kBarStep = kBarW + 3;
constexpr double kPadX = 7;
constexpr double kPadY = 5;
constexpr double kRowGap = 6;
constexpr double kHeaderH = 28;
constexpr std::size_t kMinChars = 20;
constexpr std::size_t kMaxChars = 52;
constexpr std::size_t kMaxValueLines = 8;
constexpr double kMinWidth = 480;
constexpr double kDeadlockTitleH = 26;

enum class LineKind { Title, Location, Event, Violation };

struct BoxLine {
  std::string text;
  LineKind kind = LineKind::Title;
  LockEvent event;  // for Event lines
  std::size_t cls = 0;
};

struct StepLayout {
  std::size_t lane = kOpenEnd;
  std::vector<BoxLine> raw;         // before wrapping
  std::vector<std::string> raw_annot;
  std::vector<BoxLine> box;         // wrapped
  std::vector<std::string> annot;   // wrapped
  double top = 0, box_top = 0, box_h = 0, bottom = 0, anchor = 0;
  bool failing = false;
  bool no_change = false;  // the step changed no variable (its annotation says so, muted)
};

struct LaneLayout {
  double x = 0, w = 0, lifeline = 0, box_x = 0, box_w = 0;
  std::size_t chars = kMinChars;
  std::size_t slots = 1;
  bool extra_wait_slot = false;  // a deadlock wait on a lock it never requested in the trace
  std::vector<std::string> locals;  // initial values of its local variables (wrapped)
};

struct WaitBox {
  std::size_t lane = kOpenEnd;
  std::vector<std::string> lines;
  bool blocked = false;  // a waiting process (else: a holder that is not blocked)
  double x = 0, y = 0, w = 0, h = 0;
};

double line_height(LineKind k);

struct SequenceLayout {
  const Trace* trace = nullptr;
  TraceModel model;
  std::vector<StepLayout> steps;
  std::vector<LaneLayout> lanes;
  std::vector<WaitBox> waits;
  std::vector<WaitEdge> edges;  // waits-for arrows of a deadlock
  std::vector<std::pair<std::size_t, std::string>> wait_stubs;  // (lane, lock) never requested
  std::vector<std::string> globals;
  std::vector<std::vector<std::string>> global_cols;
  double global_col_w = 0;
  std::vector<std::string> title_lines, message_lines, meta_lines, final_lines, final_message;
  std::size_t text_chars = 80;
  double width = 0, height = 0, lanes_end = 0;
  double title_y = 0, message_y = 0, meta_y = 0, legend_y = 0, head_y = 0;
  double globals_y = 0, globals_h = 0, locals_y = 0, locals_h = 0;
  double steps_end = 0, final_y = 0, final_h = 0, foot_y = 0, open_end_y = 0;
  double arc_up = 0, arc_down = 0;

  // The deadlock box of a lane, or nullptr.
  const WaitBox* box_of(std::size_t lane) const {
    for (const auto& b : waits) {
      if (b.lane == lane) return &b;
    }
    return nullptr;
  }

  // Calls f(from, to, edge) for every waits-for arrow between two lanes' deadlock boxes.
  template <typename F>
  void for_each_arc(F f) const {
    for (const auto& e : edges) {
      const WaitBox* from = box_of(model.lane_index(e.from));
      const WaitBox* to = box_of(model.lane_index(e.to));
      if (from != nullptr && to != nullptr && from != to) f(*from, *to, e);
    }
  }

  static double arc_height(const WaitBox& a, const WaitBox& b) {
    return std::min(18.0 + 0.06 * std::fabs(b.x - a.x), 48.0);
  }
};

SequenceLayout layout_sequence(const Trace& t);
// The right end of the legend row, given the lock classes.
double legend_width(const TraceModel& m);
std::string capitalized(std::string s);

}  // namespace report::seq
