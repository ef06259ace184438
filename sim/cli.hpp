#pragma once
/// @file cli.hpp
/// @brief The `smesim` command line (run, validate, info, docs, explain),
/// generic over the model: the program hands in its ModelDefinition and the
/// output functions as hooks, so the engine never includes models/ or output/.
///
/// Exit codes: 0 success; 1 bad input (invalid scenario, bad option, refused
/// overwrite, unreadable results file); 2 run failure (a task failed, the
/// results file could not be written).

#include "sim/ensemble.hpp"
#include "sim/provenance.hpp"
#include "sim/model.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sim {

/// @brief Exit status of `smesim`.
enum ExitCode : int {
  kExitOk = 0,
  kExitBadInput = 1,    ///< invalid input, bad options, refused overwrite
  kExitRunFailure = 2,  ///< a task failed or the results could not be written
};

/// @brief What the program provides to the command line. Every hook may
/// throw; the message is shown after "smesim: error: ".
struct CliHooks {
  /// Writes the results file. Failure (a throw) exits with status 2.
  std::function<void(const std::string& path, const std::vector<MetricSpec>& metrics,
                     const EnsembleResult& result, const Provenance& provenance, bool force)>
      write_results;
  /// Optional: throws if `path` may not be written, called before anything
  /// runs. Without it the command line refuses an existing file unless force.
  std::function<void(const std::string& path, bool force)> check_output;
  /// Optional: the closing table printed after a run.
  std::function<std::string(const std::vector<MetricSpec>& metrics, const EnsembleResult& result)>
      closing_table;
  /// Optional (`smesim info`): a readable description of a results file.
  std::function<std::string(const std::string& path)> describe_file;
  /// Optional (`smesim docs`): more documents, file name -> Markdown text,
  /// written next to parameters.md and metrics.md (which it may replace).
  std::function<std::map<std::string, std::string>(const ModelDefinition& model)> docs;
  /// Optional (`smesim explain [INSTRUMENT]`): prints the explanation of an
  /// instrument, or the list of instruments for ""; returns the exit status.
  std::function<int(const std::string& instrument)> explain;
};

/// @brief Renders docs/metrics.md: one table row per metric (unit, dimensions,
/// horizon, aggregation, meaning).
std::string metrics_markdown(const ModelDefinition& model);

/// @brief Parses argv and runs the chosen subcommand; returns the exit status.
/// Never throws.
int run_cli(int argc, char** argv, const ModelDefinition& model, const CliHooks& hooks);

/// @brief The scenarios/ folder embedded in the binary, keyed by path relative
/// to scenarios/ (e.g. "default/study.toml"). Generated at build time by
/// scripts/embed_scenarios.cmake.
const std::map<std::string, std::string>& embedded_scenario_files();

/// @brief Path of the default study inside embedded_scenario_files().
inline constexpr const char* kDefaultStudy = "default/study.toml";

}  // namespace sim
