// report: Graphviz DOT writers: trace (lanes as clusters), waits-for graph, lock-order graph.
#include "report/dot_writer.h"

#include <algorithm>
#include <vector>

#include "report/text_util.h"
#include "report/trace_model.h"

namespace report {

std::string dot_escape(std::string_view raw) {
  const std::string s = sanitize_utf8(raw);
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '&': out += "&amp;"; break;
      case '\n': out += "\\l"; break;
      case '\r': break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

namespace {

constexpr const char* kRed = "#c62828";
constexpr std::size_t kWrap = 48;

// A left-justified multi-line label: every line (wrapped) ends with \l.
std::string left_label(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    for (const auto& piece : wrap_text(line, kWrap, 2, 8)) out += dot_escape(piece) + "\\l";
  }
  return out;
}

// A centred multi-line label.
std::string centred_label(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (k != 0) out += "\\n";
    out += dot_escape(lines[k]);
  }
  return out;
}

std::string graph_title(const Trace& t) {
  std::vector<std::string> lines{violation_headline(t)};
  if (!t.message.empty()) lines.push_back(truncate_text(t.message, 100));
  std::string meta = t.spec;
  if (!t.engine.empty()) meta += (meta.empty() ? "" : ", ") + std::string("engine ") + t.engine;
  meta += (meta.empty() ? "" : ", ") + std::to_string(t.length()) + " states";
  lines.push_back(meta);
  return centred_label(lines);
}

}  // namespace

std::string write_dot_trace(const Trace& t) {
  const TraceModel m = analyze_trace(t);
  std::string out = "digraph weft_trace {\n";
  out += "  graph [fontname=\"Helvetica\", fontsize=12, labelloc=t, newrank=true, nodesep=0.3, "
         "ranksep=0.25, label=\"" + graph_title(t) + "\"];\n";
  out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#5f6b7a\", "
         "fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [color=\"#9aa0a6\", arrowsize=0.6];\n";

  std::vector<std::string> init{"initial state"};
  if (!t.states.empty()) {
    for (const auto& v : t.states.front().vars) {
      if (!is_pc_var(v.name) && !is_lock_var(v.name)) init.push_back(v.name + " = " + v.value.str());
    }
  }
  out += "  init [shape=note, fillcolor=\"#eef3fb\", label=\"" + left_label(init) + "\"];\n";

  // Which lanes end blocked (deadlock) or hold what a blocked lane waits for.
  std::vector<std::vector<std::string>> end_lines(m.lanes.size());
  const bool deadlock = t.kind == "deadlock";
  if (deadlock) {
    for (const auto& w : t.waits) {
      const std::size_t k = m.lane_index(w.process);
      if (k == kOpenEnd) continue;
      end_lines[k].push_back("blocked" + (w.label.empty() ? std::string() : " at " + w.label));
      if (!w.lock.empty()) {
        end_lines[k].push_back("waits for " + w.lock + (w.mode.empty() ? "" : " (" + w.mode + ")"));
        for (auto& line : describe_blockers(w, m)) end_lines[k].push_back(std::move(line));
      } else if (!w.condition.empty()) {
        end_lines[k].push_back("awaits " + w.condition);
      }
    }
    for (const auto& w : t.waits) {
      for (const auto& h : w.holders) {
        const std::size_t hk = m.lane_index(h);
        const std::string line = "holds " + w.lock;
        if (hk != kOpenEnd && std::find(end_lines[hk].begin(), end_lines[hk].end(), line) == end_lines[hk].end())
          end_lines[hk].push_back(line);
      }
    }
  }

  for (std::size_t k = 0; k < m.lanes.size(); ++k) {
    out += "  subgraph cluster_lane" + std::to_string(k) + " {\n";
    out += "    label=\"" + dot_escape(m.lane_title(k)) + "\"; style=\"rounded,filled\"; "
           "fillcolor=\"" + std::string(k % 2 == 0 ? "#f5f7fa" : "#eef1f5") + "\"; color=\"#c0c6cf\";\n";
    out += "    top" + std::to_string(k) + " [shape=point, style=invis, width=0, height=0];\n";
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
      const Step& s = t.steps[i];
      if (step_lane(s) != m.lanes[k]) continue;
      std::vector<std::string> lines{std::to_string(i + 1) + ". " + (s.what.empty() ? step_lane(s) : s.what)};
      if (!s.location.empty()) lines.push_back(short_location(s.location));
      for (const auto& e : s.lock_events) lines.push_back(describe_lock_event(e));
      if (i + 1 < t.states.size()) {
        for (const auto& name : m.changed[i]) {
          if (is_pc_var(name) || is_lock_var(name)) continue;
          if (const Value* v = find_var(t.states[i + 1], name))
            lines.push_back(lane_var_name(name, s.lane) + " = " + v->str());
        }
      }
      const bool failing = t.step_violation && i + 1 == t.steps.size();
      if (failing) lines.push_back("VIOLATION: " + violation_headline(t));
      out += "    s" + std::to_string(i + 1) + " [label=\"" + left_label(lines) + "\"";
      if (failing) out += std::string(", color=\"") + kRed + "\", fillcolor=\"#ffdddd\", penwidth=2";
      out += "];\n";
    }
    if (!end_lines[k].empty()) {
      out += "    end" + std::to_string(k) + " [label=\"" + left_label(end_lines[k]) +
             "\", style=\"rounded,filled,dashed\", color=\"" + kRed + "\", fillcolor=\"#fff0f0\"];\n";
    }
    out += "  }\n";
  }

  // Lanes left to right in display order: their invisible top nodes share a rank.
  if (!m.lanes.empty()) {
    out += "  { rank=same;";
    for (std::size_t k = 0; k < m.lanes.size(); ++k) out += " top" + std::to_string(k) + ";";
    out += " }\n";
    for (std::size_t k = 0; k < m.lanes.size(); ++k) {
      out += "  init -> top" + std::to_string(k) + " [style=invis];\n";
      if (k + 1 < m.lanes.size())
        out += "  top" + std::to_string(k) + " -> top" + std::to_string(k + 1) + " [style=invis];\n";
    }
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
      const std::size_t k = m.lane_index(step_lane(t.steps[i]));
      bool first = true;
      for (std::size_t j = 0; j < i; ++j) first = first && m.lane_index(step_lane(t.steps[j])) != k;
      if (k != kOpenEnd && first)
        out += "  top" + std::to_string(k) + " -> s" + std::to_string(i + 1) + " [style=invis];\n";
    }
    for (std::size_t k = 0; k < m.lanes.size(); ++k) {
      if (!end_lines[k].empty()) out += "  top" + std::to_string(k) + " -> end" + std::to_string(k) + " [style=invis];\n";
    }
  }

  // Sequence edges: the order of steps.
  std::string prev = "init";
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    if (m.lane_index(step_lane(t.steps[i])) == kOpenEnd) continue;
    const std::string node = "s" + std::to_string(i + 1);
    out += "  " + prev + " -> " + node + ";\n";
    prev = node;
  }

  if (deadlock) {
    for (std::size_t k = 0; k < m.lanes.size(); ++k) {
      if (!end_lines[k].empty()) out += "  " + prev + " -> end" + std::to_string(k) + " [style=dotted];\n";
    }
    for (const auto& e : wait_edges(t, m)) {
      const std::size_t from = m.lane_index(e.from);
      const std::size_t to = m.lane_index(e.to);
      if (from == kOpenEnd || to == kOpenEnd) continue;
      out += "  end" + std::to_string(from) + " -> end" + std::to_string(to) + " [color=\"" + kRed +
             "\", penwidth=2, constraint=false, fontcolor=\"" + kRed + "\", fontname=\"Helvetica\", "
             "fontsize=9, " + (e.queued ? "style=dashed, " : "") + "label=\"" +
             dot_escape((e.queued ? "queued behind it on " : "waits for ") + e.lock) + "\"];\n";
    }
  } else if (!t.step_violation) {
    std::vector<std::string> lines{"VIOLATION in state " + std::to_string(t.length()),
                                   violation_headline(t)};
    if (!t.message.empty()) lines.push_back(t.message);
    out += std::string("  violation [shape=octagon, style=filled, color=\"") + kRed +
           "\", fillcolor=\"#ffdddd\", label=\"" + left_label(lines) + "\"];\n";
    out += "  " + prev + " -> violation [color=\"" + kRed + "\"];\n";
  }
  out += "}\n";
  return out;
}

std::string waits_for_dot(const Trace& t) {
  std::vector<std::string> nodes;
  auto id = [&](const std::string& p) {
    for (std::size_t k = 0; k < nodes.size(); ++k) {
      if (nodes[k] == p) return k;
    }
    nodes.push_back(p);
    return nodes.size() - 1;
  };
  const TraceModel m = analyze_trace(t);
  const std::vector<WaitEdge> edges = wait_edges(t, m);
  for (const auto& w : t.waits) id(w.process);
  for (const auto& e : edges) id(e.to);
  std::string out = "digraph waits_for {\n";
  out += "  graph [fontname=\"Helvetica\", fontsize=12, labelloc=t, label=\"" +
         dot_escape("waits-for graph: " + violation_headline(t)) + "\"];\n";
  out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#5f6b7a\", "
         "fontname=\"Helvetica\", fontsize=10];\n";
  out += std::string("  edge [color=\"") + kRed + "\", fontcolor=\"" + kRed +
         "\", fontname=\"Helvetica\", fontsize=9, penwidth=1.5];\n";
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    std::vector<std::string> lines{nodes[k]};
    bool blocked = false;
    for (const auto& w : t.waits) {
      if (w.process != nodes[k]) continue;
      blocked = true;
      if (!w.label.empty()) lines.push_back("blocked at " + w.label);
      if (w.lock.empty() && !w.condition.empty()) lines.push_back("awaits " + w.condition);
    }
    out += "  n" + std::to_string(k) + " [label=\"" + centred_label(lines) + "\"";
    if (blocked) out += std::string(", color=\"") + kRed + "\", fillcolor=\"#fff0f0\"";
    out += "];\n";
  }
  for (const auto& e : edges) {
    const std::string label = (e.queued ? "queued behind, " : "") + e.lock + (e.mode.empty() ? "" : " (" + e.mode + ")");
    out += "  n" + std::to_string(id(e.from)) + " -> n" + std::to_string(id(e.to)) + " [label=\"" + dot_escape(label) +
           "\"" + (e.queued ? ", style=dashed" : "") + "];\n";
  }
  out += "}\n";
  return out;
}

std::string lock_order_dot(const LockOrderGraph& g) {
  const std::vector<std::string> nodes = g.all_nodes();
  auto id = [&](const std::string& n) {
    for (std::size_t k = 0; k < nodes.size(); ++k) {
      if (nodes[k] == n) return k;
    }
    return std::size_t{0};
  };
  std::string out = "digraph lock_order {\n";
  out += "  graph [fontname=\"Helvetica\", fontsize=12, labelloc=t, label=\"" +
         dot_escape(g.cycle.empty() ? "lock-order graph" : "lock-order graph (cycle in red)") + "\"];\n";
  out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#5f6b7a\", "
         "fontname=\"Helvetica\", fontsize=11];\n";
  out += "  edge [color=\"#5f6b7a\", fontname=\"Helvetica\", fontsize=9];\n";
  std::vector<bool> on_cycle_node(nodes.size(), false);
  for (std::size_t e = 0; e < g.edges.size(); ++e) {
    if (g.on_cycle(e)) on_cycle_node[id(g.edges[e].from)] = on_cycle_node[id(g.edges[e].to)] = true;
  }
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    out += "  n" + std::to_string(k) + " [label=\"" + dot_escape(nodes[k]) + "\"";
    if (on_cycle_node[k]) out += std::string(", color=\"") + kRed + "\", penwidth=2";
    out += "];\n";
  }
  for (std::size_t e = 0; e < g.edges.size(); ++e) {
    const LockOrderEdge& edge = g.edges[e];
    const std::vector<std::string> lines = lock_edge_label(edge);
    out += "  n" + std::to_string(id(edge.from)) + " -> n" + std::to_string(id(edge.to)) +
           " [label=\"" + centred_label(lines) + "\"";
    if (g.on_cycle(e)) out += std::string(", color=\"") + kRed + "\", fontcolor=\"" + kRed + "\", penwidth=2";
    out += "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace report
