// report: Json is nlohmann::ordered_json (objects keep insertion order); weft's writer (short
// containers stay on one line) and a parser that reports located errors instead of throwing.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace report {

// Build values the nlohmann way: Json(x), Json::object({{"k", v}}), Json::array({a, b}),
// o["k"] = v, a.push_back(v). Integers are written as given; parse_json yields signed
// integers (number_integer) and turns integers outside int64 into doubles.
using Json = nlohmann::ordered_json;

// Objects: the member named `key`, or nullptr (also for non-objects).
const Json* find_member(const Json& o, std::string_view key);

// Writes `v` as JSON. indent < 0: one line. indent >= 0: pretty-printed, but arrays and
// objects whose one-line form fits in `inline_width` columns stay on one line. Separators
// are ", " and ": "; doubles use %.17g (non-finite ones become null).
std::string write_json(const Json& v, int indent = 2, std::size_t inline_width = 80);
// Appends `s` as a JSON string literal (quotes included) with every required escape.
void append_json_string(std::string& out, std::string_view s);

struct JsonParseResult {
  std::optional<Json> value;
  std::string error;  // "line 3, column 7: syntax error ..." when value is empty
};
// Parses one JSON text (RFC 8259; surrounding white space allowed) with nlohmann's parser.
// Nesting deeper than 256 levels and duplicate member names are rejected.
JsonParseResult parse_json(std::string_view text);

}  // namespace report
