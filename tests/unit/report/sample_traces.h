// tests/report: hand-built Traces shared by the report tests (lost update, ABBA deadlock,
// queued-rwsem deadlock, action trace, 60 steps x 8 lanes, names that need escaping).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "report/lock_graph.h"
#include "report/trace.h"

namespace report_test {

using report::LockEvent;
using report::LockEventKind;
using report::LockEventMode;
using report::State;
using report::Step;
using report::Trace;
using report::Value;
using report::Wait;

inline Value set_of(std::vector<Value> elems) {
  Value v;
  v.kind = Value::Kind::Set;
  v.elems = std::move(elems);
  return v;
}

inline Value seq_of(std::vector<Value> elems) {
  Value v;
  v.kind = Value::Kind::Seq;
  v.elems = std::move(elems);
  return v;
}

inline Value fun_of(std::vector<std::pair<Value, Value>> pairs) {
  Value v;
  v.kind = Value::Kind::Function;
  v.pairs = std::move(pairs);
  return v;
}

inline Value rec_of(std::vector<std::pair<std::string, Value>> fields) {
  Value v;
  v.kind = Value::Kind::Record;
  v.fields = std::move(fields);
  return v;
}

// Appends a step and the state it leads to: `changes` are applied to a copy of the last
// state; `changed` is filled from them.
class TraceBuilder {
 public:
  explicit TraceBuilder(Trace t, State initial) : t_(std::move(t)) { t_.states.push_back(std::move(initial)); }

  TraceBuilder& step(std::string lane, std::string what, std::string location,
                     std::vector<std::pair<std::string, Value>> changes,
                     std::vector<LockEvent> events = {}) {
    State next = t_.states.back();
    Step s;
    s.lane = std::move(lane);
    s.what = std::move(what);
    s.location = std::move(location);
    s.lock_events = std::move(events);
    for (auto& [name, value] : changes) {
      bool found = false;
      for (auto& v : next.vars) {
        if (v.name == name) {
          found = true;
          if (!(v.value == value)) s.changed.push_back(name);
          v.value = value;
        }
      }
      if (!found) {
        next.vars.push_back({name, value});
        s.changed.push_back(name);
      }
    }
    t_.steps.push_back(std::move(s));
    t_.states.push_back(std::move(next));
    return *this;
  }

  Trace& trace() { return t_; }

 private:
  Trace t_;
};

inline LockEvent ev(LockEventKind k, std::string lock, LockEventMode m = LockEventMode::Exclusive,
                    std::string cls = "") {
  LockEvent e;
  e.kind = k;
  e.mode = m;
  e.lock = std::move(lock);
  e.lock_class = std::move(cls);
  return e;
}

inline Value pc(const char* label) { return Value::enumv(label); }

// Two writers read the counter (tmp := counter + 1), both write back: an increment is lost.
inline Trace lost_update() {
  Trace t;
  t.spec = "examples/lost_update.weft";
  t.engine = "explicit";
  t.kind = "invariant";
  t.property = "no_lost_update";
  t.message = "both writers finished but counter == 1";
  t.location = "examples/lost_update.weft:21";
  State s0;
  s0.vars = {{"counter", Value::integer(0)},
             {"writer[1].tmp", Value::integer(0)},
             {"writer[2].tmp", Value::integer(0)},
             {"writer[1]@", pc("read")},
             {"writer[2]@", pc("read")}};
  TraceBuilder b(t, s0);
  b.step("writer[1]", "read", "examples/lost_update.weft:9", {{"writer[1].tmp", Value::integer(1)}, {"writer[1]@", pc("write")}});
  b.step("writer[2]", "read", "examples/lost_update.weft:9", {{"writer[2].tmp", Value::integer(1)}, {"writer[2]@", pc("write")}});
  b.step("writer[1]", "write", "examples/lost_update.weft:10", {{"counter", Value::integer(1)}, {"writer[1]@", pc("end")}});
  b.step("writer[2]", "write", "examples/lost_update.weft:10", {{"counter", Value::integer(1)}, {"writer[2]@", pc("end")}});
  return b.trace();
}

// Classic ABBA: t[1] takes A then B, t[2] takes B then A.
inline Trace abba_deadlock() {
  Trace t;
  t.spec = "examples/abba.weft";
  t.engine = "explicit";
  t.kind = "deadlock";
  t.property = "deadlock";
  t.message = "no process can move";
  State s0;
  s0.vars = {{"t[1]@", pc("take_a")}, {"t[2]@", pc("take_b")},
             {"lock A", rec_of({{"holder", Value::integer(0)}})},
             {"lock B", rec_of({{"holder", Value::integer(0)}})}};
  TraceBuilder b(t, s0);
  b.step("t[1]", "take_a", "examples/abba.weft:8", {{"t[1]@", pc("take_b")}, {"lock A", rec_of({{"holder", Value::integer(1)}})}},
         {ev(LockEventKind::Acquire, "A")});
  b.step("t[2]", "take_b", "examples/abba.weft:14", {{"t[2]@", pc("take_a")}, {"lock B", rec_of({{"holder", Value::integer(2)}})}},
         {ev(LockEventKind::Acquire, "B")});
  Trace& r = b.trace();
  r.waits.push_back({"t[1]", "take_b", "B", "exclusive", {"t[2]"}, "", {}});
  r.waits.push_back({"t[2]", "take_a", "A", "exclusive", {"t[1]"}, "", {}});
  return r;
}

// A reader stuck behind a queued writer: fault holds mmap_lock shared and wants i_rwsem,
// write holds i_rwsem and queues for mmap_lock behind munmap's exclusive request.
inline Trace queued_rwsem_deadlock() {
  Trace t;
  t.spec = "specs/ext4_inline_mmap.weft";
  t.engine = "explicit";
  t.kind = "deadlock";
  t.property = "deadlock";
  t.message = "no process can move";
  State s0;
  s0.vars = {{"layout", Value::enumv("Inline")},
             {"mapped", Value::boolean(false)},
             {"fault@", pc("lock_mm")},
             {"write@", pc("lock_inode")},
             {"munmap@", pc("lock_mm_w")}};
  TraceBuilder b(t, s0);
  b.step("write", "lock_inode", "specs/ext4_inline_mmap.weft:40", {{"write@", pc("convert")}},
         {ev(LockEventKind::Acquire, "i_rwsem", LockEventMode::Exclusive, "i_rwsem")});
  b.step("fault", "lock_mm", "specs/ext4_inline_mmap.weft:60", {{"fault@", pc("lock_mm")}},
         {ev(LockEventKind::Request, "mmap_lock", LockEventMode::Shared, "mmap_lock")});
  b.step("fault", "lock_mm", "specs/ext4_inline_mmap.weft:60", {{"fault@", pc("fault_in")}, {"mapped", Value::boolean(true)}},
         {ev(LockEventKind::Acquire, "mmap_lock", LockEventMode::Shared, "mmap_lock")});
  b.step("munmap", "lock_mm_w", "specs/ext4_inline_mmap.weft:75", {{"munmap@", pc("lock_mm_w")}},
         {ev(LockEventKind::Request, "mmap_lock", LockEventMode::Exclusive, "mmap_lock")});
  b.step("write", "convert", "specs/ext4_inline_mmap.weft:42", {{"write@", pc("copy_in")}, {"layout", Value::enumv("Extents")}},
         {ev(LockEventKind::Request, "mmap_lock", LockEventMode::Shared, "mmap_lock")});
  Trace& r = b.trace();
  r.waits.push_back({"fault", "fault_in", "i_rwsem", "shared", {"write"}, "", {}});
  r.waits.push_back({"write", "copy_in", "mmap_lock", "shared", {"fault"}, "", {"munmap"}});
  r.waits.push_back({"munmap", "lock_mm_w", "mmap_lock", "exclusive", {"fault"}, "", {}});
  return r;
}

// A spec made only of actions, with structured values of every kind.
inline Trace action_trace() {
  Trace t;
  t.spec = "examples/bank.weft";
  t.engine = "bmc";
  t.kind = "invariant";
  t.property = "balance_ok";
  t.message = "balance went negative";
  t.location = "examples/bank.weft:30";
  State s0;
  s0.vars = {{"balance", Value::integer(1)},
             {"log", seq_of({})},
             {"owners", set_of({})},
             {"cfg", rec_of({{"limit", Value::integer(3)}, {"mode", Value::enumv("Strict")}})},
             {"dirty", fun_of({{Value::integer(1), Value::boolean(false)}, {Value::integer(2), Value::boolean(false)}})},
             {"big", Value::integer(std::int64_t{1} << 60)}};
  TraceBuilder b(t, s0);
  b.step("actions", "Deposit(w = 1, v = 2)", "examples/bank.weft:12",
         {{"balance", Value::integer(3)}, {"log", seq_of({Value::integer(1)})}, {"owners", set_of({Value::integer(1)})},
          {"dirty", fun_of({{Value::integer(1), Value::boolean(true)}, {Value::integer(2), Value::boolean(false)}})}});
  b.step("actions", "Withdraw(w = 2, v = 3)", "examples/bank.weft:18",
         {{"balance", Value::integer(0)}, {"log", seq_of({Value::integer(1), Value::integer(2)})},
          {"owners", set_of({Value::integer(1), Value::integer(2)})}});
  b.step("actions", "Withdraw(w = 1, v = 1)", "examples/bank.weft:18",
         {{"balance", Value::integer(-1)}, {"cfg", rec_of({{"limit", Value::integer(3)}, {"mode", Value::enumv("Lax")}})},
          {"big", Value::integer(-(std::int64_t{1} << 60))}});
  return b.trace();
}

// 60 steps over 8 lanes with nested locks of three classes, ending in a failed assert.
inline Trace long_trace() {
  Trace t;
  t.spec = "specs/stress.weft";
  t.engine = "explicit";
  t.kind = "assert";
  t.property = "check_total";
  t.message = "total != sum of parts";
  t.location = "specs/stress.weft:88";
  t.step_violation = true;
  State s0;
  s0.vars.push_back({"total", Value::integer(0)});
  for (int w = 1; w <= 8; ++w) s0.vars.push_back({"worker[" + std::to_string(w) + "]@", pc("start")});
  for (int w = 1; w <= 8; ++w) s0.vars.push_back({"worker[" + std::to_string(w) + "].part", Value::integer(0)});
  TraceBuilder b(t, s0);
  // Each worker: take its inode lock, then s_umount shared (even workers) or its journal
  // lock (odd workers), update, release both; round-robin, 59 steps plus the failing one.
  const char* labels[] = {"lock_inode", "lock_second", "update", "unlock"};
  int total = 0;
  std::vector<int> part(9, 0);
  int n = 0;
  for (int round = 0; n < 59; ++round) {
    for (int w = 1; w <= 8 && n < 59; ++w) {
      const int phase = (round + w) % 4;
      const std::string lane = "worker[" + std::to_string(w) + "]";
      const std::string inode = "inode[" + std::to_string(w) + "]";
      const bool even = w % 2 == 0;
      const std::string second = even ? "s_umount" : "j_lock[" + std::to_string(w) + "]";
      const std::string second_class = even ? "s_umount" : "j_lock";
      const LockEventMode mode = even ? LockEventMode::Shared : LockEventMode::Exclusive;
      const std::string loc = "specs/stress.weft:" + std::to_string(50 + phase * 3);
      std::vector<std::pair<std::string, Value>> changes{{lane + "@", pc(labels[(phase + 1) % 4])}};
      std::vector<LockEvent> events;
      if (phase == 0) {
        events.push_back(ev(LockEventKind::Acquire, inode, LockEventMode::Exclusive, "inode"));
      } else if (phase == 1) {
        events.push_back(ev(LockEventKind::Acquire, second, mode, second_class));
      } else if (phase == 2) {
        part[w] += w;
        total += w;
        changes.push_back({lane + ".part", Value::integer(part[w])});
        changes.push_back({"total", Value::integer(total)});
      } else {
        events.push_back(ev(LockEventKind::Release, second, mode, second_class));
        events.push_back(ev(LockEventKind::Release, inode, LockEventMode::Exclusive, "inode"));
      }
      b.step(lane, labels[phase], loc, changes, events);
      ++n;
    }
  }
  b.step("worker[3]", "check", "specs/stress.weft:88", {{"worker[3]@", pc("end")}});
  // A worker that starts mid-cycle would release locks it never took: drop those events
  // (and re-acquisitions) so the trace stays consistent.
  Trace& r = b.trace();
  std::vector<std::pair<std::string, std::string>> held;
  for (auto& s : r.steps) {
    std::vector<LockEvent> kept;
    for (auto& e : s.lock_events) {
      const std::pair<std::string, std::string> key{s.lane, e.lock};
      auto it = std::find(held.begin(), held.end(), key);
      if (e.kind == LockEventKind::Release) {
        if (it == held.end()) continue;
        held.erase(it);
      } else {
        if (it != held.end()) continue;
        held.push_back(key);
      }
      kept.push_back(e);
    }
    s.lock_events = kept;
  }
  return r;
}

// Names and messages with characters every format must escape.
inline Trace escaping_trace() {
  Trace t;
  t.spec = "specs/we<ird> & \"quoted\".weft";
  t.engine = "explicit";
  t.kind = "assert";
  t.property = "a<b && c>\"d\" #1; 100% {x}";
  t.message = "line one\nline \"two\" with <tag> & ampersand; #hash % 'single' \\ backslash \xc3\xa9t\xc3\xa9";
  t.location = "specs/we<ird>.weft:7";
  t.step_violation = true;
  State s0;
  s0.vars = {{"p<1>&\"x\"@", pc("start")}, {"m<&>", rec_of({{"k\"ey", Value::enumv("V<1>")}})}};
  TraceBuilder b(t, s0);
  b.step("p<1>&\"x\"", "l<a>b&el \"q\" #; %", "specs/we<ird>.weft:5", {{"m<&>", rec_of({{"k\"ey", Value::enumv("V&2")}})}},
         {ev(LockEventKind::Acquire, "lk<&>", LockEventMode::Exclusive, "lk<&>")});
  b.step("p<1>&\"x\"", "end_{}", "specs/we<ird>.weft:7", {{"p<1>&\"x\"@", pc("end")}});
  return b.trace();
}

// An initial state that already violates an invariant: one state, no steps.
inline Trace initial_violation() {
  Trace t;
  t.spec = "examples/init.weft";
  t.engine = "explicit";
  t.kind = "invariant";
  t.property = "positive";
  t.message = "x must be positive";
  t.location = "examples/init.weft:4";
  State s0;
  s0.vars = {{"x", Value::integer(0)}};
  t.states.push_back(s0);
  return t;
}

inline std::vector<std::pair<std::string, Trace>> all_samples() {
  return {{"lost_update", lost_update()},       {"abba_deadlock", abba_deadlock()},
          {"queued_rwsem_deadlock", queued_rwsem_deadlock()}, {"action_trace", action_trace()},
          {"long_trace", long_trace()},         {"escaping", escaping_trace()},
          {"initial_violation", initial_violation()}};
}

inline report::LockOrderGraph abba_lock_graph() {
  report::LockOrderGraph g;
  g.nodes = {"A", "B", "C<&>"};
  g.edges = {{"A", "B", "exclusive", "exclusive", "t[1] at take_b (examples/abba.weft:9)"},
             {"B", "A", "exclusive", "exclusive", "t[2] at take_a (examples/abba.weft:15)"},
             {"B", "C<&>", "exclusive", "shared", "t[2] at \"peek\""},
             {"C<&>", "C<&>", "shared", "shared", "nested"}};
  g.cycle = {0, 1};
  return g;
}

}  // namespace report_test
