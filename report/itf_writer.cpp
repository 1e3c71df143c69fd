// report: write_itf_trace, a Trace in the Informal Trace Format (ADR-015 of Apalache).
#include "report/itf_writer.h"

#include <algorithm>

#include "report/json_trace.h"
#include "report/text_util.h"
#include "report/trace_model.h"

namespace report {

Json trace_to_itf(const Trace& t) {
  std::string description = "weft counterexample: " + violation_headline(t);
  if (!t.message.empty()) description += ": " + t.message;
  if (!t.engine.empty()) description += " (engine " + t.engine + ")";

  Json meta = Json::object();
  meta.set("format", Json::string("ITF"));
  meta.set("format-description", Json::string("https://apalache-mc.org/docs/adr/015adr-trace.html"));
  meta.set("source", Json::string(sanitize_utf8(t.spec)));
  meta.set("description", Json::string(sanitize_utf8(description)));

  // Every variable that occurs in some state, in order of first occurrence.
  std::vector<std::string> names;
  for (const auto& s : t.states) {
    for (const auto& v : s.vars) {
      if (std::find(names.begin(), names.end(), v.name) == names.end()) names.push_back(v.name);
    }
  }
  Json vars = Json::array();
  for (const auto& n : names) vars.push(Json::string(sanitize_utf8(n)));

  Json states = Json::array();
  for (std::size_t k = 0; k < t.states.size(); ++k) {
    Json so = Json::object();
    so.set("#meta", Json::object({{"index", Json::integer(static_cast<std::int64_t>(k))}}));
    for (const auto& v : t.states[k].vars) so.set(sanitize_utf8(v.name), value_to_json(v.value));
    states.push(std::move(so));
  }

  Json root = Json::object();
  root.set("#meta", std::move(meta));
  root.set("vars", std::move(vars));
  root.set("states", std::move(states));
  return root;
}

std::string write_itf_trace(const Trace& t) { return write_json(trace_to_itf(t)) + "\n"; }

}  // namespace report
