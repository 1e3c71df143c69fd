// checker: StateStore, the visited set: states numbered in BFS order (ids) in an arena, each
// with its parent id, and an open-addressing hash table: of whole packed states (exact,
// "compact": the state itself in the slot, marked by a bit no leaf uses; one cache miss per
// lookup), of ids into the arena with a hash tag (exact, when no bit is free), or of 64-bit
// fingerprints (--fingerprint: the arena then keeps only states not yet expanded, and traces
// are rebuilt by re-execution from an initial state). Every allocation is checked
// against a memory budget first, so a run stops cleanly instead of being OOM-killed.
// Lookups may run concurrently with each other; inserts are single-threaded (between phases),
// except that state(id) of an already published id may be read while another thread appends.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace checker {

// A zero-initialised array in its own anonymous mapping (transparent huge pages requested
// for large ones: the visited set is accessed at random). Empty when allocation failed.
template <class T>
class BigArray {
 public:
  BigArray() = default;
  explicit BigArray(std::size_t n);
  ~BigArray();
  BigArray(BigArray&& o) noexcept : p_(o.p_), bytes_(o.bytes_) { o.p_ = nullptr; o.bytes_ = 0; }
  BigArray& operator=(BigArray&& o) noexcept {
    std::swap(p_, o.p_);
    std::swap(bytes_, o.bytes_);
    return *this;
  }
  BigArray(const BigArray&) = delete;
  BigArray& operator=(const BigArray&) = delete;
  explicit operator bool() const { return p_ != nullptr; }
  T& operator[](std::size_t i) { return p_[i]; }
  const T& operator[](std::size_t i) const { return p_[i]; }
  T* get() const { return p_; }

 private:
  T* p_ = nullptr;
  std::size_t bytes_ = 0;
};

std::uint64_t hash_state(const std::uint64_t* s, std::uint32_t words);

class StateStore {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  // marker_bit: a bit (word * 64 + bit) that no leaf uses, or -1.
  StateStore(std::uint32_t words, bool fingerprint, std::uint64_t memory_limit, int marker_bit = -1);

  // kNone if s (with hash h) is not stored; otherwise its id, or (compact mode) kFound.
  static constexpr std::uint32_t kFound = 0xfffffffeu;
  std::uint32_t find(const std::uint64_t* s, std::uint64_t h) const;
  bool contains(const std::uint64_t* s, std::uint64_t h) const { return find(s, h) != kNone; }
  // True if s is stored state `id`.
  bool matches(std::uint32_t id, const std::uint64_t* s) const;
  enum class Insert { New, Existing, OutOfMemory, TooMany };
  // Inserts s; *id receives the new or existing id.
  Insert insert(const std::uint64_t* s, std::uint64_t h, std::uint32_t parent, std::uint32_t* id);

  // Prefetch hints for a coming find/insert of hash h: the table slot, then (a few lookups
  // later) the state the slot points to.
  void prefetch_slot(std::uint64_t h) const {
    std::uint64_t i = h & (cap_ - 1);
    if (compact_) {
      __builtin_prefetch(&slots_[i * words_]);
      return;
    }
    __builtin_prefetch(&ids_[i]);  // ids_ hold id + 1 (0 = empty)
    if (fingerprint_)
      __builtin_prefetch(&fps_[i]);
    else
      __builtin_prefetch(&tags_[i]);
  }
  void prefetch_state(std::uint64_t h) const {
    if (fingerprint_ || compact_) return;
    std::uint32_t e = ids_[h & (cap_ - 1)];
    if (e != 0 && chunks_[(e - 1) >> kChunkBits]) __builtin_prefetch(state(e - 1));
  }

  // Parallel insertion (compact mode only): the table is split into regions() contiguous
  // regions and probing wraps within a region, so workers owning disjoint regions may call
  // insert_slot concurrently. reserve() first (single-threaded), then insert_slot (true if
  // the state is new), then append() the new states in order (single-threaded).
  bool compact() const { return compact_; }
  // `par(job)` runs job(w) for w in 0..workers-1 in parallel (the table is rehashed by
  // regions when it grows); empty: single-threaded.
  using ParallelFor = std::function<void(const std::function<void(unsigned)>&)>;
  bool reserve(std::uint64_t n, const ParallelFor& par = {}, unsigned workers = 1);
  std::uint64_t regions() const { return cap_ / (rmask_ + 1); }
  std::uint64_t region_of(std::uint64_t h) const { return (h & (cap_ - 1)) / (rmask_ + 1); }
  bool insert_slot(const std::uint64_t* s, std::uint64_t h);
  Insert append(const std::uint64_t* s, std::uint32_t parent, std::uint32_t* id);

  // A stored state (exact mode: any id; fingerprint mode: ids >= released()).
  const std::uint64_t* state(std::uint32_t id) const {
    return chunks_[id >> kChunkBits].get() + static_cast<std::size_t>(id & kChunkMask) * words_;
  }
  bool has_state(std::uint32_t id) const { return id < size_ && chunks_[id >> kChunkBits] != nullptr; }
  std::uint32_t parent(std::uint32_t id) const { return parents_[id >> kChunkBits][id & kChunkMask]; }
  std::uint32_t size() const { return size_; }
  bool fingerprint() const { return fingerprint_; }
  // Fingerprint mode: frees the arena's states of ids below `id` (expanded).
  void release_below(std::uint32_t id);
  // Bytes currently allocated by the store.
  std::uint64_t bytes() const { return bytes_; }
  std::uint64_t memory_limit() const { return limit_; }
  // Reserve budget for other buffers (frontier outputs); false if over the limit.
  bool charge(std::int64_t delta);

 private:
  static constexpr std::uint32_t kChunkBits = 16;
  static constexpr std::uint32_t kChunkMask = (1u << kChunkBits) - 1;
  bool grow(const ParallelFor* par = nullptr, unsigned workers = 1);
  bool equal(std::uint32_t id, const std::uint64_t* s) const;
  bool slot_equal(const std::uint64_t* slot, const std::uint64_t* s) const {
    bool eq = true;
    for (std::uint32_t k = 0; k < words_; ++k) eq &= slot[k] == (k == mword_ ? (s[k] | mbit_) : s[k]);
    return eq;
  }
  std::uint32_t words_;
  bool fingerprint_;
  bool compact_ = false;        // exact mode with the states in the slots
  std::uint32_t mword_ = 0;     // compact: the marker's word and bit
  std::uint64_t mbit_ = 0;
  BigArray<std::uint64_t> slots_;  // compact: words_ per slot (marker set = occupied)
  std::uint64_t rmask_ = 0;        // compact: slots per region - 1
  static std::uint64_t regions_for(std::uint64_t cap);
  std::uint64_t limit_;
  std::uint64_t bytes_ = 0;
  std::int64_t extra_ = 0;
  std::uint32_t size_ = 0;
  std::vector<std::unique_ptr<std::uint64_t[]>> chunks_;
  std::vector<std::unique_ptr<std::uint32_t[]>> parents_;
  // table: cap_ slots; ids_ (id + 1, 0 = empty) and tags_ (hash high bits) or fps_
  std::uint64_t cap_ = 0;
  BigArray<std::uint32_t> ids_;
  BigArray<std::uint32_t> tags_;   // exact mode with an arena
  BigArray<std::uint64_t> fps_;    // fingerprint mode
};

// Total physical memory and the default budget (80% of RAM, within any cgroup limit).
std::uint64_t default_memory_limit();

}  // namespace checker
