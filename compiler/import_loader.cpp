// compiler (sema): import merging (each file once, cycles E0206, missing files E0205).
#include "compiler/import_loader.h"

#include <filesystem>
#include <map>
#include <set>
#include <system_error>
#include <vector>

#include "compiler/frontend.h"

namespace compiler::sema {

namespace {

namespace fs = std::filesystem;
using support::DiagCode;

// A stable identity for a file path: canonical when it exists, else lexically normalised.
std::string identity(const std::string& path) {
  std::error_code ec;
  fs::path p(path);
  fs::path c = fs::weakly_canonical(p, ec);
  if (ec || c.empty()) c = fs::absolute(p, ec).lexically_normal();
  if (ec || c.empty()) c = p.lexically_normal();
  return c.string();
}

struct Frame {
  std::string id;         // identity of the file
  std::string path;       // as loaded
  support::SourceSpan at;  // the import that brought it in (invalid for the root)
};

class Loader {
 public:
  Loader(support::SourceManager& sm, support::DiagnosticSink& diags) : sm_(sm), diags_(diags) {
    for (std::size_t i = 0; i < sm_.size(); ++i) known_[identity(sm_.file(static_cast<support::FileId>(i)).path)] =
        static_cast<support::FileId>(i);
  }

  std::unique_ptr<ast::Module> run(support::FileId root) {
    std::unique_ptr<ast::Module> m = parse_file(sm_, root, diags_);
    if (!m) return nullptr;
    std::string id = identity(sm_.file(root).path);
    merged_.insert(id);
    stack_.push_back({id, sm_.file(root).path, {}});
    std::vector<std::unique_ptr<ast::Decl>> out;
    splice(*m, root, out);
    stack_.pop_back();
    m->decls = std::move(out);
    return m;
  }

 private:
  // Moves `m`'s declarations to `out`, expanding imports in place.
  void splice(ast::Module& m, support::FileId file, std::vector<std::unique_ptr<ast::Decl>>& out) {
    std::vector<std::unique_ptr<ast::Decl>> decls = std::move(m.decls);
    for (auto& d : decls) {
      if (!d) continue;
      if (d->file == support::kNoFile) d->file = file;
      bool is_import = d->kind == ast::DeclKind::Import;
      std::string path = d->str;
      support::SourceSpan at = d->span;
      out.push_back(std::move(d));
      if (is_import) import(path, at, file, out);
    }
  }

  void import(const std::string& rel, support::SourceSpan at, support::FileId from,
              std::vector<std::unique_ptr<ast::Decl>>& out) {
    fs::path base = fs::path(sm_.file(from).path).parent_path();
    fs::path target = fs::path(rel).is_absolute() ? fs::path(rel) : base / rel;
    std::string path = target.lexically_normal().string();
    std::string id = identity(path);
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i].id != id) continue;
      std::string chain;
      for (std::size_t j = i; j < stack_.size(); ++j) chain += stack_[j].path + " -> ";
      chain += path;
      auto& diag = diags_.error(DiagCode::E0206, at, "import cycle: " + chain);
      for (std::size_t j = i + 1; j < stack_.size(); ++j)
        diag.notes.push_back({stack_[j].at, "`" + stack_[j - 1].path + "` imports `" + stack_[j].path + "` here"});
      return;
    }
    if (merged_.count(id)) return;  // each file is merged once
    merged_.insert(id);
    support::FileId fid;
    auto k = known_.find(id);
    if (k != known_.end()) {
      fid = k->second;
    } else {
      std::string err;
      auto loaded = sm_.load(path, &err);
      if (!loaded) {
        diags_.error(DiagCode::E0205, at,
                     "cannot import `" + rel + "`: " + (err.empty() ? "cannot read " + path : err));
        return;
      }
      fid = *loaded;
      known_[id] = fid;
    }
    std::unique_ptr<ast::Module> sub = parse_file(sm_, fid, diags_);
    if (!sub) return;
    stack_.push_back({id, path, at});
    splice(*sub, fid, out);
    stack_.pop_back();
  }

  support::SourceManager& sm_;
  support::DiagnosticSink& diags_;
  std::map<std::string, support::FileId> known_;
  std::set<std::string> merged_;
  std::vector<Frame> stack_;
};

}  // namespace

std::unique_ptr<ast::Module> load_module(support::SourceManager& sm, support::FileId root,
                                         support::DiagnosticSink& diags) {
  return Loader(sm, diags).run(root);
}

}  // namespace compiler::sema
