#pragma once
/// @file economy.hpp
/// @brief Economy: parameters and demand of one member economy, in model units.
#include <string>
#include <vector>

namespace models {

/// @brief One economy, its values converted to per-step model units.
struct Economy {
  std::string code, name;
  double output_per_worker_usd_per_year = 0;  ///< z: SME output per worker at phi = 1
  double wage_usd_per_year = 0;
  double demand_growth_per_year = 0;
  double lending_rate_per_year = 0;
  double lpi_score = 3;
  double tariff_pct = 0;
  double ntb_ave = 0;
  double entry_rate_per_year = 0;
  double entry_cost_index = 0;
  double compliance_cost_share = 0;
  double women_led_share = 0, youth_led_share = 0;
  double carbon_intensity_factor = 1;
  double digital_share = 0, certified_share = 0, green_level_mean = 0;
  double initial_agents = 0;  ///< SMEs simulated at the start (entry is relative to this)
  int banks = 1;
  int bank_offset = 0;        ///< index of its first bank in World::banks
};

}  // namespace models
