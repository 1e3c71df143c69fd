// compiler: the AST of a weft module: every node has a source span; sema fills the resolution
// and type slots in place (the "typed AST"), which lowering then reads. No behaviour here.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/source_manager.h"

namespace compiler {
struct Type;  // semantic type (types.h), owned by the TypeArena
}

namespace ast {

using support::SourceSpan;

struct Expr;
struct Stmt;
struct TypeExpr;
struct Decl;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using TypeExprPtr = std::unique_ptr<TypeExpr>;

struct Ident {
  std::string name;
  SourceSpan span;
};

// ---------------------------------------------------------------- type expressions (§3)
enum class TypeExprKind {
  Bool,      // bool
  Range,     // lo..hi          (lo, hi)
  Named,     // Name            (name: enum, alias, or the set of a process? no: enum/alias)
  SetOf,     // set of T        (elem)
  Function,  // [D] -> T        (elem = D, elem2 = T)
  Record,    // [f1: T1, ...]   (fields)
  SeqOf,     // seq of T max K  (elem, hi = K)
};

struct RecordFieldType {
  Ident name;
  TypeExprPtr type;
};

struct TypeExpr {
  TypeExprKind kind;
  SourceSpan span;
  ExprPtr lo, hi;           // Range bounds; SeqOf: hi is the max length
  Ident name;               // Named
  TypeExprPtr elem, elem2;  // SetOf / SeqOf elem; Function domain (elem) and codomain (elem2)
  std::vector<RecordFieldType> fields;  // Record
  const compiler::Type* resolved = nullptr;  // filled by sema
};

// ---------------------------------------------------------------- expressions (§4)
enum class ExprKind {
  IntLit,      // int_value
  BoolLit,     // bool_value
  StringLit,   // str_value (unescaped)
  Name,        // name            (global/local var, const, enum value, def, param, bound, lock, process, type)
  Qualified,   // Enum.value      (name = enum, field = value)
  Self,        // self
  Unary,       // op, args[0]             (Not, Neg)
  Binary,      // op, args[0], args[1]
  Call,        // name(args...)           (def or builtin)
  Index,       // args[0][args[1]]        (function/sequence application, process or lock instance)
  Field,       // args[0].field           (record field, or p.x local of a process instance)
  Prime,       // args[0]'                (args[0] is a Name; inside actions only)
  At,          // args[0]@field           (process-instance expr @ label; field == "end" for p@end)
  SetLit,      // {args...}
  SetFilter,   // {x in S : p}            binders[0], args[0] = predicate
  SetMap,      // {e : x in S, ...}       args[0] = element, binders
  FuncCtor,    // [x in D |-> e]          binders[0], args[0] = body
  RecordCtor,  // [f1 |-> e1, ...]        fields[i] with args[i]
  SeqLit,      // <<args...>>
  If,          // if args[0] then args[1] else args[2]
  Forall,      // forall binders: args[0]
  Exists,      // exists binders: args[0]
  Sum,         // sum binders: args[0]
  Let,         // let binders[0].name = binders[0].set in args[0]  (binder's "set" is the value)
  FuncUpdate,  // args[0] with [args[1]] = args[2]
  RecordUpdate,// args[0] with .field = args[1]
  TypeAsSet,   // a type written where a set is expected (set of T, [D] -> T, ...): type_expr
};

enum class Op {
  None,
  // unary
  Not, Neg,
  // binary, lowest to highest precedence (§4)
  Implies, Iff, Or, And,
  Eq, Ne, Lt, Le, Gt, Ge, In, NotIn, Subset,
  Union, Diff, Inter,
  Range,  // a..b
  Add, Sub, Mul, Div, Mod, Pow,
};

const char* op_spelling(Op op);

// A bound variable: `x in S` (quantifiers, filters, maps, functions, with) or `x = e` (let).
struct Binder {
  Ident name;
  ExprPtr set;  // the domain (or, for let, the bound value)
};

// What a Name/Call resolved to (filled by sema). `decl` points at the declaring node.
enum class RefKind {
  Unresolved,
  GlobalVar,   // decl: VarDecl (Decl of kind Var)
  LocalVar,    // decl: the process Decl; index: position in its locals. In a proc body, a local
               // of the calling process: decl = the Proc Decl, index = -1 (find it by name)
  Const,       // decl: Const Decl; const_value holds the evaluated value
  EnumValue,   // decl: Enum Decl; index: value position
  Def,         // decl: Def Decl
  Param,       // parameter of an action/def/proc/process: decl = owner, index = position
  Bound,       // bound by a quantifier/let/with/filter/map/function ctor: binder points at it
  Lock,        // decl: Lock Decl
  Process,     // decl: Process Decl
  Type,        // decl: Enum or TypeAlias Decl
  Builtin,     // card, min, max, len, head, tail, append, holds, locked
};

struct Resolution {
  RefKind kind = RefKind::Unresolved;
  const Decl* decl = nullptr;
  const Binder* binder = nullptr;
  int index = -1;
};

struct Expr {
  ExprKind kind;
  SourceSpan span;
  Op op = Op::None;
  std::int64_t int_value = 0;
  bool bool_value = false;
  std::string str_value;  // StringLit
  std::string name;       // Name, Call, Qualified (enum name)
  std::string field;      // Field, Qualified (value name), At (label), RecordUpdate
  SourceSpan field_span;
  std::vector<ExprPtr> args;
  std::vector<Binder> binders;
  std::vector<Ident> fields;  // RecordCtor field names (parallel to args)
  TypeExprPtr type_expr;      // TypeAsSet

  // filled by sema
  Resolution ref;
  const compiler::Type* type = nullptr;
  std::optional<std::int64_t> const_value;  // set when sema folded this to an int/bool/enum constant
};

// ---------------------------------------------------------------- statements (§5, §6)
enum class StmtKind {
  Assign,        // target := value          (process)   exprs[0] target, exprs[1] value
  PrimedAssign,  // target' = value          (action)    exprs[0] target (Name/Index/Field, unprimed), exprs[1] value
  Require,       // require e                (action)    exprs[0]
  Await,         // await e                  (process)   exprs[0]
  Acquire,       // acquire L [mode]         (process)   exprs[0] lock instance
  Release,       // release L                (process)   exprs[0]
  Assert,        // assert e "msg"           exprs[0], message
  Skip,
  Atomic,        // atomic { body }          blocks[0]
  If,            // if c { } else if ... else { }: exprs = conditions, blocks = bodies (one more block if else)
  While,         // while c { body }         exprs[0], blocks[0]
  Loop,          // loop { body }            blocks[0]
  Break,
  Either,        // either { } or { } ...    blocks = branches
  With,          // with x in S, ... { body } binders, blocks[0]
  Call,          // call p(args)             name, exprs = args
};

enum class LockMode { Default, Exclusive, Shared };

struct Block {
  std::vector<StmtPtr> stmts;
  SourceSpan span;
};

struct Stmt {
  StmtKind kind;
  SourceSpan span;
  std::optional<Ident> label;  // `label: stmt`
  std::vector<ExprPtr> exprs;
  std::vector<Block> blocks;
  std::vector<Binder> binders;
  LockMode mode = LockMode::Default;
  std::string message;  // Assert
  std::string name;     // Call: proc name
  SourceSpan name_span;
  // filled by sema
  const Decl* callee = nullptr;  // Call: the Proc Decl
};

// ---------------------------------------------------------------- declarations (§2)
enum class DeclKind {
  Import,      // import "path"                  str
  Const,       // const N = e                    name, value
  Enum,        // enum E { a, b }                name, enum_values
  TypeAlias,   // type T = texpr                 name, type
  Var,         // var x: T [= e | in S]           name, type, init_kind, value
  Initially,   // initially e                    value
  Constraint,  // constraint e                   value
  Lock,        // lock L[: kind] / lock L[D]: kind name, index_type (optional), lock_kind, queued
  LockOrder,   // lock_order A < B < C           order; or lock_order L by index: order (one item), nesting_by_index
  Def,         // def f(params) = e              name, params, value
  Action,      // action A(params) { body }      name, params, body
  Process,     // process p[x: D] { locals body } name, params (0 or 1), locals, body
  Proc,        // proc p(params) { body }        name, params, body
  Invariant,   // invariant name: e              name, value
  Cover,       // cover name: e                  name, value
  Check,       // check deadlock|lock_order|held_at_exit on|off   name, check_on
};

enum class VarInit { None, Equals, In };
enum class LockKind { Mutex, Spinlock, Rwsem };

struct Param {
  Ident name;
  TypeExprPtr type;  // for def params may be null if untyped? (grammar requires a type)
};

struct LocalVar {
  Ident name;
  TypeExprPtr type;
  VarInit init_kind = VarInit::None;
  ExprPtr value;
  SourceSpan span;
  const compiler::Type* resolved_type = nullptr;  // sema
};

// One element of a lock_order chain: a lock class, optionally with an index pattern reserved
// for same-class nesting: `lock_order L by index` is one item with Decl::nesting_by_index (ADR 0002).
struct LockOrderItem {
  Ident lock;
  const Decl* decl = nullptr;  // sema
};

struct Decl {
  DeclKind kind;
  SourceSpan span;
  Ident name;
  support::FileId file = support::kNoFile;  // the file (module or import) that declared it
  std::string str;                          // Import path (unescaped)
  ExprPtr value;
  TypeExprPtr type;                         // Var / TypeAlias
  VarInit init_kind = VarInit::None;
  std::vector<Ident> enum_values;
  std::vector<Param> params;
  std::vector<LocalVar> locals;             // Process
  Block body;
  TypeExprPtr index_type;                   // Lock arrays: lock folio[Page]
  LockKind lock_kind = LockKind::Mutex;
  bool queued = false;
  std::vector<LockOrderItem> order;
  bool nesting_by_index = false;            // LockOrder: `lock_order L by index` (docs/adr/0002)
  bool check_on = true;

  // filled by sema
  const compiler::Type* resolved_type = nullptr;  // Var/TypeAlias/Const/Def result type
  std::optional<std::int64_t> const_value;        // Const (ints as is; bool as 0/1)
};

struct Module {
  Ident name;
  support::FileId file = support::kNoFile;
  SourceSpan span;
  // Declarations of this file and, after import merging (sema), of every imported file, in
  // order: the imported ones appear where their import stood.
  std::vector<std::unique_ptr<Decl>> decls;
};

}  // namespace ast
