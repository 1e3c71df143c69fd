// report: write_mermaid_trace, a Trace as a Mermaid sequenceDiagram.
#include "report/mermaid_writer.h"

#include <vector>

#include "report/text_util.h"
#include "report/trace_model.h"

namespace report {

std::string mermaid_escape(std::string_view raw) {
  const std::string s = sanitize_utf8(raw);
  std::string out;
  for (char c : s) {
    switch (c) {
      case '#': out += "#35;"; break;
      case ';': out += "#59;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '&': out += "#amp;"; break;
      case '"': out += "#quot;"; break;
      case '%': out += "#37;"; break;
      case '{': out += "#123;"; break;
      case '}': out += "#125;"; break;
      case '\n': out += "<br/>"; break;
      case '\r': break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

namespace {

constexpr std::size_t kWrap = 60;
constexpr std::size_t kMaxInitialLines = 40;

// Joins escaped lines with <br/>, wrapping long ones.
std::string note_text(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    for (const auto& piece : wrap_text(line, kWrap, 2, 6)) {
      if (!out.empty()) out += "<br/>";
      out += mermaid_escape(piece);
    }
  }
  return out;
}

std::string span(const TraceModel& m) {
  if (m.lanes.size() <= 1) return "L0";
  return "L0,L" + std::to_string(m.lanes.size() - 1);
}

}  // namespace

std::string write_mermaid_trace(const Trace& t) {
  TraceModel model = analyze_trace(t);
  if (model.lanes.empty()) model.lanes.push_back("system");  // a trace of one state
  std::string out = "sequenceDiagram\n";
  out += "    %% weft counterexample, " + std::to_string(t.length()) + " states\n";
  for (std::size_t k = 0; k < model.lanes.size(); ++k)
    out += "    participant L" + std::to_string(k) + " as " + mermaid_escape(model.lane_title(k)) + "\n";

  std::vector<std::string> head{"Initial state"};
  if (!t.states.empty()) {
    std::size_t shown = 0;
    for (const auto& v : t.states.front().vars) {
      if (is_pc_var(v.name) || is_lock_var(v.name)) continue;
      if (++shown > kMaxInitialLines) {
        head.push_back("...");
        break;
      }
      head.push_back(v.name + " = " + v.value.str());
    }
  }
  out += "    Note over " + span(model) + ": " + note_text(head) + "\n";

  std::vector<int> active(model.lanes.size(), 0);
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const Step& s = t.steps[i];
    const std::size_t lane = model.lane_index(step_lane(s));
    if (lane == kOpenEnd) continue;
    const std::string who = "L" + std::to_string(lane);
    const bool failing = t.step_violation && i + 1 == t.steps.size();

    std::vector<std::string> lines;
    std::string title = std::to_string(i + 1) + ". " + (s.what.empty() ? step_lane(s) : s.what);
    lines.push_back(title);
    if (!s.location.empty()) lines.push_back(short_location(s.location));
    for (const auto& e : s.lock_events) {
      std::string ev = describe_lock_event(e);
      if (e.kind == LockEventKind::Request) ev += ": waits";
      lines.push_back(ev);
    }
    if (i + 1 < t.states.size()) {
      for (const auto& name : model.changed[i]) {
        if (is_pc_var(name) || is_lock_var(name)) continue;
        const Value* v = find_var(t.states[i + 1], name);
        if (v != nullptr) lines.push_back(lane_var_name(name, s.lane) + " = " + v->str());
      }
    }
    if (failing) {
      out += "    rect rgb(255, 221, 221)\n";
      lines.push_back("VIOLATION: " + violation_headline(t));
      if (!t.message.empty()) lines.push_back(t.message);
    }
    out += "    Note over " + who + ": " + note_text(lines) + "\n";
    for (const auto& e : s.lock_events) {
      if (e.kind == LockEventKind::Acquire) {
        out += "    activate " + who + "\n";
        ++active[lane];
      } else if (e.kind == LockEventKind::Release && active[lane] > 0) {
        out += "    deactivate " + who + "\n";
        --active[lane];
      }
    }
    if (failing) out += "    end\n";
  }

  if (t.kind == "deadlock") {
    out += "    rect rgb(255, 221, 221)\n";
    out += "    Note over " + span(model) + ": " +
           note_text({"DEADLOCK in state " + std::to_string(t.length()) + ": " + deadlock_reason(t)}) +
           "\n";
    for (const auto& w : t.waits) {
      const std::size_t from = model.lane_index(w.process);
      if (from == kOpenEnd) continue;
      const std::string who = "L" + std::to_string(from);
      std::vector<std::string> lines{"blocked" + (w.label.empty() ? std::string() : " at " + w.label)};
      if (!w.lock.empty()) {
        lines.push_back("waits for " + w.lock + (w.mode.empty() ? "" : " (" + w.mode + ")"));
        for (auto& line : describe_blockers(w, model)) lines.push_back(std::move(line));
      } else if (!w.condition.empty()) {
        lines.push_back("awaits " + w.condition);
      }
      out += "    Note over " + who + ": " + note_text(lines) + "\n";
    }
    for (const auto& e : wait_edges(t, model)) {
      const std::size_t from = model.lane_index(e.from);
      const std::size_t to = model.lane_index(e.to);
      if (from == kOpenEnd || to == kOpenEnd || to == from) continue;
      out += "    L" + std::to_string(from) + "-->>L" + std::to_string(to) + ": " +
             mermaid_escape((e.queued ? "queued behind it on " : "waits for ") + e.lock) + "\n";
    }
    out += "    end\n";
  } else if (!t.step_violation) {
    std::vector<std::string> lines{"VIOLATION in state " + std::to_string(t.length()) + ": " +
                                   violation_headline(t)};
    if (!t.message.empty()) lines.push_back(t.message);
    out += "    rect rgb(255, 221, 221)\n";
    out += "    Note over " + span(model) + ": " + note_text(lines) + "\n";
    out += "    end\n";
  }
  return out;
}

}  // namespace report
