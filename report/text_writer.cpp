// report: write_text_trace, the plain-text counterexample printed by `weft check`.
#include "report/text_writer.h"

#include <algorithm>

#include "report/text_util.h"
#include "report/trace_model.h"

namespace report {

namespace {

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

void append_header(std::string& out, const Trace& t) {
  out += capitalized(violation_headline(t));
  if (!t.location.empty()) out += " (" + t.location + ")";
  out += '\n';
  if (!t.message.empty()) out += "  " + t.message + '\n';
  std::string meta;
  if (!t.spec.empty()) meta += "spec " + t.spec;
  if (!t.engine.empty()) meta += std::string(meta.empty() ? "" : ", ") + "engine " + t.engine;
  meta += std::string(meta.empty() ? "" : ", ") + std::to_string(t.length()) +
          (t.length() == 1 ? " state" : " states");
  out += "  " + meta + '\n';
}

void append_all_vars(std::string& out, const State& s, const std::vector<std::string>* changed) {
  for (const auto& v : s.vars) {
    std::string mark = "  ";
    if (changed != nullptr) {
      const bool c = std::find(changed->begin(), changed->end(), v.name) != changed->end();
      mark = c ? "* " : "  ";
    }
    out += "  " + mark + v.name + " = " + v.value.str() + '\n';
  }
}

}  // namespace

std::string write_text_trace(const Trace& t, const TextOptions& options) {
  const TraceModel model = analyze_trace(t);
  std::string out;
  append_header(out, t);

  if (!t.states.empty()) {
    out += t.from_initial ? "\nState 1 (initial):\n"
                          : "\nState 1 (any state in which every property holds; not necessarily reachable):\n";
    for (const auto& v : t.states.front().vars) out += "    " + v.name + " = " + v.value.str() + '\n';
  }

  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const Step& s = t.steps[i];
    const bool failing = t.step_violation && i + 1 == t.steps.size();
    out += "\nStep " + std::to_string(i + 1) + " -> state " + std::to_string(i + 2) + ": " +
           describe_mover(s);
    if (!s.location.empty()) out += "  (" + s.location + ")";
    if (failing) out += "  <-- " + violation_headline(t);
    out += '\n';
    for (const auto& e : s.lock_events) out += "    lock: " + describe_lock_event(e) + '\n';
    if (i + 1 >= t.states.size()) continue;
    const State& before = t.states[i];
    const State& after = t.states[i + 1];
    if (options.full) {
      append_all_vars(out, after, &model.changed[i]);
      continue;
    }
    for (const auto& name : model.changed[i]) {
      const Value* now = find_var(after, name);
      if (now == nullptr) continue;
      out += "    " + name + " = " + now->str();
      if (const Value* old = find_var(before, name)) out += "  (was " + old->str() + ")";
      out += '\n';
    }
  }

  out += '\n';
  const std::size_t last = t.length();
  if (t.kind == "deadlock") {
    out += "Deadlock in state " + std::to_string(last) + ": " + deadlock_reason(t) + ".\n";
    for (const auto& w : t.waits) out += "  " + describe_wait(w) + '\n';
  } else if (t.step_violation && !t.steps.empty()) {
    out += capitalized(violation_headline(t)) + " at step " + std::to_string(t.steps.size()) +
           ".\n";
  } else if (t.length() > 0) {
    out += capitalized(violation_headline(t)) + " in state " + std::to_string(last) + ".\n";
  }
  return sanitize_utf8(out);
}

}  // namespace report
