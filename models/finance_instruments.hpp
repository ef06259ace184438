#pragma once
/// @file finance_instruments.hpp
/// @brief Instruments that enter phase 5 (finance): credit guarantees,
/// interest subsidies and development-bank credit lines.
#include "models/instrument.hpp"

namespace models {

/// @brief A guarantee fund covers a share of new loans to targeted SMEs,
/// for a fee; banks keep less risk and need less collateral.
class CreditGuarantee : public Instrument {
 public:
  CreditGuarantee(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void start(World& w) override;
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double coverage_, fee_, leverage_;
};

/// @brief The government pays part of the interest on targeted SMEs' loans.
class InterestSubsidy : public Instrument {
 public:
  InterestSubsidy(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double reduction_;
};

/// @brief An NDB-like facility lends to banks for on-lending to targeted
/// SMEs at a concessional rate, outside the banks' capital limits.
class DevelopmentCreditLine : public Instrument {
 public:
  DevelopmentCreditLine(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void start(World& w) override;
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double facility_usd_, rate_;
};

}  // namespace models
