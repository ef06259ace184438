#pragma once
/// @file check.hpp
/// @brief Model-level checks of a validated scenario (what the schema alone cannot express).
#include "sim/diagnostics.hpp"
#include "sim/scenario.hpp"

#include <vector>

namespace models {
/// @brief Every problem that would stop the scenario from running, as diagnostics
/// naming the scenario file and the key.
std::vector<sim::Diagnostic> check_scenario(const sim::Scenario& sc);
}  // namespace models
