// checker: NativeModule (native_module.h): compiles generated code with $WEFT_CXX (default c++)
// at -O2 into <cache>/<hash>.so through a temporary name and an atomic rename, then dlopens it.
#include "checker/native_module.h"

#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace checker {

namespace fs = std::filesystem;

namespace {
std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string shell_quote(const std::string& s) {
  std::string r = "'";
  for (char c : s) r += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return r + "'";
}

std::string env_or(const char* name, const std::string& dflt) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : dflt;
}
}  // namespace

std::string native_cache_dir() {
  if (const char* d = std::getenv("WEFT_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/weft";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/weft";
  return (fs::temp_directory_path() / "weft-cache").string();
}

std::unique_ptr<NativeModule> NativeModule::build(const ir::System& sys, std::string* note, std::string* why) {
  auto t0 = std::chrono::steady_clock::now();
  NativeSource src = NativeCodegen(sys).generate();
  const std::string cxx = env_or("WEFT_CXX", "c++");
  const std::string flags = "-std=c++17 -O2 -fPIC -shared -w";
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(fnv1a(src.code + "\n// " + cxx + " " + flags + " abi " + std::to_string(kNativeAbiVersion))));
  std::error_code ec;
  fs::path dir = fs::path(native_cache_dir()) / "native";
  fs::create_directories(dir, ec);
  if (ec) {
    *why = "cannot create the cache folder " + dir.string() + ": " + ec.message();
    return nullptr;
  }
  fs::path so = dir / (std::string(hex) + ".so");
  bool cached = fs::exists(so, ec);
  if (!cached) {
    std::string tag = std::to_string(::getpid());
    fs::path cpp = dir / (std::string(hex) + "." + tag + ".cpp");
    fs::path tmp = dir / (std::string(hex) + "." + tag + ".so");
    fs::path log = dir / (std::string(hex) + "." + tag + ".log");
    {
      std::ofstream out(cpp);
      out << src.code;
      if (!out) {
        *why = "cannot write " + cpp.string();
        return nullptr;
      }
    }
    std::string cmd = shell_quote(cxx) + " " + flags + " -o " + shell_quote(tmp.string()) + " " + shell_quote(cpp.string()) + " > " +
                      shell_quote(log.string()) + " 2>&1";
    int rc = std::system(cmd.c_str());
    if (rc != 0 || !fs::exists(tmp, ec)) {
      std::ifstream in(log);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string msg = ss.str().substr(0, 600);
      *why = "the C++ compiler (" + cxx + ") failed on " + cpp.string() + (msg.empty() ? "" : ": " + msg);
      fs::remove(tmp, ec);
      return nullptr;
    }
    fs::rename(tmp, so, ec);  // atomic: a concurrent run sees the old or the complete file
    fs::rename(cpp, dir / (std::string(hex) + ".cpp"), ec);  // kept for reading next to the module
    fs::remove(log, ec);
    if (!fs::exists(so)) {
      *why = "cannot install " + so.string();
      return nullptr;
    }
  }
  std::unique_ptr<NativeModule> m(new NativeModule());
  m->handle_ = ::dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!m->handle_) {
    const char* e = ::dlerror();
    *why = "cannot load " + so.string() + ": " + (e ? e : "unknown error");
    return nullptr;
  }
  auto abi = reinterpret_cast<int (*)()>(::dlsym(m->handle_, "weft_native_abi"));
  if (!abi || abi() != kNativeAbiVersion) {
    *why = so.string() + " is not a weft module of this version";
    return nullptr;
  }
  auto sym = [&](const std::string& name) { return name.empty() ? nullptr : ::dlsym(m->handle_, name.c_str()); };
  bool missing = false;
  auto load_steps = [&](const std::vector<std::string>& names) {
    for (const std::string& n : names) {
      void* p = sym(n);
      missing |= !n.empty() && !p;
      m->steps_.push_back(reinterpret_cast<WeftNativeStep>(p));
    }
  };
  auto load_preds = [&](const std::vector<std::string>& names, std::vector<WeftNativePred>& out) {
    for (const std::string& n : names) {
      void* p = sym(n);
      missing |= !n.empty() && !p;
      out.push_back(reinterpret_cast<WeftNativePred>(p));
    }
  };
  load_steps(src.transitions);
  load_preds(src.invariants, m->invariants_);
  load_preds(src.covers, m->covers_);
  load_preds(src.constraints, m->constraints_);
  if (missing) {
    *why = so.string() + " lacks an entry point";
    return nullptr;
  }
  m->asserts_ = src.asserts;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::size_t np = sys.invariants.size() + sys.covers.size() + sys.constraints.size();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f s", secs);
  *note = "compiled: " + std::to_string(src.compiled_transitions()) + " of " + std::to_string(sys.transitions.size()) +
          " transitions and " + std::to_string(src.compiled_predicates()) + " of " + std::to_string(np) +
          " predicates native (" + (cached ? "module from the cache" : "C++ compiled") + " in " + buf + ")";
  if (!src.interpreted.empty()) {
    *note += "; interpreted: ";
    for (std::size_t i = 0; i < src.interpreted.size() && i < 3; ++i) *note += (i ? ", " : "") + src.interpreted[i];
    if (src.interpreted.size() > 3) *note += " and " + std::to_string(src.interpreted.size() - 3) + " more";
  }
  return m;
}

NativeModule::~NativeModule() {
  if (handle_) ::dlclose(handle_);
}

}  // namespace checker
