// cli: ArgParser implementation (usage errors are reported here and become exit 2).
#include "cli/arg_parser.h"

#include <cmath>
#include <iostream>

namespace cli {

void ArgParser::flag(std::string name, bool* out) { specs_.push_back({std::move(name), Spec::Flag, out, {}}); }
void ArgParser::option(std::string name, std::string* out) { specs_.push_back({std::move(name), Spec::Option, out, {}}); }
void ArgParser::choice(std::string name, std::string* out, std::vector<std::string> allowed) {
  specs_.push_back({std::move(name), Spec::Choice, out, std::move(allowed)});
}
void ArgParser::number(std::string name, std::uint64_t* out) { specs_.push_back({std::move(name), Spec::Number, out, {}}); }
void ArgParser::size(std::string name, std::uint64_t* out) { specs_.push_back({std::move(name), Spec::Size, out, {}}); }
void ArgParser::defines(std::vector<compiler::ConstOverride>* out) { defines_ = out; }
void ArgParser::positionals(std::vector<std::string>* out, std::size_t min, std::size_t max) {
  positionals_ = out;
  min_pos_ = min;
  max_pos_ = max;
}

bool ArgParser::fail(const std::string& message) {
  std::cerr << "weft " << command_ << ": " << message << "\n"
            << "Try 'weft " << command_ << " --help'.\n";
  return false;
}

std::optional<std::uint64_t> parse_size(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t pos = 0;
  double v = 0;
  try {
    v = std::stod(text, &pos);
  } catch (...) {
    return std::nullopt;
  }
  if (!(v >= 0) || !std::isfinite(v)) return std::nullopt;
  std::string unit = text.substr(pos);
  double mult = 1;
  if (unit == "" || unit == "B") mult = 1;
  else if (unit == "K" || unit == "KB" || unit == "KiB" || unit == "k") mult = 1024.0;
  else if (unit == "M" || unit == "MB" || unit == "MiB") mult = 1024.0 * 1024;
  else if (unit == "G" || unit == "GB" || unit == "GiB") mult = 1024.0 * 1024 * 1024;
  else if (unit == "T" || unit == "TB" || unit == "TiB") mult = 1024.0 * 1024 * 1024 * 1024;
  else return std::nullopt;
  double bytes = v * mult;
  if (bytes > 1.8e19) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

bool ArgParser::apply(const Spec& spec, const std::string& value) {
  switch (spec.kind) {
    case Spec::Flag:
      *static_cast<bool*>(spec.out) = true;
      return true;
    case Spec::Option:
      *static_cast<std::string*>(spec.out) = value;
      return true;
    case Spec::Choice:
      for (const auto& a : spec.allowed)
        if (a == value) {
          *static_cast<std::string*>(spec.out) = value;
          return true;
        }
      {
        std::string list;
        for (const auto& a : spec.allowed) list += (list.empty() ? "" : ", ") + a;
        return fail("invalid value '" + value + "' for --" + spec.name + " (expected one of: " + list + ")");
      }
    case Spec::Number: {
      if (value.empty() || value.size() > 19 || value.find_first_not_of("0123456789") != std::string::npos)
        return fail("--" + spec.name + " expects a non-negative integer, got '" + value + "'");
      *static_cast<std::uint64_t*>(spec.out) = std::stoull(value);
      return true;
    }
    case Spec::Size: {
      auto s = parse_size(value);
      if (!s) return fail("--" + spec.name + " expects a size such as 512M or 4G, got '" + value + "'");
      *static_cast<std::uint64_t*>(spec.out) = *s;
      return true;
    }
  }
  return false;
}

bool ArgParser::parse(const std::vector<std::string>& args) {
  std::vector<std::string> pos;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      help_ = true;
      return true;
    }
    if (a.rfind("-D", 0) == 0 && defines_) {
      std::string def = a.size() > 2 ? a.substr(2) : "";
      if (def.empty()) {
        if (i + 1 >= args.size()) return fail("-D expects NAME=VALUE");
        def = args[++i];
      }
      auto eq = def.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == def.size())
        return fail("-D expects NAME=VALUE, got '" + def + "'");
      std::string name = def.substr(0, eq);
      // A constant defined twice is a usage error, not "last one wins": with two values on
      // one command line (say from a script and a user), neither is clearly the intended one.
      for (const auto& d : *defines_)
        if (d.name == name)
          return fail("-D " + name + " given more than once ('" + d.name + "=" + d.value + "' and '" + def +
                      "')");
      defines_->push_back({name, def.substr(eq + 1)});
      continue;
    }
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2), value;
      bool has_value = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
      const Spec* spec = nullptr;
      for (const auto& s : specs_)
        if (s.name == name) spec = &s;
      if (!spec) return fail("unknown option '--" + name + "'");
      if (spec->kind == Spec::Flag) {
        if (has_value) return fail("option '--" + name + "' takes no value");
      } else if (!has_value) {
        if (i + 1 >= args.size()) return fail("option '--" + name + "' needs a value");
        value = args[++i];
      }
      if (!apply(*spec, value)) return false;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') return fail("unknown option '" + a + "'");
    pos.push_back(a);
  }
  if (positionals_) {
    if (pos.size() < min_pos_) return fail(min_pos_ == 1 ? "missing SPEC file" : "missing arguments");
    if (pos.size() > max_pos_) return fail("unexpected argument '" + pos[max_pos_] + "'");
    *positionals_ = pos;
  } else if (!pos.empty()) {
    return fail("unexpected argument '" + pos[0] + "'");
  }
  return true;
}

}  // namespace cli
