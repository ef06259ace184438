#include "sim/provenance.hpp"

#include "sim/version.hpp"

#include <ctime>

namespace sim {

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string quote_command_line(int argc, const char* const* argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i] != nullptr ? argv[i] : "";
    if (i > 0) out += ' ';
    const bool plain =
        !arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_./=:,+@%") == std::string::npos;
    if (plain) {
      out += arg;
      continue;
    }
    out += '\'';
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += '\'';
  }
  return out;
}

Provenance make_provenance(int argc, const char* const* argv, std::uint64_t seed, int replications,
                           int threads) {
  Provenance p;
  p.program_version = kVersion;
  p.git_revision = kGitRevision;
  p.command_line = quote_command_line(argc, argv);
  p.seed = seed;
  p.created_utc = utc_timestamp();
  p.replications = replications;
  p.threads = threads;
  return p;
}

}  // namespace sim
