// cli: ArgParser parses one subcommand's arguments: flags, valued options, repeated -D
// NAME=VALUE (each NAME at most once), positionals; anything unknown is a usage error
// (exit 2) with a clear message.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/frontend.h"

namespace cli {

class ArgParser {
 public:
  explicit ArgParser(std::string command) : command_(std::move(command)) {}

  void flag(std::string name, bool* out);                  // --name
  void option(std::string name, std::string* out);         // --name VALUE or --name=VALUE
  void choice(std::string name, std::string* out, std::vector<std::string> allowed);
  void number(std::string name, std::uint64_t* out);       // non-negative integer
  void size(std::string name, std::uint64_t* out);         // 512M, 4G, 1024 (bytes)
  void defines(std::vector<compiler::ConstOverride>* out); // -D NAME=VALUE, -DNAME=VALUE
  void positionals(std::vector<std::string>* out, std::size_t min, std::size_t max);

  // Parses; on error prints "weft CMD: message" and a hint to stderr and returns false.
  // `--help`/`-h` sets help_requested() and returns true.
  bool parse(const std::vector<std::string>& args);
  bool help_requested() const { return help_; }

 private:
  struct Spec {
    std::string name;
    enum Kind { Flag, Option, Choice, Number, Size } kind;
    void* out;
    std::vector<std::string> allowed;
  };
  bool fail(const std::string& message);
  bool apply(const Spec& spec, const std::string& value);
  std::string command_;
  std::vector<Spec> specs_;
  std::vector<compiler::ConstOverride>* defines_ = nullptr;
  std::vector<std::string>* positionals_ = nullptr;
  std::size_t min_pos_ = 0, max_pos_ = 0;
  bool help_ = false;
};

// Parses "512M", "4G", "1.5G", "1000000" into bytes.
std::optional<std::uint64_t> parse_size(const std::string& text);

}  // namespace cli
