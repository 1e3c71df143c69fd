// checker: analyze_lock_order (lock_order_analysis.h): declared orders, same-class nesting and
// cycles of the recorded lock-order graph as `lock_order` violations (or warnings), each edge
// explained lockdep-style with a shortest trace rebuilt through the parent links.
#include "checker/lock_order_analysis.h"

#include <algorithm>
#include <map>
#include <set>

#include "checker/lock_order_graph.h"

namespace checker {

namespace {

const char* mode_name(ir::LockMode m) { return m == ir::LockMode::Shared ? "shared" : "exclusive"; }

bool shared_after_shared(const LockEdgeRecord& e) {
  return e.from_mode == ir::LockMode::Shared && e.to_mode == ir::LockMode::Shared;
}

// Where the acquiring process took the held lock (from the witness trace), if it shows.
struct HeldSite {
  std::string what, location;
};

struct Analysis {
  const ir::System& sys;
  const LockOrderRecorder& rec;
  TraceBuilder& tb;
  const std::vector<std::uint32_t>& level_start;
  std::vector<LockEdgeRecord> edges;
  std::map<std::size_t, report::Trace> traces;  // edge -> its witness trace, built once

  const ir::Transition& transition(const LockEdgeRecord& e) const { return sys.transitions.at(e.transition); }
  std::string process(const LockEdgeRecord& e) const {
    const ir::Transition& t = transition(e);
    return t.process >= 0 ? sys.processes.at(static_cast<std::size_t>(t.process)).name : "actions";
  }
  std::string label(const LockEdgeRecord& e) const {
    const ir::Transition& t = transition(e);
    if (!t.label.empty()) return t.label;
    std::string p = process(e) + " ";
    return t.name.rfind(p, 0) == 0 ? t.name.substr(p.size()) : t.name;
  }
  std::string location(const LockEdgeRecord& e) const {
    const ir::Transition& t = transition(e);
    return t.span.valid() ? sys.location(t.span) : "";
  }
  std::string lock_name(std::int32_t l) const { return sys.locks.at(static_cast<std::size_t>(l)).name; }
  const std::string& cls(std::uint32_t c) const { return rec.classes().at(c); }
  std::size_t length(const LockEdgeRecord& e) const {
    return static_cast<std::size_t>(std::upper_bound(level_start.begin(), level_start.end(), e.state()) -
                                    level_start.begin());
  }
  bool requests(const LockEdgeRecord& e) const { return sys.locks.at(static_cast<std::size_t>(e.to_lock)).queued; }

  const report::Trace& trace(std::size_t i) {
    auto it = traces.find(i);
    if (it != traces.end()) return it->second;
    const LockEdgeRecord& e = edges[i];
    Found f;
    f.kind = VKind::Assert;  // any kind: the trace's header is rewritten by the caller
    f.name = "lock_order";
    f.where = Found::Step;
    f.a = e.state();
    f.b = e.ordinal();
    f.length = static_cast<std::uint32_t>(length(e));
    report::Trace tr = tb.build(f);
    tr.kind = "lock_order";
    tr.message.clear();
    return traces.emplace(i, std::move(tr)).first->second;
  }
  HeldSite held_site(std::size_t i) {
    const LockEdgeRecord& e = edges[i];
    const report::Trace& tr = trace(i);
    const std::string lane = process(e), lock = lock_name(e.from_lock);
    for (std::size_t k = tr.steps.size(); k-- > 1;) {  // the last step is the acquiring one
      const report::Step& s = tr.steps[k - 1];
      if (s.lane != lane) continue;
      for (const report::LockEvent& le : s.lock_events)
        if (le.kind == report::LockEventKind::Acquire && le.lock == lock) return {s.what, s.location};
    }
    return {};
  }
  report::Trace named_trace(std::size_t i, const std::string& name, const std::string& message,
                            const std::string& where) {
    report::Trace tr = trace(i);
    tr.property = name;
    tr.message = message;
    tr.location = where;
    return tr;
  }

  // "writer requests mmap_lock (shared) at fault_in, locks.weft:27"
  std::string acquisition(const LockEdgeRecord& e) const {
    std::string loc = location(e);
    return process(e) + (requests(e) ? " requests " : " acquires ") + lock_name(e.to_lock) + " (" +
           mode_name(e.to_mode) + ") at " + label(e) + (loc.empty() ? "" : ", " + loc);
  }
  std::string holding(std::size_t i) {
    const LockEdgeRecord& e = edges[i];
    HeldSite h = held_site(i);
    std::string s = "while holding " + lock_name(e.from_lock) + " (" + mode_name(e.from_mode) + ")";
    if (!h.what.empty()) s += ", taken at " + h.what + (h.location.empty() ? "" : ", " + h.location);
    return s;
  }
  // The lines of one chain entry.
  std::string edge_block(std::size_t i, const std::string& tag, bool trace_below) {
    const LockEdgeRecord& e = edges[i];
    std::string out = " " + tag + cls(e.from_class) + " (" + mode_name(e.from_mode) + ") -> " + cls(e.to_class) +
                      " (" + mode_name(e.to_mode) + ")\n";
    out += "    " + acquisition(e) + "\n";
    out += "    " + holding(i) + "\n";
    out += "    first recorded in state " + std::to_string(length(e)) + " of a shortest trace";
    out += trace_below ? " (below)\n" : "\n";
    return out;
  }
};

// lockdep's "possible unsafe locking scenario": one column per process of the chain.
std::string scenario(Analysis& a, const std::vector<std::size_t>& chain) {
  std::vector<std::string> procs;
  for (std::size_t i : chain) procs.push_back(a.process(a.edges[i]));
  std::set<std::string> distinct(procs.begin(), procs.end());
  if (distinct.size() != procs.size()) return "";
  auto op = [&](ir::LockMode m, std::int32_t lock) {
    return std::string(m == ir::LockMode::Shared ? "rlock(" : "lock(") + a.lock_name(lock) + ");";
  };
  std::size_t width = 0;
  for (std::size_t k = 0; k < chain.size(); ++k) {
    const LockEdgeRecord& e = a.edges[chain[k]];
    width = std::max({width, procs[k].size(), op(e.from_mode, e.from_lock).size(), op(e.to_mode, e.to_lock).size()});
  }
  width += 4;
  auto row = [&](std::size_t col, const std::string& text) {
    std::string line = "    " + std::string(col * width, ' ') + text;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string head = "    ", rule = "    ";
  for (std::size_t k = 0; k < procs.size(); ++k) {
    head += procs[k] + std::string(k + 1 < procs.size() ? width - procs[k].size() : 0, ' ');
    rule += std::string(procs[k].size(), '-') + std::string(k + 1 < procs.size() ? width - procs[k].size() : 0, ' ');
  }
  std::string out = " possible unsafe locking scenario:\n" + head + "\n" + rule + "\n";
  for (std::size_t k = 0; k < chain.size(); ++k) out += row(k, op(a.edges[chain[k]].from_mode, a.edges[chain[k]].from_lock));
  for (std::size_t k = 0; k < chain.size(); ++k) out += row(k, op(a.edges[chain[k]].to_mode, a.edges[chain[k]].to_lock));
  out += "    *** DEADLOCK ***\n";
  return out;
}

struct Pending {
  Violation v;
  std::vector<std::size_t> edges;  // graph edges to highlight
};

}  // namespace

void analyze_lock_order(const ir::System& sys, const LockOrderRecorder& rec, TraceBuilder& tb,
                        const std::vector<std::uint32_t>& level_start, const LockOrderAnalysisOptions& opt,
                        CheckResult& r) {
  Analysis a{sys, rec, tb, level_start, rec.edges(), {}};
  const std::size_t C = rec.classes().size();

  // ---- every edge, and the class graph (one edge per class pair: its first witness)
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::size_t>> pairs;  // witness order
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pair_order;
  for (std::size_t i = 0; i < a.edges.size(); ++i) {
    const LockEdgeRecord& e = a.edges[i];
    auto& v = pairs[{e.from_class, e.to_class}];
    if (v.empty()) pair_order.push_back({e.from_class, e.to_class});
    v.push_back(i);
    LockOrderEdgeInfo info;
    info.from = a.cls(e.from_class);
    info.to = a.cls(e.to_class);
    info.from_mode = mode_name(e.from_mode);
    info.to_mode = mode_name(e.to_mode);
    info.from_lock = a.lock_name(e.from_lock);
    info.to_lock = a.lock_name(e.to_lock);
    info.process = a.process(e);
    info.label = a.label(e);
    info.location = a.location(e);
    info.trace_length = a.length(e);
    r.lock_order_edges.push_back(std::move(info));
  }
  report::LockOrderGraph& g = r.lock_order_graph;
  g.nodes = rec.classes();
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> graph_edge;
  for (const auto& pr : pair_order) {
    const LockEdgeRecord& e = a.edges[pairs[pr].front()];
    report::LockOrderEdge ge;
    ge.from = a.cls(pr.first);
    ge.to = a.cls(pr.second);
    ge.from_mode = mode_name(e.from_mode);
    ge.to_mode = mode_name(e.to_mode);
    std::string loc = a.location(e);
    ge.witness = a.process(e) + " at " + a.label(e) + (loc.empty() ? "" : " (" + loc + ")");
    graph_edge[pr] = g.edges.size();
    g.edges.push_back(std::move(ge));
  }
  if (!sys.check_lock_order) return;

  std::map<std::string, std::uint32_t> class_id;
  for (std::uint32_t c = 0; c < C; ++c) class_id[a.cls(c)] = c;
  std::vector<Pending> found;

  // ---- declared class orders: acquiring A while holding B, for a declared A < B
  for (const auto& [before, after] : sys.lock_order) {
    auto ia = class_id.find(before), ib = class_id.find(after);
    if (ia == class_id.end() || ib == class_id.end() || ia->second == ib->second) continue;
    auto it = pairs.find({ib->second, ia->second});
    if (it == pairs.end()) continue;
    std::size_t i = it->second.front();
    const LockEdgeRecord& e = a.edges[i];
    Pending p;
    p.v.kind = "lock_order";
    p.v.name = "declared order " + before + " < " + after;
    p.v.message = a.process(e) + " acquires " + a.lock_name(e.to_lock) + " (" + mode_name(e.to_mode) +
                  ") while holding " + a.lock_name(e.from_lock) + " (" + mode_name(e.from_mode) +
                  "), against lock_order " + before + " < " + after;
    p.v.location = a.location(e);
    p.v.details = "lock_order: acquisition against the declared order " + before + " < " + after + "\n" +
                  a.edge_block(i, "", false);
    p.v.trace = a.named_trace(i, p.v.name, p.v.message, p.v.location);
    found.push_back(std::move(p));
  }

  // ---- same-class nesting: declared by index (descending is a violation) or not declared
  std::set<std::string> by_index;
  std::map<std::string, std::string> declared_at;
  for (const ir::LockNesting& n : sys.lock_nesting) {
    by_index.insert(n.lock_class);
    if (n.span.valid()) declared_at.emplace(n.lock_class, sys.location(n.span));
  }
  for (std::uint32_t c = 0; c < C; ++c) {
    auto it = pairs.find({c, c});
    if (it == pairs.end()) continue;
    const std::string& name = a.cls(c);
    if (by_index.count(name)) {
      std::size_t bad = a.edges.size();
      for (std::size_t i : it->second)
        if (a.edges[i].descending) {
          bad = i;
          break;
        }
      if (bad == a.edges.size()) continue;
      const LockEdgeRecord& e = a.edges[bad];
      Pending p;
      p.v.kind = "lock_order";
      p.v.name = "declared order " + name + " by index";
      p.v.message = a.process(e) + " acquires " + a.lock_name(e.to_lock) + " while holding " +
                    a.lock_name(e.from_lock) + ", against lock_order " + name +
                    " by index (instances nest in ascending index order)";
      p.v.location = a.location(e);
      std::string decl = declared_at.count(name) ? " (declared at " + declared_at[name] + ")" : "";
      p.v.details = "lock_order: acquisition against the declared nesting order `lock_order " + name + " by index`" +
                    decl + "\n" + a.edge_block(bad, "", false);
      p.v.trace = a.named_trace(bad, p.v.name, p.v.message, p.v.location);
      found.push_back(std::move(p));
      continue;
    }
    std::size_t pick = it->second.front();
    bool all_ss = true;
    for (std::size_t i : it->second)
      if (!shared_after_shared(a.edges[i])) {
        pick = i;
        all_ss = false;
        break;
      }
    if (all_ss) {
      r.warnings.push_back("lock_order: instances of " + name +
                           " nest, every time shared after shared (a read-read self-loop; not a violation)");
      continue;
    }
    const LockEdgeRecord& e = a.edges[pick];
    Pending p;
    p.v.kind = "lock_order";
    p.v.name = "same-class nesting " + name;
    p.v.message = a.process(e) + " acquires " + a.lock_name(e.to_lock) + " while holding " +
                  a.lock_name(e.from_lock) + ": two instances of lock class " + name +
                  " nest (lockdep: possible recursive locking) and no `lock_order " + name +
                  " by index` declares their order";
    p.v.location = a.location(e);
    p.v.details = "lock_order: possible recursive locking: two instances of lock class " + name + " nest\n" +
                  a.edge_block(pick, "#1 ", true) + scenario(a, {pick}) +
                  " if instances of " + name + " always nest in ascending index order, declare it:\n"
                  "    lock_order " + name + " by index\n";
    p.v.trace = a.named_trace(pick, p.v.name, p.v.message, p.v.location);
    p.v.edge_traces.push_back(p.v.trace);
    p.edges.push_back(graph_edge[{c, c}]);
    found.push_back(std::move(p));
  }

  // ---- cycles of two or more classes
  LockClassGraph cg;
  cg.vertices = C;
  for (const auto& pr : pair_order) cg.edges.push_back(pr);
  LockCycles cycles = find_lock_cycles(cg, opt.max_cycles);
  for (const auto& circuit : cycles.circuits) {
    std::vector<std::size_t> chain;  // the chosen variant of each edge
    bool all_ss = true;
    std::string name = "cycle";
    for (std::size_t k = 0; k < circuit.size(); ++k) {
      std::uint32_t from = circuit[k], to = circuit[(k + 1) % circuit.size()];
      const std::vector<std::size_t>& vs = pairs.at({from, to});
      std::size_t pick = vs.front();
      for (std::size_t i : vs)
        if (!shared_after_shared(a.edges[i])) {
          pick = i;
          all_ss = false;
          break;
        }
      chain.push_back(pick);
      name += " " + a.cls(from) + " ->";
    }
    name += " " + a.cls(circuit.front());
    if (all_ss) {
      r.warnings.push_back("lock_order: " + name + " has every edge shared after shared (a read-read cycle; not a violation)");
      continue;
    }
    std::size_t closing = chain.front();
    for (std::size_t i : chain)
      if (a.edges[i].witness > a.edges[closing].witness) closing = i;
    const LockEdgeRecord& last = a.edges[closing];
    Pending p;
    p.v.kind = "lock_order";
    p.v.name = name;
    p.v.message = "lock-order " + name + ": a possible deadlock; the cycle closes when " + a.acquisition(last);
    p.v.location = a.location(last);
    std::string d = "lock_order: possible circular locking dependency: " + name + "\n";
    d += " the chain (each edge: the first acquisition that recorded it; a shortest trace to each below):\n";
    for (std::size_t k = 0; k < chain.size(); ++k) d += a.edge_block(chain[k], "#" + std::to_string(k + 1) + " ", true);
    d += scenario(a, chain);
    p.v.details = d;
    for (std::size_t k = 0; k < chain.size(); ++k) {
      p.v.edge_traces.push_back(a.named_trace(chain[k], name, "edge #" + std::to_string(k + 1) + " of the " + name,
                                              a.location(a.edges[chain[k]])));
      p.edges.push_back(graph_edge[{a.edges[chain[k]].from_class, a.edges[chain[k]].to_class}]);
    }
    p.v.trace = a.named_trace(closing, p.v.name, p.v.message, p.v.location);
    found.push_back(std::move(p));
  }
  if (cycles.truncated)
    r.warnings.push_back("lock_order: the lock-order graph has more than " + std::to_string(opt.max_cycles) +
                         " elementary cycles; only the first " + std::to_string(opt.max_cycles) + " are reported");

  // ---- into the result: shortest first, then by name
  std::stable_sort(found.begin(), found.end(), [](const Pending& x, const Pending& y) {
    if (x.v.trace.length() != y.v.trace.length()) return x.v.trace.length() < y.v.trace.length();
    return x.v.name < y.v.name;
  });
  if (opt.stop_at_first && !found.empty()) {
    // One violation in all: the shortest of the engine's and ours (the engine's on a tie).
    if (!r.violations.empty() && r.violations.front().trace.length() <= found.front().v.trace.length()) found.clear();
    else r.violations.clear();
    if (found.size() > 1) found.resize(1);
  }
  std::set<std::size_t> hot;
  for (Pending& p : found) {
    hot.insert(p.edges.begin(), p.edges.end());
    r.violations.push_back(std::move(p.v));
  }
  g.cycle.assign(hot.begin(), hot.end());
}

report::Json lock_order_edges_json(const CheckResult& r) {
  report::Json out = report::Json::array();
  std::set<std::pair<std::string, std::string>> seen;
  for (const LockOrderEdgeInfo& e : r.lock_order_edges) {
    if (!seen.insert({e.from, e.to}).second) continue;
    out.push_back(report::Json::array({e.from, e.to}));
  }
  return out;
}

report::Json lock_order_graph_json(const CheckResult& r) {
  using report::Json;
  Json edges = Json::array();
  for (const LockOrderEdgeInfo& e : r.lock_order_edges) {
    Json j = Json::object();
    j["from"] = e.from;
    j["to"] = e.to;
    j["from_mode"] = e.from_mode;
    j["to_mode"] = e.to_mode;
    j["from_lock"] = e.from_lock;
    j["to_lock"] = e.to_lock;
    j["process"] = e.process;
    j["label"] = e.label;
    j["location"] = e.location;
    j["trace_length"] = static_cast<std::int64_t>(e.trace_length);
    edges.push_back(std::move(j));
  }
  Json cycles = Json::array();
  for (const Violation& v : r.violations)
    if (v.kind == "lock_order" && !v.edge_traces.empty()) cycles.push_back(v.name);
  Json o = Json::object();
  o["classes"] = r.lock_order_graph.nodes;
  o["edges"] = std::move(edges);
  o["cycles"] = std::move(cycles);
  return o;
}

std::string lock_order_summary(const ir::System& sys, const CheckResult& r) {
  if (sys.locks.empty()) return "";
  std::set<std::pair<std::string, std::string>> pairs;
  for (const LockOrderEdgeInfo& e : r.lock_order_edges) pairs.insert({e.from, e.to});
  std::string edges = std::to_string(pairs.size()) + (pairs.size() == 1 ? " edge" : " edges") + " between lock classes";
  if (!sys.check_lock_order) return "  lock_order: not checked (check lock_order off; " + edges + ")\n";
  std::string out;
  for (const Violation& v : r.violations)
    if (v.kind == "lock_order")
      out += "  lock_order " + v.name + ": VIOLATED (trace length " + std::to_string(v.trace.length()) + ")\n";
  if (!out.empty()) return out;
  const char* why = not_proved_because(r);
  const std::string status = why ? std::string("none found (") + why + ")" : "holds";
  return "  lock_order: " + status + " (" + edges + ")\n";
}

}  // namespace checker
