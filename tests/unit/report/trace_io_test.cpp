// tests/report: weft's JSON trace (round trip, reader errors) and the ITF writer's shape.
#include <gtest/gtest.h>

#include "report/itf_writer.h"
#include "report/json.h"
#include "report/json_trace.h"
#include "report/trace_model.h"
#include "sample_traces.h"

namespace report_test {
namespace {

using report::Json;

TEST(JsonTrace, RoundTripsEverySample) {
  for (const auto& [name, t] : all_samples()) {
    const std::string text = report::write_json_trace(t);
    auto r = report::read_json_trace(text);
    ASSERT_TRUE(r.trace) << name << ": " << r.error;
    EXPECT_EQ(*r.trace, t) << name;
    // Writing what was read gives the same bytes (stable key order).
    EXPECT_EQ(report::write_json_trace(*r.trace), text) << name;
  }
}

TEST(JsonTrace, HasTheDocumentedTopLevelKeysInOrder) {
  const Json j = report::trace_to_json(lost_update());
  std::vector<std::string> keys;
  for (const auto& m : j.members()) keys.push_back(m.first);
  const std::vector<std::string> expected{"format", "version", "spec", "engine", "kind", "property", "message",
                                          "location", "trace_length", "step_violation", "states", "steps",
                                          "waits"};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(j.get("trace_length")->as_int(), 5);
  EXPECT_EQ(j.get("states")->items().size(), 5u);
  EXPECT_EQ(j.get("steps")->items().size(), 4u);
}

TEST(JsonTrace, EncodesValuesLikeItf) {
  const Trace t = action_trace();
  const Json j = report::trace_to_json(t);
  const Json& s1 = j.get("states")->items()[1];
  EXPECT_TRUE(s1.get("balance")->is_int());
  EXPECT_TRUE(s1.get("log")->is_array());
  ASSERT_NE(s1.get("owners")->get("#set"), nullptr);
  ASSERT_NE(s1.get("dirty")->get("#map"), nullptr);
  EXPECT_EQ(s1.get("dirty")->get("#map")->items()[0].items().size(), 2u);
  EXPECT_TRUE(s1.get("cfg")->is_object());
  EXPECT_EQ(s1.get("cfg")->get("mode")->as_string(), "Strict");
  ASSERT_NE(s1.get("big")->get("#bigint"), nullptr);
  EXPECT_EQ(s1.get("big")->get("#bigint")->as_string(), "1152921504606846976");
}

TEST(JsonTrace, IntegerBoundaryForBigint) {
  const std::int64_t limit = (std::int64_t{1} << 53) - 1;
  EXPECT_TRUE(report::value_to_json(Value::integer(limit)).is_int());
  EXPECT_TRUE(report::value_to_json(Value::integer(-limit)).is_int());
  EXPECT_TRUE(report::value_to_json(Value::integer(limit + 1)).is_object());
  EXPECT_TRUE(report::value_to_json(Value::integer(INT64_MIN)).is_object());
  std::string err;
  auto back = report::value_from_json(report::value_to_json(Value::integer(INT64_MIN)), err);
  ASSERT_TRUE(back) << err;
  EXPECT_EQ(*back, Value::integer(INT64_MIN));
}

TEST(JsonTrace, ReaderRejectsMalformedTraces) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"[1, 2]", "expected a JSON object"},
      {R"({"format": "other"})", "not a weft trace"},
      {R"({"states": []})", "at least one state"},
      {R"({"states": [{"x": 1}, {"x": 2}], "steps": []})", "needs 1 steps"},
      {R"({"states": [{"x": null}]})", "states[0].x"},
      {R"({"states": [{"x": 1.5}]})", "states[0].x"},
      {R"({"states": [{"x": {"#bigint": "12a"}}]})", "states[0].x"},
      {R"({"states": [{"x": {"#map": [[1]]}}]})", "states[0].x"},
      {R"({"states": [{"x": {"#weird": 1}}]})", "unknown value tag"},
      {R"({"states": [{"x": 1}], "spec": 3})", "trace.spec"},
      {R"({"states": [{"x": 1}, {"x": 2}], "steps": [{"lock_events": [{"kind": "grab"}]}]})", "lock_events[0].kind"},
      {R"({"states": [{"x": 1}], "waits": [{"holders": [1]}]})", "waits[0].holders"},
      {"{\"states\": [", "invalid JSON"},
  };
  for (const auto& [text, what] : cases) {
    auto r = report::read_json_trace(text);
    EXPECT_FALSE(r.trace) << text;
    EXPECT_NE(r.error.find(what), std::string::npos) << text << " -> " << r.error;
  }
}

TEST(JsonTrace, ReaderAcceptsMinimalTraceAndItfTuples) {
  auto r = report::read_json_trace(R"({"states": [{"x": {"#tup": [1, true]}}]})");
  ASSERT_TRUE(r.trace) << r.error;
  ASSERT_EQ(r.trace->states.size(), 1u);
  EXPECT_EQ(r.trace->states[0].vars[0].value, seq_of({Value::integer(1), Value::boolean(true)}));
}

TEST(Itf, HasTheItfShape) {
  for (const auto& [name, t] : all_samples()) {
    const std::string text = report::write_itf_trace(t);
    auto p = report::parse_json(text);
    ASSERT_TRUE(p.value) << name << ": " << p.error;
    const Json& root = *p.value;
    const Json* meta = root.get("#meta");
    ASSERT_NE(meta, nullptr) << name;
    EXPECT_EQ(meta->get("format")->as_string(), "ITF");
    EXPECT_EQ(meta->get("source")->as_string(), t.spec);
    EXPECT_NE(meta->get("description")->as_string().find(t.property), std::string::npos) << name;
    const Json* vars = root.get("vars");
    ASSERT_TRUE(vars != nullptr && vars->is_array());
    const Json* states = root.get("states");
    ASSERT_TRUE(states != nullptr && states->is_array());
    ASSERT_EQ(states->items().size(), t.states.size()) << name;
    for (std::size_t k = 0; k < states->items().size(); ++k) {
      const Json& s = states->items()[k];
      ASSERT_TRUE(s.is_object());
      EXPECT_EQ(s.members().front().first, "#meta");
      EXPECT_EQ(s.get("#meta")->get("index")->as_int(), static_cast<std::int64_t>(k));
      // Every declared variable is present in every state, and values decode back.
      for (const auto& v : vars->items()) {
        const Json* val = s.get(v.as_string());
        ASSERT_NE(val, nullptr) << name << " state " << k << " lacks " << v.as_string();
        std::string err;
        auto decoded = report::value_from_json(*val, err);
        ASSERT_TRUE(decoded) << err;
        EXPECT_EQ(*decoded, *report::find_var(t.states[k], v.as_string()));
      }
    }
  }
}

TEST(Itf, EncodesEachValueKind) {
  const Json root = report::trace_to_itf(action_trace());
  const Json& s1 = root.get("states")->items()[1];
  EXPECT_TRUE(s1.get("balance")->is_int());
  EXPECT_EQ(s1.get("owners")->get("#set")->items().size(), 1u);
  EXPECT_TRUE(s1.get("log")->is_array());
  EXPECT_EQ(s1.get("dirty")->get("#map")->items().size(), 2u);
  EXPECT_TRUE(s1.get("dirty")->get("#map")->items()[0].items()[1].is_bool());
  EXPECT_EQ(s1.get("cfg")->get("limit")->as_int(), 3);
  EXPECT_EQ(s1.get("big")->get("#bigint")->as_string(), "1152921504606846976");
  const Json& s3 = root.get("states")->items()[3];
  EXPECT_EQ(s3.get("big")->get("#bigint")->as_string(), "-1152921504606846976");
}

}  // namespace
}  // namespace report_test
