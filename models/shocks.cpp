#include "models/shocks.hpp"

#include "models/trade_instruments.hpp"

#include <algorithm>

namespace models {

DemandShock::DemandShock(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx), change_(item.values.real("demand_change")) {}

sim::VariantSpec DemandShock::spec() {
  using namespace sim;
  return {"demand_shock",
          "Final demand for the targeted sectors in the targeted `economies` is multiplied by (1 + `demand_change`) "
          "from `start_year` until `end_year`: lead firms plan less output and order less from their suppliers, "
          "and local markets shrink by the same factor, so the fall passes down the chain and, through imports, "
          "to other economies. Firms short of revenue cut employment, may run out of cash and exit. Afterwards "
          "demand returns to its trend; the recovery depends on the firms and links that survived.",
          "1 (schedule), felt in 2 (demand)",
          {real("demand_change", "share", -0.2, -0.95, 2.0, "relative change of final demand (-0.2 = a 20% fall)", "user")}};
}

void DemandShock::apply(World& w, const sim::StepContext& /*ctx*/) {
  for (int e = 0; e < w.E(); ++e) {
    if (!target.economy(e)) continue;
    for (int s = 0; s < w.S(); ++s) {
      if (target.sector(s)) w.market.demand_factor[static_cast<std::size_t>(w.es(e, s))] *= 1.0 + change_;
    }
  }
}

SupplyDisruption::SupplyDisruption(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx), loss_(item.values.real("capacity_loss")) {}

sim::VariantSpec SupplyDisruption::spec() {
  using namespace sim;
  return {"supply_disruption",
          "A natural disaster, lockdown or energy shortage: SMEs of the targeted sectors in the targeted "
          "`economies` lose `capacity_loss` of their productive capacity from `start_year` until `end_year`. They "
          "deliver less than ordered, so their buyers (at home and abroad) buy the rest on the spot market at a "
          "premium and may drop them as suppliers at their next review; the disruption travels up the chain. "
          "Capacity returns at the end; lost supplier links must be won back.",
          "1 (schedule), felt in 2 (capacity), 3 (sourcing), 4 (production)",
          {real("capacity_loss", "share", 0.3, 0.0, 1.0, "share of capacity lost while the shock lasts", "user")}};
}

void SupplyDisruption::apply(World& w, const sim::StepContext& /*ctx*/) {
  for (int e = 0; e < w.E(); ++e) {
    if (!target.economy(e)) continue;
    for (int s = 0; s < w.S(); ++s) {
      if (target.sector(s)) w.market.capacity_factor[static_cast<std::size_t>(w.es(e, s))] *= 1.0 - loss_;
    }
  }
}

CreditCrunch::CreditCrunch(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      capital_loss_(item.values.real("capital_loss")),
      lending_factor_(item.values.real("lending_factor")) {}

sim::VariantSpec CreditCrunch::spec() {
  using namespace sim;
  return {"credit_crunch",
          "A banking crisis in the targeted `economies`: at `start_year` their banks lose `capital_loss` of their "
          "capital (losses outside the SME book), once; the loss is permanent and is rebuilt only from interest "
          "earned. Until `end_year` banks also lend only `lending_factor` times what their remaining capital "
          "allows (deleveraging, tighter regulation). Loan requests are refused beyond the lower limit, worst risks "
          "first, so working capital and investment loans dry up, firms scale down, and some exit. Sectors do not "
          "narrow it.",
          "1 (schedule), felt in 5 (finance)",
          {real("capital_loss", "share", 0.3, 0.0, 1.0, "share of bank capital lost at the start", "user"),
           real("lending_factor", "share", 0.7, 0.0, 1.0, "multiplier on banks' lending capacity while the shock lasts", "user")}};
}

void CreditCrunch::start(World& w) {
  // A write-down of capital, not a payment: no money account changes.
  for (auto& b : w.banks) {
    if (target.economy(b.economy)) b.equity_usd *= 1.0 - capital_loss_;
  }
}

void CreditCrunch::apply(World& w, const sim::StepContext& /*ctx*/) {
  for (int e = 0; e < w.E(); ++e) {
    if (target.economy(e)) w.market.bank_lending_factor[static_cast<std::size_t>(e)] *= lending_factor_;
  }
}

TradeWar::TradeWar(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx), increase_(item.values.real("tariff_increase_pct_points")) {}

sim::VariantSpec TradeWar::spec() {
  using namespace sim;
  return {"trade_war",
          "Tariffs between the targeted `economies` and `partner_economies` (empty: every other economy) rise by "
          "`tariff_increase_pct_points` in both directions, in the targeted sectors, from `start_year` until "
          "`end_year`, even where a free trade agreement had removed them. Buyers compare landed costs, so they "
          "replace suppliers across the affected borders with domestic or third-country ones at their reviews; "
          "exporters lose orders. Tariff revenue goes to the importing government. Tariffs return to their base "
          "at the end; lost links must be won back.",
          "1 (schedule), felt in 3 (sourcing), 4 (production)",
          {real("tariff_increase_pct_points", "% points", 25.0, 0.0, 500.0, "tariff increase on the affected flows",
                "user; the 2018-19 US-China tariffs were mostly 10-25 points")}};
}

void TradeWar::apply(World& w, const sim::StepContext& /*ctx*/) {
  TradeCosts& t = w.trade;
  for_pairs(w, target, true, [&](int d, int o) {
    for (int s = 0; s < w.S(); ++s) {
      if (!target.sector(s)) continue;
      t.tariff_pct[static_cast<std::size_t>(t.cell(d, o, s))] += increase_;
    }
  });
}

}  // namespace models
