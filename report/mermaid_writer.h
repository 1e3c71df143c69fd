// report: a Trace as a Mermaid sequenceDiagram (renders in Markdown on GitHub/GitLab).
#pragma once
#include <string>
#include <string_view>

#include "report/trace.h"

namespace report {

// One participant per lane; each step a note on its lane (number, label, file:line, lock
// events, changed variables); lock acquire/release as activate/deactivate; the violation
// inside a red `rect`; deadlock waits-for as dashed arrows between participants.
std::string write_mermaid_trace(const Trace& trace);

// Text made safe for a Mermaid label: characters Mermaid parses (# ; < > & " % { }) become
// entity codes (#35; ...), line breaks become <br/>.
std::string mermaid_escape(std::string_view s);

}  // namespace report
