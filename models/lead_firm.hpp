#pragma once
/// @file lead_firm.hpp
/// @brief LeadFirms: large firms at tier 0 of a sector chain (structure of arrays).
#include <cstdint>
#include <vector>

namespace models {

/// @brief Lead firms meet their share of final demand and source tier-1
/// inputs through `slots` supplier slots each (flat array, fixed width).
struct LeadFirms {
  std::vector<std::uint8_t> economy, sector;
  std::vector<std::uint64_t> rng_key;
  std::vector<float> planned_units;  ///< output planned this step
  std::vector<double> cash_usd;      ///< pass-through account (receives revenue, pays suppliers and the outside)
  std::vector<std::uint32_t> supplier;  ///< supplier[l * slots + k], kNoFirm when free
  int slots = 0;

  [[nodiscard]] std::size_t size() const { return economy.size(); }
};

}  // namespace models
