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
  meta["format"] = "ITF";
  meta["format-description"] = "https://apalache-mc.org/docs/adr/015adr-trace.html";
  meta["source"] = sanitize_utf8(t.spec);
  meta["description"] = sanitize_utf8(description);

  // Every variable that occurs in some state, in order of first occurrence.
  std::vector<std::string> names;
  for (const auto& s : t.states) {
    for (const auto& v : s.vars) {
      if (std::find(names.begin(), names.end(), v.name) == names.end()) names.push_back(v.name);
    }
  }
  Json vars = Json::array();
  for (const auto& n : names) vars.push_back(sanitize_utf8(n));

  Json states = Json::array();
  for (std::size_t k = 0; k < t.states.size(); ++k) {
    Json so = Json::object();
    so["#meta"] = Json::object({{"index", static_cast<std::int64_t>(k)}});
    for (const auto& v : t.states[k].vars) so[sanitize_utf8(v.name)] = value_to_json(v.value);
    states.push_back(std::move(so));
  }

  Json root = Json::object();
  root["#meta"] = std::move(meta);
  root["vars"] = std::move(vars);
  root["states"] = std::move(states);
  return root;
}

std::string write_itf_trace(const Trace& t) { return write_json(trace_to_itf(t)) + "\n"; }

}  // namespace report
