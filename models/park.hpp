#pragma once
/// @file park.hpp
/// @brief Park: an industrial park or cluster with firm slots and services.
#include <cstdint>

namespace models {

/// @brief An industrial park or cluster in one economy and sector.
struct Park {
  std::uint8_t economy = 0, sector = 0;
  int capacity = 0;           ///< firm slots (simulated firms)
  int members = 0;
  double service_level = 0.5; ///< this step: base plus any cluster support
  double base_service_level = 0.5;  ///< 1 = full package (matchmaking, spillover, shared certification)
  double cost_reduction = 0.03;  ///< unit cost saving of members (shared infrastructure)
  double rent_usd_per_year = 1000.0;
  double green_infrastructure = 0.0;  ///< share of green upgrade cost the park covers
  double frontier_log_phi = 0.0;      ///< mean + 1 sd of members' log productivity (last step)
  int program = -1;            ///< instrument that created it, -1 for existing parks
  bool open = true;
};

}  // namespace models
