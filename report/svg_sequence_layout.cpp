// report: layout_sequence, the geometry of the SVG sequence diagram (see svg_sequence_layout.h).
#include "report/svg_sequence_layout.h"

#include "report/text_util.h"

namespace report::seq {

double line_height(LineKind k) { return k == LineKind::Location ? kSmallLineH : kLineH; }

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

double legend_width(const TraceModel& m) {
  if (m.lock_classes.empty()) return 0;
  double x = kMargin + 44;
  for (const auto& cls : m.lock_classes)
    x += 17 + static_cast<double>(text_columns(cls)) * 11 * kSansAdvance + 16;
  x += 12 + 2 * (17 + 14 * 11 * kSansAdvance + 14);
  return x + 17 + 14 * 11 * kSansAdvance + kMargin;
}

namespace {

std::size_t line_columns(const BoxLine& l) {
  return text_columns(l.text) + (l.kind == LineKind::Event ? 2 : 0);
}

std::vector<std::string> wrap_value(const std::string& s, std::size_t chars) {
  return wrap_text(s, chars, 2, kMaxValueLines);
}

class Layouter {
 public:
  Layouter(const Trace& t, SequenceLayout& layout) : t_(t), m_(layout.model), L_(layout) {}

  void run() {
    collect_steps();
    collect_waits();
    layout_lanes();
    layout_vertical();
  }

 private:
  // ---------------------------------------------------------------- content
  void collect_steps() {
    L_.steps.resize(t_.steps.size());
    for (std::size_t i = 0; i < t_.steps.size(); ++i) {
      const Step& s = t_.steps[i];
      StepLayout& L = L_.steps[i];
      L.lane = m_.lane_index(step_lane(s));
      L.failing = t_.step_violation && i + 1 == t_.steps.size();
      L.raw.push_back({s.what.empty() ? step_lane(s) : s.what, LineKind::Title, {}, 0});
      if (!s.location.empty()) L.raw.push_back({short_location(s.location), LineKind::Location, {}, 0});
      for (const auto& e : s.lock_events) {
        BoxLine b{describe_lock_event(e), LineKind::Event, e, m_.class_index(lock_class_of(e))};
        if (e.kind == LockEventKind::Request) b.text += ", waits";
        L.raw.push_back(b);
      }
      if (L.failing) L.raw.push_back({"\u2717 " + violation_headline(t_), LineKind::Violation, {}, 0});
      if (i + 1 < t_.states.size()) {
        for (const auto& name : m_.changed[i]) {
          if (is_pc_var(name) || is_lock_var(name)) continue;
          if (const Value* v = find_var(t_.states[i + 1], name))
            L.raw_annot.push_back(lane_var_name(name, step_lane(s)) + " = " + v->str());
        }
        // A step that only moved on (or stored the value already there, as the second store
        // of a lost update does) says so, rather than looking as if nothing happened.
        // The lane's own locals are listed, since a load of the value a register already
        // holds is what such a step often is: "(no value changed; tmp = 0)".
        if (L.raw_annot.empty() && s.lock_events.empty() && !L.failing) {
          L.no_change = true;
          const std::string lane = step_lane(s), prefix = lane + ".";
          std::string locals;
          std::size_t shown = 0;
          for (const auto& v : t_.states[i + 1].vars) {
            if (v.name.rfind(prefix, 0) != 0 || is_pc_var(v.name)) continue;
            if (++shown > 3) {
              locals += ", ...";
              break;
            }
            locals += (locals.empty() ? "" : ", ") + lane_var_name(v.name, lane) + " = " + v.value.str();
          }
          L.raw_annot.push_back("(no value changed" + (locals.empty() ? "" : "; " + locals) + ")");
        }
      }
    }
  }

  void collect_waits() {
    if (t_.kind != "deadlock") return;
    L_.edges = wait_edges(t_, m_);
    auto box_for = [&](std::size_t lane) -> WaitBox& {
      for (auto& b : L_.waits) {
        if (b.lane == lane) return b;
      }
      L_.waits.push_back({});
      L_.waits.back().lane = lane;
      return L_.waits.back();
    };
    for (const auto& w : t_.waits) {
      const std::size_t k = m_.lane_index(w.process);
      if (k == kOpenEnd) continue;
      WaitBox& b = box_for(k);
      if (!b.blocked) b.lines.clear();
      b.blocked = true;
      b.lines.push_back("blocked" + (w.label.empty() ? std::string() : " at " + w.label));
      if (!w.lock.empty()) {
        b.lines.push_back("waits for " + w.lock + (w.mode.empty() ? "" : " (" + w.mode + ")"));
        for (auto& line : describe_blockers(w, m_)) b.lines.push_back(std::move(line));
        bool requested = false;
        for (const auto& iv : m_.intervals) {
          if (iv.lane == w.process && iv.lock == w.lock && iv.waiting && iv.end == kOpenEnd) requested = true;
        }
        if (!requested) L_.wait_stubs.push_back({k, w.lock});
      } else if (!w.condition.empty()) {
        b.lines.push_back("awaits " + w.condition);
      }
    }
    for (const auto& w : t_.waits) {
      for (const auto& h : w.holders) {
        const std::size_t k = m_.lane_index(h);
        if (k == kOpenEnd) continue;
        bool present = false;
        for (const auto& b : L_.waits) present = present || b.lane == k;
        if (!present) {
          WaitBox& b = box_for(k);
          b.lines.push_back("not blocked");
        }
        for (auto& b : L_.waits) {
          const std::string line = "holds " + w.lock;
          if (b.lane == k && !b.blocked && std::find(b.lines.begin(), b.lines.end(), line) == b.lines.end())
            b.lines.push_back(line);
        }
      }
    }
  }

  // ---------------------------------------------------------------- horizontal layout
  void layout_lanes() {
    L_.lanes.resize(m_.lanes.size());
    for (std::size_t k = 0; k < L_.lanes.size(); ++k) {
      LaneLayout& L = L_.lanes[k];
      L.slots = std::max<std::size_t>(1, m_.lane_slots[k]);
      for (const auto& st : L_.wait_stubs) {
        if (st.first == k) L.extra_wait_slot = true;
      }
      if (L.extra_wait_slot) L.slots = std::max<std::size_t>(1, m_.lane_slots[k] + 1);
      std::size_t need = static_cast<std::size_t>(
          std::ceil(text_columns(m_.lane_title(k)) * 12 * kSansBoldAdvance / kCharW));
      for (const auto& s : L_.steps) {
        if (s.lane != k) continue;
        for (const auto& l : s.raw) need = std::max(need, line_columns(l));
        for (const auto& a : s.raw_annot) need = std::max(need, text_columns(a));
      }
      for (const auto& b : L_.waits) {
        if (b.lane != k) continue;
        for (const auto& l : b.lines) need = std::max(need, text_columns(l));
      }
      L.chars = std::clamp(need, kMinChars, kMaxChars);
    }
    place_lanes();
    // A canvas made wider by the legend or the minimum width: widen the lanes to fill it.
    L_.width = std::max({L_.lanes_end + kMargin, kMinWidth, legend_width(m_)});
    if (!L_.lanes.empty() && L_.width > L_.lanes_end + kMargin + 1) {
      const double per_lane = (L_.width - kMargin - L_.lanes_end) / static_cast<double>(L_.lanes.size());
      const auto extra = static_cast<std::size_t>(per_lane / kCharW);
      for (auto& L : L_.lanes) L.chars += extra;
      place_lanes();
      L_.width = std::max(L_.width, L_.lanes_end + kMargin);
    }
    L_.text_chars = static_cast<std::size_t>((L_.width - 2 * kMargin) / (12 * kSansAdvance));

    // Initial values of lane-local variables go in the lane's column.
    L_.globals.clear();
    if (!t_.states.empty()) {
      for (const auto& v : t_.states.front().vars) {
        if (is_pc_var(v.name) || is_lock_var(v.name)) continue;
        bool local = false;
        for (std::size_t k = 0; k < L_.lanes.size() && !local; ++k) {
          const std::string& lane = m_.lanes[k];
          if (v.name.size() > lane.size() + 1 && v.name.compare(0, lane.size(), lane) == 0 &&
              v.name[lane.size()] == '.') {
            local = true;
            for (const auto& piece : wrap_value(lane_var_name(v.name, lane) + " = " + v.value.str(), L_.lanes[k].chars))
              L_.lanes[k].locals.push_back(piece);
          }
        }
        if (!local) L_.globals.push_back(v.name + " = " + v.value.str());
      }
    }

    for (auto& s : L_.steps) {
      const std::size_t chars = s.lane == kOpenEnd ? kMaxChars : L_.lanes[s.lane].chars;
      for (const auto& l : s.raw) {
        const std::size_t cols = l.kind == LineKind::Event ? chars - 2 : chars;
        for (const auto& piece : wrap_text(l.text, cols, 2, kMaxValueLines)) {
          BoxLine b = l;
          b.text = piece;
          s.box.push_back(b);
        }
      }
      for (const auto& a : s.raw_annot) {
        for (const auto& piece : wrap_value(a, chars)) s.annot.push_back(piece);
      }
    }
    for (auto& b : L_.waits) {
      std::vector<std::string> wrapped;
      for (const auto& l : b.lines) {
        for (const auto& piece : wrap_text(l, L_.lanes[b.lane].chars, 2, 4)) wrapped.push_back(piece);
      }
      b.lines = wrapped;
      b.x = L_.lanes[b.lane].box_x;
      b.w = L_.lanes[b.lane].box_w;
      b.h = 2 * kPadY + static_cast<double>(b.lines.size()) * kLineH;
    }
  }

  void place_lanes() {
    double x = kMargin + kGutter;
    for (auto& L : L_.lanes) {
      L.x = x;
      const double bars = static_cast<double>(L.slots) * kBarStep + 4;
      L.lifeline = x + 8 + kBarW / 2;
      L.box_x = x + 8 + bars;
      L.box_w = static_cast<double>(L.chars) * kCharW + 2 * kPadX;
      L.w = 8 + bars + L.box_w + 10;
      x += L.w;
    }
    L_.lanes_end = x;
  }

  // ---------------------------------------------------------------- vertical layout
  void layout_vertical() {
    double y = kMargin;
    L_.title_lines = wrap_text(capitalized(violation_headline(t_)),
                             static_cast<std::size_t>((L_.width - 2 * kMargin) / (16 * kSansBoldAdvance)), 2, 3);
    L_.title_y = y + 16;
    y += static_cast<double>(L_.title_lines.size()) * 21;
    if (!t_.message.empty()) {
      L_.message_lines = wrap_text(t_.message, L_.text_chars, 2, 4);
      L_.message_y = y + 13;
      y += static_cast<double>(L_.message_lines.size()) * 16;
    }
    L_.meta_lines = pack_meta_lines(static_cast<std::size_t>((L_.width - 2 * kMargin) / (11 * kSansAdvance)));
    L_.meta_y = y + 13;
    y += 5 + static_cast<double>(L_.meta_lines.size()) * 15;
    if (!m_.lock_classes.empty()) {
      L_.legend_y = y + 4;
      y += 26;
    }
    y += 6;
    L_.head_y = y;
    if (!L_.lanes.empty()) y += kHeaderH + 8;

    if (!L_.globals.empty()) {
      const double inner = L_.width - 2 * kMargin - kGutter - 2 * kPadX;
      std::size_t col_chars = 16;
      for (const auto& g : L_.globals) col_chars = std::max(col_chars, text_columns(g));
      col_chars = std::min<std::size_t>(col_chars, 64);
      col_chars = std::min(col_chars, static_cast<std::size_t>(inner / kCharW));
      const double col_w = static_cast<double>(col_chars) * kCharW + 24;
      std::size_t ncols = std::max<std::size_t>(1, static_cast<std::size_t>((inner + 24) / col_w));
      std::vector<std::vector<std::string>> entries;
      std::size_t total = 0;
      for (const auto& g : L_.globals) {
        entries.push_back(wrap_value(g, col_chars));
        total += entries.back().size();
      }
      ncols = std::min(ncols, entries.size());
      const std::size_t per_col = (total + ncols - 1) / ncols;
      L_.global_cols.assign(1, {});
      for (const auto& e : entries) {
        if (L_.global_cols.back().size() >= per_col && L_.global_cols.size() < ncols && !L_.global_cols.back().empty())
          L_.global_cols.emplace_back();
        for (const auto& line : e) L_.global_cols.back().push_back(line);
      }
      L_.global_col_w = col_w;
      std::size_t rows = 0;
      for (const auto& col : L_.global_cols) rows = std::max(rows, col.size());
      L_.globals_y = y;
      L_.globals_h = 2 * kPadY + 16 + static_cast<double>(rows) * kLineH;
      y += L_.globals_h + 8;
    }
    std::size_t local_rows = 0;
    for (const auto& L : L_.lanes) local_rows = std::max(local_rows, L.locals.size());
    if (local_rows > 0) {
      L_.locals_y = y;
      L_.locals_h = 2 * kPadY + static_cast<double>(local_rows) * kLineH;
      y += L_.locals_h + 6;
    }

    for (auto& s : L_.steps) {
      s.top = y;
      s.box_top = y + kRowGap;
      s.box_h = 2 * kPadY;
      for (const auto& l : s.box) s.box_h += line_height(l.kind);
      s.anchor = s.box_top + s.box_h / 2;
      double annot_h = s.annot.empty() ? 0 : 3 + static_cast<double>(s.annot.size()) * kLineH;
      s.bottom = s.box_top + s.box_h + annot_h + kRowGap;
      y = s.bottom;
    }
    L_.steps_end = y;

    L_.final_y = y + 8;
    if (t_.kind == "deadlock") {
      L_.arc_up = L_.arc_down = 0;
      L_.for_each_arc([&](const WaitBox& from, const WaitBox& to, const WaitEdge&) {
        const double h = SequenceLayout::arc_height(from, to);
        if (from.x < to.x) L_.arc_up = std::max(L_.arc_up, h);
        else L_.arc_down = std::max(L_.arc_down, h);
      });
      double max_h = 0;
      for (const auto& b : L_.waits) max_h = std::max(max_h, b.h);
      const double box_y = L_.final_y + kDeadlockTitleH + 10 + L_.arc_up + (L_.arc_up > 0 ? 14 : 0);
      for (auto& b : L_.waits) b.y = box_y;
      L_.final_h = box_y + max_h + L_.arc_down + (L_.arc_down > 0 ? 16 : 0) + 10 - L_.final_y;
      L_.open_end_y = box_y + max_h / 2;
    } else {
      L_.final_lines = wrap_text(final_headline(), L_.text_chars, 2, 3);
      if (!t_.message.empty()) {
        for (const auto& l : wrap_text(t_.message, L_.text_chars, 2, 4)) L_.final_message.push_back(l);
      }
      L_.final_h = 2 * 8 + static_cast<double>(L_.final_lines.size()) * 17 +
                 static_cast<double>(L_.final_message.size()) * 15;
      L_.open_end_y = L_.final_y;
    }
    y = L_.final_y + L_.final_h + 10;
    L_.foot_y = y;
    L_.height = y + (L_.lanes.empty() ? 0 : kHeaderH) + kMargin;
  }

  // The spec, declaration, engine and length, packed into lines at the " · " separators.
  std::vector<std::string> pack_meta_lines(std::size_t chars) const {
    std::vector<std::string> items;
    if (!t_.spec.empty()) items.push_back("spec " + t_.spec);
    if (!t_.location.empty()) items.push_back("declared at " + t_.location);
    if (!t_.engine.empty()) items.push_back("engine " + t_.engine);
    items.push_back(std::to_string(t_.length()) + (t_.length() == 1 ? " state" : " states"));
    std::vector<std::string> lines;
    std::string line;
    for (const auto& item : items) {
      const std::string joined = line.empty() ? item : line + "  \u00b7  " + item;
      if (!line.empty() && text_columns(joined) > chars) {
        lines.push_back(line);
        line = item;
      } else {
        line = joined;
      }
    }
    lines.push_back(line);
    std::vector<std::string> out;
    for (const auto& l : lines) {
      for (const auto& piece : wrap_text(l, chars, 2, 2)) out.push_back(piece);
    }
    return out;
  }

  std::string final_headline() const {
    if (t_.step_violation && !t_.steps.empty())
      return capitalized(violation_headline(t_)) + " at step " + std::to_string(t_.steps.size());
    return capitalized(violation_headline(t_)) + " in state " + std::to_string(t_.length());
  }

  const Trace& t_;
  const TraceModel& m_;
  SequenceLayout& L_;
};

}  // namespace

SequenceLayout layout_sequence(const Trace& t) {
  SequenceLayout layout;
  layout.trace = &t;
  layout.model = analyze_trace(t);
  Layouter(t, layout).run();
  return layout;
}

}  // namespace report::seq
