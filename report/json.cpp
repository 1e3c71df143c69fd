// report: Json value, writer (stable member order, correct escapes) and error-reporting parser.
#include "report/json.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace report {

Json Json::boolean(bool b) { Json j; j.type_ = Type::Bool; j.b_ = b; return j; }
Json Json::integer(std::int64_t x) { Json j; j.type_ = Type::Int; j.i_ = x; return j; }
Json Json::number(double d) { Json j; j.type_ = Type::Double; j.d_ = d; return j; }
Json Json::string(std::string s) { Json j; j.type_ = Type::String; j.s_ = std::move(s); return j; }
Json Json::array(std::vector<Json> items) {
  Json j; j.type_ = Type::Array; j.items_ = std::move(items); return j;
}
Json Json::object(std::vector<Member> members) {
  Json j; j.type_ = Type::Object; j.members_ = std::move(members); return j;
}

Json& Json::push(Json v) {
  items_.push_back(std::move(v));
  return items_.back();
}

Json& Json::set(std::string key, Json v) {
  members_.emplace_back(std::move(key), std::move(v));
  return members_.back().second;
}

const Json* Json::get(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  for (const auto& m : members_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

bool Json::operator==(const Json& o) const {
  if (type_ != o.type_) return false;
  switch (type_) {
    case Type::Null: return true;
    case Type::Bool: return b_ == o.b_;
    case Type::Int: return i_ == o.i_;
    case Type::Double: return d_ == o.d_;
    case Type::String: return s_ == o.s_;
    case Type::Array: return items_ == o.items_;
    case Type::Object: return members_ == o.members_;
  }
  return false;
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
    case Json::Type::Null: out += "null"; return;
    case Json::Type::Bool: out += v.as_bool() ? "true" : "false"; return;
    case Json::Type::Int: out += std::to_string(v.as_int()); return;
    case Json::Type::Double: append_number(out, v.as_double()); return;
    case Json::Type::String: append_json_string(out, v.as_string()); return;
    case Json::Type::Array:
      out += '[';
      for (std::size_t k = 0; k < v.items().size(); ++k) {
        if (k != 0) out += ", ";
        write_compact(out, v.items()[k]);
      }
      out += ']';
      return;
    case Json::Type::Object:
      out += '{';
      for (std::size_t k = 0; k < v.members().size(); ++k) {
        if (k != 0) out += ", ";
        append_json_string(out, v.members()[k].first);
        out += ": ";
        write_compact(out, v.members()[k].second);
      }
      out += '}';
      return;
  }
}

// `base`: indentation of the line the value starts on; `column`: where the value starts.
void write_pretty(std::string& out, const Json& v, int indent, std::size_t width, std::size_t base,
                  std::size_t column) {
  const bool composite = v.is_array() || v.is_object();
  std::string compact;
  write_compact(compact, v);
  if (!composite || column + compact.size() <= width ||
      (v.is_array() && v.items().empty()) || (v.is_object() && v.members().empty())) {
    out += compact;
    return;
  }
  const std::size_t inner = base + static_cast<std::size_t>(indent);
  const std::string pad(inner, ' ');
  if (v.is_array()) {
    out += "[\n";
    for (std::size_t k = 0; k < v.items().size(); ++k) {
      out += pad;
      write_pretty(out, v.items()[k], indent, width, inner, inner);
      if (k + 1 != v.items().size()) out += ',';
      out += '\n';
    }
    out += std::string(base, ' ');
    out += ']';
    return;
  }
  out += "{\n";
  for (std::size_t k = 0; k < v.members().size(); ++k) {
    out += pad;
    const std::size_t before = out.size();
    append_json_string(out, v.members()[k].first);
    out += ": ";
    write_pretty(out, v.members()[k].second, indent, width, inner, inner + (out.size() - before));
    if (k + 1 != v.members().size()) out += ',';
    out += '\n';
  }
  out += std::string(base, ' ');
  out += '}';
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

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  JsonParseResult run() {
    JsonParseResult r;
    skip_ws();
    Json v;
    if (!parse_value(v, 0)) {
      r.error = error_;
      return r;
    }
    skip_ws();
    if (pos_ != text_.size()) {
      fail("unexpected text after the JSON value");
      r.error = error_;
      return r;
    }
    r.value = std::move(v);
    return r;
  }

 private:
  static constexpr int kMaxDepth = 256;

  bool fail(const std::string& what) {
    if (!error_.empty()) return false;
    std::size_t line = 1, col = 1;
    for (std::size_t k = 0; k < pos_ && k < text_.size(); ++k) {
      if (text_[k] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    error_ = "line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + what;
    return false;
  }

  void skip_ws() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool parse_value(Json& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting too deep");
    if (pos_ >= text_.size()) return fail("unexpected end of input");
    const char c = text_[pos_];
    switch (c) {
      case '{': return parse_object(out, depth);
      case '[': return parse_array(out, depth);
      case '"': {
        std::string s;
        if (!parse_string(s)) return false;
        out = Json::string(std::move(s));
        return true;
      }
      case 't':
        if (!literal("true")) return false;
        out = Json::boolean(true);
        return true;
      case 'f':
        if (!literal("false")) return false;
        out = Json::boolean(false);
        return true;
      case 'n':
        if (!literal("null")) return false;
        out = Json::null();
        return true;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number(out);
        return fail(std::string("unexpected character '") + c + "'");
    }
  }

  bool parse_object(Json& out, int depth) {
    ++pos_;  // '{'
    out = Json::object();
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_ws();
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a member name");
      std::string key;
      if (!parse_string(key)) return false;
      skip_ws();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      skip_ws();
      Json v;
      if (!parse_value(v, depth + 1)) return false;
      out.set(std::move(key), std::move(v));
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  bool parse_array(Json& out, int depth) {
    ++pos_;  // '['
    out = Json::array();
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_ws();
      Json v;
      if (!parse_value(v, depth + 1)) return false;
      out.push(std::move(v));
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  bool hex4(unsigned& cp) {
    if (pos_ + 4 > text_.size()) return fail("truncated \\u escape");
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = text_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
      else return fail("bad hex digit in \\u escape");
    }
    return true;
  }

  static void append_utf8(std::string& s, unsigned cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xc0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xe0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      s += static_cast<char>(0xf0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  bool parse_string(std::string& s) {
    ++pos_;  // opening quote
    for (;;) {
      if (pos_ >= text_.size()) return fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) {
        --pos_;
        return fail("control character in string");
      }
      if (c != '\\') {
        s += c;
        continue;
      }
      if (pos_ >= text_.size()) return fail("unterminated escape");
      const char e = text_[pos_++];
      switch (e) {
        case '"': s += '"'; break;
        case '\\': s += '\\'; break;
        case '/': s += '/'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xd800 && cp <= 0xdbff) {
            unsigned lo = 0;
            if (text_.substr(pos_, 2) != "\\u") return fail("unpaired surrogate");
            pos_ += 2;
            if (!hex4(lo)) return false;
            if (lo < 0xdc00 || lo > 0xdfff) return fail("unpaired surrogate");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            return fail("unpaired surrogate");
          }
          append_utf8(s, cp);
          break;
        }
        default:
          --pos_;
          return fail(std::string("invalid escape '\\") + e + "'");
      }
    }
  }

  bool parse_number(Json& out) {
    const std::size_t start = pos_;
    bool is_float = false;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ >= text_.size() || !(text_[pos_] >= '0' && text_[pos_] <= '9'))
      return fail("invalid number");
    if (text_[pos_] == '0') {
      ++pos_;
    } else {
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      is_float = true;
      ++pos_;
      if (pos_ >= text_.size() || !(text_[pos_] >= '0' && text_[pos_] <= '9'))
        return fail("invalid number");
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      is_float = true;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ >= text_.size() || !(text_[pos_] >= '0' && text_[pos_] <= '9'))
        return fail("invalid number");
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    }
    const std::string lexeme(text_.substr(start, pos_ - start));
    if (!is_float) {
      errno = 0;
      char* end = nullptr;
      const long long x = std::strtoll(lexeme.c_str(), &end, 10);
      if (errno == 0 && end == lexeme.c_str() + lexeme.size()) {
        out = Json::integer(static_cast<std::int64_t>(x));
        return true;
      }
    }
    out = Json::number(std::strtod(lexeme.c_str(), nullptr));
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

JsonParseResult parse_json(std::string_view text) { return Parser(text).run(); }

}  // namespace report
