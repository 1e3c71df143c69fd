// cli: weft's entry point: dispatches to the registered subcommand; --help, --version.
#include <algorithm>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/spec_loader.h"

namespace cli {

namespace {
std::vector<Command>& registry() {
  static std::vector<Command> r;
  return r;
}

void print_help(std::ostream& out) {
  out << "weft " WEFT_VERSION " - a specification compiler and model checker for kernel locking protocols\n\n"
      << "Usage: weft COMMAND [ARGS...]\n       weft COMMAND --help\n\nCommands:\n";
  for (const Command& c : commands()) {
    std::string name = c.name;
    name.resize(12, ' ');
    out << "  " << name << c.summary << "\n";
  }
  out << "\nExit codes: 0 all checked properties hold; 11 deadlock; 12 safety violation;\n"
         "14 lock-order violation; 20 inconclusive; 2 usage error; 150 spec error;\n"
         "255 internal error.\n";
}
}  // namespace

void register_command(Command command) { registry().push_back(std::move(command)); }

const std::vector<Command>& commands() {
  static bool sorted = false;
  if (!sorted) {
    std::stable_sort(registry().begin(), registry().end(), [](const Command& a, const Command& b) {
      return a.order != b.order ? a.order < b.order : a.name < b.name;
    });
    sorted = true;
  }
  return registry();
}

}  // namespace cli

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    cli::print_help(std::cerr);
    return cli::kExitUsage;
  }
  const std::string& cmd = args[0];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    cli::print_help(std::cout);
    return cli::kExitOk;
  }
  if (cmd == "--version" || cmd == "-V") {
    std::cout << "weft " WEFT_VERSION "\n";
    return cli::kExitOk;
  }
  for (const cli::Command& c : cli::commands()) {
    if (c.name != cmd) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
      return c.run(rest);
    } catch (const cli::InternalErrorReported&) {
      return cli::kExitInternal;  // already printed
    } catch (const std::bad_alloc&) {
      std::cerr << "weft: out of memory\n";
      return cli::kExitInternal;
    } catch (const std::exception& e) {
      std::cerr << "weft: internal error: " << e.what() << "\n";
      return cli::kExitInternal;
    }
  }
  std::cerr << "weft: unknown command '" << cmd << "'\nTry 'weft --help'.\n";
  return cli::kExitUsage;
}
