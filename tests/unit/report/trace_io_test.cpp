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

// A counterexample to induction keeps its "not from an initial state" mark through JSON.
TEST(JsonTrace, RoundTripsACounterexampleToInduction) {
  report::Trace t = lost_update();
  t.engine = "induction";
  t.from_initial = false;
  const std::string text = report::write_json_trace(t);
  EXPECT_NE(text.find("\"from_initial\": false"), std::string::npos) << text;
  auto r = report::read_json_trace(text);
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_FALSE(r.trace->from_initial);
  EXPECT_EQ(*r.trace, t);
  EXPECT_EQ(report::write_json_trace(lost_update()).find("from_initial"), std::string::npos);
}

TEST(JsonTrace, HasTheDocumentedTopLevelKeysInOrder) {
  const Json j = report::trace_to_json(lost_update());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  const std::vector<std::string> expected{"format", "version", "spec", "engine", "kind", "property", "message",
                                          "location", "trace_length", "step_violation", "states", "steps",
                                          "waits"};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(j.at("trace_length"), 5);
  EXPECT_EQ(j.at("states").size(), 5u);
  EXPECT_EQ(j.at("steps").size(), 4u);
}

TEST(JsonTrace, EncodesValuesLikeItf) {
  const Trace t = action_trace();
  const Json j = report::trace_to_json(t);
  const Json& s1 = j.at("states").at(1);
  EXPECT_TRUE(s1.at("balance").is_number_integer());
  EXPECT_TRUE(s1.at("log").is_array());
  ASSERT_TRUE(s1.at("owners").contains("#set"));
  ASSERT_TRUE(s1.at("dirty").contains("#map"));
  EXPECT_EQ(s1.at("dirty").at("#map").at(0).size(), 2u);
  EXPECT_TRUE(s1.at("cfg").is_object());
  EXPECT_EQ(s1.at("cfg").at("mode"), "Strict");
  ASSERT_TRUE(s1.at("big").contains("#bigint"));
  EXPECT_EQ(s1.at("big").at("#bigint"), "1152921504606846976");
}

TEST(JsonTrace, IntegerBoundaryForBigint) {
  const std::int64_t limit = (std::int64_t{1} << 53) - 1;
  EXPECT_TRUE(report::value_to_json(Value::integer(limit)).is_number_integer());
  EXPECT_TRUE(report::value_to_json(Value::integer(-limit)).is_number_integer());
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
    const Json* meta = report::find_member(root, "#meta");
    ASSERT_NE(meta, nullptr) << name;
    EXPECT_EQ(meta->at("format"), "ITF");
    EXPECT_EQ(meta->at("source"), t.spec);
    EXPECT_NE(meta->at("description").get<std::string>().find(t.property), std::string::npos) << name;
    const Json* vars = report::find_member(root, "vars");
    ASSERT_TRUE(vars != nullptr && vars->is_array());
    const Json* states = report::find_member(root, "states");
    ASSERT_TRUE(states != nullptr && states->is_array());
    ASSERT_EQ(states->size(), t.states.size()) << name;
    for (std::size_t k = 0; k < states->size(); ++k) {
      const Json& s = (*states)[k];
      ASSERT_TRUE(s.is_object());
      EXPECT_EQ(s.begin().key(), "#meta");
      EXPECT_EQ(s.at("#meta").at("index"), static_cast<std::int64_t>(k));
      // Every declared variable is present in every state, and values decode back.
      for (const auto& v : *vars) {
        const std::string var = v.get<std::string>();
        const Json* val = report::find_member(s, var);
        ASSERT_NE(val, nullptr) << name << " state " << k << " lacks " << var;
        std::string err;
        auto decoded = report::value_from_json(*val, err);
        ASSERT_TRUE(decoded) << err;
        EXPECT_EQ(*decoded, *report::find_var(t.states[k], var));
      }
    }
  }
}

TEST(Itf, EncodesEachValueKind) {
  const Json root = report::trace_to_itf(action_trace());
  const Json& s1 = root.at("states").at(1);
  EXPECT_TRUE(s1.at("balance").is_number_integer());
  EXPECT_EQ(s1.at("owners").at("#set").size(), 1u);
  EXPECT_TRUE(s1.at("log").is_array());
  EXPECT_EQ(s1.at("dirty").at("#map").size(), 2u);
  EXPECT_TRUE(s1.at("dirty").at("#map").at(0).at(1).is_boolean());
  EXPECT_EQ(s1.at("cfg").at("limit"), 3);
  EXPECT_EQ(s1.at("big").at("#bigint"), "1152921504606846976");
  const Json& s3 = root.at("states").at(3);
  EXPECT_EQ(s3.at("big").at("#bigint"), "-1152921504606846976");
}

}  // namespace
}  // namespace report_test
