#pragma once
/// @file sector.hpp
/// @brief Sector: a value-chain template (tiers, input shares, requirements).
#include <string>
#include <vector>

namespace models {

/// @brief One sector and its chain: tier 0 is the lead firm, tiers 1..T SMEs.
struct Sector {
  std::string name;
  int tiers = 3;
  std::vector<double> input_share;          ///< [0..T-1]: share of output bought from tier t+1
  std::vector<double> tier_firm_share;      ///< [0..T-1]: share of SMEs at tier t+1
  std::vector<double> quality_requirement;  ///< [0..T-1]: q required of suppliers at tier t+1
  std::vector<double> green_requirement;    ///< [0..T-1]: g required of suppliers at tier t+1
  double sme_share = 0;
  double lead_demand_share = 0.4;
  double tradability = 1;
  double tariff_factor = 1;
  double emissions_t_per_usd = 0;  ///< tonnes per USD of output

  /// @brief Input share of a buyer at tier t (0 = lead); 0 below the last tier.
  [[nodiscard]] double inputs_of(int t) const { return t < tiers ? input_share[t] : 0.0; }
};

}  // namespace models
