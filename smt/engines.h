// smt: the individual engines behind smt::run_check (internal): each returns a complete
// SmtResult and may throw Unsupported or z3::exception (run_check turns those into errors).
#pragma once
#include "smt/smt.h"

namespace smt {

SmtResult run_bmc(const ir::System& sys, const SmtOptions& opt);
SmtResult run_induction(const ir::System& sys, const SmtOptions& opt);
SmtResult run_all(const ir::System& sys, const SmtOptions& opt);

}  // namespace smt
