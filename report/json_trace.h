// report: weft's own JSON trace (every field of Trace, stable key order) and its reader,
// which `weft render` uses to re-render a saved counterexample.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "report/json.h"
#include "report/trace.h"

namespace report {

// Value encoding, shared with ITF: bool -> true/false; int -> number when |x| < 2^53, else
// {"#bigint": "123"}; enum -> "Name"; set -> {"#set": [...]}; sequence -> [...];
// function -> {"#map": [[arg, value], ...]}; record -> {"field": value, ...}.
Json value_to_json(const Value& v);
// The inverse of value_to_json (also accepts ITF's {"#tup": [...]} as a sequence). On
// failure returns nullopt and sets `error`.
std::optional<Value> value_from_json(const Json& j, std::string& error);

// {"format": "weft-trace", "version": 1, "spec", "engine", "kind", "property", "message",
//  "location", "trace_length", "step_violation",
//  "states": [{"var": value, ...}, ...],
//  "steps": [{"lane", "what", "location", "lock_events": [{"kind", "mode", "lock",
//             "lock_class"}], "changed": [...]}, ...],
//  "waits": [{"process", "label", "lock", "mode", "holders", "queued_ahead", "condition"}, ...]}
Json trace_to_json(const Trace& t);
std::string write_json_trace(const Trace& t);  // pretty-printed, ends with a newline

struct TraceReadResult {
  std::optional<Trace> trace;
  std::string error;  // says where: "states[2].owner: ..." or the JSON syntax error
};
TraceReadResult trace_from_json(const Json& j);
TraceReadResult read_json_trace(std::string_view text);

}  // namespace report
