// checker: the BFS explorer behind checker::check: level by level; each level's frontier is
// split into chunks that workers expand in parallel (phase 1: successors, checks, lookups in
// the read-only visited set), then the main thread inserts the new states in chunk order
// (phase 2), so ids, parents (the minimal (parent, successor ordinal)), counts and chosen
// counterexamples are the same for any number of workers.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <mutex>
#include <thread>

#include "checker/check.h"
#include "checker/found.h"
#include "checker/lock_order_analysis.h"
#include "checker/lock_order_recorder.h"
#include "checker/program.h"
#include "checker/state_store.h"
#include "checker/trace_builder.h"
#include "report/trace_model.h"

namespace checker {

const char* vkind_name(VKind k) {
  switch (k) {
    case VKind::RuntimeError:
      return "runtime_error";
    case VKind::Invariant:
      return "invariant";
    case VKind::Assert:
      return "assert";
    case VKind::HeldAtExit:
      return "held_at_exit";
    case VKind::Deadlock:
      return "deadlock";
  }
  return "?";
}

std::uint64_t default_memory_budget() { return default_memory_limit(); }

namespace {

using Clock = std::chrono::steady_clock;

// The highest bit of the packed state that no leaf uses (the store's occupancy marker), or -1.
int free_bit(const ir::System& sys, std::uint32_t words) {
  std::vector<std::uint64_t> used(words, 0);
  for (const ir::Leaf& l : sys.leaves)
    for (std::uint32_t b = l.offset; b < l.offset + l.width && b / 64 < words; ++b) used[b / 64] |= std::uint64_t{1} << (b % 64);
  for (int b = static_cast<int>(words) * 64 - 1; b >= 0; --b)
    if (!(used[static_cast<std::size_t>(b) / 64] & (std::uint64_t{1} << (b % 64)))) return b;
  return -1;
}

std::string rt_message(const ir::System& sys, const RtError& e) {
  std::string m = !e.detail.empty() ? e.detail : (e.category ? e.category : "error");
  if (e.span.valid()) m += " (" + sys.location(e.span) + ")";
  return m;
}

struct ChunkOut {
  std::vector<std::uint64_t> states;
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> parents;
  std::vector<std::uint32_t> ordinals;
  std::vector<std::uint8_t> fresh;  // phase 2 (parallel): the candidate is a new state
  FoundSet found;
  std::uint64_t transitions = 0;
  void clear() {
    states.clear();
    hashes.clear();
    parents.clear();
    ordinals.clear();
    found.items.clear();
    transitions = 0;
  }
  std::uint64_t bytes() const {
    return states.capacity() * 8 + hashes.capacity() * 8 + parents.capacity() * 4 + ordinals.capacity() * 4;
  }
  // Compaction in place: candidate k moves down to slot `to` (to <= k), then only the first n
  // candidates are kept.
  void move_to(std::size_t k, std::size_t to, std::size_t words) {
    if (to == k) return;
    std::copy_n(states.begin() + static_cast<std::ptrdiff_t>(k * words), words,
                states.begin() + static_cast<std::ptrdiff_t>(to * words));
    hashes[to] = hashes[k];
    parents[to] = parents[k];
    ordinals[to] = ordinals[k];
  }
  void keep_first(std::size_t n, std::size_t words) {
    states.resize(n * words);
    hashes.resize(n);
    parents.resize(n);
    ordinals.resize(n);
  }
};

// A fixed pool of worker threads running one job at a time (the caller is worker 0).
class Pool {
 public:
  explicit Pool(unsigned n) : n_(n) {
    for (unsigned w = 1; w < n; ++w) threads_.emplace_back([this, w] { loop(w); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> g(m_);
      quit_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  template <class F>
  void run(F&& f) {
    std::function<void(unsigned)> job = std::forward<F>(f);
    {
      std::lock_guard<std::mutex> g(m_);
      job_ = &job;
      running_ = n_ - 1;
      ++gen_;
    }
    cv_.notify_all();
    guarded(0);
    std::unique_lock<std::mutex> l(m_);
    done_.wait(l, [this] { return running_ == 0; });
    job_ = nullptr;
    if (error_) {
      auto e = error_;
      error_ = nullptr;
      std::rethrow_exception(e);
    }
  }

 private:
  void guarded(unsigned w) {
    try {
      (*job_)(w);
    } catch (...) {
      std::lock_guard<std::mutex> g(m_);
      if (!error_) error_ = std::current_exception();
    }
  }
  void loop(unsigned w) {
    std::uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> l(m_);
        cv_.wait(l, [&] { return quit_ || gen_ != seen; });
        if (quit_) return;
        seen = gen_;
      }
      guarded(w);
      {
        std::lock_guard<std::mutex> g(m_);
        --running_;
      }
      done_.notify_all();
    }
  }
  unsigned n_;
  std::vector<std::thread> threads_;
  std::mutex m_;
  std::condition_variable cv_, done_;
  std::function<void(unsigned)>* job_ = nullptr;
  std::uint64_t gen_ = 0;
  unsigned running_ = 0;
  bool quit_ = false;
  std::exception_ptr error_;
};

class Explorer;

// Receives the outcomes of expanding one state.
struct ExpandSink : Sink {
  Explorer* ex = nullptr;
  Program* prog = nullptr;
  ChunkOut* out = nullptr;
  const std::uint64_t* pre = nullptr;
  std::uint32_t parent = 0;
  std::uint32_t ordinal = 0;
  std::uint32_t depth = 0;
  unsigned worker = 0;
  bool any = false;
  void successor(Exec& x) override;
  void error(Exec& x) override;
};

class Explorer {
 public:
  Explorer(const ir::System& sys, const CheckOptions& opt, unsigned workers)
      : sys_(sys), opt_(opt), layout_(sys), words_(std::max<std::uint32_t>(1, sys.state_words)),
        store_(words_, opt.fingerprint, opt.memory ? opt.memory : default_memory_limit(), free_bit(sys, words_)),
        covered_(new std::atomic<std::uint8_t>[std::max<std::size_t>(1, sys.covers.size())]) {
    for (std::size_t i = 0; i < sys.covers.size(); ++i) covered_[i] = 0;
    if (opt.compile) {
      native_ = NativeModule::build(sys, &native_note_, &native_why_);
      if (!native_) native_why_ = "--compile: " + native_why_ + "; running interpreted";
      start_ = last_progress_ = Clock::now();  // the build time is in the note, not in `seconds`
    }
    for (unsigned w = 0; w < workers; ++w) programs_.push_back(std::make_unique<Program>(sys, layout_, native_.get()));
    workers_ = workers;
    deadlock_ = sys.check_deadlock && !opt.no_deadlock;
    if (workers > 1) {
      pool_ = std::make_unique<Pool>(workers);
      recent_.assign(workers, std::vector<std::uint64_t>(kRecent * (words_ + 1), 0));
    }
    if (!sys.locks.empty()) lock_order_ = std::make_unique<LockOrderRecorder>(sys, layout_, workers);
  }

  CheckResult run();

  // --- used by ExpandSink
  void check_state(Program& p, const std::uint64_t* s, Found::Where where, std::uint32_t a, std::uint32_t b,
                   std::uint32_t length, FoundSet& out, const std::uint64_t* explicit_state);
  void offer_rt(FoundSet& out, const RtError& e, Found::Where where, std::uint32_t a, std::uint32_t b, std::uint32_t length,
                const std::uint64_t* explicit_state) {
    std::string name = e.category ? e.category : "error";
    if (!out.wants(VKind::RuntimeError, name, length, where, a, b)) return;
    Found f;
    f.kind = VKind::RuntimeError;
    f.name = name;
    f.length = length;
    f.where = where;
    f.a = a;
    f.b = b;
    f.message = rt_message(sys_, e);
    f.location = e.span.valid() ? sys_.location(e.span) : "";
    if (explicit_state) f.state.assign(explicit_state, explicit_state + words_);
    out.offer(std::move(f));
  }
  bool constraints_hold(Program& p, const std::uint64_t* s, RtError* err, bool* failed) {
    *failed = false;
    for (std::size_t i = 0; i < sys_.constraints.size(); ++i) {
      bool v;
      if (!p.eval(p.constraint(i), s, &v, err)) {
        *failed = true;
        return false;
      }
      if (!v) return false;
    }
    return true;
  }
  const ir::System& sys_;
  const CheckOptions& opt_;
  Layout layout_;
  std::uint32_t words_;
  StateStore store_;
  std::unique_ptr<std::atomic<std::uint8_t>[]> covered_;
  std::unique_ptr<NativeModule> native_;  // --compile (before programs_: they point into it)
  std::string native_note_, native_why_;
  std::vector<std::unique_ptr<Program>> programs_;
  unsigned workers_ = 1;
  bool deadlock_ = true;
  std::vector<ChunkOut> outs_;
  FoundSet found_;
  std::vector<std::uint32_t> level_start_;
  std::atomic<std::uint64_t> generated_{0};
  std::unique_ptr<Pool> pool_;
  bool direct_ = false;               // one worker, no state/depth limit: filter() inserts
  const char* direct_stop_ = nullptr;  // why direct insertion stopped (memory)
  std::unique_ptr<LockOrderRecorder> lock_order_;  // lockdep edges (lock_order_recorder.h)

 private:
  // Drops the candidates from index `from` on that are already stored or outside the
  // constraints (checking those), keeping the others in order.
  void filter(unsigned w, Program& p, ChunkOut& out, std::uint32_t depth, std::size_t from);
  // Several workers: per worker, a small direct-mapped cache of the candidates it kept at this
  // level ([hash, state...] entries). A worker takes chunks in increasing order, so a repeat it
  // finds there is a later copy of a kept candidate: dropping it leaves phase 2 the same first
  // copy (in (parent, ordinal) order) and saves its insertion probe, a cache miss.
  static constexpr std::size_t kRecent = std::size_t{1} << 15;
  std::vector<std::vector<std::uint64_t>> recent_;
  // True if state s (hash h) is in the worker's cache `recent`; else records it there.
  bool repeat(std::uint64_t* recent, std::uint64_t h, const std::uint64_t* s) const {
    if (h == 0) return false;  // 0 marks an empty entry
    std::uint64_t* e = recent + ((h >> 40) & (kRecent - 1)) * (words_ + 1);
    if (e[0] == h && std::equal(s, s + words_, e + 1)) return true;
    e[0] = h;
    std::copy(s, s + words_, e + 1);
    return false;
  }
  template <class Stop>
  void insert_parallel(std::uint64_t total, Stop& stop);
  void phase1(std::uint32_t lo, std::uint32_t hi, std::uint32_t depth, bool expand);
  // Several workers, no limits: worker `workers - 1` inserts each chunk's successors in chunk
  // order (the same order, so the same ids, as one worker) while the others expand the next
  // chunks; when the chunk it needs is not ready it expands a later one itself.
  void phase_pipelined(std::uint32_t lo, std::uint32_t hi, std::uint32_t depth);
  bool pipelined_ = false;  // process_chunk: expand only, the inserter filters
  std::uint64_t prev_expanded_ = 0, prev_new_ = 0;  // the last level: states expanded, new states
  // Pipelined expanders: drop the later copies of candidates this worker already produced at
  // this level (recent_), so the inserter probes the table for fewer duplicates.
  void drop_repeats(unsigned w, ChunkOut& out);
  // Pipelined: successor buffers the inserter is done with, reused by the expanders (no
  // fresh pages per chunk, and memory bounded by the chunks in flight).
  std::mutex spare_m_;
  std::vector<ChunkOut> spare_;
  void process_chunk(unsigned w, std::size_t chunk, std::uint32_t lo, std::uint32_t hi, std::uint32_t depth, bool expand);
  void maybe_progress(std::uint32_t depth, std::uint64_t queue, bool force);
  bool all_finished(Program& p, const std::uint64_t* s) const {
    if (sys_.processes.empty()) return false;
    for (std::size_t i = 0; i < sys_.processes.size(); ++i)
      if (p.pc(s, i) != sys_.processes[i].end_pc) return false;
    return true;
  }
  double cpu_phase1_ = 0, cpu_phase2_ = 0;
  double prof_reserve_ = 0, prof_insert_ = 0, prof_append_ = 0;  // WEFT_PROFILE: phase 2 parts
  static double thread_cpu() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_progress_ = Clock::now();
  std::size_t chunk_size_ = 64;
};

void Explorer::check_state(Program& p, const std::uint64_t* s, Found::Where where, std::uint32_t a, std::uint32_t b,
                           std::uint32_t length, FoundSet& out, const std::uint64_t* explicit_state) {
  for (std::size_t i = 0; i < sys_.invariants.size(); ++i) {
    bool v;
    RtError err;
    if (!p.eval(p.invariant(i), s, &v, &err)) {
      offer_rt(out, err, where, a, b, length, explicit_state);
      continue;
    }
    if (v) continue;
    const ir::NamedPredicate& inv = sys_.invariants[i];
    if (!out.wants(VKind::Invariant, inv.name, length, where, a, b)) continue;
    Found f;
    f.kind = VKind::Invariant;
    f.name = inv.name;
    f.length = length;
    f.where = where;
    f.a = a;
    f.b = b;
    f.message = "invariant " + inv.name + " is violated";
    f.location = inv.span.valid() ? sys_.location(inv.span) : "";
    if (explicit_state) f.state.assign(explicit_state, explicit_state + words_);
    out.offer(std::move(f));
  }
  for (std::size_t i = 0; i < sys_.covers.size(); ++i) {
    if (covered_[i].load(std::memory_order_relaxed)) continue;
    bool v;
    RtError err;
    if (!p.eval(p.cover(i), s, &v, &err))
      offer_rt(out, err, where, a, b, length, explicit_state);
    else if (v)
      covered_[i].store(1, std::memory_order_relaxed);
  }
}

void ExpandSink::successor(Exec& x) {
  std::uint32_t ord = ordinal++;
  any = true;
  ++out->transitions;
  const std::uint64_t* s = x.ctx().cur;
  const ir::System& sys = ex->sys_;
  for (const AssertFail& af : x.asserts()) {
    const ir::Stmt* st = af.stmt;
    std::string name = st->property.empty() ? "assert@" + sys.location(st->span) : st->property;
    if (!out->found.wants(VKind::Assert, name, depth, Found::Step, parent, ord)) continue;
    Found f;
    f.kind = VKind::Assert;
    f.name = name;
    f.length = depth;
    f.where = Found::Step;
    f.a = parent;
    f.b = ord;
    f.message = st->message.empty() ? "assertion failed" : st->message;
    f.location = st->span.valid() ? sys.location(st->span) : "";
    out->found.offer(std::move(f));
  }
  const ir::Transition* t = x.transition();
  if (sys.check_held_at_exit && t->process >= 0) {
    std::size_t p = static_cast<std::size_t>(t->process);
    std::int64_t end = sys.processes[p].end_pc;
    if (prog->pc(s, p) == end && prog->pc(pre, p) != end) {
      for (std::size_t l = 0; l < sys.locks.size(); ++l) {
        if (!prog->holds(s, l, t->process)) continue;
        if (!out->found.wants(VKind::HeldAtExit, "held_at_exit", depth, Found::Step, parent, ord)) break;
        Found f;
        f.kind = VKind::HeldAtExit;
        f.name = "held_at_exit";
        f.length = depth;
        f.where = Found::Step;
        f.a = parent;
        f.b = ord;
        f.message = sys.processes[p].name + " finished holding " + sys.locks[l].name;
        f.location = t->span.valid() ? sys.location(t->span) : "";
        out->found.offer(std::move(f));
        break;
      }
    }
  }
  // Lock-order edges (lockdep): this step's lock events against the locks held in `pre`.
  if (ex->lock_order_) ex->lock_order_->on_step(worker, pre, x, parent, ord);
  // The visited-set lookup is deferred to Explorer::filter (batched, with prefetching).
  out->states.insert(out->states.end(), s, s + ex->words_);
  out->hashes.push_back(hash_state(s, ex->words_));
  out->parents.push_back(parent);
  out->ordinals.push_back(ord);
}

void ExpandSink::error(Exec& x) {
  std::uint32_t ord = ordinal++;
  any = true;
  ex->offer_rt(out->found, x.ctx().err, Found::Step, parent, ord, depth, nullptr);
}

void Explorer::process_chunk(unsigned w, std::size_t chunk, std::uint32_t lo, std::uint32_t hi, std::uint32_t depth,
                             bool expand) {
  Program& p = *programs_[w];
  ChunkOut& out = outs_[chunk];
  out.clear();
  ExpandSink sink;
  sink.ex = this;
  sink.prog = &p;
  sink.worker = w;
  sink.out = &out;
  sink.depth = depth;
  std::size_t filtered = 0;  // candidates before this index are filtered already
  for (std::uint32_t id = lo; id < hi; ++id) {
    if (expand && !pipelined_ && out.hashes.size() - filtered >= 1024) {
      filter(w, p, out, depth, filtered);
      filtered = out.hashes.size();
    }
    const std::uint64_t* s = store_.state(id);
    check_state(p, s, Found::Stored, id, 0, depth, out.found, nullptr);
    if (!expand) continue;
    sink.pre = s;
    sink.parent = id;
    sink.ordinal = 0;
    sink.any = false;
    p.expand(s, sink);
    if (!sink.any && deadlock_ && !all_finished(p, s) &&
        out.found.wants(VKind::Deadlock, "deadlock", depth, Found::Stored, id, 0)) {
      Found f;
      f.kind = VKind::Deadlock;
      f.name = "deadlock";
      f.length = depth;
      f.where = Found::Stored;
      f.a = id;
      f.message = "deadlock: no step is enabled";
      out.found.offer(std::move(f));
    }
  }
  if (expand && !pipelined_) filter(w, p, out, depth, filtered);
  if (expand && pipelined_) drop_repeats(w, out);
  generated_.fetch_add(out.transitions, std::memory_order_relaxed);
}

// Phase 2 with several workers (compact store): each worker inserts the candidates whose
// table region it owns, in candidate order (so the first occurrence wins, as sequentially);
// then the new states get their ids in candidate order.
template <class Stop>
void Explorer::insert_parallel(std::uint64_t total, Stop& stop) {
  StateStore::ParallelFor par = [this](const std::function<void(unsigned)>& job) { pool_->run(job); };
  double ta = thread_cpu();
  if (!store_.reserve(total, par, workers_)) return stop("--memory budget reached");
  double tb = thread_cpu();
  prof_reserve_ += tb - ta;
  for (ChunkOut& o : outs_) o.fresh.assign(o.hashes.size(), 0);
  pool_->run([&](unsigned w) {
    // Each worker owns the regions r with r % workers == w: it first lists its candidates
    // (a sequential scan), then inserts them with the table slots prefetched well ahead.
    std::vector<std::uint32_t> mine;
    for (ChunkOut& o : outs_) {
      std::size_t n = o.hashes.size();
      mine.clear();
      for (std::size_t k = 0; k < n; ++k)
        if (store_.region_of(o.hashes[k]) % workers_ == w) mine.push_back(static_cast<std::uint32_t>(k));
      constexpr std::size_t kAhead = 16;
      for (std::size_t j = 0; j < mine.size() && j < kAhead; ++j) store_.prefetch_slot(o.hashes[mine[j]]);
      for (std::size_t j = 0; j < mine.size(); ++j) {
        if (j + kAhead < mine.size()) store_.prefetch_slot(o.hashes[mine[j + kAhead]]);
        std::uint32_t k = mine[j];
        o.fresh[k] = store_.insert_slot(o.states.data() + static_cast<std::size_t>(k) * words_, o.hashes[k]);
      }
    }
  });
  double tc = thread_cpu();
  prof_insert_ += tc - tb;
  struct AddTime {
    double& acc;
    double t0;
    ~AddTime() { acc += thread_cpu() - t0; }
  } add_time{prof_append_, tc};
  for (ChunkOut& o : outs_) {
    for (std::size_t k = 0; k < o.hashes.size(); ++k) {
      if (!o.fresh[k]) continue;
      if (opt_.max_states && store_.size() >= opt_.max_states) return stop("--max-states reached");
      std::uint32_t id;
      auto res = store_.append(o.states.data() + k * words_, o.parents[k], &id);
      if (res == StateStore::Insert::OutOfMemory) return stop("--memory budget reached");
      if (res == StateStore::Insert::TooMany) return stop("too many states for 32-bit state ids");
    }
  }
}

void Explorer::filter(unsigned w, Program& p, ChunkOut& out, std::uint32_t depth, std::size_t from) {
  std::size_t n = out.hashes.size(), kept = from;
  std::uint64_t* recent = !direct_ && w < recent_.size() ? recent_[w].data() : nullptr;
  for (std::size_t k = from; k < n; ++k) {
    if (k + 16 < n) store_.prefetch_slot(out.hashes[k + 16]);
    if (k + 8 < n) store_.prefetch_state(out.hashes[k + 8]);
    const std::uint64_t* s = out.states.data() + k * words_;
    if (direct_ && sys_.constraints.empty()) {  // one probe: insert answers "already stored" too
      if (direct_stop_) continue;
      std::uint32_t id;
      auto res = store_.insert(s, out.hashes[k], out.parents[k], &id);
      bool stored = res != StateStore::Insert::New && res != StateStore::Insert::Existing &&
                    store_.find(s, out.hashes[k]) != StateStore::kNone;  // full, but not new
      if (res == StateStore::Insert::OutOfMemory && !stored) direct_stop_ = "--memory budget reached";
      if (res == StateStore::Insert::TooMany && !stored) direct_stop_ = "too many states for 32-bit state ids";
      continue;
    }
    if (store_.find(s, out.hashes[k]) != StateStore::kNone) continue;
    RtError err;
    bool failed;
    if (!constraints_hold(p, s, &err, &failed)) {
      if (failed)
        offer_rt(out.found, err, Found::Successor, out.parents[k], out.ordinals[k], depth + 1, nullptr);
      else
        check_state(p, s, Found::Successor, out.parents[k], out.ordinals[k], depth + 1, out.found, nullptr);
      continue;
    }
    if (direct_) {  // one worker: insert right away (the same order as phase 2 would use)
      std::uint32_t id;
      if (!direct_stop_) {
        auto res = store_.insert(s, out.hashes[k], out.parents[k], &id);
        if (res == StateStore::Insert::OutOfMemory) direct_stop_ = "--memory budget reached";
        if (res == StateStore::Insert::TooMany) direct_stop_ = "too many states for 32-bit state ids";
      }
      continue;
    }
    if (recent && repeat(recent, out.hashes[k], s)) continue;  // a later copy
    out.move_to(k, kept++, words_);
  }
  out.keep_first(kept, words_);
}

void Explorer::phase1(std::uint32_t lo, std::uint32_t hi, std::uint32_t depth, bool expand) {
  std::uint64_t n = hi - lo;
  chunk_size_ = std::clamp<std::uint64_t>(n / (workers_ * 16 + 1), 16, 4096);
  std::size_t chunks = static_cast<std::size_t>((n + chunk_size_ - 1) / chunk_size_);
  if (outs_.size() < chunks) outs_.resize(chunks);
  std::atomic<std::size_t> next{0};
  std::uint64_t queue_base = store_.size() - lo;
  auto job = [&](unsigned w) {
    for (;;) {
      std::size_t c = next.fetch_add(1);
      if (c >= chunks) return;
      std::uint32_t a = lo + static_cast<std::uint32_t>(c * chunk_size_);
      std::uint32_t b = static_cast<std::uint32_t>(std::min<std::uint64_t>(hi, a + chunk_size_));
      process_chunk(w, c, a, b, depth, expand);
      if (w == 0) maybe_progress(depth, queue_base - std::min<std::uint64_t>(queue_base, (c + 1) * chunk_size_), false);
    }
  };
  if (workers_ <= 1) {
    job(0);
  } else {
    pool_->run(job);
  }
  for (std::size_t c = 0; c < chunks; ++c) found_.merge(outs_[c].found);
}

void Explorer::drop_repeats(unsigned w, ChunkOut& out) {
  if (w >= recent_.size()) return;
  std::uint64_t* recent = recent_[w].data();
  std::size_t n = out.hashes.size(), kept = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint64_t* s = out.states.data() + k * words_;
    std::uint64_t h = out.hashes[k];
    if (repeat(recent, h, s)) continue;  // a later copy
    out.move_to(k, kept++, words_);
  }
  out.keep_first(kept, words_);
}

void Explorer::phase_pipelined(std::uint32_t lo, std::uint32_t hi, std::uint32_t depth) {
  std::uint64_t n = hi - lo;
  unsigned expanders = workers_ - 1;
  // Small chunks: a chunk's successors are handed to the inserter while still in cache.
  chunk_size_ = std::clamp<std::uint64_t>(n / (expanders * 16 + 1), 16, 1024);
  std::size_t chunks = static_cast<std::size_t>((n + chunk_size_ - 1) / chunk_size_);
  if (outs_.size() < chunks) outs_.resize(chunks);
  std::unique_ptr<std::atomic<std::uint8_t>[]> ready(new std::atomic<std::uint8_t>[chunks]);
  for (std::size_t c = 0; c < chunks; ++c) ready[c].store(0, std::memory_order_relaxed);
  std::atomic<std::size_t> next{0};
  std::uint64_t queue_base = store_.size() - lo;
  pipelined_ = true;
  auto expand_chunk = [&](unsigned w, std::size_t c) {
    ChunkOut& o = outs_[c];
    if (o.states.capacity() == 0) {
      std::lock_guard<std::mutex> g(spare_m_);
      if (!spare_.empty()) {
        ChunkOut& b = spare_.back();
        o.states.swap(b.states);
        o.hashes.swap(b.hashes);
        o.parents.swap(b.parents);
        o.ordinals.swap(b.ordinals);
        spare_.pop_back();
      }
    }
    std::uint32_t a = lo + static_cast<std::uint32_t>(c * chunk_size_);
    std::uint32_t b = static_cast<std::uint32_t>(std::min<std::uint64_t>(hi, a + chunk_size_));
    process_chunk(w, c, a, b, depth, true);
    ready[c].store(1, std::memory_order_release);
    ready[c].notify_one();
  };
  pool_->run([&](unsigned w) {
    if (w == expanders) {  // the inserter: chunk outputs in chunk order, as one worker would
      Program& p = *programs_[w];
      bool saved = direct_;
      direct_ = true;  // (only this thread reads it during the phase)
      for (std::size_t c = 0; c < chunks; ++c) {
        // While chunk c is not expanded yet, expand a later one instead of waiting.
        while (!ready[c].load(std::memory_order_acquire)) {
          std::size_t m = next.fetch_add(1);
          if (m >= chunks) {
            ready[c].wait(0, std::memory_order_acquire);
            break;
          }
          expand_chunk(w, m);
        }
        ChunkOut& o = outs_[c];
        filter(w, p, o, depth, 0);
        ChunkOut b;  // hand the buffers back: only the chunks in flight hold memory
        b.states.swap(o.states);
        b.hashes.swap(o.hashes);
        b.parents.swap(o.parents);
        b.ordinals.swap(o.ordinals);
        {
          std::lock_guard<std::mutex> g(spare_m_);
          spare_.push_back(std::move(b));
        }
        // Progress from the inserter: the only thread that changes the store during the phase.
        maybe_progress(depth, queue_base - std::min<std::uint64_t>(queue_base, (c + 1) * chunk_size_), false);
      }
      direct_ = saved;
      return;
    }
    for (;;) {
      std::size_t c = next.fetch_add(1);
      if (c >= chunks) return;
      expand_chunk(w, c);
    }
  });
  pipelined_ = false;
  for (std::size_t c = 0; c < chunks; ++c) found_.merge(outs_[c].found);
}

void Explorer::maybe_progress(std::uint32_t depth, std::uint64_t queue, bool force) {
  if (!opt_.progress) return;
  auto now = Clock::now();
  double since = std::chrono::duration<double>(now - last_progress_).count();
  if (!force && since < opt_.progress_interval) return;
  last_progress_ = now;
  Progress pr;
  pr.generated = generated_.load();
  pr.distinct = store_.size();
  pr.queue = queue;
  pr.depth = depth;
  pr.seconds = std::chrono::duration<double>(now - start_).count();
  pr.states_per_second = pr.seconds > 0 ? static_cast<double>(pr.generated) / pr.seconds : 0;
  opt_.progress(pr);
}

CheckResult Explorer::run() {
  CheckResult r;
  r.workers = workers_;
  r.fingerprint = opt_.fingerprint;
  if (!native_note_.empty()) r.notes.push_back(native_note_);
  if (!native_why_.empty()) r.warnings.push_back(native_why_);
  bool stopped = false;  // a limit was reached
  std::string reason;
  auto limit_states = [&](const char* what) {
    stopped = true;
    reason = what;
  };
  // ---- initial states
  Program& p0 = *programs_[0];
  std::uint64_t init_count = 0;
  p0.initial_states(
      [&](const std::uint64_t* s) {
        if (stopped) return;
        for (std::size_t i = 0; i < sys_.initially.size(); ++i) {
          bool v;
          RtError err;
          if (!p0.eval(p0.initially(i), s, &v, &err)) {
            offer_rt(found_, err, Found::Explicit, 0, 0, 1, s);
            return;
          }
          if (!v) return;
        }
        RtError err;
        bool failed;
        if (!constraints_hold(p0, s, &err, &failed)) {
          if (failed)
            offer_rt(found_, err, Found::Explicit, 0, 0, 1, s);
          else
            check_state(p0, s, Found::Explicit, 0, 0, 1, found_, s);
          return;
        }
        std::uint64_t h = hash_state(s, words_);
        if (opt_.max_states && store_.size() >= opt_.max_states && store_.find(s, h) == StateStore::kNone)
          return limit_states("--max-states reached");
        std::uint32_t id;
        switch (store_.insert(s, h, StateStore::kNone, &id)) {
          case StateStore::Insert::New:
            ++init_count;
            break;
          case StateStore::Insert::Existing:
            break;
          case StateStore::Insert::OutOfMemory:
            return limit_states("--memory budget reached");
          case StateStore::Insert::TooMany:
            return limit_states("too many states for 32-bit state ids");
        }
      },
      [&](const std::uint64_t* s, const RtError& e) { offer_rt(found_, e, Found::Explicit, 0, 0, 1, s); });
  r.initial_states = init_count;
  std::uint32_t depth = store_.size() > 0 ? 1 : 0;
  std::uint32_t lo = 0, hi = store_.size();
  level_start_.push_back(0);
  std::uint64_t peak = store_.bytes();
  while (lo < hi && !stopped) {
    double t0 = thread_cpu();
    bool unlimited = !opt_.max_states && !opt_.max_depth && !opt_.stop_at_first;
    direct_ = workers_ == 1 && unlimited;
    if (workers_ > 1 && unlimited && !std::getenv("WEFT_NO_PIPELINE")) {
      // Grow the table for this level's expected new states now, with every worker: the
      // inserter would otherwise rehash alone, on the critical path. Expected: the previous
      // level's new states per expanded state. (A failed reservation is not fatal: the
      // inserter grows or stops at the budget as usual.)
      if (prev_expanded_ > 0 && store_.compact()) {
        double ratio = static_cast<double>(prev_new_) / static_cast<double>(prev_expanded_);
        StateStore::ParallelFor par = [this](const std::function<void(unsigned)>& job) { pool_->run(job); };
        store_.reserve(static_cast<std::uint64_t>(static_cast<double>(hi - lo) * ratio), par, workers_);
      }
      phase_pipelined(lo, hi, depth);
    }
    else
      phase1(lo, hi, depth, true);
    direct_ = false;
    double t1 = thread_cpu();
    cpu_phase1_ += t1 - t0;
    if (direct_stop_) limit_states(direct_stop_);
    if (opt_.stop_at_first && !found_.empty()) break;
    std::uint64_t out_bytes = 0;
    for (const ChunkOut& o : outs_) out_bytes += o.bytes();
    peak = std::max(peak, store_.bytes() + out_bytes);
    if (store_.bytes() + out_bytes > store_.memory_limit()) {
      limit_states("--memory budget reached");
      break;
    }
    // ---- phase 2: insert new states in (parent, ordinal) order
    std::uint32_t next_depth = depth + 1;
    std::uint64_t total = 0;
    for (const ChunkOut& o : outs_) total += o.hashes.size();
    bool depth_limited = opt_.max_depth && next_depth > opt_.max_depth;
    if (!depth_limited && workers_ > 1 && store_.compact() && total >= 4096) {
      insert_parallel(total, limit_states);
    } else {
      for (ChunkOut& o : outs_) {
        if (stopped) break;
        for (std::size_t k = 0; k < o.hashes.size(); ++k) {
          if (k + 8 < o.hashes.size()) store_.prefetch_slot(o.hashes[k + 8]);
          const std::uint64_t* s = o.states.data() + k * words_;
          std::uint64_t h = o.hashes[k];
          bool at_limit = (opt_.max_depth && next_depth > opt_.max_depth) ||
                          (opt_.max_states && store_.size() >= opt_.max_states);
          if (at_limit) {
            if (store_.find(s, h) != StateStore::kNone) continue;
            limit_states(opt_.max_depth && next_depth > opt_.max_depth ? "--max-depth reached" : "--max-states reached");
            break;
          }
          std::uint32_t id;
          auto res = store_.insert(s, h, o.parents[k], &id);
          if (res == StateStore::Insert::OutOfMemory) {
            limit_states("--memory budget reached");
            break;
          }
          if (res == StateStore::Insert::TooMany) {
            limit_states("too many states for 32-bit state ids");
            break;
          }
        }
      }
    }
    for (ChunkOut& o : outs_) o.clear();
    peak = std::max(peak, store_.bytes());
    cpu_phase2_ += thread_cpu() - t1;
    store_.release_below(hi);
    if (store_.size() > hi) {
      depth = next_depth;
      level_start_.push_back(hi);
    }
    prev_expanded_ = hi - lo;
    prev_new_ = store_.size() - hi;
    lo = hi;
    hi = store_.size();
    maybe_progress(depth, hi - lo, false);
  }
  if (stopped && lo < hi && !(opt_.stop_at_first && !found_.empty())) {
    phase1(lo, hi, depth, false);  // states stored but never expanded still get their checks
  }
  if (std::getenv("WEFT_PROFILE"))
    std::fprintf(stderr, "profile: main thread cpu: phase1 %.3f s, phase2 %.3f s (reserve %.3f, insert %.3f, append %.3f)\n",
                 cpu_phase1_, cpu_phase2_, prof_reserve_, prof_insert_, prof_append_);
  r.distinct_states = store_.size();
  r.transitions = generated_.load();
  r.depth = depth;
  r.memory_bytes = peak;
  bool complete = !stopped && !(opt_.stop_at_first && !found_.empty());
  if (stopped) r.inconclusive_reason = reason;
  r.exhaustive = complete;
  for (std::size_t i = 0; i < sys_.covers.size(); ++i)
    if (!covered_[i]) {
      if (complete)
        r.vacuous_covers.push_back(sys_.covers[i].name);
      else
        r.warnings.push_back("cover " + sys_.covers[i].name + ": undecided");
    }
  if (opt_.fingerprint) {
    double n = static_cast<double>(r.distinct_states);
    double g = static_cast<double>(r.transitions + r.initial_states);
    r.collision_probability = n * std::max(0.0, g - n) / 18446744073709551616.0;
  }
  // ---- counterexamples
  std::vector<Found> items = std::move(found_.items);
  if (opt_.stop_at_first && items.size() > 1) {
    auto best = std::min_element(items.begin(), items.end(), [](const Found& a, const Found& b) { return a.key() < b.key(); });
    Found keep = std::move(*best);
    items.clear();
    items.push_back(std::move(keep));
  }
  std::sort(items.begin(), items.end(), [](const Found& a, const Found& b) {
    bool da = a.kind == VKind::Deadlock, db = b.kind == VKind::Deadlock;
    if (da != db) return db;
    if (a.length != b.length) return a.length < b.length;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.name < b.name;
  });
  TraceBuilder tb(sys_, p0, store_, level_start_);
  for (const Found& f : items) {
    Violation v;
    v.kind = vkind_name(f.kind);
    v.name = f.name;
    v.message = f.message;
    v.location = f.location;
    v.trace = tb.build(f);
    if (f.kind == VKind::Deadlock && !v.trace.waits.empty()) {
      std::string why;
      for (const report::Wait& w : v.trace.waits) why += (why.empty() ? "" : "; ") + report::describe_wait(w);
      v.message = "deadlock: " + why;
      v.trace.message = v.message;
    }
    if (v.trace.length() != f.length)
      r.warnings.push_back("internal: trace of " + v.kind + " " + v.name + " has length " +
                           std::to_string(v.trace.length()) + ", expected " + std::to_string(f.length));
    r.violations.push_back(std::move(v));
  }
  if (lock_order_) {  // cycles, declared orders, lock_order_edges (lock_order_analysis.h)
    LockOrderAnalysisOptions lao;
    lao.stop_at_first = opt_.stop_at_first;
    analyze_lock_order(sys_, *lock_order_, tb, level_start_, lao, r);
  }
  if (!r.violations.empty())
    r.verdict = Verdict::Violated;
  else if (stopped)
    r.verdict = Verdict::Inconclusive;
  else
    r.verdict = Verdict::Ok;
  r.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  return r;
}

}  // namespace

CheckResult check(const ir::System& system, const CheckOptions& options) {
  unsigned workers = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
  try {
    Explorer ex(system, options, workers);
    return ex.run();  // `seconds` from the start of exploration (a --compile build excluded)
  } catch (const std::bad_alloc&) {
    CheckResult r;
    r.verdict = Verdict::Inconclusive;
    r.inconclusive_reason = "out of memory";
    return r;
  } catch (const std::runtime_error& e) {
    CheckResult r;
    r.verdict = Verdict::Error;
    r.error = e.what();
    return r;
  }
}

}  // namespace checker
