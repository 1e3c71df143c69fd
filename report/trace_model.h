// report: TraceModel, what the diagram writers derive from a Trace: the lanes in display
// order, lock classes, lock-held and lock-waiting intervals per lane, changed variables.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "report/trace.h"

namespace report {

inline constexpr std::size_t kOpenEnd = static_cast<std::size_t>(-1);

// A lock held (or, when `waiting`, requested and not yet granted) by one lane from step
// `begin` (0-based step index) until step `end` releases it (or grants it, for a waiting
// interval); `end == kOpenEnd` when it lasts to the end of the trace.
struct LockInterval {
  std::string lane;
  std::string lock;
  std::string lock_class;
  LockEventMode mode = LockEventMode::Exclusive;
  bool waiting = false;
  std::size_t begin = 0;
  std::size_t end = kOpenEnd;
  std::size_t slot = 0;  // column within the lane, so overlapping intervals sit side by side
};

struct TraceModel {
  std::vector<std::string> lanes;         // display order
  std::vector<std::string> lane_titles;   // per lane: its header ("atomic actions" for action steps)
  std::vector<std::string> lock_classes;  // order of first appearance (colour index)
  std::vector<LockInterval> intervals;
  std::vector<std::size_t> lane_slots;    // per lane: number of interval columns (>= 0)
  std::vector<std::vector<std::string>> changed;  // per step: names of changed variables

  std::size_t lane_index(std::string_view lane) const;  // kOpenEnd if unknown
  // The header of lane k: its title, or its name for a lane added after analyze_trace.
  const std::string& lane_title(std::size_t k) const { return k < lane_titles.size() ? lane_titles[k] : lanes[k]; }
  std::size_t class_index(std::string_view lock_class) const;
};

TraceModel analyze_trace(const Trace& trace);

// The lane a step is drawn on: its process instance, or "actions" for action steps.
std::string step_lane(const Step& s);

// "writer[1]@" is the program counter of writer[1]; "lock i_rwsem" is a lock's state.
bool is_pc_var(std::string_view name);
bool is_lock_var(std::string_view name);
// A name as shown on a lane: "writer[1].tmp" on lane "writer[1]" becomes "tmp".
std::string lane_var_name(std::string_view name, std::string_view lane);
const Value* find_var(const State& s, std::string_view name);
// The class of a lock instance when the event does not name it: "folio[2]" -> "folio".
std::string lock_class_of(const LockEvent& e);

const char* lock_mode_name(LockEventMode m);  // "exclusive" / "shared"
const char* lock_event_verb(LockEventKind k);  // "request" / "acquire" / "release"
// "acquire i_rwsem (exclusive)", "request mmap_lock (shared)", "release i_rwsem".
std::string describe_lock_event(const LockEvent& e);
// Who moved: "writer[1] at begin" or "action Deposit(w = 1)".
std::string describe_mover(const Step& s);

// "invariant no_double_owner violated", "assertion failed: end_", "deadlock", ...
std::string violation_headline(const Trace& t);
// Why a deadlock state is one: "no process can move" (some process is blocked) or "no step
// is enabled" (no waits recorded, e.g. a spec made only of actions).
std::string deadlock_reason(const Trace& t);
// "writer[1] waits for i_rwsem (exclusive), held by writer[2]" / "reader awaits ready";
// requests queued ahead: "w at a waits for m (shared), held by f, queued behind g".
std::string describe_wait(const Wait& w);

// The mode ("shared" / "exclusive") in which `lane` holds `lock` at the end of the trace,
// from the model's open lock intervals; "" when the trace does not show the acquisition.
std::string held_mode(const TraceModel& m, std::string_view lane, std::string_view lock);
// The mode of `lane`'s request for `lock` still waiting at the end of the trace, or "".
std::string queued_mode(const TraceModel& m, std::string_view lane, std::string_view lock);

// What a blocked process waits on, for the diagrams: "held by fault (shared)", "queued
// behind mmapper (exclusive)" and, when a shared request waits behind an exclusive one, the
// rwsem rule that explains it. Modes come from the model (omitted when unknown).
std::vector<std::string> describe_blockers(const Wait& w, const TraceModel& m);

// One arrow of a waits-for graph: `from` cannot go on until `to` moves.
struct WaitEdge {
  std::string from, to;
  std::string lock, mode;  // the lock `from` waits for and the mode it asked for
  bool queued = false;     // `to` is a request queued ahead of `from` (else: `to` holds the lock)
};
// The waits-for edges of a deadlock: from each blocked process to each holder of its lock
// whose hold conflicts with the request (a lock held shared does not block a shared request)
// and to each request queued ahead of it.
std::vector<WaitEdge> wait_edges(const Trace& t, const TraceModel& m);

}  // namespace report
