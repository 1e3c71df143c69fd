// checker: LockOrderRecorder (lock_order_recorder.h): the held set decoded from the owner/readers
// leaves of the pre-state, edges noted per worker, merged by first witness.
#include "checker/lock_order_recorder.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace checker {

namespace {
// Up to this many lock classes the per-worker table is a dense array (classes^2 * 8 slots).
constexpr std::size_t kDenseClasses = 64;
}  // namespace

LockOrderRecorder::LockOrderRecorder(const ir::System& sys, const Layout& layout, unsigned workers)
    : sys_(sys), layout_(layout) {
  std::map<std::string, std::uint32_t> ids;
  std::vector<std::uint32_t> per_class;
  for (const ir::LockInstance& li : sys.locks) {
    auto [it, fresh] = ids.emplace(li.lock_class, static_cast<std::uint32_t>(classes_.size()));
    if (fresh) {
      classes_.push_back(li.lock_class);
      per_class.push_back(0);
    }
    LockInfo info;
    info.cls = it->second;
    info.ordinal = per_class[info.cls]++;  // lowering numbers a class's instances in index order
    info.queued = li.queued;
    const ir::Var& ov = sys.vars.at(li.owner_var);
    info.owner = layout.leaves.at(ov.first_leaf);
    for (std::size_t p = 0; p < sys.processes.size(); ++p)
      info.code_of.push_back(li.owner_code(static_cast<std::int64_t>(p)));
    if (li.readers_var >= 0) info.readers_leaf = sys.vars.at(static_cast<std::size_t>(li.readers_var)).first_leaf;
    locks_.push_back(info);
  }
  dense_ = classes_.size() <= kDenseClasses;
  workers_.resize(std::max(1u, workers));
  for (Worker& wk : workers_) {
    if (dense_) wk.dense.assign(classes_.size() * classes_.size() * 8, LockEdgeRecord{});
    wk.held.reserve(16);
  }
}

void LockOrderRecorder::record(Worker& wk, const std::uint64_t* pre, const Exec& x, std::uint32_t state,
                               std::uint32_t ordinal) {
  const std::vector<LockEv>& evs = x.events();
  bool acquiring = false;
  for (const LockEv& e : evs) {
    if (e.lock < 0 || static_cast<std::size_t>(e.lock) >= locks_.size()) continue;
    if (e.kind == ir::LockEventKind::Request ||
        (e.kind == ir::LockEventKind::Acquire && !locks_[static_cast<std::size_t>(e.lock)].queued))
      acquiring = true;
  }
  if (!acquiring) return;
  const ir::Transition* t = x.transition();
  const std::int64_t p = t->process;
  const std::uint32_t processes = static_cast<std::uint32_t>(sys_.processes.size());
  // The locks instance p holds before the step.
  wk.held.clear();
  for (std::size_t l = 0; l < locks_.size(); ++l) {
    const LockInfo& li = locks_[l];
    if (read_leaf(pre, li.owner) == li.code_of[static_cast<std::size_t>(p)]) {
      wk.held.push_back({static_cast<std::int32_t>(l), ir::LockMode::Exclusive});
    } else if (li.readers_leaf >= 0 && static_cast<std::uint32_t>(p) < processes &&
               read_leaf(pre, layout_.leaves[static_cast<std::size_t>(li.readers_leaf + p)]) != 0) {
      wk.held.push_back({static_cast<std::int32_t>(l), ir::LockMode::Shared});
    }
  }
  const std::uint32_t tidx = static_cast<std::uint32_t>(t - sys_.transitions.data());
  const std::uint64_t witness = (static_cast<std::uint64_t>(state) << 32) | ordinal;
  // Events in order: what an earlier event of the same step took or released counts.
  for (const LockEv& e : evs) {
    if (e.lock < 0 || static_cast<std::size_t>(e.lock) >= locks_.size()) continue;
    if (e.kind == ir::LockEventKind::Release) {
      for (std::size_t i = 0; i < wk.held.size(); ++i)
        if (wk.held[i].lock == e.lock) {
          wk.held.erase(wk.held.begin() + static_cast<std::ptrdiff_t>(i));
          break;
        }
      continue;
    }
    const bool queued = locks_[static_cast<std::size_t>(e.lock)].queued;
    if (e.kind == ir::LockEventKind::Request || !queued)
      for (const Held& h : wk.held)
        if (h.lock != e.lock) note(wk, h, e, tidx, witness);
    if (e.kind == ir::LockEventKind::Acquire) wk.held.push_back({e.lock, e.mode});
  }
}

void LockOrderRecorder::note(Worker& wk, const Held& h, const LockEv& e, std::uint32_t transition, std::uint64_t witness) {
  const LockInfo& from = locks_[static_cast<std::size_t>(h.lock)];
  const LockInfo& to = locks_[static_cast<std::size_t>(e.lock)];
  const bool desc = from.cls == to.cls && to.ordinal < from.ordinal;
  const unsigned variant = (h.mode == ir::LockMode::Shared ? 4u : 0u) + (e.mode == ir::LockMode::Shared ? 2u : 0u) +
                           (desc ? 1u : 0u);
  const std::uint64_t key = slot(from.cls, to.cls, variant);
  LockEdgeRecord* r;
  if (dense_) {
    r = &wk.dense[key];
    if (witness >= r->witness) return;
  } else {
    auto it = wk.sparse.find(key);
    if (it != wk.sparse.end() && witness >= it->second.witness) return;
    r = it != wk.sparse.end() ? &it->second : &wk.sparse[key];
  }
  r->from_class = from.cls;
  r->to_class = to.cls;
  r->from_mode = h.mode;
  r->to_mode = e.mode;
  r->descending = desc;
  r->witness = witness;
  r->transition = transition;
  r->from_lock = h.lock;
  r->to_lock = e.lock;
}

std::vector<LockEdgeRecord> LockOrderRecorder::edges() const {
  std::map<std::uint64_t, LockEdgeRecord> best;  // slot -> record with the smallest witness
  auto offer = [&](std::uint64_t key, const LockEdgeRecord& r) {
    if (r.witness == LockEdgeRecord::kNoWitness) return;
    auto [it, fresh] = best.emplace(key, r);
    if (!fresh && r.witness < it->second.witness) it->second = r;
  };
  for (const Worker& wk : workers_) {
    for (std::size_t k = 0; k < wk.dense.size(); ++k) offer(k, wk.dense[k]);
    for (const auto& [k, r] : wk.sparse) offer(k, r);
  }
  std::vector<std::pair<std::uint64_t, LockEdgeRecord>> v(best.begin(), best.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second.witness < b.second.witness; });
  std::vector<LockEdgeRecord> out;
  out.reserve(v.size());
  for (auto& kv : v) out.push_back(kv.second);
  return out;
}

}  // namespace checker
