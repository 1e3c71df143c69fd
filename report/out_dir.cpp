// report: write_out_dir, every counterexample file plus index.html into one directory.
#include "report/out_dir.h"

#include <filesystem>
#include <fstream>

#include "report/dot_writer.h"
#include "report/html_index.h"
#include "report/itf_writer.h"
#include "report/json_trace.h"
#include "report/mermaid_writer.h"
#include "report/svg_writer.h"
#include "report/text_writer.h"

namespace report {

namespace {

bool write_file(const std::filesystem::path& dir, const std::string& name, const std::string& content,
                OutDirResult& r) {
  if (name.empty()) return true;
  const std::filesystem::path p = dir / name;
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  if (f) f.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (f) f.close();
  if (!f) {
    r.error = "cannot write " + p.string();
    return false;
  }
  r.written.push_back(name);
  return true;
}

}  // namespace

OutDirResult write_out_dir(const std::string& dir, const RunInfo& run, const std::vector<ReportItem>& items,
                           const std::optional<LockOrderGraph>& lock_graph) {
  OutDirResult r;
  const std::filesystem::path root(dir);
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec || !std::filesystem::is_directory(root, ec)) {
    r.error = "cannot create directory " + dir + (ec ? ": " + ec.message() : "");
    return r;
  }
  const std::vector<ItemFiles> files = plan_item_files(items);
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (!items[k].trace) continue;
    const Trace& t = *items[k].trace;
    const ItemFiles& f = files[k];
    SvgOptions o;
    o.id_prefix = "t" + std::to_string(k);
    if (!write_file(root, f.txt, write_text_trace(t), r) || !write_file(root, f.json, write_json_trace(t), r) ||
        !write_file(root, f.itf, write_itf_trace(t), r) || !write_file(root, f.svg, write_svg_trace(t, o), r) ||
        !write_file(root, f.mmd, write_mermaid_trace(t), r) || !write_file(root, f.dot, write_dot_trace(t), r))
      return r;
    if (!f.waits_svg.empty()) {
      o.id_prefix = "wf" + std::to_string(k);
      if (!write_file(root, f.waits_svg, waits_for_svg(t, o), r) ||
          !write_file(root, f.waits_dot, waits_for_dot(t), r))
        return r;
    }
  }
  if (lock_graph && !lock_graph->edges.empty()) {
    SvgOptions o;
    o.id_prefix = "lo";
    if (!write_file(root, "lock-order.svg", lock_order_svg(*lock_graph, o), r) ||
        !write_file(root, "lock-order.dot", lock_order_dot(*lock_graph), r))
      return r;
  }
  if (!write_file(root, "index.html", write_html_index(run, items, files, lock_graph), r)) return r;
  r.ok = true;
  return r;
}

}  // namespace report
