// checker: StateStore (state_store.h): chunked state arena, parent links, linear-probing hash
// table of ids (exact) or fingerprints, with a memory budget checked before every growth.
#include "checker/state_store.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <new>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

namespace checker {

namespace {
inline std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
inline std::uint64_t fmix(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}
}  // namespace

std::uint64_t hash_state(const std::uint64_t* s, std::uint32_t words) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ words;
  for (std::uint32_t i = 0; i < words; ++i) h = rotl((h ^ s[i]) * 0x87c37b91114253d5ULL, 29);
  return fmix(h);
}

template <class T>
BigArray<T>::BigArray(std::size_t n) {
  std::size_t bytes = std::max<std::size_t>(1, n) * sizeof(T);
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  bytes = bytes >= kHuge ? (bytes + kHuge - 1) / kHuge * kHuge : (bytes + 4095) / 4096 * 4096;
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return;
  if (bytes >= kHuge) madvise(p, bytes, MADV_HUGEPAGE);
  p_ = static_cast<T*>(p);
  bytes_ = bytes;
}

template <class T>
BigArray<T>::~BigArray() {
  if (p_) munmap(p_, bytes_);
}

template class BigArray<std::uint32_t>;
template class BigArray<std::uint64_t>;

namespace {
constexpr std::uint32_t kMaxCompactWords = 8;
}

StateStore::StateStore(std::uint32_t words, bool fingerprint, std::uint64_t memory_limit, int marker_bit)
    : words_(words), fingerprint_(fingerprint), limit_(memory_limit) {
  // Room for every chunk a 32-bit id space needs: appending never moves the chunk tables, so
  // stored states can be read while new ones are appended (the pipelined explorer).
  chunks_.reserve((std::size_t{1} << 32) >> kChunkBits);
  parents_.reserve((std::size_t{1} << 32) >> kChunkBits);
  cap_ = 1024;
  compact_ = !fingerprint_ && words_ <= kMaxCompactWords && marker_bit >= 0 &&
             static_cast<std::uint32_t>(marker_bit) < words_ * 64;
  if (compact_) {
    mword_ = static_cast<std::uint32_t>(marker_bit) / 64;
    mbit_ = std::uint64_t{1} << (marker_bit % 64);
    rmask_ = cap_ / regions_for(cap_) - 1;
    slots_ = BigArray<std::uint64_t>(cap_ * words_);
    bytes_ += cap_ * words_ * 8;
  } else {
    ids_ = BigArray<std::uint32_t>(cap_);
    if (fingerprint_) {
      fps_ = BigArray<std::uint64_t>(cap_);
      bytes_ += cap_ * 12;
    } else {
      tags_ = BigArray<std::uint32_t>(cap_);
      bytes_ += cap_ * 8;
    }
  }
  if (!(compact_ ? static_cast<bool>(slots_) : static_cast<bool>(ids_))) throw std::bad_alloc();
}

bool StateStore::charge(std::int64_t delta) {
  if (delta > 0 && bytes_ + static_cast<std::uint64_t>(extra_ + delta) > limit_) return false;
  extra_ += delta;
  return true;
}

bool StateStore::equal(std::uint32_t id, const std::uint64_t* s) const {
  const std::uint64_t* t = state(id);
  for (std::uint32_t i = 0; i < words_; ++i)
    if (t[i] != s[i]) return false;
  return true;
}

bool StateStore::matches(std::uint32_t id, const std::uint64_t* s) const {
  if (id >= size_) return false;
  if (has_state(id)) return equal(id, s);
  return find(s, hash_state(s, words_)) == id;
}

std::uint32_t StateStore::find(const std::uint64_t* s, std::uint64_t h) const {
  std::uint64_t mask = cap_ - 1;
  std::uint64_t i = h & mask;
  if (compact_) {
    for (;;) {
      const std::uint64_t* slot = &slots_[i * words_];
      if (!(slot[mword_] & mbit_)) return kNone;
      if (slot_equal(slot, s)) return kFound;
      i = (i & ~rmask_) | ((i + 1) & rmask_);
    }
  }
  if (fingerprint_) {
    std::uint64_t fp = h ? h : 1;
    for (;;) {
      std::uint32_t e = ids_[i];
      if (e == 0) return kNone;
      if (fps_[i] == fp) return e - 1;
      i = (i + 1) & mask;
    }
  }
  std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
  for (;;) {
    std::uint32_t e = ids_[i];
    if (e == 0) return kNone;
    if (tags_[i] == tag && equal(e - 1, s)) return e - 1;
    i = (i + 1) & mask;
  }
}

bool StateStore::grow(const ParallelFor* par, unsigned workers) {
  std::uint64_t ncap = cap_ * 2;
  std::uint64_t per = compact_ ? words_ * 8 : (fingerprint_ ? 12 : 8);
  std::uint64_t add = ncap * per;
  if (bytes_ + static_cast<std::uint64_t>(std::max<std::int64_t>(0, extra_)) + add > limit_) return false;
  std::uint64_t mask = ncap - 1;
  if (compact_) {
    BigArray<std::uint64_t> ns(ncap * words_);
    if (!ns) return false;
    std::uint64_t nrmask = ncap / regions_for(ncap) - 1;
    // Old slots in order, each into its new region: the same layout for any number of
    // workers (each worker owns the new regions r with r % workers == w).
    unsigned nw = par && *par && regions_for(ncap) > 1 ? workers : 1;
    auto job = [&](unsigned w) {
      std::uint64_t tmp[kMaxCompactWords];
      for (std::uint64_t k = 0; k < cap_; ++k) {
        const std::uint64_t* slot = &slots_[k * words_];
        if (!(slot[mword_] & mbit_)) continue;
        std::memcpy(tmp, slot, words_ * 8);
        tmp[mword_] &= ~mbit_;
        std::uint64_t i = hash_state(tmp, words_) & mask;
        if ((i / (nrmask + 1)) % nw != w) continue;
        while (ns[i * words_ + mword_] & mbit_) i = (i & ~nrmask) | ((i + 1) & nrmask);
        std::memcpy(&ns[i * words_], slot, words_ * 8);
      }
    };
    if (nw > 1)
      (*par)(job);
    else
      job(0);
    slots_ = std::move(ns);
    rmask_ = nrmask;
  } else {
    BigArray<std::uint32_t> nids(ncap);
    if (!nids) return false;
    if (fingerprint_) {
      BigArray<std::uint64_t> nfps(ncap);
      if (!nfps) return false;
      for (std::uint64_t k = 0; k < cap_; ++k) {
        if (ids_[k] == 0) continue;
        std::uint64_t i = fps_[k] & mask;
        while (nids[i] != 0) i = (i + 1) & mask;
        nids[i] = ids_[k];
        nfps[i] = fps_[k];
      }
      fps_ = std::move(nfps);
    } else {
      BigArray<std::uint32_t> ntags(ncap);
      if (!ntags) return false;
      for (std::uint64_t k = 0; k < cap_; ++k) {
        if (ids_[k] == 0) continue;
        std::uint64_t i = hash_state(state(ids_[k] - 1), words_) & mask;
        while (nids[i] != 0) i = (i + 1) & mask;
        nids[i] = ids_[k];
        ntags[i] = tags_[k];
      }
      tags_ = std::move(ntags);
    }
    ids_ = std::move(nids);
  }
  bytes_ += add - cap_ * per;
  cap_ = ncap;
  return true;
}

StateStore::Insert StateStore::insert(const std::uint64_t* s, std::uint64_t h, std::uint32_t parent,
                                      std::uint32_t* id) {
  if ((static_cast<std::uint64_t>(size_) + 1) * 10 > cap_ * 7) {
    if (!grow() && (static_cast<std::uint64_t>(size_) + 1) * 10 > cap_ * 9) return Insert::OutOfMemory;
  }
  std::uint64_t mask = cap_ - 1;
  std::uint64_t i = h & mask;
  std::uint64_t fp = h ? h : 1;
  std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
  for (;;) {
    if (compact_) {
      const std::uint64_t* slot = &slots_[i * words_];
      if (!(slot[mword_] & mbit_)) break;
      if (slot_equal(slot, s)) {
        *id = kFound;
        return Insert::Existing;
      }
    } else {
      std::uint32_t e = ids_[i];
      if (e == 0) break;
      if (fingerprint_ ? fps_[i] == fp : (tags_[i] == tag && equal(e - 1, s))) {
        *id = e - 1;
        return Insert::Existing;
      }
    }
    i = compact_ ? ((i & ~rmask_) | ((i + 1) & rmask_)) : ((i + 1) & mask);
  }
  // New state: into the arena first (which may refuse it), then into the table.
  Insert r = append(s, parent, id);
  if (r != Insert::New) return r;
  std::uint32_t n = *id;
  if (compact_) {
    std::uint64_t* slot = &slots_[i * words_];
    std::memcpy(slot, s, sizeof(std::uint64_t) * words_);
    slot[mword_] |= mbit_;
  } else {
    ids_[i] = n + 1;
    if (fingerprint_)
      fps_[i] = fp;
    else
      tags_[i] = tag;
  }
  return Insert::New;
}

std::uint64_t StateStore::regions_for(std::uint64_t cap) {
  std::uint64_t r = cap / (std::uint64_t{1} << 16);
  if (r < 1) r = 1;
  if (r > 64) r = 64;
  std::uint64_t p = 1;
  while (p * 2 <= r) p *= 2;
  return p;
}

bool StateStore::reserve(std::uint64_t n, const ParallelFor& par, unsigned workers) {
  while ((static_cast<std::uint64_t>(size_) + n) * 10 > cap_ * 7)
    if (!grow(&par, workers)) return false;
  return true;
}

bool StateStore::insert_slot(const std::uint64_t* s, std::uint64_t h) {
  std::uint64_t i = h & (cap_ - 1);
  for (std::uint64_t probes = 0; probes <= rmask_; ++probes) {
    std::uint64_t* slot = &slots_[i * words_];
    if (!(slot[mword_] & mbit_)) {
      std::memcpy(slot, s, sizeof(std::uint64_t) * words_);
      slot[mword_] |= mbit_;
      return true;
    }
    if (slot_equal(slot, s)) return false;
    i = (i & ~rmask_) | ((i + 1) & rmask_);
  }
  return false;  // a full region cannot happen below the load limit reserve() keeps
}

StateStore::Insert StateStore::append(const std::uint64_t* s, std::uint32_t parent, std::uint32_t* id) {
  if (size_ >= kNone - 1) return Insert::TooMany;
  std::uint32_t n = size_;
  if ((n & kChunkMask) == 0) {
    std::uint64_t add = (static_cast<std::uint64_t>(words_) * 8 + 4) << kChunkBits;
    if (bytes_ + static_cast<std::uint64_t>(std::max<std::int64_t>(0, extra_)) + add > limit_) return Insert::OutOfMemory;
    std::unique_ptr<std::uint64_t[]> c(new (std::nothrow) std::uint64_t[static_cast<std::size_t>(words_) << kChunkBits]);
    std::unique_ptr<std::uint32_t[]> p(new (std::nothrow) std::uint32_t[std::size_t{1} << kChunkBits]);
    if (!c || !p) return Insert::OutOfMemory;
    chunks_.push_back(std::move(c));
    parents_.push_back(std::move(p));
    bytes_ += add;
  }
  std::memcpy(chunks_[n >> kChunkBits].get() + static_cast<std::size_t>(n & kChunkMask) * words_, s,
              sizeof(std::uint64_t) * words_);
  parents_[n >> kChunkBits][n & kChunkMask] = parent;
  ++size_;
  *id = n;
  return Insert::New;
}

void StateStore::release_below(std::uint32_t id) {
  if (!fingerprint_) return;
  std::uint32_t full = id >> kChunkBits;  // chunks entirely below id
  for (std::uint32_t k = 0; k < full && k < chunks_.size(); ++k) {
    if (!chunks_[k]) continue;
    chunks_[k].reset();
    bytes_ -= static_cast<std::uint64_t>(words_) * 8 << kChunkBits;
  }
}

std::uint64_t default_memory_limit() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page = sysconf(_SC_PAGE_SIZE);
  std::uint64_t total = (pages > 0 && page > 0) ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
                                                : (std::uint64_t{4} << 30);
  for (const char* path : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    std::ifstream in(path);
    std::string v;
    if (in >> v && !v.empty() && v != "max") {
      try {
        std::uint64_t lim = std::stoull(v);
        if (lim > 0 && lim < total) total = lim;
      } catch (...) {
      }
    }
  }
  return total / 10 * 8;
}

}  // namespace checker
