#include "models/trade_instruments.hpp"

#include <algorithm>

namespace models {
namespace {
sim::ParamSpec reciprocal_param() {
  return sim::boolean("reciprocal", true, "apply to both directions of each pair", "user");
}
}  // namespace

TariffChange::TariffChange(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      change_(item.values.real("change_pct_points")),
      reciprocal_(item.values.boolean("reciprocal")) {}

sim::VariantSpec TariffChange::spec() {
  using namespace sim;
  return {"tariff_change",
          "Adds `change_pct_points` (negative for a cut, floored at zero) to the tariff that `economies` apply on "
          "imports from `partner_economies` in the targeted sectors, and the reverse when `reciprocal`. Buyers "
          "compare landed costs, so cheaper imports win supplier slots. Forgone tariff revenue on the affected "
          "flows is the fiscal cost; the cut lapses when it exceeds the budget.",
          "3 (sourcing), 4 (production)",
          {real("change_pct_points", "% points", -5.0, -100.0, 100.0, "change of the applied tariff", "user"),
           reciprocal_param()}};
}

void TariffChange::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  TradeCosts& t = w.trade;
  for_pairs(w, target, reciprocal_, [&](int d, int o) {
    for (int s = 0; s < w.S(); ++s) {
      if (!target.sector(s)) continue;
      const auto c = static_cast<std::size_t>(t.cell(d, o, s));
      t.tariff_pct[c] = std::max(0.0, t.tariff_pct[c] + change_);
      if (change_ < 0) t.tariff_program[c] = static_cast<short>(index);
    }
  });
}

NtbChange::NtbChange(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      change_(item.values.real("change_ave")),
      reciprocal_(item.values.boolean("reciprocal")),
      cost_per_year_(item.values.real("cost_usd_per_year")) {}

sim::VariantSpec NtbChange::spec() {
  using namespace sim;
  return {"ntb_change",
          "Adds `change_ave` (negative for a reduction, floored at zero) to the ad valorem equivalent of "
          "non-tariff barriers on imports of `economies` from `partner_economies` (both ways when `reciprocal`). "
          "NTB costs are real resource costs, so a cut raises no fiscal cost beyond the programme's own spending "
          "(`cost_usd_per_year`).",
          "3 (sourcing), 4 (production)",
          {real("change_ave", "share", -0.05, -2.0, 2.0, "change of the NTB ad valorem equivalent", "user"),
           reciprocal_param(),
           real("cost_usd_per_year", "USD/year", 0.0, 0.0, 1e12, "administrative cost of the programme", "user")}};
}

void NtbChange::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (cost_per_year_ > 0) {
    spend(w, cost_per_year_ / w.scale * w.dt);
    if (program(w).remaining() <= 0) return;
  }
  TradeCosts& t = w.trade;
  for_pairs(w, target, reciprocal_, [&](int d, int o) {
    for (int s = 0; s < w.S(); ++s) {
      if (!target.sector(s)) continue;
      const auto c = static_cast<std::size_t>(t.cell(d, o, s));
      t.ntb_ave[c] = std::max(0.0, t.ntb_ave[c] + change_);
    }
  });
}

StandardsRecognition::StandardsRecognition(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx), cost_per_year_(item.values.real("cost_usd_per_year")) {}

sim::VariantSpec StandardsRecognition::spec() {
  using namespace sim;
  return {"standards_recognition",
          "Mutual recognition of standards between `economies` and `partner_economies` (both ways): a buyer may "
          "take an uncertified supplier from the partner, as it could at home. Quality requirements still apply. "
          "Its cost is the administrative `cost_usd_per_year`.",
          "3 (sourcing)",
          {real("cost_usd_per_year", "USD/year", 0.0, 0.0, 1e12, "administrative cost of the arrangement", "user")}};
}

void StandardsRecognition::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (cost_per_year_ > 0) {
    spend(w, cost_per_year_ / w.scale * w.dt);
    if (program(w).remaining() <= 0) return;
  }
  for_pairs(w, target, true, [&](int d, int o) { w.trade.recognition[static_cast<std::size_t>(w.trade.pair(d, o))] = 1; });
}

}  // namespace models
