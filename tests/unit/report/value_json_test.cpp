// tests/report: Value::str and equality; the Json writer and parser (over nlohmann::ordered_json).
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "report/json.h"
#include "report/trace.h"
#include "sample_traces.h"

namespace report_test {
namespace {

using report::Json;
using report::parse_json;
using report::write_json;

TEST(ValueFormat, WeftSyntaxForEveryKind) {
  EXPECT_EQ(Value::boolean(true).str(), "true");
  EXPECT_EQ(Value::boolean(false).str(), "false");
  EXPECT_EQ(Value::integer(-42).str(), "-42");
  EXPECT_EQ(Value::enumv("Inline").str(), "Inline");
  EXPECT_EQ(set_of({Value::integer(1), Value::integer(2)}).str(), "{1, 2}");
  EXPECT_EQ(set_of({}).str(), "{}");
  EXPECT_EQ(seq_of({Value::integer(1), Value::integer(2)}).str(), "<<1, 2>>");
  EXPECT_EQ(seq_of({}).str(), "<<>>");
  EXPECT_EQ(fun_of({{Value::integer(1), Value::boolean(true)}, {Value::integer(2), Value::boolean(false)}}).str(),
            "[1 |-> true, 2 |-> false]");
  EXPECT_EQ(rec_of({{"a", Value::integer(1)}, {"b", seq_of({Value::enumv("X")})}}).str(), "[a |-> 1, b |-> <<X>>]");
}

TEST(ValueFormat, EqualityComparesKindAndContent) {
  EXPECT_EQ(Value::integer(1), Value::integer(1));
  EXPECT_NE(Value::integer(1), Value::boolean(true));
  EXPECT_NE(Value::enumv("A"), Value::enumv("B"));
  EXPECT_NE(set_of({Value::integer(1)}), seq_of({Value::integer(1)}));
  EXPECT_EQ(fun_of({{Value::integer(1), Value::integer(2)}}), fun_of({{Value::integer(1), Value::integer(2)}}));
  EXPECT_NE(fun_of({{Value::integer(1), Value::integer(2)}}), fun_of({{Value::integer(1), Value::integer(3)}}));
  EXPECT_NE(rec_of({{"a", Value::integer(1)}}), rec_of({{"b", Value::integer(1)}}));
}

TEST(Json, WritesAndParsesBack) {
  Json o = Json::object();
  o["s"] = "quote \" backslash \\ nl \n tab \t ctl \x01 del \x7f utf8 \xc3\xa9";
  o["i"] = INT64_MIN;
  o["j"] = INT64_MAX;
  o["d"] = 0.5;
  o["b"] = false;
  o["n"] = nullptr;
  o["a"] = Json::array({1, Json::array(), Json::object()});
  for (int indent : {-1, 0, 2}) {
    const std::string text = write_json(o, indent);
    auto r = parse_json(text);
    ASSERT_TRUE(r.value) << r.error << "\n" << text;
    EXPECT_EQ(*r.value, o) << text;
    EXPECT_EQ(write_json(*r.value, indent), text);
  }
  const std::string compact = write_json(o, -1);
  EXPECT_NE(compact.find("\\u0001"), std::string::npos);
  EXPECT_NE(compact.find("\\n"), std::string::npos);
  EXPECT_EQ(compact.find('\n'), std::string::npos);
}

TEST(Json, KeepsMemberOrder) {
  auto r = parse_json(R"({"z": 1, "a": 2, "m": 3})");
  ASSERT_TRUE(r.value);
  ASSERT_EQ(r.value->size(), 3u);
  std::vector<std::string> keys;
  for (auto it = r.value->begin(); it != r.value->end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"z", "a", "m"}));
  EXPECT_EQ(write_json(*r.value, -1), R"({"z": 1, "a": 2, "m": 3})");
}

TEST(Json, DecodesUnicodeEscapes) {
  auto r = parse_json(R"(["\u00e9", "\ud83d\ude00", "\/"])");
  ASSERT_TRUE(r.value) << r.error;
  EXPECT_EQ((*r.value)[0].get<std::string>(), "\xc3\xa9");
  EXPECT_EQ((*r.value)[1].get<std::string>(), "\xf0\x9f\x98\x80");
  EXPECT_EQ((*r.value)[2].get<std::string>(), "/");
}

TEST(Json, ReportsErrorsWithPosition) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01", "1.", "-", "[1] x",
                          "\"\\ud800\"", "\"\\q\"", "{\"a\":}", "nul", "\"tab\there\""}) {
    auto r = parse_json(bad);
    EXPECT_FALSE(r.value) << bad;
    EXPECT_NE(r.error.find("line "), std::string::npos) << bad;
  }
  auto r = parse_json("{\n  \"a\": [1, 2,\n  ]\n}");
  ASSERT_FALSE(r.value);
  EXPECT_EQ(r.error.rfind("line 3, column 3", 0), 0u) << r.error;
  r = parse_json("{\"a\" 1}");
  EXPECT_EQ(r.error.rfind("line 1, column 6: ", 0), 0u) << r.error;
  EXPECT_NE(r.error.find("expected ':'"), std::string::npos) << r.error;
}

TEST(Json, RejectsDuplicateNamesMalformedUtf8AndOverflow) {
  auto r = parse_json("{\"a\": 1,\n \"a\": 2}");
  EXPECT_FALSE(r.value);
  EXPECT_EQ(r.error, "line 2, column 4: duplicate member name \"a\"");
  for (const char* bad : {"[\"\xff\"]", "[1e400]"}) {
    r = parse_json(bad);
    EXPECT_FALSE(r.value) << bad;
    EXPECT_EQ(r.error.rfind("line 1, column ", 0), 0u) << r.error;
  }
}

TEST(Json, RejectsDeepNestingWithoutCrashing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto r = parse_json(deep);
  EXPECT_FALSE(r.value);
  EXPECT_EQ(r.error.rfind("line 1, column 258: nesting too deep", 0), 0u) << r.error;
  const std::string ok = std::string(200, '[') + std::string(200, ']');
  EXPECT_TRUE(parse_json(ok).value);
  // A value may sit inside at most 256 containers.
  EXPECT_TRUE(parse_json(std::string(257, '[') + std::string(257, ']')).value);
  EXPECT_FALSE(parse_json(std::string(257, '[') + "1" + std::string(257, ']')).value);
}

TEST(Json, LargeIntegersBecomeDoubles) {
  auto r = parse_json("[9223372036854775807, 9223372036854775808, -9223372036854775808, 1e3]");
  ASSERT_TRUE(r.value);
  const Json& a = *r.value;
  EXPECT_EQ(a[0].type(), Json::value_t::number_integer);
  EXPECT_EQ(a[0].get<std::int64_t>(), INT64_MAX);
  EXPECT_EQ(a[1].type(), Json::value_t::number_float);
  EXPECT_EQ(a[2].type(), Json::value_t::number_integer);
  EXPECT_EQ(a[2].get<std::int64_t>(), INT64_MIN);
  EXPECT_EQ(a[3].type(), Json::value_t::number_float);
}

}  // namespace
}  // namespace report_test
