// cli: the subcommand registry: each cli/*_command.cpp registers itself; main dispatches.
#pragma once
#include <string>
#include <vector>

namespace cli {

// Exit codes of DESIGN.md (TLC's where they exist).
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 2,
  kExitDeadlock = 11,
  kExitSafety = 12,
  kExitLockOrder = 14,
  kExitInconclusive = 20,
  kExitSpecError = 150,
  kExitInternal = 255,
};

struct Command {
  std::string name;     // "check"
  std::string summary;  // one line for `weft --help`
  std::string help;     // full text for `weft check --help`
  int order = 100;      // position in `weft --help`
  int (*run)(const std::vector<std::string>& args) = nullptr;  // args after the subcommand
};

void register_command(Command command);
const std::vector<Command>& commands();  // sorted by order, then name

struct CommandRegistrar {
  explicit CommandRegistrar(Command command) { register_command(std::move(command)); }
};

}  // namespace cli
