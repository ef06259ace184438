#pragma once
/// @file ensemble.hpp
/// @brief Runs scenarios x replications as independent tasks (OpenMP across
/// tasks). Results do not depend on the number of threads.

#include "sim/model.hpp"

#include <functional>
#include <string>
#include <vector>

namespace sim {

/// @brief Time series of one metric: values[((rep * T + t) * L) + label].
struct MetricSeries {
  std::vector<double> values;
  std::size_t labels = 1;  ///< product of label dimension sizes
};

/// @brief Everything one scenario produced across replications.
struct ScenarioResult {
  std::string name;
  std::string description;
  std::string resolved_toml;
  Coordinates coords;
  int replications = 0;
  int steps = 0;
  int steps_per_year = 4;
  std::vector<double> time_years;  ///< end of each step, in years since start
  std::vector<MetricSeries> metrics;  ///< same order as ModelDefinition::metrics
};

/// @brief Options of an ensemble run.
struct RunOptions {
  int replications = 4;
  std::uint64_t seed = 1;
  int threads = 0;  ///< 0: OpenMP default
  /// Called after each task finishes, with (done, total); from one thread at a time.
  std::function<void(int, int)> progress;
};

/// @brief Output of an ensemble run.
struct EnsembleResult {
  std::vector<ScenarioResult> scenarios;
  std::size_t baseline = 0;  ///< index into scenarios
  std::uint64_t seed = 0;
};

/// @brief Thrown when a task fails; names the scenario and replication.
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// @brief Runs every (scenario, replication) task. Throws RunError if any task fails.
EnsembleResult run_ensemble(const ModelDefinition& model, const Study& study,
                            const RunOptions& options);

}  // namespace sim
