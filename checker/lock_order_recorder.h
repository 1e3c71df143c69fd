// checker: LockOrderRecorder, lockdep's edge recording during exploration. On every acquiring
// step (the request of a `rwsem queued`, the acquire otherwise; LANGUAGE.md §11) it notes an edge
// `held class -> acquired class` for each lock the acquiring process instance holds, keyed by
// (held class, acquired class, held mode, acquired mode, same-class-descending), and keeps the
// first witness: the smallest (state id, successor ordinal), ids being in BFS order. Each worker
// owns a table; the tables are merged by that minimum, so the result is the same for any number
// of workers. The hot path allocates nothing once an edge is known.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/compiled_stmt.h"

namespace checker {

// One recorded edge with its first witness.
struct LockEdgeRecord {
  static constexpr std::uint64_t kNoWitness = std::numeric_limits<std::uint64_t>::max();
  std::uint32_t from_class = 0, to_class = 0;  // indices into LockOrderRecorder::classes()
  ir::LockMode from_mode = ir::LockMode::Exclusive, to_mode = ir::LockMode::Exclusive;
  bool descending = false;  // same class: the acquired instance comes before the held one
  // The witness: the acquiring step is successor number `ordinal` of stored state `state`.
  std::uint64_t witness = kNoWitness;  // (state << 32) | ordinal
  std::uint32_t transition = 0;        // index into System::transitions
  std::int32_t from_lock = -1, to_lock = -1;  // lock instances
  std::uint32_t state() const { return static_cast<std::uint32_t>(witness >> 32); }
  std::uint32_t ordinal() const { return static_cast<std::uint32_t>(witness & 0xffffffffu); }
};

class LockOrderRecorder {
 public:
  LockOrderRecorder(const ir::System& sys, const Layout& layout, unsigned workers);

  // Lock classes in declaration order, and per lock instance its class and its position among
  // the instances of its class (index order).
  const std::vector<std::string>& classes() const { return classes_; }
  std::uint32_t class_of(std::size_t lock) const { return locks_[lock].cls; }
  std::uint32_t ordinal_of(std::size_t lock) const { return locks_[lock].ordinal; }

  // Called for every successor of `pre` (stored state `state`, successor number `ordinal`) by
  // worker `w`; x.events() are the step's lock events.
  void on_step(unsigned w, const std::uint64_t* pre, const Exec& x, std::uint32_t state, std::uint32_t ordinal) {
    if (x.events().empty() || !x.transition() || x.transition()->process < 0) return;
    record(workers_[w], pre, x, state, ordinal);
  }

  // Every edge, merged over the workers, in the order of first witness.
  std::vector<LockEdgeRecord> edges() const;

 private:
  struct LockInfo {
    std::uint32_t cls = 0;
    std::uint32_t ordinal = 0;
    bool queued = false;
    LeafRef owner;                  // 0 free, else an owner code (ir::LockInstance::owners)
    std::vector<std::int64_t> code_of;  // per process instance its owner code (-1: never)
    std::int64_t readers_leaf = -1;  // rwsem: first leaf of the readers set (one per instance)
  };
  struct Held {
    std::int32_t lock;
    ir::LockMode mode;
  };
  struct Worker {
    std::vector<LockEdgeRecord> dense;                         // small class counts
    std::unordered_map<std::uint64_t, LockEdgeRecord> sparse;  // otherwise
    std::vector<Held> held;                                    // scratch
  };
  void record(Worker& wk, const std::uint64_t* pre, const Exec& x, std::uint32_t state, std::uint32_t ordinal);
  void note(Worker& wk, const Held& h, const LockEv& e, std::uint32_t transition, std::uint64_t witness);
  std::uint64_t slot(std::uint32_t from, std::uint32_t to, unsigned variant) const {
    return (static_cast<std::uint64_t>(from) * classes_.size() + to) * 8 + variant;
  }

  const ir::System& sys_;
  const Layout& layout_;
  std::vector<std::string> classes_;
  std::vector<LockInfo> locks_;
  bool dense_ = true;
  std::vector<Worker> workers_;
};

}  // namespace checker
