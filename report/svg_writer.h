// report: native SVG diagrams (no external program): the swimlane sequence diagram of a
// Trace, and the lock-order and waits-for graphs.
#pragma once
#include <string>

#include "report/lock_graph.h"
#include "report/trace.h"

namespace report {

struct SvgOptions {
  // Prefix of every id in the drawing (patterns, markers), so several SVGs can be inlined
  // in one HTML page. Characters other than [A-Za-z0-9_-] are replaced.
  std::string id_prefix = "weft";
};

// One vertical lane per process instance (and one for action steps), steps top to bottom
// with label and file:line, lock-held intervals as bars in a colour per lock class (shared
// mode striped, a waiting request as a dashed outline), changed variables under each step,
// the violating step in red with the property name, and for a deadlock the blocked
// processes with waits-for arrows between lanes. Lanes widen with their content; with many
// lanes the canvas grows wider.
std::string write_svg_trace(const Trace& trace, const SvgOptions& options = {});

// The lock-order graph (circular layout, cycle edges in red) and a deadlock's waits-for
// graph (blocked processes, arrows to the holders of the locks they wait for).
std::string lock_order_svg(const LockOrderGraph& graph, const SvgOptions& options = {});
std::string waits_for_svg(const Trace& trace, const SvgOptions& options = {});

// Sanitises an id prefix: [A-Za-z0-9_-], starting with a letter.
std::string svg_id_prefix(const std::string& raw);

}  // namespace report
