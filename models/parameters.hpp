#pragma once
/// @file parameters.hpp
/// @brief The model's parameter declarations: the one place where every
/// scenario key of the economic model is declared (type, unit, default,
/// range, meaning, source). docs/parameters.md is generated from this.
#include "sim/param.hpp"

namespace models {

/// @brief Run keys, sections and collections (economy, sector, trade_pair, group).
sim::Schema base_schema();

/// @brief Keys every `[[policy]]` item accepts (target, timing, budget).
std::vector<sim::ParamSpec> policy_common_params();

/// @brief Keys every `[[shock]]` item accepts.
std::vector<sim::ParamSpec> shock_common_params();

/// @brief Size classes, in order: micro (1-9), small (10-49), medium (50-249).
inline const std::vector<std::string>& size_class_names() {
  static const std::vector<std::string> names{"micro", "small", "medium"};
  return names;
}

}  // namespace models
