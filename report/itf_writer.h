// report: the Informal Trace Format (ITF) of Apalache and Quint for a Trace.
#pragma once
#include <string>

#include "report/json.h"
#include "report/trace.h"

namespace report {

// {"#meta": {"format": "ITF", "format-description": ..., "source": spec, "description": ...},
//  "vars": [names], "states": [{"#meta": {"index": i}, "var": value, ...}, ...]}
// with values encoded as value_to_json does (json_trace.h).
Json trace_to_itf(const Trace& t);
std::string write_itf_trace(const Trace& t);  // pretty-printed, ends with a newline

}  // namespace report
