// tests (checker): the `lock_order L by index` extension (docs/adr/0002) through the front end:
// parsing with `by`/`index` as plain words, the AST dump, the checks (E0104 for other words,
// E0319 on a single lock, E0201 for an unknown lock) and the lowering into System::lock_nesting.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "compiler/frontend.h"
#include "compiler/lower.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace checker_test {
namespace {

struct Compiled {
  support::SourceManager sm;
  support::DiagnosticSink diags;
  std::unique_ptr<compiler::CheckedModule> checked;
  std::unique_ptr<ir::System> sys;
  std::string rendered() const { return diags.render(sm); }
};

std::unique_ptr<Compiled> compile(const std::string& text) {
  auto c = std::make_unique<Compiled>();
  auto file = c->sm.add("test.weft", text);
  compiler::FrontendOptions opts;
  c->checked = compiler::check_loaded(c->sm, file, opts, c->diags);
  if (c->checked && !c->diags.has_errors()) c->sys = compiler::lower(*c->checked, c->sm, "test.weft", c->diags);
  return c;
}

TEST(LockOrderSyntax, ByIndexLowersToLockNesting) {
  auto c = compile(R"(module m
type Page = 0..3
lock folio[Page]: mutex
lock mapping: mutex
lock_order mapping < folio
lock_order folio by index
lock_order folio by index
)");
  ASSERT_TRUE(c->sys) << c->rendered();
  EXPECT_FALSE(c->diags.has_errors()) << c->rendered();
  ASSERT_EQ(c->sys->lock_nesting.size(), 1u);  // declared twice, kept once
  EXPECT_EQ(c->sys->lock_nesting[0].lock_class, "folio");
  EXPECT_EQ(c->sys->lock_nesting[0].span.line, 6u);
  ASSERT_EQ(c->sys->lock_order.size(), 1u);  // the class order is unaffected
  EXPECT_EQ(c->sys->lock_order[0], std::make_pair(std::string("mapping"), std::string("folio")));
}

TEST(LockOrderSyntax, ByAndIndexStayOrdinaryNames) {
  auto c = compile(R"(module m
const index = 2
var by: 0..index = 0
type Page = 0..index
lock folio[Page]: mutex
lock_order folio by index
process p { acquire folio[by]; by := index; release folio[0] }
)");
  EXPECT_TRUE(c->sys) << c->rendered();
  EXPECT_FALSE(c->diags.has_errors()) << c->rendered();
}

TEST(LockOrderSyntax, OtherWordsAreASyntaxError) {
  auto c = compile("module m\nlock folio[0..1]: mutex\nlock_order folio by address\n");
  EXPECT_TRUE(c->diags.has_errors());
  EXPECT_NE(c->rendered().find("E0104"), std::string::npos) << c->rendered();
  EXPECT_NE(c->rendered().find("found `address`"), std::string::npos) << c->rendered();
  auto d = compile("module m\nlock folio[0..1]: mutex\nlock_order folio after index\n");
  EXPECT_NE(d->rendered().find("found `after`"), std::string::npos) << d->rendered();
}

TEST(LockOrderSyntax, ByIndexNeedsALockArray) {
  auto c = compile("module m\nlock m1: mutex\nvar v: bool = false\nlock_order m1 by index\nlock_order v by index\nlock_order zz by index\n");
  std::string out = c->rendered();
  EXPECT_NE(out.find("test.weft:4:12: error[E0319]"), std::string::npos) << out;
  EXPECT_NE(out.find("is a single lock"), std::string::npos) << out;
  EXPECT_NE(out.find("test.weft:5:12: error[E0210]"), std::string::npos) << out;
  EXPECT_NE(out.find("test.weft:6:12: error[E0201]"), std::string::npos) << out;
}

}  // namespace
}  // namespace checker_test
