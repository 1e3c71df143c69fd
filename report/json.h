// report: Json, a small JSON value (objects keep insertion order) with a writer and a parser
// that reports errors instead of throwing. Standard library only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace report {

class Json {
 public:
  enum class Type { Null, Bool, Int, Double, String, Array, Object };
  using Member = std::pair<std::string, Json>;

  Json() = default;
  static Json null() { return Json(); }
  static Json boolean(bool b);
  static Json integer(std::int64_t x);
  static Json number(double d);
  static Json string(std::string s);
  static Json array(std::vector<Json> items = {});
  static Json object(std::vector<Member> members = {});

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_bool() const { return type_ == Type::Bool; }
  bool is_int() const { return type_ == Type::Int; }
  bool is_number() const { return type_ == Type::Int || type_ == Type::Double; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }

  bool as_bool() const { return b_; }
  std::int64_t as_int() const { return i_; }
  double as_double() const { return type_ == Type::Int ? static_cast<double>(i_) : d_; }
  const std::string& as_string() const { return s_; }
  const std::vector<Json>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }

  // Arrays: append. Objects: append a member (the caller keeps keys unique).
  Json& push(Json v);
  Json& set(std::string key, Json v);
  // Objects: the first member named `key`, or nullptr (also for non-objects).
  const Json* get(std::string_view key) const;

  bool operator==(const Json& o) const;

 private:
  Type type_ = Type::Null;
  bool b_ = false;
  std::int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  std::vector<Json> items_;
  std::vector<Member> members_;
};

// Writes `v` as JSON. indent < 0: one line. indent >= 0: pretty-printed, but arrays and
// objects whose one-line form fits in `inline_width` columns stay on one line.
std::string write_json(const Json& v, int indent = 2, std::size_t inline_width = 80);
// Appends `s` as a JSON string literal (quotes included) with every required escape.
void append_json_string(std::string& out, std::string_view s);

struct JsonParseResult {
  std::optional<Json> value;
  std::string error;  // "line 3, column 7: expected ':'" when value is empty
};
// Parses one JSON text (RFC 8259; surrounding white space allowed). Nesting deeper than
// 256 levels is rejected rather than risking the stack.
JsonParseResult parse_json(std::string_view text);

}  // namespace report
