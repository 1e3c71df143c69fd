// compiler (lower): actions (§5): one transition per value combination of the (scalar)
// parameters, named `Deposit(w = 1, v = 2)`; unprimed reads see the pre-state, primed reads
// and assignments the state being built; parameters of composite type become a choice.
#include "compiler/lower_internal.h"

namespace compiler::lowering {

namespace {
constexpr std::uint64_t kMaxActionInstances = 1u << 20;
}

void Lowerer::actions() {
  for (const auto& dp : module_.module->decls)
    if (dp->kind == ast::DeclKind::Action) action(*dp);
}

void Lowerer::action(const ast::Decl& d) {
  struct ParamInfo {
    const Type* type = nullptr;
    bool scalar = false;
    std::vector<std::int64_t> values;
  };
  std::vector<ParamInfo> params;
  std::uint64_t combos = 1;
  for (const auto& prm : d.params) {
    ParamInfo pi;
    pi.type = prm.type ? prm.type->resolved : nullptr;
    if (!pi.type || !pi.type->is_value() || pi.type->kind == TypeKind::Int) {
      error(DiagCode::E0310, prm.name.span,
            "action parameter `" + prm.name.name + "` needs a finite type");
      return;
    }
    pi.scalar = is_scalar(pi.type);
    if (pi.scalar) {
      auto card = pi.type->cardinality();
      if (!card || *card > kMaxActionInstances) {
        error(DiagCode::E0409, prm.name.span,
              "action `" + d.name.name + "` has too many instances");
        return;
      }
      pi.values = scalar_values(pi.type);
      combos *= pi.values.size();
      if (combos > kMaxActionInstances) {
        error(DiagCode::E0409, d.span,
              "action `" + d.name.name + "` has more than " +
                  std::to_string(kMaxActionInstances) + " instances");
        return;
      }
    }
    params.push_back(std::move(pi));
  }
  std::vector<std::size_t> idx(params.size(), 0);
  for (std::uint64_t n = 0; n < combos; ++n) {
    Ctx c;
    c.action = true;
    c.read_old = true;
    std::vector<const ir::Expr*> vals(params.size());
    std::vector<ir::Binder> chosen;
    std::string args;
    for (std::size_t i = 0; i < params.size(); ++i) {
      const ParamInfo& pi = params[i];
      if (pi.scalar) {
        std::int64_t v = pi.values[idx[i]];
        vals[i] = k(v, pi.type);
        if (!args.empty()) args += ", ";
        args += d.params[i].name.name + " = " + value_name(pi.type, v);
      } else {
        ir::Binder b;
        b.set = set_type_of(pi.type, d.params[i].name.span);
        b.slot = alloc_slot(c);
        auto* bound = sys_.new_expr();
        bound->op = ir::ExprOp::Bound;
        bound->slot = b.slot;
        bound->type = pi.type;
        vals[i] = bound;
        chosen.push_back(b);
      }
    }
    c.params[&d] = vals;
    const ir::Stmt* body = block_stmts(d.body, c, nullptr);
    for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
      auto* ch = sys_.new_stmt();
      ch->op = ir::StmtOp::Choose;
      ch->span = d.span;
      ch->binder = *it;
      ch->children = {body};
      body = ch;
    }
    ir::Transition t;
    t.name = d.name.name + (params.empty() ? std::string() : "(" + args + ")");
    t.span = d.span;
    t.body = body;
    sys_.transitions.push_back(std::move(t));
    // Next combination (odometer, last parameter fastest).
    for (std::size_t i = params.size(); i-- > 0;) {
      if (!params[i].scalar) continue;
      if (++idx[i] < params[i].values.size()) break;
      idx[i] = 0;
    }
  }
}

}  // namespace compiler::lowering
