// report: the candidate comparison of `weft compare`: the verdict table as text, report.md
// (Mermaid diagrams inline), report.html (SVG inline, no scripts) and each run's files written
// by write_out_dir under DIR/<run.dir>/.
#include "report/compare_report.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/mermaid_writer.h"
#include "report/out_dir.h"
#include "report/report_item.h"
#include "report/svg_writer.h"
#include "report/text_util.h"
#include "report/trace_model.h"

namespace report {

namespace {

const char* const kColumnTitles[] = {"P1", "deadlock", "lock order", "P3"};

std::string fmt(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

std::string seconds_text(double s) { return fmt("%.2f", s) + " s"; }

std::string run_label(const CompareCandidate& c, std::size_t k) {
  const CompareRun& r = c.runs[k];
  if (r.args.empty()) return c.runs.size() == 1 ? "" : "defaults";
  std::istringstream in(r.args);  // "-D WRITERS=2 -DWRITES=2" -> "WRITERS=2 WRITES=2"
  std::string out;
  for (std::string w; in >> w;) {
    if (w == "-D") continue;
    if (w.size() > 2 && w.rfind("-D", 0) == 0) w.erase(0, 2);
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

// The text of one cell: "ok", "violated (24)", and the expectation when it differs.
std::string cell_text(const CompareCell& c) {
  std::string s = c.found.empty() ? "-" : c.found;
  if (c.found == "violated" && c.shortest != 0) s += " (" + std::to_string(c.shortest) + ")";
  if (!c.matches()) s += " [want " + c.expected + "]";
  return s;
}

std::string extras_text(const CompareRun& r) {
  std::string s;
  for (const auto& e : r.extras) {
    if (e.cell.found == "ok" && e.cell.matches()) continue;            // nothing to say
    if (e.cell.found == "reached" && e.cell.expected.empty()) continue;  // covers are meant to be reached
    if (!s.empty()) s += ", ";
    s += e.name + ": " + cell_text(e.cell);
  }
  return s.empty() ? "-" : s;
}

std::string bmc_text(const CompareBmc& b) { return b.status.empty() ? "-" : b.status; }

std::string value_names(const Value& v) {  // a set of process names, or one name
  if (v.kind == Value::Kind::Enum) return v.name;
  std::string s;
  for (const auto& e : v.elems) s += (s.empty() ? "" : ", ") + (e.kind == Value::Kind::Enum ? e.name : e.str());
  return s;
}

// Why each blocked thread of a deadlock cannot move, from the lock states of the last state:
// who holds the lock in which mode, and whose requests are queued ahead (a queued rwsem
// makes a reader wait behind a waiting writer).
std::vector<std::string> explain_waits(const Trace& t) {
  std::vector<std::string> out;
  for (const auto& w : t.waits) {
    std::string line = w.process + (w.label.empty() ? "" : " at " + w.label);
    if (w.lock.empty()) {
      out.push_back(line + " waits until " + w.condition);
      continue;
    }
    line += " waits for " + w.lock + (w.mode.empty() ? "" : " (" + w.mode + ")");
    const Value* lock = t.states.empty() ? nullptr : find_var(t.states.back(), "lock " + w.lock);
    std::string held, ahead;
    if (lock != nullptr && lock->kind == Value::Kind::Record) {
      for (const auto& [field, value] : lock->fields) {
        if (field == "writer" && value.kind == Value::Kind::Enum && value.name != "none") held = "held exclusive by " + value.name;
        if (field == "readers" && !value.elems.empty()) held += std::string(held.empty() ? "" : "; ") + "held shared by " + value_names(value);
        if (field == "waiting") {
          for (const auto& q : value.elems) {
            const std::string entry = q.kind == Value::Kind::Enum ? q.name : q.str();
            if (entry.rfind(w.process + " ", 0) == 0) break;
            ahead += (ahead.empty() ? "" : ", ") + entry;
          }
        }
      }
    } else if (lock != nullptr && lock->kind == Value::Kind::Enum && lock->name != "free") {
      held = "held by " + lock->name;
    }
    if (held.empty() && !w.holders.empty()) {
      held = "held by ";
      for (std::size_t k = 0; k < w.holders.size(); ++k) held += (k ? ", " : "") + w.holders[k];
    }
    if (ahead.empty()) {
      for (std::size_t k = 0; k < w.queued_ahead.size(); ++k) ahead += (k ? ", " : "") + w.queued_ahead[k];
    }
    if (!held.empty()) line += ": " + held;
    if (!ahead.empty()) {
      line += (held.empty() ? ": " : "; ") + std::string("queued ahead of it: ") + ahead;
      if (w.mode == "shared" && ahead.find("exclusive") != std::string::npos)
        line += " (a waiting writer blocks new readers: rwsem writer preference)";
    }
    out.push_back(line);
  }
  return out;
}

std::vector<ReportItem> run_items(const CompareRun& r) {
  std::vector<ReportItem> items;
  for (const auto& v : r.violations) {
    auto add = [&](const std::string& name, const Trace& t) {
      ReportItem it;
      it.summary.kind = v.kind;
      it.summary.name = name;
      it.summary.verdict = "violated";
      it.summary.message = v.message;
      it.summary.trace_length = t.length();
      it.trace = t;
      items.push_back(std::move(it));
    };
    if (v.edge_traces.empty()) {
      add(v.name, v.trace);
    } else {
      for (std::size_t k = 0; k < v.edge_traces.size(); ++k)
        add(v.name + " edge " + std::to_string(k + 1), v.edge_traces[k]);
    }
  }
  return items;
}

// Index into run_items() of each violation's first item.
std::vector<std::size_t> first_items(const CompareRun& r) {
  std::vector<std::size_t> out;
  std::size_t n = 0;
  for (const auto& v : r.violations) {
    out.push_back(n);
    n += v.edge_traces.empty() ? 1 : v.edge_traces.size();
  }
  return out;
}

std::string rel(const CompareRun& r, const std::string& file) { return file.empty() ? "" : r.dir + "/" + file; }

std::string violation_title(const CompareViolation& v) {
  if (v.kind == "deadlock") {
    std::vector<std::string> on_locks, others;  // blocked on a lock / waiting for a condition
    for (const auto& w : v.trace.waits) (w.lock.empty() ? others : on_locks).push_back(w.process);
    auto list = [](const std::vector<std::string>& names) {
      std::string s;
      for (std::size_t k = 0; k < names.size(); ++k) s += (k == 0 ? "" : k + 1 == names.size() ? " and " : ", ") + names[k];
      return s;
    };
    if (on_locks.empty() && others.empty()) return "deadlock — no step is enabled";
    std::string s = "deadlock — ";
    if (!on_locks.empty())
      s += std::to_string(on_locks.size()) + (on_locks.size() == 1 ? " thread" : " threads") + " blocked on locks: " + list(on_locks);
    if (!others.empty()) s += std::string(on_locks.empty() ? "" : " (") + list(others) + " waiting for a condition" + (on_locks.empty() ? "" : ")");
    return s;
  }
  if (v.kind == "lock_order") return "lock order — " + v.name;
  const std::string column = v.column == "other" ? std::string("other") : v.column;
  return column + " — " + v.kind + " " + v.name;
}

std::string expectation_sentence(const CompareRun& r) {
  std::string s;
  for (std::size_t c = 0; c < 4; ++c) {
    if (!s.empty()) s += ", ";
    s += std::string(kColumnTitles[c]) + " " + (r.columns[c].found.empty() ? "-" : r.columns[c].found);
  }
  return s;
}

// ------------------------------------------------------------------ markdown

std::string md_cell(const CompareCell& c) {
  std::string s = c.found == "violated" ? "**violated**" : c.found.empty() ? "-" : c.found;
  if (c.found == "violated" && c.shortest != 0) s += " (" + std::to_string(c.shortest) + ")";
  if (!c.matches()) s += " ✗ want " + c.expected;
  return s;
}

std::string md_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|' || ch == '*' || ch == '_' || ch == '<' || ch == '>' || ch == '[' || ch == ']') out += '\\';
    out += ch;
  }
  return out;
}

std::string md_links(const CompareRun& r, const ItemFiles& f) {
  std::vector<std::pair<std::string, std::string>> links{
      {"SVG", f.svg}, {"text", f.txt}, {"JSON", f.json}, {"ITF", f.itf}, {"Mermaid", f.mmd}, {"DOT", f.dot},
      {"waits-for SVG", f.waits_svg}};
  std::string s;
  for (const auto& [label, file] : links) {
    if (file.empty()) continue;
    s += (s.empty() ? "" : " · ") + std::string("[") + label + "](" + rel(r, file) + ")";
  }
  return s;
}

std::string md_run(const CompareCandidate& c, std::size_t k) {
  const CompareRun& r = c.runs[k];
  std::string out = "### Scenario: " + md_escape(r.scenario.empty() ? "(not described)" : r.scenario) + "\n\n";
  out += "Run: `weft check " + c.spec + (r.args.empty() ? "" : " " + r.args) + "`";
  if (!r.dir.empty()) out += " — all files of this run: [" + r.dir + "/index.html](" + r.dir + "/index.html)";
  out += "\n\n";
  if (!r.error.empty()) return out + "**Not checked:** " + md_escape(r.error) + "\n\n";
  out += "Verdicts: " + expectation_sentence(r) + (r.matches() ? " — as the header expects.\n\n" : ".\n\n");
  if (!r.matches()) {
    out += "**Does not match the header:**\n\n";
    for (const auto& m : r.mismatches()) out += "- " + md_escape(m) + "\n";
    out += "\n";
  }
  out += std::to_string(r.distinct_states) + " distinct states, " + std::to_string(r.transitions) + " transitions, depth " +
         std::to_string(r.depth) + ", " + seconds_text(r.seconds) + " (explicit engine, every reachable state";
  out += r.verdict == "inconclusive" ? "; INCONCLUSIVE: " + r.inconclusive_reason + ")" : ")";
  out += ". BMC cross-check: " + bmc_text(r.bmc) + (r.bmc.detail.empty() ? "" : " — " + md_escape(r.bmc.detail)) + ".\n\n";
  if (!r.reached_covers.empty() || !r.vacuous_covers.empty()) {
    out += "Covers:";
    for (const auto& n : r.reached_covers) out += " `" + n + "` reached;";
    for (const auto& n : r.vacuous_covers) out += " `" + n + "` never reached;";
    out.pop_back();
    out += ".\n\n";
  }
  for (const auto& w : r.warnings) out += "Warning: " + md_escape(w) + "\n\n";

  const std::vector<ReportItem> items = run_items(r);
  const std::vector<ItemFiles> files = plan_item_files(items);
  const std::vector<std::size_t> first = first_items(r);
  for (std::size_t i = 0; i < r.violations.size(); ++i) {
    const CompareViolation& v = r.violations[i];
    out += "#### " + md_escape(violation_title(v)) + "\n\n";
    if (!v.message.empty()) out += "> " + md_escape(v.message) + "\n\n";
    if (v.edge_traces.empty()) {
      const ItemFiles& f = files[first[i]];
      out += "Shortest counterexample: " + std::to_string(v.trace.length()) + " states.\n\n";
      out += "```mermaid\n" + write_mermaid_trace(v.trace) + "```\n\n";
      if (v.kind == "deadlock" && !v.trace.waits.empty()) {
        out += "Why no thread can move:\n\n";
        for (const auto& line : explain_waits(v.trace)) out += "- " + md_escape(line) + "\n";
        out += "\n";
      }
      if (!f.waits_svg.empty()) out += "![waits-for graph](" + rel(r, f.waits_svg) + ")\n\n";
      out += "Files: " + md_links(r, f) + "\n\n";
    } else {
      if (!v.details.empty()) out += "```\n" + v.details + (v.details.back() == '\n' ? "" : "\n") + "```\n\n";
      if (r.lock_graph) out += "![lock-order graph](" + r.dir + "/lock-order.svg)\n\n";
      for (std::size_t e = 0; e < v.edge_traces.size(); ++e) {
        const ItemFiles& f = files[first[i] + e];
        out += "<details><summary>Edge " + std::to_string(e + 1) + ": shortest trace to it, " +
               std::to_string(v.edge_traces[e].length()) + " states</summary>\n\n";
        out += "```mermaid\n" + write_mermaid_trace(v.edge_traces[e]) + "```\n\n";
        out += "Files: " + md_links(r, f) + "\n\n</details>\n\n";
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ HTML

constexpr const char* kStyle = R"(body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px; color: #1f2933; background: #ffffff; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 19px; margin-top: 40px; border-bottom: 2px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 16px; margin-top: 24px; }
h4 { font-size: 15px; margin-top: 22px; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
table { border-collapse: collapse; margin: 12px 0; }
table.verdicts { font-size: 14px; }
table.verdicts th, table.verdicts td { padding: 4px 7px; }
table.verdicts td { white-space: nowrap; }
table.verdicts td.wrap { white-space: normal; max-width: 300px; }
table.verdicts .title { font-size: 12px; color: #4a5561; }
table.verdicts td.c-bad { background: #fdecea; }
table.verdicts td.c-good { background: #eef8ee; }
table.verdicts td.mismatch { background: #ffc9c9; outline: 2px solid #c62828; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f0f3f7; }
td.num { text-align: right; }
.summary { color: #4a5561; }
.v-bad { color: #c62828; font-weight: bold; }
.v-good { color: #2e7d32; }
.v-unknown { color: #a35a00; font-weight: bold; }
.mismatch { background: #ffe0e0; }
.message { border-left: 4px solid #c62828; padding: 4px 10px; background: #fff5f5; }
.diagram { overflow: auto; max-height: 92vh; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px; margin: 10px 0; }
.diagram svg { display: block; }
.diagram.small svg { max-width: 560px; height: auto; }
.files a { margin-right: 10px; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 10px; overflow: auto; }
)";

std::string esc(const std::string& s) { return xml_escape(s); }

std::string verdict_class(const std::string& v) {
  if (v == "ok" || v == "reached") return "v-good";
  if (v == "violated" || v == "error" || v == "vacuous") return "v-bad";
  return "v-unknown";
}

std::string anchor(const CompareCandidate& c) { return "cand-" + safe_file_name(c.candidate, 40); }

std::string html_cell(const CompareCell& c, const std::string& href) {
  std::string text = c.found.empty() ? "-" : c.found;
  if (c.found == "violated" && c.shortest != 0) text += " (" + std::to_string(c.shortest) + ")";
  std::string inner = "<span class=\"" + verdict_class(c.found) + "\">" + esc(text) + "</span>";
  if (!href.empty() && c.found == "violated") inner = "<a href=\"" + esc(href) + "\">" + inner + "</a>";
  if (!c.matches()) inner += "<br/>expected " + esc(c.expected);
  const char* cls = !c.matches() ? "mismatch" : c.found == "violated" ? "c-bad" : c.found == "ok" ? "c-good" : "";
  return std::string("<td class=\"") + cls + "\">" + inner + "</td>";
}

std::string html_links(const CompareRun& r, const ItemFiles& f) {
  std::vector<std::pair<std::string, std::string>> links{
      {"SVG", f.svg}, {"text", f.txt}, {"JSON", f.json}, {"ITF", f.itf}, {"Mermaid", f.mmd}, {"DOT", f.dot},
      {"waits-for SVG", f.waits_svg}, {"waits-for DOT", f.waits_dot}};
  std::string s;
  for (const auto& [label, file] : links)
    if (!file.empty()) s += "<a href=\"" + esc(rel(r, file)) + "\">" + esc(label) + "</a>";
  return s.empty() ? "" : "<p class=\"files\">Files: " + s + "</p>\n";
}

std::string html_run(const CompareCandidate& c, std::size_t k, std::size_t& svg_id) {
  const CompareRun& r = c.runs[k];
  std::string out = "<h3 id=\"" + esc(anchor(c)) + "-run" + std::to_string(k + 1) + "\">Scenario: " +
                    esc(r.scenario.empty() ? "(not described)" : r.scenario) + "</h3>\n";
  out += "<p class=\"summary\">Run: <code>weft check " + esc(c.spec + (r.args.empty() ? "" : " " + r.args)) + "</code>";
  if (!r.dir.empty()) out += " &#183; <a href=\"" + esc(r.dir) + "/index.html\">all files of this run</a>";
  out += "</p>\n";
  if (!r.error.empty()) return out + "<p class=\"v-bad\">Not checked: " + esc(r.error) + "</p>\n";
  out += "<p>Verdicts: " + esc(expectation_sentence(r)) +
         (r.matches() ? " &#8212; <span class=\"v-good\">as the header expects</span>." : ".") + "</p>\n";
  if (!r.matches()) {
    out += "<ul>\n";
    for (const auto& m : r.mismatches()) out += "<li class=\"v-bad\">" + esc(m) + "</li>\n";
    out += "</ul>\n";
  }
  out += "<p class=\"summary\">" + std::to_string(r.distinct_states) + " distinct states, " + std::to_string(r.transitions) +
         " transitions, depth " + std::to_string(r.depth) + ", " + esc(seconds_text(r.seconds)) +
         " (explicit engine, every reachable state" +
         (r.verdict == "inconclusive" ? "; INCONCLUSIVE: " + esc(r.inconclusive_reason) : std::string()) +
         "). BMC cross-check: " + esc(bmc_text(r.bmc)) + (r.bmc.detail.empty() ? "" : " &#8212; " + esc(r.bmc.detail)) + ".</p>\n";
  if (!r.reached_covers.empty() || !r.vacuous_covers.empty()) {
    out += "<p>Covers:";
    for (const auto& n : r.reached_covers) out += " <code>" + esc(n) + "</code> <span class=\"v-good\">reached</span>;";
    for (const auto& n : r.vacuous_covers) out += " <code>" + esc(n) + "</code> <b>never reached</b>;";
    out.pop_back();
    out += ".</p>\n";
  }
  for (const auto& w : r.warnings) out += "<p class=\"v-unknown\">Warning: " + esc(w) + "</p>\n";

  const std::vector<ReportItem> items = run_items(r);
  const std::vector<ItemFiles> files = plan_item_files(items);
  const std::vector<std::size_t> first = first_items(r);
  for (std::size_t i = 0; i < r.violations.size(); ++i) {
    const CompareViolation& v = r.violations[i];
    const std::string id = esc(anchor(c)) + "-run" + std::to_string(k + 1) + "-v" + std::to_string(i + 1);
    out += "<section id=\"" + id + "\">\n<h4>" + esc(violation_title(v)) + "</h4>\n";
    if (!v.message.empty()) out += "<p class=\"message\">" + esc(v.message) + "</p>\n";
    SvgOptions o;
    if (v.edge_traces.empty()) {
      out += "<p>Shortest counterexample: " + std::to_string(v.trace.length()) + " states.</p>\n";
      out += html_links(r, files[first[i]]);
      o.id_prefix = "s" + std::to_string(svg_id++);
      out += "<div class=\"diagram\">\n" + write_svg_trace(v.trace, o) + "</div>\n";
      if (v.kind == "deadlock" && !v.trace.waits.empty()) {
        out += "<p>Why no thread can move:</p>\n<ul>\n";
        for (const auto& line : explain_waits(v.trace)) out += "<li>" + esc(line) + "</li>\n";
        out += "</ul>\n";
        o.id_prefix = "s" + std::to_string(svg_id++);
        out += "<p>Waits-for graph of the deadlocked state:</p>\n<div class=\"diagram small\">\n" + waits_for_svg(v.trace, o) + "</div>\n";
      }
    } else {
      if (!v.details.empty()) out += "<pre>" + esc(v.details) + "</pre>\n";
      if (r.lock_graph) {
        o.id_prefix = "s" + std::to_string(svg_id++);
        out += "<p>Lock-order graph (edges of the cycle in red):</p>\n<div class=\"diagram\">\n" +
               lock_order_svg(*r.lock_graph, o) + "</div>\n";
      }
      for (std::size_t e = 0; e < v.edge_traces.size(); ++e) {
        out += "<p>Edge " + std::to_string(e + 1) + " of the cycle: a shortest trace to its first acquisition, " +
               std::to_string(v.edge_traces[e].length()) + " states.</p>\n";
        out += html_links(r, files[first[i] + e]);
        o.id_prefix = "s" + std::to_string(svg_id++);
        out += "<div class=\"diagram\">\n" + write_svg_trace(v.edge_traces[e], o) + "</div>\n";
      }
    }
    out += "</section>\n";
  }
  return out;
}

bool write_text_file(const std::filesystem::path& p, const std::string& content, std::string& error) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  if (f) f.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (f) f.close();
  if (!f) error = "cannot write " + p.string();
  return static_cast<bool>(f);
}

}  // namespace

bool CompareRun::matches() const { return mismatches().empty(); }

std::vector<std::string> CompareRun::mismatches() const {
  std::vector<std::string> out;
  if (!error.empty()) out.push_back("not checked: " + error);
  for (std::size_t c = 0; c < 4; ++c)
    if (!columns[c].matches())
      out.push_back(std::string(kColumnTitles[c]) + ": expected " + columns[c].expected + ", found " +
                    (columns[c].found.empty() ? "nothing" : columns[c].found));
  for (const auto& e : extras)
    if (!e.cell.matches())
      out.push_back(e.name + ": expected " + e.cell.expected + ", found " + (e.cell.found.empty() ? "nothing" : e.cell.found));
  if (bmc.status == "disagrees") out.push_back("BMC disagrees with the explicit engine: " + bmc.detail);
  return out;
}

std::string compare_table_text(const CompareReport& report, const CompareTextOptions& options) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"candidate", "run", "P1", "deadlock", "lock order", "P3", "other", "states", "time", "BMC", "header"});
  std::size_t runs = 0, matching = 0;
  std::vector<std::string> notes;
  for (const auto& c : report.candidates) {
    for (std::size_t k = 0; k < c.runs.size(); ++k) {
      const CompareRun& r = c.runs[k];
      ++runs;
      if (r.matches()) ++matching;
      std::vector<std::string> row{c.candidate, run_label(c, k)};
      if (!r.error.empty()) {
        for (int i = 0; i < 5; ++i) row.push_back("error");
        row.insert(row.end(), {"-", "-", "-", "MISMATCH"});
      } else {
        for (const auto& col : r.columns) row.push_back(cell_text(col));
        row.push_back(extras_text(r));
        row.push_back(std::to_string(r.distinct_states) + (r.verdict == "inconclusive" ? "+" : ""));
        row.push_back(options.mask_time ? "-" : fmt("%.2f", r.seconds) + "s");
        row.push_back(bmc_text(r.bmc));
        row.push_back(r.matches() ? "match" : "MISMATCH");
      }
      rows.push_back(std::move(row));
      const std::string who = c.candidate + (run_label(c, k).empty() ? "" : " (" + run_label(c, k) + ")");
      for (const auto& m : r.mismatches()) notes.push_back(who + ": " + m);
      if (r.verdict == "inconclusive") notes.push_back(who + ": inconclusive: " + r.inconclusive_reason);
    }
  }
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], text_columns(row[i]));
  std::string out;
  if (!report.engines.empty()) out += report.engines + "\n\n";
  for (std::size_t n = 0; n < rows.size(); ++n) {
    std::string line;
    for (std::size_t i = 0; i < rows[n].size(); ++i) {
      const bool right = i == 7 || i == 8;  // states, time
      const std::string pad(width[i] - text_columns(rows[n][i]), ' ');
      line += (i ? "  " : "") + (right ? pad + rows[n][i] : rows[n][i] + pad);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (n == 0) {
      std::string rule;
      for (std::size_t i = 0; i < width.size(); ++i) rule += (i ? "  " : "") + std::string(width[i], '-');
      out += rule + "\n";
    }
  }
  out += "\n(n) = states in the shortest counterexample, the initial state included; states = distinct states\n";
  out += "explored; header = every verdict as the spec's `//! verdicts:` line expects.\n";
  for (const auto& n : notes) out += "MISMATCH " + n + "\n";
  out += std::to_string(matching) + " of " + std::to_string(runs) + " runs match their headers.\n";
  return out;
}

std::string compare_report_markdown(const CompareReport& report) {
  std::string out = "# weft compare: a verdict for every candidate\n\n";
  if (!report.engines.empty()) out += md_escape(report.engines) + "\n\n";
  out += "| candidate | title | run | P1 | deadlock | lock order | P3 | other | states | time | BMC | header |\n";
  out += "|---|---|---|---|---|---|---|---|---:|---:|---|---|\n";
  for (const auto& c : report.candidates) {
    for (std::size_t k = 0; k < c.runs.size(); ++k) {
      const CompareRun& r = c.runs[k];
      out += "| [" + md_escape(c.candidate) + "](#" + safe_file_name(c.candidate, 40) + ") | " + md_escape(k == 0 ? c.title : "") +
             " | " + md_escape(run_label(c, k)) + " | ";
      if (!r.error.empty()) {
        out += "error | error | error | error | - | - | - | - | ✗ " + md_escape(r.error) + " |\n";
        continue;
      }
      for (const auto& col : r.columns) out += md_cell(col) + " | ";
      out += md_escape(extras_text(r)) + " | " + std::to_string(r.distinct_states) + " | " + fmt("%.2f", r.seconds) + " s | " +
             md_escape(bmc_text(r.bmc)) + " | " + (r.matches() ? "✓ match" : "✗ **MISMATCH**") + " |\n";
    }
  }
  out += "\nEach cell: the verdict of the explicit engine over every reachable state; for a violation, (n) is the\n"
         "length of the shortest counterexample in states. P1: write_begin and write_end agree (asserts `P1_*`);\n"
         "deadlock and lock order: P2; P3: no lost write (`P3_*`). \"header\" compares with the verdicts the spec's\n"
         "header expects. Each candidate's section below shows every counterexample as a sequence diagram: one\n"
         "lane per thread, steps named after the kernel functions, locks held as activation bars, the failing\n"
         "step in red.\n\n";
  for (const auto& c : report.candidates) {
    out += "<a id=\"" + safe_file_name(c.candidate, 40) + "\"></a>\n\n## " + md_escape(c.candidate) + " — " + md_escape(c.title) + "\n\n";
    out += "- spec: `" + c.spec + "`\n";
    if (!c.source.empty()) out += "- source: " + md_escape(c.source) + "\n";
    out += "\n";
    for (std::size_t k = 0; k < c.runs.size(); ++k) out += md_run(c, k);
  }
  return out;
}

std::string compare_report_html(const CompareReport& report) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += "<title>weft compare</title>\n<style>\n" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<h1>weft compare: a verdict for every candidate</h1>\n";
  if (!report.engines.empty()) out += "<p class=\"summary\">" + esc(report.engines) + "</p>\n";
  out += "<table class=\"verdicts\">\n<tr><th>candidate</th><th>run</th><th>P1</th><th>deadlock</th><th>lock order</th>"
         "<th>P3</th><th>other</th><th>states</th><th>time</th><th>BMC</th><th>header</th></tr>\n";
  for (const auto& c : report.candidates) {
    for (std::size_t k = 0; k < c.runs.size(); ++k) {
      const CompareRun& r = c.runs[k];
      const std::string run_anchor = "#" + anchor(c) + "-run" + std::to_string(k + 1);
      out += "<tr><td class=\"wrap\"><a href=\"" + esc(run_anchor) + "\"><b>" + esc(c.candidate) + "</b></a>" +
             (k == 0 && !c.title.empty() ? "<br/><span class=\"title\">" + esc(c.title) + "</span>" : std::string()) +
             "</td><td class=\"wrap\">" + esc(run_label(c, k)) + "</td>";
      if (!r.error.empty()) {
        out += "<td colspan=\"8\" class=\"v-bad\">not checked: " + esc(r.error) + "</td><td class=\"mismatch v-bad\">MISMATCH</td></tr>\n";
        continue;
      }
      for (std::size_t col = 0; col < 4; ++col) {
        std::string href;  // the first violation of this column
        for (std::size_t i = 0; i < r.violations.size() && href.empty(); ++i)
          if (r.violations[i].column == kCompareColumns[col]) href = run_anchor + "-v" + std::to_string(i + 1);
        out += html_cell(r.columns[col], href);
      }
      out += "<td class=\"wrap\">" + esc(extras_text(r)) + "</td><td class=\"num\">" + std::to_string(r.distinct_states) +
             "</td><td class=\"num\">" + esc(fmt("%.2f", r.seconds)) + " s</td><td>" + esc(bmc_text(r.bmc)) + "</td>";
      out += r.matches() ? "<td class=\"v-good\">&#10003; match</td>" : "<td class=\"mismatch v-bad\">&#10007; MISMATCH</td>";
      out += "</tr>\n";
    }
  }
  out += "</table>\n";
  out += "<p class=\"summary\">Each cell: the verdict of the explicit engine over every reachable state; for a violation, "
         "(n) is the length of the shortest counterexample in states (click it for the diagram). P1: write_begin and "
         "write_end agree (asserts <code>P1_*</code>); deadlock and lock order: P2; P3: no lost write. Diagrams: one lane "
         "per thread, steps named after the kernel functions, lock-held intervals as bars (shared striped, a waiting "
         "request dashed), the failing step in red.</p>\n";
  std::size_t svg_id = 0;
  for (const auto& c : report.candidates) {
    out += "<h2 id=\"" + esc(anchor(c)) + "\">" + esc(c.candidate) + " &#8212; " + esc(c.title) + "</h2>\n";
    out += "<p class=\"summary\">spec <code>" + esc(c.spec) + "</code>" +
           (c.source.empty() ? std::string() : " &#183; source: " + esc(c.source)) + "</p>\n";
    for (std::size_t k = 0; k < c.runs.size(); ++k) out += html_run(c, k, svg_id);
  }
  out += "<p class=\"summary\">Generated by weft compare.</p>\n</body>\n</html>\n";
  return out;
}

CompareWriteResult write_compare_report(const std::string& dir, const CompareReport& report) {
  CompareWriteResult res;
  const std::filesystem::path root(dir);
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec || !std::filesystem::is_directory(root, ec)) {
    res.error = "cannot create directory " + dir + (ec ? ": " + ec.message() : "");
    return res;
  }
  for (const auto& c : report.candidates) {
    for (const auto& r : c.runs) {
      if (!r.error.empty() || r.dir.empty()) continue;
      RunInfo info;
      info.spec = c.spec + (r.args.empty() ? "" : " " + r.args);
      info.engine = "explicit";
      info.verdict = r.verdict;
      info.distinct_states = r.distinct_states;
      info.transitions = r.transitions;
      info.depth = r.depth;
      info.seconds = r.seconds;
      info.warnings = r.warnings;
      info.vacuous_covers = r.vacuous_covers;
      OutDirResult o = write_out_dir((root / r.dir).string(), info, run_items(r), r.lock_graph);
      for (const auto& f : o.written) res.written.push_back(r.dir + "/" + f);
      if (!o.ok) {
        res.error = o.error;
        return res;
      }
    }
  }
  if (!write_text_file(root / "report.md", compare_report_markdown(report), res.error)) return res;
  res.written.push_back("report.md");
  if (!write_text_file(root / "report.html", compare_report_html(report), res.error)) return res;
  res.written.push_back("report.html");
  res.ok = true;
  return res;
}

}  // namespace report
