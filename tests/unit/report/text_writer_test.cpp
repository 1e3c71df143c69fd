// tests/report: the plain-text counterexample (header, changed variables only, full mode,
// failing step, deadlock waits).
#include <gtest/gtest.h>

#include "report/text_writer.h"
#include "sample_traces.h"

namespace report_test {
namespace {

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

// The block of one step: from its header line to the next blank line.
std::string step_block(const std::string& text, int step) {
  const std::string head = "\nStep " + std::to_string(step) + " -> ";
  const std::size_t b = text.find(head);
  if (b == std::string::npos) return "";
  const std::size_t e = text.find("\n\n", b + 1);
  return text.substr(b + 1, e == std::string::npos ? std::string::npos : e - b - 1);
}

TEST(TextWriter, HeaderNamesPropertyMessageAndLength) {
  const std::string text = report::write_text_trace(lost_update());
  EXPECT_EQ(text.rfind("Invariant no_lost_update violated (examples/lost_update.weft:21)\n", 0), 0u) << text;
  EXPECT_NE(text.find("  both writers finished but counter == 1\n"), std::string::npos);
  EXPECT_NE(text.find("engine explicit, 5 states"), std::string::npos);
  EXPECT_NE(text.find("Invariant no_lost_update violated in state 5."), std::string::npos);
}

// A counterexample to induction does not start in an initial state; the text says so.
TEST(TextWriter, ACounterexampleToInductionIsNotCalledInitial) {
  report::Trace t = lost_update();
  EXPECT_NE(report::write_text_trace(t).find("State 1 (initial):"), std::string::npos);
  t.from_initial = false;
  const std::string text = report::write_text_trace(t);
  EXPECT_EQ(text.find("(initial)"), std::string::npos) << text;
  EXPECT_NE(text.find("State 1 (any state in which every property holds; not necessarily reachable):"),
            std::string::npos);
}

TEST(TextWriter, ShowsOnlyChangedVariablesPerStep) {
  const std::string text = report::write_text_trace(lost_update());
  const std::string s3 = step_block(text, 3);
  EXPECT_NE(s3.find("writer[1] at write  (examples/lost_update.weft:10)"), std::string::npos) << s3;
  EXPECT_NE(s3.find("counter = 1  (was 0)"), std::string::npos) << s3;
  EXPECT_EQ(s3.find("writer[2]"), std::string::npos) << s3;
  // Step 4 writes the value counter already has: not a change, not shown.
  const std::string s4 = step_block(text, 4);
  EXPECT_EQ(s4.find("counter"), std::string::npos) << s4;
  // The initial state lists every variable once.
  EXPECT_EQ(count(text, "writer[2].tmp = 0"), 1u);
}

TEST(TextWriter, FullModeShowsEveryVariableAndMarksChanges) {
  report::TextOptions full;
  full.full = true;
  const std::string text = report::write_text_trace(lost_update(), full);
  const std::string s3 = step_block(text, 3);
  EXPECT_NE(s3.find("  * counter = 1"), std::string::npos) << s3;
  EXPECT_NE(s3.find("    writer[2].tmp = 1"), std::string::npos) << s3;
  EXPECT_EQ(count(text, "writer[2].tmp = "), 5u);  // once per state
}

TEST(TextWriter, ActionStepsAndLockEvents) {
  const std::string actions = report::write_text_trace(action_trace());
  EXPECT_NE(actions.find("Step 1 -> state 2: action Deposit(w = 1, v = 2)  (examples/bank.weft:12)"),
            std::string::npos)
      << actions;
  EXPECT_NE(actions.find("dirty = [1 |-> true, 2 |-> false]  (was [1 |-> false, 2 |-> false])"), std::string::npos);
  const std::string queued = report::write_text_trace(queued_rwsem_deadlock());
  EXPECT_NE(queued.find("    lock: request mmap_lock (shared)\n"), std::string::npos) << queued;
  EXPECT_NE(queued.find("    lock: acquire i_rwsem (exclusive)\n"), std::string::npos);
}

TEST(TextWriter, DeadlockSaysWhatEachProcessWaitsFor) {
  const std::string text = report::write_text_trace(abba_deadlock());
  EXPECT_NE(text.find("Deadlock in state 3: no process can move.\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  t[1] at take_b waits for B (exclusive), held by t[2]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  t[2] at take_a waits for A (exclusive), held by t[1]\n"), std::string::npos) << text;
  Trace awaiting = abba_deadlock();
  awaiting.waits = {{"reader", "wait_ready", "", "", {}, "ready == true", {}}};
  const std::string t2 = report::write_text_trace(awaiting);
  EXPECT_NE(t2.find("  reader at wait_ready awaits ready == true\n"), std::string::npos) << t2;
}

TEST(TextWriter, DeadlockWithoutWaitsSaysNoStepIsEnabled) {
  Trace t = action_trace();
  t.kind = "deadlock";
  t.property = "deadlock";
  const std::string text = report::write_text_trace(t);
  EXPECT_NE(text.find("Deadlock in state 4: no step is enabled.\n"), std::string::npos) << text;
}

TEST(TextWriter, MarksTheFailingStep) {
  const std::string text = report::write_text_trace(long_trace());
  EXPECT_NE(text.find("Step 60 -> state 61: worker[3] at check  (specs/stress.weft:88)  <-- assertion failed: check_total"),
            std::string::npos);
  EXPECT_NE(text.find("Assertion failed: check_total at step 60."), std::string::npos);
  EXPECT_EQ(count(text, "<--"), 1u);
}

TEST(TextWriter, InitialStateViolationHasNoSteps) {
  const std::string text = report::write_text_trace(initial_violation());
  EXPECT_EQ(text.find("Step "), std::string::npos);
  EXPECT_NE(text.find("Invariant positive violated in state 1."), std::string::npos) << text;
  EXPECT_NE(text.find("1 state\n"), std::string::npos) << text;
}

TEST(TextWriter, RepairsInvalidUtf8) {
  Trace t = lost_update();
  t.message = "bad \xff\xfe bytes";
  const std::string text = report::write_text_trace(t);
  EXPECT_NE(text.find("bad \xef\xbf\xbd\xef\xbf\xbd bytes"), std::string::npos);
}

}  // namespace
}  // namespace report_test
