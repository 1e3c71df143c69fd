// compiler (ir): dump_ir: a readable, stable listing of an ir::System (layout with bit offsets,
// initial values, every transition's body as indented pseudo-code, properties) for
// `weft compile --dump ir` and golden tests. In action bodies `x` reads the pre-state and `x'`
// the state being built; in process steps and properties every read is of the current state.
#include <sstream>

#include "compiler/ir.h"
#include "compiler/lower.h"

namespace compiler {
namespace {

using ir::ExprOp;
using ir::StmtOp;

const char* role_name(ir::VarRole r) {
  switch (r) {
    case ir::VarRole::Global: return "global";
    case ir::VarRole::Local: return "local";
    case ir::VarRole::Pc: return "pc";
    case ir::VarRole::LockOwner: return "lock-owner";
    case ir::VarRole::LockReaders: return "lock-readers";
    case ir::VarRole::LockQueue: return "lock-queue";
    case ir::VarRole::WithBinder: return "with-binder";
  }
  return "?";
}

const char* binop(ExprOp op) {
  switch (op) {
    case ExprOp::And: return "and";
    case ExprOp::Or: return "or";
    case ExprOp::Implies: return "implies";
    case ExprOp::Iff: return "iff";
    case ExprOp::Eq: return "==";
    case ExprOp::Ne: return "!=";
    case ExprOp::Lt: return "<";
    case ExprOp::Le: return "<=";
    case ExprOp::Gt: return ">";
    case ExprOp::Ge: return ">=";
    case ExprOp::Add: return "+";
    case ExprOp::Sub: return "-";
    case ExprOp::Mul: return "*";
    case ExprOp::Div: return "/";
    case ExprOp::Mod: return "%";
    case ExprOp::Pow: return "^";
    case ExprOp::In: return "in";
    case ExprOp::NotIn: return "notin";
    case ExprOp::Subset: return "subset";
    case ExprOp::Union: return "union";
    case ExprOp::Diff: return "\\";
    case ExprOp::Inter: return "inter";
    case ExprOp::Range: return "..";
    default: return nullptr;
  }
}

const char* builtin(ExprOp op) {
  switch (op) {
    case ExprOp::Card: return "card";
    case ExprOp::Min: return "min";
    case ExprOp::Max: return "max";
    case ExprOp::Len: return "len";
    case ExprOp::Head: return "head";
    case ExprOp::Tail: return "tail";
    case ExprOp::Append: return "append";
    default: return nullptr;
  }
}

class Printer {
 public:
  explicit Printer(const ir::System& s) : s_(s) {}
  bool prime_new = false;

  std::string value(std::int64_t v, const Type* t) const {
    if (t && t->kind == TypeKind::Bool) return v ? "true" : "false";
    if (t && t->kind == TypeKind::Enum && v >= 0 && static_cast<std::size_t>(v) < t->enum_size())
      return t->enum_value_name(static_cast<std::size_t>(v));
    return std::to_string(v);
  }

  std::string binders(const std::vector<ir::Binder>& bs) const {
    std::string out;
    for (std::size_t i = 0; i < bs.size(); ++i) {
      if (i) out += ", ";
      out += "$" + std::to_string(bs[i].slot) + " in " + expr(bs[i].set);
    }
    return out;
  }

  std::string list(const std::vector<const ir::Expr*>& args, std::size_t from = 0) const {
    std::string out;
    for (std::size_t i = from; i < args.size(); ++i) {
      if (i > from) out += ", ";
      out += expr(args[i]);
    }
    return out;
  }

  std::string field_name(const ir::Expr* rec, std::uint32_t slot) const {
    const Type* t = rec ? rec->type : nullptr;
    if (t && t->kind == TypeKind::Record && slot < t->fields.size()) return t->fields[slot].first;
    return "#" + std::to_string(slot);
  }

  std::string expr(const ir::Expr* e) const {
    if (!e) return "<null>";
    const auto& a = e->args;
    auto arg = [&](std::size_t i) { return i < a.size() ? expr(a[i]) : std::string("<?>"); };
    if (const char* op = binop(e->op)) return "(" + arg(0) + " " + op + " " + arg(1) + ")";
    if (const char* b = builtin(e->op)) return std::string(b) + "(" + list(a) + ")";
    switch (e->op) {
      case ExprOp::Const:
        return value(e->value, e->type);
      case ExprOp::ConstValue: {
        std::string out = "const<";
        for (std::size_t i = 0; i < e->leaves.size(); ++i)
          out += (i ? " " : "") + std::to_string(e->leaves[i]);
        return out + ">";
      }
      case ExprOp::Var: {
        std::string n = e->var < s_.vars.size() ? s_.vars[e->var].name : "#" + std::to_string(e->var);
        if (prime_new) return e->old ? n : n + "'";
        return e->old ? "old(" + n + ")" : n;
      }
      case ExprOp::Bound:
        return "$" + std::to_string(e->slot);
      case ExprOp::Not:
        return "not " + arg(0);
      case ExprOp::Neg:
        return "-" + arg(0);
      case ExprOp::Index:
        return arg(0) + "[" + arg(1) + "]";
      case ExprOp::Field:
        return arg(0) + "." + field_name(a.empty() ? nullptr : a[0], e->slot);
      case ExprOp::If:
        return "(if " + arg(0) + " then " + arg(1) + " else " + arg(2) + ")";
      case ExprOp::Let:
        return "(let $" + std::to_string(e->slot) + " = " + arg(0) + " in " + arg(1) + ")";
      case ExprOp::Forall:
        return "(forall " + binders(e->binders) + ": " + arg(0) + ")";
      case ExprOp::Exists:
        return "(exists " + binders(e->binders) + ": " + arg(0) + ")";
      case ExprOp::Sum:
        return "(sum " + binders(e->binders) + ": " + arg(0) + ")";
      case ExprOp::SetLit:
        return "{" + list(a) + "}";
      case ExprOp::SetFilter:
        return "{" + binders(e->binders) + " : " + arg(0) + "}";
      case ExprOp::SetMap:
        return "{" + arg(0) + " : " + binders(e->binders) + "}";
      case ExprOp::FuncCtor:
        return "[" + binders(e->binders) + " |-> " + arg(0) + "]";
      case ExprOp::RecordCtor: {
        std::string out = "[";
        for (std::size_t i = 0; i < a.size(); ++i) {
          if (i) out += ", ";
          std::string f = e->type && e->type->kind == TypeKind::Record && i < e->type->fields.size()
                              ? e->type->fields[i].first
                              : "#" + std::to_string(i);
          out += f + " |-> " + expr(a[i]);
        }
        return out + "]";
      }
      case ExprOp::SeqLit:
        return "<<" + list(a) + ">>";
      case ExprOp::FuncUpdate:
        return "(" + arg(0) + " with [" + arg(1) + "] = " + arg(2) + ")";
      case ExprOp::RecordUpdate:
        return "(" + arg(0) + " with ." + field_name(a.empty() ? nullptr : a[0], e->slot) + " = " +
               arg(1) + ")";
      case ExprOp::TypeSet:
        return e->set_type ? e->set_type->str() : "<type?>";
      default:
        return "<op " + std::to_string(static_cast<int>(e->op)) + ">";
    }
  }

  std::string lock_name(std::int32_t base, const ir::Expr* index) const {
    std::string n = base >= 0 && static_cast<std::size_t>(base) < s_.locks.size()
                        ? s_.locks[base].name
                        : "#" + std::to_string(base);
    if (index) n = "(" + n + " + " + expr(index) + ")";
    return n;
  }

  void stmt(std::ostringstream& o, const ir::Stmt* st, int indent) const {
    std::string pad(static_cast<std::size_t>(indent), ' ');
    if (!st) {
      o << pad << "<null>\n";
      return;
    }
    switch (st->op) {
      case StmtOp::Seq:
        if (st->children.empty()) o << pad << "skip\n";
        for (const auto* ch : st->children) stmt(o, ch, indent);
        return;
      case StmtOp::Guard:
        o << pad << "guard " << expr(st->expr) << "\n";
        return;
      case StmtOp::Assign: {
        std::string t = st->var < s_.vars.size() ? s_.vars[st->var].name : "#" + std::to_string(st->var);
        const Type* cur = st->var < s_.vars.size() ? s_.vars[st->var].type : nullptr;
        for (const auto& p : st->path) {
          if (p.field) {
            t += "." + (cur && cur->kind == TypeKind::Record && p.slot < cur->fields.size()
                            ? cur->fields[p.slot].first
                            : "#" + std::to_string(p.slot));
            cur = cur && cur->kind == TypeKind::Record && p.slot < cur->fields.size()
                      ? cur->fields[p.slot].second
                      : nullptr;
          } else {
            t += "[" + expr(p.index) + "]";
            cur = cur ? (cur->kind == TypeKind::Function ? cur->codomain : cur->elem) : nullptr;
          }
        }
        if (prime_new) t += "'";
        o << pad << t << (st->once ? " :=once " : " := ") << expr(st->expr) << "\n";
        return;
      }
      case StmtOp::Either:
        for (std::size_t i = 0; i < st->children.size(); ++i) {
          o << pad << (i == 0 ? "either" : "or") << "\n";
          stmt(o, st->children[i], indent + 2);
        }
        return;
      case StmtOp::Choose:
        o << pad << "with $" << st->binder.slot << " in " << expr(st->binder.set) << "\n";
        for (const auto* ch : st->children) stmt(o, ch, indent + 2);
        return;
      case StmtOp::If:
        o << pad << "if " << expr(st->expr) << "\n";
        if (!st->children.empty()) stmt(o, st->children[0], indent + 2);
        if (st->children.size() > 1 &&
            !(st->children[1]->op == StmtOp::Seq && st->children[1]->children.empty())) {
          o << pad << "else\n";
          stmt(o, st->children[1], indent + 2);
        }
        return;
      case StmtOp::Assert:
        o << pad << "assert " << expr(st->expr) << " \"" << st->message << "\" [" << st->property
          << "]\n";
        return;
      case StmtOp::Fail:
        o << pad << "fail " << st->message << "\n";
        return;
      case StmtOp::LockEvent: {
        const char* ev = st->event == ir::LockEventKind::Request   ? "request"
                         : st->event == ir::LockEventKind::Acquire ? "acquire"
                                                                   : "release";
        o << pad << "lock-event " << ev << " " << lock_name(st->lock_base, st->expr) << " "
          << (st->mode == ir::LockMode::Shared ? "shared" : "exclusive") << "\n";
        return;
      }
    }
  }

 private:
  const ir::System& s_;
};

}  // namespace

std::string dump_ir(const ir::System& s) {
  std::ostringstream o;
  Printer p(s);
  std::uint64_t bits = 0;
  for (const auto& l : s.leaves) bits += l.width;
  o << "module " << s.module << "\n";
  o << "state: " << s.state_words << " word(s), " << bits << " bits in " << s.leaves.size()
    << " leaves, " << s.vars.size() << " vars; env slots: " << s.env_slots << "\n";
  o << "\nvars:\n";
  for (std::size_t i = 0; i < s.vars.size(); ++i) {
    const auto& v = s.vars[i];
    o << "  #" << i << " " << v.name << " : " << (v.type ? v.type->str() : "?") << "  ["
      << role_name(v.role) << "]";
    const std::uint32_t shown = std::min<std::uint32_t>(v.leaf_count, 8);
    for (std::uint32_t j = 0; j < shown; ++j) {
      const auto& l = s.leaves[v.first_leaf + j];
      o << " @" << l.offset << ":" << static_cast<int>(l.width);
    }
    if (v.leaf_count > shown) o << " ... (" << v.leaf_count << " leaves)";
    o << "\n";
  }
  o << "\ninit:\n";
  for (const auto& iv : s.init) {
    o << "  " << (iv.var < s.vars.size() ? s.vars[iv.var].name : "?");
    if (iv.value) o << " = " << p.expr(iv.value) << "\n";
    else o << " in " << p.expr(iv.set) << "\n";
  }
  for (const auto& pr : s.initially) o << "  initially " << p.expr(pr.expr) << "\n";
  if (!s.processes.empty()) o << "\nprocesses:\n";
  for (std::size_t i = 0; i < s.processes.size(); ++i) {
    const auto& pi = s.processes[i];
    o << "  [" << i << "] " << pi.name << " (process " << pi.process << ", self = " << pi.index
      << ", pc #" << pi.pc_var << ", end = " << pi.end_pc << ")\n";
    for (std::size_t l = 0; l < pi.locations.size(); ++l) {
      const auto& loc = pi.locations[l];
      o << "    pc " << l << ": " << (static_cast<std::int64_t>(l) == pi.end_pc ? "end" : "")
        << (loc.label.empty() ? "" : loc.label) << "  " << s.location(loc.span) << "\n";
    }
  }
  if (!s.locks.empty()) o << "\nlocks:\n";
  for (std::size_t i = 0; i < s.locks.size(); ++i) {
    const auto& l = s.locks[i];
    const char* kind = l.kind == ir::LockKind::Mutex      ? "mutex"
                       : l.kind == ir::LockKind::Spinlock ? "spinlock"
                                                          : "rwsem";
    o << "  [" << i << "] " << l.name << " (class " << l.lock_class << ", " << kind
      << (l.queued ? " queued" : "") << ") owner #" << l.owner_var;
    if (l.narrowed) {  // owner code k names l.owners[k-1]
      o << " (" << (l.owners.empty() ? "never held exclusively" : "");
      for (std::size_t k = 0; k < l.owners.size(); ++k)
        o << (k ? ", " : "") << k + 1 << " = " << s.processes[static_cast<std::size_t>(l.owners[k])].name;
      o << ")";
    }
    if (l.readers_var >= 0) o << " readers #" << l.readers_var;
    if (l.queue_var >= 0) o << " queue #" << l.queue_var;
    o << "\n";
  }
  o << "\ntransitions: " << s.transitions.size() << "\n";
  for (std::size_t i = 0; i < s.transitions.size(); ++i) {
    const auto& t = s.transitions[i];
    p.prime_new = t.process < 0;
    o << "  t" << i << " " << t.name;
    if (t.process >= 0) o << "  [pc " << t.from_pc << "]";
    if (!t.label.empty()) o << "  label " << t.label;
    o << "  " << s.location(t.span) << "\n";
    if (t.wait.kind == ir::WaitInfo::Lock)
      o << "      waits for lock " << p.lock_name(t.wait.lock_base, t.wait.lock_index) << " "
        << (t.wait.mode == ir::LockMode::Shared ? "shared" : "exclusive") << "\n";
    else if (t.wait.kind == ir::WaitInfo::Await)
      o << "      waits for " << t.wait.condition << "\n";
    p.stmt(o, t.body, 6);
  }
  p.prime_new = false;
  auto preds = [&](const char* title, const std::vector<ir::NamedPredicate>& v) {
    if (v.empty()) return;
    o << "\n" << title << ":\n";
    for (const auto& pr : v) o << "  " << pr.name << ": " << p.expr(pr.expr) << "\n";
  };
  preds("constraints", s.constraints);
  preds("invariants", s.invariants);
  preds("covers", s.covers);
  if (!s.lock_order.empty()) {
    o << "\nlock order:\n";
    for (const auto& [a, b] : s.lock_order) o << "  " << a << " < " << b << "\n";
  }
  if (!s.lock_nesting.empty()) {
    o << "\nlock nesting:\n";
    for (const auto& n : s.lock_nesting) o << "  " << n.lock_class << " by index\n";
  }
  o << "\nchecks: deadlock " << (s.check_deadlock ? "on" : "off") << ", lock_order "
    << (s.check_lock_order ? "on" : "off") << ", held_at_exit "
    << (s.check_held_at_exit ? "on" : "off") << "\n";
  return o.str();
}

}  // namespace compiler
