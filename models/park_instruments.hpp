#pragma once
/// @file park_instruments.hpp
/// @brief Instruments on parks and clusters: new industrial parks (phases 3,
/// 6, 8) and upgraded services of existing ones (phases 3, 8).
#include "models/instrument.hpp"

namespace models {

/// @brief Builds a new park in each targeted economy x sector at the start.
class IndustrialPark : public Instrument {
 public:
  IndustrialPark(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void start(World& w) override;
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double capacity_firms_, service_level_, cost_reduction_, rent_, construction_per_firm_, green_infra_;
};

/// @brief Raises the service level of existing parks in the target, paid per member.
class ClusterSupport : public Instrument {
 public:
  ClusterSupport(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double increase_, cost_per_member_;
};

}  // namespace models
