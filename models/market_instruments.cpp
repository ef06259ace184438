#include "models/market_instruments.hpp"

#include "models/trade_instruments.hpp"

#include <algorithm>

namespace models {
namespace {

// Pays this step's administration from the budget. A rule runs while it is
// paid for: false once nothing more can be spent.
bool administer(const Instrument& ins, World& w, double usd_per_year) {
  if (usd_per_year <= 0) return true;
  return ins.spend(w, usd_per_year / w.scale * w.dt) > 0;
}

sim::ParamSpec admin_cost(const char* what) {
  return sim::real("cost_usd_per_year", "USD/year", 0.0, 0.0, 1e12, what, "user");
}

// Calls f(k) for every targeted economy x sector index k = e*S+s.
template <class F>
void for_markets(const World& w, const Target& t, F&& f) {
  for (int e = 0; e < w.E(); ++e) {
    if (!t.economy(e)) continue;
    for (int s = 0; s < w.S(); ++s) {
      if (t.sector(s)) f(static_cast<std::size_t>(w.es(e, s)));
    }
  }
}

}  // namespace

// ---------------------------------------------------------------- trade facilitation

TradeFacilitation::TradeFacilitation(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      freight_cut_(item.values.real("freight_reduction")),
      border_cut_(item.values.real("border_time_ave_cut")),
      cost_per_year_(item.values.real("cost_usd_per_year")) {}

sim::VariantSpec TradeFacilitation::spec() {
  using namespace sim;
  return {"trade_facilitation",
          "Logistics centres, single windows and faster customs make shipping to, from and within the targeted "
          "`economies` cheaper. Their freight costs fall by `freight_reduction` (a cross-border flow gets the average "
          "of its two ends' reductions), and the ad valorem equivalent of border delays on their imports from "
          "`partner_economies` in the targeted sectors falls by `border_time_ave_cut` (not below zero). Buyers "
          "compare landed costs, so suppliers across these borders win more supplier slots. The programme costs "
          "`cost_usd_per_year` (investment and running costs) from its budget; it lapses when the budget is spent.",
          "3 (sourcing), 4 (production: landed costs paid)",
          {real("freight_reduction", "share", 0.2, 0.0, 0.9, "share of freight cost removed on flows of the targeted economies",
                "user; logistics reforms commonly cut trade costs by 10-20% (OECD Trade Facilitation Indicators, order of magnitude)"),
           real("border_time_ave_cut", "share", 0.02, 0.0, 2.0,
                "cut in the ad valorem equivalent of border delays on imports of the targeted economies",
                "user; a day of delay is worth roughly 0.6-2.3% ad valorem (Hummels & Schaur 2013)"),
           admin_cost("investment and running cost of the programme")}};
}

void TradeFacilitation::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (!administer(*this, w, cost_per_year_)) return;
  TradeCosts& t = w.trade;
  for (int e = 0; e < w.E(); ++e) {
    if (target.economy(e)) t.freight_factor[static_cast<std::size_t>(e)] *= 1.0 - freight_cut_;
  }
  if (border_cut_ <= 0) return;
  for_pairs(w, target, false, [&](int d, int o) {
    for (int s = 0; s < w.S(); ++s) {
      if (!target.sector(s)) continue;
      const auto c = static_cast<std::size_t>(t.cell(d, o, s));
      t.ntb_ave[c] = std::max(0.0, t.ntb_ave[c] - border_cut_);
    }
  });
}

// ---------------------------------------------------------------- green requirement

GreenRequirement::GreenRequirement(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      increase_(item.values.real("requirement_increase")),
      cost_per_year_(item.values.real("cost_usd_per_year")) {}

sim::VariantSpec GreenRequirement::spec() {
  using namespace sim;
  return {"green_requirement",
          "A green standard for value chains: buyers (lead firms and SMEs) in the targeted `economies` and sectors "
          "require suppliers, at home and abroad, to have a green level at least `requirement_increase` above the "
          "sector's own requirement at their tier. Suppliers below it are dropped at the buyer's next review and "
          "cannot win new slots. Because SMEs see that green firms keep their buyers, more of them invest in green "
          "upgrades (phase 7). Its fiscal cost is the administration, `cost_usd_per_year`.",
          "3 (sourcing), 7 (upgrading: evidence that green firms keep buyers)",
          {real("requirement_increase", "", 0.1, 0.0, 1.0, "added green level g required of suppliers (g is in [0, 1])",
                "user"),
           admin_cost("administrative cost of certification and enforcement")}};
}

void GreenRequirement::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (!administer(*this, w, cost_per_year_)) return;
  for_markets(w, target, [&](std::size_t k) { w.market.green_requirement_add[k] += increase_; });
}

// ---------------------------------------------------------------- carbon price

CarbonPrice::CarbonPrice(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      price_(item.values.real("price_usd_per_t")),
      cost_per_year_(item.values.real("cost_usd_per_year")) {}

sim::VariantSpec CarbonPrice::spec() {
  using namespace sim;
  return {"carbon_price",
          "A carbon tax or emissions-trading price of `price_usd_per_t` on the CO2 that SMEs of the targeted "
          "`economies` emit: each pays emissions (revenue x the sector's intensity x the economy's energy-mix "
          "factor x (1 - 0.6 g)) times the price in its accounts (phase 6). Green upgrades now save carbon cost, so "
          "more SMEs make them (phase 7); emission-intensive, non-green firms lose margin. The revenue is booked as "
          "a fee of the programme and lowers the fiscal cost (usually below zero). The price covers every sector "
          "of an economy: `sectors`, size classes, tiers and inclusion do not narrow it. Where several carbon prices "
          "overlap the highest applies. Administration costs `cost_usd_per_year`.",
          "6 (accounts), 7 (upgrading)",
          {real("price_usd_per_t", "USD/t", 50.0, 0.0, 2000.0, "price per tonne of CO2",
                "user; EU ETS prices were about USD 60-100/t in 2022-24, China's national ETS under USD 15/t (approximate)"),
           admin_cost("administrative cost of monitoring, reporting and verification")}};
}

void CarbonPrice::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (!administer(*this, w, cost_per_year_)) return;
  for (int e = 0; e < w.E(); ++e) {
    if (!target.economy(e)) continue;
    const auto k = static_cast<std::size_t>(e);
    if (price_ > w.market.carbon_price_usd_per_t[k]) {
      w.market.carbon_price_usd_per_t[k] = price_;
      w.market.carbon_program[k] = static_cast<std::int16_t>(index);
    }
  }
}

// ---------------------------------------------------------------- entry simplification

EntrySimplification::EntrySimplification(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      cut_(item.values.real("entry_cost_reduction")),
      cost_per_year_(item.values.real("cost_usd_per_year")) {}

sim::VariantSpec EntrySimplification::spec() {
  using namespace sim;
  return {"entry_simplification",
          "One-stop shops, online registration, fewer licences: the regulatory entry cost index of the targeted "
          "`economies` falls by the share `entry_cost_reduction`, so more firms enter each year (the entry rate "
          "rises as exp(entry_cost_elasticity x index x reduction)). Entrants are drawn as usual: smaller and less "
          "productive than incumbents on average. The rule applies to the whole economy (sectors and firm "
          "targets do not narrow it). Its fiscal cost is the administration, `cost_usd_per_year`.",
          "9 (entry and exit)",
          {real("entry_cost_reduction", "share", 0.3, 0.0, 1.0, "share of the entry cost index removed",
                "user; World Bank Doing Business reforms often halved registration time and cost"),
           admin_cost("administrative cost of the reform (one-stop shops, online systems)")}};
}

void EntrySimplification::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (!administer(*this, w, cost_per_year_)) return;
  for (int e = 0; e < w.E(); ++e) {
    auto& r = w.market.entry_cost_reduction[static_cast<std::size_t>(e)];
    if (target.economy(e)) r = std::max(r, cut_);
  }
}

// ---------------------------------------------------------------- compliance simplification

ComplianceSimplification::ComplianceSimplification(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w,
                                                   int idx)
    : Instrument(item, sc, w, idx),
      cut_(item.values.real("compliance_cost_reduction")),
      cost_per_year_(item.values.real("cost_usd_per_year")) {}

sim::VariantSpec ComplianceSimplification::spec() {
  using namespace sim;
  return {"compliance_simplification",
          "Simpler tax filing, reporting and inspections for the targeted SMEs (by economy, sector, size class, "
          "tier, inclusion): the regulatory compliance cost they pay each step (the economy's "
          "`compliance_cost_share` of revenue) falls by the share `compliance_cost_reduction`. Profit and cash rise, "
          "so fewer firms run out of cash, and banks see better margins. Its fiscal cost is the administration, "
          "`cost_usd_per_year`.",
          "6 (accounts)",
          {real("compliance_cost_reduction", "share", 0.3, 0.0, 1.0, "share of the compliance cost removed",
                "user; simplified regimes for small firms commonly halve compliance costs (OECD SME Outlook, order of magnitude)"),
           admin_cost("administrative cost of the simplified regime")}};
}

void ComplianceSimplification::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (!administer(*this, w, cost_per_year_)) return;
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::Compliance);
    if (cut_ > v.value) v = {static_cast<float>(cut_), 0.0F, 0.0F, static_cast<std::int16_t>(index)};
  });
}

// ---------------------------------------------------------------- public procurement

PublicProcurementSetaside::PublicProcurementSetaside(const sim::ArrayItem& item, const sim::Scenario& sc,
                                                     const World& w, int idx)
    : Instrument(item, sc, w, idx),
      share_(item.values.real("set_aside_share")),
      cost_per_year_(item.values.real("cost_usd_per_year")) {}

sim::VariantSpec PublicProcurementSetaside::spec() {
  using namespace sim;
  return {"public_procurement_setaside",
          "Business-to-government (B2G) market access: in the targeted `economies` and sectors, the state reserves "
          "`set_aside_share` of each tier's local market for eligible SMEs, those matching the size classes, tiers "
          "and inclusion groups targeted (e.g. micro firms, women-led firms). Eligible firms share the reserved part "
          "by competitiveness, as the open market is shared, and compete for the rest as before; where a tier has no "
          "eligible firm the whole market stays open. The state buys what it would have bought anyway, so the "
          "fiscal cost is the administration, `cost_usd_per_year`.",
          "2 (demand)",
          {real("set_aside_share", "share", 0.05, 0.0, 0.9, "share of the local market reserved for eligible SMEs",
                "user; public procurement is 10-15% of GDP in many economies and SME set-aside targets are often "
                "20-25% of it (e.g. US federal goal 23%), i.e. a few % of the market"),
           admin_cost("administrative cost of running the set-aside")}};
}

void PublicProcurementSetaside::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (!administer(*this, w, cost_per_year_)) return;
  for_markets(w, target, [&](std::size_t k) {
    if (share_ > w.market.procurement_share[k]) {
      w.market.procurement_share[k] = share_;
      w.market.procurement_program[k] = static_cast<std::int16_t>(index);
    }
  });
  w.cells.for_each(target, [&](int c) {
    w.cells.at(c, Channel::Procurement) = {1.0F, 0.0F, 0.0F, static_cast<std::int16_t>(index)};
  });
}

// ---------------------------------------------------------------- local content

LocalContentRequirement::LocalContentRequirement(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w,
                                                 int idx)
    : Instrument(item, sc, w, idx),
      min_share_(item.values.real("min_domestic_share")),
      cost_per_year_(item.values.real("cost_usd_per_year")) {}

sim::VariantSpec LocalContentRequirement::spec() {
  using namespace sim;
  return {"local_content_requirement",
          "Industrial policy: lead firms in the targeted `economies` and sectors must keep at least "
          "`min_domestic_share` of their filled supplier slots with domestic SMEs. A lead firm that would fall "
          "below it does not take a foreign candidate into a free slot or in place of a domestic supplier, even when "
          "the foreign one is cheaper; so domestic suppliers gain chain links and foreign ones lose them, and lead "
          "firms may pay more for inputs. The rule is checked as slots change; existing foreign links are not cut. "
          "Its fiscal cost is the administration, `cost_usd_per_year`.",
          "3 (sourcing)",
          {real("min_domestic_share", "share", 0.5, 0.0, 1.0, "least share of a lead firm's filled supplier slots held by domestic SMEs",
                "user"),
           admin_cost("administrative cost of verification")}};
}

void LocalContentRequirement::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (!administer(*this, w, cost_per_year_)) return;
  for_markets(w, target, [&](std::size_t k) {
    w.market.local_content_min[k] = std::max(w.market.local_content_min[k], min_share_);
  });
}

}  // namespace models
