#pragma once
/// @file model.hpp
/// @brief The one small interface through which a model plugs into the engine:
/// its schema (parameters and instruments), its step phases in order, its
/// metrics, and a factory that builds one independent world per ensemble task.

#include "sim/param.hpp"
#include "sim/random.hpp"
#include "sim/scenario.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sim {

/// @brief What a phase knows about the current step.
struct StepContext {
  int step = 0;               ///< 0-based step index
  int steps_per_year = 4;
  double dt_years = 0.25;     ///< length of a step in years
  const Streams* rng = nullptr;
};

/// @brief Base of a model's world. One per ensemble task; never shared.
class World {
 public:
  World() = default;
  World(const World&) = delete;
  World& operator=(const World&) = delete;
  virtual ~World() = default;
};

using PhaseFn = void (*)(World&, const StepContext&);

/// @brief One step phase, run in registration order each step.
struct PhaseSpec {
  std::string name;
  PhaseFn fn = nullptr;
};

/// @brief How a metric is summarised over the horizon and over labels.
enum class Horizon {
  Last,          ///< value at the last step (stocks, shares)
  LastYearSum,   ///< sum over the last year (flows)
  TotalSum,      ///< sum over the whole run (e.g. fiscal cost)
};
enum class Aggregate {
  Sum,            ///< add across labels (counts, USD)
  WeightedMean,   ///< mean weighted by metric `weight` (shares, means)
  Ratio,          ///< sum(numerator) / sum(denominator) of two other metrics
};

/// @brief Declaration of one output metric.
struct MetricSpec {
  std::string name;
  std::string unit;
  std::string meaning;
  std::vector<std::string> dims;  ///< label dimensions after (replication, time), e.g. {"economy","sector"}
  Horizon horizon = Horizon::Last;
  Aggregate aggregate = Aggregate::Sum;
  std::string weight;       ///< WeightedMean: weight metric; Ratio: numerator
  std::string denominator;  ///< Ratio: denominator
  bool per_step = true;     ///< false: recorded once at the end (no time dimension)
};

/// @brief Labels of each dimension for one scenario, e.g. "economy" -> {"BRA",...}.
using Coordinates = std::map<std::string, std::vector<std::string>>;

/// @brief Values a world writes for one step: one flat, row-major array per
/// metric over its dims, zero-filled before each record call.
class MetricFrame {
 public:
  MetricFrame(const std::vector<MetricSpec>& specs, const Coordinates& coords);
  /// @brief Flat values of metric `index` (row-major over its dims).
  std::vector<double>& values(std::size_t index) { return values_[index]; }
  [[nodiscard]] const std::vector<double>& values(std::size_t index) const { return values_[index]; }
  [[nodiscard]] std::size_t size() const { return values_.size(); }
  void clear();

 private:
  std::vector<std::vector<double>> values_;
};

/// @brief Identity of an ensemble task.
struct TaskKey {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::size_t scenario_index = 0;
};

/// @brief A model as the engine sees it. Built once, read-only during runs.
struct ModelDefinition {
  std::string name;
  std::string version;
  Schema schema;
  std::vector<PhaseSpec> phases;
  std::vector<MetricSpec> metrics;

  /// Builds a fresh world for one task: its own state, its own random streams.
  std::function<std::unique_ptr<World>(const Scenario&, const TaskKey&)> build;
  /// Labels of every dimension used by metrics.
  std::function<Coordinates(const Scenario&)> coordinates;
  /// Number of steps the scenario runs.
  std::function<int(const Scenario&)> steps;
  /// Steps per year of the scenario.
  std::function<int(const Scenario&)> steps_per_year;
  /// Writes metrics for the step just run (per_step metrics only).
  std::function<void(const World&, const StepContext&, MetricFrame&)> record;
  /// Writes end-of-run metrics (per_step == false) once after the last step.
  std::function<void(const World&, MetricFrame&)> record_final;
  /// Checks a validated scenario for what only the model can judge (list
  /// lengths that depend on other keys, ids that must be simulated, ...).
  /// Returns every problem found; empty when the scenario is runnable.
  std::function<std::vector<Diagnostic>(const Scenario&)> check;

  /// @brief Registers a phase: one line per phase.
  ModelDefinition& phase(std::string phase_name, PhaseFn fn) {
    phases.push_back({std::move(phase_name), fn});
    return *this;
  }
  [[nodiscard]] std::size_t metric_index(const std::string& name) const;
};

}  // namespace sim
