#pragma once
/// @file validate.hpp
/// @brief Consistency checks of metric declarations and ensemble results,
/// run before anything is computed or written, so that a bad declaration
/// fails with a clear message instead of a half-written file.

#include "sim/ensemble.hpp"
#include "sim/model.hpp"

#include <string>
#include <vector>

namespace output {

/// @brief Checks the metric declarations: names usable as HDF5 names and
/// unique, no clash with the coordinate names `replication` and `time` or
/// with a dimension name, weights / numerators / denominators that exist and
/// share the metric's dims and time axis. Throws std::invalid_argument.
void validate_specs(const std::vector<sim::MetricSpec>& specs);

/// @brief Checks that `result` matches `specs`: scenario names unique and
/// usable as group names, a valid baseline, one series per metric, every
/// dimension with coordinates, and every values vector of size
/// replications x steps x labels (x 1 for per_step = false metrics).
/// Throws std::invalid_argument naming the scenario and metric.
void validate_results(const std::vector<sim::MetricSpec>& specs, const sim::EnsembleResult& result);

/// @brief Whether `name` can be an HDF5 link name: non-empty, no '/', not "." or "..".
[[nodiscard]] bool valid_hdf5_name(const std::string& name);

}  // namespace output
