// report: write_html_index, a self-contained HTML page (inline CSS and SVG, no scripts).
#include "report/html_index.h"

#include <cstdio>

#include "report/svg_writer.h"
#include "report/text_util.h"
#include "report/text_writer.h"
#include "report/trace_model.h"

namespace report {

namespace {

constexpr const char* kStyle = R"(body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px; color: #1f2933; background: #ffffff; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 17px; margin-top: 32px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
table { border-collapse: collapse; margin: 12px 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f0f3f7; }
.summary { color: #4a5561; }
.v-bad { color: #c62828; font-weight: bold; }
.v-good { color: #2e7d32; font-weight: bold; }
.v-unknown { color: #a35a00; font-weight: bold; }
.diagram { overflow: auto; max-height: 92vh; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px; margin: 10px 0; }
.diagram svg { display: block; }
.files a { margin-right: 10px; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 10px; overflow: auto; }
)";

std::string esc(const std::string& s) { return xml_escape(s); }

std::string verdict_class(const std::string& v) {
  if (v == "ok" || v == "holds" || v == "pass" || v == "proved") return "v-good";
  if (v == "violated" || v == "error" || v == "fail" || v == "vacuous") return "v-bad";
  return "v-unknown";
}

std::string link(const std::string& file, const std::string& label) {
  if (file.empty()) return "";
  return "<a href=\"" + esc(file) + "\">" + esc(label) + "</a>";
}

std::string fmt_seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

}  // namespace

std::string write_html_index(const RunInfo& run, const std::vector<ReportItem>& items,
                             const std::vector<ItemFiles>& files,
                             const std::optional<LockOrderGraph>& lock_graph) {
  const std::string spec = run.spec.empty() ? "(spec)" : run.spec;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += "<title>weft: " + esc(spec) + (run.verdict.empty() ? "" : " (" + esc(run.verdict) + ")") + "</title>\n";
  out += "<style>\n" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<h1>weft report: <code>" + esc(spec) + "</code></h1>\n";

  std::string summary;
  auto add = [&](const std::string& part) { summary += (summary.empty() ? "" : " &#183; ") + part; };
  if (!run.verdict.empty())
    add("verdict <span class=\"" + verdict_class(run.verdict) + "\">" + esc(run.verdict) + "</span>");
  if (!run.engine.empty()) add("engine " + esc(run.engine));
  if (run.distinct_states) add(std::to_string(*run.distinct_states) + " distinct states");
  if (run.transitions) add(std::to_string(*run.transitions) + " transitions");
  if (run.depth) add("depth " + std::to_string(*run.depth));
  if (run.seconds) add(fmt_seconds(*run.seconds) + " s");
  if (!summary.empty()) out += "<p class=\"summary\">" + summary + "</p>\n";
  if (!run.warnings.empty()) {
    out += "<p>Warnings:</p>\n<ul>\n";
    for (const auto& w : run.warnings) out += "<li>" + esc(w) + "</li>\n";
    out += "</ul>\n";
  }
  if (!run.vacuous_covers.empty()) {
    out += "<p>Vacuous covers (never reached):</p>\n<ul>\n";
    for (const auto& c : run.vacuous_covers) out += "<li><code>" + esc(c) + "</code></li>\n";
    out += "</ul>\n";
  }

  if (!items.empty()) {
    out += "<h2>Properties</h2>\n<table>\n<tr><th>kind</th><th>property</th><th>verdict</th>"
           "<th>trace</th><th>message</th></tr>\n";
    for (std::size_t k = 0; k < items.size(); ++k) {
      const VerdictSummary& s = items[k].summary;
      const std::string anchor = k < files.size() && !files[k].base.empty() ? files[k].base : "";
      std::string name = "<code>" + esc(s.name) + "</code>";
      if (items[k].trace) name = "<a href=\"#" + esc(anchor.empty() ? "item-" + std::to_string(k) : anchor) + "\">" + name + "</a>";
      const std::size_t len = s.trace_length != 0 ? s.trace_length : (items[k].trace ? items[k].trace->length() : 0);
      out += "<tr><td>" + esc(s.kind) + "</td><td>" + name + "</td><td class=\"" + verdict_class(s.verdict) + "\">" +
             esc(s.verdict) + "</td><td>" + (len != 0 ? std::to_string(len) + " states" : "") + "</td><td>" +
             esc(s.message) + "</td></tr>\n";
    }
    out += "</table>\n";
  }

  for (std::size_t k = 0; k < items.size(); ++k) {
    if (!items[k].trace) continue;
    const Trace& t = *items[k].trace;
    const ItemFiles f = k < files.size() ? files[k] : ItemFiles{};
    const std::string anchor = f.base.empty() ? "item-" + std::to_string(k) : f.base;
    out += "<section id=\"" + esc(anchor) + "\">\n";
    out += "<h2>" + esc(violation_headline(t)) + "</h2>\n";
    if (!t.message.empty()) out += "<p>" + esc(t.message) + "</p>\n";
    std::string links = link(f.svg, "SVG") + link(f.txt, "text") + link(f.json, "JSON") + link(f.itf, "ITF") +
                        link(f.mmd, "Mermaid") + link(f.dot, "DOT") + link(f.waits_svg, "waits-for SVG") +
                        link(f.waits_dot, "waits-for DOT");
    if (!links.empty()) out += "<p class=\"files\">Files: " + links + "</p>\n";
    SvgOptions o;
    o.id_prefix = "t" + std::to_string(k);
    out += "<div class=\"diagram\">\n" + write_svg_trace(t, o) + "</div>\n";
    if (t.kind == "deadlock" && !t.waits.empty()) {
      o.id_prefix = "wf" + std::to_string(k);
      out += "<div class=\"diagram\">\n" + waits_for_svg(t, o) + "</div>\n";
    }
    out += "<details>\n<summary>Text trace</summary>\n<pre>" + esc(write_text_trace(t)) + "</pre>\n</details>\n";
    out += "</section>\n";
  }

  if (lock_graph && !lock_graph->edges.empty()) {
    out += "<section id=\"lock-order\">\n<h2>Lock-order graph</h2>\n";
    out += "<p class=\"files\">Files: " + link("lock-order.svg", "SVG") + link("lock-order.dot", "DOT") + "</p>\n";
    SvgOptions o;
    o.id_prefix = "lo";
    out += "<div class=\"diagram\">\n" + lock_order_svg(*lock_graph, o) + "</div>\n</section>\n";
  }
  out += "<p class=\"summary\">Generated by weft.</p>\n</body>\n</html>\n";
  return out;
}

}  // namespace report
