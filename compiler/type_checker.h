// compiler (sema): the type checker. It resolves every name, evaluates constants (with -D
// overrides), resolves type expressions, and types every expression and statement, filling the
// typed-AST slots of ast.h (Expr::ref/type/const_value, TypeExpr::resolved,
// Decl::resolved_type/const_value, LocalVar::resolved_type, Stmt::callee, LockOrderItem::decl).
// Consts, type aliases, defs and variable types are checked on demand (any declaration order),
// with cycles reported as E0213. After an error the expression's type is null, which is
// compatible with everything, so one mistake gives one diagnostic.
//
// Conventions lowering relies on (see also docs in the report of the sema engineer):
//  - A Name whose ref is RefKind::Type denotes the set of all values of a type: its type is
//    `set of T`. `E.v` written as a Field on an enum is rewritten to a Qualified node.
//  - Process bodies: locals are RefKind::LocalVar {decl = process, index}. Proc bodies are
//    checked once per calling process (and once without a caller when never called); a name
//    that is a local of the caller has ref {LocalVar, decl = the Proc, index = -1}: lowering
//    finds the local by Expr::name in the expanding process. The caller-dependent slots (the
//    type of `self`) hold the values of the last checked caller.
//  - `self`: as a value its type is the process parameter's type; as the base of `@`, `.x` or
//    in holds(...) its type is TypeKind::Process. Process and lock instances (`p`, `p[i]`,
//    `L`, `L[i]`) have TypeKind::Process / TypeKind::Lock types; `p.x` has ref LocalVar.
//  - Decl::resolved_type: Var its type; TypeAlias its target; Const int or bool; Def its
//    result; Lock its index type (null for a single lock); Process its instance parameter's
//    type (null without instances).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/ast.h"
#include "compiler/const_eval.h"
#include "compiler/frontend.h"
#include "compiler/resolver.h"
#include "compiler/statement_rules.h"
#include "compiler/types.h"

namespace compiler::sema {

// Runs every sema pass on a module whose imports are merged: names, constants, types,
// statement rules and action rules. Diagnostics go to `diags`.
void analyze_module(ast::Module& module, TypeArena& types, const FrontendOptions& options,
                    support::DiagnosticSink& diags);

// Whether the type of `e` can only come from its context (`{}`, `<<>>`, and what is built
// only from them).
bool context_dependent(const ast::Expr* e);
// "variable", "constant", "bound variable", ... for messages.
const char* ref_kind_name(const ast::Resolution& r);

// What reading the state means in the current context.
enum class StateRule {
  Allowed,
  Const,  // a constant expression (const values, range bounds, seq max): E0303
  Init,   // an initial value: E0313
};

class TypeChecker {
 public:
  TypeChecker(ast::Module& module, TypeArena& types, Reporter& rep, const GlobalScope& globals,
              const ConstOverrides& overrides, const BodyInfo& bodies);
  void check_module();

 private:
  struct Ctx {
    ast::Decl* owner = nullptr;    // the declaration being checked
    ast::Decl* process = nullptr;  // process whose locals and self are visible (caller of a proc)
    bool in_action = false;        // primes allowed
    StateRule rule = StateRule::Allowed;
    bool reads_state = false;      // set when the checked expression reads the state
  };
  struct Saved {
    Ctx ctx;
    Scope scope;
    int unknown_context = 0;
  };
  Saved enter(const Ctx& ctx);
  void leave(Saved& saved);
  enum class Progress { NotStarted, InProgress, Done };
  bool begin(const ast::Decl& d, SourceSpan use, const char* what);  // cycle check (E0213)
  void finish(const ast::Decl& d);

  // ---- declarations (type_checker_decl.cpp)
  void check_decl(ast::Decl& d);
  void check_var(ast::Decl& d);
  void check_initial_value(ast::Expr* value, ast::VarInit kind, const Type* type, const std::string& name);
  void check_action(ast::Decl& d);
  void check_process(ast::Decl& d);
  void check_proc_in(ast::Decl& proc, ast::Decl* caller, const std::vector<const Type*>& arg_types);
  void check_property(ast::Decl& d);
  void check_lock(ast::Decl& d);
  void check_lock_order(ast::Decl& d);
  void check_lock_order_cycles();
  void check_check(ast::Decl& d);
  void check_params(ast::Decl& d, bool enumerated);
  // Untyped proc parameters take the type of their argument at the call (`arg_types`).
  void push_params(ast::Decl& d, const std::vector<const Type*>* arg_types = nullptr);
  void push_caller_locals(ast::Decl& proc, ast::Decl& caller);

  // ---- on-demand resolution (type_checker_types.cpp)
  void ensure_const(ast::Decl& d, SourceSpan use);
  const Type* ensure_alias(ast::Decl& d, SourceSpan use);
  const Type* ensure_var(ast::Decl& d, SourceSpan use);
  bool ensure_def(ast::Decl& d, SourceSpan use);
  void ensure_local_types(ast::Decl& process);
  const Type* resolve_type(ast::TypeExpr* t);
  const Type* resolve_domain(ast::TypeExpr* t, const std::string& what);
  const Type* resolve_named_type(ast::TypeExpr& t);
  std::optional<std::int64_t> const_int(ast::Expr* e, const std::string& what);

  // ---- expressions (type_checker_expr.cpp)
  const Type* infer(ast::Expr* e, const Type* hint = nullptr);
  const Type* expect(ast::Expr* e, const Type* want, const std::string& what);
  const Type* expect_bool(ast::Expr* e, const std::string& what);
  const Type* expect_int(ast::Expr* e, const std::string& what);
  const Type* infer_set(ast::Expr* e, const Type* hint, bool enumerated);
  // A process instance (want Process) or lock instance (want Lock): `p`, `p[i]`, `self`.
  const Type* infer_instance(ast::Expr* e, TypeKind want);
  std::pair<const Type*, const Type*> infer_pair(ast::Expr* a, ast::Expr* b, const Type* hint);
  const Type* infer_all(const std::vector<ast::Expr*>& es, const Type* hint, const std::string& what);
  void bind(std::vector<ast::Binder>& binders, bool is_let);
  void state_read(const ast::Expr* e, const std::string& what);
  void fold_failed(const ast::Expr* e, const std::string& why);
  const Type* join(const Type* a, const Type* b);
  bool is_type_set(const ast::Expr* e) const;
  bool is_process_instance_syntax(const ast::Expr* e) const;
  const ast::Decl* global_decl_unshadowed(const ast::Expr* e) const;
  // E0201 with a "did you mean" among the names of the kinds that fit there (`kinds`; empty:
  // values, i.e. locals, constants, variables, defs and enum values).
  void unknown_name(const ast::Expr* e, const std::string& name, SourceSpan span,
                    std::vector<ast::DeclKind> kinds = {});

  const Type* infer_name(ast::Expr* e);
  const Type* infer_global(ast::Expr* e, ast::Decl& d);
  const Type* infer_qualified(ast::Expr* e);
  const Type* infer_self(ast::Expr* e);
  const Type* infer_unary(ast::Expr* e);
  const Type* infer_binary(ast::Expr* e, const Type* hint);
  const Type* infer_call(ast::Expr* e, const Type* hint);
  const Type* infer_builtin(ast::Expr* e, const Type* hint);
  const Type* infer_index(ast::Expr* e);
  const Type* infer_field(ast::Expr* e);
  const Type* infer_local_access(ast::Expr* e);
  const Type* infer_prime(ast::Expr* e);
  const Type* infer_at(ast::Expr* e);
  const Type* infer_set_lit(ast::Expr* e, const Type* hint);
  const Type* infer_seq_lit(ast::Expr* e, const Type* hint);
  const Type* infer_record(ast::Expr* e, const Type* hint);
  const Type* infer_func_ctor(ast::Expr* e, const Type* hint);
  const Type* infer_comprehension(ast::Expr* e, const Type* hint);
  const Type* infer_update(ast::Expr* e, const Type* hint);

  // ---- statements (type_checker_stmt.cpp)
  void check_block(ast::Block& b);
  void check_stmt(ast::Stmt& s);
  void check_call(ast::Stmt& s);
  void check_lock_stmt(ast::Stmt& s);
  const Type* check_target(ast::Expr* e, bool primed);

  ast::Module& module_;
  TypeArena& types_;
  Reporter& rep_;
  const GlobalScope& globals_;
  const ConstOverrides& overrides_;
  const BodyInfo& bodies_;

  Ctx ctx_;
  Scope scope_;
  // > 0 while checking against a type that failed to resolve: `{}` then reports no E0317.
  int unknown_context_ = 0;
  std::map<const ast::Decl*, Progress> progress_;
  std::vector<const ast::Decl*> in_progress_;
  std::map<const ast::Decl*, bool> def_reads_state_;
  std::set<const ast::Decl*> locals_resolved_;
  // Types already reported as invalid function domains (E0315): reported once, not again at
  // every function type or constructor that uses them.
  std::set<std::string> bad_domains_;
  // Conditions already warned about (W0002).
  std::set<const ast::Expr*> warned_conditions_;
  // Constants and defs some expression refers to; the others of the main file are W0001.
  std::set<const ast::Decl*> used_decls_;
  void warn_unused();
  // W0002 for an if/while/await/require condition that folds to a constant without
  // depending on a named constant.
  void warn_constant_condition(ast::Expr* e, const char* keyword);
  // Proc bodies already checked: (proc, caller, types of the arguments of untyped parameters).
  std::set<std::tuple<const ast::Decl*, const ast::Decl*, std::vector<const Type*>>> proc_checked_;
  // Caller locals used by a proc: (proc, name) -> (type, first caller), for the rule that
  // every caller's local of that name has a compatible type.
  std::map<std::pair<const ast::Decl*, std::string>, std::pair<const Type*, const ast::Decl*>> caller_locals_;
};

}  // namespace compiler::sema
