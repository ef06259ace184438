#pragma once
/// @file shocks.hpp
/// @brief Shocks (DESIGN.md section 5, last row): demand shocks, supply
/// disruptions, credit crunches and trade wars. They enter in phase 1 like
/// policies, through the same hooks, for [start_year, end_year), and have no
/// budget.
#include "models/instrument.hpp"

namespace models {

/// @brief Final demand of the targeted economies x sectors is multiplied by (1 + demand_change).
class DemandShock : public Instrument {
 public:
  DemandShock(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double change_;
};

/// @brief SMEs of the targeted economies x sectors lose a share of their capacity.
class SupplyDisruption : public Instrument {
 public:
  SupplyDisruption(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double loss_;
};

/// @brief Banks of the targeted economies lose capital once and lend less while it lasts.
class CreditCrunch : public Instrument {
 public:
  CreditCrunch(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void start(World& w) override;
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double capital_loss_, lending_factor_;
};

/// @brief Tariffs between the economies and partner_economies rise, both ways.
class TradeWar : public Instrument {
 public:
  TradeWar(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double increase_;
};

}  // namespace models
