// compiler (sema): the de-duplicating reporter, global and local scopes, suggestions.
#include "compiler/resolver.h"

#include <algorithm>

namespace compiler::sema {

support::Diagnostic& Reporter::error(DiagCode code, SourceSpan span, std::string message) {
  auto key = std::make_tuple(static_cast<int>(code), span.file, span.begin, span.end, message);
  if (!seen_.insert(std::move(key)).second) {
    dropped_ = support::Diagnostic{};
    return dropped_;
  }
  return sink_.error(code, span, std::move(message));
}

// ---------------------------------------------------------------- globals

namespace {
bool has_global_name(ast::DeclKind k) {
  switch (k) {
    case ast::DeclKind::Const:
    case ast::DeclKind::Enum:
    case ast::DeclKind::TypeAlias:
    case ast::DeclKind::Var:
    case ast::DeclKind::Lock:
    case ast::DeclKind::Def:
    case ast::DeclKind::Action:
    case ast::DeclKind::Process:
    case ast::DeclKind::Proc:
    case ast::DeclKind::Invariant:
    case ast::DeclKind::Cover:
      return true;
    default:
      return false;
  }
}
}  // namespace

void GlobalScope::collect(ast::Module& module, Reporter& rep) {
  // Pass 1: declarations. Pass 2: enum values, which may repeat across enums but not clash
  // with any other top-level name.
  for (const auto& dp : module.decls) {
    if (!dp || !has_global_name(dp->kind) || dp->name.name.empty()) continue;
    ast::Decl& d = *dp;
    if (d.kind == ast::DeclKind::Proc) procs_.push_back(&d);
    if (d.kind == ast::DeclKind::Process) processes_.push_back(&d);
    auto [it, inserted] = decls_.emplace(d.name.name, &d);
    if (!inserted) {
      auto& diag = rep.error(DiagCode::E0202, d.name.span,
                             "`" + d.name.name + "` is declared twice");
      diag.notes.push_back({it->second->name.span, std::string("first declared here (") +
                                                       decl_kind_name(it->second->kind) + ")"});
    }
  }
  for (const auto& dp : module.decls) {
    if (!dp || dp->kind != ast::DeclKind::Enum) continue;
    const ast::Decl& d = *dp;
    for (std::size_t i = 0; i < d.enum_values.size(); ++i) {
      const ast::Ident& v = d.enum_values[i];
      if (v.name.empty()) continue;
      bool dup_in_enum = false;
      for (std::size_t j = 0; j < i; ++j) {
        if (d.enum_values[j].name == v.name) {
          auto& diag = rep.error(DiagCode::E0202, v.span,
                                 "enum value `" + v.name + "` appears twice in `" + d.name.name + "`");
          diag.notes.push_back({d.enum_values[j].span, "first declared here"});
          dup_in_enum = true;
          break;
        }
      }
      if (dup_in_enum) continue;
      auto it = decls_.find(v.name);
      if (it != decls_.end()) {
        auto& diag = rep.error(DiagCode::E0202, v.span,
                               "enum value `" + v.name + "` has the name of another declaration (" +
                                   decl_kind_name(it->second->kind) + ")");
        diag.notes.push_back({it->second->name.span, "declared here"});
        continue;
      }
      enum_values_[v.name].push_back({&d, static_cast<int>(i)});
    }
  }
}

ast::Decl* GlobalScope::find(const std::string& name) const {
  auto it = decls_.find(name);
  return it == decls_.end() ? nullptr : it->second;
}

const std::vector<EnumValueRef>* GlobalScope::enum_values(const std::string& name) const {
  auto it = enum_values_.find(name);
  return it == enum_values_.end() ? nullptr : &it->second;
}

std::vector<std::string> GlobalScope::names() const {
  std::vector<std::string> out;
  for (const auto& [n, d] : decls_) out.push_back(n);
  for (const auto& [n, v] : enum_values_) out.push_back(n);
  return out;
}

// ---------------------------------------------------------------- locals

const LocalEntry* Scope::find(const std::string& name) const {
  for (auto f = frames_.rbegin(); f != frames_.rend(); ++f)
    for (auto e = f->rbegin(); e != f->rend(); ++e)
      if (e->name == name) return &*e;
  return nullptr;
}

std::vector<std::string> Scope::names() const {
  std::vector<std::string> out;
  for (const auto& f : frames_)
    for (const auto& e : f) out.push_back(e.name);
  return out;
}

// ---------------------------------------------------------------- helpers

const std::vector<std::string>& builtin_names() {
  static const std::vector<std::string> names = {"card", "min",    "max",   "len",   "head",
                                                 "tail", "append", "holds", "locked"};
  return names;
}

bool is_builtin(const std::string& name) {
  const auto& b = builtin_names();
  return std::find(b.begin(), b.end(), name) != b.end();
}

namespace {
// Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions,
// substitutions and transpositions of adjacent characters (`Wirter` -> `Writer`) cost 1.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

std::string lowered(const std::string& s) {
  std::string r;
  for (char c : s) r += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return r;
}
}  // namespace

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  // Limits keep suggestions plausible: about one edit per three characters (rustc's rule),
  // never a distance as large as the names (`x` is not a typo of `y`), and names much
  // longer or shorter than the typed one are skipped without computing a distance.
  constexpr std::size_t kMaxLength = 64;
  if (name.empty() || name.size() > kMaxLength) return {};
  std::string lname = lowered(name);
  std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
  std::string best;
  std::size_t best_d = 0;
  for (const auto& c : candidates) {
    if (c == name || c.empty() || c.size() > kMaxLength) continue;
    std::size_t diff = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (diff > limit) continue;
    std::string lc = lowered(c);
    // A difference in case only is the best suggestion there is.
    std::size_t d = lc == lname ? 0 : edit_distance(lname, lc);
    if (d > limit || (d > 0 && d >= std::max(name.size(), c.size()))) continue;
    if (best.empty() || d < best_d || (d == best_d && c < best)) {
      best = c;
      best_d = d;
    }
  }
  return best;
}

const char* decl_kind_name(ast::DeclKind kind) {
  switch (kind) {
    case ast::DeclKind::Import: return "import";
    case ast::DeclKind::Const: return "constant";
    case ast::DeclKind::Enum: return "enum";
    case ast::DeclKind::TypeAlias: return "type";
    case ast::DeclKind::Var: return "variable";
    case ast::DeclKind::Initially: return "initially";
    case ast::DeclKind::Constraint: return "constraint";
    case ast::DeclKind::Lock: return "lock";
    case ast::DeclKind::LockOrder: return "lock_order";
    case ast::DeclKind::Def: return "def";
    case ast::DeclKind::Action: return "action";
    case ast::DeclKind::Process: return "process";
    case ast::DeclKind::Proc: return "proc";
    case ast::DeclKind::Invariant: return "invariant";
    case ast::DeclKind::Cover: return "cover";
    case ast::DeclKind::Check: return "check";
  }
  return "declaration";
}

}  // namespace compiler::sema
