#pragma once
/// @file market_instruments.hpp
/// @brief Instruments that change markets and rules rather than paying
/// firms: trade facilitation (phase 3), green requirements (3, 7), carbon
/// prices (6, 7), entry and compliance simplification (9, 6), public
/// procurement set-asides (2) and local content requirements (3).
///
/// Regulatory instruments cost the government only their administration
/// (`cost_usd_per_year`, default 0), spent from the budget; when the budget
/// is used up the rule lapses.
#include "models/instrument.hpp"

namespace models {

/// @brief Cheaper freight and faster borders for flows into and out of the targeted economies.
class TradeFacilitation : public Instrument {
 public:
  TradeFacilitation(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double freight_cut_, border_cut_, cost_per_year_;
};

/// @brief Buyers in the targeted economies and sectors require a higher green level of suppliers.
class GreenRequirement : public Instrument {
 public:
  GreenRequirement(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double increase_, cost_per_year_;
};

/// @brief A price on SME emissions in the targeted economies; the revenue is a fee of the programme.
class CarbonPrice : public Instrument {
 public:
  CarbonPrice(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double price_, cost_per_year_;
};

/// @brief Simpler business registration: a lower entry cost index, hence more entrants.
class EntrySimplification : public Instrument {
 public:
  EntrySimplification(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double cut_, cost_per_year_;
};

/// @brief Simpler reporting and inspections: targeted SMEs pay less regulatory compliance cost.
class ComplianceSimplification : public Instrument {
 public:
  ComplianceSimplification(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double cut_, cost_per_year_;
};

/// @brief A share of the local market is bought by the state from eligible SMEs only (B2G).
class PublicProcurementSetaside : public Instrument {
 public:
  PublicProcurementSetaside(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double share_, cost_per_year_;
};

/// @brief Lead firms in the targeted economies and sectors must source a least share domestically.
class LocalContentRequirement : public Instrument {
 public:
  LocalContentRequirement(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double min_share_, cost_per_year_;
};

}  // namespace models
