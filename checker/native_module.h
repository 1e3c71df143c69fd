// checker: NativeModule (`weft check --compile`): builds the C++ that NativeCodegen generates
// into a shared object with the system compiler (cached by content hash, so a second run of
// the same spec and constants does not compile again) and loads it; the resolved entry points
// are read-only and shared by every worker. Failure to compile is reported, never fatal.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "checker/native_codegen.h"

namespace checker {

class NativeModule {
 public:
  // Generates, compiles (or finds in the cache) and loads the module for `sys`. On failure
  // returns null and sets *why. *note receives a one-line summary for the report.
  static std::unique_ptr<NativeModule> build(const ir::System& sys, std::string* note, std::string* why);
  ~NativeModule();
  NativeModule(const NativeModule&) = delete;
  NativeModule& operator=(const NativeModule&) = delete;

  WeftNativeStep transition(std::size_t t) const { return t < steps_.size() ? steps_[t] : nullptr; }
  WeftNativePred invariant(std::size_t i) const { return i < invariants_.size() ? invariants_[i] : nullptr; }
  WeftNativePred cover(std::size_t i) const { return i < covers_.size() ? covers_[i] : nullptr; }
  WeftNativePred constraint(std::size_t i) const { return i < constraints_.size() ? constraints_[i] : nullptr; }
  const ir::Stmt* assert_stmt(std::int32_t id) const { return asserts_.at(static_cast<std::size_t>(id)); }

 private:
  NativeModule() = default;
  void* handle_ = nullptr;
  std::vector<WeftNativeStep> steps_;
  std::vector<WeftNativePred> invariants_, covers_, constraints_;
  std::vector<const ir::Stmt*> asserts_;
};

// Where compiled modules are cached: $WEFT_CACHE_DIR, else $XDG_CACHE_HOME/weft, else
// ~/.cache/weft, else a folder under the temporary directory.
std::string native_cache_dir();

}  // namespace checker
