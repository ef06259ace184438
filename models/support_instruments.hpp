#pragma once
/// @file support_instruments.hpp
/// @brief Instruments that support targeted firms directly: microfinance and
/// green finance (phase 5), digital adoption and e-commerce channels (3, 7),
/// training (7, 8), technology transfer and supplier development (8, and 3),
/// and innovation funds (8).
///
/// Each writes its parameters into the targeted policy cells. Per-firm
/// participation costs are billed in phase 2 for the firms reached, or spent
/// when the support is paid out; none spends beyond its budget.
#include "models/instrument.hpp"

namespace models {

/// @brief Small loans for targeted (usually micro) firms from lenders that accept more risk and less collateral.
class Microfinance : public Instrument {
 public:
  Microfinance(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double cap_, rate_, cost_;
};

/// @brief Cheaper and risk-shared loans for green upgrade investments.
class GreenFinance : public Instrument {
 public:
  GreenFinance(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double reduction_, risk_share_;
};

/// @brief Vouchers and advice for digital adoption: a cost share and a higher chance of success.
class DigitalAdoption : public Instrument {
 public:
  DigitalAdoption(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double share_, bonus_, cost_;
};

/// @brief An e-commerce marketplace for targeted digital SMEs: more local sales and visibility.
class EcommerceChannel : public Instrument {
 public:
  EcommerceChannel(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double demand_bonus_, visibility_, cost_;
};

/// @brief Vocational and management training: upgrades succeed more often, productivity grows.
class Training : public Instrument {
 public:
  Training(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double bonus_, learning_, cost_;
};

/// @brief Lead firms transfer technology to their direct SME suppliers: faster learning by supplying.
class TechnologyTransfer : public Instrument {
 public:
  TechnologyTransfer(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double multiplier_, cost_per_supplier_;
};

/// @brief Supplier development: targeted SMEs are introduced to buyers and learn faster once they supply lead firms.
class SupplierDevelopment : public Instrument {
 public:
  SupplierDevelopment(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double multiplier_, visibility_, cost_;
};

/// @brief R&D grants: funded firms' productivity drifts up while the grant is paid.
class InnovationFund : public Instrument {
 public:
  InnovationFund(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double gain_, grant_;
};

}  // namespace models
