#pragma once
/// @file trade_instruments.hpp
/// @brief Instruments that enter phase 3 (sourcing) through trade costs:
/// tariff and non-tariff barrier changes and mutual recognition of standards.
#include "models/instrument.hpp"

namespace models {

/// @brief Changes tariffs on imports of `economies` from `partner_economies`.
class TariffChange : public Instrument {
 public:
  TariffChange(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double change_;
  bool reciprocal_;
};

/// @brief Changes the ad valorem equivalent of non-tariff barriers.
class NtbChange : public Instrument {
 public:
  NtbChange(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double change_;
  bool reciprocal_;
  double cost_per_year_;
};

/// @brief Mutual recognition: uncertified suppliers may serve buyers across the pair.
class StandardsRecognition : public Instrument {
 public:
  StandardsRecognition(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx);
  static sim::VariantSpec spec();
  void apply(World& w, const sim::StepContext& ctx) override;

 private:
  double cost_per_year_;
};

/// @brief Calls f(d, o) for importer d in `importers` and exporter o in `exporters`, d != o,
/// and also (o, d) when reciprocal.
template <class F>
void for_pairs(const World& w, const Target& t, bool reciprocal, F&& f) {
  for (int d = 0; d < w.E(); ++d) {
    for (int o = 0; o < w.E(); ++o) {
      if (d == o) continue;
      const bool forward = t.economy(d) && t.partner(o);
      const bool backward = reciprocal && t.economy(o) && t.partner(d);
      if (forward || backward) f(d, o);
    }
  }
}

}  // namespace models
