// checker: Found, a violation located during exploration (internal): which property, and where
// its counterexample ends (a stored state, a successor of one, a failing step, or an initial
// state that was never stored). Kept per property with the smallest (length, class, ids) key,
// so the chosen counterexample is shortest and independent of the number of workers.
#pragma once
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace checker {

enum class VKind : std::uint8_t { RuntimeError, Invariant, Assert, HeldAtExit, Deadlock };

const char* vkind_name(VKind k);

struct Found {
  enum Where : std::uint8_t {
    Stored,     // state id `a`
    Successor,  // successor number `b` of state `a` (a state that was not stored: constraint)
    Step,       // the step number `b` from state `a` fails (assert, run-time error, held_at_exit)
    Explicit,   // `state` itself, an initial state that was not stored (length 1)
  };
  VKind kind = VKind::Invariant;
  std::string name;
  std::uint32_t length = 0;  // trace_length as DESIGN.md defines it
  Where where = Stored;
  std::uint32_t a = 0, b = 0;
  std::string message;
  std::string location;
  std::vector<std::uint64_t> state;  // Explicit

  auto key() const { return std::make_tuple(length, static_cast<int>(where), a, b); }
};

struct FoundSet {
  std::vector<Found> items;
  // True if a violation of (kind, name) at this key would replace or add an entry.
  bool wants(VKind kind, const std::string& name, std::uint32_t length, Found::Where where, std::uint32_t a,
             std::uint32_t b) const {
    for (const Found& f : items)
      if (f.kind == kind && f.name == name)
        return std::make_tuple(length, static_cast<int>(where), a, b) < f.key();
    return true;
  }
  void offer(Found f) {
    for (Found& x : items)
      if (x.kind == f.kind && x.name == f.name) {
        if (f.key() < x.key()) x = std::move(f);
        return;
      }
    items.push_back(std::move(f));
  }
  void merge(FoundSet& o) {
    for (Found& f : o.items) offer(std::move(f));
    o.items.clear();
  }
  bool empty() const { return items.empty(); }
};

}  // namespace checker
