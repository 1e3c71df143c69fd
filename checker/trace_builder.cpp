// checker: TraceBuilder (trace_builder.h): path reconstruction by re-execution, state
// decoding into report::Value, step descriptions and deadlock waits.
#include "checker/trace_builder.h"

#include <algorithm>

namespace checker {

namespace {

report::Value decode_value(const Type* t, const std::int64_t* c) {
  switch (t->kind) {
    case TypeKind::Bool:
      return report::Value::boolean(c[0] != 0);
    case TypeKind::Enum:
      if (c[0] >= 0 && static_cast<std::size_t>(c[0]) < t->enum_size())
        return report::Value::enumv(t->enum_value_name(static_cast<std::size_t>(c[0])));
      return report::Value::integer(c[0]);
    case TypeKind::Set: {
      report::Value v;
      v.kind = report::Value::Kind::Set;
      std::uint64_t n = *t->elem->cardinality();
      std::vector<std::int64_t> e(flat_size(t->elem));
      for (std::uint64_t i = 0; i < n; ++i) {
        if (!c[i]) continue;
        value_of(t->elem, i, e.data());
        v.elems.push_back(decode_value(t->elem, e.data()));
      }
      return v;
    }
    case TypeKind::Function: {
      report::Value v;
      v.kind = report::Value::Kind::Function;
      std::uint64_t n = *t->elem->cardinality();
      std::uint32_t es = flat_size(t->codomain);
      for (std::uint64_t i = 0; i < n; ++i) {
        std::int64_t arg = scalar_value(t->elem, static_cast<std::int64_t>(i));
        v.pairs.emplace_back(decode_value(t->elem, &arg), decode_value(t->codomain, c + i * es));
      }
      return v;
    }
    case TypeKind::Record: {
      report::Value v;
      v.kind = report::Value::Kind::Record;
      std::uint32_t off = 0;
      for (const auto& f : t->fields) {
        v.fields.emplace_back(f.first, decode_value(f.second, c + off));
        off += flat_size(f.second);
      }
      return v;
    }
    case TypeKind::Seq: {
      report::Value v;
      v.kind = report::Value::Kind::Seq;
      std::uint32_t es = flat_size(t->elem);
      for (std::int64_t i = 0; i < c[0] && i < t->max_len; ++i) v.elems.push_back(decode_value(t->elem, c + 1 + i * es));
      return v;
    }
    default:
      return report::Value::integer(c[0]);
  }
}

std::vector<std::int64_t> load_var(const ir::System& sys, const Layout& layout, const std::uint64_t* s, std::uint32_t var) {
  const ir::Var& v = sys.vars.at(var);
  std::vector<std::int64_t> cells(std::max<std::uint32_t>(1, v.leaf_count), 0);
  if (v.leaf_count) load_leaves(layout, s, v.first_leaf, v.type, v.leaf_count, cells.data());
  return cells;
}

std::string process_name(const ir::System& sys, std::int64_t p) {
  if (p >= 0 && static_cast<std::size_t>(p) < sys.processes.size()) return sys.processes[static_cast<std::size_t>(p)].name;
  return "#" + std::to_string(p);
}

report::Value lock_value(const ir::System& sys, const Layout& layout, const std::uint64_t* s, const ir::LockInstance& li) {
  std::int64_t owner = li.owner_instance(load_var(sys, layout, s, li.owner_var)[0]);
  report::Value holder = report::Value::enumv(owner >= 0 ? process_name(sys, owner) : "free");
  if (li.kind != ir::LockKind::Rwsem) return holder;
  report::Value v;
  v.kind = report::Value::Kind::Record;
  v.fields.emplace_back("writer", owner >= 0 ? report::Value::enumv(process_name(sys, owner)) : report::Value::enumv("none"));
  report::Value readers;
  readers.kind = report::Value::Kind::Set;
  if (li.readers_var >= 0) {
    auto cells = load_var(sys, layout, s, static_cast<std::uint32_t>(li.readers_var));
    const ir::Var& rv = sys.vars[static_cast<std::size_t>(li.readers_var)];
    for (std::uint32_t i = 0; i < rv.leaf_count; ++i)
      if (cells[i]) readers.elems.push_back(report::Value::enumv(process_name(sys, i)));
  }
  v.fields.emplace_back("readers", readers);
  if (li.queue_var >= 0) {
    auto cells = load_var(sys, layout, s, static_cast<std::uint32_t>(li.queue_var));
    report::Value q;
    q.kind = report::Value::Kind::Seq;
    for (std::int64_t i = 0; i < cells[0]; ++i) {
      std::int64_t code = cells[1 + static_cast<std::size_t>(i)];
      q.elems.push_back(report::Value::enumv(process_name(sys, code / 2) + ((code % 2) ? " shared" : " exclusive")));
    }
    v.fields.emplace_back("waiting", q);
  }
  return v;
}

}  // namespace

std::string location_name(const ir::System& sys, std::size_t process, std::int64_t pc) {
  const ir::ProcessInstance& pi = sys.processes.at(process);
  if (pc == pi.end_pc) return "end";
  if (pc >= 0 && static_cast<std::size_t>(pc) < pi.locations.size()) {
    const ir::Location& l = pi.locations[static_cast<std::size_t>(pc)];
    if (!l.label.empty()) return l.label;
    if (l.span.line) return "line " + std::to_string(l.span.line);
  }
  return "pc " + std::to_string(pc);
}

report::State decode_state(const ir::System& sys, const Layout& layout, const std::uint64_t* s) {
  report::State st;
  for (std::uint32_t i = 0; i < sys.vars.size(); ++i) {
    const ir::Var& v = sys.vars[i];
    switch (v.role) {
      case ir::VarRole::Pc: {
        std::int64_t pc = load_var(sys, layout, s, i)[0];
        std::size_t p = static_cast<std::size_t>(v.process);
        st.vars.push_back({sys.processes.at(p).name + "@", report::Value::enumv(location_name(sys, p, pc))});
        break;
      }
      case ir::VarRole::LockOwner: {
        const ir::LockInstance& li = sys.locks.at(static_cast<std::size_t>(v.lock));
        st.vars.push_back({"lock " + li.name, lock_value(sys, layout, s, li)});
        break;
      }
      case ir::VarRole::LockReaders:
      case ir::VarRole::LockQueue:
        break;  // shown with the owner
      default: {
        auto cells = load_var(sys, layout, s, i);
        st.vars.push_back({v.name, decode_value(v.type, cells.data())});
      }
    }
  }
  return st;
}

std::vector<TraceBuilder::Outcome> TraceBuilder::outcomes(const std::vector<std::uint64_t>& s) {
  struct Rec : Sink {
    std::vector<Outcome>* out;
    void successor(Exec& x) override {
      Outcome o;
      o.t = x.transition();
      o.events = x.events();
      o.state.assign(x.ctx().cur, x.ctx().cur + x.words());
      out->push_back(std::move(o));
    }
    void error(Exec& x) override {
      Outcome o;
      o.t = x.transition();
      o.events = x.events();
      o.error = true;
      out->push_back(std::move(o));
    }
  };
  std::vector<Outcome> res;
  Rec r;
  r.out = &res;
  prog_.expand(s.data(), r);
  return res;
}

std::vector<std::uint64_t> TraceBuilder::initial_state(std::uint32_t id) {
  std::uint32_t words = prog_.words();
  if (store_.has_state(id)) return std::vector<std::uint64_t>(store_.state(id), store_.state(id) + words);
  std::vector<std::uint64_t> found;
  prog_.initial_states(
      [&](const std::uint64_t* s) {
        if (found.empty() && store_.matches(id, s)) found.assign(s, s + words);
      },
      [](const std::uint64_t*, const RtError&) {});
  return found;
}

report::Step TraceBuilder::make_step(const Outcome& o, const report::State* before, const report::State* after) {
  report::Step st;
  const ir::Transition* t = o.t;
  if (t->process >= 0) {
    const ir::ProcessInstance& pi = sys_.processes.at(static_cast<std::size_t>(t->process));
    st.lane = pi.name;
    if (!t->label.empty()) {
      st.what = t->label;
    } else {
      st.what = t->name;
      if (st.what.rfind(pi.name + " ", 0) == 0) st.what = st.what.substr(pi.name.size() + 1);
    }
  } else {
    st.lane = "actions";
    st.what = t->name;
  }
  st.location = t->span.valid() ? sys_.location(t->span) : "";
  for (const LockEv& e : o.events) {
    report::LockEvent le;
    le.kind = e.kind == ir::LockEventKind::Request   ? report::LockEventKind::Request
              : e.kind == ir::LockEventKind::Acquire ? report::LockEventKind::Acquire
                                                     : report::LockEventKind::Release;
    le.mode = e.mode == ir::LockMode::Shared ? report::LockEventMode::Shared : report::LockEventMode::Exclusive;
    if (e.lock >= 0 && static_cast<std::size_t>(e.lock) < sys_.locks.size()) {
      le.lock = sys_.locks[static_cast<std::size_t>(e.lock)].name;
      le.lock_class = sys_.locks[static_cast<std::size_t>(e.lock)].lock_class;
    }
    st.lock_events.push_back(le);
  }
  if (before && after)
    for (std::size_t i = 0; i < after->vars.size() && i < before->vars.size(); ++i)
      if (!(after->vars[i].value == before->vars[i].value)) st.changed.push_back(after->vars[i].name);
  return st;
}

std::vector<report::Wait> TraceBuilder::waits(const std::uint64_t* s) {
  std::vector<report::Wait> res;
  for (std::size_t p = 0; p < sys_.processes.size(); ++p) {
    const ir::ProcessInstance& pi = sys_.processes[p];
    std::int64_t pc = prog_.pc(s, p);
    if (pc == pi.end_pc) continue;
    bool any = false;
    for (const ir::Transition& t : sys_.transitions) {
      if (t.process != static_cast<int>(p) || t.from_pc != pc || t.wait.kind == ir::WaitInfo::None) continue;
      report::Wait w;
      w.process = pi.name;
      w.label = location_name(sys_, p, pc);
      if (t.wait.kind == ir::WaitInfo::Lock) {
        std::int64_t idx = 0;
        if (t.wait.lock_index) prog_.eval_expr(t.wait.lock_index, s, &idx);
        std::int64_t l = t.wait.lock_base + idx;
        w.mode = t.wait.mode == ir::LockMode::Shared ? "shared" : "exclusive";
        if (l >= 0 && static_cast<std::size_t>(l) < sys_.locks.size()) {
          const ir::LockInstance& li = sys_.locks[static_cast<std::size_t>(l)];
          w.lock = li.name;
          for (std::size_t q = 0; q < sys_.processes.size(); ++q)
            if (prog_.holds(s, l, static_cast<std::int64_t>(q))) w.holders.push_back(sys_.processes[q].name);
          if (li.queue_var >= 0) {  // requests ahead of this one in the queue
            auto cells = load_var(sys_, prog_.layout(), s, static_cast<std::uint32_t>(li.queue_var));
            for (std::int64_t i = 0; i < cells[0]; ++i) {
              std::int64_t who = cells[1 + static_cast<std::size_t>(i)] / 2;
              if (who == static_cast<std::int64_t>(p)) break;
              std::string n = process_name(sys_, who);
              if (std::find(w.queued_ahead.begin(), w.queued_ahead.end(), n) == w.queued_ahead.end())
                w.queued_ahead.push_back(n);
            }
          }
        }
      } else {
        w.condition = t.wait.condition;
      }
      res.push_back(std::move(w));
      any = true;
      break;
    }
    if (!any) {
      report::Wait w;
      w.process = pi.name;
      w.label = location_name(sys_, p, pc);
      w.condition = "(no step enabled)";
      res.push_back(std::move(w));
    }
  }
  return res;
}

report::Trace TraceBuilder::build(const Found& f) {
  report::Trace tr;
  tr.spec = sys_.spec_path;
  tr.engine = "explicit";
  tr.kind = vkind_name(f.kind);
  tr.property = f.name;
  tr.message = f.message;
  tr.location = f.location;
  const Layout& L = prog_.layout();
  if (f.where == Found::Explicit) {
    tr.states.push_back(decode_state(sys_, L, f.state.data()));
    return tr;
  }
  std::vector<std::uint32_t> ids;
  for (std::uint32_t id = f.a; id != StateStore::kNone; id = store_.parent(id)) ids.push_back(id);
  std::reverse(ids.begin(), ids.end());
  std::vector<std::uint64_t> cur = initial_state(ids[0]);
  if (cur.empty()) {
    tr.message += " (trace unavailable)";
    return tr;
  }
  tr.states.push_back(decode_state(sys_, L, cur.data()));
  for (std::size_t j = 0; j + 1 < ids.size(); ++j) {
    auto outs = outcomes(cur);
    const Outcome* hit = nullptr;
    for (const Outcome& o : outs)
      if (!o.error && store_.matches(ids[j + 1], o.state.data())) {
        hit = &o;
        break;
      }
    if (!hit) {
      tr.message += " (trace reconstruction failed)";
      return tr;
    }
    report::State next = decode_state(sys_, L, hit->state.data());
    tr.steps.push_back(make_step(*hit, &tr.states.back(), &next));
    tr.states.push_back(std::move(next));
    cur = hit->state;
  }
  if (f.where == Found::Successor || f.where == Found::Step) {
    auto outs = outcomes(cur);
    if (f.b >= outs.size()) {
      tr.message += " (trace reconstruction failed)";
      return tr;
    }
    const Outcome& o = outs[f.b];
    if (f.where == Found::Successor) {
      report::State next = decode_state(sys_, L, o.state.data());
      tr.steps.push_back(make_step(o, &tr.states.back(), &next));
      tr.states.push_back(std::move(next));
    } else {
      if (!o.error) {
        report::State next = decode_state(sys_, L, o.state.data());
        tr.steps.push_back(make_step(o, &tr.states.back(), &next));
      } else {
        tr.steps.push_back(make_step(o, nullptr, nullptr));
      }
      tr.step_violation = true;
    }
  }
  if (f.kind == VKind::Deadlock) tr.waits = waits(cur.data());
  return tr;
}

}  // namespace checker
