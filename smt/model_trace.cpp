// smt: ModelTraces (model_trace.h): stores the path in a checker::StateStore, locates the
// failing step by concrete re-execution, and lets checker::TraceBuilder build the trace.
#include "smt/model_trace.h"

#include <functional>

#include "checker/found.h"
#include "checker/state_store.h"
#include "checker/trace_builder.h"

namespace smt {

namespace {

std::string rt_message(const ir::System& sys, const checker::RtError& e) {
  std::string m = !e.detail.empty() ? e.detail : (e.category ? e.category : "error");
  if (e.span.valid()) m += " (" + sys.location(e.span) + ")";
  return m;
}

checker::VKind vkind(const std::string& kind) {
  if (kind == "invariant") return checker::VKind::Invariant;
  if (kind == "assert") return checker::VKind::Assert;
  if (kind == "held_at_exit") return checker::VKind::HeldAtExit;
  if (kind == "deadlock") return checker::VKind::Deadlock;
  return checker::VKind::RuntimeError;  // runtime_error; lock_order is renamed after building
}

// Finds the ordinal of the first outcome of expand() satisfying `match`.
struct Finder : checker::Sink {
  std::function<bool(checker::Exec&, bool)> match;
  std::uint32_t ordinal = 0;
  std::int64_t found = -1;
  void successor(checker::Exec& x) override {
    if (found < 0 && match(x, false)) found = ordinal;
    ++ordinal;
  }
  void error(checker::Exec& x) override {
    if (found < 0 && match(x, true)) found = ordinal;
    ++ordinal;
  }
};

}  // namespace

ModelTraces::ModelTraces(const ir::System& sys) : sys_(sys), layout_(sys) {
  try {
    prog_ = std::make_unique<checker::Program>(sys, layout_);
  } catch (const std::exception& e) {
    no_program_ = e.what();  // traces then show the states only
  }
}

namespace {
// A trace of decoded states without step details (when the explicit engine cannot re-run steps).
report::Trace bare_trace(const ir::System& sys, const checker::Layout& layout, const std::vector<Packed>& states,
                         const std::string& why) {
  report::Trace t;
  t.spec = sys.spec_path;
  for (const Packed& s : states) t.states.push_back(checker::decode_state(sys, layout, s.data()));
  for (std::size_t i = 0; i + 1 < states.size(); ++i) t.steps.push_back(report::Step{});
  t.message = "(steps not reconstructed: " + why + ")";
  return t;
}
}  // namespace

checker::Violation ModelTraces::initial_error(const std::string& category, const std::string& message,
                                              const Packed& state, const std::string& engine) {
  if (!prog_) {
    checker::Violation v;
    v.kind = "runtime_error";
    v.name = category;
    v.message = message;
    v.trace = bare_trace(sys_, layout_, {state}, no_program_);
    v.trace.engine = engine;
    v.trace.kind = v.kind;
    v.trace.property = category;
    return v;
  }
  checker::StateStore store(prog_->words(), false, std::uint64_t{64} << 20);
  checker::Found f;
  f.kind = checker::VKind::RuntimeError;
  f.name = category;
  f.length = 1;
  f.where = checker::Found::Explicit;
  f.message = message;
  f.state = state;
  f.state.resize(prog_->words(), 0);
  std::vector<std::uint32_t> levels;
  checker::TraceBuilder tb(sys_, *prog_, store, levels);
  checker::Violation v;
  v.kind = "runtime_error";
  v.name = category;
  v.message = message;
  v.trace = tb.build(f);
  v.trace.engine = engine;
  return v;
}

checker::Violation ModelTraces::violation(const std::string& kind, const std::string& name, bool step,
                                          const std::vector<Packed>& states, const std::string& engine) {
  if (!prog_) {
    checker::Violation v;
    v.kind = kind;
    v.name = name;
    v.message = kind + " " + name;
    v.trace = bare_trace(sys_, layout_, states, no_program_);
    v.trace.engine = engine;
    v.trace.kind = kind;
    v.trace.property = name;
    v.trace.step_violation = step;
    return v;
  }
  const std::uint32_t words = prog_->words();
  checker::StateStore store(words, false, std::uint64_t{256} << 20);
  std::uint32_t parent = checker::StateStore::kNone, id = 0;
  bool simple = true;
  for (const Packed& s : states) {
    auto r = store.insert(s.data(), checker::hash_state(s.data(), words), parent, &id);
    if (r != checker::StateStore::Insert::New) simple = false;
    parent = id;
  }
  const std::uint64_t* last = states.back().data();
  checker::Found f;
  f.kind = vkind(kind);
  f.name = name;
  f.length = static_cast<std::uint32_t>(states.size());
  f.where = step ? checker::Found::Step : checker::Found::Stored;
  f.a = id;
  if (kind == "invariant") {
    f.message = "invariant " + name + " is violated";
    for (const auto& inv : sys_.invariants)
      if (inv.name == name && inv.span.valid()) f.location = sys_.location(inv.span);
  } else if (kind == "deadlock") {
    f.message = "deadlock: no step is enabled";
  } else if (kind == "runtime_error" && !step) {
    // The first failing constraint, else the first failing invariant, as the explorer checks.
    checker::RtError err;
    bool got = false, v = false;
    for (std::size_t i = 0; i < sys_.constraints.size() && !got; ++i) {
      if (!prog_->eval(prog_->constraint(i), last, &v, &err)) got = true;
      else if (!v) break;
    }
    for (std::size_t i = 0; i < sys_.invariants.size() && !got; ++i) {
      checker::RtError e2;
      if (!prog_->eval(prog_->invariant(i), last, &v, &e2) && e2.category && name == e2.category) {
        err = e2;
        got = true;
      }
    }
    f.message = got ? rt_message(sys_, err) : name;
    f.location = got && err.span.valid() ? sys_.location(err.span) : "";
  } else {
    Finder fd;
    std::string message, location;
    fd.match = [&](checker::Exec& x, bool error) -> bool {
      const ir::Transition* t = x.transition();
      if (kind == "runtime_error") {
        if (!error || !x.ctx().err.category || name != x.ctx().err.category) return false;
        message = rt_message(sys_, x.ctx().err);
        location = x.ctx().err.span.valid() ? sys_.location(x.ctx().err.span) : "";
        return true;
      }
      if (error) return false;
      if (kind == "assert") {
        for (const checker::AssertFail& af : x.asserts()) {
          const ir::Stmt* st = af.stmt;
          std::string n = st->property.empty() ? "assert@" + sys_.location(st->span) : st->property;
          if (n != name) continue;
          message = st->message.empty() ? "assertion failed" : st->message;
          location = st->span.valid() ? sys_.location(st->span) : "";
          return true;
        }
        return false;
      }
      if (t->process < 0) return false;
      auto p = static_cast<std::size_t>(t->process);
      const std::uint64_t* post = x.ctx().cur;
      if (kind == "held_at_exit") {
        std::int64_t end = sys_.processes[p].end_pc;
        if (prog_->pc(post, p) != end || prog_->pc(last, p) == end) return false;
        for (std::size_t l = 0; l < sys_.locks.size(); ++l)
          if (prog_->holds(post, l, t->process)) {
            message = sys_.processes[p].name + " finished holding " + sys_.locks[l].name;
            location = t->span.valid() ? sys_.location(t->span) : "";
            return true;
          }
        return false;
      }
      // lock_order "declared order A < B" / "declared order C by index": replay the step's lock
      // events over the locks held before it, as the explicit engine's recorder does.
      const std::string prefix = "declared order ";
      std::string rule = name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
      const std::string by = " by index";
      bool by_index = rule.size() > by.size() && rule.compare(rule.size() - by.size(), by.size(), by) == 0;
      std::string a = rule, b;
      if (by_index) {
        a = rule.substr(0, rule.size() - by.size());
      } else if (auto sep = rule.find(" < "); sep != std::string::npos) {
        a = rule.substr(0, sep);
        b = rule.substr(sep + 3);
      }
      auto ordinal = [&](std::size_t l) {
        std::size_t n = 0;
        for (std::size_t j = 0; j < l; ++j) n += sys_.locks[j].lock_class == sys_.locks[l].lock_class;
        return n;
      };
      auto mode = [](ir::LockMode m) { return m == ir::LockMode::Shared ? "shared" : "exclusive"; };
      std::vector<std::pair<std::size_t, ir::LockMode>> held;
      const ir::System& sys = sys_;
      for (std::size_t l = 0; l < sys.locks.size(); ++l) {
        if (!prog_->holds(last, l, t->process)) continue;
        const ir::Var& ov = sys.vars.at(sys.locks[l].owner_var);
        bool owner = checker::read_leaf(last, layout_.leaves.at(ov.first_leaf)) ==
                     sys.locks[l].owner_code(t->process);
        held.push_back({l, owner ? ir::LockMode::Exclusive : ir::LockMode::Shared});
      }
      for (const checker::LockEv& e : x.events()) {
        if (e.lock < 0 || static_cast<std::size_t>(e.lock) >= sys.locks.size()) continue;
        auto el = static_cast<std::size_t>(e.lock);
        if (e.kind == ir::LockEventKind::Release) {
          for (std::size_t i = 0; i < held.size(); ++i)
            if (held[i].first == el) {
              held.erase(held.begin() + static_cast<std::ptrdiff_t>(i));
              break;
            }
          continue;
        }
        const ir::LockInstance& li = sys.locks[el];
        if (e.kind == ir::LockEventKind::Request || !li.queued) {
          for (const auto& h : held) {
            if (h.first == el) continue;
            const ir::LockInstance& hl = sys.locks[h.first];
            bool hit = by_index ? (li.lock_class == a && hl.lock_class == a && ordinal(el) < ordinal(h.first))
                                : (li.lock_class == a && hl.lock_class == b);
            if (!hit) continue;
            if (by_index)
              message = sys.processes[p].name + " acquires " + li.name + " while holding " + hl.name + ", against lock_order " +
                        rule + " (instances nest in ascending index order)";
            else
              message = sys.processes[p].name + " acquires " + li.name + " (" + mode(e.mode) + ") while holding " + hl.name +
                        " (" + mode(h.second) + "), against lock_order " + rule;
            location = t->span.valid() ? sys.location(t->span) : "";
            return true;
          }
        }
        if (e.kind == ir::LockEventKind::Acquire) held.push_back({el, e.mode});
      }
      return false;
    };
    prog_->expand(last, fd);
    if (fd.found < 0) {
      f.where = checker::Found::Stored;  // cannot locate the step: show the path to its state
      f.message = name + " (failing step not located)";
    } else {
      f.b = static_cast<std::uint32_t>(fd.found);
      f.message = message;
      f.location = location;
    }
  }
  std::vector<std::uint32_t> levels;
  checker::TraceBuilder tb(sys_, *prog_, store, levels);
  checker::Violation v;
  v.kind = kind;
  v.name = name;
  v.message = f.message;
  v.location = f.location;
  if (simple) {
    v.trace = tb.build(f);
  } else {
    v.trace.spec = sys_.spec_path;
    v.trace.message = f.message + " (trace unavailable: the path repeats a state)";
  }
  v.trace.engine = engine;
  v.trace.kind = kind;
  v.trace.property = name;
  return v;
}

}  // namespace smt
