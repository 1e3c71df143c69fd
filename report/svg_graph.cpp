// report: lock_order_svg and waits_for_svg, small directed graphs drawn natively in SVG with
// a circular layout, curved edges (so A->B and B->A stay apart), self-loops and labels.
#include <algorithm>
#include <cmath>
#include <vector>

#include "report/svg_canvas.h"
#include "report/svg_writer.h"
#include "report/text_util.h"
#include "report/trace_model.h"

namespace report {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr const char* kInk = "#1f2933";
constexpr const char* kEdge = "#5f6b7a";

struct GNode {
  std::vector<std::string> lines;  // first line bold
  bool highlight = false;
  double x = 0, y = 0, w = 0, h = 0;
};

struct GEdge {
  std::size_t from = 0, to = 0;
  std::vector<std::string> label;
  bool highlight = false;
  bool dashed = false;
  std::string tooltip;  // shown on hover, e.g. the label of an edge drawn without one
};

struct GraphSpec {
  std::string title;
  std::string subtitle;
  std::vector<GNode> nodes;
  std::vector<GEdge> edges;
};

// Where the segment from the centre of `n` towards (tx, ty) leaves its rectangle.
void clip_to_box(const GNode& n, double tx, double ty, double& px, double& py) {
  const double dx = tx - n.x, dy = ty - n.y;
  if (dx == 0 && dy == 0) {
    px = n.x;
    py = n.y;
    return;
  }
  const double sx = dx == 0 ? 1e9 : (n.w / 2 + 2) / std::fabs(dx);
  const double sy = dy == 0 ? 1e9 : (n.h / 2 + 2) / std::fabs(dy);
  const double s = std::min(sx, sy);
  px = n.x + dx * s;
  py = n.y + dy * s;
}

// The control point of the quadratic curve from a to b, bent to the left of the direction
// of travel (so a->b and b->a take different sides); bent further when the reverse edge
// exists, so that the two curves and their labels stay well apart.
void control_point(const GNode& a, const GNode& b, bool has_reverse, double& qx, double& qy) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len = std::max(1.0, std::sqrt(dx * dx + dy * dy));
  const double bend = has_reverse ? std::min(110.0, 0.4 * len) : std::min(40.0, 0.18 * len);
  qx = (a.x + b.x) / 2 + dy / len * bend;
  qy = (a.y + b.y) / 2 - dx / len * bend;
}

// Where an edge's label goes: its curve's midpoint (with the reverse edge, the two curves
// bend apart, so their midpoints are far apart too).
void label_point(const GNode& a, const GNode& b, bool has_reverse, double& lx, double& ly) {
  double qx, qy;
  control_point(a, b, has_reverse, qx, qy);
  const double t = 0.5;
  const double u = 1 - t;
  lx = u * u * a.x + 2 * u * t * qx + t * t * b.x;
  ly = u * u * a.y + 2 * u * t * qy + t * t * b.y;
}

bool has_reverse(const GraphSpec& g, const GEdge& e) {
  for (const auto& o : g.edges) {
    if (o.from == e.to && o.to == e.from && e.from != e.to) return true;
  }
  return false;
}

std::string render_graph(GraphSpec g, const SvgOptions& options) {
  SvgCanvas c(svg_id_prefix(options.id_prefix));
  c.defs(arrow_marker(c, "arrow", kEdge));
  c.defs(arrow_marker(c, "arrow-red", kViolationRed));
  constexpr double kMargin = 20;
  constexpr double kTitleH = 46;

  double max_w = 60, max_h = 30;
  for (auto& n : g.nodes) {
    // The first line is bold 12px, the others 10px.
    double text_w = 4 * 12 * kSansBoldAdvance;
    for (std::size_t k = 0; k < n.lines.size(); ++k) {
      const double advance = k == 0 ? 12 * kSansBoldAdvance : 10 * kSansAdvance;
      text_w = std::max(text_w, static_cast<double>(text_columns(n.lines[k])) * advance);
    }
    n.w = text_w * 1.12 + 20;  // DejaVu's wide letters (m, w, _) run past the average advance
    n.h = static_cast<double>(n.lines.size()) * 15 + 12;
    max_w = std::max(max_w, n.w);
    max_h = std::max(max_h, n.h);
  }
  double label_w = 0;
  for (const auto& e : g.edges) {
    for (const auto& l : e.label) label_w = std::max(label_w, static_cast<double>(text_columns(l)) * 10 * kSansAdvance);
  }
  const std::size_t n = g.nodes.size();
  // Radius: room for the nodes around the circle and for the labels between them.
  double r = 0;
  if (n == 2) r = std::max(max_w, label_w) / 2 + 60;
  if (n > 2) r = std::max((max_w + 40) * static_cast<double>(n) / (2 * kPi), std::max(max_w, label_w) * 0.9 + 40);
  // Nodes on a circle (two nodes side by side), then the drawing is shifted so that its
  // bounding box (nodes, self-loops, edge labels) starts at the margins.
  for (std::size_t k = 0; k < n; ++k) {
    const double a = n == 2 ? kPi * static_cast<double>(k + 1)
                            : -kPi / 2 + 2 * kPi * static_cast<double>(k) / static_cast<double>(std::max<std::size_t>(n, 1));
    g.nodes[k].x = n == 1 ? 0 : r * std::cos(a);
    g.nodes[k].y = n == 1 ? 0 : r * std::sin(a);
  }
  double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
  bool first = true;
  auto extend = [&](double x0, double y0, double x1, double y1) {
    if (first) {
      min_x = x0, min_y = y0, max_x = x1, max_y = y1;
      first = false;
      return;
    }
    min_x = std::min(min_x, x0), min_y = std::min(min_y, y0);
    max_x = std::max(max_x, x1), max_y = std::max(max_y, y1);
  };
  for (const auto& node : g.nodes) extend(node.x - node.w / 2, node.y - node.h / 2, node.x + node.w / 2, node.y + node.h / 2);
  for (const auto& e : g.edges) {
    if (e.from >= n || e.to >= n) continue;
    double lw = 0;
    for (const auto& l : e.label) lw = std::max(lw, static_cast<double>(text_columns(l)) * 10 * kSansAdvance);
    const double lh = static_cast<double>(e.label.size()) * 13 + 4;
    if (e.from == e.to) {
      const GNode& a = g.nodes[e.from];
      extend(a.x - lw / 2 - 6, a.y - a.h / 2 - 52 - lh / 2, a.x + lw / 2 + 6, a.y);
    } else {
      const GNode& a = g.nodes[e.from];
      const GNode& b = g.nodes[e.to];
      double lx, ly;
      label_point(a, b, has_reverse(g, e), lx, ly);
      extend(lx - lw / 2 - 6, ly - lh / 2 - 2, lx + lw / 2 + 6, ly + lh / 2 + 2);
    }
  }
  const double title_w = static_cast<double>(std::max(text_columns(g.title) * 14, text_columns(g.subtitle) * 11)) *
                         kSansBoldAdvance;
  const double width = std::max(max_x - min_x + 2 * kMargin, title_w + 2 * kMargin);
  const double height = kMargin + kTitleH + (max_y - min_y) + kMargin;
  const double shift_x = (width - (max_x - min_x)) / 2 - min_x;
  const double shift_y = kMargin + kTitleH - min_y;
  for (auto& node : g.nodes) {
    node.x += shift_x;
    node.y += shift_y;
  }

  c.text(kMargin, kMargin + 16, g.title,
         std::string("font-family=\"") + kSansFont + "\" font-size=\"14\" font-weight=\"bold\" fill=\"" + kInk + "\"");
  if (!g.subtitle.empty())
    c.text(kMargin, kMargin + 34, g.subtitle,
           std::string("font-family=\"") + kSansFont + "\" font-size=\"11\" fill=\"#6b7785\"");

  // Edges first, nodes on top; labels last so nothing covers them.
  struct Label {
    double x, y;
    std::vector<std::string> lines;
    bool highlight;
  };
  std::vector<Label> labels;
  for (const auto& e : g.edges) {
    if (e.from >= n || e.to >= n) continue;
    const GNode& a = g.nodes[e.from];
    const GNode& b = g.nodes[e.to];
    const std::string stroke = e.highlight ? kViolationRed : kEdge;
    const std::string attrs = "fill=\"none\" stroke=\"" + stroke + "\" stroke-width=\"" +
                              (e.highlight ? "2.2" : "1.3") + "\"" + (e.dashed ? " stroke-dasharray=\"7 4\"" : "") +
                              " marker-end=\"url(#" +
                              c.id(e.highlight ? "arrow-red" : "arrow") + ")\"";
    if (!e.tooltip.empty()) c.open_group(e.tooltip);
    if (e.from == e.to) {
      const double x0 = a.x - a.w / 4, x1 = a.x + a.w / 4, y0 = a.y - a.h / 2;
      c.path("M" + svg_num(x0) + "," + svg_num(y0) + " C" + svg_num(x0 - 10) + "," + svg_num(y0 - 50) + " " +
                 svg_num(x1 + 10) + "," + svg_num(y0 - 50) + " " + svg_num(x1) + "," + svg_num(y0 - 2),
             attrs);
      if (!e.tooltip.empty()) c.close_group();
      labels.push_back({a.x, y0 - 44, e.label, e.highlight});
      continue;
    }
    double qx, qy;
    control_point(a, b, has_reverse(g, e), qx, qy);
    double sx, sy, ex, ey;
    clip_to_box(a, qx, qy, sx, sy);
    clip_to_box(b, qx, qy, ex, ey);
    c.path("M" + svg_num(sx) + "," + svg_num(sy) + " Q" + svg_num(qx) + "," + svg_num(qy) + " " + svg_num(ex) +
               "," + svg_num(ey),
           attrs);
    if (!e.tooltip.empty()) c.close_group();
    double lx, ly;
    label_point(a, b, has_reverse(g, e), lx, ly);
    labels.push_back({lx, ly, e.label, e.highlight});
  }
  for (const auto& node : g.nodes) {
    c.open_group(node.lines.empty() ? "" : node.lines.front());
    c.rect(node.x - node.w / 2, node.y - node.h / 2, node.w, node.h,
           node.highlight ? std::string("rx=\"6\" fill=\"") + kViolationFill + "\" stroke=\"" + kViolationRed +
                                "\" stroke-width=\"2\""
                          : std::string("rx=\"6\" fill=\"#ffffff\" stroke=\"") + kEdge + "\" stroke-width=\"1.3\"");
    double y = node.y - node.h / 2 + 6 + 11.5;
    for (std::size_t k = 0; k < node.lines.size(); ++k) {
      c.text(node.x, y, node.lines[k],
             std::string("font-family=\"") + kSansFont + "\" font-size=\"" + (k == 0 ? "12" : "10") +
                 "\" text-anchor=\"middle\"" + (k == 0 ? " font-weight=\"bold\"" : "") + " fill=\"" + kInk + "\"");
      y += 15;
    }
    c.close_group();
  }
  for (const auto& l : labels) {
    if (l.lines.empty()) continue;
    double w = 0;
    for (const auto& s : l.lines) w = std::max(w, static_cast<double>(text_columns(s)) * 10 * kSansAdvance);
    const double h = static_cast<double>(l.lines.size()) * 13 + 4;
    c.rect(l.x - w / 2 - 4, l.y - h / 2, w + 8, h, "rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.92\"");
    double y = l.y - h / 2 + 2 + 10;
    for (const auto& s : l.lines) {
      c.text(l.x, y, s,
             std::string("font-family=\"") + kSansFont + "\" font-size=\"10\" text-anchor=\"middle\" fill=\"" +
                 (l.highlight ? kViolationRed : kInk) + "\"");
      y += 13;
    }
  }
  return c.finish(width, height, g.title);
}

}  // namespace

std::string lock_order_svg(const LockOrderGraph& graph, const SvgOptions& options) {
  GraphSpec g;
  g.title = graph.cycle.empty() ? "Lock-order graph" : "Lock-order graph: cycle in red";
  g.subtitle = "an arrow A -> B: B was acquired while A was held";
  // A crowded graph with a cycle labels the cycle's edges only; the others say where they
  // were recorded on hover (and in lock-order.dot).
  const bool cycle_labels_only = !graph.cycle.empty() && graph.edges.size() > 4;
  if (cycle_labels_only) g.subtitle += "; labels on the cycle only (hover a grey arrow for its witness)";
  const std::vector<std::string> names = graph.all_nodes();
  auto index = [&](const std::string& s) {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), s) - names.begin());
  };
  for (const auto& name : names) g.nodes.push_back({{name}, false});
  for (std::size_t e = 0; e < graph.edges.size(); ++e) {
    const LockOrderEdge& edge = graph.edges[e];
    GEdge ge;
    ge.from = index(edge.from);
    ge.to = index(edge.to);
    ge.highlight = graph.on_cycle(e);
    const std::vector<std::string> label = lock_edge_label(edge);
    if (cycle_labels_only && !ge.highlight) {
      for (const auto& l : label) ge.tooltip += (ge.tooltip.empty() ? "" : "; ") + l;
      ge.tooltip = edge.from + " -> " + edge.to + ": " + ge.tooltip;
    } else {
      for (const auto& l : label) ge.label.push_back(truncate_text(l, 64));
    }
    if (ge.highlight) {
      g.nodes[ge.from].highlight = true;
      g.nodes[ge.to].highlight = true;
    }
    g.edges.push_back(std::move(ge));
  }
  return render_graph(std::move(g), options);
}

std::string waits_for_svg(const Trace& t, const SvgOptions& options) {
  GraphSpec g;
  g.title = "Waits-for graph";
  const TraceModel m = analyze_trace(t);
  const std::vector<WaitEdge> edges = wait_edges(t, m);
  bool any_queued = false;
  for (const auto& e : edges) any_queued = any_queued || e.queued;
  g.subtitle = violation_headline(t) + " in state " + std::to_string(t.length()) +
               ": an arrow P -> Q: P waits for a lock Q holds" +
               (any_queued ? " (dashed: P is queued behind Q's request)" : "");
  std::vector<std::string> names;
  auto index = [&](const std::string& s) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (names[k] == s) return k;
    }
    names.push_back(s);
    g.nodes.push_back({{s}, false});
    return names.size() - 1;
  };
  for (const auto& w : t.waits) {
    const std::size_t k = index(w.process);
    g.nodes[k].highlight = true;
    if (!w.label.empty()) g.nodes[k].lines.push_back("blocked at " + truncate_text(w.label, 32));
    if (w.lock.empty() && !w.condition.empty())
      g.nodes[k].lines.push_back("awaits " + truncate_text(w.condition, 40));
  }
  for (const auto& we : edges) {
    GEdge e;
    e.from = index(we.from);
    e.to = index(we.to);
    e.highlight = true;
    e.dashed = we.queued;
    e.label.push_back((we.queued ? "queued behind, " : "") + we.lock + (we.mode.empty() ? "" : " (" + we.mode + ")"));
    g.edges.push_back(std::move(e));
  }
  return render_graph(std::move(g), options);
}

}  // namespace report
