// report: analyze_trace (lanes, lock intervals, changed variables) and shared descriptions.
#include "report/trace_model.h"

#include <algorithm>

namespace report {

std::size_t TraceModel::lane_index(std::string_view lane) const {
  for (std::size_t k = 0; k < lanes.size(); ++k) {
    if (lanes[k] == lane) return k;
  }
  return kOpenEnd;
}

std::size_t TraceModel::class_index(std::string_view lock_class) const {
  for (std::size_t k = 0; k < lock_classes.size(); ++k) {
    if (lock_classes[k] == lock_class) return k;
  }
  return kOpenEnd;
}

std::string step_lane(const Step& s) { return s.lane.empty() ? std::string("actions") : s.lane; }

bool is_pc_var(std::string_view name) { return !name.empty() && name.back() == '@'; }

bool is_lock_var(std::string_view name) { return name.rfind("lock ", 0) == 0; }

std::string lane_var_name(std::string_view name, std::string_view lane) {
  if (!lane.empty() && name.size() > lane.size() + 1 && name.substr(0, lane.size()) == lane &&
      name[lane.size()] == '.')
    return std::string(name.substr(lane.size() + 1));
  return std::string(name);
}

const Value* find_var(const State& s, std::string_view name) {
  for (const auto& v : s.vars) {
    if (v.name == name) return &v.value;
  }
  return nullptr;
}

std::string lock_class_of(const LockEvent& e) {
  if (!e.lock_class.empty()) return e.lock_class;
  const std::size_t bracket = e.lock.find('[');
  return bracket == std::string::npos ? e.lock : e.lock.substr(0, bracket);
}

const char* lock_mode_name(LockEventMode m) {
  return m == LockEventMode::Shared ? "shared" : "exclusive";
}

const char* lock_event_verb(LockEventKind k) {
  switch (k) {
    case LockEventKind::Request: return "request";
    case LockEventKind::Acquire: return "acquire";
    case LockEventKind::Release: return "release";
  }
  return "?";
}

std::string describe_lock_event(const LockEvent& e) {
  std::string s = std::string(lock_event_verb(e.kind)) + " " + e.lock;
  if (e.kind != LockEventKind::Release) s += std::string(" (") + lock_mode_name(e.mode) + ")";
  return s;
}

std::string describe_mover(const Step& s) {
  if (s.lane == "actions" || s.lane.empty()) return "action " + s.what;
  if (s.what.empty()) return s.lane;
  return s.lane + " at " + s.what;
}

std::string violation_headline(const Trace& t) {
  const std::string& k = t.kind;
  const std::string& p = t.property;
  if (k == "invariant") return "invariant " + p + " violated";
  if (k == "assert") return p.empty() ? "assertion failed" : "assertion failed: " + p;
  if (k == "deadlock") return p.empty() || p == "deadlock" ? "deadlock" : "deadlock: " + p;
  if (k == "lock_order") return p.empty() ? "lock-order violation" : "lock-order violation: " + p;
  if (k == "held_at_exit") return p.empty() ? "lock held at exit" : "lock held at exit: " + p;
  if (k == "runtime_error") return p.empty() ? "run-time error" : "run-time error: " + p;
  if (k.empty()) return p.empty() ? "counterexample" : p;
  return p.empty() ? k : k + " " + p;
}

std::string deadlock_reason(const Trace& t) {
  return t.waits.empty() ? "no step is enabled" : "no process can move";
}

std::string describe_wait(const Wait& w) {
  std::string s = w.process;
  if (!w.label.empty()) s += " at " + w.label;
  if (!w.lock.empty()) {
    s += " waits for " + w.lock;
    if (!w.mode.empty()) s += " (" + w.mode + ")";
    if (!w.holders.empty()) {
      s += ", held by ";
      for (std::size_t k = 0; k < w.holders.size(); ++k) {
        if (k != 0) s += ", ";
        s += w.holders[k];
      }
    }
    if (!w.queued_ahead.empty()) {
      s += ", queued behind ";
      for (std::size_t k = 0; k < w.queued_ahead.size(); ++k) {
        if (k != 0) s += ", ";
        s += w.queued_ahead[k];
      }
    }
  } else if (!w.condition.empty()) {
    s += " awaits " + w.condition;
  } else {
    s += " is blocked";
  }
  return s;
}

namespace {

std::string open_mode(const TraceModel& m, std::string_view lane, std::string_view lock, bool waiting) {
  for (const auto& iv : m.intervals) {
    if (iv.lane == lane && iv.lock == lock && iv.waiting == waiting && iv.end == kOpenEnd) return lock_mode_name(iv.mode);
  }
  return "";
}

std::string names_with_modes(const std::vector<std::string>& names, const std::vector<std::string>& modes) {
  std::string s;
  for (std::size_t k = 0; k < names.size(); ++k) {
    s += (k != 0 ? ", " : "") + names[k];
    if (!modes[k].empty()) s += " (" + modes[k] + ")";
  }
  return s;
}

}  // namespace

std::string held_mode(const TraceModel& m, std::string_view lane, std::string_view lock) {
  return open_mode(m, lane, lock, false);
}

std::string queued_mode(const TraceModel& m, std::string_view lane, std::string_view lock) {
  return open_mode(m, lane, lock, true);
}

std::vector<std::string> describe_blockers(const Wait& w, const TraceModel& m) {
  std::vector<std::string> out;
  if (w.lock.empty()) return out;
  std::vector<std::string> modes;
  for (const auto& h : w.holders) modes.push_back(held_mode(m, h, w.lock));
  if (!w.holders.empty()) out.push_back("held by " + names_with_modes(w.holders, modes));
  modes.clear();
  bool writer_ahead = false;
  for (const auto& q : w.queued_ahead) {
    modes.push_back(queued_mode(m, q, w.lock));
    writer_ahead = writer_ahead || modes.back() == "exclusive";
  }
  if (!w.queued_ahead.empty()) out.push_back("queued behind " + names_with_modes(w.queued_ahead, modes));
  if (w.mode == "shared" && writer_ahead) out.push_back("(a queued writer blocks new readers)");
  return out;
}

std::vector<WaitEdge> wait_edges(const Trace& t, const TraceModel& m) {
  std::vector<WaitEdge> out;
  for (const auto& w : t.waits) {
    if (w.lock.empty()) continue;
    for (const auto& h : w.holders) {
      if (h == w.process) continue;
      if (w.mode == "shared" && held_mode(m, h, w.lock) == "shared") continue;  // compatible
      out.push_back({w.process, h, w.lock, w.mode, false});
    }
    for (const auto& q : w.queued_ahead) {
      if (q != w.process) out.push_back({w.process, q, w.lock, w.mode, true});
    }
  }
  return out;
}

namespace {

std::vector<std::string> diff_states(const State& a, const State& b) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < b.vars.size(); ++k) {
    const VarValue& v = b.vars[k];
    // States list their variables in the same order; search only when they do not.
    const Value* old = k < a.vars.size() && a.vars[k].name == v.name ? &a.vars[k].value : find_var(a, v.name);
    if (old == nullptr || !(*old == v.value)) out.push_back(v.name);
  }
  return out;
}

void add_unique(std::vector<std::string>& list, const std::string& s) {
  if (!s.empty() && std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
}

std::vector<std::string> order_lanes(const Trace& t) {
  std::vector<std::string> involved;
  for (const auto& s : t.steps) add_unique(involved, step_lane(s));
  for (const auto& w : t.waits) {
    add_unique(involved, w.process);
    for (const auto& h : w.holders) add_unique(involved, h);
    for (const auto& q : w.queued_ahead) add_unique(involved, q);
  }
  // Process instances in the System's order (their program counters), then the rest
  // (e.g. "actions") in order of first appearance.
  std::vector<std::string> lanes;
  if (!t.states.empty()) {
    for (const auto& v : t.states.front().vars) {
      if (!is_pc_var(v.name)) continue;
      const std::string p = v.name.substr(0, v.name.size() - 1);
      if (std::find(involved.begin(), involved.end(), p) != involved.end()) add_unique(lanes, p);
    }
  }
  for (const auto& p : involved) add_unique(lanes, p);
  return lanes;
}

}  // namespace

TraceModel analyze_trace(const Trace& t) {
  TraceModel m;
  m.lanes = order_lanes(t);
  // The lane of action steps is not a thread: its header says that each box is one atomic step.
  for (const auto& lane : m.lanes) {
    const bool is_process = !t.states.empty() && find_var(t.states.front(), lane + "@") != nullptr;
    m.lane_titles.push_back(lane == "actions" && !is_process ? "atomic actions" : lane);
  }
  m.lane_slots.assign(m.lanes.size(), 0);

  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const Step& s = t.steps[i];
    const std::string lane = step_lane(s);
    if (!s.changed.empty() || i + 1 >= t.states.size()) {
      m.changed.push_back(s.changed);
    } else {
      m.changed.push_back(diff_states(t.states[i], t.states[i + 1]));
    }
    for (const auto& e : s.lock_events) {
      const std::string cls = lock_class_of(e);
      add_unique(m.lock_classes, cls);
      auto open = [&](bool waiting) -> LockInterval* {
        for (auto& iv : m.intervals) {
          if (iv.lane == lane && iv.lock == e.lock && iv.waiting == waiting && iv.end == kOpenEnd)
            return &iv;
        }
        return nullptr;
      };
      switch (e.kind) {
        case LockEventKind::Request:
          if (open(true) == nullptr)
            m.intervals.push_back({lane, e.lock, cls, e.mode, true, i, kOpenEnd, 0});
          break;
        case LockEventKind::Acquire:
          if (LockInterval* w = open(true)) w->end = i;
          if (open(false) == nullptr)
            m.intervals.push_back({lane, e.lock, cls, e.mode, false, i, kOpenEnd, 0});
          break;
        case LockEventKind::Release:
          if (LockInterval* h = open(false)) h->end = i;
          break;
      }
    }
  }
  for (const auto& w : t.waits) {
    if (w.lock.empty()) continue;
    LockEvent e;
    e.lock = w.lock;
    add_unique(m.lock_classes, lock_class_of(e));
  }

  // Slots: a waiting interval and the held interval that follows it share a column; other
  // overlapping intervals of a lane take the lowest free column.
  for (std::size_t k = 0; k < m.intervals.size(); ++k) {
    LockInterval& iv = m.intervals[k];
    const std::size_t lane = m.lane_index(iv.lane);
    std::vector<bool> used;
    for (std::size_t j = 0; j < k; ++j) {
      const LockInterval& o = m.intervals[j];
      if (o.lane != iv.lane) continue;
      const bool continues = o.waiting && !iv.waiting && o.lock == iv.lock && o.end == iv.begin;
      const bool overlaps = o.end == kOpenEnd || o.end > iv.begin ||
                            (o.end == iv.begin && !continues && o.lock == iv.lock);
      if (!overlaps || continues) continue;
      if (used.size() <= o.slot) used.resize(o.slot + 1, false);
      used[o.slot] = true;
    }
    std::size_t slot = 0;
    // Reuse the column of the waiting interval this held interval continues.
    bool placed = false;
    for (std::size_t j = 0; j < k && !iv.waiting; ++j) {
      const LockInterval& o = m.intervals[j];
      if (o.lane == iv.lane && o.waiting && o.lock == iv.lock && o.end == iv.begin) {
        slot = o.slot;
        placed = true;
      }
    }
    if (!placed) {
      while (slot < used.size() && used[slot]) ++slot;
    }
    iv.slot = slot;
    if (lane != kOpenEnd) m.lane_slots[lane] = std::max(m.lane_slots[lane], slot + 1);
  }
  return m;
}

}  // namespace report
