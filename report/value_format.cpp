// report: Value::str (weft syntax for a structured state value) and Value equality.
#include "report/trace.h"

namespace report {

namespace {

void append_value(std::string& out, const Value& v);

void append_list(std::string& out, const std::vector<Value>& elems, const char* open,
                 const char* close) {
  out += open;
  for (std::size_t k = 0; k < elems.size(); ++k) {
    if (k != 0) out += ", ";
    append_value(out, elems[k]);
  }
  out += close;
}

void append_value(std::string& out, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Bool:
      out += v.i != 0 ? "true" : "false";
      return;
    case Value::Kind::Int:
      out += std::to_string(v.i);
      return;
    case Value::Kind::Enum:
      out += v.name;
      return;
    case Value::Kind::Set:
      append_list(out, v.elems, "{", "}");
      return;
    case Value::Kind::Seq:
      append_list(out, v.elems, "<<", ">>");
      return;
    case Value::Kind::Function:
      out += '[';
      for (std::size_t k = 0; k < v.pairs.size(); ++k) {
        if (k != 0) out += ", ";
        append_value(out, v.pairs[k].first);
        out += " |-> ";
        append_value(out, v.pairs[k].second);
      }
      out += ']';
      return;
    case Value::Kind::Record:
      out += '[';
      for (std::size_t k = 0; k < v.fields.size(); ++k) {
        if (k != 0) out += ", ";
        out += v.fields[k].first;
        out += " |-> ";
        append_value(out, v.fields[k].second);
      }
      out += ']';
      return;
  }
}

}  // namespace

std::string Value::str() const {
  std::string out;
  append_value(out, *this);
  return out;
}

bool Value::operator==(const Value& o) const {
  if (kind != o.kind) return false;
  switch (kind) {
    case Kind::Bool:
      return (i != 0) == (o.i != 0);
    case Kind::Int:
      return i == o.i;
    case Kind::Enum:
      return name == o.name;
    case Kind::Set:
    case Kind::Seq:
      return elems == o.elems;
    case Kind::Function:
      return pairs == o.pairs;
    case Kind::Record:
      return fields == o.fields;
  }
  return false;
}

}  // namespace report
