// report: Trace <-> weft JSON trace; Value <-> JSON (the encoding ITF uses too).
#include "report/json_trace.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>

#include "report/text_util.h"

namespace report {

namespace {

constexpr std::int64_t kMaxSafe = (std::int64_t{1} << 53) - 1;

Json str(const std::string& s) { return Json(sanitize_utf8(s)); }

}  // namespace

Json value_to_json(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Bool:
      return Json(v.i != 0);
    case Value::Kind::Int:
      if (v.i >= -kMaxSafe && v.i <= kMaxSafe) return Json(v.i);
      return Json::object({{"#bigint", std::to_string(v.i)}});
    case Value::Kind::Enum:
      return str(v.name);
    case Value::Kind::Set: {
      Json a = Json::array();
      for (const auto& e : v.elems) a.push_back(value_to_json(e));
      return Json::object({{"#set", std::move(a)}});
    }
    case Value::Kind::Seq: {
      Json a = Json::array();
      for (const auto& e : v.elems) a.push_back(value_to_json(e));
      return a;
    }
    case Value::Kind::Function: {
      Json a = Json::array();
      for (const auto& [arg, val] : v.pairs) a.push_back(Json::array({value_to_json(arg), value_to_json(val)}));
      return Json::object({{"#map", std::move(a)}});
    }
    case Value::Kind::Record: {
      Json o = Json::object();
      for (const auto& [name, val] : v.fields) o[sanitize_utf8(name)] = value_to_json(val);
      return o;
    }
  }
  return Json();
}

std::optional<Value> value_from_json(const Json& j, std::string& error) {
  switch (j.type()) {
    case Json::value_t::boolean:
      return Value::boolean(j.get<bool>());
    case Json::value_t::number_integer:
      return Value::integer(j.get<std::int64_t>());
    case Json::value_t::number_unsigned:
      if (j.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) return Value::integer(j.get<std::int64_t>());
      error = "a number that is not a 64-bit integer";
      return std::nullopt;
    case Json::value_t::string:
      return Value::enumv(j.get<std::string>());
    case Json::value_t::array: {
      Value v;
      v.kind = Value::Kind::Seq;
      for (const auto& e : j) {
        auto x = value_from_json(e, error);
        if (!x) return std::nullopt;
        v.elems.push_back(std::move(*x));
      }
      return v;
    }
    case Json::value_t::object: {
      if (j.size() == 1) {
        const std::string& key = j.begin().key();
        const Json& body = j.begin().value();
        if (key == "#bigint") {
          if (!body.is_string()) {
            error = "#bigint needs a string of digits";
            return std::nullopt;
          }
          errno = 0;
          char* end = nullptr;
          const char* text = body.get_ref<const std::string&>().c_str();
          const long long x = std::strtoll(text, &end, 10);
          if (errno != 0 || end == text || *end != '\0') {
            error = "#bigint \"" + body.get<std::string>() + "\" is not a 64-bit integer";
            return std::nullopt;
          }
          return Value::integer(static_cast<std::int64_t>(x));
        }
        if (key == "#set" || key == "#tup") {
          if (!body.is_array()) {
            error = key + " needs an array";
            return std::nullopt;
          }
          Value v;
          v.kind = key == "#set" ? Value::Kind::Set : Value::Kind::Seq;
          for (const auto& e : body) {
            auto x = value_from_json(e, error);
            if (!x) return std::nullopt;
            v.elems.push_back(std::move(*x));
          }
          return v;
        }
        if (key == "#map") {
          if (!body.is_array()) {
            error = "#map needs an array of [argument, value] pairs";
            return std::nullopt;
          }
          Value v;
          v.kind = Value::Kind::Function;
          for (const auto& p : body) {
            if (!p.is_array() || p.size() != 2) {
              error = "#map needs an array of [argument, value] pairs";
              return std::nullopt;
            }
            auto a = value_from_json(p[0], error);
            if (!a) return std::nullopt;
            auto b = value_from_json(p[1], error);
            if (!b) return std::nullopt;
            v.pairs.emplace_back(std::move(*a), std::move(*b));
          }
          return v;
        }
      }
      Value v;
      v.kind = Value::Kind::Record;
      for (const auto& [key, body] : j.items()) {
        if (!key.empty() && key[0] == '#') {
          error = "unknown value tag \"" + key + "\"";
          return std::nullopt;
        }
        auto x = value_from_json(body, error);
        if (!x) return std::nullopt;
        v.fields.emplace_back(key, std::move(*x));
      }
      return v;
    }
    case Json::value_t::number_float:
      error = "a number that is not a 64-bit integer";
      return std::nullopt;
    case Json::value_t::null:
      error = "null is not a value";
      return std::nullopt;
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  error = "not a value";
  return std::nullopt;
}

namespace {

const char* event_kind_name(LockEventKind k) {
  switch (k) {
    case LockEventKind::Request: return "request";
    case LockEventKind::Acquire: return "acquire";
    case LockEventKind::Release: return "release";
  }
  return "acquire";
}

Json string_array(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push_back(str(s));
  return a;
}

}  // namespace

Json trace_to_json(const Trace& t) {
  Json o = Json::object();
  o["format"] = "weft-trace";
  o["version"] = 1;
  o["spec"] = str(t.spec);
  o["engine"] = str(t.engine);
  o["kind"] = str(t.kind);
  o["property"] = str(t.property);
  o["message"] = str(t.message);
  o["location"] = str(t.location);
  o["trace_length"] = static_cast<std::int64_t>(t.length());
  o["step_violation"] = t.step_violation;
  if (!t.from_initial) o["from_initial"] = false;  // a counterexample to induction
  Json states = Json::array();
  for (const auto& s : t.states) {
    Json so = Json::object();
    for (const auto& v : s.vars) so[sanitize_utf8(v.name)] = value_to_json(v.value);
    states.push_back(std::move(so));
  }
  o["states"] = std::move(states);
  Json steps = Json::array();
  for (const auto& s : t.steps) {
    Json so = Json::object();
    so["lane"] = str(s.lane);
    so["what"] = str(s.what);
    so["location"] = str(s.location);
    Json events = Json::array();
    for (const auto& e : s.lock_events) {
      events.push_back(Json::object({{"kind", event_kind_name(e.kind)},
                                     {"mode", e.mode == LockEventMode::Shared ? "shared" : "exclusive"},
                                     {"lock", str(e.lock)},
                                     {"lock_class", str(e.lock_class)}}));
    }
    so["lock_events"] = std::move(events);
    so["changed"] = string_array(s.changed);
    steps.push_back(std::move(so));
  }
  o["steps"] = std::move(steps);
  Json waits = Json::array();
  for (const auto& w : t.waits) {
    waits.push_back(Json::object({{"process", str(w.process)},
                                  {"label", str(w.label)},
                                  {"lock", str(w.lock)},
                                  {"mode", str(w.mode)},
                                  {"holders", string_array(w.holders)},
                                  {"queued_ahead", string_array(w.queued_ahead)},
                                  {"condition", str(w.condition)}}));
  }
  o["waits"] = std::move(waits);
  return o;
}

std::string write_json_trace(const Trace& t) { return write_json(trace_to_json(t)) + "\n"; }

namespace {

// Reads optional members with type checks; the first problem is kept in `error`.
class Reader {
 public:
  std::string error;

  bool fail(const std::string& where, const std::string& what) {
    if (error.empty()) error = where + ": " + what;
    return false;
  }

  bool string_field(const Json& o, const char* key, std::string& out, const std::string& where) {
    const Json* v = find_member(o, key);
    if (v == nullptr || v->is_null()) return true;
    if (!v->is_string()) return fail(where + "." + key, "expected a string");
    out = v->get<std::string>();
    return true;
  }

  bool strings_field(const Json& o, const char* key, std::vector<std::string>& out,
                     const std::string& where) {
    const Json* v = find_member(o, key);
    if (v == nullptr || v->is_null()) return true;
    if (!v->is_array()) return fail(where + "." + key, "expected an array of strings");
    for (const auto& e : *v) {
      if (!e.is_string()) return fail(where + "." + key, "expected an array of strings");
      out.push_back(e.get<std::string>());
    }
    return true;
  }

  const Json* array_field(const Json& o, const char* key, const std::string& where) {
    const Json* v = find_member(o, key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (!v->is_array()) {
      fail(where + "." + key, "expected an array");
      return nullptr;
    }
    return v;
  }

  bool lock_event(const Json& j, LockEvent& e, const std::string& where) {
    if (!j.is_object()) return fail(where, "expected an object");
    std::string kind = "acquire", mode = "exclusive";
    if (!string_field(j, "kind", kind, where) || !string_field(j, "mode", mode, where) ||
        !string_field(j, "lock", e.lock, where) || !string_field(j, "lock_class", e.lock_class, where))
      return false;
    if (kind == "request") e.kind = LockEventKind::Request;
    else if (kind == "acquire") e.kind = LockEventKind::Acquire;
    else if (kind == "release") e.kind = LockEventKind::Release;
    else return fail(where + ".kind", "expected request, acquire or release");
    if (mode == "exclusive") e.mode = LockEventMode::Exclusive;
    else if (mode == "shared") e.mode = LockEventMode::Shared;
    else return fail(where + ".mode", "expected exclusive or shared");
    return true;
  }

  bool trace(const Json& j, Trace& t) {
    if (!j.is_object()) return fail("trace", "expected a JSON object");
    if (const Json* f = find_member(j, "format"); f != nullptr && !(f->is_string() && *f == "weft-trace"))
      return fail("format", "not a weft trace (expected \"weft-trace\")");
    if (!string_field(j, "spec", t.spec, "trace") || !string_field(j, "engine", t.engine, "trace") ||
        !string_field(j, "kind", t.kind, "trace") || !string_field(j, "property", t.property, "trace") ||
        !string_field(j, "message", t.message, "trace") || !string_field(j, "location", t.location, "trace"))
      return false;
    if (const Json* sv = find_member(j, "step_violation"); sv != nullptr && !sv->is_null()) {
      if (!sv->is_boolean()) return fail("step_violation", "expected true or false");
      t.step_violation = sv->get<bool>();
    }
    if (const Json* fi = find_member(j, "from_initial"); fi != nullptr && !fi->is_null()) {
      if (!fi->is_boolean()) return fail("from_initial", "expected true or false");
      t.from_initial = fi->get<bool>();
    }
    const Json* states = array_field(j, "states", "trace");
    if (!error.empty()) return false;
    if (states == nullptr || states->empty()) return fail("states", "a trace needs at least one state");
    for (std::size_t k = 0; k < states->size(); ++k) {
      const Json& so = (*states)[k];
      const std::string where = "states[" + std::to_string(k) + "]";
      if (!so.is_object()) return fail(where, "expected an object of variables");
      State s;
      for (const auto& [name, val] : so.items()) {
        std::string why;
        auto v = value_from_json(val, why);
        if (!v) return fail(where + "." + name, why);
        s.vars.push_back({name, std::move(*v)});
      }
      t.states.push_back(std::move(s));
    }
    const Json* steps = array_field(j, "steps", "trace");
    if (!error.empty()) return false;
    if (steps != nullptr) {
      for (std::size_t k = 0; k < steps->size(); ++k) {
        const Json& so = (*steps)[k];
        const std::string where = "steps[" + std::to_string(k) + "]";
        if (!so.is_object()) return fail(where, "expected an object");
        Step s;
        if (!string_field(so, "lane", s.lane, where) || !string_field(so, "what", s.what, where) ||
            !string_field(so, "location", s.location, where) ||
            !strings_field(so, "changed", s.changed, where))
          return false;
        const Json* events = array_field(so, "lock_events", where);
        if (!error.empty()) return false;
        if (events != nullptr) {
          for (std::size_t e = 0; e < events->size(); ++e) {
            LockEvent ev;
            if (!lock_event((*events)[e], ev, where + ".lock_events[" + std::to_string(e) + "]"))
              return false;
            s.lock_events.push_back(std::move(ev));
          }
        }
        t.steps.push_back(std::move(s));
      }
    }
    if (t.steps.size() + 1 != t.states.size())
      return fail("steps", "a trace of " + std::to_string(t.states.size()) + " states needs " +
                               std::to_string(t.states.size() - 1) + " steps, found " +
                               std::to_string(t.steps.size()));
    const Json* waits = array_field(j, "waits", "trace");
    if (!error.empty()) return false;
    if (waits != nullptr) {
      for (std::size_t k = 0; k < waits->size(); ++k) {
        const Json& wo = (*waits)[k];
        const std::string where = "waits[" + std::to_string(k) + "]";
        if (!wo.is_object()) return fail(where, "expected an object");
        Wait w;
        if (!string_field(wo, "process", w.process, where) || !string_field(wo, "label", w.label, where) ||
            !string_field(wo, "lock", w.lock, where) || !string_field(wo, "mode", w.mode, where) ||
            !strings_field(wo, "holders", w.holders, where) ||
            !strings_field(wo, "queued_ahead", w.queued_ahead, where) ||
            !string_field(wo, "condition", w.condition, where))
          return false;
        t.waits.push_back(std::move(w));
      }
    }
    return true;
  }
};

}  // namespace

TraceReadResult trace_from_json(const Json& j) {
  TraceReadResult r;
  Reader reader;
  Trace t;
  if (!reader.trace(j, t)) {
    r.error = reader.error;
    return r;
  }
  r.trace = std::move(t);
  return r;
}

TraceReadResult read_json_trace(std::string_view text) {
  JsonParseResult p = parse_json(text);
  if (!p.value) {
    TraceReadResult r;
    r.error = "invalid JSON: " + p.error;
    return r;
  }
  return trace_from_json(*p.value);
}

}  // namespace report
