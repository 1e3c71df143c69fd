// report: Graphviz DOT for a Trace (lanes as clusters in a sequence layout), for the
// waits-for graph of a deadlock, and for a lock-order graph with its cycle highlighted.
#pragma once
#include <string>
#include <string_view>

#include "report/lock_graph.h"
#include "report/trace.h"

namespace report {

std::string write_dot_trace(const Trace& trace);
std::string waits_for_dot(const Trace& trace);
std::string lock_order_dot(const LockOrderGraph& graph);

// The body of a DOT double-quoted string: '"' and '\' escaped, '&' as &amp; (Graphviz
// decodes entities in labels), line breaks as \l (left-justified lines).
std::string dot_escape(std::string_view s);

}  // namespace report
