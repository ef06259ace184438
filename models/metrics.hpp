#pragma once
/// @file metrics.hpp
/// @brief The model's output metrics (DESIGN.md section 6): declarations and recording.
#include "models/world.hpp"
#include "sim/model.hpp"

namespace models {

/// @brief Every metric, in output order, with unit, meaning, dims and summary rules.
const std::vector<sim::MetricSpec>& metric_specs();
/// @brief Copies the values computed by phase 10 into the engine's frame.
void record_metrics(const World& w, sim::MetricFrame& frame);
/// @brief Resilience metrics recorded once at the end of a run.
void record_final_metrics(const World& w, sim::MetricFrame& frame);

}  // namespace models
