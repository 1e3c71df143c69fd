// report: weft's JSON writer (stable member order, correct escapes) and parse_json, which
// drives nlohmann's SAX parser to build a Json with located errors and no exceptions.
#include "report/json.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <limits>
#include <utility>
#include <vector>

#include "report/text_util.h"

namespace report {

const Json* find_member(const Json& o, std::string_view key) {
  if (!o.is_object()) return nullptr;
  const auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

// ---------------------------------------------------------------- writer

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

namespace {

void append_number(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  out += buf;
}

void write_compact(std::string& out, const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
    case Json::value_t::binary:     // never built by weft; JSON has no binary values
    case Json::value_t::discarded:
      out += "null";
      return;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer: out += std::to_string(v.get<std::int64_t>()); return;
    case Json::value_t::number_unsigned: out += std::to_string(v.get<std::uint64_t>()); return;
    case Json::value_t::number_float: append_number(out, v.get<double>()); return;
    case Json::value_t::string: append_json_string(out, v.get_ref<const std::string&>()); return;
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const Json& e : v) {
        if (!first) out += ", ";
        first = false;
        write_compact(out, e);
      }
      out += ']';
      return;
    }
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        append_json_string(out, it.key());
        out += ": ";
        write_compact(out, it.value());
      }
      out += '}';
      return;
    }
  }
}

// `base`: indentation of the line the value starts on; `column`: where the value starts.
void write_pretty(std::string& out, const Json& v, int indent, std::size_t width, std::size_t base,
                  std::size_t column) {
  const bool composite = v.is_array() || v.is_object();
  std::string compact;
  write_compact(compact, v);
  if (!composite || column + compact.size() <= width || v.empty()) {
    out += compact;
    return;
  }
  const std::size_t inner = base + static_cast<std::size_t>(indent);
  const std::string pad(inner, ' ');
  const std::size_t count = v.size();
  std::size_t k = 0;
  out += v.is_array() ? "[\n" : "{\n";
  for (auto it = v.begin(); it != v.end(); ++it, ++k) {
    out += pad;
    if (v.is_array()) {
      write_pretty(out, *it, indent, width, inner, inner);
    } else {
      const std::size_t before = out.size();
      append_json_string(out, it.key());
      out += ": ";
      write_pretty(out, it.value(), indent, width, inner, inner + (out.size() - before));
    }
    if (k + 1 != count) out += ',';
    out += '\n';
  }
  out += std::string(base, ' ');
  out += v.is_array() ? ']' : '}';
}

}  // namespace

std::string write_json(const Json& v, int indent, std::size_t inline_width) {
  std::string out;
  if (indent < 0) {
    write_compact(out, v);
  } else {
    write_pretty(out, v, indent, inline_width, 0, 0);
  }
  return out;
}

// ---------------------------------------------------------------- parser

namespace {

constexpr std::size_t kMaxDepth = 256;

// "line 3, column 7" for the byte at `offset` (both 1-based; columns count bytes).
std::string location(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t k = 0; k < offset && k < text.size(); ++k) {
    if (text[k] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

// A pointer into the text that records how far nlohmann's lexer has read, so that the
// errors Builder raises itself (nesting, duplicate names) are located too.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* p, const char** read_to) : p_(p), read_to_(read_to) {}
  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    *read_to_ = ++p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }

 private:
  const char* p_;
  const char** read_to_;
};

// nlohmann SAX handler that builds a Json. Integers are kept as int64 where they fit (the
// lexer reports non-negative ones as unsigned); larger ones become doubles.
class Builder {
 public:
  Builder(std::string_view text, const char* const* read_to) : text_(text), read_to_(read_to) {}

  Json root;
  std::string error;

  bool null() { return add(Json()); }
  bool boolean(bool b) { return add(Json(b)); }
  bool number_integer(Json::number_integer_t x) { return add(Json(x)); }
  bool number_unsigned(Json::number_unsigned_t x) {
    if (x <= static_cast<Json::number_unsigned_t>(std::numeric_limits<std::int64_t>::max()))
      return add(Json(static_cast<std::int64_t>(x)));
    return add(Json(static_cast<double>(x)));
  }
  bool number_float(Json::number_float_t d, const std::string& /*lexeme*/) { return add(Json(d)); }
  bool string(std::string& s) { return add(Json(std::move(s))); }
  bool binary(Json::binary_t& /*bytes*/) { return fail("unexpected binary value"); }
  bool start_object(std::size_t /*size*/) { return open(Json::object()); }
  bool start_array(std::size_t /*size*/) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    if (stack_.back()->contains(k)) {
      std::string quoted;
      append_json_string(quoted, k);
      return fail("duplicate member name " + quoted);
    }
    key_ = std::move(k);
    return true;
  }
  // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3, column
  // 7: syntax error while parsing ..."; keep it from "line" on.
  bool parse_error(std::size_t position, const std::string& /*last_token*/, const Json::exception& ex) {
    const std::string what = ex.what();
    const std::size_t at = what.find(" at line ");
    if (at != std::string::npos) {
      error = sanitize_utf8(what.substr(at + 4));
    } else {
      const std::size_t tag = what.find("] ");
      const std::size_t offset = position == 0 ? 0 : position - 1;
      error = location(text_, offset) + ": " +
              sanitize_utf8(tag == std::string::npos ? what : what.substr(tag + 2));
    }
    return false;
  }

 private:
  // The last byte the lexer read: the bracket of a container, the end of other tokens.
  bool fail(const std::string& what) {
    const std::size_t read = static_cast<std::size_t>(*read_to_ - text_.data());
    error = location(text_, read == 0 ? 0 : read - 1) + ": " + what;
    return false;
  }

  // Like the hand-written reader before: a value inside more than kMaxDepth containers fails.
  Json* place(Json v) {
    if (stack_.size() > kMaxDepth) {
      fail("nesting too deep (more than " + std::to_string(kMaxDepth) + " levels)");
      return nullptr;
    }
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    Json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    Json& slot = parent[key_];
    slot = std::move(v);
    return &slot;
  }
  bool add(Json v) { return place(std::move(v)) != nullptr; }
  bool open(Json v) {
    Json* p = place(std::move(v));
    if (p == nullptr) return false;
    stack_.push_back(p);
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  std::string_view text_;
  const char* const* read_to_;
  std::vector<Json*> stack_;  // open containers; pointers stay valid (only the top grows)
  std::string key_;
};

}  // namespace

JsonParseResult parse_json(std::string_view text) {
  JsonParseResult r;
  const char* read_to = text.data();
  Builder builder(text, &read_to);
  const bool ok = Json::sax_parse(TrackingIterator(text.data(), &read_to),
                                  TrackingIterator(text.data() + text.size(), &read_to), &builder);
  if (ok) {
    r.value = std::move(builder.root);
  } else {
    r.error = builder.error.empty() ? "invalid JSON" : builder.error;
  }
  return r;
}

}  // namespace report
