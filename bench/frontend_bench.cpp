// bench: front-end throughput: parse and typecheck a generated spec of ~10,000 lines.
#include <benchmark/benchmark.h>

#include <string>

#include "compiler/frontend.h"

namespace {

// A spec of `blocks` repetitions of a ~20-line block mixing declarations, actions, processes
// and expressions, so every front-end pass sees realistic work.
std::string generate_spec(int blocks) {
  std::string s = "module big\nconst N = 3\nenum Mode { Idle, Busy, Done }\ntype Id = 1..N\n"
                  "lock m: mutex\nlock rw: rwsem queued\nlock pg[Id]: spinlock\n";
  for (int i = 0; i < blocks; ++i) {
    std::string k = std::to_string(i);
    s += "var v" + k + ": 0..7 = 0\n";
    s += "var f" + k + ": [Id] -> bool = [x in Id |-> false]\n";
    s += "var m" + k + ": Mode = Idle\n";
    s += "def ok" + k + "(x: Id) = f" + k + "[x] implies v" + k + " > 0 and m" + k + " != Done\n";
    s += "action Step" + k + "(x: Id) {\n  require v" + k + " < 7 and not f" + k + "[x]\n";
    s += "  v" + k + "' = (v" + k + " + x * 2) % 8\n  f" + k + "[x]' = true\n";
    s += "  either { m" + k + "' = Busy } or { m" + k + "' = Done }\n}\n";
    s += "process p" + k + "[i: Id] {\n  var seen: bool = false\n";
    s += "  a" + k + ": acquire m\n  if v" + k + " > 2 { seen := true } else { skip }\n";
    s += "  acquire rw shared\n  release rw\n  while seen and v" + k + " < 3 { seen := false }\n";
    s += "  release m\n}\n";
    s += "invariant inv" + k + ": forall x in Id: ok" + k + "(x) or card({y in Id : f" + k + "[y]}) <= N\n";
  }
  return s;
}

void BM_ParseAndTypecheck10kLines(benchmark::State& state) {
  const std::string text = generate_spec(static_cast<int>(state.range(0)));
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  for (auto _ : state) {
    support::SourceManager sm;
    support::DiagnosticSink diags;
    auto file = sm.add("big.weft", text);
    auto checked = compiler::check_loaded(sm, file, {}, diags);
    if (!checked) state.SkipWithError(diags.render(sm).substr(0, 500).c_str());
    benchmark::DoNotOptimize(checked);
  }
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(lines), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_ParseAndTypecheck10kLines)->Arg(500)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
