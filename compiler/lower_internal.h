// compiler (lower): internals shared by the lower_*.cpp files: the Lowerer state (variable
// maps, process control-flow graphs, lock classes) and its per-concern methods. Not an API.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ast.h"
#include "compiler/frontend.h"
#include "compiler/ir.h"
#include "compiler/types.h"
#include "support/diagnostics.h"

namespace compiler::lowering {

using support::DiagCode;
using support::SourceSpan;

// A proc expansion: `call proc(args)` made in `parent`'s context.
struct CallFrame {
  const ast::Decl* proc = nullptr;
  const std::vector<ast::ExprPtr>* args = nullptr;
  const CallFrame* parent = nullptr;
};

// Where a bound name lives: an environment slot or a (with-binder) state variable.
struct BinderLoc {
  bool is_var = false;
  std::uint32_t index = 0;
};

// The expression/statement lowering context.
struct Ctx {
  bool read_old = false;   // unprimed variable reads see the pre-state (actions)
  bool action = false;     // lowering an action body
  int instance = -1;       // the running process instance (self), or -1
  const CallFrame* call = nullptr;
  std::map<const ast::Decl*, std::vector<const ir::Expr*>> params;  // action/def parameters
  std::map<const ast::Binder*, BinderLoc> binders;
  std::uint32_t depth = 0;  // next free environment slot
};

// ------------------------------------------------------------------ process control flow
enum class NodeKind {
  Simple,   // assignment, await, acquire (not queued), release, assert, skip: one step
  Request,  // request step of a `rwsem queued` acquire (stmt: the acquire)
  Grant,    // grant step of a `rwsem queued` acquire (stmt: the acquire)
  Atomic,   // an atomic block: one step (grant_first: its first acquire is only the grant)
  Branch,   // if/while test `cond`: succ[0] when true, succ[1] when false
  Either,   // one successor per branch
  With,     // with binders of `stmt`: succ[0] is the body
  Jump,     // no-op (loop heads, break, labels on compound statements)
  End,      // the process has finished
};

struct Node {
  NodeKind kind = NodeKind::Jump;
  const ast::Stmt* stmt = nullptr;
  const ast::Expr* cond = nullptr;
  std::vector<int> succ;
  const CallFrame* call = nullptr;
  std::vector<int> scope;  // enclosing With nodes, outermost first
  std::string label;
  bool grant_first = false;
  int order = -1;          // depth-first preorder (source order of locations)
  bool is_step() const {
    return kind == NodeKind::Simple || kind == NodeKind::Request || kind == NodeKind::Grant ||
           kind == NodeKind::Atomic || kind == NodeKind::End;
  }
};

// One folded path from a location to the step it takes: control decisions, then `terminal`.
struct PathElem {
  int node = 0;
  int choice = 0;  // Branch: 0 true, 1 false; Either: branch index
};
struct Path {
  std::vector<PathElem> elems;
  int terminal = 0;
};

struct Cfg {
  std::vector<Node> nodes;
  int entry = 0;
  int end = 0;
  std::vector<int> locations;          // pc value -> node (end last)
  std::map<int, int> pc_of;            // node -> pc value
  std::vector<std::vector<Path>> paths;  // per pc value
  std::set<int> with_vars;             // With nodes whose binders are kept in the state
};

struct ProcInfo {
  const ast::Decl* decl = nullptr;
  int first = 0;  // first process instance
  int count = 1;
  const Type* index_type = nullptr;  // null for a single process
  std::vector<std::int64_t> values;
  Cfg cfg;
};

struct InstInfo {
  int proc = 0;
  std::int64_t value = 0;
  std::string name;
  std::uint32_t pc_var = 0;
  std::map<std::string, std::uint32_t> locals;
  std::map<std::pair<int, int>, std::uint32_t> with_vars;  // (With node, binder index) -> var
};

struct LockClassInfo {
  const ast::Decl* decl = nullptr;
  int first = 0;
  int count = 1;
  const Type* index_type = nullptr;
  std::vector<std::int64_t> values;
};

// A lock instance named in the source: constant (`inst` >= 0) or dynamic (ordinal `ord`).
struct LockRef {
  int cls = -1;
  int inst = -1;
  const ir::Expr* ord = nullptr;
};
// A process instance named in the source.
struct InstRef {
  int proc = -1;
  int inst = -1;
  const ir::Expr* ord = nullptr;
};

enum class AcquireStep { Combined, Request, Grant };

class Lowerer {
 public:
  Lowerer(const CheckedModule& module, const support::SourceManager& sm,
          support::DiagnosticSink& diags, ir::System& sys);
  bool run();

  // ---- diagnostics and small helpers (lower.cpp)
  void error(DiagCode code, SourceSpan span, std::string message);
  bool failed() const { return errors_ > 0; }
  std::string source_text(const SourceSpan& span) const;

  // ---- types and layout (lower_layout.cpp)
  static bool is_scalar(const Type* t);
  std::vector<std::int64_t> scalar_values(const Type* t) const;
  std::string value_name(const Type* t, std::int64_t v) const;
  std::int64_t ordinal_lo(const Type* t) const;  // value of ordinal 0
  std::uint32_t add_var(std::string name, ir::VarRole role, const Type* type, SourceSpan decl,
                        int process = -1, int lock = -1);
  const ir::Expr* smallest_value(const Type* t);
  bool flatten_smallest(const Type* t, std::vector<std::int64_t>& out) const;
  bool layout();

  // ---- expression builders (lower_expr.cpp)
  const Type* bool_t() const { return types_->bool_type(); }
  const Type* int_t() const { return types_->int_type(); }
  const ir::Expr* k(std::int64_t v, const Type* t, SourceSpan span = {});
  const ir::Expr* kbool(bool b) { return k(b ? 1 : 0, bool_t()); }
  const ir::Expr* kint(std::int64_t v) { return k(v, int_t()); }
  const ir::Expr* read(std::uint32_t var, bool old);
  const ir::Expr* mk(ir::ExprOp op, const Type* t, std::vector<const ir::Expr*> args,
                     SourceSpan span = {});
  const ir::Expr* and_(const ir::Expr* a, const ir::Expr* b);
  const ir::Expr* or_(const ir::Expr* a, const ir::Expr* b);
  const ir::Expr* not_(const ir::Expr* a);
  const ir::Expr* eq(const ir::Expr* a, const ir::Expr* b);
  std::uint32_t alloc_slot(Ctx& c);
  static bool is_const(const ir::Expr* e, std::int64_t v);

  // ---- expressions (lower_expr.cpp)
  const ir::Expr* expr(const ast::Expr& e, Ctx& c);
  const ir::Expr* name_expr(const ast::Expr& e, Ctx& c);
  const ir::Expr* param_expr(const ast::Expr& e, Ctx& c);
  const ir::Expr* call_expr(const ast::Expr& e, Ctx& c);
  const ir::Expr* inline_def(const ast::Decl& def, const std::vector<ast::ExprPtr>& args,
                             const ast::Expr& at, Ctx& c);
  const ir::Expr* quantifier(ir::ExprOp op, const ast::Expr& e, Ctx& c);
  const ir::Expr* local_read(int inst, const std::string& name, const ast::Expr& at, Ctx& c);
  bool is_instance_expr(const ast::Expr& e) const;
  const ir::Expr* ordinal(const ast::Expr& index, const Type* index_type, Ctx& c);
  InstRef instance_ref(const ast::Expr& e, Ctx& c);
  const ir::Expr* instance_id(const InstRef& r);
  const ir::Expr* per_instance(const InstRef& r, const std::function<const ir::Expr*(int)>& f);
  const ir::Expr* set_type_of(const Type* set_type, SourceSpan span);

  // ---- statements in sequential/tree form (lower_stmt.cpp): actions and atomic blocks
  const ir::Stmt* seq(std::vector<const ir::Stmt*> children, SourceSpan span = {});
  const ir::Stmt* guard(const ir::Expr* e, SourceSpan span = {});
  const ir::Stmt* assign(std::uint32_t var, const ir::Expr* value, SourceSpan span = {});
  const ir::Stmt* if_(const ir::Expr* cond, const ir::Stmt* then_s, const ir::Stmt* else_s,
                      SourceSpan span = {});
  const ir::Stmt* fail(const std::string& category, SourceSpan span);
  const ir::Stmt* block_stmts(const ast::Block& b, Ctx& c, const ast::Stmt* grant);
  const ir::Stmt* stmt(const ast::Stmt& s, Ctx& c, const ast::Stmt* grant);
  const ir::Stmt* assignment(const ast::Stmt& s, Ctx& c, bool primed);
  bool target(const ast::Expr& t, Ctx& c, std::uint32_t& var, std::vector<ir::PathElem>& path);
  const ir::Stmt* with_stmt(const ast::Stmt& s, std::size_t i, Ctx c, const ast::Stmt* grant);

  // ---- locks (lower_locks.cpp)
  void declare_lock_classes();
  void declare_lock_vars();
  const ir::Stmt* lock_event(int lock, ir::LockMode mode, ir::LockEventKind ev, SourceSpan span);
  const ir::Expr* queue_without(int lock, std::int64_t code, Ctx& c);
  LockRef lock_ref(const ast::Expr& e, Ctx& c);
  const ir::Stmt* per_lock(const LockRef& r, SourceSpan span,
                           const std::function<const ir::Stmt*(int)>& f);
  const ir::Expr* per_lock_expr(const LockRef& r, const std::function<const ir::Expr*(int)>& f);
  const ir::Expr* holds(int lock, const ir::Expr* inst_id, bool old);
  const ir::Expr* locked(int lock, bool old);
  const ir::Stmt* acquire(const ast::Stmt& s, Ctx& c, AcquireStep step);
  const ir::Stmt* release(const ast::Stmt& s, Ctx& c);
  ir::WaitInfo lock_wait(const ast::Stmt& s, Ctx& c);
  bool is_queued_acquire(const ast::Stmt& s) const;
  int lock_class_of(const ast::Expr& e) const;
  void lock_order();

  // ---- processes (lower_process.cpp)
  void declare_processes();
  void build_cfg(ProcInfo& p);
  int new_node(Cfg& g, NodeKind kind, const ast::Stmt* s, const CallFrame* call,
               const std::vector<int>& scope);
  int build_block(Cfg& g, const ast::Block& b, int next, const CallFrame* call,
                  const std::vector<int>& scope, int loop_exit, int depth);
  int build_stmt(Cfg& g, const ast::Stmt& s, int next, const CallFrame* call,
                 const std::vector<int>& scope, int loop_exit, int depth);
  void enum_paths(const Cfg& g, int n, std::vector<PathElem>& cur, std::vector<char>& on,
                  std::vector<Path>& out, const ast::Decl& proc);
  void process_transitions(int inst);
  const ir::Stmt* path_body(int inst, const Cfg& g, int loc, const Path& p, std::size_t i,
                            Ctx c, std::set<int> entered);
  const ir::Stmt* step_effect(const Node& n, Ctx& c);
  const ir::Expr* at_expr(const ast::Expr& e, Ctx& c);
  const ir::Expr* at_instance(int inst, const std::string& label, const ast::Expr& at, Ctx& c);
  const ir::Expr* path_condition(int inst, const Cfg& g, const Path& p, std::size_t i,
                                 std::size_t last, Ctx c);
  Ctx instance_ctx(int inst, const Cfg& g, int node, bool read_old, std::uint32_t depth);
  const Type* binder_type(const ast::Binder& b, SourceSpan span);

  // ---- actions (lower_action.cpp)
  void actions();
  void action(const ast::Decl& d);

  // state
  const CheckedModule& module_;
  const support::SourceManager& sm_;
  support::DiagnosticSink& diags_;
  ir::System& sys_;
  std::shared_ptr<TypeArena> types_;
  int errors_ = 0;
  bool quiet_ = false;  // errors are counted but not reported (speculative lowering)
  // Per lock instance, the process instances with an exclusive acquire of it (filled while
  // lowering), and the owner sets to narrow the owner variables to (ir::LockInstance::owners;
  // null: the identity). lower() lowers twice: the first pass finds the sets.
  std::vector<std::set<std::int32_t>> takers_;
  const std::vector<std::vector<std::int32_t>>* owner_sets_ = nullptr;

  std::map<const ast::Decl*, std::uint32_t> globals_;
  std::vector<ProcInfo> procs_;
  std::map<const ast::Decl*, int> proc_index_;
  std::vector<InstInfo> insts_;
  std::vector<LockClassInfo> lock_classes_;
  std::map<const ast::Decl*, int> lock_index_;
  std::deque<CallFrame> frames_;
  std::set<std::pair<int, std::string>> at_in_progress_;
  std::set<std::string> var_names_;
};

}  // namespace compiler::lowering
