// The instrument catalogue: every policy instrument and shock registers here,
// one line each, and the shared reading of targets, timing and budgets.
#include "models/capability_instruments.hpp"
#include "models/finance_instruments.hpp"
#include "models/instrument.hpp"
#include "models/market_instruments.hpp"
#include "models/park_instruments.hpp"
#include "models/shocks.hpp"
#include "models/support_instruments.hpp"
#include "models/trade_instruments.hpp"

#include <algorithm>
#include <stdexcept>

namespace models {

const std::vector<InstrumentKind>& policy_kinds() {
  static const std::vector<InstrumentKind> kinds = {
      kind<CreditGuarantee>(),
      kind<InterestSubsidy>(),
      kind<DevelopmentCreditLine>(),
      kind<Microfinance>(),
      kind<UpgradeGrant>(),
      kind<IndustrialPark>(),
      kind<ClusterSupport>(),
      kind<TariffChange>(),
      kind<NtbChange>(),
      kind<TradeFacilitation>(),
      kind<StandardsRecognition>(),
      kind<Matchmaking>(),
      kind<DigitalAdoption>(),
      kind<EcommerceChannel>(),
      kind<Training>(),
      kind<TechnologyTransfer>(),
      kind<SupplierDevelopment>(),
      kind<InnovationFund>(),
      kind<GreenRequirement>(),
      kind<CarbonPrice>(),
      kind<GreenFinance>(),
      kind<EntrySimplification>(),
      kind<ComplianceSimplification>(),
      kind<PublicProcurementSetaside>(),
      kind<LocalContentRequirement>(),
  };
  return kinds;
}

const std::vector<InstrumentKind>& shock_kinds() {
  static const std::vector<InstrumentKind> kinds = {
      kind<DemandShock>(),
      kind<SupplyDisruption>(),
      kind<CreditCrunch>(),
      kind<TradeWar>(),
  };
  return kinds;
}

std::uint64_t economy_mask(const std::vector<std::string>& ids, const sim::Scenario& sc, const World& w) {
  if (ids.empty()) return ~0ULL;
  std::uint64_t mask = 0;
  auto add = [&](const std::string& code) {
    for (int e = 0; e < w.E(); ++e) {
      if (w.econ[static_cast<std::size_t>(e)].code == code) mask |= 1ULL << static_cast<unsigned>(e);
    }
  };
  for (const auto& id : ids) {
    if (const auto* g = sc.entity("group", id)) {
      for (const auto& m : g->values.texts("members")) add(m);
    } else {
      add(id);
    }
  }
  return mask;
}

std::uint64_t sector_mask(const std::vector<std::string>& ids, const World& w) {
  if (ids.empty()) return ~0ULL;
  std::uint64_t mask = 0;
  for (const auto& id : ids) {
    for (int s = 0; s < w.S(); ++s) {
      if (w.sect[static_cast<std::size_t>(s)].name == id) mask |= 1ULL << static_cast<unsigned>(s);
    }
  }
  return mask;
}

double Instrument::spend(World& w, double usd, int e, int s) const {
  if (usd <= 0) return 0.0;
  const double spent = program(w).spend(usd);
  w.government_usd -= spent;
  w.outside_usd += spent;
  if (e < 0) {
    e = 0;
    while (e < w.E() - 1 && !target.economy(e)) ++e;
  }
  if (s < 0) {
    s = 0;
    while (s < w.S() - 1 && !target.sector(s)) ++s;
  }
  w.counters.fiscal_cost_usd[static_cast<std::size_t>(w.es(e, s))] += spent;
  return spent;
}

Instrument::Instrument(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : type(item.type), index(idx) {
  const auto& v = item.values;
  name = v.has("name") && !v.text("name").empty() ? v.text("name") : item.type + "_" + std::to_string(idx + 1);
  target.economies = economy_mask(v.texts("economies"), sc, w);
  if (v.has("partner_economies")) target.partners = economy_mask(v.texts("partner_economies"), sc, w);
  target.sectors = sector_mask(v.texts("sectors"), w);
  if (v.has("size_classes") && !v.texts("size_classes").empty()) {
    target.sizes = 0;
    for (const auto& z : v.texts("size_classes")) {
      if (z == "micro") target.sizes |= 1U;
      else if (z == "small") target.sizes |= 2U;
      else if (z == "medium") target.sizes |= 4U;
      else throw std::invalid_argument("policy '" + name + "': size class '" + z + "' is not micro, small or medium");
    }
  }
  if (v.has("tiers") && !v.reals("tiers").empty()) {
    target.tiers = 0;
    for (double t : v.reals("tiers")) target.tiers |= static_cast<std::uint8_t>(1U << (static_cast<unsigned>(t) - 1U));
  }
  if (v.has("inclusion")) {
    const auto& inc = v.text("inclusion");
    target.inclusion = inc == "women_led" ? 0xA : inc == "youth_led" ? 0xC : inc == "women_or_youth" ? 0xE : 0xF;
  }
  start_year = v.real("start_year");
  end_year = v.real("end_year");
}

}  // namespace models
