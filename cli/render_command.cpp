// cli: run_render, the `weft render` subcommand (reads a JSON trace, writes one format).
#include "cli/render_command.h"

#include "cli/command.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "report/dot_writer.h"
#include "report/itf_writer.h"
#include "report/json_trace.h"
#include "report/mermaid_writer.h"
#include "report/svg_writer.h"
#include "report/text_writer.h"

namespace cli {

namespace {

constexpr const char* kUsage =
    "usage: weft render TRACE.json [--format svg|mermaid|dot|text|json|itf|waits-svg|waits-dot]\n"
    "                   [--full] [-o FILE]\n"
    "  Re-renders a counterexample saved by `weft check --trace json` or `--out DIR`.\n"
    "  TRACE.json may be '-' for standard input. The default format is svg.\n"
    "  --full (text only) shows every variable in every state.\n";

int usage_error(const std::string& message) {
  std::cerr << "weft render: error: " << message << "\n" << kUsage;
  return kExitUsage;
}

bool read_input(const std::string& path, std::string& text, std::string& error) {
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  text = buf.str();
  return true;
}

}  // namespace

int run_render(const std::vector<std::string>& args) {
  std::string input, format = "svg", output;
  bool full = false, have_input = false;
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string& a = args[k];
    auto value = [&](const std::string& flag, std::string& into) {
      if (a == flag) {
        if (k + 1 >= args.size()) return false;
        into = args[++k];
        return true;
      }
      into = a.substr(flag.size() + 1);
      return true;
    };
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return kExitOk;
    }
    if (a == "--format" || a.rfind("--format=", 0) == 0) {
      if (!value("--format", format)) return usage_error("--format needs a value");
    } else if (a == "-o") {
      if (!value("-o", output)) return usage_error("-o needs a file name");
    } else if (a == "--output" || a.rfind("--output=", 0) == 0) {
      if (!value("--output", output)) return usage_error("--output needs a file name");
    } else if (a == "--full") {
      full = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option " + a);
    } else if (!have_input) {
      input = a;
      have_input = true;
    } else {
      return usage_error("more than one trace file given");
    }
  }
  if (!have_input) return usage_error("no trace file given");
  if (format == "mmd") format = "mermaid";
  if (format == "txt") format = "text";
  const bool known = format == "svg" || format == "mermaid" || format == "dot" || format == "text" ||
                     format == "json" || format == "itf" || format == "waits-svg" || format == "waits-dot";
  if (!known) return usage_error("unknown format '" + format + "'");

  std::string text, error;
  if (!read_input(input, text, error)) {
    std::cerr << "weft render: error: " << error << "\n";
    return kExitUsage;
  }
  report::TraceReadResult r = report::read_json_trace(text);
  if (!r.trace) {
    std::cerr << "weft render: error: " << (input == "-" ? "<stdin>" : input) << ": " << r.error << "\n";
    return kExitUsage;
  }
  const report::Trace& t = *r.trace;
  std::string rendered;
  if (format == "svg") rendered = report::write_svg_trace(t);
  else if (format == "mermaid") rendered = report::write_mermaid_trace(t);
  else if (format == "dot") rendered = report::write_dot_trace(t);
  else if (format == "text") rendered = report::write_text_trace(t, report::TextOptions{full});
  else if (format == "json") rendered = report::write_json_trace(t);
  else if (format == "itf") rendered = report::write_itf_trace(t);
  else if (format == "waits-svg") rendered = report::waits_for_svg(t);
  else rendered = report::waits_for_dot(t);

  if (output.empty()) {
    std::cout << rendered;
    std::cout.flush();
    return std::cout ? kExitOk : kExitUsage;
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << rendered;
  out.close();
  if (!out) {
    std::cerr << "weft render: error: cannot write " << output << "\n";
    return kExitUsage;
  }
  return kExitOk;
}

namespace {
CommandRegistrar render_reg({"render", "re-render a saved counterexample (JSON trace) as SVG, Mermaid, DOT, ...",
                             kUsage, 70, run_render});
}  // namespace

}  // namespace cli
