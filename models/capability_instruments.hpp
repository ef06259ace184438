#pragma once
/// @file capability_instruments.hpp
/// @brief Instruments on firms' capabilities and visibility: upgrade grants
/// (phase 7) and matchmaking (phase 3).
#include "models/instrument.hpp"

namespace models {

/// @brief Pays a share of the cost of the chosen kinds of upgrade.
class UpgradeGrant : public Instrument {
 public:
  UpgradeGrant(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double share_;
  unsigned kinds_ = 0;
};

/// @brief B2B platforms, trade fairs and SME marketplaces: targeted SMEs are
/// more visible to buyers searching for suppliers.
class Matchmaking : public Instrument {
 public:
  Matchmaking(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double boost_, cost_;
};

/// @brief Bit mask of upgrade kinds named (certification, digital, green, capacity).
unsigned upgrade_mask(const std::vector<std::string>& kinds, const std::string& policy);

}  // namespace models
