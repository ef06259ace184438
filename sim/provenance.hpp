#pragma once
/// @file provenance.hpp
/// @brief What a results file records about the run that made it.
#include <cstdint>
#include <string>

namespace sim {

/// @brief Provenance of one run, written as root attributes of the results file.
struct Provenance {
  std::string program_version;  ///< sim::kVersion
  std::string git_revision;     ///< sim::kGitRevision
  std::string model_name;       ///< "" when not known
  std::string model_version;
  std::string study;            ///< study name ("" when scenarios were given one by one)
  std::string command_line;     ///< argv joined by spaces, shell-quoted where needed
  std::uint64_t seed = 0;
  std::string created_utc;      ///< ISO 8601, e.g. "2026-11-22T17:39:13Z"
  int replications = 0;
  int threads = 0;              ///< threads the ensemble ran on
};

/// @brief The current UTC time as ISO 8601 ("YYYY-MM-DDTHH:MM:SSZ").
std::string utc_timestamp();

/// @brief argv joined by spaces, each argument shell-quoted where needed, so the
/// recorded command line can be pasted into a shell.
std::string quote_command_line(int argc, const char* const* argv);

/// @brief Provenance of the running program: version and revision from the build,
/// the command line from argv, the current UTC time.
Provenance make_provenance(int argc, const char* const* argv, std::uint64_t seed, int replications,
                           int threads);

}  // namespace sim
